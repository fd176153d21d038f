package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

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

// exactScoring: the candidates are scored by topkscore.go where it can
// (a variable for tests).
var exactScoring = true

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
	idf   float64 // a term's idf, as bleve computes it
	count uint64  // a term's documents, deleted ones left out (bleve's Count)

	// A term's postings lists, by segment of the snapshot; in the
	// segment being read, its postings and documents, and the documents
	// of not.
	pls  []segment.PostingsList
	it   segment.PostingsIterator
	docs *roaring.Bitmap
	drop *roaring.Bitmap

	// In the segment being read with block bounds (blockmax.go): a
	// term's bound of sqrt(freq) * norm by block (nil: not in the
	// segment), and its number among the query's scoring terms.
	ub    []float64
	ubMax float64 // the largest of ub
	id    int
	cur   float64 // with known: the term's exact score in the document at hand
	has   bool    // with known: whether the document holds the term
	known bool
	rv    []float64                // the scores refine read, by position in its documents
	rin   []bool                   // whether each of its documents holds the term
	dict  []segment.TermDictionary // by segment, to open the postings again
	jump  *jumpIter                // the term's postings read by jumps, or nil
	jumps []*jumpIter              // by segment, those opened so far

	// Scoring the candidates (topkscore.go): the clauses in the order of
	// bleve's searcher; a term's score in each candidate of the segment
	// at hand, and whether the candidate holds it.
	sorted []*tkNode
	exact  []float64
	in     []bool
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

// weigh opens the postings of every term of n in each segment of snap
// and sets its weight from their counts, as bleve's term searcher
// computes its idf.
func (n *tkNode) weigh(snap *scorch.IndexSnapshot) error {
	total, err := snap.DocCount()
	if err != nil {
		return fmt.Errorf("index: count: %w", err)
	}
	segs := snap.Segments()
	dicts := make([]map[string]segment.TermDictionary, len(segs))
	for i := range dicts {
		dicts[i] = map[string]segment.TermDictionary{}
	}
	return n.terms(func(t *tkNode) error {
		t.pls = make([]segment.PostingsList, len(segs))
		t.dict = make([]segment.TermDictionary, len(segs))
		var count uint64
		for i, ss := range segs {
			dict, ok := dicts[i][t.field]
			if !ok {
				if dict, err = ss.Segment().Dictionary(t.field); err != nil {
					return fmt.Errorf("index: term %s: %w", t.field, err)
				}
				dicts[i][t.field] = dict
			}
			if dict == nil {
				continue
			}
			t.dict[i] = dict
			pl, err := dict.PostingsList([]byte(t.term), ss.Deleted(), nil)
			if err != nil {
				return fmt.Errorf("index: term %s: %w", t.field, err)
			}
			if pl != nil {
				t.pls[i] = pl
				count += pl.Count()
			}
		}
		idf := 1.0 + math.Log(float64(total)/float64(count+1.0))
		t.w = t.boost * idf * idf
		t.idf, t.count = idf, count
		return nil
	})
}

// acc gathers the scores of a node's clauses, by document number of a
// segment: their sum and number. Dense, it holds arrays over the segment
// and the documents touched (only the touched entries are ever non-zero,
// and they are zeroed again after use, so that dense accs can be reused);
// sparse, a list of entries sorted and merged by done.
type acc struct {
	dense   bool
	sum     []float64
	cnt     []uint8
	touched []uint32
	ent     []accEntry
}

type accEntry struct {
	doc uint32
	cnt uint8
	sum float64
}

func (a *acc) add(d uint32, score float64) {
	if !a.dense {
		a.ent = append(a.ent, accEntry{d, 1, score})
		return
	}
	if a.cnt[d] == 0 {
		a.touched = append(a.touched, d)
	}
	a.cnt[d]++
	a.sum[d] += score
}

// done makes the rows of a sparse acc: one per document.
func (a *acc) done() {
	if a.dense || len(a.ent) == 0 {
		return
	}
	slices.SortFunc(a.ent, func(x, y accEntry) int { return cmp.Compare(x.doc, y.doc) })
	out := a.ent[:1]
	for _, e := range a.ent[1:] {
		if last := &out[len(out)-1]; last.doc == e.doc {
			last.cnt++
			last.sum += e.sum
		} else {
			out = append(out, e)
		}
	}
	a.ent = out
}

func (a *acc) rows() int {
	if a.dense {
		return len(a.touched)
	}
	return len(a.ent)
}

func (a *acc) row(i int) (uint32, float64, uint8) {
	if a.dense {
		d := a.touched[i]
		return d, a.sum[d], a.cnt[d]
	}
	e := a.ent[i]
	return e.doc, e.sum, e.cnt
}

// accPool holds dense accs whose entries are all zero.
var accPool sync.Pool

func getAcc(n uint64, dense bool) *acc {
	if !dense {
		return &acc{}
	}
	if a, _ := accPool.Get().(*acc); a != nil && uint64(len(a.sum)) >= n {
		return a
	}
	return &acc{dense: true, sum: make([]float64, n), cnt: make([]uint8, n)}
}

