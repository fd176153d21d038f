package extract

import (
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reEventLabel matches a text that is nothing but a label announcing an
// event's date ("Termin:", "When:", "開催日", "일시"), not the page's. The
// CJK ones matter since a month and day without a year ("3月20日") under
// the headline is read as the page's (yearlessDate).
var reEventLabel = lazyRE(`(?i)^(termine?|wann|when|veranstaltung(sdatum)?|veranstaltungstermin|event( date)?|datum und uhrzeit|beginn|einlass|quand|date de l[’']événement|fecha del evento|cuándo|data dell[’']evento|quando|wanneer|` + cjkEventLabels + `)\s*[:：]?$`)

// cjkEventLabels are the Japanese, Korean and Chinese labels of an
// event's date and time.
const cjkEventLabels = `開催日時?|開催期間|日時|일시|행사\s*일시|活动时间|活動時間|举办时间|舉辦時間`

// reEventLead matches a date line that opens with a label of an event's
// or a deadline's date ("Deadline: 15. März 2020", "Termin: 12.03.").
var reEventLead = lazyRE(`(?i)^(termine?|wann|when|deadline|anmeldeschluss|einsendeschluss|bewerbungsfrist|anmeldefrist|veranstaltung(sdatum)?|event date|einlass|date limite|fecha límite|scadenza|` + cjkEventLabels + `)\s*[:：]`)

// reTimeRange finds a span of clock times or of days in a date line
// ("19:00–21:00", "19 - 22 Uhr", "7pm-9pm", "10.–12. März", "March
// 10-12"): an event's time, not a publication's.
var reTimeRange = lazyRE(`(?i)((^|[^\d.:/])\d{1,2}[:.]\d{2}\s*(uhr|h|am|pm)?\s*(–|—|-|bis|to)\s*(\d{1,2}[:.]\d{2}(\s*(uhr|h|am|pm))?($|[^\d.:/])|\d{1,2}\s*(uhr|h|am|pm)\b)|\b\d{1,2}\s*(am|pm)\s*(–|—|-|to)\s*\d{1,2}\s*(am|pm)\b|\b\d{1,2}\s*(–|—|-|bis)\s*\d{1,2}\s*uhr\b|\b\d{1,2}\.?\s*(–|—|-|bis)\s*\d{1,2}\.\s*\pL{3,}|\b\pL{3,}\.?\s+\d{1,2}\s*(–|—|-)\s*\d{1,2}(,|\s|$))`)

// eventWords are the itemprop (schema.org Event) and class
// (microformats' hCalendar) words of an event's date. A theme's class
// names are not among them: "event_date" dates posts on some sites.
var eventWords = []string{"startdate", "enddate", "doortime", "dtstart", "dtend"}

// maxEventLevels is how far up from a date its event markup is looked for.
const maxEventLevels = 3

// eventDate reports whether the date element or text n states an
// event's date: marked as one (itemprop startDate, class dtstart,
// within maxEventLevels elements up), labelled as one (or as a
// deadline) in the text just before it or at the start of its line, or
// written as a span of times or days.
func eventDate(n *xhtml.Node) bool {
	if reEventLabel.MatchString(strings.TrimSpace(prevText(n))) {
		return true
	}
	e := n
	if e.Type == xhtml.TextNode {
		e = e.Parent
	}
	if e != nil {
		l := lineText(e)
		if l == "" && e != n {
			l = boundedLine(n, maxLineBytes) // a text directly in a long block
		}
		if eventLine(l) {
			return true
		}
	}
	for i := 0; e != nil && e.Type == xhtml.ElementNode && i < maxEventLevels; i, e = i+1, e.Parent {
		if e.DataAtom == atom.Article || e.DataAtom == atom.Main || e.DataAtom == atom.Body {
			break
		}
		if hasEventWord(attr(e, "itemprop") + " " + attr(e, "class")) {
			return true
		}
	}
	return false
}

// eventLine reports whether the date line l is an event's or a
// deadline's: a span of times or days, or a label at its start.
func eventLine(l string) bool {
	// Every branch of reTimeRange needs an ASCII digit (\d): the test
	// spares the expression on lines without one.
	return hasASCIIDigit(l) && reTimeRange.MatchString(l) || reEventLead.MatchString(l)
}

// hasEventWord reports whether the attribute words s mark an event's
// date, as whole words: "startDate" does, "sendDate" does not.
func hasEventWord(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), isWordSep) {
		for _, ew := range eventWords {
			if w == ew {
				return true
			}
		}
	}
	return false
}

// isWordSep reports whether r separates the words of an attribute value.
func isWordSep(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// maxLineBytes is the longest text read as a date's line.
const maxLineBytes = 120

// lineText returns the text of the line e stands on: its parent's text
// when e is inline and the parent's text is short, else e's own text when
// short. A text longer than maxLineBytes is no line: "".
func lineText(e *xhtml.Node) string {
	if p := e.Parent; p != nil && isInlineDate(e) {
		if pt := boundedLine(p, maxLineBytes); pt != "" {
			return pt
		}
	}
	return boundedLine(e, maxLineBytes)
}

// boundedLine returns textOf(n) when it is at most limit bytes long, else
// "". It stops reading once the raw text is past a bound generous for
// markup's indentation (lineRawFactor, lineRawSlack): a date in a long
// block costs no more than the bound.
func boundedLine(n *xhtml.Node, limit int) string {
	var b strings.Builder
	if !nodeTextUpTo(&b, n, limit*lineRawFactor+lineRawSlack) {
		return ""
	}
	if t := cleanSpace(b.String()); len(t) <= limit {
		return t
	}
	return ""
}

// lineRawFactor and lineRawSlack bound the raw text boundedLine reads
// for a line of limit bytes: limit*lineRawFactor+lineRawSlack.
const (
	lineRawFactor = 4
	lineRawSlack  = 256
)

// isInlineDate reports whether e is an inline element a date sits in.
func isInlineDate(e *xhtml.Node) bool {
	switch e.DataAtom {
	case atom.Span, atom.Time, atom.B, atom.Strong, atom.Small, atom.Em, atom.I, atom.Abbr:
		return true
	}
	return false
}
