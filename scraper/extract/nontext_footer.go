package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropFooterBoxes drops the blocks of a product page that begin inside
// the page's footer drawn as a <div> (pageFooterSpans): its newsletter
// prompt, its customer-service note, its legal notices ("Notice to
// Consumers: ... may collect ..."). The block model leaves a <footer>
// out; a footer whose class names it ("Footer-styled__Footer-sc-1",
// "site-footer") holds no such tag, and its prose passed. A page's
// footer closes it: only the blocks after the last one outside such a
// box go, so that a description's "footer-notes" followed by more of
// the product stays (review26d). The blocks stay as they are when fewer
// than 50 words would be left.
func (p *page) dropFooterBoxes(bs []block) []block {
	spans := p.pageFooterSpans()
	if len(spans) == 0 {
		return bs
	}
	last := int32(-1)
	for _, b := range bs {
		if _, in := spanOf(b, spans); !in && b.at > last {
			last = b.at
		}
	}
	return dropSpansIf(bs, spans, 50, func(b block, _ [2]int32) bool { return b.at > last })
}

// pageFooterSpans returns the spans of the outermost footer boxes
// (isFooterBox) that can be the page's footer: none holds an <h1> (a box
// that does wraps the page), none lies in or holds the page's <main> or
// an <article> (a care note at the end of the product's text), and no
// other box has its class and id (a "footer" in every review or card is
// theirs, not the page's). Each span is read once: linear in the page.
func (p *page) pageFooterSpans() [][2]int32 {
	all := p.markedSpans(isFooterBox)
	names := make(map[string]int, len(all))
	for _, s := range all {
		names[footerName(p.x.nodes[s[0]])]++
	}
	var spans [][2]int32
	for _, s := range all {
		n := p.x.nodes[s[0]]
		if names[footerName(n)] == 1 && !p.spanHoldsH1(s) && !inMainPart(n) && !p.spanHoldsMain(s) {
			spans = append(spans, s)
		}
	}
	return spans
}

// footerName is the class and id of a footer box, that tell its kind.
func footerName(n *html.Node) string {
	return attr(n, "class") + "#" + attr(n, "id")
}

// isMainPart reports whether n is the page's <main> (or role="main")
// or an <article>: an element that holds a page's own text.
func isMainPart(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Main || n.DataAtom == atom.Article || attr(n, "role") == "main")
}

// inMainPart reports whether one of n's ancestors isMainPart.
func inMainPart(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if isMainPart(a) {
			return true
		}
	}
	return false
}

// spanHoldsMain reports whether an element of span s isMainPart.
func (p *page) spanHoldsMain(s [2]int32) bool {
	for _, n := range p.x.nodes[s[0] : s[1]+1] {
		if isMainPart(n) {
			return true
		}
	}
	return false
}

// footerHeads are the words before "footer" in the first word of a
// class or id that names a page's footer: "site-footer", "page_footer".
var footerHeads = map[string]bool{"site": true, "page": true, "global": true, "main": true}

// isFooterBox reports whether the first word of n's class, or its id,
// begins with "footer" (after "site", "page", "global" or "main"): the
// page's footer and its parts ("footer-newsletter"), not a card's or a
// review's ("card-footer", "review__footer").
func isFooterBox(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, v := range [2]string{attr(n, "class"), attr(n, "id")} {
		f, _, _ := strings.Cut(strings.TrimSpace(v), " ")
		if indexFold(f, "footer") < 0 {
			continue // most elements: no tokens made
		}
		toks := classTokens(nil, f)
		if len(toks) > 1 && footerHeads[toks[0]] {
			toks = toks[1:]
		}
		if len(toks) > 0 && toks[0] == "footer" {
			return true
		}
	}
	return false
}

// spanHoldsH1 reports whether one of the page's <h1> elements lies in
// span s (markedSpans').
func (p *page) spanHoldsH1(s [2]int32) bool {
	for _, i := range p.x.h1s {
		if s[0] <= i && i <= s[1] {
			return true
		}
	}
	return false
}
