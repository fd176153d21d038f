package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A date line over an article ("11 Jan 2019", "Updated: 11.04.2020,
// 10:27") is the page's stamp, read into the article's date, not a line
// of the story. Where its wrapper's class names say "date" or "meta" the
// content walk drops it; where the names are hashed (CSS modules) or
// utility classes it stays, before the lead (issue 8: seen on the hashed
// tuning pages). What every such line is drawn as is the same: a short
// block that is a <time> element, with a label of two words at most
// beside it. It goes only in the text's head, before the first block
// that is a paragraph of prose (headStoryWords): a dated entry or a
// stamped update further down is the story's. And a text with such lines
// after its start too is a live blog's or a timeline's run of stamped
// entries, whose first stamp opens the first entry: nothing goes there
// (stampsAfter). And the line must name a year (reStampYear): a page's
// stamp says when the page was written, so it carries the year; a day
// and a time without one ("Saturday 12 June, 19:00") is a date the page
// is about (an event's, a diary day's), written for readers of that
// year, and it is content (review39e).

// dateLineMax is the most text a date line holds, its label included.
const dateLineMax = 60

// headStoryWords is how many words make the block where the story begins.
const headStoryWords = 25

// reStampYear matches a year of four digits ("2019", "30.11.2026").
var reStampYear = lazyRE(`(?:^|\D)(?:19|20)\d\d(?:\D|$)`)

// dropHeadDateLines drops the date lines (dateLine) among an article's
// blocks before its first paragraph of prose, unless fewer than 50 words
// would be left.
func (p *page) dropHeadDateLines(bs []block) []block {
	head := 0
	for head < len(bs) && countWords(bs[head].text) < headStoryWords {
		head++
	}
	if head == len(bs) || p.stampsAfter(bs[head:]) {
		return bs
	}
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		if i < head && p.dateLine(b) && reStampYear.MatchString(b.text) {
			continue
		}
		out = append(out, b)
	}
	if len(out) < len(bs) && blocksWords(out) < 50 {
		return bs
	}
	return out
}

// dateLine reports whether b is a line that is a <time> element with a
// label of two words at most ("Aktualisiert:", "Published on"): the
// element its text began in, or one of its two closest ancestors whose
// text is still b's, holds the <time>.
func (p *page) dateLine(b block) bool {
	t := cleanSpace(b.text)
	if len(t) == 0 || len(t) > dateLineMax || b.heads() || b.at < 0 || int(b.at) >= len(p.x.nodes) {
		return false
	}
	a := p.x.nodes[b.at]
	for up := 0; a != nil && up < 3; up, a = up+1, a.Parent {
		if at := shortText(a, dateLineMax); at == "" || len(at) > len(t) {
			return false // shortText stops reading a large wrapper early
		}
		if tm := firstTime(a); tm != nil {
			tt := textOf(tm)
			return tt != "" && strings.Contains(t, tt) && len(strings.Fields(strings.Replace(t, tt, "", 1))) <= 2
		}
	}
	return false
}

// firstTime returns n if it is a <time> element, or the first <time>
// below it.
func firstTime(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Time {
		return n
	}
	return firstOfAtom(n, atom.Time)
}

// stampsAfter reports whether one of bs is a date line (dateLine).
func (p *page) stampsAfter(bs []block) bool {
	for _, b := range bs {
		if p.dateLine(b) {
			return true
		}
	}
	return false
}
