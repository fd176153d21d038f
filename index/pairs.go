package index

import (
	"bufio"
	"container/heap"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Pairs of common words: a sidecar beside each large segment.
//
// A phrase of common words ("and is of the") holds all its words in most
// of the articles, and checking it costs the positions of those words in
// each of them (zap decodes every location of a word in a document): 1-2 s
// at 1,000,000 articles. Search engines keep, for such words, the
// documents where one follows another (common grams). For each segment of
// at least pairsMinDocs articles, a file in the index's pairs folder (named
// after the segment's file: segments are immutable and their names never
// reused) holds, for the title and the body, the pairsTerms terms in most
// of the segment's documents, and for each pair of them (a, b) that occurs,
// the documents where b comes right after a, and the positions of a there.
// A phrase's candidates are narrowed by the documents of each pair of
// adjacent common words before any position is read (phrasebits.go); a
// phrase made only of common words is then checked on its pairs'
// positions (it starts at s where its k-th pair is at s+k), and never
// reads the positions of its words, which zap decodes for every
// occurrence in a document. A missing, damaged or older file only means
// the words' positions are read as before.
//
// The file: per pair, its documents (a roaring bitmap) and its positions
// (pairPositions), one pair after another; then the header (the segment's
// document count; per field its name, its common terms and, per pair, the
// two terms' numbers, the bitmap's offset, length and CRC-32, the
// positions' length and CRC-32); then a footer: the header's offset (8
// bytes), length and CRC-32 (4 bytes each) and pairsMagic.

// pairsDirName is the folder of the index (beside bleve's store) holding
// the sidecars: scorch counts and removes the files of its own folder.
const pairsDirName = "pairs"

// pairsMagic ends every sidecar; a new layout gets a new magic.
const pairsMagic = "ARPAIRS3"

// pairsTerms is the number of common terms per field and segment.
var pairsTerms = 128

// pairsMinDocs is the size from which a segment gets a sidecar: smaller
// ones are searched fast enough without.
var pairsMinDocs uint64 = 20_000

// pairsFields are the fields whose phrases the sidecars serve.
var pairsFields = []string{fieldTitle, fieldBody}

// pairsSidecar is the phrase pairs' kind of sidecar (sidecars.go).
//
// The pairs are read from the forward index fwd: the title and body have
// no positions (wordPositions aside: the tests' indexes with positions
// pass a nil fwd and the pairs are read from the positions).
func pairsSidecar(fwd *fwdStore) sidecar {
	return sidecar{
		what:    "phrase pairs",
		file:    pairsFile,
		minDocs: pairsMinDocs,
		weight:  6, // 6.0-8.4 s a segment of 100,000 articles
		usable: func(file string, docs uint64) bool {
			sp, err := openPairs(file, docs)
			if err != nil {
				return false // missing, damaged or of an older layout: (re)written
			}
			sp.f.Close()
			return true
		},
		write: func(ctx context.Context, w io.Writer, seg segment.Segment) (int64, error) {
			if fwd == nil {
				return writePairsTo(ctx, w, seg, nil)
			}
			v := fwd.view()
			defer v.release()
			return writePairsTo(ctx, w, seg, v)
		},
	}
}

// pairsFile returns the phrase pairs' sidecar of the segment file seg.
func pairsFile(seg string) string { return sidecarFile(seg, pairsDirName, ".pairs") }

// ctxEvery returns ctx's error every 1,024th document d: a sidecar's walk
// over a segment's documents stops soon after its context is done.
func ctxEvery(ctx context.Context, d uint64) error {
	if d%1024 != 0 {
		return nil
	}
	return ctx.Err()
}

// pairEntry locates one pair's bitmap and positions in a sidecar.
type pairEntry struct {
	off, posOff uint64
	n, posN     uint32
	crc, posCRC uint32
}

// countingWriter counts and checksums what passes through it.
type countingWriter struct {
	w   io.Writer
	n   int64
	crc uint32
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.crc = crc32.Update(c.crc, crc32.IEEETable, p[:n])
	return n, err
}

// writePairsTo writes seg's sidecar to w and returns its size; the pairs
// come from the forward index v, or the segment's positions when v is nil.
// It stops with ctx's error once ctx is done (a cancelled index command
// does not wait for a segment's pairs: several seconds at 100,000 articles).
func writePairsTo(ctx context.Context, w io.Writer, seg segment.Segment, v *fwdView) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := &countingWriter{w: bw}
	var hdr []byte
	hdr = binary.AppendUvarint(hdr, seg.Count())
	hdr = binary.AppendUvarint(hdr, uint64(len(pairsFields)))
	for _, field := range pairsFields {
		terms, ps, err := segmentPairs(ctx, seg, field, pairsTerms, v)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", field, err)
		}
		hdr = appendString(hdr, field)
		hdr = binary.AppendUvarint(hdr, uint64(len(terms)))
		for _, t := range terms {
			hdr = appendString(hdr, t)
		}
		count := 0
		for _, p := range ps {
			if p != nil {
				count++
			}
		}
		hdr = binary.AppendUvarint(hdr, uint64(count))
		for k, p := range ps {
			if p == nil {
				continue
			}
			p.docs.RunOptimize()
			off := cw.n
			cw.crc = 0
			if _, err := p.docs.WriteTo(cw); err != nil {
				return 0, err
			}
			bmN, bmCRC := cw.n-off, cw.crc
			cw.crc = 0
			if _, err := cw.Write(p.encodePositions()); err != nil {
				return 0, err
			}
			ps[k] = nil // let it go
			for _, v := range []uint64{uint64(k / len(terms)), uint64(k % len(terms)), uint64(off), uint64(bmN), uint64(bmCRC),
				uint64(cw.n - off - bmN), uint64(cw.crc)} {
				hdr = binary.AppendUvarint(hdr, v)
			}
		}
	}
	var foot []byte
	foot = binary.BigEndian.AppendUint64(foot, uint64(cw.n))
	foot = binary.BigEndian.AppendUint32(foot, uint32(len(hdr)))
	foot = binary.BigEndian.AppendUint32(foot, crc32.ChecksumIEEE(hdr))
	foot = append(foot, pairsMagic...)
	if _, err := cw.Write(hdr); err != nil {
		return 0, err
	}
	if _, err := cw.Write(foot); err != nil {
		return 0, err
	}
	return cw.n, bw.Flush()
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// pairsChunk is the number of documents between two entries of a pair's
// table of offsets into its positions.
const pairsChunk = 32

