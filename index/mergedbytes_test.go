package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
	segment "github.com/blevesearch/scorch_segment_api/v2"
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
	segs := liveSegmentFiles(t, ix)
	if len(segs) != 1 {
		t.Fatalf("after compact: live segment files %v, want one", segs)
	}
	size := dirSize(t, segs[0])
	if got < uint64(size)/2 || got > uint64(size)*2 {
		t.Errorf("compact: %d bytes merged (%d before), want about the segment's %d", got, before, size)
	}
}

// liveSegmentFiles returns the files of the segments ix's current
// snapshot reads. Files of segments merged away stay on disk until
// scorch's persister removes them, which a loaded machine can delay past
// any wait (a CI run under load saw three files 30 s after compact).
func liveSegmentFiles(t *testing.T, ix *Index) []string {
	t.Helper()
	snap, done := mustSnapshot(t, ix)
	defer done()
	var files []string
	for _, ss := range snap.Segments() {
		ps, ok := ss.Segment().(segment.PersistedSegment)
		if !ok {
			t.Fatalf("segment %T not persisted", ss.Segment())
		}
		files = append(files, ps.Path())
	}
	return files
}
