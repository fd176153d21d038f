package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/archivist-project/archivist/corpus"
)

// TestRebuildFolderKeepsSearchesWorking: while a rebuild builds beside
// the current index, a reader keeps searching it; after the swap, the
// reader that had it open still gets answers, and a new reader sees the
// new index. Progress is reported up to the number of articles.
func TestRebuildFolderKeepsSearchesWorking(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	stale := &corpus.Article{ID: 99, URL: "https://gone.example/x", Site: "gone.example", Title: "Zeppelin"}
	if err := ix.Put(ctx, []*corpus.Article{stale}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	reader, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	arts := MustLoadArticles(t, "basic")
	src := newFakeSource(arts...)
	var progress []int
	searched := false
	src.onRow = func() {
		if searched {
			return
		}
		searched = true
		// Mid-rebuild: the current index answers as before.
		if res := MustSearch(t, reader, Request{Query: "zeppelin"}); res.Total != 1 {
			t.Errorf("mid-rebuild search on the current index: %d hits, want 1", res.Total)
		}
		if _, err := os.Stat(path + ".new"); err != nil {
			t.Errorf("no new folder while rebuilding: %v", err)
		}
	}
	n, err := RebuildFolder(ctx, path, src, WithProgress(func(done int) { progress = append(progress, done) }))
	if err != nil || n != len(arts) {
		t.Fatalf("rebuild = %d, %v; want %d", n, err, len(arts))
	}
	if len(progress) == 0 || progress[len(progress)-1] != len(arts) {
		t.Errorf("progress = %v, want it to end at %d", progress, len(arts))
	}
	if res := MustSearch(t, reader, Request{Query: "zeppelin"}); res.Total != 1 {
		t.Errorf("search on the index open before the swap: %d hits, want 1", res.Total)
	}
	fresh, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if res := MustSearch(t, fresh, Request{Query: "zeppelin"}); res.Total != 0 {
		t.Errorf("the stale article survived the rebuild")
	}
	if got := mustCount(t, fresh); got != uint64(len(arts)) {
		t.Errorf("count = %d, want %d", got, len(arts))
	}
	for _, suffix := range []string{".new", ".old"} {
		if _, err := os.Stat(path + suffix); !os.IsNotExist(err) {
			t.Errorf("%s left behind", path+suffix)
		}
	}
}

// TestRebuildFolderReplacesOldFormat: an index of another format version
// or a damaged one is replaced; a missing one is created.
func TestRebuildFolderReplacesOldFormat(t *testing.T) {
	ctx := context.Background()
	arts := MustLoadArticles(t, "basic")
	for _, tt := range []struct {
		name    string
		prepare func(tb testing.TB, path string)
	}{
		{"missing", func(testing.TB, string) {}},
		{"older format", func(tb testing.TB, path string) { setFormatVersion(tb, path, "2") }},
		{"corrupt store", func(tb testing.TB, path string) {
			mustCreateIndex(tb, path)
			if err := os.WriteFile(filepath.Join(path, "store", "root.bolt"), []byte("garbage"), 0o644); err != nil {
				tb.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "archive.bleve")
			tt.prepare(t, path)
			if _, err := RebuildFolder(ctx, path, newFakeSource(arts...)); err != nil {
				t.Fatalf("rebuild: %v", err)
			}
			ix, err := OpenReadOnly(path)
			if err != nil {
				t.Fatalf("open after rebuild: %v", err)
			}
			defer ix.Close()
			if res := MustSearch(t, ix, Request{Query: "climate"}); res.Total != 4 {
				t.Errorf("total after rebuild = %d, want 4", res.Total)
			}
		})
	}
}

// TestRebuildFolderFailureKeepsIndex: a failing source leaves the current
// index and no new folder.
func TestRebuildFolderFailureKeepsIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.bleve")
	arts := MustLoadArticles(t, "basic")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(ctx, newFakeSource(arts...)); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	src := newFakeSource(arts...)
	src.fail, src.after = errors.New("corpus went away"), 3
	if _, err := RebuildFolder(ctx, path, src); err == nil {
		t.Fatal("rebuild succeeded with a failing source")
	}
	ix, err = OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := mustCount(t, ix); got != 10 {
		t.Errorf("count after failed rebuild = %d, want 10", got)
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("temporary folder left behind")
	}
}

// TestOpenKeepsRunningRebuild: Open removes the folder of an unfinished
// rebuild, but not one that a rebuild is still writing; a second rebuild
// then fails with ErrInUse.
func TestOpenKeepsRunningRebuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.bleve")
	mustCreateIndex(t, path)
	building, err := Open(path + ".new") // stands for a running rebuild
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".new"); err != nil {
		t.Fatalf("Open removed the folder of a running rebuild: %v", err)
	}
	if _, err := RebuildFolder(context.Background(), path, newFakeSource()); !errors.Is(err, ErrInUse) {
		t.Errorf("second rebuild: %v, want ErrInUse", err)
	}
	if err := building.Close(); err != nil {
		t.Fatal(err)
	}
	mustCreateIndex(t, path) // Open again: the rebuild is gone, so is its folder
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("the folder of an unfinished rebuild was kept: %v", err)
	}
}

