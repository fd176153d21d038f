package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Scoring the candidates of topk.go as bleve scores them.
//
// bleve's searcher used to score the pass's candidates again: its term
// readers walk every posting of each list before each candidate (zap keeps
// no skip list inside a chunk), and a boolean query's must-not clause is
// walked as well. Here the candidates' postings are read by jumps
// (postjump.go) and scored with bleve's arithmetic, operation for
// operation, so that the scores are bleve's to the last bit
// (TestTopHitsMatchBleve compares them, and TestExactScoresUsed checks
// that they are used):
//
//   - a term: tf * norm * idf, then times its query weight (boost * idf) *
//     query norm unless that weight is 1 (bleve's TermQueryScorer);
//   - the query norm: 1 / sqrt of the root's weight, a term's weight being
//     (boost * idf)^2 and a disjunction's or conjunction's the sum of its
//     clauses'; a term query alone at the root gets none (no composite
//     searcher is there to set it), and gets it with a filter (bleve wraps
//     it in a boolean searcher);
//   - a disjunction: the sum of its matching clauses' scores, times their
//     number over its number of clauses; a conjunction: the sum.
//
// bleve's disjunction and conjunction searchers sort their clauses by
// their number of documents (sort.Sort: an insertion sort, so stable, up
// to 12 elements), and every sum runs in that order. Where that order is
// not known (a disjunction of more than DisjunctionHeapTakeover clauses,
// merged by a heap; a conjunction of more than 12), or where a must-not
// clause is below the root, bleve scores the candidates as before.

// maxStableSort is the most elements that sort.Sort sorts by insertion.
const maxStableSort = 12

// exactable reports whether n's scores (n the root when root) can be
// computed as bleve computes them.
func (n *tkNode) exactable(root bool) bool {
	switch n.kind {
	case 't', 'n':
		return true
	}
	limit := maxStableSort
	if n.kind == 'o' {
		limit = searcher.DisjunctionHeapTakeover
	}
	if n.not != nil && !root || len(n.kids) > limit {
		return false
	}
	for _, k := range n.kids {
		if !k.exactable(false) {
			return false
		}
	}
	return true
}

// bleveCount returns the Count of n's searcher: the sum of its terms'
// documents.
func (n *tkNode) bleveCount() uint64 {
	switch n.kind {
	case 't':
		return n.count
	case 'n':
		return 0
	}
	var sum uint64
	for _, k := range n.kids {
		sum += k.bleveCount()
	}
	return sum
}

// sortKids sets the clauses of n and of the nodes below it in the order
// of bleve's searchers.
func (n *tkNode) sortKids() {
	if n.kind != 'o' && n.kind != 'a' {
		return
	}
	n.sorted = slices.Clone(n.kids)
	slices.SortStableFunc(n.sorted, func(x, y *tkNode) int { return cmp.Compare(x.bleveCount(), y.bleveCount()) })
	for _, k := range n.kids {
		k.sortKids()
	}
}

// bleveWeight returns the Weight of n's searcher (its sum of squared
// weights).
func (n *tkNode) bleveWeight() float64 {
	switch n.kind {
	case 't':
		w := n.boost * n.idf
		return w * w
	case 'n':
		return 0
	}
	var sum float64
	for _, k := range n.sorted {
		sum += k.bleveWeight()
	}
	return sum
}

// exactHits returns the documents of docs (bleve's internal numbers, all
// hits of n in snap) with bleve's scores, in document order; normed is
// false when bleve sets no query norm. ok is false when n's scores cannot
// be computed so (see exactable).
func (n *tkNode) exactHits(ctx context.Context, snap *scorch.IndexSnapshot, docs *roaring.Bitmap, normed bool) (_ []scoredDoc, ok bool, _ error) {
	if !n.exactable(true) {
		return nil, false, nil
	}
	n.sortKids()
	qnorm := 1.0
	if normed {
		qnorm = 1.0 / math.Sqrt(n.bleveWeight())
		if math.IsInf(qnorm, 0) || math.IsNaN(qnorm) {
			return nil, false, nil
		}
	}
	terms := n.scoringTerms(nil)
	out := make([]scoredDoc, 0, docs.GetCardinality())
	var offset uint64
	var local []uint32
	for i, ss := range snap.Segments() {
		size := ss.Segment().Count()
		local = local[:0]
		it := docs.Iterator()
		it.AdvanceIfNeeded(uint32(offset))
		for it.HasNext() && uint64(it.PeekNext()) < offset+size {
			local = append(local, uint32(uint64(it.Next())-offset))
		}
		if len(local) > 0 {
			if err := ctx.Err(); err != nil {
				return nil, false, err
			}
			for _, t := range terms {
				if err := t.readExact(i, local, normed, qnorm); err != nil {
					return nil, false, err
				}
			}
			for j, d := range local {
				if score, ok := n.exactScore(j); ok {
					out = append(out, scoredDoc{offset + uint64(d), score})
				}
			}
		}
		offset += size
	}
	return out, true, nil
}

