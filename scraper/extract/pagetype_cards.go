package extract

import (
	"strings"

	"github.com/archivist-project/archivist/corpus"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Cards by shape: the items of a listing or a collection (a section
// front's teasers, a shop's tiles, a directory's entries) are siblings
// built from one template, each a short block that leads to another page
// under a title. teaserGroups finds like siblings by a shared class name,
// and kindSignals counts cards by class words ("card", "teaser", "tile"),
// which sites built with CSS modules or utility classes do not use. Here
// siblings are alike when their markup has the same shape: the same tag
// holding the same sequence of child tags, whatever their classes say.

// cardMaxText is the most text bytes a card holds: a title, a date, a
// line or two of summary, a price. A section of an article is longer.
const cardMaxText = 700

// cardRunMin is the fewest like cards under one parent that count as a
// run: two are a pair of links, three a grid.
const cardRunMin = 3

// cardStats counts card runs: cards, the longest run, their text bytes,
// and the cards themselves.
type cardStats struct {
	cards, most, text int
	items             []*html.Node
}

// cardShape returns n's shape: its tag and its element children's tags,
// in order (the first eight). Classes and ids are left out on purpose.
func cardShape(n *html.Node) string {
	var b strings.Builder
	b.WriteString(n.Data)
	b.WriteByte('>')
	k := 0
	for c := n.FirstChild; c != nil && k < 8; c = c.NextSibling {
		if c.Type == html.ElementNode {
			b.WriteString(c.Data)
			b.WriteByte(',')
			k++
		}
	}
	return b.String()
}

// isCard reports whether element n, with content-walk info in, is shaped
// as a card: short, with text, a link to another page or opened by one (before
// any paragraph: a live blog's entries are signed by a link under their
// text, and link their own page), with one paragraph of prose at most
// (a timeline's sections have more), and holding a heading, a picture or
// a date beside that link (a menu's entries are links alone).
func (p *page) isCard(n *html.Node, in *nodeInfo) bool {
	if in == nil || in.junk || in.text < 20 || in.text > cardMaxText || in.link == 0 {
		return false
	}
	a := n // a card may be one link, picture, title and all
	if n.DataAtom != atom.A {
		a = openingLink(n, 0)
	}
	if a == nil || pageKey(attr(a, "href"), p.base) == "" || !leadsAway(attr(a, "href"), p.base) {
		return false
	}
	if p.proseParas(n, 0) > 1 {
		return false
	}
	return holdsTag(n, 0, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Img, atom.Picture, atom.Time) || datedItem(n, 0)
}

// openingLink returns the first <a> under n that comes before any
// paragraph, or nil.
func openingLink(n *html.Node, depth int) *html.Node {
	if depth > 8 {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.A:
			return c
		case atom.P:
			return nil
		}
		if a := openingLink(c, depth+1); a != nil || holdsTag(c, 0, atom.P) {
			return a
		}
	}
	return nil
}

// proseParas counts the paragraphs of prose under n: 80 text bytes or
// more, under a fifth of them linked.
func (p *page) proseParas(n *html.Node, depth int) int {
	if depth > 8 {
		return 0
	}
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.P {
			if in := p.x.info(c); in != nil && in.text >= 80 && in.link*5 < in.text {
				k++
			}
			continue
		}
		k += p.proseParas(c, depth+1)
	}
	return k
}

// holdsTag reports whether n's subtree holds an element of one of tags.
func holdsTag(n *html.Node, depth int, tags ...atom.Atom) bool {
	if depth > 8 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		for _, t := range tags {
			if c.DataAtom == t {
				return true
			}
		}
		if holdsTag(c, depth+1, tags...) {
			return true
		}
	}
	return false
}

// cardRuns adds to st the runs of like cards among n's element children:
// cardRunMin or more children of one shape that are cards, other
// children between them or not.
func (p *page) cardRuns(n *html.Node, st *cardStats) bool {
	var shapes map[string][]*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || !p.isCard(c, p.x.info(c)) {
			continue
		}
		if shapes == nil {
			shapes = map[string][]*html.Node{}
		}
		s := cardShape(c)
		shapes[s] = append(shapes[s], c)
	}
	found := false
	for _, run := range shapes {
		if len(run) < cardRunMin {
			continue
		}
		found = true
		st.cards += len(run)
		st.most = max(st.most, len(run))
		for _, c := range run {
			st.text += p.x.info(c).text
			st.items = append(st.items, c)
		}
	}
	return found
}

// bodyCards returns the text bytes of the card runs inside the body
// found (p.sel) and the body's text bytes. A run's cards hold no runs of
// their own that count, nor does what the content walk dropped.
func (p *page) bodyCards() (cardText, text int) {
	var st cardStats
	x := p.x
	for _, s := range p.sel {
		start, ok := x.idx[s]
		if !ok {
			continue
		}
		text += x.infos[start].text
		x.walkSkipping(int(start), s, func(i int, n *html.Node) bool {
			return x.infos[i].junk || n.Type == html.ElementNode && p.cardRuns(n, &st)
		})
	}
	return st.text, text
}

