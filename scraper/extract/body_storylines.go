package extract

import (
	"strings"
	"unicode"
)

// storyLines marks the linked lines of the story's own: a paragraph,
// heading or table row mostly linked, of 30 words at most, that stands
// alone between two unlinked blocks, after the body's first paragraph
// of prose and before its last (storyProse). There a line that links
// its words is the story's (a source named, a section's heading that
// links its subject, a row of a table of readings); a run of two linked
// lines or more is a list of other pages, and a line before or after
// the prose leads in or out of the story (navigation, teasers). A line
// printed twice among the linked ones is a label repeated down the page,
// and a headline in capitals or an address to the reader promotes
// (promoLine). It returns nil when there is none.
func storyLines(bs []block) []bool {
	first, last := -1, -1
	for i, b := range bs {
		if storyProse(b) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	var marks []bool
	var seen map[string]int
	for i := first + 1; i < last; i++ {
		b := bs[i]
		if b.link <= 0.5 || b.kind == kindItem || b.kind == kindQuote || bs[i-1].link > 0.5 || bs[i+1].link > 0.5 ||
			numFields(b.text) > storyLineWords || promoLine(b.text) {
			continue
		}
		if seen == nil {
			seen = linkedTexts(bs)
		}
		if seen[b.text] > 1 {
			continue
		}
		if marks == nil {
			marks = make([]bool, len(bs))
		}
		marks[i] = true
	}
	return marks
}

// storyLineWords bounds a linked line kept as the story's: a longer
// block mostly linked is a teaser's summary linked whole or a run of
// links set as a paragraph.
const storyLineWords = 30

// linkedTexts counts the texts of the linked blocks of bs.
func linkedTexts(bs []block) map[string]int {
	seen := make(map[string]int)
	for _, b := range bs {
		if b.link > 0.5 {
			seen[b.text]++
		}
	}
	return seen
}

// promoLine reports whether a linked line set alone in a story promotes
// rather than tells: a headline in capitals (shouted), furniture
// (isBoilerLine), a call to action or an address to the reader
// ("Follow us on ...", "Click here to get the app", "Abonnez-vous").
func promoLine(t string) bool {
	t = strings.TrimSpace(t)
	return shouted(t) || isBoilerLine(t) || isCallToAction(t) || reAddressed.MatchString(t) || reAddressedOther.MatchString(t)
}

// shouted reports whether t has four letters with case or more, of two
// words or more, and all of them are upper case.
func shouted(t string) bool {
	up, low := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	return up >= 4 && low == 0 && numFields(t) >= 2
}
