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
// all" button) is a control, not the header. Nor is one whose panel,
// when it follows the heading, holds a form's fields (a shop's filter:
// "Brand", "Price" over checkboxes), or holds no text outside links (a
// filter's values a script fills in, a drawer of links to other
// stories) unless the header is a question (an FAQ whose answers a
// script fills in; the references keep the questions): such words would
// stand alone in the text.
func accordionButton(n *html.Node) bool {
	if n.DataAtom != atom.Button || !hasAttr(n, "aria-expanded") {
		return false
	}
	h := headingAround(n)
	if h == nil || textOutside(h, n) {
		return false
	}
	p := followingPanel(h, attr(n, "aria-controls"))
	if p == nil {
		return true
	}
	budget, text := panelNodes, false
	if fieldOrText(p, &budget, &text) {
		return false
	}
	return text || isQuestion(textOf(h))
}

// shutHeader reports whether n, a button the content walk kept as an
// accordion's header (accordionButton), heads a panel that the walk
// dropped (hidden): on an article, whose hidden parts stay out, its
// words would stand alone in the text ("Transcript" over a hidden
// transcript, between two paragraphs of the story). A page of another
// type gets the panel back (withPanels) and keeps its header.
func (x *contentExtractor) shutHeader(n *html.Node) bool {
	h := headingAround(n)
	if h == nil {
		return false
	}
	p := followingPanel(h, attr(n, "aria-controls"))
	if p == nil {
		return false
	}
	i, ok := x.idx[p]
	return !ok || x.infos[i].junk
}

// isQuestion reports whether a heading's text t asks a question (a
// question mark at its end, or the Spanish opening one at its start).
func isQuestion(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？") || strings.HasPrefix(t, "¿")
}

// followingPanel returns the element of id id (the button's
// aria-controls) when it is h's next element sibling or that sibling's
// first element child (a panel in a container that animates its
// height), else nil: a panel placed elsewhere is not looked for (an id
// lookup on every button would need the page's index of ids).
func followingPanel(h *html.Node, id string) *html.Node {
	if id == "" {
		return nil
	}
	s := nextElementSibling(h)
	if s == nil {
		return nil
	}
	if attr(s, "id") == id {
		return s
	}
	for c := s.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if attr(c, "id") == id {
				return c
			}
			break
		}
	}
	return nil
}

// panelNodes bounds the nodes fieldOrText reads of one panel (each
// panel is read once per walk, for its one header: linear). A panel
// larger than the bound whose first nodes hold text counts as text.
const panelNodes = 256

// fieldOrText walks n's subtree in document order until budget runs out,
// setting *text at a text node outside links and skipped tags (the
// answer or the section a header heads, not a list of links), and
// returns true at the first form field (a checkbox, a listbox).
func fieldOrText(n *html.Node, budget *int, text *bool) bool {
	for c := n.FirstChild; c != nil && *budget > 0; c = c.NextSibling {
		*budget--
		switch {
		case c.Type == html.TextNode:
			*text = *text || strings.TrimSpace(c.Data) != ""
		case c.Type != html.ElementNode:
		case isField(c):
			return true
		case c.DataAtom == atom.A || classifyTag(c.DataAtom) == tagSkip && c.DataAtom != atom.Label:
		case fieldOrText(c, budget, text):
			return true
		}
	}
	return false
}

// isField reports whether n is a form or a form's field, by tag or by
// the ARIA role a script's custom control takes.
func isField(n *html.Node) bool {
	if isFormTag(n.DataAtom) {
		return true
	}
	switch attr(n, "role") {
	case "checkbox", "radio", "listbox", "option", "slider", "searchbox", "switch":
		return true
	}
	return false
}

// isFormTag reports whether a is a form's or a form field's tag.
func isFormTag(a atom.Atom) bool {
	switch a {
	case atom.Form, atom.Input, atom.Select, atom.Textarea:
		return true
	}
	return false
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
