package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Facets and histograms from postings (the fast path).
//
// bleve counts a facet by reading, for every hit, the doc values of each
// facet field and adding its terms to a map: over all 100,000 articles of
// a corpus, with nine facets and a histogram, that is a million map
// updates and doc-value decodings per search. Here the search only notes
// the number of each hit in a bitmap per index segment (through bleve's
// document match handler hook, so the hits and the top N stay bleve's);
// then each facet field's terms are read from the segment's dictionary and
// counted as the cardinality of the term's postings bitmap intersected
// with the hits': a few thousand bitmap intersections instead of a million
// visits. The counts are the same (TestFastFacetsMatchBleve): a document
// holds each term of a keyword field once in both the postings and the
// doc values.

// termCount is the number of matching articles with a term of a field.
type termCount struct {
	term  string
	count int
}

// fieldCounts is what a facet or histogram needs of a field: its terms'
// counts, most frequent first (ties by term), at most size of them.
type fieldCounts map[string][]termCount

// facetPlan is the work of the fast path for one search: the fields to
// count and how many terms each keeps, and, once the search has run, the
// counts.
type facetPlan struct {
	sizes map[string]int // field -> terms kept
	// everything says that the search matches every article: the hits
	// are all the live documents of the snapshot, and total their
	// number, whatever bleve collected.
	everything bool
	// docValueHits is the number of hits below which the counts come
	// from the hits' doc values, as bleve counts them: listing every
	// term of the facet fields costs more than that.
	docValueHits int
	out          fieldCounts
	total        uint64
	// unsupported is set when the index reader is not a scorch
	// snapshot: the caller then asks bleve for the facets.
	unsupported bool
}

// withHitCounter returns ctx set up so that a bleve search run with it
// counts plan's fields over its hits, into plan.out, before the search
// returns (while its index snapshot is still open).
func withHitCounter(ctx context.Context, plan *facetPlan) context.Context {
	maker := func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
		if !ok || next == nil {
			plan.unsupported = true
			return next, loadID, nil
		}
		hits := newHitSet(snap)
		if plan.everything {
			plan.total = hits.addLive()
		}
		return func(d *search.DocumentMatch) error {
			if d == nil {
				count := countFields
				if !plan.everything && int64(hits.n) < int64(plan.docValueHits) {
					count = countDocValues(snap)
				}
				out, err := count(hits, plan.sizes)
				if err != nil {
					return err
				}
				plan.out = out
				return next(nil)
			}
			if !plan.everything {
				if err := hits.add(d.IndexInternalID); err != nil {
					return err
				}
			}
			return next(d)
		}, loadID, nil
	}
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(maker))
}

// hitSet holds the hits of a search as one bitmap of local document
// numbers per segment of the snapshot.
type hitSet struct {
	segs    []*scorch.SegmentSnapshot
	offsets []uint64 // global number of each segment's first document
	bits    []*roaring.Bitmap
	cur     int    // segment of the last hit (hits come in number order)
	n       uint64 // hits added
}

func newHitSet(snap *scorch.IndexSnapshot) *hitSet {
	segs := snap.Segments()
	h := &hitSet{segs: segs, offsets: make([]uint64, len(segs)), bits: make([]*roaring.Bitmap, len(segs))}
	var running uint64
	for i, s := range segs {
		h.offsets[i] = running
		running += s.Segment().Count() // as scorch numbers documents
		h.bits[i] = roaring.New()
	}
	return h
}

// add notes the hit with bleve internal id id.
func (h *hitSet) add(id []byte) error {
	if len(id) != 8 || len(h.segs) == 0 {
		return fmt.Errorf("index: unexpected internal document id %x", id)
	}
	n := binary.BigEndian.Uint64(id)
	if n < h.offsets[h.cur] || (h.cur+1 < len(h.offsets) && n >= h.offsets[h.cur+1]) {
		h.cur = sort.Search(len(h.offsets), func(i int) bool { return h.offsets[i] > n }) - 1
	}
	h.bits[h.cur].Add(uint32(n - h.offsets[h.cur]))
	h.n++
	return nil
}

// addLive adds every live document of the snapshot, and returns their
// number.
func (h *hitSet) addLive() uint64 {
	var n uint64
	for i, s := range h.segs {
		h.bits[i] = s.DocNumbersLive()
		n += h.bits[i].GetCardinality()
	}
	return n
}

