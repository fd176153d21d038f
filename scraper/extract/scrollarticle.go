package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Whole articles after the page's own (ex40ns). An endless scroll, or a
// "next story" module, prints the next articles in full under the one
// the URL names, each an <article> element of its own that opens with
// its own headline and either a <time> or a headline linking to its own
// page (storyOpening). When the page's story is short, one of them can
// outscore it and become the candidate, and widening to their common
// parent then joins them all; the later rules (dropOtherStories,
// dropNextStories, dropInnerStories) look from the candidate and do not
// see the story before it as the page's. The markup says which article
// is the page's before anything is scored: the one that holds the
// page's <h1>. So the <article>s that follow the block holding an <h1>
// and a story's paragraphs, beside it, go before scoring, when they
// name under a fifth of the <h1>'s words (topicShare). A live blog's
// entries, a thread's posts, a Q&A's answers and an update of the story
// are kept by what the rule asks for: the page declares no thread
// (x.thread); each opens with a heading that does not repeat the
// headline (a reply's "Re: ...") and with a <time> or a heading linking
// elsewhere (answers open with neither); they keep to the headline's
// subject (an entry or a reply names it, the next story from the same
// site's scroll most often does not); the block holding the <h1> has a
// story of its own (an intro, not a header); and no such article comes
// before it (a front page's or an archive's list of posts).

// scrollMin is the paragraph text, in bytes, that the block holding the
// <h1> and each article after it hold at least (dropOtherStories' bound).
const scrollMin = 500

// scrollMax is the most whole articles an endless scroll has loaded under
// the page's own when it is captured: one to three. More signed, dated,
// headed <article>s after the headline's block are a sequence of the
// page's own: a live ticker's entries signed by their reporters, a
// series' parts. None of them is dropped then (lead, session 40: a
// signed Liveticker that names towns, not the storm, lost every entry).
const scrollMax = 3

// dropScrollArticles drops, before scoring, the <article>s that follow
// the block holding an <h1> beside it (scrollArticles), on a page that
// does not declare a thread, and returns their paragraph bytes. They are
// marked as other stories (story), as dropOtherStories marks its own,
// for the page-type features and the short body's net.
func (x *contentExtractor) dropScrollArticles() (para int) {
	if x.thread {
		return 0
	}
	for _, i := range x.h1s {
		if x.infos[i].junk {
			continue
		}
		for _, c := range x.scrollArticles(x.nodes[i]) {
			ci := x.info(c)
			para += ci.para
			x.drop(c, ci)
			ci.story = true
		}
	}
	return para
}

// withoutOtherStories returns bs and their comment marks without the
// blocks inside an element dropped as another story (story). The block
// model reads the whole page; a net that takes its text for a short
// story must not bring back the stories the content walk told apart.
func (x *contentExtractor) withoutOtherStories(bs []block, comment []bool) ([]block, []bool) {
	if x.otherStoryText() == 0 {
		return bs, comment
	}
	out, cm := bs[:0:0], comment[:0:0]
	for i, b := range bs {
		if !x.inOtherStory(b.at) {
			out, cm = append(out, b), append(cm, comment[i])
		}
	}
	return out, cm
}

// inOtherStory reports whether the node at doc-order index at is inside
// an element dropped as another story.
func (x *contentExtractor) inOtherStory(at int32) bool {
	if at < 0 || int(at) >= len(x.nodes) {
		return false
	}
	for n := x.nodes[at]; n != nil; n = n.Parent {
		if in := x.info(n); in != nil && in.junk && in.story {
			return true
		}
	}
	return false
}

// scrollArticles returns the articles after the block holding h and
// scrollMin bytes of paragraphs (the lowest such ancestor of h, six
// levels up at most, <body>'s children the highest): its later siblings
// that are other articles (scrollArticle) naming under a fifth of h's
// content words. When no such sibling follows, the next ancestor is
// asked; when more than scrollMax do, they are the page's own sequence,
// and nothing is returned. Nor is anything when a block has an article
// before it too (an item of a list of articles: a front page, an
// archive), or when the headline has under three content words, too
// short to tell what is off its subject.
func (x *contentExtractor) scrollArticles(h *html.Node) []*html.Node {
	head := strings.TrimSpace(textOf(h))
	topic := contentWords(head, nil)
	if len(topic) < 3 {
		return nil
	}
	for a, lvl := h, 0; lvl < 6 && a.Parent != nil && a.Parent.Type == html.ElementNode; a, lvl = a.Parent, lvl+1 {
		if a.Parent.DataAtom == atom.Html {
			return nil
		}
		ai := x.info(a)
		if ai == nil || ai.junk || ai.para < scrollMin {
			continue
		}
		var next []*html.Node
		for c := a.NextSibling; c != nil; c = c.NextSibling {
			if x.scrollArticle(c, head) && topicShare(contentWords(textOf(c), nil), topic) < 0.2 {
				next = append(next, c)
			}
		}
		if len(next) == 0 && a.Parent.DataAtom == atom.Body {
			return nil
		}
		if len(next) == 0 {
			continue
		}
		if len(next) > scrollMax {
			return nil
		}
		for c := a.PrevSibling; c != nil; c = c.PrevSibling {
			if x.scrollArticle(c, head) {
				return nil
			}
		}
		return next
	}
	return nil
}

// scrollArticle reports whether c is an article of its own: an
// <article> element with scrollMin bytes of paragraphs, no <h1>, that
// opens with a heading (headingOpening) that does not repeat the page's
// headline (head: a reply's "Re: ..."), with a <time> or a heading
// linking elsewhere (storyOpening) and with a byline (bylineOpening).
func (x *contentExtractor) scrollArticle(c *html.Node, head string) bool {
	if c.Type != html.ElementNode || c.DataAtom != atom.Article {
		return false
	}
	ci := x.info(c)
	if ci == nil || ci.junk || ci.para < scrollMin || holdsH1(c) || !headingOpening(c) || !x.storyOpening(c) || !bylineOpening(c) {
		return false
	}
	return !strings.Contains(strings.ToLower(textOf(firstHeading(c))), strings.ToLower(head))
}

// bylineOpening reports whether n opens with a byline: an element outside
// its headings, before 80 bytes of other text, whose text is two to
// twelve words that read as names (isNameLine), without a digit (a
// date reads as names too) or a sentence's end. A whole article is
// signed; a live blog's entry, a briefing's item or a month of a review
// of the year opens with a heading and a time or a link but names no
// author (review40b). The walk stops after a few dozen elements.
func bylineOpening(n *html.Node) bool {
	return openingHolds(n, false, func(c *html.Node, _ bool) (found, skip bool) {
		switch {
		case isHeading(c.DataAtom) || c.DataAtom == atom.Time:
			return false, true
		case c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Template:
			return false, true
		}
		t := strings.TrimSpace(textOf(c))
		k := numFields(t)
		return k >= 2 && k <= 12 && !hasDigit(t) && !endsSentence(t) && isNameLine(t), false
	})
}

// firstHeading returns n's first <h1>-<h6> in document order, or n.
func firstHeading(n *html.Node) *html.Node {
	var h *html.Node
	walkElements(n, func(c *html.Node) bool {
		if h == nil && isHeading(c.DataAtom) {
			h = c
		}
		return h == nil
	})
	if h == nil {
		return n
	}
	return h
}
