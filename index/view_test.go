package index

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestReadWhileWriterHoldsIndex holds an index open for writing, as a
// crawl does for its whole run, and updates it without pause, while
// read-only opens search it: every one succeeds, sees at least what the
// previous one saw, and leaves no view folder behind.
func TestReadWhileWriterHoldsIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.bleve")
	w, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	src := newFakeSource()
	next := 1
	var updates atomic.Int64
	add := func(n int) {
		for range n {
			src.Set(genArticle(next))
			next++
		}
		if _, err := w.Update(ctx, src); err != nil {
			t.Error(err)
		}
		updates.Add(1)
	}
	add(200)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				add(20)
			}
		}
	}()
	var last uint64
	reads := 0
	// Reads for 2s, and until five reads and an update of the writer
	// among them: a fixed time made too few reads on a loaded machine
	// (4 in 2s at load 18). A minute without them is a failure.
	began, atStart := time.Now(), updates.Load()
	for ; reads < 5 || updates.Load() == atStart || time.Since(began) < 2*time.Second; reads++ {
		if time.Since(began) > time.Minute {
			close(stop)
			wg.Wait()
			t.Fatalf("%d reads and %d updates in a minute; want 5 reads and an update", reads, updates.Load()-atStart)
		}
		r, err := OpenReadOnly(path)
		if err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("read %d while the writer holds the index: %v", reads, err)
		}
		if r.viewDir == "" {
			t.Error("a read-only open while a writer holds the index did not use a view")
		}
		res := MustSearch(t, r, Request{Query: "*"})
		if res.Total < 200 || res.Total < last {
			t.Errorf("read %d: %d articles, after %d before (at least 200 indexed)", reads, res.Total, last)
		}
		last = res.Total
		dir := r.viewDir
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("view folder %s left after Close: %v", dir, err)
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d reads while %d articles were indexed; the last read saw %d", reads, next-1, last)

	// Once the writer is gone, readers open the index itself and see all.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.viewDir != "" {
		t.Error("a read-only open of a free index used a view")
	}
	if res := MustSearch(t, r, Request{Query: "*"}); res.Total != uint64(next-1) {
		t.Errorf("after the writer closed: %d articles, want %d", res.Total, next-1)
	}
}

// TestCopyBoltRefusesAChangingFile: a bolt file whose newest meta page
// changes during the copy is not taken as a consistent copy.
func TestCopyBoltRefusesAChangingFile(t *testing.T) {
	path := mustFilledIndex(t)
	src := filepath.Join(path, filepath.FromSlash(rootFile))
	dst := filepath.Join(t.TempDir(), "root.bolt")
	if err := copyBolt(src, dst); err != nil {
		t.Fatalf("copy of a still file: %v", err)
	}
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pages, tx, err := readMetas(f)
	if err != nil || tx == 0 {
		t.Fatalf("readMetas: tx %d, %v", tx, err)
	}
	copied, err := os.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	got, gotTx, err := readMetas(copied)
	if err != nil || gotTx != tx || !slices.Equal(got, pages) {
		t.Errorf("copy's meta pages: tx %d (want %d), %v", gotTx, tx, err)
	}
	// A meta page with a bad checksum does not count.
	bad := slices.Clone(pages[:len(pages)/2])
	bad[metaTxid]++
	if _, ok := metaTx(bad); ok {
		t.Error("a meta page with a wrong checksum was taken as valid")
	}
}

// mergeArticles is the size of TestMergesKeepUp's crawl: 0 skips it.
var mergeArticles = flag.Int("merge-articles", 0, "articles for TestMergesKeepUp (e.g. 50000); 0 skips it")

// mergeReopen makes TestMergesKeepUp close and reopen the index around
// every update, as crawls did before they kept it open.
var mergeReopen = flag.Bool("merge-reopen", false, "TestMergesKeepUp: reopen the index for every update")

// TestMergesKeepUp feeds -merge-articles generated articles to an index in
// the increments a crawl's index updates bring (one update per 500
// articles), keeping the index open as a crawl does, then reports the
// segments in its newest snapshot and search latencies, for the writer and
// for a read-only view opened while the writer holds the index.
//
//	go test ./index/ -run TestMergesKeepUp -merge-articles 50000 -v [-merge-reopen]
func TestMergesKeepUp(t *testing.T) {
	if *mergeArticles == 0 {
		t.Skip("set -merge-articles N to run")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.bleve")
	w, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { w.Close() }()
	src := newFakeSource()
	start := time.Now()
	const step = 500
	for i := 1; i <= *mergeArticles; i += step {
		for k := i; k < i+step && k <= *mergeArticles; k++ {
			src.Set(genArticle(k))
		}
		if _, err := w.Update(ctx, src); err != nil {
			t.Fatal(err)
		}
		if *mergeReopen {
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if w, err = Open(path); err != nil {
				t.Fatal(err)
			}
		}
	}
	took := time.Since(start)
	t.Logf("indexed %d articles in %d updates in %s; segments right after: %d", *mergeArticles,
		(*mergeArticles+step-1)/step, took.Round(time.Millisecond), segmentsAtRoot(t, w))
	time.Sleep(5 * time.Second)
	t.Logf("segments 5s later: %d", segmentsAtRoot(t, w))

	openStart := time.Now()
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	t.Logf("read-only open while the writer holds the index (view=%v): %s", r.viewDir != "", time.Since(openStart).Round(time.Microsecond))
	for _, q := range []struct {
		name string
		req  Request
	}{
		{"word", Request{Query: "harbour"}},
		{"two words", Request{Query: "climate emissions"}},
		{"phrase", Request{Query: `"the government"`}},
		{"everything, newest first", Request{Query: "*", Sort: SortDateDesc}},
		{"word with facets", Request{Query: "budget", Facets: FacetNames()}},
	} {
		t.Logf("search %-26s writer %10s  view %10s", q.name, medianSearch(t, w, q.req), medianSearch(t, r, q.req))
	}
}

// segmentsAtRoot returns the number of segments in the index's current
// snapshot.
func segmentsAtRoot(tb testing.TB, ix *Index) int {
	tb.Helper()
	st, ok := ix.bi.StatsMap()["index"].(map[string]any)
	if !ok {
		tb.Fatal("no index stats")
	}
	n, _ := st["TotFileSegmentsAtRoot"].(uint64)
	m, _ := st["TotMemorySegmentsAtRoot"].(uint64)
	return int(n + m)
}

// medianSearch returns the median time of 21 runs of the search req.
func medianSearch(tb testing.TB, ix *Index, req Request) time.Duration {
	tb.Helper()
	var times []time.Duration
	for range 21 {
		t0 := time.Now()
		if _, err := ix.Search(context.Background(), req); err != nil {
			tb.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	slices.Sort(times)
	return times[len(times)/2].Round(time.Microsecond)
}
