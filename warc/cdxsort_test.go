package warc

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// cdxTestLine returns a CDXJ-like line with a random key (some repeated).
func cdxTestLine(r *rand.Rand, i int) string {
	return fmt.Sprintf("com,example)/news/%05d 2026120%d120000 {\"offset\":\"%d\",\"url\":\"https://example.com/news/%d\"}",
		r.IntN(2000), r.IntN(9), i, i)
}

// TestCDXSorter: the lines come out in sort.Strings order whether they fit
// in memory or go through sorted runs on disk, and no run is left behind.
func TestCDXSorter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		limit int
		lines int
		runs  bool
	}{
		{"in memory", cdxMemory, 3000, false},
		{"through runs", 4 << 10, 3000, true},
		{"one line a run", 1, 50, true},
		{"nothing", 1, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := newCDXSorter(filepath.Join(dir, "crawl.cdxj-run"))
			s.limit = tc.limit
			r := rand.New(rand.NewPCG(1, 2))
			var want []string
			for i := range tc.lines {
				l := cdxTestLine(r, i)
				want = append(want, l)
				if err := s.add(l); err != nil {
					t.Fatal(err)
				}
			}
			if got := len(s.runs) > 0; got != tc.runs {
				t.Errorf("runs on disk: %v, want %v", got, tc.runs)
			}
			sort.Strings(want)
			var out bytes.Buffer
			if err := s.writeTo(&out); err != nil {
				t.Fatal(err)
			}
			s.remove()
			got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if tc.lines == 0 {
				got = nil
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%d lines out, want %d, sorted", len(got), len(want))
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// BenchmarkCDXSort adds cdxBenchLines lines of about 110 bytes and writes them
// sorted, with the lines held in memory up to the default limit (the
// runs on disk past it) and, for comparison, all in memory (as before).
// It reports the peak live heap during the sort.
func BenchmarkCDXSort(b *testing.B) {
	for _, tc := range []struct {
		name  string
		limit int
	}{{"default", cdxMemory}, {"all-in-memory", 1 << 62}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var peak float64
			for range b.N {
				runtime.GC()
				var base runtime.MemStats
				runtime.ReadMemStats(&base)
				var top atomic.Uint64
				stop := make(chan struct{})
				done := make(chan struct{})
				go func() {
					defer close(done)
					var m runtime.MemStats
					for {
						select {
						case <-stop:
							return
						case <-time.After(5 * time.Millisecond):
						}
						runtime.ReadMemStats(&m)
						if m.HeapAlloc > top.Load() {
							top.Store(m.HeapAlloc)
						}
					}
				}()
				s := newCDXSorter(filepath.Join(b.TempDir(), "crawl.cdxj-run"))
				s.limit = tc.limit
				r := rand.New(rand.NewPCG(1, 2))
				for i := range cdxBenchLines {
					if err := s.add(cdxTestLine(r, i)); err != nil {
						b.Fatal(err)
					}
				}
				if err := s.writeTo(io.Discard); err != nil {
					b.Fatal(err)
				}
				s.remove()
				close(stop)
				<-done
				peak = max(peak, float64(top.Load()-min(top.Load(), base.HeapAlloc))/(1<<20))
			}
			b.ReportMetric(peak, "peak-heap-MiB")
		})
	}
}

// cdxBenchLines is the number of lines BenchmarkCDXSort sorts: about
// 220 MB of lines, 7 times the memory limit.
const cdxBenchLines = 2_000_000
