package index

import (
	"context"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/archivist-project/archivist/corpus"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// smallBlocks makes every segment of a test index get block bounds, in
// blocks of 8 documents, every query with a few hits use them, and the
// plain pass read by jumps every list longer than its hits.
func smallBlocks(tb testing.TB) {
	tb.Helper()
	bits, minDocs, minTerm, minHits, sparse := blockMaxBits, blockMaxMinDocs, blockMaxMinTerm, pruneMinHits, sparseJumps
	blockMaxBits, blockMaxMinDocs, blockMaxMinTerm, pruneMinHits, sparseJumps = 3, 0, 8, 16, 1
	tb.Cleanup(func() {
		blockMaxBits, blockMaxMinDocs, blockMaxMinTerm, pruneMinHits, sparseJumps = bits, minDocs, minTerm, minHits, sparse
	})
}

// mustBlockMax writes the sidecars of ix's segments and returns their
// paths.
func mustBlockMax(tb testing.TB, ix *Index) []string {
	tb.Helper()
	if err := blockMaxSidecar().writeAll(context.Background(), ix.bi, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		tb.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(ix.path, blockMaxDirName, "*.bmax"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no sidecars written (%v)", err)
	}
	return files
}

// TestTopHitsWithBlockMax runs TestTopHitsMatchBleve's requests with the
// block bounds present, which must skip hits and change nothing, then
// with damaged sidecars, which must change nothing either.
func TestTopHitsWithBlockMax(t *testing.T) {
	smallBlocks(t)
	ix := mustFilterCorpus(t)
	if n := checkTopHits(t, ix); n != 0 {
		t.Fatalf("%d hits skipped without sidecars", n)
	}
	files := mustBlockMax(t, ix)
	if n := checkTopHits(t, ix); n == 0 {
		t.Errorf("no hit skipped with %d sidecars", len(files))
	} else {
		t.Logf("%d hits skipped", n)
	}

	// Damaged: a block byte of every entry zeroed is caught by the
	// entry's CRC (the term is then bounded by 1); a cut file is
	// not read at all.
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			b = b[:len(b)-3]
		} else {
			for j := 20; j < len(b)-blockMaxFooter; j += 7 {
				b[j] = 0
			}
		}
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkTopHits(t, ix)
}

// TestBlockMaxBounds checks a sidecar's bounds against the postings: no
// block's bound below a hit's sqrt(freq) * norm, no bound where the term
// is absent, and an old sidecar's file ignored.
func TestBlockMaxBounds(t *testing.T) {
	smallBlocks(t)
	ix := mustFilterCorpus(t)
	mustBlockMax(t, ix)
	snap, done := mustSnapshot(t, ix)
	defer done()
	checked := 0
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		bm := segmentBlockMaxAlways(t, seg)
		if bm == nil {
			continue
		}
		for _, field := range seg.Fields() {
			if blockMaxField(field) {
				checked += checkBounds(t, seg, bm, field)
			}
		}
		bm.close()
	}
	if checked == 0 {
		t.Fatal("no term checked")
	}
	t.Logf("%d terms checked", checked)
}

// checkBounds checks the block bounds of field's terms in seg against the
// largest scores of its postings, for the terms the sidecar holds among
// the first boundsTerms of the dictionary and a few named ones. The terms
// come from the segment itself: how the index was cut into segments
// (which depends on its merger's timing) decides which terms have enough
// postings to get bounds. It returns the number of terms checked.
func checkBounds(t *testing.T, seg segment.Segment, bm *blockMax, field string) int {
	t.Helper()
	dict, err := seg.Dictionary(field)
	if err != nil {
		t.Fatal(err)
	}
	terms := []string{"the", "storm", "und", genWord(3), genWord(40)}
	it := dict.AutomatonIterator(nil, nil, nil)
	for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
		if err != nil {
			t.Fatal(err)
		}
		if len(terms) >= boundsTerms {
			break
		}
		terms = append(terms, e.Term)
	}
	checked := 0
	for _, term := range terms {
		ub := make([]float64, bm.blocks)
		if !bm.bounds(field, term, ub) {
			continue
		}
		maxes := make([]float64, bm.blocks)
		if _, err := termMaxes(dict, term, bm.bits, maxes); err != nil {
			t.Fatal(err)
		}
		for b := range maxes {
			if ub[b] < maxes[b] || (maxes[b] == 0) != (ub[b] == 0) {
				t.Errorf("%s %s block %d: bound %g, largest %g", field, term, b, ub[b], maxes[b])
			}
		}
		checked++
	}
	return checked
}

// boundsTerms is how many terms checkBounds reads per field.
const boundsTerms = 200

