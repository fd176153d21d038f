package extract

import (
	"strings"

	xhtml "golang.org/x/net/html"
)

// maxDataDates bounds the data-date attributes read on one page.
const maxDataDates = 20

// dataAttrDate returns the day that data-date attributes name, when the
// page's elements carry them ("<div data-date="18. März 2020">" drawn as
// a timeline in the article's header) and those that parse name a single
// day. Several days are a calendar or a list of posts, and give nothing;
// so does one inside a teaser linking to another page.
func (p *page) dataAttrDate() *stamp {
	var found *stamp
	seen := 0
	for n := range p.root.Descendants() {
		if n.Type != xhtml.ElementNode {
			continue
		}
		v := strings.TrimSpace(attr(n, "data-date"))
		if v == "" {
			continue
		}
		if seen++; seen > maxDataDates {
			return nil
		}
		s, ok := parseStamp(cleanSpace(v))
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
