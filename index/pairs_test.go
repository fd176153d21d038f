package index

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/archivist-project/archivist/corpus"
)

// TestPhrasePairsMatchBleve checks phrases against bleve's on an on-disk
// index of several segments with replaced articles: without sidecars,
// with them, and with damaged ones (a flipped byte in a bitmap, a
// truncated file, another segment's file).
func TestPhrasePairsMatchBleve(t *testing.T) {
	useWordPositions(t) // bleve's phrase query is the reference
	defer func(n uint64) { pairsMinDocs = n }(pairsMinDocs)
	pairsMinDocs = 0
	path := filepath.Join(t.TempDir(), "p.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	arts := putPhraseArticles(t, ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Read-only: no background merge changes the segments.
	if ix, err = OpenReadOnly(path); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	phrases := testPhrases(arts)

	t.Run("none", func(t *testing.T) {
		forgetPairs()
		if n := usablePairs(t, ix); n != 0 {
			t.Fatalf("%d segments with pairs before any was written", n)
		}
		checkPhrasesMatchBleve(t, ix, phrases)
	})
	writeSidecars(context.Background(), ix.bi, ix.fwd, slog.Default())
	files, _ := filepath.Glob(filepath.Join(path, pairsDirName, "*.pairs"))
	t.Run("written", func(t *testing.T) {
		forgetPairs()
		if n := usablePairs(t, ix); n < 2 || n != len(files) {
			t.Fatalf("%d segments with pairs, %d files", n, len(files))
		}
		checkPhrasesMatchBleve(t, ix, phrases)
	})
	t.Run("damaged", func(t *testing.T) {
		damage := []func(f string) error{
			func(f string) error { return flipByte(f, 100) }, // in a bitmap
			func(f string) error { return os.Truncate(f, 50) },
			func(f string) error { // the first segment's file for every other
				b, err := os.ReadFile(files[0])
				if err != nil {
					return err
				}
				return os.WriteFile(f, b, 0o644)
			},
		}
		for i, f := range files[1:] {
			if err := damage[i%len(damage)](f); err != nil {
				t.Fatal(err)
			}
		}
		forgetPairs()
		checkPhrasesMatchBleve(t, ix, phrases)
	})
	t.Run("rewritten", func(t *testing.T) {
		writeSidecars(context.Background(), ix.bi, ix.fwd, slog.Default())
		forgetPairs()
		if n := usablePairs(t, ix); n != len(files) {
			t.Fatalf("%d of %d segments with usable pairs after damaged ones were written again", n, len(files))
		}
	})
}

// forgetPairs empties the cache of open sidecars.
func forgetPairs() {
	pairsCache.Range(func(k, _ any) bool {
		pairsCache.Delete(k)
		return true
	})
}

// usablePairs returns the number of ix's segments with a usable sidecar.
func usablePairs(tb testing.TB, ix *Index) int {
	tb.Helper()
	snap, done := mustSnapshot(tb, ix)
	defer done()
	n := 0
	for _, ss := range snap.Segments() {
		if segmentPairsOf(ss) != nil {
			n++
		}
	}
	return n
}

func flipByte(file string, at int64) error {
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, at); err != nil {
		return err
	}
	b[0] ^= 0x55
	_, err = f.WriteAt(b, at)
	return err
}

// TestWritePairsAt writes the sidecars of the index named by
// $ARCHIVIST_PAIRS_INDEX (opened read-only: nothing else is written), as
// the benchmark of docs/BENCHMARKS.md does for an index built before them.
func TestWritePairsAt(t *testing.T) {
	path := os.Getenv("ARCHIVIST_PAIRS_INDEX")
	if path == "" {
		t.Skip("ARCHIVIST_PAIRS_INDEX is not set")
	}
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if err := pairsSidecar(ix.fwd).writeAll(context.Background(), ix.bi, log); err != nil {
		t.Fatal(err)
	}
}

// TestUpdateAndRebuildWritePairs checks that Update writes the sidecars
// of the segments it leaves, that a later Update removes those of
// merged-away segments, and that Rebuild writes them into the new index
// before the swap, and that phrases then find what bleve finds.
func TestUpdateAndRebuildWritePairs(t *testing.T) {
	useWordPositions(t) // bleve's phrase query is the reference
	defer func(n uint64) { pairsMinDocs = n }(pairsMinDocs)
	pairsMinDocs = 0
	path := filepath.Join(t.TempDir(), "u.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	src := newFakeSource()
	ctx := context.Background()
	var arts []*corpus.Article
	for i := 1; i <= 300; i++ {
		arts = append(arts, genArticle(i))
	}
	stale := filepath.Join(path, pairsDirName, "ffffffffffff.pairs")
	for lo := 0; lo < len(arts); lo += 100 {
		for _, a := range arts[lo : lo+100] {
			src.Set(a)
		}
		if _, err := ix.Update(ctx, src); err != nil {
			t.Fatal(err)
		}
		// Background merges may replace segments at any time (even
		// every segment Update just wrote sidecars for): only the next
		// Update catches up, so this checks little more than that
		// Update wrote sidecars, of the segments now or of those it saw.
		if n := usablePairs(t, ix); n == 0 {
			files, _ := filepath.Glob(filepath.Join(path, pairsDirName, "*.pairs"))
			if len(files) == 0 || len(files) == 1 && files[0] == stale {
				t.Fatal("no sidecar after Update")
			}
		}
		if _, err := os.Stat(stale); err == nil {
			t.Fatal("a sidecar of no segment is still there after Update")
		}
		if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ix.Rebuild(ctx, src); err != nil {
		t.Fatal(err)
	}
	// Rebuild leaves one segment, written before the swap.
	if n := checkPairFiles(t, ix, path); n != 1 {
		t.Fatalf("%d segments after Rebuild", n)
	}
	forgetPairs()
	checkPhrasesMatchBleve(t, ix, testPhrases(arts)[:60])
	// A reader while the writer holds the index reads it through a
	// view of links to the segment files (view.go): it finds the
	// sidecars beside the real files.
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if ro.viewDir == "" {
		t.Fatal("no view while the writer holds the index")
	}
	forgetPairs()
	if n := usablePairs(t, ro); n != 1 {
		t.Errorf("%d segments with usable sidecars through the view, want 1", n)
	}
}

// checkPairFiles checks that the pairs folder of the index at path holds
// exactly one usable sidecar per persisted segment of ix, and returns
// their number.
func checkPairFiles(tb testing.TB, ix *Index, path string) int {
	tb.Helper()
	adv, err := ix.bi.Advanced()
	if err != nil {
		tb.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	want := map[string]bool{}
	for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
		if ps, ok := ss.Segment().(segment.PersistedSegment); ok {
			want[filepath.Base(pairsFile(ps.Path()))] = true
			if segmentPairsOf(ss) == nil {
				tb.Errorf("segment %s: no usable sidecar", ps.Path())
			}
		}
	}
	ents, _ := os.ReadDir(filepath.Join(path, pairsDirName))
	for _, e := range ents {
		if !want[e.Name()] {
			tb.Errorf("stale sidecar %s", e.Name())
		}
	}
	return len(want)
}
