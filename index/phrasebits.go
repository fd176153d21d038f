package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Phrases from the segments' postings.
//
// On a scorch snapshot, the documents holding a phrase are found segment
// by segment before the search: the documents holding all its words are
// the intersection of the words' postings bitmaps (nothing decoded), and
// the positions are then read, rarest word first, for those documents
// only, the segment's postings iterators skipping the others' (whole
// chunks of them). bleve's term readers, which phraseFilter uses
// elsewhere, decode every posting they pass and build a document for each
// (a phrase of four common words cost 1.5-3 s at 1,000,000 articles).

// phraseDocs returns the documents of snap (bleve's internal numbers)
// holding terms at offsets (from the first term) in field.
//
// With fp (not nil), the candidates' sequences in the forward index decide
// instead of the terms' positions (fwdCheckPhrase).
func phraseDocs(snap *scorch.IndexSnapshot, field string, terms []string, offsets []int, fp *fwdPhrase) (*roaring.Bitmap, error) {
	return snapshotDocs(snap, func(ss *scorch.SegmentSnapshot) (*roaring.Bitmap, error) {
		return phraseSegmentDocs(ss, field, terms, offsets, fp)
	})
}

// phraseSegmentDocs returns the documents of one segment holding the
// phrase, numbered in the segment.
func phraseSegmentDocs(ss *scorch.SegmentSnapshot, field string, terms []string, offsets []int, fp *fwdPhrase) (*roaring.Bitmap, error) {
	dict, err := ss.Segment().Dictionary(field)
	if err != nil || dict == nil {
		return roaring.New(), err
	}
	n := len(terms)
	pls := make([]segment.PostingsList, n)
	bms := make([]*roaring.Bitmap, n)
	for k, t := range terms {
		pl, err := dict.PostingsList([]byte(t), ss.Deleted(), nil)
		if err != nil {
			return nil, fmt.Errorf("phrase: %w", err)
		}
		if pl == nil || pl.Count() == 0 {
			return roaring.New(), nil
		}
		pls[k] = pl
		bms[k] = roaring.New()
		if err := orPostings(bms[k], pl.Iterator(false, false, false, nil)); err != nil {
			return nil, fmt.Errorf("phrase: %w", err)
		}
	}
	cand := roaring.FastAnd(bms...)
	if cand.IsEmpty() {
		return cand, nil
	}
	var known []knownPair
	if sp := segmentPairsOf(ss); sp != nil && consecutive(offsets) { // pairsread.go
		if known, err = sp.narrow(cand, field, terms); err != nil {
			known = nil // cand is still a superset: the terms' positions decide
		}
		if cand.IsEmpty() || n == 2 && len(known) == 1 {
			return cand, nil
		}
	}
	if fp != nil {
		if coversAll(known, n) {
			// The pairs' positions alone decide (no term's positions
			// are read), as on a segment with positions.
			out, err := checkPhrase(cand, known, pls, bms, terms, offsets)
			if !errors.Is(err, errPairs) {
				return out, err
			}
			// A damaged pair: the forward index.
		}
		return fwdCheckPhrase(ss.Segment(), fp, cand)
	}
	out, err := checkPhrase(cand, known, pls, bms, terms, offsets)
	if errors.Is(err, errPairs) {
		// A damaged pair: the terms' positions alone.
		out, err = checkPhrase(cand, nil, pls, bms, terms, offsets)
	}
	return out, err
}