// TestRebuildCompacts checks that a rebuilt index is one segment, with
// the merged-away segment files gone, and that phrases and snippets work
// on it (the exact fields keep no byte offsets).
func TestRebuildCompacts(t *testing.T) {
	var arts []*corpus.Article
	for i := 1; i <= 3*batchSize; i++ {
		arts = append(arts, &corpus.Article{
			ID:    int64(i),
			URL:   fmt.Sprintf("https://example.com/%d", i),
			Site:  "example.com",
			Title: fmt.Sprintf("Article %d", i),
			Text:  fmt.Sprintf("Some words about harbour number w%d and the storm at sea.", i),
		})
	}
	path := filepath.Join(t.TempDir(), "x.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	src := newFakeSource(arts...)
	ix.ReadTextsFrom(src) // snippets: the index keeps no text
	if n, err := ix.Rebuild(context.Background(), src); err != nil || n != len(arts) {
		t.Fatalf("rebuild = %d, %v", n, err)
	}
	if zaps := liveSegmentFiles(t, ix); len(zaps) != 1 {
		t.Errorf("segment files after rebuild = %v; want one", zaps)
	}
	res := MustSearch(t, ix, Request{Query: `"harbour number w777"`, Highlight: HighlightPlain})
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("phrase: total %d, want 1", res.Total)
	}
	if want := "[harbour number w777]"; !strings.Contains(res.Hits[0].Snippet, want) {
		t.Errorf("snippet %q does not contain %q", res.Hits[0].Snippet, want)
	}
}

// TestRebuildCapsSegments checks that the merges of a bulk build stop at
// maxSegmentDocs articles per segment, and that every article is found.
func TestRebuildCapsSegments(t *testing.T) {
	oldMax, oldFill := maxSegmentDocs, bulkFill
	t.Cleanup(func() { maxSegmentDocs, bulkFill = oldMax, oldFill })
	maxSegmentDocs, bulkFill.size = 400, 100 // batches of 100: merges of at most 3

	arts := harbourArticles(1500)
	path, ix, sizes := rebuildSegments(t, arts)
	for _, n := range sizes {
		if n > maxSegmentDocs {
			t.Errorf("a segment of %d articles, over %d", n, maxSegmentDocs)
		}
	}
	if len(sizes) < 4 || len(sizes) > 8 {
		t.Errorf("segments %v: want 1,500 articles in merges of 200 to 400", sizes)
	}
	if zaps := segmentFiles(t, path, len(sizes)); len(zaps) != len(sizes) {
		t.Errorf("%d segment files for %d segments", len(zaps), len(sizes))
	}
	if res := MustSearch(t, ix, Request{Query: "harbour"}); res.Total != uint64(len(arts)) {
		t.Errorf("harbour: %d hits, want %d", res.Total, len(arts))
	}
}

// TestRebuildAtCapIsOneSegment checks that an index of exactly
// maxSegmentDocs articles ends as one segment, as a smaller one does.
func TestRebuildAtCapIsOneSegment(t *testing.T) {
	oldMax, oldFill := maxSegmentDocs, bulkFill
	t.Cleanup(func() { maxSegmentDocs, bulkFill = oldMax, oldFill })
	maxSegmentDocs, bulkFill.size = 400, 100

	for _, n := range []int{399, 400} {
		_, _, sizes := rebuildSegments(t, harbourArticles(n))
		if len(sizes) != 1 {
			t.Errorf("%d articles: segments %v, want one", n, sizes)
		}
	}
}

// harbourArticles makes n short articles about the harbour.
func harbourArticles(n int) []*corpus.Article {
	var arts []*corpus.Article
	for i := 1; i <= n; i++ {
		arts = append(arts, &corpus.Article{ID: int64(i), URL: fmt.Sprintf("https://example.com/%d", i),
			Site: "example.com", Title: fmt.Sprintf("Article %d", i), Text: "Words about the harbour."})
	}
	return arts
}

// rebuildSegments builds arts into a new index folder and returns the
// folder, the index open read-only (closed at the test's end) and the
// live sizes of its segments.
func rebuildSegments(t *testing.T, arts []*corpus.Article) (string, *Index, []int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.bleve")
	if n, err := RebuildFolder(context.Background(), path, newFakeSource(arts...)); err != nil || n != len(arts) {
		t.Fatalf("rebuild = %d, %v", n, err)
	}
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	adv, err := ix.bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var sizes []int64
	for _, seg := range r.(*scorch.IndexSnapshot).Segments() {
		sizes = append(sizes, seg.LiveSize())
	}
	return path, ix, sizes
}

// TestRebuildFolderInUseRemovesNew: a rebuild that cannot swap its index
// in (a crawl kept the current one open for writing) fails with ErrInUse,
// keeps the current index, and removes the folder it built, which no
// later rebuild would use (it was left: a second index's worth of disk).
func TestRebuildFolderInUseRemovesNew(t *testing.T) {
	defer func(d time.Duration) { swapWait = d }(swapWait)
	swapWait = 100 * time.Millisecond
	path := filepath.Join(t.TempDir(), "archive.bleve")
	writer, err := Open(path) // stands for a crawl updating the index
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	_, err = RebuildFolder(context.Background(), path, newFakeSource(MustLoadArticles(t, "basic")...))
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("rebuild: %v, want ErrInUse", err)
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("the rebuilt folder was left behind (%v)", err)
	}
}

// TestRebuildFolderWritesSidecars: `index --rebuild` writes the sidecars
// of its large segments before the swap, as a first `index` does, so that
// the first searches after it are not the slow ones.
func TestRebuildFolderWritesSidecars(t *testing.T) {
	defer func(b, p uint64) { blockMaxMinDocs, pairsMinDocs = b, p }(blockMaxMinDocs, pairsMinDocs)
	blockMaxMinDocs, pairsMinDocs = 1, 1
	path := filepath.Join(t.TempDir(), "archive.bleve")
	if _, err := RebuildFolder(context.Background(), path, newFakeSource(MustLoadArticles(t, "basic")...)); err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	for _, dir := range []string{blockMaxDirName, pairsDirName, pairBucketsDirName} {
		if ents, err := os.ReadDir(filepath.Join(path, dir)); err != nil || len(ents) == 0 {
			t.Errorf("%s after the rebuild: %d files, %v", dir, len(ents), err)
		}
	}
}
