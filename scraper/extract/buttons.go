package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropButtonLinks returns the blocks of a page that is not an article
// without its calls to action drawn as buttons: a line of five words or
// fewer that is one link (no sentence: "Get started", "See case
// studies", "Contact us") whose link the page marks as a button, by
// role="button" or by a class word of the kind every CSS framework gives
// them (buttonWords), when it closes its section: the next line is a
// heading, the end of the text or another such button. A button over
// more of its section's text (a hero's "Book now" over its paragraph)
// stays, as does a link that reads as text (a card's title, an item of
// a list of links), which is not marked so. Headings stay.
func (p *page) dropButtonLinks(bs []block) []block {
	if p.x == nil {
		return bs
	}
	isButton := func(b block) bool {
		return !b.heads() && b.link >= 0.99 && len(b.text) <= 60 && numFields(b.text) <= 5 &&
			!endsSentence(b.text) && p.buttonLink(b.at)
	}
	drop := make([]bool, len(bs))
	for i := len(bs) - 1; i >= 0; i-- {
		if !isButton(bs[i]) {
			continue
		}
		// Closing a section: the next line opens another, ends the text
		// or is a button that does.
		drop[i] = i+1 == len(bs) || bs[i+1].heads() || drop[i+1]
	}
	keepListedButtons(bs, drop)
	return keepUndropped(bs, drop)
}

// keepListedButtons undoes drop for the runs of buttons that a line
// announces with a colon ("We fit these makes:"): a list of what the line
// names, not a call to act.
func keepListedButtons(bs []block, drop []bool) {
	for i := 0; i < len(bs); {
		if !drop[i] {
			i++
			continue
		}
		j := i
		for j < len(bs) && drop[j] {
			j++
		}
		announced := i > 0 && strings.HasSuffix(strings.TrimSpace(bs[i-1].text), ":")
		if announced {
			for k := i; k < j; k++ {
				drop[k] = false
			}
		}
		i = j
	}
}

// buttonWords are the class words that mark a link drawn as a button.
var buttonWords = map[string]bool{"btn": true, "button": true, "cta": true}

// buttonLink reports whether the element at doc-order index at, or one
// of the three elements around it, is a link (or sits in one) that the
// page marks as a button.
func (p *page) buttonLink(at int32) bool {
	if at < 0 || int(at) >= len(p.x.nodes) {
		return false
	}
	n := p.x.nodes[at]
	link := false
	for k := 0; k < 4 && n != nil; k, n = k+1, n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		if n.DataAtom == atom.A {
			link = true
		}
		if attr(n, "role") == "button" {
			return true
		}
		for _, t := range p.x.nameTokens(n) {
			if buttonWords[t] {
				return link || hasLinkChild(n)
			}
		}
	}
	return false
}

// hasLinkChild reports whether n has a link among its children.
func hasLinkChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.A {
			return true
		}
	}
	return false
}

// dropCardActions returns the blocks of a service page without the
// links that close its cards (cardAction): "Record now", "Start
// sharing" under a feature's paragraph.
func dropCardActions(bs []block) []block {
	drop := make([]bool, len(bs))
	for i := range bs {
		drop[i] = cardAction(bs, i)
	}
	return keepUndropped(bs, drop)
}

// cardAction reports whether bs[i] is the call to action that closes a
// card of a service page: one short link (five words or fewer, no
// sentence, not an item of a list) between a paragraph of prose and the
// next heading or the end of the text. A card's title stands over its
// paragraph, not under it, and a list of links is items; what is left
// in that place is the card's "Learn more" or "Start now", whether or
// not the page draws it as a button (dropButtonLinks). A link that
// gives a number, an address or a list ("0113 000 0000",
// "office@example.org", "Unit 4, Mill Lane") is what the paragraph
// leads the reader to (a phone, a mailbox, a place), not an action, and
// stays.
func cardAction(bs []block, i int) bool {
	b := bs[i]
	if i == 0 || b.heads() || b.item || b.link < 0.99 || len(b.text) > 60 || numFields(b.text) > 5 || endsSentence(b.text) ||
		strings.ContainsAny(b.text, "@,0123456789") {
		return false
	}
	if i+1 < len(bs) && !bs[i+1].heads() {
		return false
	}
	prev := bs[i-1]
	return !prev.heads() && prev.link < 0.5 && numFields(prev.text) >= 6 && endsSentence(prev.text)
}
