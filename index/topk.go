package index

import (
	"cmp"
	"context"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The top hits of a query of terms, from the postings.
//
// bleve scores every hit of a query through its searchers (a term reader
// per field, the disjunction's merge, its scorer, the collector): about
// 0.4 microseconds per hit, 70 ms for a common word at 1,000,000
// articles. A query made only of terms, disjunctions, conjunctions and
// must-not clauses (a plain word is one: title, body and the stemmed
// fields) is here first scored term by term in a tight loop over each
// segment's postings (document number, frequency, norm), with bleve's
// formula up to the query norm, which is the same factor on every score.
// That pass gives the exact number of hits and picks the candidates: every
// hit scoring within a relative 1e-9 of the k-th best (sums in another
// order differ from bleve's by a few units in the last place). bleve's own
// searcher then scores only the candidates, so the hits, their scores and
// their order are bleve's (TestTopHitsMatchBleve).

// topSlack is how far below the k-th best score a hit is still a
// candidate, relative to that score.
const topSlack = 1e-9

// maxTopK is the largest offset+limit the fast path serves: beyond it,
// the candidates are most of the hits and bleve alone is as fast.
const maxTopK = 1000

// tkNode is a query of the fast path.
type tkNode struct {
	kind  byte // 't' a term, 'o' a disjunction (bleve's coord), 'a' a conjunction, 'n' nothing
	field string
	term  string
	boost float64
	kids  []*tkNode
	not   *tkNode // documents to drop (a must-not clause), or nil
	w     float64 // a term's weight: boost * idf * idf
}

// topNode returns the fast path's form of q, or false when q has a part
// it does not cover.
func topNode(q query.Query) (*tkNode, bool) {
	switch q := q.(type) {
	case *query.TermQuery:
		if q.FieldVal == "" {
			return nil, false
		}
		return &tkNode{kind: 't', field: q.FieldVal, term: q.Term, boost: q.BoostVal.Value()}, true
	case noTermsQuery:
		return &tkNode{kind: 'n'}, true
	case *query.DisjunctionQuery:
		if q.Min > 1 {
			return nil, false
		}
		return nodeOf('o', q.Disjuncts, false)
	case *query.ConjunctionQuery:
		return nodeOf('a', q.Conjuncts, false)
	case *query.BooleanQuery:
		if q.Filter != nil || (q.Must == nil) == (q.Should == nil) {
			// Must and Should together score otherwise; neither
			// matches every document.
			return nil, false
		}
		// Its clauses are in the query string's mode, where bleve
		// skips those that match nothing.
		var n *tkNode
		var ok bool
		switch main := cmp.Or(q.Must, q.Should).(type) {
		case *query.DisjunctionQuery:
			if main.Min > 1 {
				return nil, false
			}
			n, ok = nodeOf('o', main.Disjuncts, true)
		case *query.ConjunctionQuery:
			n, ok = nodeOf('a', main.Conjuncts, true)
		}
		if !ok {
			return nil, false
		}
		if q.MustNot != nil {
			not, ok := topNode(q.MustNot)
			if !ok || n.kind != 'o' && n.kind != 'a' {
				return nil, false
			}
			n.not = not
		}
		return n, true
	}
	return nil, false
}

// nodeOf returns the disjunction (kind 'o') or conjunction ('a') of qs;
// queryString is true for the clauses of a boolean query, which bleve
// skips when they match nothing (not covered here).
func nodeOf(kind byte, qs []query.Query, queryString bool) (*tkNode, bool) {
	if len(qs) == 0 || len(qs) > math.MaxUint8 {
		return nil, false
	}
	n := &tkNode{kind: kind}
	for _, c := range qs {
		k, ok := topNode(c)
		if !ok || queryString && k.kind == 'n' {
			return nil, false
		}
		n.kids = append(n.kids, k)
	}
	if len(n.kids) == 1 {
		// It scores as its clause: a coord of 1/1, a sum of one.
		return n.kids[0], true
	}
	return n, true
}

// terms calls f for every term of n, its must-not clauses included.
func (n *tkNode) terms(f func(*tkNode) error) error {
	if n.kind == 't' {
		return f(n)
	}
	for _, k := range n.kids {
		if err := k.terms(f); err != nil {
			return err
		}
	}
	if n.not != nil {
		return n.not.terms(f)
	}
	return nil
}

// weigh sets the weight of every term of n from the snapshot's counts, as
// bleve's term searcher computes its idf.
func (n *tkNode) weigh(ctx context.Context, snap *scorch.IndexSnapshot) error {
	total, err := snap.DocCount()
	if err != nil {
		return fmt.Errorf("index: count: %w", err)
	}
	return n.terms(func(t *tkNode) error {
		r, err := snap.TermFieldReader(ctx, []byte(t.term), t.field, false, false, false)
		if err != nil {
			return fmt.Errorf("index: term %s: %w", t.field, err)
		}
		count := r.Count()
		_ = r.Close()
		idf := 1.0 + math.Log(float64(total)/float64(count+1.0))
		t.w = t.boost * idf * idf
		return nil
	})
}

// bitset is a set of a segment's document numbers.
type bitset []uint64

func newBitset(n uint64) bitset    { return make(bitset, (n+63)/64) }
func (b bitset) has(d uint64) bool { return b[d>>6]&(1<<(d&63)) != 0 }
func (b bitset) set(d uint64)      { b[d>>6] |= 1 << (d & 63) }

// tkSegment is the state of the pass over one segment.
type tkSegment struct {
	ctx     context.Context
	seg     segment.Segment
	deleted *roaring.Bitmap
	keep    bitset // the filter's documents, or nil
	dicts   map[string]segment.TermDictionary
	seen    int
}

// emitFunc receives a document of a node and its score.
type emitFunc func(doc uint64, score float64)

// run scores the documents of n in the segment and passes them to emit.
func (n *tkNode) run(s *tkSegment, emit emitFunc) error {
	switch n.kind {
	case 't':
		return n.runTerm(s, emit)
	case 'n':
		return nil
	}
	size := s.seg.Count()
	sum := make([]float64, size)
	cnt := make([]uint8, size)
	var touched []uint32
	for _, k := range n.kids {
		err := k.run(s, func(doc uint64, score float64) {
			if cnt[doc] == 0 {
				touched = append(touched, uint32(doc))
			}
			cnt[doc]++
			sum[doc] += score
		})
		if err != nil {
			return err
		}
	}
	var drop bitset
	if n.not != nil {
		drop = newBitset(size)
		if err := n.not.run(s, func(doc uint64, _ float64) { drop.set(doc) }); err != nil {
			return err
		}
	}
	all := float64(len(n.kids))
	for _, d := range touched {
		doc := uint64(d)
		c := cnt[doc]
		if n.kind == 'a' && int(c) != len(n.kids) || drop != nil && drop.has(doc) {
			continue
		}
		score := sum[doc]
		if n.kind == 'o' {
			score *= float64(c) / all
		}
		emit(doc, score)
	}
	return nil
}

// runTerm passes the documents of term n in the segment to emit, with
// bleve's term score up to the query norm.
func (n *tkNode) runTerm(s *tkSegment, emit emitFunc) error {
	dict, ok := s.dicts[n.field]
	if !ok {
		var err error
		if dict, err = s.seg.Dictionary(n.field); err != nil {
			return fmt.Errorf("index: term %s: %w", n.field, err)
		}
		s.dicts[n.field] = dict
	}
	if dict == nil {
		return nil
	}
	pl, err := dict.PostingsList([]byte(n.term), s.deleted, nil)
	if err != nil {
		return fmt.Errorf("index: term %s: %w", n.field, err)
	}
	if pl == nil {
		return nil
	}
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return fmt.Errorf("index: term %s: %w", n.field, err)
		}
		if p == nil {
			return nil
		}
		if s.seen++; s.seen&0xffff == 0 && s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		doc := p.Number()
		if s.keep != nil && !s.keep.has(doc) {
			continue
		}
		emit(doc, math.Sqrt(float64(p.Frequency()))*p.Norm()*n.w)
	}
}

