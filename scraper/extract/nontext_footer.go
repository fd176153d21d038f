package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// dropFooterBoxes drops the blocks of a product page that begin inside
// the page's footer drawn as a <div> (isFooterBox): its newsletter
// prompt, its customer-service note, its legal notices ("Notice to
// Consumers: ... may collect ..."). The block model leaves a <footer>
// out; a footer whose class names it ("Footer-styled__Footer-sc-1",
// "site-footer") holds no such tag, and its prose passed. The blocks
// stay as they are when fewer than 50 words would be left. A box that
// holds an <h1> wraps the page, not its footer, and stays.
func (p *page) dropFooterBoxes(bs []block) []block {
	var spans [][2]int32
	for _, s := range p.markedSpans(isFooterBox) {
		if !p.spanHoldsH1(s) {
			spans = append(spans, s)
		}
	}
	return dropSpans(bs, spans, 50)
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
		if !hasFold(f, "footer") {
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

// hasFold reports whether s holds sub (lower-case ASCII) in any case,
// without allocating.
func hasFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
