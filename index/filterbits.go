package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Filters from postings bitmaps.
//
// bleve runs a query with filters (--site, --from/--to, --lang, --type,
// --flag) as a filtering searcher: it scores every hit of the query, then
// drops those outside the filter. A common word has tens of thousands of
// hits; a site or a year keeps a tenth of them or less. Here the filter is
// first read as one bitmap of document numbers (the union or intersection
// of its terms' postings, a date range as the prefix-coded terms bleve's
// range query reads), and the query's searcher is only advanced to the
// documents of that bitmap: the documents it scores are those of the
// filter that it holds, and the hits, their scores and their order are
// bleve's (TestBitFiltersMatchBleve).

// bitFilter is a filter that postings can answer: a document passes when
// it is in every clause of must and in no clause of not.
type bitFilter struct {
	must, not []bitClause
}

// bitClause is a set of documents: those with any of terms in field, or a
// term starting with one of prefixes, or (dates) a published time in
// [from, to].
type bitClause struct {
	field    string
	terms    []string
	prefixes []string
	dates    *[2]int64 // inclusive, in Unix nanoseconds as bleve codes them
}

// add adds clause c to f (to not when neg). f may be nil (a filter that
// postings cannot answer), which stays nil.
func (f *bitFilter) add(c bitClause, neg bool) {
	if f == nil {
		return
	}
	if neg {
		f.not = append(f.not, c)
	} else {
		f.must = append(f.must, c)
	}
}

// newDateClause returns the clause of articles published in [from, end)
// as bleve's date range query reads it (zero = open); ok is false when a
// date is outside the range bleve accepts, whose error the query reports.
func newDateClause(from, end time.Time) (bitClause, bool) {
	lo, hi := math.Inf(-1), math.Inf(1)
	for _, e := range []struct {
		t time.Time
		v *float64
	}{{from, &lo}, {end, &hi}} {
		if e.t.IsZero() {
			continue
		}
		if e.t.Before(query.MinRFC3339CompatibleTime) || e.t.After(query.MaxRFC3339CompatibleTime) {
			return bitClause{}, false
		}
		*e.v = numeric.Int64ToFloat64(e.t.UnixNano())
	}
	// As bleve's numeric range searcher: start inclusive, end exclusive.
	minN := numeric.Float64ToInt64(lo)
	maxN := numeric.Float64ToInt64(hi)
	if maxN != math.MinInt64 {
		maxN--
	}
	return bitClause{field: fieldPublished, dates: &[2]int64{minN, maxN}}, true
}

// docs returns the documents of snap that pass f, numbered as bleve's
// internal ids (the segment's offset plus the local number). Deleted
// documents may be included: the searcher it filters never returns them.
func (f *bitFilter) docs(snap *scorch.IndexSnapshot) (*roaring.Bitmap, error) {
	return snapshotDocs(snap, func(ss *scorch.SegmentSnapshot) (*roaring.Bitmap, error) {
		seg := ss.Segment()
		return f.segmentDocs(seg, seg.Count())
	})
}

// snapshotDocs joins the documents that of gives for each segment of snap,
// numbered in their segment, into one bitmap of bleve's internal numbers
// (the segment's offset plus the local number).
func snapshotDocs(snap *scorch.IndexSnapshot, of func(*scorch.SegmentSnapshot) (*roaring.Bitmap, error)) (*roaring.Bitmap, error) {
	out := roaring.New()
	var offset uint64
	for _, ss := range snap.Segments() {
		bm, err := of(ss)
		if err != nil {
			return nil, err
		}
		if offset == 0 {
			out.Or(bm)
		} else {
			out.Or(roaring.AddOffset64(bm, int64(offset)))
		}
		offset += ss.Segment().Count()
	}
	return out, nil
}

func (f *bitFilter) segmentDocs(seg segment.Segment, n uint64) (*roaring.Bitmap, error) {
	var bm *roaring.Bitmap
	for _, c := range f.must {
		cb, err := c.cachedDocs(seg)
		if err != nil {
			return nil, err
		}
		if bm == nil {
			bm = cb.Clone()
		} else {
			bm.And(cb)
		}
	}
	if bm == nil {
		bm = roaring.New()
		bm.AddRange(0, n)
	}
	for _, c := range f.not {
		if bm.IsEmpty() {
			break
		}
		cb, err := c.cachedDocs(seg)
		if err != nil {
			return nil, err
		}
		bm.AndNot(cb)
	}
	return bm, nil
}

