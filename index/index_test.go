package index

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolt "go.etcd.io/bbolt"
)

func mustCount(tb testing.TB, ix *Index) uint64 {
	tb.Helper()
	n, err := ix.Count()
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestUpdateIncremental(t *testing.T) {
	ctx := context.Background()
	arts := MustLoadArticles(t, "basic")
	src := newFakeSource(arts[:6]...)
	ix, err := NewMemOnly()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	n, err := ix.Update(ctx, src)
	if err != nil || n != 6 {
		t.Fatalf("first update = %d, %v; want 6", n, err)
	}
	if seq, _ := ix.Seq(); seq != 6 {
		t.Errorf("seq = %d, want 6", seq)
	}

	// Nothing new: nothing indexed, and the source is asked from seq 6.
	n, err = ix.Update(ctx, src)
	if err != nil || n != 0 {
		t.Fatalf("idle update = %d, %v; want 0", n, err)
	}
	if want := []int64{0, 6}; !slices.Equal(src.calls, want) {
		t.Errorf("ArticlesSince seqs = %v, want %v", src.calls, want)
	}

	// New articles and an edited one: only those are indexed, and the
	// edit replaces the old version.
	for _, a := range arts[6:] {
		src.Set(a)
	}
	edited := *arts[0]
	edited.Title = "Parliament rejects the zeppelin bill"
	src.Set(&edited)
	n, err = ix.Update(ctx, src)
	if err != nil || n != 5 {
		t.Fatalf("second update = %d, %v; want 5", n, err)
	}
	if got := mustCount(t, ix); got != 10 {
		t.Errorf("count = %d, want 10", got)
	}
	if res := MustSearch(t, ix, Request{Query: "title:zeppelin"}); res.Total != 1 || res.Hits[0].ID != 1 {
		t.Errorf("edited title not found: %+v", res)
	}
	if res := MustSearch(t, ix, Request{Query: "title:climate"}); res.Total != 1 {
		t.Errorf("title:climate total = %d, want 1 (the old title is gone)", res.Total)
	}
}

func TestUpdateResumesAfterFailure(t *testing.T) {
	ctx := context.Background()
	var arts []*corpus.Article
	for i := 1; i <= 1200; i++ {
		arts = append(arts, genArticle(i))
	}
	ix := MustMemIndex(t, nil)
	src := mustSeed(t, ix)
	for _, a := range arts {
		src.Set(a)
	}
	src.fail, src.after = errors.New("disk on fire"), 700

	// It counts the articles written: the first full batch, not the
	// 200 read after it.
	n, err := ix.Update(ctx, src)
	if err == nil || n != batchSize {
		t.Fatalf("update = %d, %v; want %d and an error", n, err, batchSize)
	}
	// The first full batch (500) was committed with its seq; the partial
	// one was not.
	if seq, _ := ix.Seq(); seq != 1+batchSize {
		t.Errorf("seq after failure = %d, want %d", seq, 1+batchSize)
	}
	src.fail = nil
	n, err = ix.Update(ctx, src)
	if err != nil || n != 1200-batchSize {
		t.Fatalf("resumed update = %d, %v; want %d", n, err, 1200-batchSize)
	}
	if got := mustCount(t, ix); got != 1201 {
		t.Errorf("count = %d, want 1201", got)
	}
}

// mustSeed indexes one article into the empty index ix with Update, so
// that later Updates write batches of updateFill (not firstFill), and
// returns the source, to which tests add articles.
func mustSeed(tb testing.TB, ix *Index) *fakeSource {
	tb.Helper()
	src := newFakeSource(genArticle(1_000_000))
	if n, err := ix.Update(context.Background(), src); err != nil || n != 1 {
		tb.Fatalf("seed update = %d, %v", n, err)
	}
	return src
}

// TestFirstUpdateBatches: the Update of an empty index writes batches of
// firstFill, larger than a later Update's: 600 articles whose source
// fails after 550 leave nothing written (a later Update would have
// written a batch of 500).
func TestFirstUpdateBatches(t *testing.T) {
	var arts []*corpus.Article
	for i := 1; i <= 600; i++ {
		arts = append(arts, genArticle(i))
	}
	src := newFakeSource(arts...)
	src.fail, src.after = errors.New("disk on fire"), 550
	ix := MustMemIndex(t, nil)
	n, err := ix.Update(context.Background(), src)
	if err == nil || n != 0 {
		t.Fatalf("first update = %d, %v; want 0 and an error", n, err)
	}
	if seq, _ := ix.Seq(); seq != 0 {
		t.Errorf("seq after failure = %d, want 0", seq)
	}
}

func TestPutDelete(t *testing.T) {
	ctx := context.Background()
	arts := MustLoadArticles(t, "basic")
	ix := MustMemIndex(t, arts)
	if got := mustCount(t, ix); got != 10 {
		t.Fatalf("count = %d, want 10", got)
	}
	// Put again replaces rather than duplicates.
	if err := ix.Put(ctx, arts[:3]); err != nil {
		t.Fatal(err)
	}
	if got := mustCount(t, ix); got != 10 {
		t.Errorf("count after re-put = %d, want 10", got)
	}
	if err := ix.Delete(ctx, []int64{1, 8, 999}); err != nil {
		t.Fatal(err)
	}
	res := MustSearch(t, ix, Request{Query: "climate"})
	if got, want := hitURLs(res), []string{arts[8].URL, arts[6].URL}; !slices.Equal(got, want) {
		t.Errorf("after delete: %q, want %q", got, want)
	}
}

func TestRebuild(t *testing.T) {
	ctx := context.Background()
	arts := MustLoadArticles(t, "basic")
	for _, dir := range []string{"", "disk"} {
		t.Run("mem="+dir, func(t *testing.T) {
			var ix *Index
			var err error
			if dir == "" {
				ix, err = NewMemOnly()
			} else {
				ix, err = Open(filepath.Join(t.TempDir(), "archive.bleve"))
			}
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			// Stale content the corpus no longer has.
			if err := ix.Put(ctx, []*corpus.Article{{ID: 99, URL: "https://gone.example/x", Title: "Zeppelin"}}); err != nil {
				t.Fatal(err)
			}
			src := newFakeSource(arts...)
			n, err := ix.Rebuild(ctx, src)
			if err != nil || n != 10 {
				t.Fatalf("rebuild = %d, %v; want 10", n, err)
			}
			if got := mustCount(t, ix); got != 10 {
				t.Errorf("count = %d, want 10", got)
			}
			if res := MustSearch(t, ix, Request{Query: "zeppelin"}); res.Total != 0 {
				t.Errorf("stale article survived the rebuild")
			}
			if seq, _ := ix.Seq(); seq != 10 {
				t.Errorf("seq = %d, want 10", seq)
			}
			// Update after a rebuild has nothing to do.
			if n, err := ix.Update(ctx, src); err != nil || n != 0 {
				t.Errorf("update after rebuild = %d, %v; want 0", n, err)
			}
			if dir != "" {
				for _, suffix := range []string{".new", ".old"} {
					if _, err := os.Stat(ix.path + suffix); !os.IsNotExist(err) {
						t.Errorf("%s left behind", ix.path+suffix)
					}
				}
			}
		})
	}
}

func TestRebuildFailureKeepsIndex(t *testing.T) {
	ctx := context.Background()
	arts := MustLoadArticles(t, "basic")
	path := filepath.Join(t.TempDir(), "archive.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(ctx, newFakeSource(arts...)); err != nil {
		t.Fatal(err)
	}
	src := newFakeSource(arts...)
	src.fail, src.after = errors.New("corpus went away"), 3
	if _, err := ix.Rebuild(ctx, src); err == nil {
		t.Fatal("rebuild succeeded with a failing source")
	}
	if got := mustCount(t, ix); got != 10 {
		t.Errorf("count after failed rebuild = %d, want 10", got)
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("temporary folder left behind")
	}
}

func TestOnDiskReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.bleve")
	arts := MustLoadArticles(t, "basic")

	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Update(ctx, newFakeSource(arts...)); err != nil || n != 10 {
		t.Fatalf("update = %d, %v", n, err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(ctx, Request{Query: "climate"}); !errors.Is(err, ErrClosed) {
		t.Errorf("search after close: %v, want ErrClosed", err)
	}

	ix, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := mustCount(t, ix); got != 10 {
		t.Errorf("count after reopen = %d, want 10", got)
	}
	if seq, _ := ix.Seq(); seq != 10 {
		t.Errorf("seq after reopen = %d, want 10", seq)
	}
	if res := MustSearch(t, ix, Request{Query: `"quiet hinge"`}); res.Total != 1 || res.Hits[0].Snippet != "" {
		t.Errorf("snippet without texts: %+v, want none (an on-disk index keeps no text)", res.Hits)
	}
	ix.ReadTextsFrom(newFakeSource(arts...))
	res := MustSearch(t, ix, Request{Query: `"quiet hinge"`, Facets: FacetNames(), Histogram: PeriodMonth})
	if res.Total != 1 || res.Hits[0].ID != 1 || !strings.Contains(res.Hits[0].Snippet, "<mark>quiet hinge</mark>") {
		t.Errorf("search after reopen: %+v", res)
	}
}

func TestOpenInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	_, err = Open(path)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second open took %v", d)
	}
}

