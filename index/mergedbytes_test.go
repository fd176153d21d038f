package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestMergedBytes checks that mergedBytes counts what compact writes:
// about the segment file that its merge leaves. (What it counts before
// is the persister's: it merges the batches' segments that wait for it.)
func TestMergedBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	ctx := context.Background()
	for start := 0; start < 300; start += 100 {
		arts := make([]*corpus.Article, 100)
		for i := range arts {
			arts[i] = genArticle(start + i + 1)
		}
		if err := ix.Put(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	before := mergedBytes(ix.bi)
	if err := compact(ctx, ix.bi); err != nil {
		t.Fatal(err)
	}
	got := mergedBytes(ix.bi) - before
	segs := segmentFiles(t, path, 1)
	if len(segs) != 1 {
		t.Fatalf("after compact: segment files %v, want one", segs)
	}
	size := dirSize(t, segs[0])
	if got < uint64(size)/2 || got > uint64(size)*2 {
		t.Errorf("compact: %d bytes merged (%d before), want about the segment's %d", got, before, size)
	}
}
