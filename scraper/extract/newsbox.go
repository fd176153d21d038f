package extract

import (
	"slices"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// newsBoxWords bounds the text of a newsletter box (newsletterBoxes): a
// heading, a prompt, a line on what the letter brings and one on how to
// leave it (a tuning page's box holds 84 words).
const newsBoxWords = 120

// dropNewsletterBoxes drops from an article's text the blocks inside a
// box that invites the reader to the site's newsletter: a heading that
// is a sign-up prompt (reActionLine: "Sign up for the Courier
// newsletter") over a few lines in the site's own voice (reSiteVoice:
// "Never miss the latest news by signing up to our newsletter"), all of
// it newsBoxWords or fewer. Publishers drop such a box between a story's
// paragraphs; its heading alone is caught by other rules, and its lines,
// which need not link anywhere, stayed. The box is told by its heading
// and its size, not by class words. The box must also hold the
// action's target (a link, a form, a button) and speak in the site's
// voice outside quoted speech: a story's section headed "Sign up for
// the flood alerts by e-mail" or "Subscribe to the newsletter, then to
// the paper" quotes an officer's or an editor's "our", and stays. The
// blocks stay as they are when fewer than 50 words would be left.
func (p *page) dropNewsletterBoxes(bs []block) []block {
	boxes := p.newsletterBoxes(bs)
	if len(boxes) == 0 {
		return bs
	}
	return dropSpans(bs, p.markedSpans(func(n *html.Node) bool { return boxes[n] }), 50)
}

// newsletterBoxes returns the boxes of the headings (h2-h6) between the
// first and the last block of bs that are sign-up prompts: for each, the
// nearest of its three closest ancestors that holds more words than the
// heading, when that holds newsBoxWords or fewer, a link or a control,
// speaks in the site's voice (outside quotation marks) and holds no <h1>. The heading itself may be out of the text
// already (a heading over nothing kept); its lines are not.
func (p *page) newsletterBoxes(bs []block) map[*html.Node]bool {
	if len(bs) == 0 || bs[0].at < 0 || int(bs[len(bs)-1].at) >= len(p.x.nodes) {
		return nil
	}
	var boxes map[*html.Node]bool
	for i := bs[0].at; i <= bs[len(bs)-1].at; i++ {
		h := p.x.nodes[i]
		if h.Type != html.ElementNode || h.DataAtom == atom.H1 || !isHeading(h.DataAtom) {
			continue
		}
		text := textOf(h)
		if !reActionLine.MatchString(text) {
			continue
		}
		if box := newsletterBox(h, countWords(text)); box != nil {
			if boxes == nil {
				boxes = map[*html.Node]bool{}
			}
			boxes[box] = true
		}
	}
	return boxes
}

// newsletterBox returns the nearest of h's three closest ancestors that
// holds more than head words, when it is a newsletter box: newsBoxWords
// or fewer, a link or a control, the site's voice, no <h1>.
func newsletterBox(h *html.Node, head int) *html.Node {
	for n, lvl := h.Parent, 0; n != nil && n.Type == html.ElementNode && lvl < 3; n, lvl = n.Parent, lvl+1 {
		t := textOf(n)
		w := countWords(t)
		if w <= head {
			continue
		}
		if w <= newsBoxWords && reSiteVoice.MatchString(reQuoted.ReplaceAllString(t, " ")) &&
			holdsAtom(n, atom.A, atom.Form, atom.Input, atom.Button) && !holdsAtom(n, atom.H1) {
			return n
		}
		return nil
	}
	return nil
}

// reQuoted matches a stretch of quoted speech: between typographic,
// low-high, guillemet or straight double quotes.
var reQuoted = lazyRE(`“[^”]*”|„[^“”]*[“”]|«[^»]*»|»[^«]*«|"[^"]*"`)

// holdsAtom reports whether n or an element under it is of one of the
// tags as.
func holdsAtom(n *html.Node, as ...atom.Atom) bool {
	if n.Type == html.ElementNode && slices.Contains(as, n.DataAtom) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if holdsAtom(c, as...) {
			return true
		}
	}
	return false
}