func TestOpenNeedsRebuild(t *testing.T) {
	ctx := context.Background()
	arts := MustLoadArticles(t, "basic")
	tests := []struct {
		name   string
		damage func(tb testing.TB, path string)
	}{
		{"other format version", func(tb testing.TB, path string) { setFormatVersion(tb, path, "0") }},
		{"corrupt metadata", func(tb testing.TB, path string) {
			mustCreateIndex(tb, path)
			if err := os.WriteFile(filepath.Join(path, "index_meta.json"), []byte("{not json"), 0o644); err != nil {
				tb.Fatal(err)
			}
		}},
		{"missing metadata", func(tb testing.TB, path string) {
			mustCreateIndex(tb, path)
			if err := os.Remove(filepath.Join(path, "index_meta.json")); err != nil {
				tb.Fatal(err)
			}
		}},
		{"corrupt store", func(tb testing.TB, path string) {
			mustCreateIndex(tb, path)
			if err := os.WriteFile(filepath.Join(path, "store", "root.bolt"), []byte("garbage garbage garbage"), 0o644); err != nil {
				tb.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "archive.bleve")
			tt.damage(t, path)
			_, err := Open(path)
			if !errors.Is(err, ErrNeedsRebuild) {
				t.Fatalf("open: %v, want ErrNeedsRebuild", err)
			}
			ix, err := Recreate(path)
			if err != nil {
				t.Fatalf("recreate: %v", err)
			}
			defer ix.Close()
			if n, err := ix.Rebuild(ctx, newFakeSource(arts...)); err != nil || n != 10 {
				t.Fatalf("rebuild = %d, %v", n, err)
			}
			if res := MustSearch(t, ix, Request{Query: "climate"}); res.Total != 4 {
				t.Errorf("total after rebuild = %d, want 4", res.Total)
			}
		})
	}
}

