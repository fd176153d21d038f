package extract

import "strings"

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
