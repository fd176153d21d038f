package scraper

import (
	"bufio"
	"context"
	"flag"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// The crawl benchmarks fetch a loopback site of -crawl.pages article pages
// of -crawl.size bytes. The figure is 20,000 pages of 60 KB:
//
//	go test -run '^$' -bench 'Crawl|CollyBaseline' -benchtime 1x -count 3 -crawl.pages 20000 ./scraper/
var (
	benchPages    = flag.Int("crawl.pages", 2000, "article pages of the crawl benchmarks")
	benchSize     = flag.Int("crawl.size", 60000, "bytes per article page of the crawl benchmarks")
	benchParallel = flag.Int("crawl.parallel", 8, "requests in flight in the crawl benchmarks")
)

// resetPeakRSS resets the process's peak resident set size (VmHWM), so
// that each benchmark reports its own peak.
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS returns VmHWM in bytes, 0 when unknown.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// BenchmarkCrawl crawls the bench site through the whole crawler pipeline
// (fetch, extract, store in the corpus) with politeness off, and reports
// pages/s and the peak RSS of the process (the fake site included). The
// CLI's crawl also updates the search index; that cost is not here.
func BenchmarkCrawl(b *testing.B) {
	srv := scrapertest.NewBenchServer(b, *benchPages, *benchSize)
	b.ReportAllocs()
	var pages, secs float64
	for b.Loop() {
		b.StopTimer()
		db, err := corpus.Open(context.Background(), b.TempDir()+"/archive.db")
		if err != nil {
			b.Fatal(err)
		}
		resetPeakRSS()
		b.StartTimer()
		start := time.Now()
		c, err := NewCrawler(db, WithDelay(0), WithParallel(*benchParallel), WithPerHost(*benchParallel),
			WithDepth(2), WithRetries(0))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := c.Run(context.Background(), []string{srv.URL + "/"})
		if err != nil {
			b.Fatal(err)
		}
		secs += time.Since(start).Seconds()
		pages += float64(sum.Fetched)
		b.StopTimer()
		if sum.Articles != *benchPages || sum.Errors != 0 {
			b.Fatalf("crawl: %+v, want %d articles", sum, *benchPages)
		}
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(pages/secs, "pages/s")
	b.ReportMetric(peakRSS()/(1<<20), "peak-RSS-MB")
}

// BenchmarkCollyBaseline fetches the same pages with colly alone (its own
// scheduler and visited map) and parses each with goquery, following the
// links: the yardstick of BenchmarkCrawl.
func BenchmarkCollyBaseline(b *testing.B) {
	srv := scrapertest.NewBenchServer(b, *benchPages, *benchSize)
	b.ReportAllocs()
	var pages, secs float64
	for b.Loop() {
		resetPeakRSS()
		start := time.Now()
		var n atomic.Int64
		c := colly.NewCollector(colly.Async(true), colly.MaxDepth(3))
		c.WithTransport(&http.Transport{
			DialContext:         (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
			MaxIdleConns:        100,
			MaxIdleConnsPerHost: *benchParallel,
			IdleConnTimeout:     90 * time.Second,
		})
		if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: *benchParallel}); err != nil {
			b.Fatal(err)
		}
		c.SetRequestTimeout(time.Minute)
		var errs atomic.Int64
		c.OnError(func(r *colly.Response, err error) {
			if errs.Add(1) <= 3 {
				b.Logf("colly: %s: %v", r.Request.URL, err)
			}
		})
		c.OnResponse(func(r *colly.Response) {
			n.Add(1)
		})
		// Parse every page with goquery (OnHTML does) and follow links.
		c.OnHTML("html", func(e *colly.HTMLElement) {
			e.DOM.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
				href, _ := s.Attr("href")
				e.Request.Visit(href)
			})
		})
		if err := c.Visit(srv.URL + "/"); err != nil {
			b.Fatal(err)
		}
		c.Wait()
		secs += time.Since(start).Seconds()
		pages += float64(n.Load())
		if int(n.Load()) < *benchPages {
			b.Fatalf("colly fetched %d pages (%d errors), want at least %d", n.Load(), errs.Load(), *benchPages)
		}
	}
	b.ReportMetric(pages/secs, "pages/s")
	b.ReportMetric(peakRSS()/(1<<20), "peak-RSS-MB")
}
