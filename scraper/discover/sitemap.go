package discover

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
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
// URLs are returned as listed: normalize them before use.
func ParseSitemap(body []byte) (pages []Entry, children []Entry, err error) {
	b, err := Decompress(body, MaxDecompressed)
	if err != nil && !errors.Is(err, ErrMalformed) {
		return nil, nil, fmt.Errorf("parse sitemap: %w", err)
	}
	derr := err // a truncated gzip stream: parse what was inflated
	b = bytes.TrimLeft(toUTF8Sitemap(b), " \t\r\n\f")
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
	pages, children, err = parseXMLSitemap(b)
	if err == nil && derr != nil {
		err = fmt.Errorf("parse sitemap: %w", derr)
	}
	return pages, children, err
}

// toUTF8Sitemap handles byte order marks; XML declarations naming other
// encodings are handled by the decoder.
func toUTF8Sitemap(b []byte) []byte {
	if len(b) >= 2 && (b[0] == 0xfe && b[1] == 0xff || b[0] == 0xff && b[1] == 0xfe) {
		// The decoder would reject the now-wrong encoding="UTF-16" label.
		u := toUTF8(b)
		return bytes.Replace(u, []byte(`encoding="UTF-16"`), []byte(`encoding="UTF-8"`), 1)
	}
	return toUTF8(b)
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

// sitemap element local names.
const (
	elURLSet       = "urlset"
	elSitemapIndex = "sitemapindex"
	elURL          = "url"
	elSitemap      = "sitemap"
	elLoc          = "loc"
	elLastmod      = "lastmod"
	elNews         = "news"
	elTitle        = "title"
	elPubDate      = "publication_date"
)

// parseXMLSitemap streams the XML tokens, keeping a stack of local names to
// know where each <loc> sits.
func parseXMLSitemap(b []byte) (pages, children []Entry, err error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false // real sitemaps have bare "&" in URLs and HTML entities
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel

	var (
		stack []string
		cur   Entry
		text  []byte
		root  string
		n     int
	)
	// field reports which entry field the current element fills.
	field := func() string {
		l := len(stack)
		if l < 2 {
			return ""
		}
		top, parent := stack[l-1], stack[l-2]
		switch {
		case (top == elLoc || top == elLastmod) && (parent == elURL || parent == elSitemap):
			return top
		case (top == elTitle || top == elPubDate) && parent == elNews && l >= 3 && stack[l-3] == elURL:
			return top
		}
		return ""
	}
	for {
		tok, terr := d.RawToken()
		if terr != nil {
			if terr == io.EOF {
				break
			}
			if root == "" {
				return nil, nil, fmt.Errorf("parse sitemap: %w: %w", ErrMalformed, terr)
			}
			return pages, children, fmt.Errorf("parse sitemap: %w: %w", ErrMalformed, terr)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			local := strings.ToLower(t.Name.Local)
			if root == "" {
				root = local
				if root != elURLSet && root != elSitemapIndex {
					return nil, nil, fmt.Errorf("parse sitemap: %w: root element <%s>", ErrNotSitemap, t.Name.Local)
				}
			}
			if len(stack) >= 64 {
				return pages, children, fmt.Errorf("parse sitemap: %w: nested too deep", ErrMalformed)
			}
			stack = append(stack, local)
			if (local == elURL || local == elSitemap) && len(stack) == 2 {
				cur = Entry{}
			}
			text = text[:0]
		case xml.CharData:
			if field() != "" && len(text) < 8192 {
				text = append(text, t...)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			local := strings.ToLower(t.Name.Local)
			switch f := field(); {
			case f == "" || local != stack[len(stack)-1]:
			case f == elLoc:
				cur.URL = string(bytes.TrimSpace(text))
			case f == elLastmod:
				cur.Modified = parseDate(string(text))
			case f == elPubDate:
				cur.Published = parseDate(string(text))
			case f == elTitle:
				cur.Title = strings.TrimSpace(string(text))
			}
			text = text[:0]
			// Pop to the matching start, tolerating unclosed elements.
			i := len(stack) - 1
			for i >= 0 && stack[i] != local {
				i--
			}
			if i < 0 {
				continue
			}
			if i == 1 && (local == elURL || local == elSitemap) && cur.URL != "" {
				if n == MaxEntries {
					return pages, children, fmt.Errorf("parse sitemap: %w: more than %d", ErrTooMany, MaxEntries)
				}
				n++
				if local == elURL {
					pages = append(pages, cur)
				} else {
					children = append(children, cur)
				}
			}
			stack = stack[:i]
		}
	}
	if root == "" {
		return nil, nil, fmt.Errorf("parse sitemap: %w: no root element", ErrNotSitemap)
	}
	return pages, children, nil
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
