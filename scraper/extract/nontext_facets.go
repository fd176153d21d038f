package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds of a filter panel (facetPanels): the fewest tick boxes it
// holds, and the most bytes of visible text per tick box (a value's
// label and count, a group's name).
const (
	facetMinBoxes     = 4
	facetBytesPerBox  = 40
	facetMinWordsLeft = 50
)

// isTickBox reports whether n is a checkbox, as an input or by its
// role. Radio buttons are not counted: a product card's colour swatches
// are radio buttons, several per card.
func isTickBox(n *html.Node) bool {
	if n.DataAtom == atom.Input {
		return strings.EqualFold(attr(n, "type"), "checkbox")
	}
	r := attr(n, "role")
	return r == "checkbox" || r == "menuitemcheckbox"
}

// facetPanels returns a predicate for the elements of the page that are
// filter panels: an element holding facetMinBoxes tick boxes or more
// and at most facetBytesPerBox bytes of visible text per box (the
// values of a listing's facets: brands, sizes, colours, prices, each
// with a box). A product card with a "compare" box, a form with a
// consent box, and the grid of results hold far more text per box.
// Only the boxes that the content walk meets count: it skips labels,
// and the boxes and text inside them (counting those too dropped whole
// grids of products whose cards hold a label per size). It returns nil
// when the page has too few tick boxes.
func (p *page) facetPanels() func(*html.Node) bool {
	x := p.x
	boxes := map[*html.Node]int{}
	total := 0
	for _, n := range x.nodes {
		if n.Type != html.ElementNode || !isTickBox(n) {
			continue
		}
		total++
		for a := n.Parent; a != nil; a = a.Parent {
			boxes[a]++
		}
	}
	if total < facetMinBoxes {
		return nil
	}
	return func(n *html.Node) bool {
		c := boxes[n]
		if c < facetMinBoxes || n.DataAtom == atom.Body || n.DataAtom == atom.Html {
			return false
		}
		i, ok := x.idx[n]
		return ok && x.infos[i].text <= facetBytesPerBox*c
	}
}

// dropFacets drops from a listing's main text the blocks inside its
// filter panels (facetPanels): the names of the facets and their values
// are controls, not the listing. The blocks stay as they are when fewer
// than facetMinWordsLeft words would be left.
func (p *page) dropFacets(bs []block) []block {
	marks := p.facetPanels()
	if marks == nil {
		return bs
	}
	return dropSpans(bs, p.markedSpans(marks), facetMinWordsLeft)
}
