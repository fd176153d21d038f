package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkWARC measures WARC in and out on the crawl benchmark's site
// (-crawl.pages article pages of scrapertest.BenchPage): wget writing the
// site as a WARC (recursive to depth 2, as the crawl benchmark), archivist
// import of that WARC into a new corpus and index (extraction and
// indexing included), then export --format warc --all-captures of the
// imported corpus:
//
//	go test -run '^$' -bench WARC -benchtime 1x -crawl.pages 16000 ./cmd/archivist/
func BenchmarkWARC(b *testing.B) {
	srv := benchServer(b)
	for b.Loop() {
		b.StopTimer()
		start := time.Now()
		path := wgetWARC(b, srv.URL+"/", "--level=2")
		wgetTook := time.Since(start)
		st, _ := os.Stat(path)
		dir := b.TempDir()
		db := filepath.Join(dir, "archive.db")
		b.StartTimer()
		start = time.Now()
		out := mustRun(b, "import", "--db", db, "-q", path)
		importTook := time.Since(start)
		b.StopTimer()
		var records, captures, articles int
		fmt.Sscanf(out, "import finished: %d records read, %d captures added, %d articles", &records, &captures, &articles)
		if articles < *benchPages {
			b.Fatalf("import: %d articles, want %d: %s", articles, *benchPages, out)
		}
		warcOut := filepath.Join(dir, "export.warc.gz")
		start = time.Now()
		var errb strings.Builder
		if code := Main([]string{"export", "--db", db, "--format", "warc", "--all-captures", "--out", warcOut},
			strings.NewReader(""), io.Discard, &errb); code != 0 {
			b.Fatalf("export: exit %d: %s", code, errb.String())
		}
		exportTook := time.Since(start)
		ex, _ := os.Stat(warcOut)
		mbs := func(n int64, d time.Duration) float64 { return float64(n) / 1e6 / d.Seconds() }
		b.ReportMetric(float64(st.Size())/1e6, "warc-MB")
		b.ReportMetric(float64(records)/importTook.Seconds(), "import-records/s")
		b.ReportMetric(float64(captures)/importTook.Seconds(), "import-pages/s")
		b.ReportMetric(mbs(st.Size(), importTook), "import-MB/s")
		b.ReportMetric(float64(captures)/wgetTook.Seconds(), "wget-pages/s")
		b.ReportMetric(mbs(st.Size(), wgetTook), "wget-MB/s")
		b.ReportMetric(mbs(ex.Size(), exportTook), "export-MB/s")
		b.Logf("wget %s, import %s (%s), export %s: %s", wgetTook.Round(time.Millisecond),
			importTook.Round(time.Millisecond), strings.TrimSpace(out), exportTook.Round(time.Millisecond), strings.TrimSpace(errb.String()))
		b.StartTimer()
	}
}
