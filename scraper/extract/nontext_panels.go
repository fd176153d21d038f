package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// withPanels returns the main text of a page that is not an article with
// the tab panels and collapsed sections that the page hides until a
// control shows them put back in place: the content walk drops what is
// hidden, but a service page's tabs ("Info", "Forms", "FAQs") and its
// accordions are its content, and the references keep them. A panel
// counts when it is hidden (isHiddenPanel), when the element around it
// holds a line of the text (its visible tab, its control or a sibling
// section) and when its lines are not in the text already (a carousel's
// slides printed again).
func (p *page) withPanels(bs []block) []block {
	if len(bs) == 0 || p.x == nil || p.bodyNode == nil {
		return bs
	}
	var panels []*html.Node
	findPanels(p.bodyNode, &panels)
	if len(panels) == 0 {
		return bs
	}
	seen := make(map[string]bool, len(bs))
	for _, b := range bs {
		seen[b.text] = true
	}
	for _, n := range panels {
		at, ok := p.x.idx[n]
		if !ok || n.Parent == nil || !within(bs, at) && !p.holdsKept(n.Parent, bs) {
			continue
		}
		add := newLines(dropChrome(panelBlocks(n), false), seen)
		if len(add) == 0 {
			continue
		}
		for i := range add {
			add[i].at = at
		}
		bs = insertAt(bs, add, at)
	}
	return bs
}

// findPanels collects the hidden panels under n, in document order,
// without entering what the page hides otherwise (menus, dialogs) or
// what is never text.
func findPanels(n *html.Node, out *[]*html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Nav, atom.Svg:
			continue
		}
		if isHiddenPanel(c) {
			*out = append(*out, c)
			continue
		}
		if hidesElement(c) {
			continue
		}
		findPanels(c, out)
	}
}

// isHiddenPanel reports whether n is a tab panel or a section labelled by
// its control (aria-labelledby) that is hidden: by an inline style, by
// the hidden attribute, or, for a tab panel, from assistive technology.
// Dialogs, menus and lists of options are not panels.
func isHiddenPanel(n *html.Node) bool {
	role := attr(n, "role")
	switch role {
	case "tabpanel":
		return styleHides(attr(n, "style"))
	case "dialog", "alertdialog", "menu", "listbox", "navigation":
		return false
	}
	if !hasAttr(n, "aria-labelledby") {
		return false
	}
	// aria-hidden alone: the content walk shows such a panel already
	// (collapsedPanel).
	return styleHides(attr(n, "style"))
}

// hidesElement reports whether n's own attributes hide it.
func hidesElement(n *html.Node) bool {
	return hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" || styleHides(attr(n, "style"))
}

// within reports whether the element at doc-order index at comes between
// the first and the last block of bs.
func within(bs []block, at int32) bool {
	return bs[0].at < at && at < bs[len(bs)-1].at
}

// holdsKept reports whether a block of bs was made inside n.
func (p *page) holdsKept(n *html.Node, bs []block) bool {
	for _, b := range bs {
		if int(b.at) >= len(p.x.nodes) {
			continue
		}
		for m := p.x.nodes[b.at]; m != nil; m = m.Parent {
			if m == n {
				return true
			}
		}
	}
	return false
}

// panelBlocks returns the blocks of a hidden panel as the content walk
// would make them were it shown: the panel is shown for a walk of its
// own, then hidden again as the page had it.
func panelBlocks(n *html.Node) []block {
	saved := append([]html.Attribute(nil), n.Attr...)
	unhide(n)
	y := getExtractor()
	y.analyzePage(n)
	bs, _ := y.bodyBlocks([]*html.Node{n})
	out := append([]block(nil), bs...)
	putExtractor(y)
	n.Attr = saved
	return out
}

// newLines returns the blocks of bs whose text is not in seen, and adds
// them to it; nothing when most of the lines were there already.
func newLines(bs []block, seen map[string]bool) []block {
	var out []block
	for _, b := range bs {
		if !seen[b.text] {
			out = append(out, b)
		}
	}
	if len(out)*2 < len(bs) {
		return nil
	}
	for _, b := range out {
		seen[b.text] = true
	}
	return out
}

// insertAt puts add into bs before the first block made after the
// element at doc-order index at.
func insertAt(bs, add []block, at int32) []block {
	i := 0
	for i < len(bs) && bs[i].at <= at {
		i++
	}
	out := make([]block, 0, len(bs)+len(add))
	out = append(out, bs[:i]...)
	out = append(out, add...)
	return append(out, bs[i:]...)
}
