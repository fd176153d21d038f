package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// The crawl benchmarks of issue 4: `archivist crawl` itself (fetch,
// extract, store, index) on a loopback site of -crawl.pages article pages
// (scrapertest.BenchPage), next to colly alone fetching and parsing the
// same pages with goquery, in the same run:
//
//	go test -run '^$' -bench 'Crawl|CollyBaseline' -benchtime 1x -count 3 -crawl.pages 20000 ./cmd/archivist/
var (
	benchPages    = flag.Int("crawl.pages", 2000, "article pages of the crawl benchmarks")
	benchSize     = flag.Int("crawl.size", 60000, "bytes per article page of the crawl benchmarks")
	benchText     = flag.Int("crawl.text", 4000, "bytes of article text per page of the crawl benchmarks")
	benchParallel = flag.Int("crawl.parallel", 8, "requests in flight in the crawl benchmarks")
)

func benchServer(b *testing.B) *scrapertest.Server {
	return scrapertest.NewBenchServer(b, *benchPages, scrapertest.BenchPage{Size: *benchSize, Text: *benchText})
}

// BenchmarkCrawlCommand runs `archivist crawl` with politeness off into a
// new corpus and index, until the crawl is done and the index has caught
// up, and reports pages/s and the peak RSS of the process (the fake site
// included).
func BenchmarkCrawlCommand(b *testing.B) { benchCrawl(b, true) }

// BenchmarkCrawlNoIndex is BenchmarkCrawlCommand with --no-index: the
// crawler alone (fetch, extract, store).
func BenchmarkCrawlNoIndex(b *testing.B) { benchCrawl(b, false) }

func benchCrawl(b *testing.B, withIndex bool) {
	srv := benchServer(b)
	measure(b, func() (int, time.Duration) {
		b.StopTimer()
		dir := b.TempDir()
		dbPath := filepath.Join(dir, "archive.db")
		args := []string{"crawl", "--db", dbPath, "--delay", "0", "--parallel", strconv.Itoa(*benchParallel),
			"--per-host", strconv.Itoa(*benchParallel), "--depth", "2", "--retries", "0"}
		if !withIndex {
			args = append(args, "--no-index")
		}
		args = append(args, srv.URL+"/")
		b.StartTimer()
		start := time.Now()
		var errb strings.Builder
		if code := Main(args, strings.NewReader(""), io.Discard, &errb); code != 0 {
			b.Fatalf("archivist %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
		}
		took := time.Since(start)
		b.StopTimer()
		defer b.StartTimer()
		ixPath := ""
		if withIndex {
			ixPath = filepath.Join(dir, "archive.bleve")
		}
		return benchCheck(b, dbPath, ixPath), took
	})
}

// measure runs one crawl per benchmark iteration and reports the pages
// per second of crawl time and the peak RSS of the process. crawl returns
// the pages it fetched and the time its crawl took.
func measure(b *testing.B, crawl func() (int, time.Duration)) {
	b.ReportAllocs()
	var pages, secs float64
	for b.Loop() {
		scrapertest.ResetPeakRSS()
		n, took := crawl()
		pages += float64(n)
		secs += took.Seconds()
	}
	b.ReportMetric(pages/secs, "pages/s")
	b.ReportMetric(scrapertest.PeakRSS()/(1<<20), "peak-RSS-MB")
}

// benchCheck checks that the crawl stored and indexed every article and
// returns the pages it fetched.
func benchCheck(b *testing.B, dbPath, ixPath string) int {
	ctx := context.Background()
	db, err := corpus.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	st, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Articles != int64(*benchPages) {
		b.Fatalf("%d articles stored, want %d", st.Articles, *benchPages)
	}
	if ixPath == "" {
		return int(st.Captures)
	}
	ix, err := index.Open(ixPath)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(); err != nil || n != uint64(*benchPages) {
		b.Fatalf("%d articles indexed (%v), want %d", n, err, *benchPages)
	}
	return int(st.Captures)
}

// BenchmarkCollyBaseline fetches the same pages with colly alone and
// parses each with goquery: the yardstick of BenchmarkCrawlCommand.
func BenchmarkCollyBaseline(b *testing.B) {
	srv := benchServer(b)
	measure(b, func() (int, time.Duration) {
		start := time.Now()
		n, err := scrapertest.CollyBaseline(context.Background(), srv.URL+"/", *benchParallel)
		if err != nil {
			b.Fatal(err)
		}
		if n < *benchPages {
			b.Fatalf("colly fetched %d pages, want at least %d", n, *benchPages)
		}
		return n, time.Since(start)
	})
}
