package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// benchHubs is the number of hubs the watch benchmark checks per cycle.
const benchHubs = 10

// sectionSite is a site of benchHubs section pages on a watch's clock:
// one article is published every second, in turn in each section; a
// section lists its latest 20 articles. Pages answer conditional
// requests. It keeps nothing per request, so that its memory stays flat
// too.
type sectionSite struct {
	*httptest.Server
	clock *fakeClock
	start time.Time
}

func (s *sectionSite) serve(w http.ResponseWriter, r *http.Request) {
	published := int(s.clock.Now().Sub(s.start)/time.Second) + benchHubs
	var page string
	var sec, k int
	switch {
	case r.URL.Path == "/robots.txt":
		http.NotFound(w, r)
		return
	case scanPath(r.URL.Path, "/section/%d", &sec):
		var b strings.Builder
		for k, n := published-1-(published-1-sec)%benchHubs, 0; k >= 0 && n < 20; k, n = k-benchHubs, n+1 {
			fmt.Fprintf(&b, "<li><a href=\"/story/%d\">Story %d</a></li>\n", k, k)
		}
		page = fmt.Sprintf("<!doctype html><html><head><title>Section %d</title></head><body><h1>Section %d</h1><ul>%s</ul></body></html>", sec, sec, b.String())
	case scanPath(r.URL.Path, "/story/%d", &k) && k < published:
		var b strings.Builder
		for i := range 6 {
			fmt.Fprintf(&b, "<p>Paragraph %d of story %d tells what the council decided, who voted for it and what it means for the district.</p>\n", i, k)
		}
		page = fmt.Sprintf(`<!doctype html><html lang="en"><head><title>Story %d</title><meta property="og:type" content="article">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Story %d"}</script></head>
<body><article><h1>Story %d</h1>%s</article></body></html>`, k, k, k, b.String())
	default:
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(page)))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, page)
}

func scanPath(path, format string, n *int) bool {
	_, err := fmt.Sscanf(path, format, n)
	return err == nil
}

// heapInUse returns the live heap after a collection, in MiB.
func heapInUse() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}

// BenchmarkWatchHubCycles runs a watch of benchHubs section pages for
// b.N cycles on a fake clock (--min-interval = --max-interval = 1s, so
// every hub is checked in every cycle; one new article a second, revisits
// at 30s and 2m): -benchtime 1000x is 10,000 hub checks. It reports the
// live heap after the first tenth of the cycles and after the last: a
// watch whose memory stays flat shows the same figure twice.
func BenchmarkWatchHubCycles(b *testing.B) {
	clock := &fakeClock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	site := &sectionSite{clock: clock, start: clock.Now()}
	site.Server = httptest.NewServer(http.HandlerFunc(site.serve))
	b.Cleanup(site.Close)
	var seeds []string
	for i := range benchHubs {
		seeds = append(seeds, fmt.Sprintf("%s/section/%d", site.URL, i))
	}
	e, _, errOut := crawlEnv(b, filepath.Join(b.TempDir(), "archive.db"))
	opts := watchOptions{crawl: quickCrawl(), MinInterval: time.Second, MaxInterval: time.Second, Revisit: "30s,2m"}
	opts.crawl.Delay, opts.crawl.Depth, opts.crawl.NoIndex, opts.crawl.Sitemaps = 0, 1, true, "off"
	opts.clock = clock
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var start, end float64
	firstTenth := max(b.N/10, 1)
	lap := time.Now()
	opts.afterCycle = func(cycle int) {
		if cycle == firstTenth {
			start = heapInUse()
			b.ResetTimer()
		}
		if cycle >= b.N {
			b.StopTimer()
			end = heapInUse()
			cancel()
		}
		if b.N >= 100 && cycle%(b.N/10) == 0 {
			b.Logf("cycle %d: heap in use %.1f MiB, last %d cycles %v each", cycle, heapInUse(), b.N/10,
				(time.Since(lap) / time.Duration(b.N/10)).Round(time.Millisecond))
			lap = time.Now()
		}
	}
	b.ReportAllocs()
	if err := runWatch(ctx, e, opts, seeds); err != nil {
		b.Fatalf("watch: %v\n%s", err, errOut)
	}
	b.ReportMetric(start, "heap-MiB-at-N/10")
	b.ReportMetric(end, "heap-MiB-at-N")
	b.ReportMetric(float64(benchHubs), "hubs/op")
}
