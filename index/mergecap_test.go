package index

import (
	"encoding/json"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// planSegment is a segment as scorch's merge planner sees it.
type planSegment struct {
	id   uint64
	live int64
}

func (s planSegment) Id() uint64          { return s.id }
func (s planSegment) FullSize() int64     { return s.live }
func (s planSegment) LiveSize() int64     { return s.live }
func (s planSegment) HasVector() bool     { return false }
func (s planSegment) FileSize() int64     { return s.live * 1000 }
func (s planSegment) LiveFileSize() int64 { return s.live * 1000 }

// mergeOptions reads a merge policy as scorch does (its JSON fields).
func mergeOptions(t *testing.T, policy map[string]any) *mergeplan.MergePlanOptions {
	t.Helper()
	o := mergeplan.DefaultMergePlanOptions
	b, err := json.Marshal(policy)
	if err == nil {
		err = json.Unmarshal(b, &o)
	}
	if err != nil {
		t.Fatal(err)
	}
	return &o
}

// TestMergePolicyKeepsFinalSegments: under the merge policies of every
// writer, scorch's planner merges no segment that finalSize takes as
// final, however many there are, and makes none larger
// than its cap (mergeMaxDocs; maxSegmentDocs in a bulk build); smaller
// ones it still merges.
func TestMergePolicyKeepsFinalSegments(t *testing.T) {
	for _, tt := range []struct {
		name   string
		policy map[string]any
		cap    int64
	}{{"normal", normalMerge(), mergeMaxDocs}, {"bulk", bulkMerge(), maxSegmentDocs}} {
		t.Run(tt.name, func(t *testing.T) {
			var segs []mergeplan.Segment
			for i := range 300 { // 30 final segments, then 270 small ones
				live := mergeMaxDocs / 2
				if i >= 30 {
					live = maxSegmentDocs / 50
				}
				segs = append(segs, planSegment{id: uint64(i + 1), live: live})
			}
			plan, err := mergeplan.Plan(segs, mergeOptions(t, tt.policy))
			if err != nil {
				t.Fatal(err)
			}
			merged := 0
			for _, task := range plan.Tasks {
				var sum int64
				for _, s := range task.Segments {
					if finalSize(s.LiveSize(), maxSegmentDocs) {
						t.Fatalf("a final segment (%d articles) is merged", s.LiveSize())
					}
					sum += s.LiveSize()
				}
				if sum > tt.cap {
					t.Errorf("a merge makes %d articles, over %d", sum, tt.cap)
				}
				merged += len(task.Segments)
			}
			if merged == 0 {
				t.Error("no small segment merged")
			}
		})
	}
}

// TestFinalSegmentSize: a segment is final from half of the larger of
// the two caps (scorch's merges', compact's); below, either may merge it.
func TestFinalSegmentSize(t *testing.T) {
	defer func(m, s int64) { mergeMaxDocs, maxSegmentDocs = m, s }(mergeMaxDocs, maxSegmentDocs)
	mergeMaxDocs, maxSegmentDocs = 250_000, 100_000
	for _, tt := range []struct {
		live, limit int64
		final       bool
	}{
		{49_999, 100_000, false},
		{50_000, 100_000, false}, // compact leaves it, scorch may merge it
		{124_999, 100_000, false},
		{125_000, 100_000, true},
		{145_000, 100_000, true},
		{145_000, 300_000, false}, // compact may merge it
		{0, 100_000, false},
	} {
		if got := finalSize(tt.live, tt.limit); got != tt.final {
			t.Errorf("finalSize(%d, %d) = %v", tt.live, tt.limit, got)
		}
	}
}

// finalSize reports whether a segment of live articles is merged neither
// by scorch's planner under normalMerge nor by compact under limit: once
// a first build holds more than limit articles, no merge takes it again.
func finalSize(live, limit int64) bool {
	return !mergeableSize(live, mergeMaxDocs) && !mergeableSize(live, limit)
}
