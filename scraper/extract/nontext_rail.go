package extract

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropChoiceLists drops the blocks of a product page that begin inside
// a list box (role="listbox"): the options of a drop-down that a script
// draws instead of a <select> (a reviews widget's filters: "Age", "17
// or under", "3 - 6 times a week"; a variant picker). A <select>'s
// options are never text (classifyTag); a list box's are the same
// choices. The blocks stay as they are when fewer than 50 words would
// be left.
func (p *page) dropChoiceLists(bs []block) []block {
	return dropSpans(bs, p.markedSpans(func(n *html.Node) bool { return attr(n, "role") == "listbox" }), 50)
}

// railCardBytes is the most text of a card of another product: its
// name, its price, a badge or a rating. A marketplace names its items
// by long listing titles ("Brand Model 72-Oz Blender, Smoothies, ...,
// 1400PW, Black", with "In 50+ people's carts" and "4.6 out of 5
// stars. 1664 reviews"): 200 bytes left such cards in (ex26pr).
const railCardBytes = 320

// railProseBytes is the most text of a card of another product that
// may hold sentences (holdsSentenceBreak): past it, a card that does
// is a part of the product described (the pot of a cooking set, "A
// two-litre pot ... It nests the pan"), as a listing title is no prose
// (review26d).
const railProseBytes = 200

// railCardNodes is the most nodes isRailCard reads below a card, so
// that a big subtree with little text costs no more than a small one.
const railCardNodes = 300

// reCodePrice matches an amount of money given by its currency's code,
// "USD 12"; holdsPrice reads those given by a sign, "$395", "49,00 €".
var reCodePrice = lazyRE(`\b(?:USD|EUR|GBP|CAD|AUD|CHF)\s?\d`)

// railSiblings is the fewest cards, of the same tag and class, that
// make a rail or a grid of other products.
const railSiblings = 3

// dropRailCards drops the blocks of a product page that begin inside a
// card of another product (isRailCard): the rails "you may also like",
// "complete the look" and the shop's loop of products that themes print
// under a product without a heading reShopHead reads, or with none at
// all. References of product pages leave other products out. The
// blocks stay as they are when fewer than 50 words would be left, when
// the cards alone declare the page's products (productsOnlyInCards), or
// when they hold more words than the rest: a rail sits beside a product,
// while cards that outweigh the page are its own grid (a shop's
// collection typed product).
func (p *page) dropRailCards(bs []block) []block {
	spans := p.railCardSpans()
	if len(spans) == 0 || p.productsOnlyInCards(spans) {
		return bs
	}
	out := dropSpans(bs, spans, 50)
	if kept := blocksWords(out); 2*kept < blocksWords(bs) {
		return bs
	}
	return out
}

// railCardSpans returns the spans of the page's cards of other products
// (isRailCard), as markedSpans would, without going below an element
// whose subtree cardParts read whole and found short of a card's parts:
// no element under it holds what it lacks (on a grid of 8,000 cards
// without a price, each card's rows and their tags were read again).
func (p *page) railCardSpans() [][2]int32 {
	var spans [][2]int32
	groups := map[*html.Node]map[siblingKey]int{}
	x := p.x
	for i := 0; i < len(x.nodes); i++ {
		n := x.nodes[i]
		if n.Type != html.ElementNode {
			continue
		}
		card, read := p.isRailCard(n, groups)
		if !card && !read {
			continue
		}
		end := x.subtreeEnd(i)
		if card {
			spans = append(spans, [2]int32{int32(i), int32(end)})
		}
		i = end
	}
	return spans
}

// productsOnlyInCards reports whether the page declares its products
// in the cards of spans alone: no JSON-LD product nor og:type, and
// every element of microdata that types a product (productTypes) inside
// a card. Then the cards are what typed the page a product: a shop's
// grid whose cards declare theirs, with an introduction that outweighs
// them, whose products are its text.
func (p *page) productsOnlyInCards(spans [][2]int32) bool {
	for _, m := range p.ld {
		for _, t := range ldTypes(m) {
			if slices.Contains(productTypes, t) {
				return false
			}
		}
	}
	if strings.EqualFold(p.meta("og:type"), "product") {
		return false
	}
	found := false
	for i, n := range p.x.nodes {
		if n.Type != html.ElementNode || !typesProduct(attr(n, "itemtype")) {
			continue
		}
		if _, in := spanOf(block{at: int32(i)}, spans); !in {
			return false
		}
		found = true
	}
	return found
}

// typesProduct reports whether a microdata itemtype names one of
// productTypes ("https://schema.org/Product").
func typesProduct(itemtype string) bool {
	for _, f := range strings.Fields(itemtype) {
		if slices.Contains(productTypes, itemTypeName(f)) {
			return true
		}
	}
	return false
}

// blocksWords returns how many words the texts of bs hold.
func blocksWords(bs []block) int {
	n := 0
	for _, b := range bs {
		n += countWords(b.text)
	}
	return n
}

