package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds of keepLinkedCards: a card's description is linkedCardProse
// words or more and ends like a sentence; the card's link sits
// linkedCardDepth levels or fewer above the element each of its lines
// begins in; a page shows cardTitleRun such cards of one link class or
// more.
const (
	linkedCardProse = 12
	linkedCardDepth = 6
)

// linkedCard is the run of blocks bs[first:last+1] inside one link.
type linkedCard struct {
	a           *html.Node
	first, last int
	prose       bool
}

// keepLinkedCards sets keep, on a page that is not an article, for the
// lines of the cards drawn as one link each: a link that holds a title
// and a description of linkedCardProse words or more that reads as a
// sentence. A grid of services, of guides or of categories is often
// drawn so (the whole card clickable); the model reads every line of it
// as a link and drops the grid, while the references keep the cards.
// Only when cardTitleRun cards or more share their link's class (one
// component repeated), when the cards' lines the model drops hold more
// words than it keeps on the whole page (the page is a hub whose own text is a lead
// over its grid; on a page with a text of its own, such grids are rails
// to elsewhere, its insights, people and related offers, which the
// references leave out), outside the page's navigation, header, footer,
// asides and dialogs and after its headline: a menu's items over a line
// of text are short and sit in the navigation.
func (p *page) keepLinkedCards(bs []block, fs [][nFeat]float64, keep, dialog []bool) {
	head := p.headlineAt()
	var cards []linkedCard
	for i, b := range bs {
		if b.link < cardTitleLink || b.at <= head || dialog[i] || inChrome(&fs[i]) {
			continue
		}
		a := p.cardLink(b)
		if a == nil {
			continue
		}
		if n := len(cards); n > 0 && cards[n-1].a == a && cards[n-1].last == i-1 {
			cards[n-1].last = i
		} else {
			cards = append(cards, linkedCard{a: a, first: i, last: i})
		}
		c := &cards[len(cards)-1]
		c.prose = c.prose || i > c.first && countWords(b.text) >= linkedCardProse && endsSentence(b.text)
	}
	count := map[string]int{}
	for _, c := range cards {
		if c.prose {
			count[attr(c.a, "class")]++
		}
	}
	cardWords := 0
	var take []linkedCard
	for _, c := range cards {
		if c.prose && count[attr(c.a, "class")] >= cardTitleRun {
			take = append(take, c)
			for i := c.first; i <= c.last; i++ {
				if !keep[i] {
					cardWords += countWords(bs[i].text)
				}
			}
		}
	}
	if cardWords <= keptWords(bs, keep) {
		return
	}
	for _, c := range take {
		for i := c.first; i <= c.last; i++ {
			keep[i] = true
		}
	}
}

// keptWords counts the words of the blocks keep marks.
func keptWords(bs []block, keep []bool) int {
	n := 0
	for i, b := range bs {
		if keep[i] {
			n += countWords(b.text)
		}
	}
	return n
}

// inChrome reports whether a block's features place it in the page's
// navigation, header, footer or an aside.
func inChrome(f *[nFeat]float64) bool {
	return f[fNav] > 0 || f[fHeader] > 0 || f[fFooter] > 0 || f[fAside] > 0
}

// cardLink returns the link that holds the element b begins in,
// linkedCardDepth levels up or fewer, or nil.
func (p *page) cardLink(b block) *html.Node {
	n := p.blockNode(b)
	for d := 0; n != nil && d <= linkedCardDepth; d, n = d+1, n.Parent {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			return n
		}
	}
	return nil
}
