package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropOtherStories drops a story that follows the top candidate's story
// beside it: a block after the path from the top candidate to its
// ancestor three levels up that is an <article> element, or whose
// opening (storyOpening) holds a heading that links to another page or
// a heading and a dateline, with 500 bytes of paragraph text and at most three times
// the top's. "Next story" sections
// put a whole second article after the first; widening the body to
// their common parent, taking siblings that score well, or a recall net
// over the region's prose would join the two. Only a lone one goes: a
// run of such blocks, or one shaped as the path's own, is a thread of
// posts, a live blog or a front page of posts, read as a whole.
func (x *contentExtractor) dropOtherStories(top *html.Node) {
	para := x.info(top).para
	for child, lvl := top, 0; lvl < 3 && child.Parent != nil; child, lvl = child.Parent, lvl+1 {
		if a := child.Parent.DataAtom; a == atom.Body || a == atom.Html {
			return
		}
		var other *html.Node
		n, after := 0, false
		for c := child.Parent.FirstChild; c != nil; c = c.NextSibling {
			if c == child {
				after = true
				continue
			}
			if c.Type != html.ElementNode {
				continue
			}
			ci := x.info(c)
			if ci == nil || ci.junk || ci.para < 500 || !(c.DataAtom == atom.Article || x.storyOpening(c)) {
				continue
			}
			if n++; after && ci.para <= 3*para && !sameKind(c, child) {
				other = c
			}
		}
		if n == 1 && other != nil {
			oi := x.info(other)
			x.drop(other, oi)
			oi.story = true
		}
	}
}

// sameKind reports whether a and b share their tag and class attribute.
func sameKind(a, b *html.Node) bool {
	return a.DataAtom == b.DataAtom && attr(a, "class") == attr(b, "class")
}

// storyOpening reports whether n's nodes before its first 80 bytes of
// text outside headings hold a linked heading, or a heading and a
// dateline: the head of a story, not a section of one. A dateline
// without a heading opens an update or the dated rest of the same story
// ("Updated 10:00" over its last paragraphs). The walk stops after a few
// dozen elements.
func (x *contentExtractor) storyOpening(n *html.Node) bool {
	head, dated := false, false
	return openingHolds(n, false, func(c *html.Node, inHead bool) (found, skip bool) {
		if inHead && c.DataAtom == atom.A && linksElsewhere(c) {
			return true, false
		}
		head = head || isHeading(c.DataAtom)
		dated = dated || c.DataAtom == atom.Time || attr(c, "datetime") != ""
		return head && dated, false
	})
}

// openingHolds walks n's elements in document order until one is found,
// 80 bytes of text have gone by (text inside headings counted only when
// headText) or 60 elements were seen. found answers for each element
// (inHead: under a heading); skip keeps the walk out of its children.
func openingHolds(n *html.Node, headText bool, found func(c *html.Node, inHead bool) (found, skip bool)) bool {
	seen, text := 0, 0
	var walk func(n *html.Node, inHead bool) (found, stop bool)
	walk = func(n *html.Node, inHead bool) (bool, bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && (headText || !inHead) {
				if text += len(strings.TrimSpace(c.Data)); text >= 80 {
					return false, true
				}
			}
			if c.Type != html.ElementNode {
				continue
			}
			if seen++; seen > 60 {
				return false, true
			}
			ok, skip := found(c, inHead)
			if ok {
				return true, true
			}
			if skip {
				continue
			}
			if ok, stop := walk(c, inHead || isHeading(c.DataAtom)); ok || stop {
				return ok, stop
			}
		}
		return false, false
	}
	ok, _ := walk(n, false)
	return ok
}

// linksElsewhere reports whether the link a leads to another page, not to
// an anchor of this one (a heading's permalink sign).
func linksElsewhere(a *html.Node) bool {
	h := strings.TrimSpace(attr(a, "href"))
	return h != "" && h[0] != '#' && !strings.HasPrefix(strings.ToLower(h), "javascript:")
}

// dropNextStories drops the stories that an endless scroll appends after
// an article: on a page that declares an article, the blocks that open
// with a heading of their own (headingOpening) over 500 bytes of
// paragraphs after the article's own block. The walk goes up from the
// top candidate through the blocks of ownStory bytes of paragraphs:
// from an article body element (articleBody, a strong body class) on,
// what follows each block is looked at; it ends at the first block that
// holds the page's headline (the last <h1> before the top candidate) and
// is followed by such blocks. The story's own block, or the body element
// the page names, is the whole story: what follows it under its own
// heading is the next story, a run of them too (the scroll loads
// several). The declaration keeps threads and fronts of posts, which
// declare no article, whole.
func (x *contentExtractor) dropNextStories(top *html.Node) {
	head := x.headlineBefore(top)
	body := false
	for a, lvl := top, 0; lvl < 6 && a.Parent != nil && a.DataAtom != atom.Body && a.DataAtom != atom.Html; a, lvl = a.Parent, lvl+1 {
		ai := x.info(a)
		if ai == nil || ai.para < ownStory {
			continue
		}
		body = body || ai.body
		holds := head != nil && isAncestor(a, head)
		if !holds && !body {
			continue
		}
		next := x.nextStories(a)
		if len(next) == 0 {
			continue
		}
		if !x.declared {
			return
		}
		for _, c := range next {
			x.drop(c, x.info(c))
		}
		if holds {
			return
		}
	}
}