// countFields counts, for each field of sizes, the hits holding each of
// its terms, and keeps the most frequent ones as bleve's terms facet does
// (count descending, then term ascending; size of them).
func countFields(h *hitSet, sizes map[string]int) (fieldCounts, error) {
	out := fieldCounts{}
	for field, size := range sizes {
		counts := map[string]int{}
		for i, s := range h.segs {
			if h.bits[i].IsEmpty() {
				continue
			}
			if err := countSegment(s.Segment(), field, h.bits[i], counts); err != nil {
				return nil, err
			}
		}
		out[field] = topTerms(counts, size)
	}
	return out, nil
}

// topTerms returns the size most frequent terms of counts, as bleve's
// terms facet keeps them (count descending, then term ascending).
func topTerms(counts map[string]int, size int) []termCount {
	terms := make([]termCount, 0, len(counts))
	for t, n := range counts {
		terms = append(terms, termCount{t, n})
	}
	sort.Slice(terms, func(i, j int) bool {
		if terms[i].count != terms[j].count {
			return terms[i].count > terms[j].count
		}
		return terms[i].term < terms[j].term
	})
	return terms[:min(size, len(terms))]
}

// countDocValues returns a counter that reads the doc values of each hit,
// as bleve's facets do: cheaper than countFields for a few hits.
func countDocValues(snap *scorch.IndexSnapshot) func(*hitSet, map[string]int) (fieldCounts, error) {
	return func(h *hitSet, sizes map[string]int) (fieldCounts, error) {
		fields := make([]string, 0, len(sizes))
		counts := map[string]map[string]int{}
		for f := range sizes {
			fields = append(fields, f)
			counts[f] = map[string]int{}
		}
		dvr, err := snap.DocValueReader(fields)
		if err != nil {
			return nil, fmt.Errorf("index: facets: %w", err)
		}
		visit := func(field string, term []byte) {
			if c := counts[field]; c != nil {
				c[string(term)]++
			}
		}
		id := make([]byte, 8)
		for i, bm := range h.bits {
			for it := bm.Iterator(); it.HasNext(); {
				binary.BigEndian.PutUint64(id, h.offsets[i]+uint64(it.Next()))
				if err := dvr.VisitDocValues(id, visit); err != nil {
					return nil, fmt.Errorf("index: facets: %w", err)
				}
			}
		}
		out := fieldCounts{}
		for f, size := range sizes {
			out[f] = topTerms(counts[f], size)
		}
		return out, nil
	}
}

// countSegment adds to counts, for each term of field in seg, the number
// of documents of hits that hold it.
func countSegment(seg segment.Segment, field string, hits *roaring.Bitmap, counts map[string]int) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return fmt.Errorf("index: facet %s: %w", field, err)
	}
	if dict == nil {
		return nil
	}
	var (
		pl segment.PostingsList
		it segment.PostingsIterator
	)
	var terms segment.DictionaryIterator
	if oc, ok := dict.(omitCounter); ok {
		terms = oc.AutomatonIteratorOmitCount(nil, nil, nil)
	} else {
		terms = dict.AutomatonIterator(nil, nil, nil)
	}
	for {
		e, err := terms.Next()
		if err != nil {
			return fmt.Errorf("index: facet %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		// Deleted documents are never hits: the postings need no
		// exception list.
		if pl, err = dict.PostingsList([]byte(e.Term), nil, pl); err != nil {
			return fmt.Errorf("index: facet %s: %w", field, err)
		}
		it = pl.Iterator(false, false, false, it)
		n, err := countIn(it, hits)
		if err != nil {
			return fmt.Errorf("index: facet %s: %w", field, err)
		}
		if n > 0 {
			counts[e.Term] += n
		}
	}
}

// omitCounter is a term dictionary (zapx's) that can list its terms
// without reading each one's postings to count them: countSegment reads
// them itself.
type omitCounter interface {
	AutomatonIteratorOmitCount(a segment.Automaton, startKeyInclusive, endKeyExclusive []byte) segment.DictionaryIterator
}

// countIn returns the number of it's documents in hits: from its bitmap
// when the segment format exposes it, else one posting at a time.
func countIn(it segment.PostingsIterator, hits *roaring.Bitmap) (int, error) {
	if o, ok := it.(segment.OptimizablePostingsIterator); ok {
		if bm := o.ActualBitmap(); bm != nil {
			return int(bm.AndCardinality(hits)), nil
		}
		if num, ok := o.DocNum1Hit(); ok {
			if hits.Contains(uint32(num)) {
				return 1, nil
			}
			return 0, nil
		}
	}
	n := 0
	for {
		p, err := it.Next()
		if err != nil || p == nil {
			return n, err
		}
		if hits.Contains(uint32(p.Number())) {
			n++
		}
	}
}