// mustSnapshot returns ix's current scorch snapshot and a function that
// lets it go.
func mustSnapshot(tb testing.TB, ix *Index) (*scorch.IndexSnapshot, func()) {
	tb.Helper()
	adv, err := ix.bi.Advanced()
	if err != nil {
		tb.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		tb.Fatal(err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		tb.Fatalf("reader %T", r)
	}
	return snap, func() { _ = r.Close() }
}

// segmentBlockMaxAlways opens the sidecar of seg, whatever its hits.
func segmentBlockMaxAlways(tb testing.TB, seg segment.Segment) *blockMax {
	tb.Helper()
	ps, ok := seg.(segment.PersistedSegment)
	if !ok {
		return nil
	}
	return openBlockMax(ps.Path(), seg.Count())
}

// TestJumpIterMatchesPostings reads documents of long postings lists (of
// several zap chunks) by jumps, forward and back, and checks their
// frequencies and norms against zap's own iteration.
func TestJumpIterMatchesPostings(t *testing.T) {
	// The body of articles with a stemmer is in their stemmed field
	// (format 8): all English here, for long postings lists.
	stemEn := fieldStemPrefix + "en"
	arts := make([]*corpus.Article, 2100)
	for i := range arts {
		arts[i] = genArticle(i + 1)
		arts[i].Language = "en"
	}
	path := filepath.Join(t.TempDir(), "j.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	ctx := context.Background()
	if err := ix.Put(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := compact(ctx, ix.bi); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, []int64{3, 500, 1001}); err != nil {
		t.Fatal(err)
	}
	snap, done := mustSnapshot(t, ix)
	defer done()
	jumped := 0
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		dict, err := seg.Dictionary(stemEn)
		if err != nil {
			t.Fatal(err)
		}
		for _, term := range []string{"the", "storm", genWord(2), genWord(30)} {
			pl, err := dict.PostingsList([]byte(term), nil, nil)
			if err != nil || pl == nil {
				continue
			}
			want := map[uint64]float64{}
			it := pl.Iterator(true, true, false, nil)
			all := roaring.New()
			for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
				if err != nil {
					t.Fatal(err)
				}
				want[p.Number()] = math.Sqrt(float64(p.Frequency())) * p.Norm()
				all.Add(uint32(p.Number()))
			}
			n := &tkNode{kind: 't', field: stemEn, term: term, w: 1, docs: all}
			if n.jump = newJumpIter(pl); n.jump == nil {
				t.Logf("%s: %T %d postings, no jumps", term, pl, all.GetCardinality())
				continue
			}
			t.Logf("%s: %d postings, chunks of %d", term, all.GetCardinality(), n.jump.chunk)
			if n.jump.chunk < seg.Count() {
				jumped++
			}
			// Every 7th, then every 5th from the start again, then
			// the last few.
			for _, step := range []int{7, 5, 1} {
				only := roaring.New()
				arr := all.ToArray()
				from := 0
				if step == 1 {
					from = max(0, len(arr)-3)
				}
				for i := from; i < len(arr); i += step {
					only.Add(arr[i])
				}
				a := &acc{}
				s := &tkSegment{ctx: context.Background(), only: only}
				if err := n.termJump(s, a); err != nil {
					t.Fatalf("%s: %v", term, err)
				}
				a.done()
				if a.rows() != int(only.GetCardinality()) {
					t.Fatalf("%s step %d: %d rows, want %d", term, step, a.rows(), only.GetCardinality())
				}
				for i := range a.rows() {
					d, v, _ := a.row(i)
					if v != want[uint64(d)] {
						t.Fatalf("%s step %d doc %d: %g, want %g", term, step, d, v, want[uint64(d)])
					}
				}
			}
		}
	}
	if jumped == 0 {
		t.Fatal("no list of several chunks")
	}
}

// TestUpdateWritesBlockMax checks the writer's side: Update writes a
// sidecar for each persisted segment and removes those of segments that
// are gone; Rebuild writes them into the new index before the swap.
func TestUpdateWritesBlockMax(t *testing.T) {
	smallBlocks(t)
	arts := make([]*corpus.Article, 300)
	for i := range arts {
		arts[i] = genArticle(i + 1)
	}
	path := filepath.Join(t.TempDir(), "u.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	src := newFakeSource(arts...)
	if _, err := ix.Update(ctx, src); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(path, blockMaxDirName, "0000000fffff.bmax")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	src.Set(genArticle(301))
	if _, err := ix.Update(ctx, src); err != nil {
		t.Fatal(err)
	}
	checkSidecars := func(when string) {
		t.Helper()
		snap, done := mustSnapshot(t, ix)
		defer done()
		want := map[string]bool{}
		for _, ss := range snap.Segments() {
			if ps, ok := ss.Segment().(segment.PersistedSegment); ok {
				want[filepath.Base(blockMaxFile(ps.Path()))] = true
			}
		}
		files, _ := filepath.Glob(filepath.Join(path, blockMaxDirName, "*"))
		got := map[string]bool{}
		for _, f := range files {
			got[filepath.Base(f)] = true
		}
		for f := range want {
			if !got[f] {
				t.Errorf("%s: no sidecar %s", when, f)
			}
		}
		for f := range got {
			if !want[f] {
				t.Errorf("%s: stale sidecar %s", when, f)
			}
		}
		if len(want) == 0 {
			t.Errorf("%s: no persisted segment", when)
		}
	}
	checkSidecars("update")
	if _, err := ix.Rebuild(ctx, src); err != nil {
		t.Fatal(err)
	}
	checkSidecars("rebuild")
	if got := MustSearch(t, ix, Request{Query: "the", Limit: 3}); got.Total != 301 {
		t.Errorf("after rebuild: %d hits, want 301", got.Total)
	}
}
