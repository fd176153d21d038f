package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// leadHeadFloor is the least block-model score of a heading that
// keepLeadHeads puts back: below it the model is sure the line is chrome
// (a menu's or a footer's heading) whatever follows it.
const leadHeadFloor = 0.2

// leadHeadWords is the most words of a heading keepLeadHeads puts back:
// a longer line drawn as a heading is a teaser's sentence or a banner's
// slogan more often than a section's title.
const leadHeadWords = 16

// keepLeadHeads marks in keep the headings the block model dropped right
// above a block it keeps, on a service or documentation page: a feature's
// or a section's title over its kept paragraph ("Keep your content
// safe" over the paragraph that says how). Such pages draw those titles
// in <header> elements and in the same classes as their menus, which
// the model reads as chrome; the paragraph under one says the section is
// content, and its title belongs with it. A heading mostly linked (a
// tab, a menu entry), a long one, one in the page's footer, one the
// model scores under leadHeadFloor, and one whose box closes before the
// kept block (sharesBox) stays out. The walk goes forward and looks at
// the next block's own mark, so a heading over a heading put back is
// not put back: a run of headings is not pulled in by its last one.
func (p *page) keepLeadHeads(bs []block, keep []bool, score []float64) {
	for i := 0; i+1 < len(bs); i++ {
		b := bs[i]
		if keep[i] || !keep[i+1] || b.kind != kindHeading || b.link >= 0.5 ||
			score[i] < leadHeadFloor || numFields(b.text) > leadHeadWords || p.x.inFooter(b) ||
			!p.x.sharesBox(b, bs[i+1]) {
			continue
		}
		keep[i] = true
	}
}

// boxLevels bounds the walk up from a heading to its box: a box further
// up holds much more than the heading's section, and on a page of
// unclosed elements (hundreds of levels deep) an unbounded walk per
// heading would make keepLeadHeads quadratic.
const boxLevels = 12

// sharesBox reports whether block next began inside the closest
// section, article, aside, nav or form around heading h (isBox), or h
// has none within boxLevels levels. A heading whose box closes before
// the next text titles what the box holds without text (a sidebar's
// "Follow us" over icons, a nav's hidden "Pagination" label), not the
// section that follows.
func (x *contentExtractor) sharesBox(h, next block) bool {
	if h.at < 0 || next.at < 0 || int(h.at) >= len(x.nodes) || int(next.at) >= len(x.nodes) {
		return true
	}
	a := x.nodes[h.at]
	for up := 0; a != nil && up < boxLevels; a, up = a.Parent, up+1 {
		if isBox(a) {
			return x.within(a, next.at)
		}
	}
	return true
}

// within reports whether the node of document-order index i lies inside
// a, which comes before it. The walk up from the node stops at the first
// ancestor that comes before a: it climbs only the levels opened since a.
func (x *contentExtractor) within(a *html.Node, i int32) bool {
	ai, ok := x.idx[a]
	if !ok {
		return false
	}
	for n := x.nodes[i]; n != nil; n = n.Parent {
		if n == a {
			return true
		}
		if j, ok := x.idx[n]; !ok || j < ai {
			return false
		}
	}
	return false
}

// isBox reports whether n is an element that closes a part of a page
// around its own heading: a section, an article, an aside, a nav or a
// form, or an element with the role of a navigation or an aside.
func isBox(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Section, atom.Article, atom.Aside, atom.Nav, atom.Form:
		return true
	}
	switch attr(n, "role") {
	case "navigation", "complementary":
		return true
	}
	return false
}
