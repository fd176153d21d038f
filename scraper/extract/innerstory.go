package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Other stories inside the chosen element (ex36ns). An endless scroll
// appends whole articles, each with its own headline, byline and date,
// after the story; when they land inside the element scoring chose (the
// story's body element, or the ancestor widen or a split body moved the
// choice to), neither dropOffTopic (it weighs only what was joined to the
// best candidate) nor dropOtherStories (a lone story after the
// candidate) nor dropNextStories (what follows the candidate) looks at
// them. What a reader sees is a new story: a block that opens with a
// heading and a dateline, or a heading that links to another page, or a
// new <article> (storyOpening), after the story's own text, about
// something else. A live blog's entries and a thread's posts open the
// same way but keep to the headline's subject, and a story's own
// sections (a method, a background box, an interview's questions) open
// under a plain sub-heading: both stay. Blocks under plain headings are
// weighed too when they come as a run of one kind (inRun: a scroll's
// template, repeated) outside the <article> that holds the headline
// (inside it the markup makes them the story's, as sections_after_text
// in TestBodyClasses keeps them). No block is weighed inside the story's
// text element (inTextBody): a briefing's items or a live blog's entries
// there tell of other things than the headline's words (review36f).

// innerStories returns the story's blocks and the other stories in n
// (or in the one element that holds nearly all of n, soleHolder): n's
// children after its first block of paragraphs that open a story of
// their own (an <article>, storyOpening, or one of a run of blocks of
// one kind outside the headline's <article>), outside the story's text
// element (inTextBody), under a heading (headingOpening) and hold
// offTopicMin bytes of paragraphs written in sentences. The other children with paragraphs are the story's.
func (x *contentExtractor) innerStories(n *html.Node) (story, other []*html.Node) {
	n = x.soleHolder(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		ci := x.info(c)
		if c.Type != html.ElementNode || ci == nil || ci.junk || ci.para == 0 {
			continue
		}
		if len(story) > 0 && ci.para >= offTopicMin && headingOpening(c) && !x.inTextBody(c) &&
			(c.DataAtom == atom.Article || x.storyOpening(c) || x.inRun(c) && !inHeadlineArticle(c)) && x.sentenceProse(c) {
			other = append(other, c)
			continue
		}
		story = append(story, c)
	}
	return story, other
}

// soleHolder descends from n through elements whose one child holds
// nine tenths of its paragraph text or more (wrappers), three levels at
// most.
func (x *contentExtractor) soleHolder(n *html.Node) *html.Node {
	for lvl := 0; lvl < 3; lvl++ {
		ni := x.info(n)
		var sole *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if ci := x.info(c); c.Type == html.ElementNode && ci != nil && !ci.junk && ci.para > 0 && 10*ci.para >= 9*ni.para {
				sole = c
			}
		}
		if sole == nil {
			return n
		}
		n = sole
	}
	return n
}

// dropInnerStories drops the other stories (innerStories) in the best
// candidate (x.core) and in the element chosen (top), when that is
// another (widen or a split body moved the choice up to an ancestor).
func (x *contentExtractor) dropInnerStories(sel []*html.Node, top *html.Node, headline string) []*html.Node {
	if ci := x.info(x.core); x.core != nil && ci != nil && !ci.junk {
		sel = x.dropInnerStoriesOf(x.core, sel, headline)
	}
	if ti := x.info(top); top != x.core && ti != nil && !ti.junk {
		sel = x.dropInnerStoriesOf(top, sel, headline)
	}
	return sel
}

// dropInnerStoriesOf drops the other stories in n that hold under a
// fifth of the headline's topic words (headlineTopic) and under
// offTopicShare of their distinct content words, weighted by rarity
// (idf), found in the headline or the story's blocks. Each is weighed
// against the story alone: the next stories do not speak for one
// another. It is asked, as dropOffTopic is, only when the story's blocks
// hold offTopicMin bytes of paragraphs and three tenths of the
// headline's topic words.
func (x *contentExtractor) dropInnerStoriesOf(n *html.Node, sel []*html.Node, headline string) []*html.Node {
	story, other := x.innerStories(n)
	if len(other) == 0 {
		return sel
	}
	para := 0
	var words map[string]bool
	for _, s := range story {
		para += x.info(s).para
		words = contentWords(textOf(s), words)
	}
	if para < offTopicMin {
		return sel
	}
	topic, df, docs, ok := x.storyTopic(headline, words)
	if !ok {
		return sel
	}
	contentWords(headline, words)
	in := func(w string) bool { return words[w] }
	var drop []*html.Node
	for _, b := range other {
		bw := contentWords(textOf(b), nil)
		if topicShare(bw, topic) < 0.2 && weightedShare(bw, in, df, docs) < offTopicShare {
			drop = append(drop, b)
		}
	}
	return x.dropFromSel(sel, drop)
}

// inRun reports whether c has a sibling of its kind (sameKind) next to
// it, past blank text, that also opens with a heading over offTopicMin
// bytes of paragraphs.
func (x *contentExtractor) inRun(c *html.Node) bool {
	for _, s := range []*html.Node{nonBlank(c.PrevSibling, false), nonBlank(c.NextSibling, true)} {
		if si := x.info(s); s != nil && si != nil && !si.junk && sameKind(s, c) && si.para >= offTopicMin && headingOpening(s) {
			return true
		}
	}
	return false
}

// inTextBody reports whether c sits in an element the page names as
// the story's body (itemprop articleBody, a strong body class) that does
// not hold the <h1>: the story's text element, whose parts are the
// story's. A briefing's items under headings linking to their stories
// and a live blog's entries sit there and tell of other things than the
// headline's words; an endless scroll appends its stories after the
// story's text, not in it. A named element that holds the <h1> too wraps
// the page's story as a whole and may take the scroll's stories.
func (x *contentExtractor) inTextBody(c *html.Node) bool {
	for a := c.Parent; a != nil; a = a.Parent {
		if ai := x.info(a); ai != nil && ai.body && !holdsH1(a) {
			return true
		}
	}
	return false
}

// inHeadlineArticle reports whether n sits in an <article> that holds an
// <h1>: the markup makes n a part of the headline's story.
func inHeadlineArticle(n *html.Node) bool {
	a := articleAbove(n)
	return a != nil && holdsH1(a)
}
