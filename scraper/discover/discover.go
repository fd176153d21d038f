// Package discover finds the URLs a crawl should fetch in what it has already
// fetched: it tells sitemaps, feeds and HTML pages apart, parses sitemaps
// (XML, gzip-compressed and plain text) and feeds (RSS, Atom, RDF, JSON Feed),
// finds feed links in HTML pages and reads robots.txt.
//
// Everything here is a pure function of bytes and URLs: no network, no
// database. Inputs are hostile: decompressed sizes and entry counts are
// capped, and malformed documents return an error, never a panic.
package discover

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Limits that keep hostile inputs cheap.
const (
	// MaxDecompressed caps the decompressed size of a gzip-compressed body
	// (and the size of any sitemap), the sitemap protocol's 50 MiB.
	MaxDecompressed = 50 << 20
	// MaxEntries caps the entries returned from one sitemap or feed, the
	// sitemap protocol's 50,000 URLs.
	MaxEntries = 50000
)

// Sentinel errors.
var (
	// ErrTooLarge is returned when a body decompresses to more than
	// MaxDecompressed bytes.
	ErrTooLarge = errors.New("body too large")
	// ErrTooMany is returned when a sitemap or feed lists more than
	// MaxEntries entries; the first MaxEntries are returned with it.
	ErrTooMany = errors.New("too many entries")
	// ErrNotSitemap is returned by ParseSitemap for a document that is
	// neither a sitemap urlset, a sitemap index nor a list of URLs.
	ErrNotSitemap = errors.New("not a sitemap")
	// ErrMalformed is returned for documents that cannot be parsed; the
	// entries read before the error are returned with it.
	ErrMalformed = errors.New("malformed document")
)

// Kind is what a fetched body is, as far as discovery is concerned.
type Kind int

// Kinds of fetched bodies.
const (
	KindOther        Kind = iota // anything else (images, PDF, JSON, generic XML, ...)
	KindHTML                     // an HTML or XHTML page
	KindSitemap                  // a sitemap urlset, or a plain-text list of URLs
	KindSitemapIndex             // a sitemap index listing other sitemaps
	KindFeed                     // an RSS 2.0, RSS 1.0 (RDF), Atom or JSON feed
)

// String returns the lower-case name of the kind, for logs.
func (k Kind) String() string {
	switch k {
	case KindHTML:
		return "html"
	case KindSitemap:
		return "sitemap"
	case KindSitemapIndex:
		return "sitemap_index"
	case KindFeed:
		return "feed"
	default:
		return "other"
	}
}

// Entry is a URL listed by a sitemap or a feed, with what the listing says
// about it.
type Entry struct {
	// URL is the location as listed (whitespace trimmed, entities decoded).
	// It may be relative in feeds: resolve it against the listing's URL.
	URL string
	// Modified is the sitemap lastmod or the feed item's updated date, zero
	// if unknown.
	Modified time.Time
	// Published is the news:publication_date, pubDate or published date,
	// zero if unknown.
	Published time.Time
	// Title is the news:title or feed item title, "" if unknown.
	Title string
}

// Date returns the entry's age reference: Published when known, else
// Modified (zero when neither is known).
func (e Entry) Date() time.Time {
	if !e.Published.IsZero() {
		return e.Published
	}
	return e.Modified
}

// Before reports whether the entry is known to date from before t, by Date.
// An entry without a date is never before t, so that --since keeps it.
func (e Entry) Before(t time.Time) bool {
	d := e.Date()
	return !d.IsZero() && d.Before(t)
}

// Since returns the entries that are not Before t, in their order. It
// filters entries in place and returns the shortened slice; a zero t keeps
// everything.
func Since(entries []Entry, t time.Time) []Entry {
	if t.IsZero() {
		return entries
	}
	out := entries[:0]
	for _, e := range entries {
		if !e.Before(t) {
			out = append(out, e)
		}
	}
	clear(entries[len(out):])
	return out
}

// Resolve makes the entries' URLs absolute against base (the URL of the
// sitemap or feed that listed them; nil keeps only absolute URLs) and
// normalizes them with urlnorm. Entries whose URL cannot be fetched
// (javascript:, mailto:, unparsable, ...) and later duplicates of a URL are
// dropped. It works in place and returns the shortened slice.
func Resolve(entries []Entry, base *url.URL) []Entry {
	seen := make(map[string]bool, len(entries))
	out := entries[:0]
	for _, e := range entries {
		u, ok := urlnorm.Resolve(base, e.URL)
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		e.URL = u
		out = append(out, e)
	}
	clear(entries[len(out):])
	return out
}

// isGzip reports whether b starts with the gzip magic bytes.
func isGzip(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// Decompress returns body unchanged unless it starts with the gzip magic
// bytes (1f 8b), in which case it returns the decompressed bytes. It stops
// reading after limit bytes and returns ErrTooLarge, so a gzip bomb costs at
// most limit bytes of memory and the time to inflate them.
func Decompress(body []byte, limit int64) ([]byte, error) {
	if !isGzip(body) {
		if int64(len(body)) > limit {
			return nil, fmt.Errorf("decompress: %w: %d bytes", ErrTooLarge, len(body))
		}
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("decompress: %w: %w", ErrMalformed, err)
	}
	defer zr.Close()
	// Start with a guess that fits most bodies and let the buffer grow, so
	// that memory follows the real size rather than the limit.
	hint := min(int64(len(body))*4, 16<<20, limit+1)
	buf := bytes.NewBuffer(make([]byte, 0, hint))
	n, err := buf.ReadFrom(io.LimitReader(zr, limit+1))
	if n > limit {
		return nil, fmt.Errorf("decompress: %w: more than %d bytes", ErrTooLarge, limit)
	}
	if err != nil {
		// A truncated gzip stream still yields what was inflated.
		return buf.Bytes(), fmt.Errorf("decompress: %w: %w", ErrMalformed, err)
	}
	return buf.Bytes(), nil
}

// decompressPrefix returns up to n bytes of body, decompressed if gzipped.
// Errors are ignored: sniffing works on whatever could be read.
func decompressPrefix(body []byte, n int) []byte {
	if !isGzip(body) {
		if len(body) > n {
			return body[:n]
		}
		return body
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil
	}
	defer zr.Close()
	buf := make([]byte, n)
	m, _ := io.ReadFull(zr, buf)
	return buf[:m]
}
