package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// namesAuthor reports whether t, a short line that ends no sentence,
// holds the full name of one of the page's authors as its JSON-LD or meta
// tags give them: a byline ("Jane Doe and John Roe Springfield Herald")
// whatever its markup. Sites whose class names say nothing (CSS modules,
// utility classes) do not label it "byline", so the edge trim would keep
// it as the story's first line.
func (p *page) namesAuthor(t string) bool {
	if endsSentence(t) || !isNameLine(t) {
		return false
	}
	line := " " + nameWords(t) + " "
	for _, a := range p.metaAuthorWords() {
		if strings.Contains(line, " "+a+" ") {
			return true
		}
	}
	return false
}

// metaAuthorWords returns the people the page's JSON-LD or meta tags name
// as its authors, each as its lower-cased words, names of two words or
// more only (one word could be any word of a line). Visible bylines are
// left out: they are found by class names, and the line at hand may be
// one of them.
func (p *page) metaAuthorWords() []string {
	if p.bylineNames != nil {
		return *p.bylineNames
	}
	set := authorSet{}
	ld := p.ldArticle()
	if ld == nil {
		ld = p.ldPage()
	}
	if ld == nil || !set.addLD(ld) {
		set.addMeta(p)
	}
	var names []string
	for _, a := range set.people {
		if w := nameWords(a); strings.Count(w, " ") >= 1 {
			names = append(names, w)
		}
	}
	p.bylineNames = &names
	return names
}

// nameWords returns the lower-cased words of t, one space apart.
func nameWords(t string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(t), notWordRune), " ")
}

// isBylineShape reports whether b could be a byline by its shape alone:
// a paragraph of two to twelve words, none linked, that ends no
// sentence and reads as names (isNameLine).
func isBylineShape(b block) bool {
	n := numFields(b.text)
	return b.kind == kindPara && n >= 2 && n <= 12 && b.link == 0 && !endsSentence(b.text) && isNameLine(b.text)
}

// isNameLine reports whether t reads as names and titles rather than
// prose: half its words or more open with a capital, a digit or a
// letter of a script without case ("Jane Doe, Staff Writer", "Lena Ortiz
// and Tom Reyes Valley Courier"). A dek, a subheading or an opening line
// that names the author ("Jane Doe on why Kyiv will not go dark", "How
// a city learned to live with the dark") is mostly lower-case words, and
// is the story's own, even without a full stop.
func isNameLine(t string) bool {
	words := strings.FieldsFunc(t, notWordRune)
	caps := 0
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsLower(r) {
			caps++
		}
	}
	return len(words) > 0 && 2*caps >= len(words)
}

// isSummaryLine reports whether t, a line of four words or more, is the
// page's description or holds it: a dek written in Title Case ("How a
// City Learned to Live With the Dark") reads as names to isNameLine, but
// CMSs copy the dek into the description, and no byline is one.
func (p *page) isSummaryLine(t string) bool {
	line := " " + nameWords(t) + " "
	if strings.Count(line, " ") < 5 {
		return false
	}
	sum := p.summaryWords()
	return strings.Contains(sum, line) || len(sum) > 2 && strings.Contains(line, sum)
}

// isDateLine reports whether t is a short update or publication stamp
// ("Published 10:02 AM EST Nov 19, 2019", "Updated 5:27 am CST,
// Wednesday, November 20, 2019").
func isDateLine(t string) bool {
	if numFields(t) > 12 || endsSentence(t) {
		return false
	}
	if reEdgeLine.MatchString(t) {
		return true
	}
	_, ok := ParseDate(t)
	return ok
}
