package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// bigSitemap returns a urlset of about size bytes listing at most
// discover.MaxEntries pages of base (the rest is padding in <news:title>s
// of the entries, as a news sitemap has).
func bigSitemap(base string, size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
	per := size / discover.MaxEntries
	pad := bytes.Repeat([]byte("word "), max(per-200, 0)/5)
	for i := 0; i < discover.MaxEntries && b.Len() < size-200; i++ {
		fmt.Fprintf(&b, "<url><loc>%s/2026/12/story-%d</loc><lastmod>2026-12-01</lastmod><news:news><news:title>", base, i)
		b.Write(pad)
		b.WriteString("</news:title></news:news></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func gzipped(b []byte) []byte {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// peakHeap samples the live heap while fn runs and returns its peak
// above the heap before fn.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak.Load() - min(base, peak.Load())
}

// BenchmarkSitemapHeap fetches and handles a 50 MiB sitemap (the
// protocol's limit) served plain, with Content-Encoding gzip, and as a
// .xml.gz file, and reports the peak live heap (peak-MiB) and the heap
// the fetch and handling of the one sitemap took (the capture holds the
// body as received).
//
//	go test ./scraper/ -run '^$' -bench SitemapHeap -benchtime 1x
func BenchmarkSitemapHeap(b *testing.B) {
	for _, form := range []string{"plain", "content-encoding-gzip", "xml.gz"} {
		b.Run(form, func(b *testing.B) {
			var body []byte
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/xml")
				if form == "content-encoding-gzip" {
					w.Header().Set("Content-Encoding", "gzip")
				}
				w.Write(body)
			}))
			defer srv.Close()
			plain := bigSitemap(srv.URL, discover.MaxDecompressed-1024)
			body = plain
			if form != "plain" {
				body = gzipped(plain)
			}
			plain = nil
			path := "/sitemap.xml"
			if form == "xml.gz" {
				path = "/sitemap.xml.gz"
			}
			c, err := NewCrawler(corpus.MustOpen(b), fast()...)
			if err != nil {
				b.Fatal(err)
			}
			c.reset(context.Background())
			c.scope = newScope([]string{srv.URL + "/"}, nil)
			f := newFetcher(c, newTransport(&c.cfg), newJar())
			e := corpus.FrontierEntry{URL: srv.URL + path, Host: srv.URL, Kind: kindSitemap}
			var found int
			b.ResetTimer()
			for range b.N {
				c.seen = newSeenCache(1 << 17)
				peak := peakHeap(func() {
					p := c.fetchPage(context.Background(), f, job{entry: e, host: srv.URL})
					c.judge(p)
					c.capture(p)
					c.handle(p)
					found = len(p.found)
				})
				b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			}
			b.ReportMetric(float64(len(body))/(1<<20), "body-MiB")
			if found != discover.MaxEntries {
				b.Errorf("%d URLs found, want %d", found, discover.MaxEntries)
			}
		})
	}
}

// TestSitemapContentEncodingStreamed: a sitemap sent with Content-Encoding
// gzip is parsed as a stream from the body as received, which the capture
// stores as it came; a page at a sitemap-like URL that turns out to be
// HTML is decoded whole and extracted as any page.
func TestSitemapContentEncodingStreamed(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	arts := w.articles()[:5]
	var xml bytes.Buffer
	xml.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, a := range arts {
		fmt.Fprintf(&xml, "<url><loc>%s</loc></url>\n", a.URL)
	}
	xml.WriteString("</urlset>\n")
	gz := gzipped(xml.Bytes())
	w.override("/news-sitemap.xml", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "application/xml")
		rw.Header().Set("Content-Encoding", "gzip")
		rw.Write(gz)
	})
	// An article the sitemap does not list, served at a sitemap-like URL.
	other := w.articles()[10]
	rec := httptest.NewRecorder()
	w.site.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, pathOf(other.URL), nil))
	page := gzipped(rec.Body.Bytes())
	w.override("/sitemap/", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		rw.Header().Set("Content-Encoding", "gzip")
		rw.Write(page)
	})
	db := corpus.MustOpen(t)
	mustCrawl(t, db, []string{w.URL + "/news-sitemap.xml", w.URL + "/sitemap/"}, fast(WithDepth(0), WithMaxBody(64<<10))...)
	st := readCorpus(t, db)
	for _, a := range arts {
		if st.articles[a.URL] == nil {
			t.Errorf("article %s the sitemap lists not captured", a.URL)
		}
	}
	c := captureOf(t, db, w.URL+"/news-sitemap.xml")
	if !bytes.Equal(c.Body, gz) || c.BodyForm != corpus.BodyWire || c.Truncated || c.ErrorKind != "" {
		t.Errorf("sitemap capture: %d bytes (sent %d), form %v, truncated %v, error %q",
			len(c.Body), len(gz), c.BodyForm, c.Truncated, c.ErrorKind)
	}
	h := captureOf(t, db, w.URL+"/sitemap/")
	if !bytes.Equal(h.Body, page) || h.ErrorKind != "" {
		t.Errorf("HTML capture: %d bytes (sent %d), error %q", len(h.Body), len(page), h.ErrorKind)
	}
	// The recorded page names example.com as its canonical host.
	if st.articles["http://example.com"+pathOf(other.URL)] == nil {
		t.Errorf("the article served gzipped at /sitemap/ was not extracted: keys %v", slices.Collect(maps.Keys(st.articles)))
	}
}

// TestSitemapLikeBombTooLarge: a page at a sitemap-like URL, left coded as
// a possible sitemap, that is HTML decoding past the sitemap limit is too
// large, as any other page whose body decodes past its limit.
func TestSitemapLikeBombTooLarge(t *testing.T) {
	t.Parallel()
	var plain bytes.Buffer
	plain.WriteString("<!DOCTYPE html><html><head><title>Bomb</title></head><body>")
	for plain.Len() <= discover.MaxDecompressed {
		plain.WriteString(strings.Repeat("<p>sitemap</p>", 4096))
	}
	bomb := gzipped(plain.Bytes())
	plain.Reset()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	}))
	defer srv.Close()
	db := corpus.MustOpen(t)
	mustCrawl(t, db, []string{srv.URL + "/sitemap/"}, fast(WithIgnoreRobots(true), WithDepth(0))...)
	c := captureOf(t, db, srv.URL+"/sitemap/")
	if c.ErrorKind != corpus.ErrKindTooLarge || !c.Truncated || !bytes.Equal(c.Body, bomb) {
		t.Errorf("capture: error kind %q, truncated %v, %d bytes (sent %d); want too_large, truncated, as sent",
			c.ErrorKind, c.Truncated, len(c.Body), len(bomb))
	}
}