// pairPositions is one pair's documents and, document after document,
// the positions of its first term where the second follows. Each is a
// uvarint: a document's start is its distance from the previous document
// of its chunk (0 for a chunk's first) times two plus one; a position is
// the distance from the previous one of its document (from 0 for the
// first) times two. A table gives the first document of each chunk of
// pairsChunk documents and the offset of its start.
type pairPositions struct {
	docs    *roaring.Bitmap
	ndocs   int
	table   []uint32 // per chunk: its first document, the offset of its start in pos
	pos     []byte
	prev    int
	prevDoc uint32
}

// add records pos in document d (documents in increasing order, positions
// in increasing order within one; first for a document's first).
func (p *pairPositions) add(d uint32, pos int, first bool) {
	if first {
		if p.ndocs%pairsChunk == 0 {
			p.table = append(p.table, d, uint32(len(p.pos)))
			p.prevDoc = d
		}
		p.ndocs++
		p.docs.Add(d)
		p.pos = binary.AppendUvarint(p.pos, uint64(d-p.prevDoc)<<1|1)
		p.prevDoc, p.prev = d, 0
	}
	p.pos = binary.AppendUvarint(p.pos, uint64(pos-p.prev)<<1)
	p.prev = pos
}

// encodePositions returns the number of chunks, the table (4 bytes a
// number) and the positions.
func (p *pairPositions) encodePositions() []byte {
	b := binary.AppendUvarint(nil, uint64(len(p.table)/2))
	for _, o := range p.table {
		b = binary.BigEndian.AppendUint32(b, o)
	}
	return append(b, p.pos...)
}

// segmentPairs returns the n terms of field in most of seg's documents
// and, at a*len(terms)+b, the documents and positions where term b comes
// right after term a (nil where it never does). One pass over the terms'
// postings with locations, document by document.
func segmentPairs(ctx context.Context, seg segment.Segment, field string, n int, v *fwdView) ([]string, []*pairPositions, error) {
	dict, err := seg.Dictionary(field)
	if err != nil || dict == nil {
		return nil, nil, err
	}
	var terms []string
	if field == fieldBody && v != nil {
		terms, err = commonBodyTerms(seg, n, v)
	} else {
		terms, err = commonTerms(dict, n)
	}
	if err != nil {
		return nil, nil, err
	}
	if v != nil {
		return fwdPairs(ctx, seg, field, terms, v)
	}
	ps, err := postingPairs(dict, terms)
	return terms, ps, err
}

