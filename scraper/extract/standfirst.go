package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// addStandfirst adds the standfirst that a page sets between its headline
// and the body selected, in the headline's header or in a block of its
// own, as a paragraph, a <div> or a subheading: the first block of prose
// after the last <h1> before the selection, unless that <h1> is a link
// (the site's name over its pages). Up to four shorter or linked blocks
// (kicker, byline, date, share links) may come between; the standfirst
// holds no link and eight words or more, and ends a sentence unless it
// holds twelve. It must sit near the headline (their closest common
// ancestor at most four levels above it), outside figures, navigation and
// boilerplate other than a header's, whose headline, kicker and byline
// the content walk drops.
func (x *contentExtractor) addStandfirst(sel []*html.Node) []*html.Node {
	if len(sel) == 0 {
		return sel
	}
	first := x.idx[sel[0]]
	for _, s := range sel {
		first = min(first, x.idx[s])
	}
	h1 := int32(-1)
	for i := first - 1; i >= 0; i-- {
		if x.nodes[i].DataAtom == atom.H1 && x.infos[i].text > 0 {
			h1 = i
			break
		}
	}
	if h1 < 0 || x.infos[h1].link*2 > x.infos[h1].text {
		// No headline, or a linked one: the site's name over its pages.
		return sel
	}
	head := x.nodes[h1]
	skipped := 0
	for i := h1 + 1; i < first && skipped <= 4; i++ {
		n, in := x.nodes[i], &x.infos[i]
		if isAncestor(head, n) || in.text == 0 || in.block || classifyTag(n.DataAtom) != tagBlock {
			continue
		}
		// Skip the block's inline descendants.
		for i+1 < first && isAncestor(n, x.nodes[i+1]) {
			i++
		}
		if isAncestor(n, sel[0]) || !x.standfirstPlace(n, head) {
			skipped++
			continue
		}
		if in.junk || in.link > 0 || !standfirstText(textOf(n)) {
			skipped++
			continue
		}
		all := append([]*html.Node{n}, sel...)
		return all
	}
	return sel
}

// standfirstPlace reports whether n sits near the headline head (their
// closest common ancestor at most four levels above n, not the <body>)
// and outside boilerplate, figures and navigation.
func (x *contentExtractor) standfirstPlace(n, head *html.Node) bool {
	near := false
	for a, i := n.Parent, 0; a != nil && a.DataAtom != atom.Body; a, i = a.Parent, i+1 {
		if ai := x.info(a); ai == nil || ai.junk && a.DataAtom != atom.Header && !inHeader(a) {
			return false
		}
		if a.DataAtom != atom.Header && classifyTag(a.DataAtom) == tagSkip || a.DataAtom == atom.Figure {
			return false
		}
		if i < 4 && isAncestor(a, head) {
			near = true
		}
	}
	return near
}

// standfirstText reports whether t reads as a standfirst: eight words or
// more ending a sentence, or twelve words.
func standfirstText(t string) bool {
	w := countWords(t)
	return w >= 12 || w >= 8 && endsSentence(t)
}

// inHeader reports whether n sits inside a <header> element, where the
// content walk drops all but paragraphs (headline, kicker, byline).
func inHeader(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Header {
			return true
		}
	}
	return false
}
