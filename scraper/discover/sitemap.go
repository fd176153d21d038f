package discover

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ParseSitemap parses a sitemap: an XML urlset or sitemap index, either of
// them gzip-compressed, or a plain-text sitemap (one URL per line). It returns
// the pages a urlset lists and the child sitemaps an index lists, in document
// order, with lastmod as Modified. Google News extensions (news:title,
// news:publication_date) fill Title and Published; image, video and other
// extensions are skipped, and their nested <loc> elements are not mistaken
// for pages.
//
// Hostile inputs stay cheap: a body that decompresses to more than
// MaxDecompressed bytes returns ErrTooLarge, and at most MaxEntries entries
// are returned (with ErrTooMany when there were more). Malformed XML returns
// the entries read before the error with an error wrapping ErrMalformed.
// URLs are returned as listed: pass the entries to Resolve before use.
//
// Byte order marks (UTF-8, UTF-16) are honored, and so are other encodings
// named by the XML declaration.
func ParseSitemap(body []byte) (pages []Entry, children []Entry, err error) {
	b, err := Decompress(body, MaxDecompressed)
	if err != nil && !errors.Is(err, ErrMalformed) {
		return nil, nil, fmt.Errorf("parse sitemap: %w", err)
	}
	derr := err // a truncated gzip stream: parse what was inflated
	b = bytes.TrimLeft(toUTF8(b), " \t\r\n\f")
	if len(b) == 0 {
		if derr != nil {
			return nil, nil, fmt.Errorf("parse sitemap: %w", derr)
		}
		return nil, nil, nil
	}
	if b[0] != '<' {
		if i := bytes.Index(b[:min(len(b), 1024)], []byte("<?xml")); i > 0 {
			b = b[i:]
		} else {
			pages, err = parseTextSitemap(b)
			if err == nil && derr != nil {
				err = fmt.Errorf("parse sitemap: %w", derr)
			}
			return pages, nil, err
		}
	}
	pages, children, err = scanSitemap(b)
	if err == nil && derr != nil {
		err = fmt.Errorf("parse sitemap: %w", derr)
	}
	return pages, children, err
}

// parseTextSitemap reads one URL per line, ignoring blank lines and lines
// that are not http(s) URLs.
func parseTextSitemap(b []byte) ([]Entry, error) {
	var pages []Entry
	for line := range bytes.Lines(b) {
		line = bytes.TrimSpace(line)
		if !hasHTTPPrefix(line) {
			continue
		}
		if len(pages) == MaxEntries {
			return pages, fmt.Errorf("parse sitemap: %w: more than %d", ErrTooMany, MaxEntries)
		}
		pages = append(pages, Entry{URL: string(line)})
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("parse sitemap: %w: no urls in text", ErrNotSitemap)
	}
	return pages, nil
}

// dateLayouts are the W3C datetime profiles sitemaps use, plus the common
// deviations seen in the wild.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04",
	"2006-01",
	"2006",
	time.RFC1123Z,
	time.RFC1123,
}

// parseDate parses a sitemap date; zero if it is not one. Dates without a
// zone are read as UTC.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
