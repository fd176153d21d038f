package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Counts of the page type read from structure. kindSignals counts posts,
// cards and prices by the words of class names (kindWords), which sites
// built with hashed CSS-module names or utility classes, or named in
// another language, do not use. A page that names no price element gets
// the count of its short texts that are a price alone ("$12.99"); a page
// that names no post gets the thread detector's signed, dated records as
// its posts when two people or more sign them. Cards are left to their
// names: runs of linked blocks are as common beside an article (related
// stories) as on a listing, and counted from structure they made
// articles listings (docs/BENCHMARKS.md, branches extype15, extype17).

// structuralKinds fills the counts of prices and posts of a page that
// names none from its structure, once per analysis of the page, before
// the page type is decided.
func (p *page) structuralKinds() {
	if p.kind.structural {
		return
	}
	p.kind.structural = true
	if p.kind.price == 0 {
		p.kind.price = textPrices(p.root)
	}
	if p.kind.posts > 0 {
		return
	}
	if c, _ := p.threadPosts(); c.authors >= 2 {
		p.kind.posts = c.records
	}
}

// textPrices counts the text nodes below n that are a price alone
// ("$12.99", "12,99 €").
func textPrices(n *html.Node) int {
	count := 0
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if isPriceText(c.Data) {
					count++
				}
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Svg, atom.Head, atom.Template, atom.Noscript:
					continue
				}
				if depth < 200 {
					walk(c, depth+1)
				}
			}
		}
	}
	walk(n, 0)
	return count
}

// currencies are the signs and codes a price is written with.
var currencies = []string{"US$", "CA$", "AU$", "R$", "A$", "C$", "$", "€", "£", "¥", "₹", "₽", "₩", "₺", "₫", "₱",
	"USD", "EUR", "GBP", "CHF", "kr", "zł", "Kč"}

// isPriceText reports whether a short text is a price alone: a currency
// sign or code before or after an amount (digits, with dots, commas or
// spaces between them).
func isPriceText(s string) bool {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if len(s) < 2 || len(s) > 24 {
		return false
	}
	amount := ""
	for _, c := range currencies {
		if strings.HasPrefix(s, c) {
			amount = s[len(c):]
			break
		}
		if strings.HasSuffix(s, c) {
			amount = s[:len(s)-len(c)]
			break
		}
	}
	amount = strings.TrimFunc(amount, unicode.IsSpace)
	if amount == "" || !isDigit(amount[0]) || !isDigit(amount[len(amount)-1]) && amount[len(amount)-1] != '-' {
		return false
	}
	for _, r := range amount {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' || r == '-') {
			return false
		}
	}
	return true
}