// isRailCard reports whether n is the card of a product among others:
// an element with a class, not a table's part (a comparison table is
// the product's), that has railSiblings-1 siblings or more of its tag
// and class (sameSiblings), of railCardBytes of text or fewer, holding
// an image, a link and a price (cardParts). It reports too whether
// cardParts read n's whole subtree.
func (p *page) isRailCard(n *html.Node, groups map[*html.Node]map[siblingKey]int) (card, read bool) {
	class := attr(n, "class")
	if class == "" || n.Parent == nil || inTablePart(n) {
		return false, false
	}
	if in := p.x.info(n); in == nil || in.text == 0 || in.text > railCardBytes {
		return false, false
	}
	if sameSiblings(n, class, groups) < railSiblings {
		return false, false
	}
	card, read = cardParts(n, p.base)
	if card && p.x.info(n).text > railProseBytes && holdsSentenceBreak(textOf(n)) {
		return false, read
	}
	return card, read
}

// holdsSentenceBreak reports whether t holds the end of a sentence
// followed by another: a lower-case letter, a full stop, an exclamation
// or a question mark, a space and an upper-case letter ("with a click.
// The base"). A rating's "out of 5 stars. 1664 reviews" and "No. 5"
// are none.
func holdsSentenceBreak(t string) bool { return sentenceBreaks(t, 1) > 0 }

// sentenceBreaks counts t's ends of a sentence followed by another, as
// holdsSentenceBreak finds them, up to most.
func sentenceBreaks(t string, most int) int {
	n := 0
	for i := 1; i+2 < len(t) && n < most; i++ {
		if c := t[i]; c != '.' && c != '!' && c != '?' || t[i+1] != ' ' {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(t[:i])
		after, _ := utf8.DecodeRuneInString(t[i+2:])
		if unicode.IsLower(before) && unicode.IsUpper(after) {
			n++
		}
	}
	return n
}

// inTablePart reports whether n is a table's row or cell.
func inTablePart(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Thead, atom.Table:
		return true
	}
	return false
}

// siblingKey is an element's tag and class.
type siblingKey struct{ tag, class string }

// sameSiblings returns how many children of n's parent have n's tag and
// class (n among them), counting each parent's children once (groups).
func sameSiblings(n *html.Node, class string, groups map[*html.Node]map[siblingKey]int) int {
	g, ok := groups[n.Parent]
	if !ok {
		g = map[siblingKey]int{}
		for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				g[siblingKey{c.Data, attr(c, "class")}]++
			}
		}
		groups[n.Parent] = g
	}
	return g[siblingKey{n.Data, class}]
}

// cardParts reports whether n's subtree holds an image, a link to a
// product's page (cardLink, or an add-to-cart link: "?add-to-cart=301"
// names a product) and a price (holdsPrice or reCodePrice in its text) or a control
// that puts the card's product in the cart (addsToCart, or a button's
// label in its text, isCartText: an add-on sold beside the product, its
// price left to the cart), reading railCardNodes nodes at most; and
// whether it read them all.
func cardParts(n *html.Node, base *url.URL) (card, read bool) {
	img, link, cart, seen := false, false, false, 0
	var text strings.Builder
	for d := range n.Descendants() {
		if seen++; seen > railCardNodes {
			return false, false
		}
		switch {
		case d.Type == html.TextNode:
			text.WriteString(strings.TrimSpace(d.Data))
			text.WriteByte(' ')
		case d.DataAtom == atom.Img || d.DataAtom == atom.Picture:
			img = true
		case d.DataAtom == atom.A:
			h := attr(d, "href")
			link = link || addsToCart(d) || cardLink(h, base)
		}
		cart = cart || d.Type == html.ElementNode && addsToCart(d)
	}
	t := text.String()
	return img && link && (cart || holdsPrice(t) || reCodePrice.MatchString(t) || isCartText(t)), true
}

// cardLink reports whether href, on the page at base, links a card to
// a product's page: not "#..." nor "javascript:", nor the page's own
// path with another query, as the cards of a product's own packs and
// variants link ("?variant=2"). A link to the page as it is stays a
// card's link: the product's own card in a grid of others, which goes
// with them.
func cardLink(href string, base *url.URL) bool {
	if href == "" || href[0] == '#' || strings.HasPrefix(href, "javascript:") {
		return false
	}
	if base == nil || pageKey(href, base) != "" {
		return true
	}
	u, err := url.Parse(strings.TrimSpace(href))
	return err == nil && base.ResolveReference(u).RawQuery == base.RawQuery
}

// cartMarks are what the class, the link or the form of an add-to-cart
// control holds in the shop engines' themes: WooCommerce's
// "add_to_cart_button" and "?add-to-cart=", Shopify's "/cart/add",
// Magento's "tocart", BigCommerce's "add-to-cart".
var cartMarks = []string{"add_to_cart", "add-to-cart", "addtocart", "/cart/add", "tocart"}

// addsToCart reports whether element n is an add-to-cart control: its
// class, link or form action holds one of cartMarks.
func addsToCart(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "href" && a.Key != "action" {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, w := range cartMarks {
			if strings.Contains(v, w) {
				return true
			}
		}
	}
	return false
}
