package extract

import (
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// inBanner reports whether n lies in the site's banner: a <header> (or an
// element with role "banner") outside any <article> or <main>, which
// does not hold the article's text. The date a banner prints is today's
// (the day the page was fetched), not the article's.
func (p *page) inBanner(n *xhtml.Node) bool {
	if n == nil {
		return false
	}
	var banner *xhtml.Node
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type != xhtml.ElementNode {
			continue
		}
		switch {
		case a.DataAtom == atom.Article || a.DataAtom == atom.Main:
			return false // an article's own header
		case banner == nil && (a.DataAtom == atom.Header || attr(a, "role") == "banner"):
			banner = a
		}
	}
	return banner != nil && !p.under(banner)
}

// under reports whether the article's text lies within a.
func (p *page) under(a *xhtml.Node) bool {
	return p.top != nil && (p.top == a || isAncestor(a, p.top))
}

// bannerHints returns the texts of the elements in the site's banner that
// page.collectAttrs reads as date hints (a class or id naming details, or
// <small>): a top bar's "Tuesday, (08 Dec 2020)" beside a calendar icon
// is today's date.
func (p *page) bannerHints() map[string]bool {
	out := make(map[string]bool)
	for n := range p.root.Descendants() {
		if n.Type != xhtml.ElementNode || !p.hintElement(n) || !p.inBanner(n) {
			continue
		}
		if t := shortText(n, 120); t != "" {
			out[t] = true
		}
	}
	return out
}

// hintElement reports whether n is one whose text page.collectAttrs reads
// as a date hint.
func (p *page) hintElement(n *xhtml.Node) bool {
	if n.DataAtom == atom.Small {
		return true
	}
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && hasDateHint(strings.ToLower(a.Val)) {
			return true
		}
	}
	return false
}
