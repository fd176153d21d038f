package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// maxDataDates bounds the data-date attributes read on one page (the
// page collects them as it reads its elements: page.collectAttrs).
const maxDataDates = 20

// dataAttrDate returns the day that data-date attributes name, when the
// page's elements carry them ("<div data-date="18. März 2020">" drawn as
// a timeline in the article's header) and those that parse name a single
// day. Several days are a calendar or a list of posts, and give nothing;
// so does one inside a teaser linking to another page.
func (p *page) dataAttrDate() *stamp {
	if len(p.dataDates) > maxDataDates {
		return nil
	}
	var found *stamp
	for _, n := range p.dataDates {
		s, ok := parseStamp(cleanSpace(strings.TrimSpace(attr(n, "data-date"))))
		if !ok || !p.stampOK(s) || p.itemLink(n) == linkOther {
			continue
		}
		if found != nil && !sameDay(found.t, s.t) {
			return nil
		}
		if found == nil {
			found = &s
		}
	}
	return found
}

// maxTooltip bounds the title attributes read as dates.
const maxTooltip = 100

// reYear finds a year in a text.
var reYear = lazyRE(`(?:^|\D)(?:19|20)\d{2}(?:\D|$)`)

// tooltipDate returns the date in n's title attribute, the tooltip that
// states in full what the element's text gives relatively or in part
// ("3 days ago", "Tuesday", "May 17" over title="2024-05-17T09:30:00Z";
// hAtom's <abbr class="published" title="...">). A text that names a
// year is read as it is: "Joined March 2007" over the day a profile was
// opened is no date of the page.
func (p *page) tooltipDate(n *html.Node, text string) (stamp, bool) {
	t := strings.TrimSpace(attr(n, "title"))
	if t == "" || len(t) > maxTooltip || !strings.ContainsAny(t, "0123456789") || reYear.MatchString(normDigits(text)) {
		return stamp{}, false
	}
	s, ok := parseStamp(t)
	return s, ok && p.stampOK(s)
}

// datelineText returns the text a dateline element gives for its date:
// its own, or its tooltip when that states the date the text does not
// (see tooltipDate).
func (p *page) datelineText(n *html.Node, text string) string {
	if attr(n, "title") == "" {
		return text
	}
	if _, ok := p.tooltipDate(n, text); ok {
		return strings.TrimSpace(attr(n, "title"))
	}
	return text
}