// postingPairs returns, at a*len(terms)+b, the documents and positions where
// term b comes right after term a, merging the terms' postings with
// locations document by document.
func postingPairs(dict segment.TermDictionary, terms []string) ([]*pairPositions, error) {
	n := len(terms)
	its := make([]segment.PostingsIterator, n)
	cur := make([]segment.Posting, n)
	for k, t := range terms {
		pl, err := dict.PostingsList([]byte(t), nil, nil)
		if err != nil {
			return nil, err
		}
		its[k] = pl.Iterator(false, false, true, nil)
		if cur[k], err = its[k].Next(); err != nil {
			return nil, err
		}
	}
	ps := make([]*pairPositions, n*n)
	last := make([]uint64, n*n) // the last document added + 1, per pair
	var doc docTerms
	for {
		d, ok := firstDoc(cur)
		if !ok {
			return ps, nil
		}
		doc.reset()
		for k, p := range cur {
			if p == nil || p.Number() != d {
				continue
			}
			if err := doc.mark(d, k, p); err != nil {
				return nil, err
			}
			var err error
			if cur[k], err = its[k].Next(); err != nil {
				return nil, err
			}
		}
		doc.addPairs(ps, last, n, d)
	}
}

// firstDoc returns the smallest document number of the current postings,
// false when every iterator is done.
func firstDoc(cur []segment.Posting) (uint64, bool) {
	d, any := uint64(0), false
	for _, p := range cur {
		if p != nil && (!any || p.Number() < d) {
			d, any = p.Number(), true
		}
	}
	return d, any
}

// docTerms holds, for one document, the term number + 1 at each position
// where one of the common terms stands, and those positions.
type docTerms struct {
	at      []uint16
	touched []int
}

func (dt *docTerms) reset() {
	for _, pos := range dt.touched {
		dt.at[pos] = 0
	}
	dt.touched = dt.touched[:0]
}

// mark records term k at each of posting p's locations in document d.
func (dt *docTerms) mark(d uint64, k int, p segment.Posting) error {
	for _, l := range p.Locations() {
		pos := int(l.Pos())
		if pos+2 > len(dt.at) {
			dt.at = append(dt.at, make([]uint16, pos+2-len(dt.at)+1024)...)
		}
		if dt.at[pos] != 0 {
			// Two terms at one position: not what the exact
			// analyzers make, and the pairs would miss some.
			return fmt.Errorf("document %d: two terms at position %d", d, pos)
		}
		dt.at[pos] = uint16(k + 1)
		dt.touched = append(dt.touched, pos)
	}
	return nil
}

// addPairs adds document d's adjacent pairs of marked terms, in position
// order, to ps (n terms; last holds the last document added + 1 per pair).
func (dt *docTerms) addPairs(ps []*pairPositions, last []uint64, n int, d uint64) {
	slices.Sort(dt.touched)
	for _, pos := range dt.touched {
		b := dt.at[pos+1]
		if b == 0 {
			continue
		}
		i := int(dt.at[pos]-1)*n + int(b-1)
		if ps[i] == nil {
			ps[i] = &pairPositions{docs: roaring.New()}
		}
		ps[i].add(uint32(d), pos, last[i] != d+1)
		last[i] = d + 1
	}
}

// commonTerms returns the n terms of dict in the most documents.
func commonTerms(dict segment.TermDictionary, n int) ([]string, error) {
	h := &termHeap{}
	err := eachTermCount(dict, nil, func(t string, count uint64) { h.keep(n, t, count) })
	if err != nil {
		return nil, err
	}
	return h.terms(), nil
}

// eachTermCount calls fn with each term of dict that want accepts (every
// term when want is nil) and the number of documents holding it.
func eachTermCount(dict segment.TermDictionary, want func(string) bool, fn func(term string, count uint64)) error {
	it := dict.AutomatonIterator(nil, nil, nil)
	for {
		e, err := it.Next()
		if err != nil || e == nil {
			return err
		}
		if want != nil && !want(e.Term) {
			continue
		}
		// Not e.Count: zap's dictionary iterator (v17.2.5) reuses one
		// postings list for the counts and never clears its one-document
		// mark, so that after the first term of one document every later
		// count reads 1 in a field without positions.
		pl, err := dict.PostingsList([]byte(e.Term), nil, nil)
		if err != nil {
			return err
		}
		fn(e.Term, pl.Count())
	}
}

