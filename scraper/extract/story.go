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
// a dateline, with 500 bytes of paragraph text and at most three times
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
			x.drop(other, x.info(other))
		}
	}
}

// sameKind reports whether a and b share their tag and class attribute.
func sameKind(a, b *html.Node) bool {
	return a.DataAtom == b.DataAtom && attr(a, "class") == attr(b, "class")
}

// storyOpening reports whether n's nodes before its first 80 bytes of
// text outside headings hold a linked heading or a dateline: the head of
// a story, not a section of one. The walk stops after a few dozen
// elements.
func (x *contentExtractor) storyOpening(n *html.Node) bool {
	seen, text := 0, 0
	var walk func(n *html.Node, inHead bool) (found, stop bool)
	walk = func(n *html.Node, inHead bool) (bool, bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && !inHead {
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
			if c.DataAtom == atom.Time || attr(c, "datetime") != "" || inHead && c.DataAtom == atom.A && linksElsewhere(c) {
				return true, true
			}
			if found, stop := walk(c, inHead || isHeading(c.DataAtom)); found || stop {
				return found, stop
			}
		}
		return false, false
	}
	found, _ := walk(n, false)
	return found
}

// linksElsewhere reports whether the link a leads to another page, not to
// an anchor of this one (a heading's permalink sign).
func linksElsewhere(a *html.Node) bool {
	h := strings.TrimSpace(attr(a, "href"))
	return h != "" && h[0] != '#' && !strings.HasPrefix(strings.ToLower(h), "javascript:")
}
