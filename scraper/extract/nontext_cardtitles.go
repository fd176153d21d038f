package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds of keepCardTitles: a card's title is cardTitleMinWords to
// cardTitleMaxWords words, nearly all linked (cardTitleLink); its teaser
// cardTeaserWords words or more, mostly unlinked; a page shows
// cardTitleRun such cards or more.
const (
	cardTitleMinWords = 3
	cardTitleMaxWords = 30
	cardTitleLink     = 0.9
	cardTeaserWords   = 8
	cardTitleRun      = 3
)

// keepCardTitles sets keep, on a listing, for the linked titles of the
// cards whose teasers the model keeps: a block nearly all linked, of
// cardTitleMinWords to cardTitleMaxWords words, that the model drops
// while it keeps the block right after it, a line of prose under the
// title (cardTeaserWords words or more, mostly unlinked). The model
// reads a whole linked line as navigation, but a section front or a
// search page is a run of such headlines, each over its summary, and
// the references keep both. Only when cardTitleRun titles or more stand
// so: a lone linked line over a kept paragraph is a "related" link or a
// breadcrumb. "Read more" and other short links stay out by the bound on
// words, a link after its teaser is not over it, and a title must stand
// in the teaser's card (oneCard). Nor do the titles above the page's
// headline come back (headlineAt): a menu's items over their one-line
// descriptions, or a header's promotions, precede it; a listing's cards
// follow it.
func (p *page) keepCardTitles(bs []block, keep []bool) {
	var titles []int
	prev := -1 // the last kept block before i
	head := p.headlineAt()
	for i := 0; i+1 < len(bs); i++ {
		if !keep[i] && keep[i+1] && bs[i].at > head && isCardTitle(bs[i]) && isCardTeaser(bs[i+1]) && p.oneCard(bs, i, prev) {
			titles = append(titles, i)
		}
		if keep[i] {
			prev = i
		}
	}
	if len(titles) < cardTitleRun {
		return
	}
	for _, i := range titles {
		keep[i] = true
	}
}

// isCardTitle reports whether b reads as a card's linked title.
func isCardTitle(b block) bool {
	w := countWords(b.text)
	return b.link >= cardTitleLink && w >= cardTitleMinWords && w <= cardTitleMaxWords
}

// isCardTeaser reports whether b reads as the summary under a card's
// title: unlinked prose, not a date line.
func isCardTeaser(b block) bool {
	return b.link < 0.3 && b.kind != kindHeading && countWords(b.text) >= cardTeaserWords && !dateLike(b.text)
}

// cardDepth is the most levels above a block's element at which a
// card's title and teaser meet (oneCard).
const cardDepth = 4

// oneCard reports whether bs[i] and bs[i+1] are the title and the
// summary of one card: their elements meet cardDepth levels up or fewer
// from each, in an element that does not hold the kept block before the
// title (prev, -1 for none) too. A link under one card's summary meets
// the next card's summary in the list that holds both cards, and the
// last link of one section meets the next section's paragraph far up,
// or not at all. A card's own dropped lines above its title (a date, a
// label) may share its element.
func (p *page) oneCard(bs []block, i, prev int) bool {
	meet := p.meetNear(bs[i], bs[i+1])
	if meet == nil {
		return false
	}
	if prev >= 0 {
		for n := p.blockNode(bs[prev]); n != nil; n = n.Parent {
			if n == meet {
				return false
			}
		}
	}
	return true
}

// meetNear returns the nearest element that holds the elements a and b
// begin in, when it is cardDepth levels up or fewer from each, or nil.
func (p *page) meetNear(a, b block) *html.Node {
	na, nb := p.blockNode(a), p.blockNode(b)
	if na == nil || nb == nil {
		return nil
	}
	var up [cardDepth + 1]*html.Node
	for d := 0; d <= cardDepth && na != nil; d, na = d+1, na.Parent {
		up[d] = na
	}
	for d := 0; d <= cardDepth && nb != nil; d, nb = d+1, nb.Parent {
		for _, n := range up {
			if n == nb {
				return n
			}
		}
	}
	return nil
}

// blockNode returns the element b begins in, or nil.
func (p *page) blockNode(b block) *html.Node {
	if b.at < 0 || int(b.at) >= len(p.x.nodes) {
		return nil
	}
	return p.x.nodes[b.at]
}

// headlineAt returns the place (block.at) of the page's first <h1> that
// holds text, or -1 for a page without one.
func (p *page) headlineAt() int32 {
	for i, n := range p.x.nodes {
		if n.Type == html.ElementNode && n.DataAtom == atom.H1 && p.x.infos[i].text > 0 {
			return int32(i)
		}
	}
	return -1
}