// nextStories returns the blocks after a that open a story of their own:
// a heading first (headingOpening) over 500 bytes of paragraphs.
func (x *contentExtractor) nextStories(a *html.Node) []*html.Node {
	var next []*html.Node
	for c := a.NextSibling; c != nil; c = c.NextSibling {
		if ci := x.info(c); c.Type == html.ElementNode && ci != nil && !ci.junk && ci.para >= 500 && headingOpening(c) {
			next = append(next, c)
		}
	}
	return next
}

// headlineBefore returns the last <h1> before top that the content walk
// kept (x.h1s lists them), or nil.
func (x *contentExtractor) headlineBefore(top *html.Node) *html.Node {
	var last *html.Node
	at := x.idx[top]
	for _, i := range x.h1s {
		if i >= at {
			break
		}
		if !x.infos[i].junk {
			last = x.nodes[i]
		}
	}
	return last
}

// headingOpening reports whether n opens with a heading (<h1> to <h3>):
// one met before 80 bytes of text. The walk stops after a few dozen
// elements.
func headingOpening(n *html.Node) bool {
	return openingHolds(n, true, func(c *html.Node, _ bool) (found, skip bool) {
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3:
			return true, false
		case atom.Script, atom.Style, atom.Template:
			return false, true
		}
		return false, false
	})
}

// ownStory is the paragraph text, in bytes (about 170 words), from which
// a block holding the headline and the text, or an article body element,
// is a story of its own for dropNextStories.
const ownStory = 1000

// dropCardRails drops a rail of cards that closes the selected text: an
// element whose element children, four or more, all share one tag and
// class and are each a short box of unlinked prose (80 to 700 bytes, all
// of it in paragraphs, no heading), after at least as much paragraph text
// of the selection as it holds and with under a quarter of its own after
// it, outside the element the page marks as its body, on a page that
// declares an article. Such a row of summaries, quotes or blurbs beside
// or under a story is laid out as cards; a story's own paragraphs are not
// boxed one by one in a row of twins at its end. Dropping it is a drop in
// the content walk (its text leaves its ancestors' counts too). On pages
// that declare no article the same rule moved listings and service pages
// of page-types both ways (docs/BENCHMARKS.md, exread16).
func (x *contentExtractor) dropCardRails(sel []*html.Node) {
	if !x.declared {
		return
	}
	var rails []*html.Node
	for _, s := range sel {
		walkElements(s, func(n *html.Node) bool {
			ni := x.info(n)
			if ni == nil || ni.junk {
				return false
			}
			if ni.body {
				return false // the text the page marks as its body
			}
			if x.cardRail(n) {
				rails = append(rails, n)
				return false
			}
			return true
		})
	}
	for _, r := range rails {
		ri := x.info(r)
		ridx := x.idx[r]
		before, after := 0, 0
		for _, p := range x.paras {
			if pi := x.info(p.n); pi == nil || pi.junk || isAncestor(r, p.n) || !inAny(sel, p.n) {
				continue
			}
			if x.idx[p.n] < ridx {
				before += p.text
			} else {
				after += p.text
			}
		}
		if before >= ri.para && after*4 < ri.para {
			x.drop(r, ri)
		}
	}
}

// cardRail reports whether n's element children, four or more, share one
// tag and a class and are each a box of 80 to 700 bytes of unlinked
// paragraph text without a heading.
func (x *contentExtractor) cardRail(n *html.Node) bool {
	k := 0
	var first *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		ci := x.info(c)
		if ci == nil || ci.junk {
			continue
		}
		if first == nil {
			first = c
			if attr(c, "class") == "" {
				return false
			}
		} else if !sameKind(c, first) {
			return false
		}
		if ci.text < 80 || ci.text > 700 || ci.para*10 < ci.text*9 || ci.link*10 > ci.text || hasHeadingBelow(c) {
			return false
		}
		k++
	}
	return k >= 4
}

// hasHeadingBelow reports whether n holds an <h1>-<h6>.
func hasHeadingBelow(n *html.Node) bool {
	found := false
	walkElements(n, func(c *html.Node) bool {
		if isHeading(c.DataAtom) {
			found = true
		}
		return !found
	})
	return found
}

// inAny reports whether n is one of sel or below one of them.
func inAny(sel []*html.Node, n *html.Node) bool {
	for _, s := range sel {
		if s == n || isAncestor(s, n) {
			return true
		}
	}
	return false
}

// walkElements calls f on n and, while f returns true, on its element
// descendants, in document order.
func walkElements(n *html.Node, f func(*html.Node) bool) {
	if n.Type == html.ElementNode && !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			walkElements(c, f)
		}
	}
}
