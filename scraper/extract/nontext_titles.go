package extract

import (
	"slices"

	"github.com/archivist-project/archivist/corpus"
)

// withTeaserTitles gives a listing whose text is the run of teasers
// found as its body (teaserFront: the text an article would get) the
// linked headlines of those teasers that the block model keeps
// (withLinkedTitles), unless a net chose another text.
func (p *page) withTeaserTitles(art *corpus.Article) {
	if art.Text != p.body {
		return
	}
	kept, _, _ := p.modelKeptOf(art.PageType)
	if bs := withLinkedTitles(p.blocks, kept); len(bs) > len(p.blocks) {
		art.Text = joinBlocks(bs)
		art.WordCount = countWords(art.Text)
	}
}

// withLinkedTitles returns bs, the article-shaped body kept as a
// listing's text, with the linked blocks the block model keeps (kept)
// between its first and last block put back in their places, and the
// linked heading it keeps right before the body's first block (the first
// card's title when the body opens with its teaser): the content walk
// drops a card's linked headline as an article's teaser, while on a
// listing the headlines are the content.
func withLinkedTitles(bs, kept []block) []block {
	if len(bs) == 0 {
		return bs
	}
	first, last := bs[0].at, bs[len(bs)-1].at
	have := make(map[int32]bool, len(bs))
	for _, b := range bs {
		have[b.at] = true
	}
	var add []block
	for i, k := range kept {
		in := k.at > first && k.at < last || k.at < first && k.heads() && i+1 < len(kept) && kept[i+1].at == first
		if k.link > 0.5 && in && !have[k.at] && (k.heads() || k.kind == kindPara && countWords(k.text) >= titleWords) {
			add = append(add, k)
		}
	}
	if len(add) == 0 {
		return bs
	}
	out := append(slices.Clip(bs), add...)
	slices.SortStableFunc(out, func(a, b block) int { return int(a.at - b.at) })
	return out
}

// titleWords is the fewest words of a linked line that is not a heading
// for withLinkedTitles to take it as a card's title: shorter ones are
// buttons ("More", "Star") and menus.
const titleWords = 4