// pageCards counts the card runs of the whole page, outside what the
// content walk dropped (comments, consent walls), and the page's text.
// A block dropped as another story beside the body found (in.story) is
// read: a grid of cards after a collection's intro looks to
// dropOtherStories like the next story, an <article> element of 500
// bytes of text or more.
func (p *page) pageCards() (st cardStats) {
	x := p.x
	x.walkSkipping(0, nil, func(i int, n *html.Node) bool {
		in := &x.infos[i]
		return in.junk && !droppedTeaser(in) && !in.story || n.Type == html.ElementNode && p.cardRuns(n, &st)
	})
	return st
}

// otherStoryText returns the text bytes of the blocks dropped as other
// stories beside the body found (dropOtherStories), which pageText
// leaves out.
func (x *contentExtractor) otherStoryText() int {
	text := 0
	for i := range x.infos {
		if in := &x.infos[i]; in.junk && in.story {
			text += in.text
		}
	}
	return text
}

// cardPage reports whether an undated page is made of cards by shape
// around a short body found: cardPageMin cards or more in runs, the
// longest of teaserRunMin or more, holding three fifths of the page's
// text and twice the text of the body found outside them, with
// cardPageProse long paragraphs at most outside them. A shop's grid or
// a collection under a paragraph of intro, which the model, missing the
// class words it counts cards by, takes for a business's plain page or,
// reading the intro, for an article. correctModel asks it of the
// model's articles only when nothing signs the page or declares a story
// (unsignedPage): asked of every article, it typed a check-half article
// a listing (branch ex33ty). A story is dated; a business's page of
// services holds its prose.
func (p *page) cardPage(art *corpus.Article) bool {
	if art.Published != nil {
		return false
	}
	ps := p.pageCards()
	if ps.cards < cardPageMin || ps.most < teaserRunMin || ps.text*5 < 3*(p.pageText()+p.x.otherStoryText()) {
		return false
	}
	cardText, text := p.bodyCards()
	return ps.text >= 2*max(text-cardText, bytesPerWord*art.WordCount-cardText, 0) && p.longParasOutside(ps.items) <= cardPageProse
}

// undatedCardPage reports whether the page is made of cards by shape
// (cardPage), at most half of them hold a date (datedItem) and at most
// half sit under a heading of their own (headedRun): a shop's grid, a
// directory, a collection of recipes. The dated links under a short
// story (its earlier coverage), or its undated links under "More news",
// are the story's related stories; the dated teasers of a section front
// or a tag page are teaserFront's and itemRunBody's to read.
func (p *page) undatedCardPage(art *corpus.Article) bool {
	if !p.cardPage(art) {
		return false
	}
	items := p.pageCards().items
	dated, headed := 0, 0
	for _, it := range items {
		if datedItem(it, 0) {
			dated++
		}
		if headedRun(it) {
			headed++
		}
	}
	return 2*dated <= len(items) && 2*headed <= len(items)
}

// headedRun reports whether card c's run is set apart under a heading of
// its own: the run's parent, or the block around it, comes right after
// an unlinked heading ("More news", "Related"). A story's related
// stories sit under such a label, undated or not; a shop's or a
// directory's grid follows its intro as the page's own content.
func headedRun(c *html.Node) bool {
	n := c.Parent
	for k := 0; n != nil && k < 3; k, n = k+1, n.Parent {
		if h := prevElementSibling(n); h != nil {
			return isHeading(h.DataAtom) && !linkedHeading(h)
		}
	}
	return false
}

// cardPageProse is the most long paragraphs a page of cards holds
// outside them: an intro, a note under the grid. A story whose body the
// content walk missed still holds its paragraphs.
const cardPageProse = 2

// longParasOutside counts the page's paragraphs of 200 text bytes or
// more, under a fifth of them linked, that are in none of items, outside
// what the content walk dropped.
func (p *page) longParasOutside(items []*html.Node) int {
	in := make(map[*html.Node]bool, len(items))
	for _, it := range items {
		in[it] = true
	}
	x := p.x
	k := 0
	x.walkSkipping(0, nil, func(i int, n *html.Node) bool {
		info := &x.infos[i]
		if in[n] || info.junk && !info.story {
			return true
		}
		if n.DataAtom == atom.P && info.text >= 200 && info.link*5 < info.text {
			k++
		}
		return false
	})
	return k
}

// cardPageMin is the fewest cards in runs that can make a page a grid
// of cards (cardPage): two rows of three.
const cardPageMin = 6
