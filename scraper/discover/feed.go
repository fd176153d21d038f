package discover

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"
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
