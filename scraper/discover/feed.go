package discover

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// ParseFeed parses an RSS 2.0, RSS 1.0 (RDF), Atom or JSON feed, possibly
// gzip-compressed, and returns its items' links in document order, with the
// item title, its published date (pubDate, published, dc:date) and its
// updated date. An item without a link falls back to a permalink GUID; items
// with neither are skipped. Links are returned as listed and may be
// relative: resolve them against the feed's URL. At most MaxEntries items are
// returned (with ErrTooMany when there were more).
func ParseFeed(body []byte) ([]Entry, error) {
	b, err := Decompress(body, MaxDecompressed)
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w: %w", ErrMalformed, err)
	}
	entries := make([]Entry, 0, min(len(f.Items), MaxEntries))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		link := itemLink(it)
		if link == "" {
			continue
		}
		if len(entries) == MaxEntries {
			return entries, fmt.Errorf("parse feed: %w: more than %d", ErrTooMany, MaxEntries)
		}
		e := Entry{URL: link, Title: strings.TrimSpace(it.Title)}
		if it.PublishedParsed != nil {
			e.Published = *it.PublishedParsed
		} else if it.DublinCoreExt != nil && len(it.DublinCoreExt.Date) > 0 {
			e.Published = parseDate(it.DublinCoreExt.Date[0])
		}
		if it.UpdatedParsed != nil {
			e.Modified = *it.UpdatedParsed
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// itemLink picks the page an item points to.
func itemLink(it *gofeed.Item) string {
	if l := strings.TrimSpace(it.Link); l != "" {
		return l
	}
	for _, l := range it.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	if g := strings.TrimSpace(it.GUID); hasHTTPPrefix([]byte(g)) {
		return g
	}
	return ""
}

// feedTypes are the link types FeedLinks reports.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
}

// FeedLinks returns the absolute, normalized URLs of the feeds an HTML page
// advertises with <link rel="alternate" type="application/rss+xml">
// (or application/atom+xml, application/feed+json), in document order and
// without duplicates. Relative hrefs are resolved against the page's
// <base href> if any, else against base.
func FeedLinks(page []byte, base *url.URL) []string {
	z := html.NewTokenizer(bytes.NewReader(page))
	var out []string
	seen := map[string]bool{}
	baseSet := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		nameB, hasAttr := z.TagName()
		a := atom.Lookup(nameB)
		if !hasAttr || (a != atom.Link && a != atom.Base) {
			continue
		}
		var rel, typ, href string
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "rel":
				rel = string(v)
			case "type":
				typ = string(v)
			case "href":
				href = string(v)
			}
		}
		if a == atom.Base {
			if baseSet {
				continue // only the first <base> counts
			}
			baseSet = true
			if href != "" && base != nil {
				if bu, err := base.Parse(strings.TrimSpace(href)); err == nil {
					base = bu
				}
			} else if href != "" {
				if bu, err := url.Parse(strings.TrimSpace(href)); err == nil && bu.IsAbs() {
					base = bu
				}
			}
			continue
		}
		if !hasToken(rel, "alternate") || !feedTypes[mediaTypeOf(typ)] {
			continue
		}
		if u, ok := urlnorm.Resolve(base, href); ok && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
}

// hasToken reports whether a space-separated list contains tok, ignoring case.
func hasToken(list, tok string) bool {
	for f := range strings.FieldsSeq(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
