package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// An accordion as WAI-ARIA writes it: each section's header is a
// heading that holds only a <button> with aria-expanded, the control
// that opens the section's panel. FAQs, buying guides and a shop's
// guides to a category are written so; the header is the question or
// the section's title. The walks skip buttons (controls: "Add to cart",
// "Menu"), which left the section's panel, when it is shown or put back
// (withPanels), without its title.

// accordionButton reports whether n is an accordion's header button: a
// <button> with aria-expanded inside a heading (an <h1>-<h6> or
// role=heading, its parent or grandparent) whose text is the button's
// alone. A button beside a heading's own words ("Citations" and a "See
// all" button) is a control, not the header.
func accordionButton(n *html.Node) bool {
	if n.DataAtom != atom.Button || !hasAttr(n, "aria-expanded") {
		return false
	}
	h := headingAround(n)
	return h != nil && !textOutside(h, n)
}

// headingAround returns the heading that is n's parent or grandparent,
// or nil.
func headingAround(n *html.Node) *html.Node {
	for a, i := n.Parent, 0; a != nil && a.Type == html.ElementNode && i < 2; a, i = a.Parent, i+1 {
		if isHeading(a.DataAtom) || attr(a, "role") == "heading" {
			return a
		}
	}
	return nil
}

// headingNodes bounds the nodes textOutside looks at: a heading is a
// line; one holding more is no accordion's header (and a page of many
// buttons in one heading stays linear).
const headingNodes = 64

// textOutside reports whether h holds text outside its descendant b, or
// more than headingNodes nodes.
func textOutside(h, b *html.Node) bool {
	budget := headingNodes
	return textOutsideUpTo(h, b, &budget)
}

func textOutsideUpTo(h, b *html.Node, budget *int) bool {
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		if *budget--; *budget < 0 {
			return true
		}
		switch {
		case c == b:
		case c.Type == html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return true
			}
		case c.Type == html.ElementNode && textOutsideUpTo(c, b, budget):
			return true
		}
	}
	return false
}
