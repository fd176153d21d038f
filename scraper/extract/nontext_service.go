package extract

import "github.com/archivist-project/archivist/corpus"

// serviceNetDoubt is the page-type model's article probability under
// which an article is in doubt for serviceNet.
const serviceNetDoubt = 0.7

// serviceNet is the recall net of a page typed article that may be a
// service page (a product's or a firm's page in many sections, its
// features under their headings): when serviceNetTakes says so, the body
// is one section of the page and the block model's text replaces it.
func (p *page) serviceNet(art *corpus.Article) {
	if p.shortArt || art.Text != p.body || len(p.feats) != len(pageTypeModel.Features) {
		return
	}
	_, pArticle, other := pageTypeModel.classify(p.feats)
	if !serviceNetTakes(pArticle, other, art.WordCount, 0, 0) {
		return // in doubt first: the block model's text costs more
	}
	kept, _ := p.modelKept()
	text := joinBlocks(kept)
	words := countWords(text)
	if !serviceNetTakes(pArticle, other, art.WordCount, words, countWords(proseText(kept))) {
		return
	}
	// Without the site's chrome, as the text of a page typed service.
	text = joinBlocks(p.mainOfOther(p.shopText(kept, corpus.PageTypeService), false))
	art.Text, art.WordCount = text, countWords(text)
	p.relanguage(art)
}

// serviceNetTakes reports whether serviceNet takes the block model's
// text: the page-type model is in doubt (its article probability under
// serviceNetDoubt) and its next guess is service, and the model's text
// holds more than twice the body's words and half as much again of prose
// (paragraphs of ten words or more: not a list of products or links).
// With modelWords 0 it says whether the page is in doubt at all.
func serviceNetTakes(pArticle float64, other string, bodyWords, modelWords, modelProse int) bool {
	if pArticle >= serviceNetDoubt || other != corpus.PageTypeService {
		return false
	}
	if modelWords == 0 {
		return true
	}
	return modelWords > bodyWords*2 && modelProse*2 > bodyWords*3
}
