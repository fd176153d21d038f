package extract

import (
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// holdsHeadline reports whether the block n holds the page's own
// headline: an <h1>, not inside a link, whose text is the page's title
// (its <title> or og:title contains it). Such a block is the article's
// header, not a teaser, whatever links sit beside it.
func (p *page) holdsHeadline(n *xhtml.Node) bool {
	for d := range n.Descendants() {
		if d.Type != xhtml.ElementNode || d.DataAtom != atom.H1 || inLink(d, n) {
			continue
		}
		if p.isTitle(textOf(d)) {
			return true
		}
	}
	return false
}

// inLink reports whether n lies inside an <a> below the block top.
func inLink(n, top *xhtml.Node) bool {
	for a := n.Parent; a != nil && a != top; a = a.Parent {
		if a.DataAtom == atom.A {
			return true
		}
	}
	return false
}

// isTitle reports whether h, of two words or more, is contained in the
// page's <title> or og:title, or contains it (a badge or kicker inside
// the <h1>), ignoring case.
func (p *page) isTitle(h string) bool {
	h = strings.ToLower(h)
	if numFields(h) < 2 {
		return false
	}
	for _, t := range []string{p.titleTag, p.meta("og:title")} {
		t = strings.ToLower(cleanSpace(t))
		if t != "" && (strings.Contains(t, h) || numFields(t) >= 2 && strings.Contains(h, t)) {
			return true
		}
	}
	return false
}
