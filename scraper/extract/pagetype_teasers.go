package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// teaserLayout is what the headings and paragraphs of the body found say
// about a page's shape, read in document order outside the regions the
// content walk dropped (teasers dropped for their class names count): a
// teaser is a linked h2-h4 heading in an item of its own (teaserItem)
// with at most one paragraph before the next heading (a headline and its
// summary), a section such a heading with two paragraphs or more, and
// story the paragraphs of prose under no such heading (a story's, a
// roundup's, or a listing's intro).
type teaserLayout struct {
	teasers, sections, story int
	teaserText, text         int // text bytes of the teasers, and of the body found
	// excerpts counts the sections whose item is dated and links the
	// heading's page again after the heading ("Continue reading", "Read
	// more"): the excerpt of a story on a blog's index or a section
	// front's lead, not a section of the page's own; excerptText is their
	// items' text.
	excerpts, excerptText int
	// datedTeasers counts the teasers whose item holds a date of its
	// own (datedItem): a front's or a tag page's headlines are dated
	// one by one, a roundup's picks under one byline are not.
	// awayTeasers counts those whose heading links another site's page:
	// a roundup picks other writers' pieces, a front leads to its own.
	datedTeasers, awayTeasers int
	// storyBefore counts the paragraphs of prose before the first
	// teaser's heading, and gridAfterStory tells whether a heading that
	// is not a teaser's came between them and it.
	storyBefore    int
	gridAfterStory bool
}

// teaserSummaryMin is the fewest text bytes of a paragraph that counts
// under a linked heading: a summary of a line; shorter ones are bylines
// and dates.
const teaserSummaryMin = 40

// teaserLayout walks the nodes of the body found (p.sel) once, in
// document order.
func (p *page) teaserLayout() teaserLayout {
	w := layoutWalk{x: p.x, base: p.base}
	for _, s := range p.sel {
		if in := p.x.info(s); in != nil {
			w.l.text += in.text
		}
		w.region(s)
	}
	w.closeSection()
	return w.l
}

// layoutWalk is teaserLayout's state: the current heading is a teaser's
// (linked, alone in its item) and paras paragraphs have followed it.
type layoutWalk struct {
	x        *contentExtractor
	base     *url.URL // the page's URL, nil when it has none
	l        teaserLayout
	linked   bool
	paras    int
	headText int        // the text bytes of the current heading's item
	head     *html.Node // the current linked heading
	item     *html.Node // and its item (teaserItem)
	href     string     // the page its link leads to (pageKey)
	again    bool       // a link in the item after the heading leads there too
	started  bool       // a teaser's heading has been seen
	skip     *html.Node // a dropped region being passed over
}

// region walks the subtree of s: its nodes follow it in x.nodes.
func (w *layoutWalk) region(s *html.Node) {
	start, ok := w.x.idx[s]
	if !ok {
		return
	}
	for i := int(start); i < len(w.x.nodes); i++ {
		n := w.x.nodes[i]
		if n != s && !isAncestor(s, n) {
			return
		}
		w.node(n, &w.x.infos[i])
	}
}

// node reads one node of the body found: headings open sections,
// paragraphs count under them, dropped regions are passed over.
func (w *layoutWalk) node(n *html.Node, in *nodeInfo) {
	if w.skip != nil && isAncestor(w.skip, n) {
		return
	}
	w.skip = nil
	if in.junk && !droppedTeaser(in) {
		w.skip = n
		return
	}
	switch n.DataAtom {
	case atom.A:
		w.linkAgain(n)
	case atom.H1:
		w.closeSection()
		if !w.started {
			// The page's content starts at its headline.
			w.l.storyBefore, w.l.gridAfterStory = 0, false
		}
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.closeSection()
		w.linked, w.headText = false, 0
		if n.DataAtom != atom.H5 && n.DataAtom != atom.H6 && linkedHeading(n) && leadsAway(headingHref(n), w.base) {
			item := teaserItem(n)
			if ii := w.x.info(item); ii != nil {
				w.linked, w.headText = true, ii.text
				w.head, w.item, w.href = n, item, pageKey(headingHref(n), w.base)
			}
		}
		switch {
		case w.linked:
			w.started = true
		case !w.started && w.l.storyBefore > 0:
			// A heading of its own between a story and the first
			// teaser: "More stories" under an article.
			w.l.gridAfterStory = true
		}
	case atom.P:
		if in.text < teaserSummaryMin || in.link*5 >= in.text {
			return
		}
		if w.linked {
			w.paras++
		} else if in.text >= 80 {
			w.l.story++
			if !w.started {
				w.l.storyBefore++
			}
		}
	}
}

