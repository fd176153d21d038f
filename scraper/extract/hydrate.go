package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page rendered by a script can arrive with all of its content inside
// one wrapper hidden by an inline style, an aria-hidden mark or the
// hidden attribute, which the script lifts after hydration. The content
// walk drops hidden subtrees as copies of text for machines, menus and
// dialogs; a hidden wrapper that holds more text than everything visible
// on the page is the page instead. The walk remembers the largest hidden
// subtree it dropped (its text counted once, in that subtree only), and
// when that one outweighs the visible text the wrapper is shown, as the
// script would, and the page walked again: a second walk only on such
// pages.

// minHiddenPage is the least text outside links, in non-space bytes,
// that a hidden wrapper must hold to be taken for the page.
const minHiddenPage = 200

// hiddenPageShare is how many times the visible text a hidden wrapper
// must hold to be taken for the page: a wrapper the script shows holds
// nearly all of it, where a hidden segment, panel or copy sits beside
// visible text of its own size.
const hiddenPageShare = 3

// maxUnhide bounds the wrappers shown on one page (nested ones).
const maxUnhide = 3

// noteHidden records n, a hidden subtree the walk dropped, holding text
// bytes of which link bytes inside links, when it is the largest so far
// and holds minHiddenPage bytes outside links.
func (x *contentExtractor) noteHidden(n *html.Node, text, link int) {
	if text > x.hiddenText && text-link >= minHiddenPage {
		x.hiddenTop, x.hiddenText = n, text
	}
}

// analyzePage runs the content walk over body and returns the paragraph
// text of the page. When a hidden wrapper holds more text than the rest
// of the page, it is shown and the page walked again.
func (x *contentExtractor) analyzePage(body *html.Node) int {
	streamDone := false
	for i := 0; ; i++ {
		text, _, _, para := x.analyze(body, false)
		if len(x.segments) > 0 && !streamDone {
			// Streamed segments are moved into place first, as the
			// page's script moves them; the page is walked again.
			streamDone = true
			if completeStreamed(body, x.segments) {
				x.reset()
				continue
			}
		}
		n := x.hiddenTop
		if n == nil || i == maxUnhide || x.hiddenText <= hiddenPageShare*text {
			x.hiddenTop, x.hiddenText = nil, 0
			return para
		}
		unhide(n)
		x.reset()
	}
}

// reset clears the walk's tables for another walk of the same page.
func (x *contentExtractor) reset() {
	clear(x.idx)
	clear(x.essays)
	clear(x.nodes)
	x.infos, x.nodes, x.paras, x.h1s = x.infos[:0], x.nodes[:0], x.paras[:0], x.h1s[:0]
	x.total, x.fullTotal, x.df = 0, 0, dfMemo{}
	x.hiddenTop, x.hiddenText = nil, 0
	clear(x.segments)
	x.segments = x.segments[:0]
	x.copyrights, x.footers = x.copyrights[:0], x.footers[:0]
	x.mainNode, x.mainFound = nil, false
	x.dropActions, x.actionTopic = keepActions, nil
}

// unhide removes what hides n: the hidden attribute, aria-hidden and an
// inline style that hides it.
func unhide(n *html.Node) {
	attrs := n.Attr[:0]
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden", "aria-hidden":
			continue
		case "style":
			if styleHides(a.Val) {
				continue
			}
		}
		attrs = append(attrs, a)
	}
	n.Attr = attrs
}

// hiddenSize returns the text bytes below n, a subtree the walk dropped
// as hidden, and those inside links, counted as the walk would count
// them had n been shown (scripts, styles and controls left out).
func hiddenSize(n *html.Node, inLink bool) (text, link int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t := 0
			for i := 0; i < len(c.Data); i++ {
				if c.Data[i] > ' ' {
					t++
				}
			}
			text += t
			if inLink {
				link += t
			}
		case html.ElementNode:
			if classifyTag(c.DataAtom) == tagSkip && !isRegion(c.DataAtom) || c.DataAtom == 0 && skipCustom[c.Data] {
				continue
			}
			t, l := hiddenSize(c, inLink || c.DataAtom == atom.A)
			text += t
			link += l
		}
	}
	return text, link
}
