package discover

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// scanAll collects what ScanSitemap emits from r.
func scanAll(r io.Reader) (pages, children []Entry, err error) {
	err = ScanSitemap(r, func(e Entry, child bool) error {
		if child {
			children = append(children, e)
		} else {
			pages = append(pages, e)
		}
		return nil
	})
	return pages, children, err
}

// TestScanSitemapChunked: the streaming parse finds the same entries and
// errors however the body arrives, one byte at a time included, so that
// no construct, text or reference cut by the end of a read is lost.
func TestScanSitemapChunked(t *testing.T) {
	bigComment := "<urlset><!-- " + strings.Repeat("x", 3*scanWindow) + " --><url><loc>https://a.example/after</loc></url></urlset>"
	refs := "<urlset>" + strings.Repeat("<url><loc>https://a.example/a?x=1&amp;y=&#233;&#x41;</loc><lastmod>2024-01-02</lastmod></url>\n", 2000) + "</urlset>"
	docs := map[string][]byte{
		"urlset": []byte(urlsetXML), "index": []byte(indexXML), "news": []byte(newsXML),
		"gzipped urlset":  gz(t, []byte(urlsetXML)),
		"bench":           benchSitemap(3000),
		"gzipped bench":   gz(t, benchSitemap(3000)),
		"big comment":     []byte(bigComment),
		"references":      []byte(refs),
		"latin-1":         []byte("<?xml version='1.0' encoding='ISO-8859-1'?><urlset><url><loc>https://a.example/caf\xe9</loc></url></urlset>"),
		"utf-16":          []byte(utf16LE("\ufeff<?xml version='1.0' encoding='utf-16'?><urlset><url><loc>https://a.example/é</loc></url></urlset>")),
		"text":            []byte("https://a.example/1\n\n  https://a.example/2  \r\nnot a url\nhttp://a.example/3"),
		"truncated":       []byte(urlsetXML[:len(urlsetXML)-40]),
		"malformed":       []byte(`<urlset><url><loc>https://a.example/1</loc></url><url <<<`),
		"not a sitemap":   []byte(rss2XML),
		"junk before xml": []byte("Warning: headers already sent\n" + urlsetXML),
		"line ends":       []byte("<urlset><url><loc>https://a.example/a\r\nb</loc></url><url><loc>https://a.example/c\rd</loc><news:news><news:title>One\r\ntwo<![CDATA[\rthree]]></news:title></news:news></url></urlset>"),
	}
	readers := map[string]func([]byte) io.Reader{
		"one byte": func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) },
		"half":     func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) },
		"data+err": func(b []byte) io.Reader { return iotest.DataErrReader(bytes.NewReader(b)) },
	}
	for name, doc := range docs {
		wantP, wantC, wantErr := ParseSitemap(doc)
		if name == "big comment" && (len(wantP) != 1 || wantErr != nil) {
			t.Fatalf("big comment: %d pages, %v", len(wantP), wantErr)
		}
		for rname, rd := range readers {
			t.Run(name+"/"+rname, func(t *testing.T) {
				gotP, gotC, err := scanAll(rd(doc))
				for _, sentinel := range []error{ErrMalformed, ErrNotSitemap, ErrTooLarge, ErrTooMany} {
					if errors.Is(err, sentinel) != errors.Is(wantErr, sentinel) || (err == nil) != (wantErr == nil) {
						t.Fatalf("err %v, want %v", err, wantErr)
					}
				}
				assertEntries(t, "pages", gotP, wantP)
				assertEntries(t, "children", gotC, wantC)
			})
		}
	}
}

// sitemapStream generates a urlset of about size bytes with n entries
// without holding it: each entry is padded with a long news title.
type sitemapStream struct {
	n, i  int
	pad   string
	buf   bytes.Buffer
	ended bool
}

func newSitemapStream(size, n int) *sitemapStream {
	s := &sitemapStream{n: n, pad: strings.Repeat("word ", max(size/n-200, 0)/5)}
	s.buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
	return s
}

func (s *sitemapStream) Read(p []byte) (int, error) {
	for s.buf.Len() < len(p) && !s.ended {
		if s.i == s.n {
			s.buf.WriteString("</urlset>\n")
			s.ended = true
			break
		}
		fmt.Fprintf(&s.buf, "<url><loc>https://a.example/2026/story-%d</loc><news:news><news:title>%s</news:title></news:news></url>\n", s.i, s.pad)
		s.i++
	}
	if s.buf.Len() == 0 {
		return 0, io.EOF
	}
	return s.buf.Read(p)
}

// TestScanSitemapFlatMemory: a 50 MiB sitemap is parsed in a heap that
// does not grow with it.
func TestScanSitemapFlatMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 50 MiB")
	}
	src := newSitemapStream(MaxDecompressed-(1<<20), MaxEntries)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	n := 0
	err := ScanSitemap(src, func(e Entry, child bool) error {
		n++
		if n%1000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		return nil
	})
	if err != nil || n != MaxEntries {
		t.Fatalf("%d entries, err %v", n, err)
	}
	grew := float64(peak-min(peak, base)) / (1 << 20)
	t.Logf("50 MiB sitemap: heap grew by at most %.1f MiB while parsing", grew)
	if grew > 16 {
		t.Errorf("heap grew by %.1f MiB parsing a 50 MiB sitemap as a stream", grew)
	}
}