// putAcc zeroes a dense acc and puts it back in the pool.
func putAcc(a *acc) {
	if !a.dense {
		return
	}
	for _, d := range a.touched {
		a.sum[d], a.cnt[d] = 0, 0
	}
	a.touched = a.touched[:0]
	accPool.Put(a)
}

// tkSegment is the state of the pass over one segment.
type tkSegment struct {
	ctx   context.Context
	index int // in the snapshot's segments
	size  uint64
	// only, when not nil, holds the hits: the terms' postings are read
	// for these documents only.
	only  *roaring.Bitmap
	dense bool // accs over the segment, for many hits
	seen  int
	// refined, when not nil, holds terms already read in s.only's
	// documents (topkblocks.go).
	refined *refined
}

// open opens the postings of n's terms in the segment and returns the
// documents that n matches (not to be modified).
func (n *tkNode) open(s *tkSegment) (*roaring.Bitmap, error) {
	switch n.kind {
	case 't':
		return n.openTerm(s)
	case 'n':
		return roaring.New(), nil
	}
	bms := make([]*roaring.Bitmap, len(n.kids))
	for i, k := range n.kids {
		bm, err := k.open(s)
		if err != nil {
			return nil, err
		}
		bms[i] = bm
	}
	var out *roaring.Bitmap
	if n.kind == 'o' {
		out = roaring.FastOr(bms...)
	} else {
		out = roaring.FastAnd(bms...)
	}
	n.drop = nil
	if n.not != nil {
		drop, err := n.not.open(s)
		if err != nil {
			return nil, err
		}
		out.AndNot(drop)
		n.drop = drop
	}
	return out, nil
}

// openTerm opens the postings of term n in the segment.
func (n *tkNode) openTerm(s *tkSegment) (*roaring.Bitmap, error) {
	n.it, n.docs = nil, roaring.New()
	pl := n.pls[s.index]
	if pl == nil {
		return n.docs, nil
	}
	n.it = pl.Iterator(true, true, false, nil)
	if o, ok := n.it.(segment.OptimizablePostingsIterator); ok {
		if bm := o.ActualBitmap(); bm != nil {
			n.docs = bm
			return bm, nil
		}
	}
	// Other iterators: read the documents from a second one.
	if err := orPostings(n.docs, pl.Iterator(false, false, false, nil)); err != nil {
		return nil, fmt.Errorf("index: term %s: %w", n.field, err)
	}
	return n.docs, nil
}

// into adds the documents of n in the segment, with their scores, to a.
func (n *tkNode) into(s *tkSegment, a *acc) error {
	switch n.kind {
	case 't':
		return n.termInto(s, a)
	case 'n':
		return nil
	}
	b, err := n.gather(s)
	if err != nil {
		return err
	}
	for i := range b.rows() {
		if d, score, ok := n.score(b, i); ok {
			a.add(d, score)
		}
	}
	putAcc(b)
	return nil
}

// gather returns the acc of the clauses of n (a disjunction or a
// conjunction).
func (n *tkNode) gather(s *tkSegment) (*acc, error) {
	b := getAcc(s.size, s.dense)
	for _, k := range n.kids {
		if err := k.into(s, b); err != nil {
			return nil, err
		}
	}
	b.done()
	return b, nil
}

// score returns the document of row i of n's acc b and its score as
// bleve's disjunction or conjunction scorer computes it (up to the query
// norm), and whether it matches n.
func (n *tkNode) score(b *acc, i int) (uint32, float64, bool) {
	d, sum, c := b.row(i)
	switch {
	case c == 0, n.kind == 'a' && int(c) != len(n.kids), n.drop != nil && n.drop.Contains(d):
		return d, 0, false
	case n.kind == 'o':
		return d, sum * (float64(c) / float64(len(n.kids))), true
	}
	return d, sum, true
}

// termInto adds the documents of term n in the segment to a, with
// bleve's term score up to the query norm.
func (n *tkNode) termInto(s *tkSegment, a *acc) error {
	it := n.it
	if it == nil {
		return nil
	}
	if s.refined != nil && n.termCached(s, a) {
		return nil
	}
	if n.jump != nil && s.only != nil {
		return n.termJump(s, a)
	}
	if s.only != nil {
		o, ok := it.(segment.OptimizablePostingsIterator)
		if !ok || o.ActualBitmap() == nil {
			return n.termOnly(s, a)
		}
		// The iterator skips the other documents' frequencies and
		// norms, and whole chunks.
		o.ReplaceActual(roaring.And(o.ActualBitmap(), s.only))
	}
	w := n.w
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
		a.add(uint32(p.Number()), math.Sqrt(float64(p.Frequency()))*p.Norm()*w)
	}
}

// termOnly is termInto for an iterator that cannot be narrowed to the
// hits.
func (n *tkNode) termOnly(s *tkSegment, a *acc) error {
	for {
		p, err := n.it.Next()
		if err != nil {
			return fmt.Errorf("index: term %s: %w", n.field, err)
		}
		if p == nil {
			return nil
		}
		if d := uint32(p.Number()); s.only.Contains(d) {
			a.add(d, math.Sqrt(float64(p.Frequency()))*p.Norm()*n.w)
		}
	}
}