// scoredDoc is a hit of the pass: its internal number, its score up to the
// query norm.
type scoredDoc struct {
	doc   uint64
	score float64
}

// topDocs returns the candidates among n's documents in snap that pass
// filter (nil: all) for the k best hits, and the number of hits.
func (n *tkNode) topDocs(ctx context.Context, snap *scorch.IndexSnapshot, filter *bitFilter, k int) (*roaring.Bitmap, uint64, error) {
	if err := n.weigh(ctx, snap); err != nil {
		return nil, 0, err
	}
	var all []scoredDoc
	var offset uint64
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		size := seg.Count()
		s := &tkSegment{ctx: ctx, seg: seg, deleted: ss.Deleted(), dicts: map[string]segment.TermDictionary{}}
		if filter != nil {
			bm, err := filter.segmentDocs(seg, size)
			if err != nil {
				return nil, 0, err
			}
			s.keep = newBitset(size)
			it := bm.Iterator()
			for it.HasNext() {
				s.keep.set(uint64(it.Next()))
			}
		}
		base := offset
		err := n.run(s, func(doc uint64, score float64) {
			all = append(all, scoredDoc{base + doc, score})
		})
		if err != nil {
			return nil, 0, err
		}
		offset += size
	}
	return candidates(all, k), uint64(len(all)), nil
}