// closeSection counts the section the walk leaves.
func (w *layoutWalk) closeSection() {
	switch {
	case !w.linked:
	case w.paras <= 1:
		w.l.teasers++
		w.l.teaserText += w.headText
		if w.item != nil && datedItem(w.item, 0) {
			w.l.datedTeasers++
		}
		if otherSite(w.href, w.base) {
			w.l.awayTeasers++
		}
	default:
		w.l.sections++
		if w.again && datedItem(w.item, 0) {
			w.l.excerpts++
			w.l.excerptText += w.headText
		}
	}
	w.linked, w.paras, w.headText = false, 0, 0
	w.head, w.item, w.href, w.again = nil, nil, "", false
}

// datedItem reports whether item holds a date: a <time> element or a
// short text that reads as one ("Posted on 12 November 2026 by Anna").
// A blog's index dates its posts; the sections of a listicle are not
// dated one by one.
func datedItem(item *html.Node, depth int) bool {
	if depth > 8 {
		return false
	}
	for c := item.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			if c.DataAtom == atom.Time || datedItem(c, depth+1) {
				return true
			}
		case html.TextNode:
			if t := strings.TrimSpace(c.Data); len(t) >= 6 && len(t) <= 80 {
				if _, ok := ParseDate(t); ok {
					return true
				}
			}
		}
	}
	return false
}

// linkAgain notes a link in the current heading's item, after the
// heading, that leads where the heading does.
func (w *layoutWalk) linkAgain(a *html.Node) {
	if !w.linked || w.again || w.href == "" || w.item == nil || !isAncestor(w.item, a) || isAncestor(w.head, a) || w.head.Parent == a {
		return
	}
	w.again = pageKey(attr(a, "href"), w.base) == w.href
}

// pageKey returns the page a link leads to, resolved against base, with
// no fragment and no trailing slash: "" for a link into the page, or to
// the page's own path with another query (a live blog's permalink to one
// of its entries, "?post=105"): such a link leads to no other story.
func pageKey(href string, base *url.URL) string {
	href = strings.TrimSpace(href)
	if href == "" || href[0] == '#' {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Fragment = ""
	u.Path = strings.TrimSuffix(u.Path, "/")
	if base != nil && strings.EqualFold(u.Host, base.Host) && u.Path == strings.TrimSuffix(base.Path, "/") {
		return ""
	}
	return strings.ToLower(u.Host) + u.Path + "?" + u.RawQuery
}

// otherSite reports whether the page key (pageKey) is of another host
// than base's, "www." aside.
func otherSite(key string, base *url.URL) bool {
	if key == "" || base == nil {
		return false
	}
	host, _, _ := strings.Cut(key, "/")
	host, _, _ = strings.Cut(host, "?")
	return strings.TrimPrefix(host, "www.") != strings.TrimPrefix(strings.ToLower(base.Host), "www.")
}

// teaserItem returns the element that holds heading n and nothing of
// another heading: a teaser's headline sits in an item of its own (a
// card, a list item, an <article>), the largest such element below the
// list; nil when n's parent already holds another h1-h4, as the linked
// headings of a roundup article do, running in the flow of its text.
func teaserItem(n *html.Node) *html.Node {
	var item *html.Node
	for q, i := n.Parent, 0; q != nil && i < 4; q, i = q.Parent, i+1 {
		if q.DataAtom == atom.Body || holdsOtherHeading(q, n, 0) {
			break
		}
		item = q
	}
	return item
}

// holdsOtherHeading reports whether q's subtree holds an h1-h4 other
// than n.
func holdsOtherHeading(q, n *html.Node, depth int) bool {
	if depth > 12 {
		return false
	}
	for c := q.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c == n {
			continue
		}
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4:
			return true
		}
		if holdsOtherHeading(c, n, depth+1) {
			return true
		}
	}
	return false
}