func mustCreateIndex(tb testing.TB, path string) {
	tb.Helper()
	ix, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		tb.Fatal(err)
	}
}

func TestOpenFolders(t *testing.T) {
	// An empty folder becomes an index.
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(empty)
	if err != nil {
		t.Fatalf("open empty folder: %v", err)
	}
	ix.Close()

	// A folder with other files is neither used nor removed.
	other := t.TempDir()
	keep := filepath.Join(other, "thesis.txt")
	if err := os.WriteFile(keep, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(other); err == nil {
		t.Fatal("opened a folder that is not an index")
	}
	if _, err := Recreate(other); err == nil {
		t.Fatal("recreated over a folder that is not an index")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("file in a foreign folder was removed: %v", err)
	}
}

func TestOpenRecoversInterruptedSwap(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(ctx, newFakeSource(MustLoadArticles(t, "basic")...)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	// A crash between the two renames of a rebuild.
	if err := os.Rename(path, path+".old"); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := mustCount(t, ix); got != 10 {
		t.Errorf("count = %d, want the 10 articles of the previous index", got)
	}
}

// TestOpenAfterKilledCreate: a process killed while it created the index
// (a crawl's first seconds) leaves its half-made folder beside the
// index's path, not at it: the next Open creates the index, usable, and
// removes the leftover.
func TestOpenAfterKilledCreate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.bleve")
	// Killed after bleve wrote its files, before the format version.
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.NewUsing(path+".creating", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bi.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the index's path exists before the creation ends: %v", err)
	}
	ix, err := Open(path)
	if err != nil {
		t.Fatalf("open after a killed creation: %v", err)
	}
	defer ix.Close()
	if n, err := ix.Update(ctx, newFakeSource(MustLoadArticles(t, "basic")...)); err != nil || n != 10 {
		t.Fatalf("update = %d, %v", n, err)
	}
	if res := MustSearch(t, ix, Request{Query: "climate"}); res.Total != 4 {
		t.Errorf("total = %d, want 4", res.Total)
	}
	if _, err := os.Stat(path + ".creating"); !os.IsNotExist(err) {
		t.Errorf("the half-made folder is still there: %v", err)
	}
}

// TestOpenMissingForwardIndex: an index whose forward index was removed
// is refused (needs a rebuild), for writing and for searching: its
// patterns would otherwise miss articles without a word.
func TestOpenMissingForwardIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), newFakeSource(MustLoadArticles(t, "basic")...)); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(path, fwdDir)); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func(string, ...Option) (*Index, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		if ix, err := open(path); !errors.Is(err, ErrNeedsRebuild) || !strings.Contains(err.Error(), "forward index") {
			if ix != nil {
				ix.Close()
			}
			t.Errorf("%s: %v, want ErrNeedsRebuild naming the forward index", name, err)
		}
	}
	ix, err = Recreate(path)
	if err != nil {
		t.Fatalf("recreate: %v", err)
	}
	ix.Close()
}

