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
	if !serviceNetTakes(pArticle, other, art.WordCount, words, countWords(proseText(kept))) || mostlyStubs(kept) {
		return
	}
	if p.x.declared && p.wordsBeforeHeadline(kept)*2 > art.WordCount {
		return // a story under other stories' teasers: the body stays
	}
	// Without the site's chrome, as the text of a page typed service.
	text = joinBlocks(p.mainOfOther(p.shopText(kept, corpus.PageTypeService), false))
	art.Text, art.WordCount = text, countWords(text)
	p.relanguage(art)
}

// serviceNetTakes reports whether serviceNet takes the block model's
// text: the page-type model is in doubt (its article probability under
// serviceNetDoubt) and its next guess is service, and the model's text
// holds more than 1.5 times the body's words and more prose than the
// body has words (paragraphs of ten words or more: not a list of
// products or links). serviceNet also leaves a text made mostly of stubs
// (mostlyStubs).
// With modelWords 0 it says whether the page is in doubt at all.
func serviceNetTakes(pArticle float64, other string, bodyWords, modelWords, modelProse int) bool {
	if pArticle >= serviceNetDoubt || other != corpus.PageTypeService {
		return false
	}
	if modelWords == 0 {
		return true
	}
	return modelWords*2 > bodyWords*3 && modelProse > bodyWords
}

// wordsBeforeHeadline counts the words of the blocks before the page's
// headline among bs (0 when bs holds no headline). On a page that
// declares an article, text before the headline that outweighs half the
// body is the site's ticker and other stories' teasers, not a service
// page's sections, which open under the headline: serviceNet then keeps
// the body.
func (p *page) wordsBeforeHeadline(bs []block) int {
	n := 0
	for _, b := range bs {
		if b.heads() && len(b.text) <= 200 && p.isHeadline(b.text) {
			return n
		}
		n += countWords(b.text)
	}
	return 0
}

// mostlyStubs reports whether half the blocks or more hold two words or
// fewer: a directory's "...more" links and place names, not the sections
// of a page.
func mostlyStubs(bs []block) bool {
	stubs := 0
	for _, b := range bs {
		if countWords(b.text) <= 2 {
			stubs++
		}
	}
	return stubs*2 >= len(bs)
}