// linkedHeading reports whether heading n is a link or holds one.
func linkedHeading(n *html.Node) bool {
	return hasLink(n, 0) || n.Parent != nil && n.Parent.DataAtom == atom.A
}

// headingHref returns the href of heading n's link: the first link it
// holds, or the link around it.
func headingHref(n *html.Node) string {
	if n.Parent != nil && n.Parent.DataAtom == atom.A {
		return attr(n.Parent, "href")
	}
	if a := firstLink(n, 0); a != nil {
		return attr(a, "href")
	}
	return ""
}

// firstLink returns the first <a> under n, depth levels deep at most.
func firstLink(n *html.Node, depth int) *html.Node {
	if depth > 6 {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A {
			return c
		}
		if a := firstLink(c, depth+1); a != nil {
			return a
		}
	}
	return nil
}

// leadsAway reports whether a heading's link leads to another page, as a
// teaser's headline does to its story: not to a person's profile (a
// thread's posts headed by their posters' names; a profile's path ends
// in a name, a story's in a slug: slugLast) and not into the page
// itself (a post's permalink, #p123 or thread.php?p=123#p123: an anchor
// on the page's own path; or the page's own URL, a thread's title).
func leadsAway(href string, base *url.URL) bool {
	href = strings.TrimSpace(href)
	if href == "" || href[0] == '#' {
		return false
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	if profileHref(href) && !slugLast(u.Path) {
		return false
	}
	if base == nil {
		return true
	}
	u = base.ResolveReference(u)
	samePath := strings.EqualFold(u.Host, base.Host) && strings.TrimSuffix(u.Path, "/") == strings.TrimSuffix(base.Path, "/")
	return !samePath || u.Fragment == "" && u.RawQuery != base.RawQuery
}

// slugLast reports whether a path ends in a story's slug (three hyphens
// or more, as listURL reads a name): a story filed under its writer's
// handle (/@anna/first-frost-on-the-lower-slope) or under a section that
// profileHref takes for people's (/people/...), not a profile.
func slugLast(path string) bool {
	segs := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	return len(segs) > 0 && strings.Count(segs[len(segs)-1], "-") >= 3
}

// teaserFront reports whether the body found is a run of teasers rather
// than a story: four teasers or more (linked headlines in items of their
// own, with a line of summary at most), outnumbering twice over such
// headings with paragraphs of their own, holding half the text of the
// body found and of the article-shaped body (words), after at most one
// paragraph of intro with no heading between it and them, and fewer than
// three paragraphs of prose under no teaser. A story followed by a grid
// of other stories has its own paragraphs, or a heading over the grid; a
// roundup's linked headings run in the flow of its text. A heading that
// links into the page or to a profile is no teaser's (leadsAway): the
// titles of a thread's posts. Sections that are excerpts (a dated item
// that links the heading's page again, "Continue reading") count with the
// teasers when they hold two thirds of the body found: a blog's index, or
// a front whose body found is its lead story's excerpt. signed tells
// that the page has an author and a date: with no teaser dated and most
// leading to other sites, it is one writer's roundup of links.
func (p *page) teaserFront(words int, signed bool) bool {
	if p.kind.linkHeads < 4 {
		return false
	}
	l := p.teaserLayout()
	if l.story >= storyProseParas || l.storyBefore > 1 || l.gridAfterStory {
		return false
	}
	if l.teasers >= 4 && l.teasers > 2*l.sections && l.teaserText*2 >= max(l.text, bytesPerWord*words) {
		// A page dated and signed as a whole whose teasers carry no
		// date of their own and lead to other sites is one writer's
		// roundup of links, not a front: a front's or a tag page's
		// stories are dated one by one, or lead to the site's own
		// pages (a front whose template signs and dates every page,
		// a blog's index that hides its posts' dates).
		return !(signed && l.datedTeasers == 0 && 2*l.awayTeasers > l.teasers)
	}
	// Excerpts of other pages, each under its linked headline and
	// ending in a link to it again ("Continue reading"): a blog's index,
	// or a front's lead story above its teasers. They hold two thirds of
	// the body found.
	return l.excerpts >= 1 && (l.excerptText+l.teaserText)*3 >= 2*max(l.text, bytesPerWord*words)
}

// bytesPerWord is about how many text bytes (white space not counted) a
// word takes, in the languages of the sets.
const bytesPerWord = 5

// teaserRunMin is the fewest items of the longest run of teasers that
// makes a body found a list of them (itemRunBody).
const teaserRunMin = 4

// itemRunBody reports whether the body found is a list of teasers that
// carry no headings: runs of like sibling items (teaserGroups: a linked
// title, a date, a line of summary each), the longest of four items or
// more, that hold two thirds of the body found's text and of the
// article-shaped body (words), with one paragraph of prose at most
// outside them and no heading of its own between it and them. A tag page
// or a search page whose titles are plain links; a story's paragraphs are
// no such items (they hold too little of their text in links), and a
// brief's "More stories" grid stands under a heading.
func (p *page) itemRunBody(words int) bool {
	x := p.x
	var items []*html.Node
	text, runText, most := 0, 0, 0
	for _, s := range p.sel {
		start, ok := x.idx[s]
		if !ok {
			continue
		}
		text += x.infos[start].text
		x.walkSkipping(int(start), s, func(i int, n *html.Node) bool {
			if in := &x.infos[i]; in.junk && !droppedTeaser(in) || !in.block || n.Type != html.ElementNode {
				return false
			}
			c := teaserGroups(x, n, func(it *html.Node) { items = append(items, it) })
			if c.items == 0 {
				return false
			}
			runText += c.text
			most = max(most, c.most)
			return true // the runs' items hold no runs of their own
		})
	}
	if most < teaserRunMin || runText*3 < 2*max(text, bytesPerWord*words) {
		return false
	}
	teasers := 0
	for _, it := range items {
		if a := firstLink(it, 0); a != nil && leadsAway(attr(a, "href"), p.base) && datedItem(it, 0) {
			teasers++
		}
	}
	if teasers*4 < len(items)*3 {
		// Not dated: a roundup's items, or a ticker's times of day. Not
		// opened by a link to another page: a thread's posts, opened by
		// their posters' profiles.
		return false
	}
	// A paragraph of intro is a tag page's description, but on a page
	// that declares an article it is a brief's story, and the dated
	// links under it its related stories.
	long, grid := p.proseOutside(items)
	intro := 1
	if p.declaresArticleMeta() {
		intro = 0
	}
	return long <= intro && !grid
}

// proseOutside counts the paragraphs of prose (80 bytes or more, under
// a fifth of it linked) from the body found's first node to its last that
// are in none of items, and tells whether a heading of its own stands
// between such a paragraph and the first item: a story's "More stories"
// over a grid of others. The walk covers what lies between the body's
// parts too: the content walk leaves such a heading out of the body.
func (p *page) proseOutside(items []*html.Node) (long int, grid bool) {
	x := p.x
	first, last := -1, -1
	for _, s := range p.sel {
		start, ok := x.idx[s]
		if !ok {
			continue
		}
		if first < 0 || int(start) < first {
			first = int(start)
		}
		last = max(last, x.subtreeEnd(int(start))+1)
	}
	isItem := make(map[*html.Node]bool, len(items))
	for _, it := range items {
		isItem[it] = true
	}
	seen := false
	var skip *html.Node
	for i := max(first, 0); i < last; i++ {
		n, in := x.nodes[i], &x.infos[i]
		if skip != nil && isAncestor(skip, n) {
			continue
		}
		skip = nil
		if in.junk {
			skip = n
			continue
		}
		if isItem[n] {
			// The walk is in document order: an item comes before the
			// nodes inside it, which are skipped with it.
			seen, skip = true, n
			continue
		}
		switch n.DataAtom {
		case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			grid = grid || !seen && long > 0
		case atom.P:
			if in.text >= 80 && in.link*5 < in.text {
				long++
			}
		}
	}
	return long, grid
}
