package extract

import "golang.org/x/net/html"

// A rail of cards about other things (ex39ns). dropCardRails drops a
// closing rail of cards by its shape alone, and so leaves two kinds
// alone: a rail inside the element the page marks as its body (a story
// may close with its own boxed key points there) and a rail after a
// story shorter than it (a brief may be followed by more than itself).
// Sites put their "more from us" rail of two-sentence summaries in both
// places: in the body's template, and under briefs. What tells such a
// rail from the story's own boxes is what it is about, as for a text
// joined to the story (dropOffTopic): the story's key points name its
// subject and share its words; summaries of other stories do not.

// dropOffTopicRails drops, on a page that declares an article, each rail
// of cards (cardRail) in sel that closes the selection (under a quarter
// of its paragraph text after it) after offTopicMin bytes of the story's
// paragraphs, and that holds under a fifth of the headline's topic words
// (headlineTopic) and under offTopicShare of its content words, weighted
// by idf, in the headline or the story's paragraphs before it.
func (x *contentExtractor) dropOffTopicRails(sel []*html.Node, headline string) []*html.Node {
	if !x.declared {
		return sel
	}
	var drop []*html.Node
	for _, r := range x.closingRails(sel) {
		story := contentWords(headline, nil)
		held := 0
		for _, p := range x.paras {
			if pi := x.info(p.n); pi != nil && !pi.junk && x.idx[p.n] < x.idx[r] && inAny(sel, p.n) {
				contentWords(textOf(p.n), story)
				held += p.text
			}
		}
		if held < offTopicMin {
			continue
		}
		topic, df, docs, ok := x.storyTopic(headline, story)
		if !ok {
			continue
		}
		rw := contentWords(textOf(r), nil)
		if topicShare(rw, topic) < 0.2 && weightedShare(rw, func(w string) bool { return story[w] }, df, docs) < offTopicShare {
			drop = append(drop, r)
		}
	}
	return x.dropFromSel(sel, drop)
}

// closingRails lists the rails of cards (cardRail) in sel, inside the
// element the page marks as its body too, with under a quarter of their
// paragraph text in sel after them.
func (x *contentExtractor) closingRails(sel []*html.Node) []*html.Node {
	var rails []*html.Node
	for _, s := range sel {
		walkElements(s, func(n *html.Node) bool {
			if ni := x.info(n); ni == nil || ni.junk {
				return false
			}
			if x.cardRail(n) {
				rails = append(rails, n)
				return false
			}
			return true
		})
	}
	out := rails[:0]
	for _, r := range rails {
		after := 0
		for _, p := range x.paras {
			if pi := x.info(p.n); pi != nil && !pi.junk && !isAncestor(r, p.n) && x.idx[p.n] > x.idx[r] && inAny(sel, p.n) {
				after += p.text
			}
		}
		if 4*after < x.info(r).para {
			out = append(out, r)
		}
	}
	return out
}
