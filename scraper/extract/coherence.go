package extract

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Lexical coherence (ex34pc): a block that scoring joined to the story
// (a sibling selectContent took, or a block of the ancestor that a split
// body or widen moved the choice to) is told from the story's own chunks
// by its words. A story split around ads, photos and layout columns
// tells of the same people, places and things in every chunk, and most
// chunks name some of the headline's subject; a text about the site, a
// second story or a rail of other stories shares only the language's
// common words with it.

// contentWords adds to into (made when nil) the distinct words of s of
// four letters or more, lowercased: a rough stand-in for its content
// words in any language written with spaces.
func contentWords(s string, into map[string]bool) map[string]bool {
	if into == nil {
		into = make(map[string]bool, 256)
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if k := utf8.RuneCountInString(w); k >= 4 && k <= 30 {
			into[strings.ToLower(w)] = true
		}
	}
	return into
}

// pageDF counts, for each content word, the page's paragraphs (of 25
// bytes or more) that hold it, and returns the count of paragraphs: a
// word in many paragraphs ("that", "with") says nothing of the topic, a
// word in few (a name, a subject) does.
func (x *contentExtractor) pageDF() (map[string]int, int) {
	if x.df.counts == nil {
		x.df.counts, x.df.docs = x.countDF()
	}
	return x.df.counts, x.df.docs
}

// dfMemo holds pageDF's counts for one analysis of the page; callers
// only read them.
type dfMemo struct {
	counts map[string]int
	docs   int
}

// countDF counts what pageDF returns.
func (x *contentExtractor) countDF() (map[string]int, int) {
	df := make(map[string]int, 1024)
	n := 0
	for _, p := range x.paras {
		if p.text < 25 {
			continue
		}
		n++
		for w := range contentWords(textOf(p.n), nil) {
			df[w]++
		}
	}
	return df, n
}

// joinedParts lists the blocks joined after the best candidate (x.core):
// the later siblings of each element on the path from x.picked up to
// top, where widen moved the choice, then the blocks of sel after it
// (selectContent's siblings). The blocks of a split body's ancestor
// (splitBody) are not weighed: with them, a product page's sections went
// on the check half. Only blocks of offTopicMin bytes
// of paragraphs or more count, and not the candidate's twins (its tag
// and class: the chunks of a body split by a CMS). A block before the
// candidate is the story's opening (a lead, its first sections), which
// the headline introduces; what is not the story follows it (a text
// about the site, next stories, a rail). Nor is a section of the story
// (storySection).
func (x *contentExtractor) joinedParts(top *html.Node, sel []*html.Node) []*html.Node {
	var parts []*html.Node
	art := articleAbove(x.core)
	add := func(n *html.Node) {
		if ni := x.info(n); ni != nil && !ni.junk && ni.para >= offTopicMin && !sameKind(n, x.core) && x.idx[n] > x.idx[x.core] &&
			!x.storySection(n, art) {
			parts = append(parts, n)
		}
	}
	if x.picked != nil && isAncestor(top, x.picked) {
		for a := x.picked; a != top && a.Parent != nil; a = a.Parent {
			for s := a.Parent.FirstChild; s != nil; s = s.NextSibling {
				if s != a && s.Type == html.ElementNode {
					add(s)
				}
			}
		}
	}
	for _, n := range sel {
		if n != top {
			add(n)
		}
	}
	return parts
}

// storySection reports whether the markup makes n a section of the
// story (review34c): a block inside the <article> element art that holds
// the candidate, or, where no <article> says so, a block beside the
// candidate (of its parent) that opens with a heading. A story's own
// later sections (a background box, a recipe's method, an obituary's
// services, an interview's second half) share few of its words and went
// with the words alone; a heading-led block beside the story may also be
// a second story, which the words cannot tell from a section either, and
// it is kept as before the rule.
func (x *contentExtractor) storySection(n, art *html.Node) bool {
	if art != nil {
		return isAncestor(art, n)
	}
	return n.Parent == x.core.Parent && headingOpening(n)
}

// articleAbove returns the nearest <article> element strictly above n,
// or nil.
func articleAbove(n *html.Node) *html.Node {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && a.DataAtom == atom.Article {
			return a
		}
	}
	return nil
}

// offTopicMin is the paragraph text, in bytes, from which a joined block
// is weighed: a short lead or chunk keeps too few words to tell.
const offTopicMin = 500

