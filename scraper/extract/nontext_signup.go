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
	boxes := p.signupBoxes()
	if len(boxes) == 0 {
		return bs
	}
	return dropSpans(bs, p.markedSpans(func(n *html.Node) bool { return boxes[n] }), 50)
}

// signupBoxes returns the boxes around the page's e-mail fields
// (isEmailInput): from each field up, the last element of
// signupBoxBytes of text or fewer that holds neither an <h1> nor a
// price (the product's own buying box may ask for an address too).
// Each field climbs its ancestors once, so the walk is linear in the
// page times the depth.
func (p *page) signupBoxes() map[*html.Node]bool {
	var boxes map[*html.Node]bool
	for _, n := range p.x.nodes {
		if n.Type != html.ElementNode || n.DataAtom != atom.Input || !isEmailInput(n) {
			continue
		}
		var box *html.Node
		for a := n.Parent; a != nil && a.Type == html.ElementNode && a.DataAtom != atom.Body; a = a.Parent {
			in := p.x.info(a)
			if in == nil || in.text > signupBoxBytes || p.holdsH1(a) || holdsPrice(textOf(a)) {
				break
			}
			box = a
		}
		if box != nil {
			if boxes == nil {
				boxes = map[*html.Node]bool{}
			}
			boxes[box] = true
		}
	}
	return boxes
}

// isEmailInput reports whether an <input> asks for an e-mail address:
// its type is "email", or its name, id or autocomplete says "email"
// ("EMAIL", "newsletter-email", "contact[email]").
func isEmailInput(n *html.Node) bool {
	if strings.EqualFold(attr(n, "type"), "email") {
		return true
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
