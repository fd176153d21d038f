package extract

import (
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxAboveTexts is how many texts before the headline are read as its
// kicker line ("02.02.2022 10:16 Uhr - Bundesliga" over the <h1>).
const maxAboveTexts = 3

// aboveHeadline returns the short texts just before the first <h1>, the
// nearest first, within the headline's parent and grandparent: the line
// over a headline that some pages print their dateline in. The site's
// top bar (today's date) lies outside that box.
func (p *page) aboveHeadline() []string {
	h1 := firstH1(p.root)
	if h1 == nil || h1.Parent == nil {
		return nil
	}
	box := h1.Parent
	if box.Parent != nil && box.Parent.DataAtom != atom.Body {
		box = box.Parent
	}
	var out []string
	seen := 0
	for n := prevNode(h1); n != nil && n != box && seen < maxAboveTexts; n = prevNode(n) {
		if n.Type != xhtml.TextNode || inScriptOrStyle(n) {
			continue
		}
		t := cleanSpace(n.Data)
		if t == "" {
			continue
		}
		seen++
		if len(t) < 120 && strings.ContainsAny(t, "0123456789") {
			out = append(out, t)
		}
	}
	return out
}

// firstH1 returns the first <h1> under n in document order.
func firstH1(n *xhtml.Node) *xhtml.Node {
	for d := range n.Descendants() {
		if d.Type == xhtml.ElementNode && d.DataAtom == atom.H1 {
			return d
		}
	}
	return nil
}

// prevNode returns the node before n in document order: the last
// descendant of its previous sibling, or else its parent.
func prevNode(n *xhtml.Node) *xhtml.Node {
	if n.PrevSibling != nil {
		return lastDescendant(n.PrevSibling)
	}
	return n.Parent
}

// inScriptOrStyle reports whether the text node n is a script's or a
// style's.
func inScriptOrStyle(n *xhtml.Node) bool {
	return n.Parent != nil && (n.Parent.DataAtom == atom.Script || n.Parent.DataAtom == atom.Style)
}