// dropOffTopic drops the joined blocks (joinedParts) that share neither
// the headline's subject nor the story's words: a block whose text holds
// at most a tenth of the headline's topic words (headlineTopic) and under
// offTopicShare of its distinct content words, weighted by their rarity
// among the page's paragraphs (idf), found in the headline, the best
// candidate or the other joined blocks. It is asked only when the best
// candidate holds offTopicMin bytes of paragraphs and three tenths of
// the headline's topic words: the choice is then the story, and not the
// block beside it.
func (x *contentExtractor) dropOffTopic(top *html.Node, sel []*html.Node, headline string) []*html.Node {
	if x.core == nil || x.info(x.core) == nil || x.info(x.core).para < offTopicMin {
		return sel
	}
	parts := x.joinedParts(top, sel)
	if len(parts) == 0 {
		return sel
	}
	story := contentWords(textOf(x.core), nil)
	topic, df, docs, ok := x.storyTopic(headline, story)
	if !ok {
		return sel
	}
	contentWords(headline, story)
	words := make([]map[string]bool, len(parts))
	for i, n := range parts {
		words[i] = contentWords(textOf(n), nil)
	}
	var drop []*html.Node
	for i, n := range parts {
		if topicShare(words[i], topic) > 0.1 || !x.sentenceProse(n) {
			continue
		}
		// The story's words: the headline's, the candidate's and the
		// other joined blocks'.
		inStory := func(w string) bool {
			if story[w] {
				return true
			}
			for j, ws := range words {
				if j != i && ws[w] {
					return true
				}
			}
			return false
		}
		if weightedShare(words[i], inStory, df, docs) < offTopicShare {
			drop = append(drop, n)
		}
	}
	return x.dropFromSel(sel, drop)
}

// storyTopic returns the headline's topic words (headlineTopic) and the
// page's word counts (pageDF), and whether a block may be weighed
// against them: the headline names three topic words or more, and the
// story's words (story) hold three tenths of them. A story that does
// not name its headline's subject gives no measure of what is off it.
func (x *contentExtractor) storyTopic(headline string, story map[string]bool) (topic map[string]bool, df map[string]int, docs int, ok bool) {
	df, docs = x.pageDF()
	topic = headlineTopic(headline, df, docs)
	return topic, df, docs, len(topic) >= 3 && topicShare(story, topic) >= 0.3
}

// offTopicShare is the weighted share of its words a joined block must
// find in the story to stay when it names none of the headline's
// subject: the chunks of the perturbed tuning pages that name none of
// it find 0.3 or more, the texts about the site and second stories most
// often less.
const offTopicShare = 0.3

// dropFromSel drops each of drop from the page's text (x.drop) and
// returns sel without them.
func (x *contentExtractor) dropFromSel(sel, drop []*html.Node) []*html.Node {
	if len(drop) == 0 {
		return sel
	}
	for _, n := range drop {
		x.drop(n, x.info(n))
	}
	out := make([]*html.Node, 0, len(sel))
	for _, n := range sel {
		if !x.info(n).junk {
			out = append(out, n)
		}
	}
	return out
}

// headlineTopic returns the headline's topic words: its content words
// found in at most half of the page's paragraphs ("with", "this" and
// their like in every language are in more).
func headlineTopic(headline string, df map[string]int, docs int) map[string]bool {
	hw := contentWords(headline, nil)
	for w := range hw {
		if 2*df[w] > docs {
			delete(hw, w)
		}
	}
	return hw
}

// topicShare is the share of topic's words found in ws, a text's
// content words.
func topicShare(ws, topic map[string]bool) float64 {
	k := 0
	for w := range topic {
		if ws[w] {
			k++
		}
	}
	return float64(k) / float64(len(topic))
}

// weightedShare is the share of a text's content words ws for which in
// holds, each weighted by its rarity among the page's paragraphs (idf).
func weightedShare(ws map[string]bool, in func(string) bool, df map[string]int, docs int) float64 {
	var found, all float64
	for w := range ws {
		idf := math.Log(float64(docs+1) / float64(df[w]+1))
		if idf <= 0 {
			continue
		}
		all += idf
		if in(w) {
			found += idf
		}
	}
	if all == 0 {
		return 0
	}
	return found / all
}

// sentenceProse reports whether most of n's paragraph text is in
// paragraphs of 80 bytes or more that end a sentence: a text about the
// site, another story or a rail of cards is written in sentences; a
// roundup's list of items (names, prices, links) that continues the
// story after an ad shares few words with its introduction and is not
// weighed.
func (x *contentExtractor) sentenceProse(n *html.Node) bool {
	prose, all := 0, 0
	for _, p := range x.paras {
		if p.self || p.text < 25 || !isAncestor(n, p.n) {
			continue
		}
		all += p.text
		if p.text >= 80 && endsSentence(textOf(p.n)) {
			prose += p.text
		}
	}
	return all > 0 && 2*prose >= all
}