// phraseSegmentDocsAlts is phraseSegmentDocs in the body (format 8,
// stembody.go): a word's candidates are its documents in the body and its
// stem's in each stemmed field; the pairs narrow them and the forward
// index decides.
//
// One word's documents in the body, and in the fields of exact (its term
// there is the word as written) when their titles lack it, need no check.
func phraseSegmentDocsAlts(ss *scorch.SegmentSnapshot, terms []string, offsets []int, alts map[string][]string, exact map[string]bool, fp *fwdPhrase) (*roaring.Bitmap, error) {
	n := len(terms)
	bms := make([]*roaring.Bitmap, n)
	for k := range bms {
		bms[k] = roaring.New()
	}
	if n == 1 {
		sure := roaring.New()
		bms[0] = sure
		if err := orField(ss, bms, fieldBody, terms); err != nil {
			return nil, fmt.Errorf("phrase: %w", err)
		}
		// The stemmed fields hold the title too: a document holding
		// the word in its title is checked.
		inTitle := []*roaring.Bitmap{roaring.New()}
		if err := orField(ss, inTitle, fieldTitle, terms); err != nil {
			return nil, fmt.Errorf("phrase: %w", err)
		}
		stop := []*roaring.Bitmap{roaring.New()}
		check := []*roaring.Bitmap{roaring.New()}
		for f, words := range alts {
			to := check
			if exact[f] {
				to = stop
			}
			if err := orField(ss, to, f, words); err != nil {
				return nil, fmt.Errorf("phrase: %w", err)
			}
		}
		check[0].Or(roaring.And(stop[0], inTitle[0]))
		stop[0].AndNot(inTitle[0])
		sure.Or(stop[0])
		check[0].AndNot(sure)
		found, err := fwdCheckPhrase(ss.Segment(), fp, check[0])
		if err != nil {
			return nil, err
		}
		sure.Or(found)
		return sure, nil
	}
	or := func(field string, words []string) error {
		return orField(ss, bms, field, words)
	}
	if err := or(fieldBody, terms); err != nil {
		return nil, fmt.Errorf("phrase: %w", err)
	}
	for f, words := range alts {
		if err := or(f, words); err != nil {
			return nil, fmt.Errorf("phrase: %w", err)
		}
	}
	cand := roaring.FastAnd(bms...)
	if cand.IsEmpty() {
		return cand, nil
	}
	var known []knownPair
	if sp := segmentPairsOf(ss); sp != nil && consecutive(offsets) {
		var err error
		if known, err = sp.narrow(cand, fieldBody, terms); err != nil {
			known = nil
		}
		if cand.IsEmpty() || n == 2 && len(known) == 1 {
			return cand, nil
		}
		if coversAll(known, n) {
			out, err := checkPhrase(cand, known, nil, bms, terms, offsets)
			if !errors.Is(err, errPairs) {
				return out, err
			}
		}
	}
	if sb := segmentBucketsOf(ss); sb != nil && consecutive(offsets) { // pairbucketsread.go
		_ = sb.narrow(cand, terms) // on an error cand is left a superset
	}
	return fwdCheckPhrase(ss.Segment(), fp, cand)
}

// orField ORs into bms[k] the documents of ss holding words[k] in field.
func orField(ss *scorch.SegmentSnapshot, bms []*roaring.Bitmap, field string, words []string) error {
	dict, err := ss.Segment().Dictionary(field)
	if err != nil || dict == nil {
		return err
	}
	for k, t := range words {
		pl, err := dict.PostingsList([]byte(t), ss.Deleted(), nil)
		if err != nil {
			return err
		}
		if pl == nil || pl.Count() == 0 {
			continue
		}
		if err := orPostings(bms[k], pl.Iterator(false, false, false, nil)); err != nil {
			return err
		}
	}
	return nil
}

// checkPhrase returns the documents of cand (of one segment, holding
// every term) holding the phrase: the phrase starts that the known pairs'
// positions allow, narrowed by the positions of the terms no known pair
// covers, rarest term first (a common word's positions, which zap
// decodes in full, are read only when no pair covers it).
func checkPhrase(cand *roaring.Bitmap, known []knownPair, pls []segment.PostingsList, bms []*roaring.Bitmap,
	terms []string, offsets []int) (*roaring.Bitmap, error) {
	n := len(terms)
	covered := make([]bool, n)
	for _, kp := range known {
		covered[kp.k-1], covered[kp.k] = true, true
	}
	// Rarest term first.
	var order []int
	for k := range terms {
		if !covered[k] {
			order = append(order, k)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return bms[order[a]].GetCardinality() < bms[order[b]].GetCardinality() })
	its := make([]segment.PostingsIterator, len(order))
	offs := make([]int, len(order))
	for j, k := range order {
		// Not narrowed to the candidates: zap's iterator would then
		// walk both its postings and the candidates to skip to one.
		its[j], offs[j] = pls[k].Iterator(true, false, true, nil), offsets[k]
	}
	out := roaring.New()
	var starts, ps []int
	var err error
	c := cand.Iterator()
	for c.HasNext() {
		d := c.Next()
		starts = starts[:0]
		for j, kp := range known {
			if ps, err = kp.p.positions(d, ps[:0]); err != nil {
				return nil, err
			}
			if j == 0 {
				for _, pos := range ps {
					starts = append(starts, pos-(kp.k-1))
				}
			} else {
				starts = keepStartsInts(starts, ps, kp.k-1)
			}
			if len(starts) == 0 {
				break
			}
		}
		for j, it := range its {
			if len(known) > 0 && len(starts) == 0 {
				break
			}
			p, err := it.Advance(uint64(d))
			if err != nil {
				return nil, fmt.Errorf("phrase: %w", err)
			}
			if p == nil || p.Number() != uint64(d) {
				return nil, fmt.Errorf("phrase: document %d missing from the postings of %q", d, terms[order[j]])
			}
			if j == 0 && len(known) == 0 {
				for _, l := range p.Locations() {
					starts = append(starts, int(l.Pos())-offs[0])
				}
			} else {
				starts = keepStartsAt(starts, p.Locations(), offs[j])
			}
			if len(starts) == 0 {
				break
			}
		}
		if len(starts) > 0 {
			out.Add(d)
		}
	}
	return out, nil
}

