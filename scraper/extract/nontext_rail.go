package extract

import (
	"strings"

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
// name, its price, a badge or a rating.
const railCardBytes = 200

// railCardNodes is the most nodes isRailCard reads below a card, so
// that a big subtree with little text costs no more than a small one.
const railCardNodes = 300

// rePriceText matches an amount of money: "$395", "49,00 €", "USD 12".
var rePriceText = lazyRE(`\p{Sc}\s?\d|\d\s?\p{Sc}|\b(?:USD|EUR|GBP|CAD|AUD|CHF)\s?\d`)

// railSiblings is the fewest cards, of the same tag and class, that
// make a rail or a grid of other products.
const railSiblings = 3

// dropRailCards drops the blocks of a product page that begin inside a
// card of another product (isRailCard): the rails "you may also like",
// "complete the look" and the shop's loop of products that themes print
// under a product without a heading reShopHead reads, or with none at
// all. References of product pages leave other products out. The
// blocks stay as they are when fewer than 50 words would be left.
func (p *page) dropRailCards(bs []block) []block {
	groups := map[*html.Node]map[string]int{}
	return dropSpans(bs, p.markedSpans(func(n *html.Node) bool { return p.isRailCard(n, groups) }), 50)
}

// isRailCard reports whether n is the card of a product among others:
// an element with a class, not a table's part (a comparison table is
// the product's), that has railSiblings-1 siblings or more of its tag
// and class (sameSiblings), of railCardBytes of text or fewer, holding
// an image, a link and a price (cardParts).
func (p *page) isRailCard(n *html.Node, groups map[*html.Node]map[string]int) bool {
	class := attr(n, "class")
	if class == "" || n.Parent == nil || inTablePart(n) {
		return false
	}
	in := p.x.info(n)
	if in == nil || in.text == 0 || in.text > railCardBytes {
		return false
	}
	if sameSiblings(n, class, groups) < railSiblings {
		return false
	}
	return cardParts(n)
}

// inTablePart reports whether n is a table's row or cell.
func inTablePart(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Thead, atom.Table:
		return true
	}
	return false
}

// sameSiblings returns how many children of n's parent have n's tag and
// class (n among them), counting each parent's children once (groups).
func sameSiblings(n *html.Node, class string, groups map[*html.Node]map[string]int) int {
	g, ok := groups[n.Parent]
	if !ok {
		g = map[string]int{}
		for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				g[c.Data+" "+attr(c, "class")]++
			}
		}
		groups[n.Parent] = g
	}
	return g[n.Data+" "+class]
}

// cardParts reports whether n's subtree holds an image, a link to a
// page (not "#...") and a price (rePriceText in its text) or a control
// that puts the card's product in the cart (addsToCart, or a button's
// label in its text, isCartText: an add-on sold beside the product, its
// price left to the cart), reading
// railCardNodes nodes at most.
func cardParts(n *html.Node) bool {
	img, link, cart, seen := false, false, false, 0
	var text strings.Builder
	for d := range n.Descendants() {
		if seen++; seen > railCardNodes {
			return false
		}
		switch {
		case d.Type == html.TextNode:
			text.WriteString(d.Data)
			text.WriteByte(' ')
		case d.DataAtom == atom.Img || d.DataAtom == atom.Picture:
			img = true
		case d.DataAtom == atom.A:
			h := attr(d, "href")
			link = link || h != "" && !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "javascript:")
		}
		cart = cart || d.Type == html.ElementNode && addsToCart(d)
	}
	t := text.String()
	return img && link && (cart || rePriceText.MatchString(t) || isCartText(t))
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
