package extract

import "golang.org/x/net/html"

// filterBoxWords are the class and id words of a listing's filter
// panel, whatever its controls: drop-downs, sliders and buttons as well
// as tick boxes (dropFacets counts those).
var filterBoxWords = map[string]bool{"filters": true, "facets": true, "refinements": true}

// filterProseWords is the fewest words of a sentence that shows an
// element named as a filter panel (filterBoxWords) holds text, not
// controls: a category's introduction in a side column, a product's
// water-filter features.
const filterProseWords = 10

// filterTitleWords is the fewest words of a linked title (isCardTitle)
// that shows an element named as a filter panel holds cards: a shop
// names a grid's wrapper after its category ("collection-water-filters"),
// and a guide under the grid can outweigh it (filterBoxShare). A panel's
// links are a value and a count ("Under £20 (12)"), shorter; gridTitleRun
// titles of this length or more keep the element.
const filterTitleWords = 5

// filterBoxShare: an element named as a filter panel holds less than
// 1/filterBoxShare of the text's words; one holding more is a wrapper
// around the results ("results-with-filters").
const filterBoxShare = 3

// dropFilterBoxes drops from a listing's main text the blocks inside
// the elements named as its filter panels (filterBoxWords) that hold no
// sentence of filterProseWords words or more, fewer than gridTitleRun
// linked titles of filterTitleWords words, and under a third of the
// text's words (filterBoxShare), unless fewer than
// facetMinWordsLeft words would be left. A panel of drop-downs or
// buttons has no tick boxes for dropFacets to count; its labels ("Year",
// "Region", "Hours worked", "Clear all") are controls, not the listing.
func (p *page) dropFilterBoxes(bs []block) []block {
	spans := p.markedSpans(func(n *html.Node) bool {
		for _, t := range p.x.nameTokens(n) {
			if filterBoxWords[t] {
				return true
			}
		}
		return false
	})
	if len(spans) == 0 {
		return bs
	}
	prose := map[int32]bool{} // by span start
	words := map[int32]int{}
	titles := map[int32]int{}
	all := 0
	for _, b := range bs {
		w := countWords(b.text)
		all += w
		if s, in := spanOf(b, spans); in {
			words[s[0]] += w
			prose[s[0]] = prose[s[0]] || w >= filterProseWords && endsSentence(b.text)
			if w >= filterTitleWords && isCardTitle(b) {
				titles[s[0]]++
			}
		}
	}
	return dropSpansIf(bs, spans, facetMinWordsLeft, func(_ block, s [2]int32) bool {
		return !prose[s[0]] && titles[s[0]] < gridTitleRun && words[s[0]]*filterBoxShare < all
	})
}