// segmentDocs returns the documents of seg in c.
func (c bitClause) segmentDocs(seg segment.Segment) (*roaring.Bitmap, error) {
	out := roaring.New()
	dict, err := seg.Dictionary(c.field)
	if err != nil {
		return nil, fmt.Errorf("index: filter %s: %w", c.field, err)
	}
	if dict == nil {
		return out, nil
	}
	var pl segment.PostingsList
	var it segment.PostingsIterator
	addTerm := func(term []byte) error {
		if pl, err = dict.PostingsList(term, nil, pl); err != nil {
			return fmt.Errorf("index: filter %s: %w", c.field, err)
		}
		it = pl.Iterator(false, false, false, it)
		return orPostings(out, it)
	}
	for _, t := range c.terms {
		if err := addTerm([]byte(t)); err != nil {
			return nil, err
		}
	}
	for _, p := range c.prefixes {
		end := incrementBytes([]byte(p))
		terms := dict.AutomatonIterator(nil, []byte(p), end)
		for {
			e, err := terms.Next()
			if err != nil {
				return nil, fmt.Errorf("index: filter %s: %w", c.field, err)
			}
			if e == nil {
				break
			}
			if err := addTerm([]byte(e.Term)); err != nil {
				return nil, err
			}
		}
	}
	if c.dates != nil {
		for _, r := range splitInt64Range(c.dates[0], c.dates[1], 4) {
			for t := r[0]; bytes.Compare(t, r[1]) <= 0; t = incrementBytes(t) {
				if err := addTerm(t); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// orPostings adds the documents of it to bm.
func orPostings(bm *roaring.Bitmap, it segment.PostingsIterator) error {
	if o, ok := it.(segment.OptimizablePostingsIterator); ok {
		if pb := o.ActualBitmap(); pb != nil {
			bm.Or(pb)
			return nil
		}
		if num, ok := o.DocNum1Hit(); ok {
			bm.Add(uint32(num))
			return nil
		}
	}
	for {
		p, err := it.Next()
		if err != nil || p == nil {
			return err
		}
		bm.Add(uint32(p.Number()))
	}
}

// incrementBytes returns in plus one, as a big-endian number.
func incrementBytes(in []byte) []byte {
	out := bytes.Clone(in)
	for i := len(out) - 1; i >= 0; i-- {
		out[i]++
		if out[i] != 0 {
			break
		}
	}
	return out
}

// splitInt64Range splits [minBound, maxBound] into ranges of prefix-coded
// terms, from the finest precision to the coarsest, as bleve's numeric
// range searcher does (search/searcher/search_numeric_range.go, Apache
// License 2.0): the same terms, so the same documents.
func splitInt64Range(minBound, maxBound int64, precisionStep uint) [][2][]byte {
	var out [][2][]byte
	if minBound > maxBound {
		return out
	}
	add := func(lo, hi int64, shift uint) {
		hi |= (int64(1) << shift) - 1
		out = append(out, [2][]byte{numeric.MustNewPrefixCodedInt64(lo, shift), numeric.MustNewPrefixCodedInt64(hi, shift)})
	}
	for shift := uint(0); ; shift += precisionStep {
		diff := int64(1) << (shift + precisionStep)
		mask := ((int64(1) << precisionStep) - 1) << shift
		hasLower := minBound&mask != 0
		hasUpper := maxBound&mask != mask
		nextMin := minBound &^ mask
		if hasLower {
			nextMin = (minBound + diff) &^ mask
		}
		nextMax := maxBound &^ mask
		if hasUpper {
			nextMax = (maxBound - diff) &^ mask
		}
		if shift+precisionStep >= 64 || nextMin > nextMax || nextMin < minBound || nextMax > maxBound {
			add(minBound, maxBound, shift)
			return out
		}
		if hasLower {
			add(minBound, minBound|mask, shift)
		}
		if hasUpper {
			add(maxBound&^mask, maxBound, shift)
		}
		minBound, maxBound = nextMin, nextMax
	}
}

// filteredQuery is bleve's boolean query of a query and a filter, run by
// advancing the query's searcher to the documents of the filter's bitmap
// (on a scorch snapshot; otherwise as bleve runs it).
type filteredQuery struct {
	bool *query.BooleanQuery // Must: the query; Filter: the filter
	bits *bitFilter
}

// Searcher implements query.Query.
func (q *filteredQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	snap, ok := i.(*scorch.IndexSnapshot)
	if !ok || q.bool.Must == nil || q.bool.Should != nil || q.bool.MustNot != nil {
		return q.bool.Searcher(ctx, i, m, options)
	}
	must, err := q.bool.Must.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	if _, none := must.(*searcher.MatchNoneSearcher); none {
		// bleve then filters every document: keep its answer.
		must.Close()
		return q.bool.Searcher(ctx, i, m, options)
	}
	docs, err := q.bits.docs(snap)
	if err != nil {
		must.Close()
		return nil, err
	}
	// The searcher bleve wraps in its filtering searcher, so that the
	// scores are the same.
	bs, err := searcher.NewBooleanSearcher(ctx, i, must, nil, nil, options)
	if err != nil {
		must.Close()
		return nil, err
	}
	return &bitsSearcher{Searcher: bs, docs: docs, it: docs.Iterator()}, nil
}

// bitsSearcher returns the documents of its searcher that are in docs,
// advancing the searcher only to documents of docs.
type bitsSearcher struct {
	search.Searcher
	docs *roaring.Bitmap
	it   roaring.IntPeekable
	next uint64 // the first document number not yet looked at
	done bool
}

// Next implements search.Searcher.
func (s *bitsSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.from(ctx, s.next)
}

// Advance implements search.Searcher.
func (s *bitsSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if len(id) != 8 {
		return nil, fmt.Errorf("index: unexpected internal document id %x", []byte(id))
	}
	return s.from(ctx, max(binary.BigEndian.Uint64(id), s.next))
}

// from returns the first document numbered n or more that the searcher
// and the filter hold.
func (s *bitsSearcher) from(ctx *search.SearchContext, n uint64) (*search.DocumentMatch, error) {
	for !s.done {
		if n > math.MaxUint32 {
			break
		}
		s.it.AdvanceIfNeeded(uint32(n))
		if !s.it.HasNext() {
			break
		}
		n = uint64(s.it.PeekNext())
		id := make(index.IndexInternalID, 8)
		binary.BigEndian.PutUint64(id, n)
		d, err := s.Searcher.Advance(ctx, id)
		if err != nil || d == nil {
			s.done = true
			return nil, err
		}
		got := binary.BigEndian.Uint64(d.IndexInternalID)
		s.next = got + 1
		if got == n || s.docs.Contains(uint32(got)) {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
		n = got + 1
	}
	s.done = true
	return nil, nil
}