// coversAll reports whether the known pairs cover every one of n terms.
func coversAll(known []knownPair, n int) bool {
	covered := make([]bool, n)
	for _, kp := range known {
		covered[kp.k-1], covered[kp.k] = true, true
	}
	for _, c := range covered {
		if !c {
			return false
		}
	}
	return true
}

// fwdCheckPhrase returns the documents of cand (of seg) whose sequences in
// the forward index hold the phrase of fp: each document's article id is
// read from the segment (its stored _id), and its sequence looked up by
// id.
func fwdCheckPhrase(seg segment.Segment, fp *fwdPhrase, cand *roaring.Bitmap) (*roaring.Bitmap, error) {
	out := roaring.New()
	c := cand.Iterator()
	for c.HasNext() {
		d := c.Next()
		ext, err := seg.DocID(uint64(d))
		if err != nil {
			return nil, fmt.Errorf("phrase: %w", err)
		}
		id, err := strconv.ParseInt(string(ext), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("phrase: document id %q: %w", ext, err)
		}
		ok, err := fp.match(id)
		if err != nil {
			return nil, fmt.Errorf("phrase: %w", err)
		}
		if ok {
			out.Add(d)
		}
	}
	return out, nil
}

// consecutive reports whether offsets are 0, 1, 2...
func consecutive(offsets []int) bool {
	for k, o := range offsets {
		if o != k {
			return false
		}
	}
	return true
}

// keepStartsAt is keepStarts for a segment's locations.
func keepStartsAt(starts []int, ls []segment.Location, off int) []int {
	out := starts[:0]
	j := 0
	for _, s := range starts {
		want := s + off
		for j < len(ls) && int(ls[j].Pos()) < want {
			j++
		}
		if j < len(ls) && int(ls[j].Pos()) == want {
			out = append(out, s)
		}
	}
	return out
}

// docsSearcher matches, with score 0, the documents of a bitmap of
// bleve's internal numbers.
type docsSearcher struct {
	docs  *roaring.Bitmap
	it    roaring.IntPeekable
	cur   uint64
	has   bool // cur was returned
	count uint64
}

func newDocsSearcher(docs *roaring.Bitmap) *docsSearcher {
	return &docsSearcher{docs: docs, it: docs.Iterator(), count: docs.GetCardinality()}
}

// Next implements search.Searcher.
func (s *docsSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.it.HasNext() {
		return nil, nil
	}
	s.cur, s.has = uint64(s.it.Next()), true
	return s.match(ctx), nil
}

// Advance implements search.Searcher.
func (s *docsSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if len(id) != 8 {
		return nil, fmt.Errorf("phrase: unexpected internal document id %x", []byte(id))
	}
	n := binary.BigEndian.Uint64(id)
	if s.has && s.cur >= n {
		return s.match(ctx), nil
	}
	if n > uint64(^uint32(0)) {
		return nil, nil
	}
	s.it.AdvanceIfNeeded(uint32(n))
	return s.Next(ctx)
}

func (s *docsSearcher) match(ctx *search.SearchContext) *search.DocumentMatch {
	m := ctx.DocumentMatchPool.Get()
	m.IndexInternalID = binary.BigEndian.AppendUint64(m.IndexInternalID[:0], s.cur)
	m.Score = 0
	return m
}

// Close implements search.Searcher.
func (s *docsSearcher) Close() error { return nil }

// Weight is 0: the searcher adds nothing to the score.
func (s *docsSearcher) Weight() float64 { return 0 }

// SetQueryNorm does nothing: the searcher has no score.
func (s *docsSearcher) SetQueryNorm(float64) {}

// Count is the number of documents.
func (s *docsSearcher) Count() uint64 { return s.count }

// Min is 0: not a disjunction.
func (s *docsSearcher) Min() int { return 0 }

// Size is a rough size in memory.
func (s *docsSearcher) Size() int { return 64 + int(s.docs.GetSizeInBytes()) }

// DocumentMatchPoolSize is the number of matches held at once.
func (s *docsSearcher) DocumentMatchPoolSize() int { return 1 }