// narrows reports whether the documents n matches may be fewer than the
// union of its terms' (a conjunction, a must-not clause).
func (n *tkNode) narrows() bool {
	if n.kind == 'a' || n.not != nil {
		return true
	}
	for _, k := range n.kids {
		if k.narrows() {
			return true
		}
	}
	return false
}

// topK keeps the k best scores of a pass (a min-heap) and every document
// that scored within topSlack of the k-th best when it came.
type topK struct {
	k     int
	heap  []float64
	kept  []scoredDoc
	total uint64
	// skipped counts the hits that block bounds spared scoring.
	skipped uint64
}

// scoredDoc is a hit of the pass: its internal number, its score up to the
// query norm.
type scoredDoc struct {
	doc   uint64
	score float64
}

func (t *topK) add(doc uint64, score float64) {
	t.total++
	if len(t.heap) < t.k {
		t.heap = append(t.heap, score)
		up(t.heap, len(t.heap)-1)
	} else {
		if score < floor(t.heap[0]) {
			return
		}
		if score > t.heap[0] {
			t.heap[0] = score
			down(t.heap, 0)
		}
	}
	t.kept = append(t.kept, scoredDoc{doc, score})
}

// floor is the lowest score still a candidate when the k-th best is kth.
func floor(kth float64) float64 { return kth - math.Abs(kth)*topSlack }

// docs returns the candidates.
func (t *topK) docs() *roaring.Bitmap {
	out := roaring.New()
	low := math.Inf(-1)
	if len(t.heap) == t.k {
		low = floor(t.heap[0])
	}
	for _, d := range t.kept {
		if d.score >= low {
			out.Add(uint32(d.doc))
		}
	}
	return out
}

// topDocs returns the candidates among n's documents in snap that pass
// filter (nil: all) for the k best hits, and the number of hits.
func (n *tkNode) topDocs(ctx context.Context, snap *scorch.IndexSnapshot, filter *bitFilter, k int) (*topK, error) {
	if err := n.weigh(snap); err != nil {
		return nil, err
	}
	root := n
	if n.kind == 't' || n.kind == 'n' {
		root = &tkNode{kind: 'o', kids: []*tkNode{n}} // a coord of 1/1
	}
	narrows := root.narrows()
	t := &topK{k: k}
	var offset uint64
	scoring := root.scoringTerms(nil)
	prune := prunable(scoring)
	for i, ss := range snap.Segments() {
		seg := ss.Segment()
		s := &tkSegment{ctx: ctx, index: i, size: seg.Count()}
		hits, err := root.open(s)
		if err != nil {
			return nil, err
		}
		if filter != nil {
			keep, err := filter.segmentDocs(seg, s.size)
			if err != nil {
				return nil, err
			}
			hits.And(keep)
		}
		if filter != nil || narrows {
			s.only = hits
		}
		s.dense = hits.GetCardinality()*32 > s.size
		var bm *blockMax
		if prune {
			bm = segmentBlockMax(seg, hits, k, scoring)
		}
		if bm != nil {
			err := root.pruned(s, bm, scoring, hits, t, offset)
			bm.close()
			if err != nil {
				return nil, err
			}
			offset += s.size
			continue
		}
		if s.only != nil {
			// A few hits of long lists (a filter, a conjunction):
			// read by jumps (postjump.go).
			openSparseJumps(s, scoring, hits.GetCardinality())
		}
		b, err := root.gather(s)
		closeJumps(scoring)
		if err != nil {
			return nil, err
		}
		for i := range b.rows() {
			if d, score, ok := root.score(b, i); ok {
				t.add(offset+uint64(d), score)
			}
		}
		putAcc(b)
		offset += s.size
	}
	return t, nil
}

// candidates returns the documents of all whose score is within topSlack
// of the k-th best.
func candidates(all []scoredDoc, k int) *roaring.Bitmap {
	t := &topK{k: k}
	for _, d := range all {
		t.add(d.doc, d.score)
	}
	return t.docs()
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
	skipped  uint64 // hits that block bounds spared scoring (topkblocks.go)
	scored   bool   // the candidates were scored here, not by bleve (topkscore.go)
}

// Searcher implements query.Query.
func (q *topQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	snap, ok := i.(*scorch.IndexSnapshot)
	if !ok || len(snap.Segments()) == 0 || options.Score == "none" || options.Explain {
		return q.fallback.Searcher(ctx, i, m, options)
	}
	t, err := q.node.topDocs(ctx, snap, q.bits, q.k)
	if err != nil {
		return nil, err
	}
	docs, total := t.docs(), t.total
	q.skipped = t.skipped
	if exactScoring && !options.IncludeTermVectors {
		_, lone := q.q.(*query.TermQuery)
		hits, ok, err := q.node.exactHits(ctx, snap, docs, q.bits != nil || !lone)
		if err != nil {
			return nil, err
		}
		if ok {
			q.total, q.used, q.scored = total, true, true
			return &scoredSearcher{hits: hits}, nil
		}
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