// candidates returns the documents of all whose score is within topSlack
// of the k-th best.
func candidates(all []scoredDoc, k int) *roaring.Bitmap {
	out := roaring.New()
	if len(all) <= k {
		for _, d := range all {
			out.Add(uint32(d.doc))
		}
		return out
	}
	// A min-heap of the k best scores.
	h := make([]float64, 0, k)
	for _, d := range all {
		if len(h) < k {
			h = append(h, d.score)
			up(h, len(h)-1)
		} else if d.score > h[0] {
			h[0] = d.score
			down(h, 0)
		}
	}
	floor := h[0] - math.Abs(h[0])*topSlack
	for _, d := range all {
		if d.score >= floor {
			out.Add(uint32(d.doc))
		}
	}
	return out
}

func up(h []float64, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p] <= h[i] {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func down(h []float64, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && h[r] < h[l] {
			m = r
		}
		if h[i] <= h[m] {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// topQuery runs query q through the fast path (q is the Must clause of
// filteredQuery's boolean query when bits is not nil, run as filteredQuery
// runs it): the pass over the postings
// picks the candidates and counts the hits, and bleve scores the
// candidates. total holds the number of hits once the searcher is made,
// and used is set then; on an index that is not a scorch snapshot, the
// query runs as fallback.
type topQuery struct {
	q        query.Query
	node     *tkNode
	bits     *bitFilter
	k        int
	fallback query.Query
	total    uint64
	used     bool
}

// Searcher implements query.Query.
func (q *topQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	snap, ok := i.(*scorch.IndexSnapshot)
	if !ok || len(snap.Segments()) == 0 || options.Score == "none" || options.Explain {
		return q.fallback.Searcher(ctx, i, m, options)
	}
	docs, total, err := q.node.topDocs(ctx, snap, q.bits, q.k)
	if err != nil {
		return nil, err
	}
	s, err := q.q.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	if q.bits != nil {
		// The searcher bleve wraps in its filtering searcher, so that
		// the scores are the same (see filteredQuery).
		bs, err := searcher.NewBooleanSearcher(ctx, i, s, nil, nil, options)
		if err != nil {
			s.Close()
			return nil, err
		}
		s = bs
	}
	q.total, q.used = total, true
	return &bitsSearcher{Searcher: s, docs: docs, it: docs.Iterator()}, nil
}

// topQueryFor returns the fast path for req, or nil when it does not
// apply: words is the query to score (the Must clause of q when q is a
// filteredQuery), q the query bleve would run otherwise.
func topQueryFor(req Request, words, q, filter query.Query, bits *bitFilter, limit int) *topQuery {
	if req.plainTop || len(req.Facets) > 0 || req.Histogram != "" || limit+req.Offset > maxTopK ||
		(req.Sort != "" && req.Sort != SortRelevance) {
		return nil
	}
	var node *tkNode
	switch {
	case filter == nil:
		node, _ = topNode(words)
	case bits != nil && !req.plainFilters:
		if _, ok := q.(*filteredQuery); ok {
			node, _ = topNode(words)
		}
	}
	if node == nil {
		return nil
	}
	if filter == nil {
		bits = nil
	}
	return &topQuery{q: words, node: node, bits: bits, k: limit + req.Offset, fallback: q}
}
