package extract

import (
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gluedLink reports whether n is a link set right against the link
// before it (no white space between), in a parent that holds no text of
// its own, the first ending in a letter, digit or punctuation and n
// starting with a capital: two buttons or items of a bar that a browser
// lays out apart ("Get Started" "Explore products", a card's title
// after the card before). Run together they made one word of two. A
// lower-case start goes on a word ("P" "acking"), so it stays glued.
func (e *emitter) gluedLink(n *html.Node) bool {
	if !e.broad || n.DataAtom != atom.A {
		return false
	}
	r, f, ok := meetingRunes(n)
	if !ok || unicode.IsSpace(r) || !unicode.IsUpper(f) {
		return false
	}
	p := n.Parent
	if p != e.barParent {
		e.barParent, e.barOK = p, p != nil && !ownText(p)
	}
	return e.barOK
}

// ownText reports whether n has a child text node that is not white space.
func ownText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && !blank(c.Data) {
			return true
		}
	}
	return false
}

// blank reports whether s is empty or white space only.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
		default:
			return false
		}
	}
	return true
}
