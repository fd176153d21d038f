package index

import (
	"fmt"
	"math"
	"reflect"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// Reading a few hits of a long postings list.
//
// zap keeps a term's frequencies and norms in chunks of about 1,024
// postings (chunkSize document numbers each); to reach a document, its
// iterator walks every posting before it, one roaring Next at a time (and,
// when the list is narrowed to some documents or has deletions, every
// posting of the whole list). When the block bounds leave a few thousand
// hits of a word in 200,000 to score, that walk is the cost. A jumpIter
// reads a list opened without deletions, whose iterator walks its own
// document iterator ("Actual") only: it moves that iterator straight to
// the chunk of the next wanted document, so that zap loads that chunk and
// walks from its start, at most a chunk's postings.

// jumpIter reads the postings of one term in one segment by jumps.
type jumpIter struct {
	pl    *zap.PostingsList
	it    *zap.PostingsIterator
	bm    *roaring.Bitmap // every posting of the list (deleted documents included)
	chunk uint64          // document numbers per chunk
	last  int64           // chunk of the last posting read, -1 before any
	next  uint64          // the least document number it can still read
	ai    roaring.IntIterator
}

// zplFields locates the fields of zap's PostingsList that a jumpIter
// reads (FieldByName, once).
var zplFields struct {
	once                sync.Once
	chunkSize, postings []int
}

// newJumpIter returns a jumpIter over pl (opened without deletions), or
// nil when pl is not a zap v17 list it can read so.
func newJumpIter(pl any) *jumpIter {
	zpl, ok := pl.(*zap.PostingsList)
	if !ok || zpl == nil {
		return nil
	}
	zplFields.once.Do(func() {
		t := reflect.TypeOf(zap.PostingsList{})
		if f, ok := t.FieldByName("chunkSize"); ok {
			zplFields.chunkSize = f.Index
		}
		if f, ok := t.FieldByName("postings"); ok {
			zplFields.postings = f.Index
		}
	})
	if zplFields.chunkSize == nil || zplFields.postings == nil {
		return nil
	}
	v := reflect.ValueOf(zpl).Elem()
	cs, bmf := v.FieldByIndex(zplFields.chunkSize), v.FieldByIndex(zplFields.postings)
	if !cs.IsValid() || cs.Kind() != reflect.Uint64 || cs.Uint() == 0 || !bmf.IsValid() || bmf.Kind() != reflect.Pointer {
		return nil
	}
	it, ok := zpl.Iterator(true, true, false, nil).(*zap.PostingsIterator)
	if !ok || it.ActualBM == nil || reflect.ValueOf(it.ActualBM).Pointer() != bmf.Pointer() {
		return nil // a 1-hit list, or not the clean iterator
	}
	return &jumpIter{pl: zpl, it: it, bm: it.ActualBM, chunk: cs.Uint(), last: -1}
}

// rewind starts a new iterator: the blocks are scored best bound first,
// not in document order, and zap's iterators only go forward.
func (j *jumpIter) rewind() bool {
	it, ok := j.pl.Iterator(true, true, false, nil).(*zap.PostingsIterator)
	if !ok || it.ActualBM != j.bm {
		return false
	}
	j.it, j.last, j.next = it, -1, 0
	return true
}

// termJump adds the documents of term n in s.only to a, reading their
// postings by jumps.
func (n *tkNode) termJump(s *tkSegment, a *acc) error {
	j := n.jump
	docs := roaring.And(s.only, n.docs)
	di := docs.Iterator()
	for di.HasNext() {
		d := uint64(di.Next())
		if d < j.next && !j.rewind() {
			return fmt.Errorf("index: term %s: postings cannot be read again", n.field)
		}
		p, err := j.at(d)
		if err != nil {
			return fmt.Errorf("index: term %s: %w", n.field, err)
		}
		if s.seen++; s.seen&0xffff == 0 && s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		a.add(uint32(d), math.Sqrt(float64(p.Frequency()))*p.Norm()*n.w)
	}
	return nil
}

// at returns the posting of document d, which the list holds and which
// is at least j.next.
func (j *jumpIter) at(d uint64) (segment.Posting, error) {
	if c := int64(d / j.chunk); c > j.last {
		// One iterator, moved again at each jump.
		j.ai.Initialize(j.bm)
		j.ai.AdvanceIfNeeded(uint32(uint64(c) * j.chunk))
		j.it.Actual = &j.ai
	}
	p, err := j.it.Advance(d)
	if err != nil {
		return nil, err
	}
	if p == nil || p.Number() != d {
		return nil, fmt.Errorf("postings out of step at document %d", d)
	}
	j.last, j.next = int64(d/j.chunk), d+1
	return p, nil
}
