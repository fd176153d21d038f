package index

import (
	"cmp"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The pass of topk.go over a segment with block bounds (blockmax.go).
//
// Each block's bound is the query's score with every term at its largest
// sqrt(freq) * norm in the block (a disjunction's coordination factor
// counts the clauses with a term in the block). Blocks are scored best
// bound first, a growing chunk of them at a time; once the k-th best score
// so far is above the next block's bound (less the candidates' slack),
// no later block can hold a candidate and the rest are skipped. Within a
// block, as in MaxScore, the terms whose bounds together (the others
// absent) stay below that score are not enough on their own: only the
// hits holding one of the other terms are scored. The total still comes
// from the bitmaps.

// pruneMinHits is the number of hits in a segment from which its blocks
// are bounded: fewer are scored as fast.
var pruneMinHits uint64 = 1024

// prunable reports whether the bounds apply to terms: every weight
// positive (a bound is a weight times a largest factor).
func prunable(terms []*tkNode) bool {
	for _, t := range terms {
		if !(t.w > 0) || math.IsInf(t.w, 1) {
			return false
		}
	}
	return len(terms) > 0
}

// pruneDensity: a segment's hits must be at least 1/pruneDensity of its
// longest scoring list for the bounds to be used. Hits that a filter made
// sparse are read in one walk of the lists by the plain pass (or by jumps,
// when sparser still), where the bounds' rounds and jumps would cost more
// (a site-filtered word: 10-15% more CPU).
const pruneDensity = 32

// segmentBlockMax returns the block bounds of seg when it has them and its
// hits are many and dense enough for them to pay, or nil.
func segmentBlockMax(seg segment.Segment, hits *roaring.Bitmap, k int, terms []*tkNode) *blockMax {
	ps, ok := seg.(segment.PersistedSegment)
	if !ok {
		return nil
	}
	n := hits.GetCardinality()
	if n < pruneMinHits || n <= 4*uint64(k) {
		return nil
	}
	for _, t := range terms {
		if t.docs != nil && t.docs.GetCardinality() > pruneDensity*n {
			return nil
		}
	}
	return segmentSidecar(seg, ps.Path(), seg.Count())
}

// scoringTerms appends the terms of n that score (not those of must-not
// clauses) to out, numbering them.
func (n *tkNode) scoringTerms(out []*tkNode) []*tkNode {
	if n.kind == 't' {
		n.id = len(out)
		return append(out, n)
	}
	for _, k := range n.kids {
		out = k.scoringTerms(out)
	}
	return out
}

// bound returns n's bound in block b, the terms of absent (by id) taken as
// missing, and whether any of n's terms may be in the block.
func (n *tkNode) bound(b int, absent uint64) (float64, bool) {
	switch n.kind {
	case 't':
		if n.known {
			return n.cur, n.has
		}
		if n.ub == nil || n.ub[b] == 0 || n.id < 64 && absent&(1<<n.id) != 0 {
			return 0, false
		}
		return n.w * n.ub[b], true
	case 'n':
		return 0, false
	}
	return n.combine(n.kids, func(k *tkNode) (float64, bool) { return k.bound(b, absent) })
}

// combine adds up val of kids (n's kids, in the order bleve adds their
// scores) as n's kind does: a conjunction has no value when a kid has
// none; a disjunction is scaled by bleve's coordination factor, the share
// of its kids that have one.
func (n *tkNode) combine(kids []*tkNode, val func(k *tkNode) (float64, bool)) (float64, bool) {
	sum, c := 0.0, 0
	for _, k := range kids {
		v, ok := val(k)
		if !ok {
			if n.kind == 'a' {
				return 0, false
			}
			continue
		}
		sum += v
		c++
	}
	if c == 0 {
		return 0, false
	}
	if n.kind == 'o' {
		sum *= float64(c) / float64(len(n.kids))
	}
	return sum, true
}

// loadBounds sets the block bounds of the scoring terms in the segment.
func loadBounds(bm *blockMax, terms []*tkNode) {
	for _, t := range terms {
		t.ub = nil
		if t.docs == nil || t.docs.IsEmpty() {
			continue
		}
		t.ub = make([]float64, bm.blocks)
		if bm.bounds(t.field, t.term, t.ub) {
			t.ubMax = slices.Max(t.ub)
			continue
		}
		t.ubMax = uniformBound
		// No bounds (a term in few documents): 1 in every block
		// where it is.
		it := t.docs.Iterator()
		for it.HasNext() {
			if b := int(it.Next() >> bm.bits); b < len(t.ub) {
				t.ub[b] = uniformBound
			}
		}
	}
}

// resetIters opens new postings iterators for n's scoring terms in
// segment s that are not read by jumps (postjump.go); the others' are not
// read again.
func (n *tkNode) resetIters(s *tkSegment) {
	if n.kind != 't' {
		for _, k := range n.kids {
			k.resetIters(s)
		}
		return
	}
	if pl := n.pls[s.index]; pl != nil && n.jump == nil {
		n.it = pl.Iterator(true, true, false, nil)
	}
}

// openJumps opens the scoring terms' postings in segment s again, without
// deletions, to be read by jumps; the others are read as before.
func openJumps(s *tkSegment, terms []*tkNode) {
	for _, t := range terms {
		t.jump = t.jumpIn(s.index)
	}
}

// jumpIn returns a jumpIter over term t's postings in segment i, or nil:
// the one opened before for the segment, rewound, if there is one.
func (t *tkNode) jumpIn(i int) *jumpIter {
	if t.pls[i] == nil || t.dict[i] == nil {
		return nil
	}
	if t.jumps == nil {
		t.jumps = make([]*jumpIter, len(t.pls))
	}
	if j := t.jumps[i]; j != nil {
		if j.last < 0 || j.rewind() {
			return j
		}
		return nil
	}
	if pl, err := t.dict[i].PostingsList([]byte(t.term), nil, nil); err == nil && pl != nil {
		t.jumps[i] = newJumpIter(pl)
	}
	return t.jumps[i]
}

// sparseJumps is how many times longer than the hits a term's list must
// be for the plain pass to read it by jumps (a variable for tests): a jump
// walks half a zap chunk (about 512 postings) on average, so jumps pay
// when most chunks hold no hit.
var sparseJumps uint64 = 256

// openSparseJumps opens for jumps the lists of terms in segment s that
// are much longer than its n hits.
func openSparseJumps(s *tkSegment, terms []*tkNode, n uint64) {
	var long []*tkNode
	for _, t := range terms {
		if t.docs != nil && t.docs.GetCardinality() > sparseJumps*n {
			long = append(long, t)
		}
	}
	openJumps(s, long)
}

// closeJumps stops terms from reading by jumps.
func closeJumps(terms []*tkNode) {
	for _, t := range terms {
		t.jump = nil
	}
}

// pruned runs the pass of root over segment s (whose documents start at
// offset in the snapshot) with the block bounds of bm, adding to t.
func (root *tkNode) pruned(s *tkSegment, bm *blockMax, terms []*tkNode, hits *roaring.Bitmap, t *topK, offset uint64) error {
	loadBounds(bm, terms)
	bounds := make([]float64, bm.blocks)
	count := make([]uint64, bm.blocks)
	var order []int
	var prev uint64
	for b := range bm.blocks {
		end := min(uint64(b+1)<<bm.bits, s.size)
		r := hits.Rank(uint32(end - 1))
		count[b], prev = r-prev, r
		if count[b] == 0 {
			continue
		}
		bounds[b], _ = root.bound(b, 0)
		order = append(order, b)
	}
	slices.SortFunc(order, func(x, y int) int { return cmp.Compare(bounds[y], bounds[x]) })

	openJumps(s, terms)
	defer closeJumps(terms)
	before := t.total
	want := uint64(t.k)
	for pos := 0; pos < len(order); {
		var got uint64
		var blocks []int
		for ; pos < len(order) && got < want; pos++ {
			b := order[pos]
			if len(t.heap) == t.k && bounds[b] < floor(t.heap[0]) {
				pos = len(order)
				break
			}
			blocks = append(blocks, b)
			got += count[b]
		}
		if len(blocks) == 0 {
			break
		}
		only := root.chunk(bm, blocks, terms, t, s.size)
		only.And(hits)
		r, err := root.refine(s, bm, only, terms, t)
		if err != nil {
			return err
		}
		s.refined = r
		err = root.scoreOnly(s, only, t, offset)
		s.refined = nil
		r.forget()
		if err != nil {
			return err
		}
		want *= 2
	}
	n := hits.GetCardinality()
	t.skipped += n - (t.total - before)
	t.total = before + n
	return nil
}

// chunk returns the documents of blocks that may hold a candidate: in
// each block, those holding one of the terms without which the block's
// bound falls below the k-th best score so far.
func (root *tkNode) chunk(bm *blockMax, blocks []int, terms []*tkNode, t *topK, size uint64) *roaring.Bitmap {
	low := math.Inf(-1)
	if len(t.heap) == t.k {
		low = floor(t.heap[0])
	}
	byTerm := make([]*roaring.Bitmap, len(terms))
	all := roaring.New()
	var ids []int
	for _, b := range blocks {
		start, end := uint64(b)<<bm.bits, min(uint64(b+1)<<bm.bits, size)
		var mask uint64
		mask, ids = root.essential(b, terms, low, ids)
		if mask == 0 {
			all.AddRange(start, end)
			continue
		}
		for _, tm := range terms {
			if tm.id < 64 && mask&(1<<tm.id) != 0 && tm.docs != nil {
				if byTerm[tm.id] == nil {
					byTerm[tm.id] = roaring.New()
				}
				byTerm[tm.id].AddRange(start, end)
			}
		}
	}
	for _, tm := range terms {
		// The blocks' ranges are few documents beside a long list's:
		// intersect first.
		if r := byTerm[tm.id]; r != nil {
			all.Or(roaring.And(r, tm.docs))
		}
	}
	return all
}

// essential returns the terms (a mask of ids) one of which a document of
// block b must hold to reach low, or 0 when every hit of the block may.
// ids is a buffer for it to use, returned.
func (root *tkNode) essential(b int, terms []*tkNode, low float64, ids []int) (uint64, []int) {
	if len(terms) > 64 || math.IsInf(low, -1) {
		return 0, ids
	}
	// Present terms, smallest bound first: the longest run of them
	// whose bounds (the rest absent) stay below low need not be held.
	ids = ids[:0]
	var present uint64
	for _, tm := range terms {
		if tm.ub != nil && tm.ub[b] > 0 {
			ids = append(ids, tm.id)
			present |= 1 << tm.id
		}
	}
	slices.SortFunc(ids, func(x, y int) int {
		return cmp.Compare(terms[x].w*terms[x].ub[b], terms[y].w*terms[y].ub[b])
	})
	absent := present
	for _, id := range ids {
		next := absent &^ (1 << id)
		if v, ok := root.bound(b, next); ok && v >= low {
			break
		}
		absent = next
	}
	if absent == present {
		return 0, ids
	}
	return absent, ids
}

// refine drops from only the documents that cannot reach the k-th best
// score so far, as in MaxScore: each document's bound with some terms
// scored exactly and the others at their block bounds. The terms are read
// one by one, short lists first (cheap), then long ones from the largest
// bound (a jump per document, postjump.go), each for the documents still
// in, which usually leaves a handful after the first long one. The terms
// read keep their scores in the documents (rv, rin by position in docs)
// for scoreOnly, and stay known until it is done.
func (root *tkNode) refine(s *tkSegment, bm *blockMax, only *roaring.Bitmap, terms []*tkNode, t *topK) (*refined, error) {
	if len(t.heap) < t.k || only.IsEmpty() {
		return nil, nil
	}
	low := floor(t.heap[0])
	n := only.GetCardinality()
	order := make([]*tkNode, 0, len(terms))
	for _, tm := range terms {
		if tm.docs != nil && !tm.docs.IsEmpty() && tm.ub != nil {
			order = append(order, tm)
		}
	}
	slices.SortStableFunc(order, func(x, y *tkNode) int {
		xs, ys := x.docs.GetCardinality() <= 8*n, y.docs.GetCardinality() <= 8*n
		switch {
		case xs != ys:
			if xs {
				return -1
			}
			return 1
		case xs:
			return cmp.Compare(x.docs.GetCardinality(), y.docs.GetCardinality())
		}
		return cmp.Compare(y.w*y.ubMax, x.w*x.ubMax)
	})
	r := &refined{docs: only.ToArray()}
	keep := make([]bool, len(r.docs))
	for j := range keep {
		keep[j] = true
	}
	alive := len(r.docs)
	a := &acc{ent: make([]accEntry, 0, len(r.docs))}
	for _, tm := range order[:max(len(order)-1, 0)] {
		if alive == 0 {
			break
		}
		a.ent = a.ent[:0]
		s.only = only
		tm.resetIters(s)
		if err := tm.termInto(s, a); err != nil {
			r.forget()
			return nil, err
		}
		a.done()
		tm.rv = slices.Grow(tm.rv[:0], len(r.docs))[:len(r.docs)]
		tm.rin = slices.Grow(tm.rin[:0], len(r.docs))[:len(r.docs)]
		clear(tm.rin)
		p := 0
		for i := range a.rows() {
			d, v, _ := a.row(i)
			for r.docs[p] < d {
				p++
			}
			tm.rv[p], tm.rin[p] = v, true
		}
		r.known = append(r.known, tm)
		tm.known = true
		drop := roaring.New()
		for j, d := range r.docs {
			if !keep[j] {
				continue
			}
			for _, k := range r.known {
				k.cur, k.has = k.rv[j], k.rin[j]
			}
			if v, ok := root.bound(int(d>>bm.bits), 0); !ok || v < low {
				keep[j] = false
				alive--
				drop.Add(d)
			}
		}
		only.AndNot(drop)
	}
	for _, k := range r.known {
		k.known = false
	}
	return r, nil
}

// refined holds the documents refine looked at, and the terms it read
// in them.
type refined struct {
	docs  []uint32
	known []*tkNode
}

// forget makes the terms refine read be read again.
func (r *refined) forget() {
	if r == nil {
		return
	}
	for _, k := range r.known {
		k.known, k.rv, k.rin = false, k.rv[:0], k.rin[:0]
	}
	r.known = nil
}

// termCached adds the documents of term n in s.only to a from the scores
// refine read (r.docs holds s.only), and reports whether it had them.
func (n *tkNode) termCached(s *tkSegment, a *acc) bool {
	r := s.refined
	if r == nil || len(n.rv) != len(r.docs) || !slices.Contains(r.known, n) {
		return false
	}
	it := s.only.Iterator()
	p := 0
	for it.HasNext() {
		d := it.Next()
		for r.docs[p] < d {
			p++
		}
		if n.rin[p] {
			a.add(d, n.rv[p])
		}
	}
	return true
}

// scoreOnly scores the documents of only in segment s into t.
func (root *tkNode) scoreOnly(s *tkSegment, only *roaring.Bitmap, t *topK, offset uint64) error {
	if only.IsEmpty() {
		return nil
	}
	root.resetIters(s)
	s.only = only
	s.dense = only.GetCardinality()*32 > s.size
	b, err := root.gather(s)
	if err != nil {
		return err
	}
	for i := range b.rows() {
		if d, score, ok := root.score(b, i); ok {
			t.add(offset+uint64(d), score)
		}
	}
	putAcc(b)
	return nil
}
