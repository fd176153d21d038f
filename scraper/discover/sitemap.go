package discover

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
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
	err = ScanSitemap(bytes.NewReader(body), func(e Entry, child bool) error {
		if child {
			children = append(children, e)
		} else {
			pages = append(pages, e)
		}
		return nil
	})
	if errors.Is(err, ErrTooLarge) {
		return nil, nil, err
	}
	return pages, children, err
}

// ScanSitemap parses a sitemap from r as a stream, as ParseSitemap does,
// handing each entry to emit as it is read (child is true for the
// sitemaps an index lists) instead of returning them: its memory does not
// grow with the sitemap. A gzip-compressed sitemap is inflated as it is
// read. An error from emit stops the parse and is returned. On
// ErrTooLarge (more than MaxDecompressed bytes) the entries before it
// were emitted.
func ScanSitemap(r io.Reader, emit func(e Entry, child bool) error) error {
	br := bufio.NewReaderSize(r, 4096)
	var src io.Reader = br
	if magic, _ := br.Peek(2); isGzip(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("parse sitemap: decompress: %w: %w", ErrMalformed, err)
		}
		defer zr.Close()
		src = zr
	}
	lr := &limitedReader{r: src, left: MaxDecompressed}
	br = bufio.NewReaderSize(utf8Reader(lr), 4096)
	for {
		c, err := br.ReadByte()
		if err != nil {
			if lr.err != nil {
				return fmt.Errorf("parse sitemap: %w", lr.err)
			}
			return nil // empty, or only white space
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' {
			br.UnreadByte()
			break
		}
	}
	head, _ := br.Peek(1024)
	if head[0] != '<' {
		i := bytes.Index(head, []byte("<?xml"))
		if i <= 0 {
			return scanTextSitemap(br, lr, emit)
		}
		br.Discard(i)
	}
	err := scanXMLSitemap(br, emit)
	if lr.err != nil && (err == nil || errors.Is(err, ErrMalformed)) {
		// Too large, or a gzip stream cut short: say so rather than
		// that the document ended early.
		return fmt.Errorf("parse sitemap: %w", lr.err)
	}
	return err
}

// limitedReader reads at most left bytes of r and then fails with
// ErrTooLarge; it keeps the error of r other than io.EOF (a cut gzip
// stream) in err, and ends the stream there.
type limitedReader struct {
	r    io.Reader
	left int64
	err  error
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, io.EOF
	}
	if l.left <= 0 {
		// One more byte tells a body of exactly the limit from a larger one.
		var one [1]byte
		if n, _ := io.ReadFull(l.r, one[:]); n > 0 {
			l.err = fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxDecompressed)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if err != nil && err != io.EOF {
		l.err = fmt.Errorf("decompress: %w: %w", ErrMalformed, err)
		err = io.EOF
	}
	return n, err
}

// utf8Reader strips a UTF-8 byte order mark from r, and converts a body
// that starts with a UTF-16 one, as toUTF8 does.
func utf8Reader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 4096)
	bom, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(bom, []byte{0xef, 0xbb, 0xbf}):
		br.Discard(3)
	case len(bom) >= 2 && (bom[0] == 0xfe && bom[1] == 0xff || bom[0] == 0xff && bom[1] == 0xfe):
		return transform.NewReader(br, unicode.BOMOverride(unicode.UTF8.NewDecoder()))
	}
	return br
}

// scanTextSitemap reads one URL per line, ignoring blank lines and lines
// that are not http(s) URLs (and lines too long to be one).
func scanTextSitemap(br *bufio.Reader, lr *limitedReader, emit func(Entry, bool) error) error {
	n := 0
	long := false
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = true
			continue
		}
		if l := bytes.TrimSpace(line); !long && hasHTTPPrefix(l) {
			if n == MaxEntries {
				return fmt.Errorf("parse sitemap: %w: more than %d", ErrTooMany, MaxEntries)
			}
			n++
			if err := emit(Entry{URL: string(l)}, false); err != nil {
				return err
			}
		}
		long = false
		if err != nil {
			break
		}
	}
	switch {
	case lr.err != nil:
		return fmt.Errorf("parse sitemap: %w", lr.err)
	case n == 0:
		return fmt.Errorf("parse sitemap: %w: no urls in text", ErrNotSitemap)
	}
	return nil
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
