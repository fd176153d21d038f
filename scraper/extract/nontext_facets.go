package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
// when the page has too few tick boxes. An element with a price by every
// box is rows of products with a "compare" box each, not a panel of
// filters (whose price ranges are a few of its boxes).
func (p *page) facetPanels() func(*html.Node) bool {
	x := p.x
	total := 0
	for _, n := range x.nodes {
		if n.Type == html.ElementNode && isTickBox(n) {
			total++
		}
	}
	if total < facetMinBoxes {
		return nil
	}
	// Counted bottom up, children before their parents (the walk lists
	// every ancestor of a node it lists): one step a node, not one a box
	// and level.
	boxes, prices := make([]int32, len(x.nodes)), make([]int32, len(x.nodes))
	for i := len(x.nodes) - 1; i >= 0; i-- {
		n := x.nodes[i]
		if n.Type == html.ElementNode && isTickBox(n) {
			boxes[i]++
		}
		prices[i] += int32(pricedTexts(n))
		if j, ok := x.idx[n.Parent]; ok {
			boxes[j] += boxes[i]
			prices[j] += prices[i]
		}
	}
	return func(n *html.Node) bool {
		i, ok := x.idx[n]
		if !ok || boxes[i] < facetMinBoxes || prices[i] >= boxes[i] || n.DataAtom == atom.Body || n.DataAtom == atom.Html {
			return false
		}
		return x.infos[i].text <= facetBytesPerBox*int(boxes[i])
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

// pricedTexts counts n's own text children that hold a price: a currency
// sign beside a digit ("£3.50", "12,90 €").
func pricedTexts(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && holdsPrice(c.Data) {
			k++
		}
	}
	return k
}

// holdsPrice reports whether s has a currency sign with a digit next to
// it, a space between allowed.
func holdsPrice(s string) bool {
	for i, r := range s {
		if !unicode.Is(unicode.Sc, r) {
			continue
		}
		after := strings.TrimLeft(s[i+utf8.RuneLen(r):], " \u00a0")
		before := strings.TrimRight(s[:i], " \u00a0")
		if after != "" && after[0] >= '0' && after[0] <= '9' || before != "" && before[len(before)-1] >= '0' && before[len(before)-1] <= '9' {
			return true
		}
	}
	return false
}
