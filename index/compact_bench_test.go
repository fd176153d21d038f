//go:build linux

package index

import (
	"context"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

var (
	compactFrom    = flag.String("compact-from", "", "BenchmarkCompactCopy: the index folder to copy and merge into one segment (skipped when empty)")
	compactRelease = flag.Bool("compact-release", true, "BenchmarkCompactCopy: release segment pages during the merge (pages.go)")
)

// BenchmarkCompactCopy merges a copy of the index folder -compact-from into
// one segment, as the compaction of a build does, and reports the peak of
// the process's anonymous and file-backed resident memory meanwhile
// (sampled every 100 ms): the file pages are those of the segments the
// merge reads through their maps. -compact-release=false leaves the
// segment pages resident, as before pages.go. One op copies the folder
// (not timed) and merges it.
func BenchmarkCompactCopy(b *testing.B) {
	if *compactFrom == "" {
		b.Skip("no -compact-from index folder")
	}
	old := maxSegmentDocs
	maxSegmentDocs = 1 << 40 // one segment, whatever the index size
	defer func() { maxSegmentDocs = old }()
	var peakAnon, peakFile int64
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "x.bleve")
		copyDir(b, *compactFrom, path)
		// Opened as bleve's (not Open): a folder of any archivist
		// format merges the same way.
		m, err := newMapping()
		if err != nil {
			b.Fatal(err)
		}
		bi, err := openOrCreate(path, m)
		if err != nil {
			b.Fatal(err)
		}
		stopRelease := func() {}
		if *compactRelease {
			stopRelease = releasePages(path, func() ([][]byte, func()) { return indexMaps(bi, nil) })
		}
		stop := sampleResident(&peakAnon, &peakFile)
		b.StartTimer()
		err = compact(context.Background(), bi)
		b.StopTimer()
		stop()
		stopRelease()
		adv, aerr := bi.Advanced()
		if aerr != nil {
			b.Fatal(aerr)
		}
		if n, serr := segmentCount(adv.(*scorch.Scorch)); err != nil || serr != nil || n != 1 {
			b.Fatalf("compact: %v, %d segments (%v)", err, n, serr)
		}
		if err := bi.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peakAnon)/(1<<20), "peak-anon-MiB")
	b.ReportMetric(float64(peakFile)/(1<<20), "peak-file-MiB")
}

// sampleResident records the peaks of RssAnon and RssFile every 100 ms
// until stop is called.
func sampleResident(anon, file *int64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			a, f := procStatus("RssAnon:"), residentFile()
			*anon, *file = max(*anon, a), max(*file, f)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func copyDir(tb testing.TB, from, to string) {
	tb.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(dst)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
	if err != nil {
		tb.Fatal(err)
	}
}
