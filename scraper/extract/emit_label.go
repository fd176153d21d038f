package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// labelMaxBytes bounds the text of a label read only by screen readers
// (srLabel): a field's name, not a sentence.
const labelMaxBytes = 40

// srLabel reports whether n is a label that only screen readers get: an
// inline element whose class says it is visually hidden (srOnlyClass),
// whose text is a name of four words or fewer without a digit, set before
// the visible value it names or naming a control that shows no text of
// its own. A shop's tiles carry them by the dozen ("Regular price" before
// "$36", "Sale price:", "Select size" before the sizes a script draws),
// and so do buttons and links ("Play video", "More information"): the
// page shows the value or the icon, not the label. A hidden text with a
// figure in it is a sentence read aloud ("Original price was: $39.95.")
// and stays, and so does a hidden word that is all a table cell says (a
// tick's "Yes"), and a hidden name before another hidden text.
func srLabel(n *html.Node) bool {
	if !srOnlyClass(attr(n, "class")) {
		return false
	}
	t := shortText(n, labelMaxBytes)
	if t == "" || len(strings.Fields(t)) > 4 || strings.IndexFunc(t, unicode.IsDigit) >= 0 {
		return false
	}
	switch v := nextShown(n); {
	case v == nil || v.Type == html.ElementNode && !holdsText(v):
		return !inCell(n)
	case v.Type == html.TextNode:
		return true
	default:
		return !srOnlyClass(attr(v, "class"))
	}
}

// inCell reports whether n sits in a table cell, at most two elements
// down.
func inCell(n *html.Node) bool {
	for p, i := n.Parent, 0; p != nil && i < 3; p, i = p.Parent, i+1 {
		if p.DataAtom == atom.Td || p.DataAtom == atom.Th {
			return true
		}
	}
	return false
}

// holdsText reports whether n's subtree has a text node that is not
// white space, outside elements that hold no text (scripts, styles).
func holdsText(n *html.Node) bool {
	if n.Type == html.TextNode {
		return !blank(n.Data)
	}
	if n.Type != html.ElementNode || textless(n.DataAtom) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if holdsText(c) {
			return true
		}
	}
	return false
}

// nextShown returns n's next sibling that is not blank text or a
// comment, or nil.
func nextShown(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		switch s.Type {
		case html.TextNode:
			if !blank(s.Data) {
				return s
			}
		case html.ElementNode:
			return s
		}
	}
	return nil
}

// srOnlyClass reports whether a class attribute names an element hidden
// from the screen but read by screen readers, in the words CSS frameworks
// and themes use for it (Bootstrap's sr-only, visually-hidden, WordPress's
// screen-reader-text).
func srOnlyClass(class string) bool {
	if class == "" {
		return false
	}
	c := strings.ToLower(class)
	for _, w := range srOnlyWords {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

var srOnlyWords = []string{"sr-only", "sr_only", "visually-hidden", "visuallyhidden", "visually_hidden", "screen-reader", "screenreader"}

// label notes the text of a muted srLabel n, so that the block model
// reads the block as the page wrote it.
func (f *featWalk) label(n *html.Node) {
	f.labels = append(f.labels, shortText(n, labelMaxBytes)...)
	f.labels = append(f.labels, ' ')
}

// featText is the block's text t as the block model reads it: with the
// labels muted in it put back before it.
func (f *featWalk) featText(t string) string {
	if len(f.labels) == 0 {
		return t
	}
	return string(f.labels) + t
}