// commonBodyTerms is commonTerms for the body (format 8, stembody.go):
// the terms in the most documents of the body and the stemmed fields
// together (a stop word's count is that of its documents; a stem's may
// count other forms).
//
// With a forward index, the words are its largest run's commonest (by
// tokens): a stem ("citi") is no word of a phrase.
func commonBodyTerms(seg segment.Segment, n int, v *fwdView) ([]string, error) {
	var big *fwdRun
	for _, r := range v.runs {
		if big == nil || r.docs > big.docs {
			big = r
		}
	}
	if big != nil {
		terms := make([]string, 0, n)
		for rank := 1; rank <= big.terms && len(terms) < n; rank++ {
			terms = append(terms, string(big.term(rank)))
		}
		return terms, nil
	}
	counts := map[string]uint64{}
	notStop := func(t string) bool { return !strings.HasSuffix(t, stopMark) }
	for _, f := range seg.Fields() {
		if f != fieldBody && !strings.HasPrefix(f, fieldStemPrefix) {
			continue
		}
		dict, err := seg.Dictionary(f)
		if err != nil {
			return nil, err
		}
		if err := eachTermCount(dict, notStop, func(t string, count uint64) { counts[t] += count }); err != nil {
			return nil, err
		}
	}
	h := &termHeap{}
	for t, count := range counts {
		h.keep(n, t, count)
	}
	return h.terms(), nil
}

type commonTerm struct {
	term  string
	count uint64
}

// termHeap is a min-heap of terms by document count.
type termHeap []commonTerm

// keep adds t to h, which holds the n terms of the highest counts.
func (h *termHeap) keep(n int, t string, count uint64) {
	if h.Len() < n {
		heap.Push(h, commonTerm{t, count})
	} else if count > (*h)[0].count {
		(*h)[0] = commonTerm{t, count}
		heap.Fix(h, 0)
	}
}

// terms returns h's terms, in the heap's order.
func (h termHeap) terms() []string {
	terms := make([]string, len(h))
	for k, tc := range h {
		terms[k] = tc.term
	}
	return terms
}

func (h termHeap) Len() int           { return len(h) }
func (h termHeap) Less(i, j int) bool { return h[i].count < h[j].count }
func (h termHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *termHeap) Push(x any)        { *h = append(*h, x.(commonTerm)) }
func (h *termHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// fwdPairs is segmentPairs for the common terms of field, read from the
// forward index v: each document's sequence, looked up by its article's
// id (documents of articles the forward index no longer has, deleted
// since, are left out: they are never a phrase's candidates). Positions
// are a term's place in the sequence plus one, as the exact analyzers
// number tokens.
func fwdPairs(ctx context.Context, seg segment.Segment, field string, terms []string, v *fwdView) ([]string, []*pairPositions, error) {
	n := len(terms)
	ps := make([]*pairPositions, n*n)
	ranks := map[*fwdRun]map[uint64]int{} // per run: rank -> term number + 1
	for d := range seg.Count() {
		if err := ctxEvery(ctx, d); err != nil {
			return nil, nil, err
		}
		ext, err := seg.DocID(d)
		if err != nil {
			return nil, nil, err
		}
		id, err := strconv.ParseInt(string(ext), 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("document id %q: %w", ext, err)
		}
		r, i, err := v.lookup(id)
		if err != nil {
			return nil, nil, err
		}
		if r == nil {
			continue
		}
		of, ok := ranks[r]
		if !ok {
			of = make(map[uint64]int, n)
			for k, t := range terms {
				if rank := r.rank(t); rank != 0 {
					of[rank] = k + 1
				}
			}
			ranks[r] = of
		}
		title, body, _, err := r.sequence(i)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", r.file, err)
		}
		seq := title
		if field == fieldBody {
			seq = body
		}
		prev, pos := 0, 0 // the term number + 1 of the previous token; its position
		for p := 0; p < len(seq); {
			rank, m := binary.Uvarint(seq[p:])
			if m <= 0 {
				return nil, nil, fmt.Errorf("%s: %w", r.file, errFwdCorrupt)
			}
			p += m
			pos++
			k := of[rank]
			if prev != 0 && k != 0 {
				j := (prev-1)*n + (k - 1)
				if ps[j] == nil {
					ps[j] = &pairPositions{docs: roaring.New()}
				}
				ps[j].add(uint32(d), pos-1, !ps[j].docs.Contains(uint32(d)))
			}
			prev = k
		}
	}
	return terms, ps, nil
}