// readExact sets term t's score (bleve's TermQueryScorer) in each of the
// documents docs of segment i (ascending), and whether it is there.
func (t *tkNode) readExact(i int, docs []uint32, normed bool, qnorm float64) error {
	t.exact = slices.Grow(t.exact[:0], len(docs))[:len(docs)]
	t.in = slices.Grow(t.in[:0], len(docs))[:len(docs)]
	clear(t.in)
	if t.pls[i] == nil {
		return nil
	}
	qw := 1.0
	if normed {
		qw = t.boost * t.idf * qnorm
	}
	set := func(j int, p segment.Posting) {
		score := math.Sqrt(float64(p.Frequency())) * p.Norm() * t.idf
		if qw != 1.0 {
			score = score * qw
		}
		t.exact[j], t.in[j] = score, true
	}
	if err := t.readPostings(i, docs, set); err != nil {
		return fmt.Errorf("index: term %s: %w", t.field, err)
	}
	return nil
}

// readPostings calls f with the index in docs and the posting of each
// document of docs (ascending, in segment i) that holds term t: by jumps
// where it can, else by one iterator moving forward.
func (t *tkNode) readPostings(i int, docs []uint32, f func(int, segment.Posting)) error {
	if j := t.jumpIn(i); j != nil {
		for k, d := range docs {
			if !j.bm.Contains(d) {
				continue
			}
			p, err := j.at(uint64(d))
			if err != nil {
				return err
			}
			f(k, p)
		}
		return nil
	}
	it := t.pls[i].Iterator(true, true, false, nil)
	var p segment.Posting
	for k, d := range docs {
		if k == 0 || p != nil && p.Number() < uint64(d) {
			var err error
			if p, err = it.Advance(uint64(d)); err != nil {
				return err
			}
		}
		if p == nil {
			return nil
		}
		if p.Number() == uint64(d) {
			f(k, p)
		}
	}
	return nil
}

// exactScore returns n's score in the j-th document of the segment read
// by exactHits, as bleve's searchers compute it, and whether n matches it.
func (n *tkNode) exactScore(j int) (float64, bool) {
	switch n.kind {
	case 't':
		return n.exact[j], n.in[j]
	case 'n':
		return 0, false
	}
	return n.combine(n.sorted, func(k *tkNode) (float64, bool) { return k.exactScore(j) })
}

// scoredSearcher is a searcher of hits already scored, in document order.
type scoredSearcher struct {
	hits []scoredDoc
	next int
}

// Next implements search.Searcher.
func (s *scoredSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.next >= len(s.hits) {
		return nil, nil
	}
	h := s.hits[s.next]
	s.next++
	d := ctx.DocumentMatchPool.Get()
	d.IndexInternalID = index.NewIndexInternalID(d.IndexInternalID, h.doc)
	d.Score = h.score
	return d, nil
}

// Advance implements search.Searcher.
func (s *scoredSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if len(id) != 8 {
		return nil, fmt.Errorf("index: unexpected internal document id %x", []byte(id))
	}
	n := id.Value()
	for s.next < len(s.hits) && s.hits[s.next].doc < n {
		s.next++
	}
	return s.Next(ctx)
}

func (s *scoredSearcher) Close() error               { return nil }
func (s *scoredSearcher) Weight() float64            { return 1 }
func (s *scoredSearcher) SetQueryNorm(float64)       {}
func (s *scoredSearcher) Count() uint64              { return uint64(len(s.hits)) }
func (s *scoredSearcher) Min() int                   { return 0 }
func (s *scoredSearcher) Size() int                  { return 64 + 16*cap(s.hits) }
func (s *scoredSearcher) DocumentMatchPoolSize() int { return 1 }