func TestConcurrentSearchDuringWrites(t *testing.T) {
	ctx := context.Background()
	arts := MustLoadArticles(t, "basic")
	ix, err := Open(filepath.Join(t.TempDir(), "archive.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	src := newFakeSource(arts...)
	if _, err := ix.Update(ctx, src); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	errs := make(chan error, 4)
	for range 3 {
		go func() {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				res, err := ix.Search(ctx, Request{Query: "climate", Facets: FacetNames(), Histogram: PeriodMonth})
				if err != nil {
					errs <- err
					return
				}
				if res.Total != 4 {
					errs <- errors.New("search saw a partial index")
					return
				}
			}
		}()
	}
	for range 3 {
		if err := ix.Put(ctx, arts[:2]); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Rebuild(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	for range 3 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestFollow(t *testing.T) {
	arts := MustLoadArticles(t, "basic")
	src := newFakeSource(arts[:3]...)
	ix := MustMemIndex(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var n int
	go func() {
		var err error
		n, err = ix.Follow(ctx, src, 5*time.Millisecond)
		done <- err
	}()
	// Articles written while Follow runs get indexed without a call.
	deadline := time.Now().Add(5 * time.Second)
	for mustCount(t, ix) < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	for _, a := range arts[3:] {
		src.Set(a)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// The last articles are indexed by the final Update after cancel.
	if got := mustCount(t, ix); got != 10 || n != 10 {
		t.Errorf("count = %d, indexed = %d; want 10 and 10", got, n)
	}
}

func TestUpdateBatchesLongArticlesBySize(t *testing.T) {
	ctx := context.Background()
	var arts []*corpus.Article
	for i := 1; i <= 10; i++ {
		a := genArticle(i)
		a.Text = strings.Repeat(a.Text+"\n\n", 300<<10/len(a.Text)+1) // over 300 KB
		arts = append(arts, a)
	}
	ix := MustMemIndex(t, nil)
	src := mustSeed(t, ix)
	for _, a := range arts {
		src.Set(a)
	}
	src.fail, src.after = errors.New("disk on fire"), 6
	if _, err := ix.Update(ctx, src); err == nil {
		t.Fatal("update did not fail")
	}
	// A batch holds at most batchBytes of text: four of these articles,
	// committed before the failure (after the seed); with batches counted
	// in articles only, nothing would have been.
	if seq, _ := ix.Seq(); seq != 5 {
		t.Errorf("seq after failure = %d, want 5", seq)
	}
}

// TestPatternTermsCapped: a pattern in the body that matches more words
// than maxPatternTerms is a bad query, not a search that eats the
// machine's memory.
func TestPatternTermsCapped(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "archive.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(context.Background(), newFakeSource(MustLoadArticles(t, "basic")...)); err != nil {
		t.Fatal(err)
	}
	if res := MustSearch(t, ix, Request{Query: "clim*"}); res.Total == 0 {
		t.Fatal("clim* found nothing")
	}
	defer func(n int) { maxPatternTerms = n }(maxPatternTerms)
	maxPatternTerms = 0
	for _, q := range []string{"c*", "text:c*", "/c.*/", "climate~1"} {
		if _, err := ix.Search(context.Background(), Request{Query: q}); !errors.Is(err, ErrBadQuery) {
			t.Errorf("%s with no word allowed: %v, want ErrBadQuery", q, err)
		}
	}
}

// TestOpenUnknownAnalyzers: an index whose stored mapping names a token
// filter this archivist lacks (one built by a later version) is refused
// with one short line, not bleve's error quoting the whole mapping.
func TestOpenUnknownAnalyzers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.bleve")
	mustCreateIndex(t, path)
	db, err := bolt.Open(filepath.Join(path, filepath.FromSlash(rootFile)), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		snaps := tx.Bucket([]byte("s"))
		if snaps == nil {
			return errors.New("no snapshots in root.bolt")
		}
		return snaps.ForEach(func(epoch, _ []byte) error {
			in := snaps.Bucket(epoch).Bucket([]byte("i"))
			if in == nil {
				return nil
			}
			m := in.Get([]byte("_mapping"))
			return in.Put([]byte("_mapping"), bytes.ReplaceAll(m, []byte(filterKeepStop), []byte("archivist_later_filter")))
		})
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	if !errors.Is(err, ErrNeedsRebuild) || len(err.Error()) > 300 || !strings.Contains(err.Error(), "another version") {
		t.Fatalf("open: %.400v; want a short ErrNeedsRebuild saying another version built it", err)
	}
}
