package extract

import (
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dayTime upgrades a day found outside the page's metadata (a dateline,
// a <time> without a time, the URL's date) to the time of day the page
// states for it in machine form: the one instant with a stated zone and a
// time of day, on that day in its own zone, that the machine-readable
// attributes of its elements marked as the publication's (`datetime`,
// `title`, `content`: <time pubdate>, hAtom's abbr title "published",
// RDFa or microdata datePublished/dateCreated) and the publication dates
// of its JSON-LD article or page give. An unmarked time on that day may
// be an event's, a fixture's, a schedule's or a comment's, and the dates
// of other JSON-LD objects a comment's or an embedded video's. Two
// instants on that day (a comment's, another post's, an edit's) name no
// single publication time, and the day stays; marked
// changes (a class, name or property saying "updated" or "modified"),
// times in links to a place in the page (a comment's permalink) or to
// another page (a teaser), and noon UTC (a date-only field) are not
// publication times. The day is unchanged either way: issue 8 asks for
// the full timestamp over the day.
func (c *dateCtx) dayTime(t stamp) stamp {
	if t.hasTime() {
		return t
	}
	var found *stamp
	several := false
	see := func(v string) {
		if several || !isoClock(v) {
			return
		}
		s, ok := parseStamp(v)
		if !ok || !s.zoned || !s.hasTime() || !sameDay(s.t, t.t) || !c.p.stampOK(s) || dateOnlyNoon(s) {
			return
		}
		if found == nil {
			found = &s
		} else if !found.t.Equal(s.t) {
			several = true
		}
	}
	for _, m := range c.p.ld {
		if !ldIs(m, isArticleType) && !ldIs(m, isLDPageType) {
			continue
		}
		see(ldString(m["datePublished"]))
		see(ldString(m["dateCreated"]))
	}
	c.attrTimes(c.p.root, see)
	if found == nil || several {
		return t
	}
	return *found
}

// attrTimes calls see with the values of the attributes that hold
// machine-readable times (datetime, title, content) of the elements under
// n marked as the publication's, except in elements marked as changes, in
// scripts and in teasers of other pages.
func (c *dateCtx) attrTimes(n *xhtml.Node, see func(string)) {
	if n.Type == xhtml.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return
		}
		if markedChange(n) || n.DataAtom == atom.A && c.anchorHere(attr(n, "href")) {
			return
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "datetime", "title", "content":
				// A teaser's time dates the page it links to.
				if isoClock(a.Val) && pubMarked(n) && c.p.itemLink(n) != linkOther {
					see(a.Val)
				}
			}
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.attrTimes(k, see)
	}
}

// markedChange reports whether the element's class, name, property or
// itemprop says it holds an update and not the publication ("updated";
// hAtom's "updated published" is both).
func markedChange(n *xhtml.Node) bool {
	for _, k := range []string{"class", "name", "property", "itemprop"} {
		v := strings.ToLower(attr(n, k))
		if (strings.Contains(v, "updat") || strings.Contains(v, "modif")) && !strings.Contains(v, "publi") {
			return true
		}
	}
	return false
}

// pubMarked reports whether the element says it holds a publication
// time: <time pubdate>, or a class, itemprop, property or name naming a
// publication or creation ("published", datePublished, dateCreated,
// dcterms:issued). An <abbr> with a time in its title is how
// microformats write a post's date (hAtom), unless its class names an
// event's (hCalendar's dtstart): its class alone may be unreadable
// (generated names).
func pubMarked(n *xhtml.Node) bool {
	if hasAttr(n, "pubdate") || n.DataAtom == atom.Abbr && !hasEventWord(attr(n, "class")) {
		return true
	}
	for _, k := range []string{"class", "itemprop", "property", "name"} {
		v := strings.ToLower(attr(n, k))
		if strings.Contains(v, "publi") || strings.Contains(v, "creat") || strings.Contains(v, "issued") {
			return true
		}
	}
	return false
}

// isoClock reports whether v starts as an ISO 8601 date with a time of
// day ("2020-02-23T10:07:02+01:00", "2020-02-23 10:07"), the form
// machine-readable attributes write; short enough to be nothing else.
func isoClock(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) < 16 || len(v) > 40 {
		return false
	}
	for i, r := range v[:16] {
		switch i {
		case 4, 7:
			if r != '-' {
				return false
			}
		case 10:
			if r != 'T' && r != ' ' {
				return false
			}
		case 13:
			if r != ':' {
				return false
			}
		default:
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}

// dateOnlyNoon reports whether s is noon UTC to the second: how CMSs
// (Drupal's date-only fields) write a day without a time in a datetime
// attribute, "2019-11-06T12:00:00Z" under "06 Novembre 2019".
func dateOnlyNoon(s stamp) bool {
	_, off := s.t.Zone()
	h, m, sec := s.t.Clock()
	return off == 0 && h == 12 && m == 0 && sec == 0
}

// anchorHere reports whether href leads to a place in this page (a
// comment's permalink, "#comment-12"): the time inside it is that
// place's, not the page's.
func (c *dateCtx) anchorHere(href string) bool {
	i := strings.IndexByte(href, '#')
	if i < 0 || i == len(href)-1 {
		return false
	}
	return i == 0 || samePage(c.p.abs(href), c.p.base)
}
