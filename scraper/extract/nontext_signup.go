package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// signupBoxBytes is the most text of the box around an e-mail field
// that dropSignupBoxes reads as a sign-up box: its prompt, fine print
// and messages, not a page's part.
const signupBoxBytes = 400

// dropSignupBoxes drops the blocks of a product page that begin inside
// the box around a field asking for an e-mail address (signupBoxes):
// the shop's newsletter box, the "notify me when back in stock" form
// and its messages ("We got your info ..."), a footer's sign-up. What
// a form asks of the visitor is none of the product's text, and the
// references of product pages leave these out. The blocks stay as they
// are when fewer than 50 words would be left.
func (p *page) dropSignupBoxes(bs []block) []block {
	boxes := p.signupBoxes(false)
	if len(boxes) == 0 {
		return bs
	}
	return dropSpans(bs, p.markedSpans(func(n *html.Node) bool { return boxes[n] }), 50)
}

// dropClosingSignups drops the blocks of a page (a service, a listing,
// a docs page; an article's body, articleNets) that begin inside the
// box around an e-mail field
// (signupBoxes) in the second half of the text's words: the newsletter
// box, the "stay in touch" band and the footer's sign-up that close the
// page, told by the field they ask to fill and not by class words
// ("newsletter", "signup"), which hashed or utility class names do not
// carry. A box in the first half is the page's own offer (a trial's
// "enter your work e-mail" under the headline), and a field inside a
// list item is that item's (a product card's waitlist): both stay. So
// does all of a box that holds a line of the first half: the climb from
// the field reached a column that holds the text too, its count leaving
// out what the content walk read as boilerplate (a sidebar's sign-up
// beside a grid of cards whose class names read so lost the second half
// of its cards; branch ex35cm). On an article the box is the newsletter's "in your inbox" band after the
// story's last paragraph, inside its container (ex32nl); a paragraph
// that only mentions e-mail has no field and stays. The blocks stay as
// they are when fewer than 50 words would be left.
func (p *page) dropClosingSignups(bs []block) []block {
	boxes := p.signupBoxes(true)
	if len(boxes) == 0 {
		return bs
	}
	spans := p.markedSpans(func(n *html.Node) bool { return boxes[n] })
	total := blocksWords(bs)
	opening := map[[2]int32]bool{} // the boxes that hold a line of the text's first half
	seen := 0
	for _, b := range bs {
		if sp, in := spanOf(b, spans); in && seen*2 < total {
			opening[sp] = true
		}
		seen += countWords(b.text)
	}
	out := make([]block, 0, len(bs))
	seen, kept := 0, 0
	for _, b := range bs {
		if sp, in := spanOf(b, spans); !in || seen*2 < total || opening[sp] {
			out = append(out, b)
			kept += countWords(b.text)
		}
		seen += countWords(b.text)
	}
	if kept < 50 {
		return bs
	}
	return out
}

// signupBoxes returns the boxes around the page's e-mail fields
// (isEmailInput): from each field up, the last element of
// signupBoxBytes of text or fewer that holds neither an <h1>, a price
// nor an add-to-cart control (the product's own buying form may ask
// for an address too: a voucher sent by e-mail, whose terms are the
// product's; review26d). With items, a field whose climb meets a list
// item has no box: the form is one card's (a waitlist on a product
// card), which a collection's reference keeps. Each field climbs its
// ancestors once, so the walk is linear in the page times the depth.
func (p *page) signupBoxes(items bool) map[*html.Node]bool {
	var fields []*html.Node
	for _, n := range p.x.nodes {
		if n.Type == html.ElementNode && n.DataAtom == atom.Input && isEmailInput(n) {
			fields = append(fields, n)
		}
		if n.DataAtom == atom.Form && writingForm(n) {
			// The walk skips a form to write in, and does not index its
			// fields: its e-mail field is looked for in it.
			if f := emailInputIn(n); f != nil {
				fields = append(fields, f)
			}
		}
	}
	if len(fields) == 0 {
		return nil
	}
	carts := p.cartHolders()
	boxes := map[*html.Node]bool{}
	for _, n := range fields {
		var box *html.Node
		for a := writingFormOf(n); a != nil && a.Type == html.ElementNode && a.DataAtom != atom.Body; a = a.Parent {
			in := p.x.info(a)
			if in == nil || in.text > signupBoxBytes || carts[a] || p.holdsH1(a) || holdsPrice(textOf(a)) {
				break
			}
			if items && a.DataAtom == atom.Li {
				box = nil
				break
			}
			box = a
		}
		if box != nil {
			boxes[box] = true
		}
	}
	return boxes
}

// cartHolders returns the elements that are or hold an add-to-cart
// control: a form, a button, a link or an input that addsToCart (a box
// whose class only names one, "product-add-to-cart-wishlist-container"
// beside a notify form, is none). Each control marks its ancestors up
// to one marked already, so the walk is linear in the page times the
// depth.
func (p *page) cartHolders() map[*html.Node]bool {
	held := map[*html.Node]bool{}
	for _, n := range p.x.nodes {
		if n.Type != html.ElementNode || !isControl(n) || !addsToCart(n) {
			continue
		}
		for a := n; a != nil && !held[a]; a = a.Parent {
			held[a] = true
		}
	}
	return held
}

// isEmailInput reports whether an <input> asks for an e-mail address:
// its type is "email", or it is a text field whose name, id or
// autocomplete says "email" ("EMAIL", "newsletter-email",
// "contact[email]"). A check box or a hidden field named so
// ("email_opt_in") asks for no address: it may sit in any form.
func isEmailInput(n *html.Node) bool {
	switch t := strings.ToLower(attr(n, "type")); t {
	case "email":
		return true
	case "", "text":
	default:
		return false
	}
	for _, k := range []string{"name", "id", "autocomplete"} {
		if strings.Contains(strings.ToLower(attr(n, k)), "email") {
			return true
		}
	}
	return false
}

// holdsH1 reports whether one of the page's <h1> elements is below n.
func (p *page) holdsH1(n *html.Node) bool {
	for _, i := range p.x.h1s {
		if isAncestor(n, p.x.nodes[i]) {
			return true
		}
	}
	return false
}

// isControl reports whether n is a form or one of its controls.
func isControl(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Form, atom.Button, atom.Input, atom.A:
		return true
	}
	return false
}

// writingFormOf returns where the climb from the e-mail field n to its
// box starts: the form to write in around it (writingForm), whose inside
// the content walk skips and gives no counts, else n's parent.
func writingFormOf(n *html.Node) *html.Node {
	for a := n.Parent; a != nil && a.DataAtom != atom.Body; a = a.Parent {
		if a.DataAtom == atom.Form {
			if writingForm(a) {
				return a
			}
			break
		}
	}
	return n.Parent
}

// emailInputIn returns the first e-mail field in n's subtree, or nil.
func emailInputIn(n *html.Node) *html.Node {
	var f *html.Node
	walkElements(n, func(c *html.Node) bool {
		if f == nil && c.DataAtom == atom.Input && isEmailInput(c) {
			f = c
		}
		return f == nil
	})
	return f
}
