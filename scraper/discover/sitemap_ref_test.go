package discover

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html/charset"
)

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

// parseXMLSitemapStd is the reference implementation of scanSitemap on
// encoding/xml, for differential tests. It streams the XML tokens, keeping a stack of local names to
// know where each <loc> sits.
func parseXMLSitemapStd(b []byte) (pages, children []Entry, err error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	// Real sitemaps have bare "&" in URLs. Only XML's own references are
	// decoded: no HTML entities (d.Entity stays nil).
	d.Strict = false
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
		// Only the children of the root's <url> or <sitemap> count (and
		// their <news:news>), as in the scanner: a <loc> in a <url> nested
		// in another is not an entry's.
		case (top == elLoc || top == elLastmod) && (parent == elURL || parent == elSitemap) && l == 3:
			return top
		case (top == elTitle || top == elPubDate) && parent == elNews && l == 4 && stack[1] == elURL:
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

// TestScanSitemapMatchesEncodingXML checks the fast scanner against the
// encoding/xml reference on the fixtures.
func TestScanSitemapMatchesEncodingXML(t *testing.T) {
	for name, body := range map[string]string{
		"urlset": urlsetXML, "index": indexXML, "news": newsXML,
		"bench":        string(benchSitemap(50)),
		"entities":     `<urlset><url><loc>https://a.example/?a=1&amp;b=&#50;&#x33;&lt;&gt;&quot;&apos;&eacute;&copy=2</loc></url></urlset>`,
		"attributes":   `<urlset a="1>" b='x>y'><url id="u"><loc lang="en">https://a.example/x</loc></url></urlset>`,
		"self closing": `<urlset><url/><url><loc>https://a.example/y</loc><news:news/></url></urlset>`,
		"latin-1":      "<?xml version='1.0' encoding='ISO-8859-1'?><urlset><url><loc>https://a.example/caf\xe9</loc></url></urlset>",
	} {
		t.Run(name, func(t *testing.T) {
			assertSameAsStd(t, []byte(body))
		})
	}
}

func assertSameAsStd(tb testing.TB, body []byte) {
	tb.Helper()
	wantP, wantC, wantErr := parseXMLSitemapStd(body)
	if wantErr != nil {
		tb.Skipf("reference fails: %v", wantErr)
	}
	gotP, gotC, err := scanSitemap(body)
	if err != nil {
		tb.Fatalf("scanSitemap: %v (reference: %d pages, %d children)", err, len(wantP), len(wantC))
	}
	assertEntries(tb, "pages", gotP, wantP)
	assertEntries(tb, "children", gotC, wantC)
}

// charRef matches character references.
var charRef = regexp.MustCompile(`&#(x[0-9a-fA-F]+|[0-9]+);`)

// hasIllegalCharRef reports whether b references a character XML does not
// allow (a control character, a surrogate, U+FFFE): encoding/xml decodes
// those, the scanner keeps them as written.
func hasIllegalCharRef(b []byte) bool {
	for _, m := range charRef.FindAllSubmatch(b, -1) {
		digits, base := string(m[1]), 10
		if digits[0] == 'x' {
			digits, base = digits[1:], 16
		}
		n, err := strconv.ParseUint(digits, base, 64)
		if err == nil && n <= unicode.MaxRune && !isXMLChar(n) {
			return true
		}
	}
	return false
}

// FuzzScanSitemap compares the fast scanner with encoding/xml on inputs the
// reference accepts.
func FuzzScanSitemap(f *testing.F) {
	for _, s := range []string{urlsetXML, indexXML, newsXML, `<urlset><url><loc>a&amp;b</loc></url></urlset>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > fuzzMaxBytes {
			return
		}
		wantP, wantC, wantErr := parseXMLSitemapStd(body)
		if wantErr != nil || hasIllegalCharRef(body) {
			// encoding/xml decodes "&#0;" and "&#xD800;", which name no
			// XML character; the scanner keeps them as written.
			return
		}
		gotP, gotC, err := scanSitemap(body)
		// The reference accepts a document that ends before its root
		// closes; the scanner reports it as truncated, with the same
		// entries.
		if err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("scanSitemap: %v; reference: %d pages, %d children", err, len(wantP), len(wantC))
		}
		assertEntries(t, "pages", gotP, wantP)
		assertEntries(t, "children", gotC, wantC)
	})
}

func BenchmarkParseSitemapEncodingXML(b *testing.B) {
	body := benchSitemap(MaxEntries)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if pages, _, err := parseXMLSitemapStd(body); err != nil || len(pages) != MaxEntries {
			b.Fatal(len(pages), err)
		}
	}
}
