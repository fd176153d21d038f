package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reCopyright matches a copyright notice in a short text: the sign or
// the word, then a year with two words at most between, no stop or comma
// ("© 2026 Example Media Ltd.", "Copyright © 2021, Example Media", "©
// Example Media 2026"); not a sentence about copyright that names a year
// later on ("The copyright on the cartoon expired in 2024").
var reCopyright = lazyRE(`(?i)(?:©|\bcopyright\b|\(c\))\s*(?:©\s*)?(?:[^\s.,;]+\s+){0,2}?(?:19|20)\d\d\b`)

// copyrightMax bounds the text nodes noteCopyright reads: a footer's
// notice is a line, not a paragraph.
const copyrightMax = 300

// noteCopyright remembers the parent of a short text node that holds a
// copyright notice (reCopyright), for markFooters.
func (x *contentExtractor) noteCopyright(n *html.Node) {
	d := n.Data
	if len(d) > copyrightMax || n.Parent == nil {
		return
	}
	if !strings.Contains(d, "©") && !strings.Contains(d, "opyright") && !strings.Contains(d, "OPYRIGHT") {
		return
	}
	if reCopyright.MatchString(d) {
		x.copyrights = append(x.copyrights, n.Parent)
	}
}

// markFooters drops the page's footer when class and id words do not
// name it (hashed CSS-module or utility class names): the region that
// holds a copyright notice after the headline, told by its place in the
// page. The region is the child, on the notice's side, of the closest
// element that holds both the notice and the page's first <h1>, coming
// after the child that holds the <h1>. It must hold under half of the
// page's text and not the page's <main> (a page of links that closes
// with its notice is its own content), and be half links (the footer's
// columns of links) or a small part of the page (a quarter of its
// paragraph text at most). A notice that closes the story itself
// ("Copyright 2026 The Wire Service") shares its region with the story's
// text, which is neither. The block model reads dropped parts too; it
// leaves these out (inFooter).
func (x *contentExtractor) markFooters() {
	if len(x.copyrights) == 0 || len(x.h1s) == 0 {
		return
	}
	// The last notice only: a footer closes the page, and the notices
	// before it are photo credits and captions inside the story.
	h1 := x.nodes[x.h1s[0]]
	r := footerRegion(x.copyrights[len(x.copyrights)-1], h1)
	if r == nil || textLevel(r.DataAtom) {
		return
	}
	ri := x.info(r)
	if ri == nil || ri.junk || ri.body || ri.text*2 >= x.infos[0].text || x.holdsMain(r) {
		return
	}
	if ri.link*2 >= ri.text || ri.para*4 <= x.total {
		x.drop(r, ri)
		i := int(x.idx[r])
		x.footers = append(x.footers, [2]int32{int32(i), int32(x.subtreeEnd(i))})
	}
}

// textLevel reports whether an element of type a is a piece of a text
// (a paragraph, a figure or its caption, a quote, an item, a cell, a
// heading), never a page's footer: a credit closing the story's last
// caption or paragraph stays.
func textLevel(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Figure, atom.Figcaption, atom.Blockquote, atom.Li, atom.Dd, atom.Dt, atom.Td, atom.Th,
		atom.Caption, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre:
		return true
	}
	return false
}

// footerRegion returns the child of the closest common ancestor of c and
// h1 that holds c, when that child comes after the one that holds h1;
// else nil.
func footerRegion(c, h1 *html.Node) *html.Node {
	for r := c; r != nil && r.Parent != nil; r = r.Parent {
		p := r.Parent
		if p.Type != html.ElementNode || !isAncestor(p, h1) {
			continue
		}
		for s := r.PrevSibling; s != nil; s = s.PrevSibling {
			if s == h1 || isAncestor(s, h1) {
				return r
			}
		}
		return nil
	}
	return nil
}

// inFooter reports whether a block began inside a footer that
// markFooters dropped: the block model, which reads dropped parts too,
// leaves it out.
func (x *contentExtractor) inFooter(b block) bool {
	for _, s := range x.footers {
		if b.at >= s[0] && b.at <= s[1] {
			return true
		}
	}
	return false
}

// markHeaders drops the page's header when class and id words do not
// name it: the elements before the branch that holds the page's first
// <h1>, at each level from the <h1> up to the page's body, that are half
// links or more (the site's menus, its account and language links) and
// hold under half of the page's text. What comes before the headline
// and reads as text (a kicker, a lead, an unlinked notice) stays.
func (x *contentExtractor) markHeaders() {
	if len(x.h1s) == 0 {
		return
	}
	for a := x.nodes[x.h1s[0]]; a != nil && a.Parent != nil && a.DataAtom != atom.Body; a = a.Parent {
		for s := a.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type != html.ElementNode {
				continue
			}
			si := x.info(s)
			if si == nil || si.junk || si.body || si.text == 0 || si.link*2 < si.text || si.text*2 >= x.infos[0].text || x.holdsMain(s) {
				continue
			}
			x.drop(s, si)
		}
	}
}

// holdsMain reports whether n holds the page's first <main> element (or
// role="main"), found once per page among the walk's nodes.
func (x *contentExtractor) holdsMain(n *html.Node) bool {
	if !x.mainFound {
		x.mainFound = true
		x.mainNode = nil
		for _, m := range x.nodes {
			if m.DataAtom == atom.Main || m.Type == html.ElementNode && attr(m, "role") == "main" {
				x.mainNode = m
				break
			}
		}
	}
	return x.mainNode != nil && isAncestor(n, x.mainNode)
}
