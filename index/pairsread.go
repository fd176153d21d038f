package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Reading the sidecars of pairs.go.

// errPairs marks a sidecar that cannot be used.
var errPairs = errors.New("unusable phrase pairs")

// segPairs is the open sidecar of one segment: its header, read once.
type segPairs struct {
	f      *os.File
	fields map[string]*fieldPairs
}

// fieldPairs is one field's common terms and the place of each pair's
// bitmap, by a*len(terms)+b.
type fieldPairs struct {
	terms map[string]int
	keys  []int // a*len(terms)+b of each pair, in increasing order
	pairs []pairEntry
}

// pairsCache holds the sidecars opened by this process, by their
// segment's path. Files are never rewritten (a segment's name is never
// reused, nor a read-only view's link to it), so an entry stays right.
var pairsCache sync.Map

// segmentPairsOf returns the sidecar of ss, or nil when it has none that
// can be used (in memory, small, not written yet, damaged).
func segmentPairsOf(ss *scorch.SegmentSnapshot) *segPairs {
	return sidecarOf(&pairsCache, ss, func(seg string, docs uint64) (*segPairs, error) {
		return openPairs(pairsFile(seg), docs)
	})
}

// sidecarOf returns the sidecar of ss's segment held in cache, opened by
// open from the segment's path and document count the first time; nil
// when the segment has none that can be used (in memory, small, not
// written yet, damaged).
func sidecarOf[T any](cache *sync.Map, ss *scorch.SegmentSnapshot, open func(seg string, docs uint64) (*T, error)) *T {
	ps, ok := ss.Segment().(segment.PersistedSegment)
	if !ok || ss.Segment().Count() < pairsMinDocs {
		return nil
	}
	seg := ps.Path() // the key: finding the sidecar's path costs system calls
	if v, ok := cache.Load(seg); ok {
		return v.(*T)
	}
	sc, err := open(seg, ss.Segment().Count())
	if err != nil {
		return nil
	}
	v, _ := cache.LoadOrStore(seg, sc)
	return v.(*T)
}

// openPairs opens the sidecar file of a segment of docs documents and
// reads its header.
func openPairs(file string, docs uint64) (*segPairs, error) {
	return openSidecar(file, docs, pairsMagic, parsePairsHeader)
}

// sidecarHeader is the parsed header of a sidecar file, which keeps the
// file open to read the rest.
type sidecarHeader[T any] interface {
	*T
	keep(f *os.File)
}

func (sp *segPairs) keep(f *os.File)   { sp.f = f }
func (sb *segBuckets) keep(f *os.File) { sb.f = f }

// openSidecar opens a sidecar file of a segment of docs documents that
// ends in magic, and parses its header with parse (given the header, docs
// and the header's offset); the file stays open in the result.
func openSidecar[T any, P sidecarHeader[T]](file string, docs uint64, magic string, parse func(hdr []byte, docs, off uint64) (P, error)) (P, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	hdr, off, err := readSidecarHeader(f, magic)
	var sc P
	if err == nil {
		sc, err = parse(hdr, docs, off)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	sc.keep(f)
	return sc, nil
}

// readSidecarHeader reads the header of a sidecar file that ends in
// magic, after the header's offset (8 bytes), length and CRC-32 (4 bytes
// each); it returns the header and its offset.
func readSidecarHeader(f *os.File, magic string) ([]byte, uint64, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	footLen := 8 + 4 + 4 + len(magic)
	size := st.Size()
	if size < int64(footLen) {
		return nil, 0, errPairs
	}
	foot := make([]byte, footLen)
	if _, err := f.ReadAt(foot, size-int64(footLen)); err != nil {
		return nil, 0, err
	}
	if string(foot[16:]) != magic {
		return nil, 0, errPairs
	}
	off, n := binary.BigEndian.Uint64(foot), binary.BigEndian.Uint32(foot[8:])
	if off+uint64(n)+uint64(footLen) != uint64(size) {
		return nil, 0, errPairs
	}
	hdr := make([]byte, n)
	if _, err := f.ReadAt(hdr, int64(off)); err != nil {
		return nil, 0, err
	}
	if crc32.ChecksumIEEE(hdr) != binary.BigEndian.Uint32(foot[12:]) {
		return nil, 0, errPairs
	}
	return hdr, off, nil
}

// pairsReader reads the numbers and strings of a header, remembering the
// first error.
type pairsReader struct {
	b   []byte
	bad bool
}

func (r *pairsReader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *pairsReader) string() string {
	n := r.uint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// parsePairsHeader parses a header; data is where the bitmaps end.
func parsePairsHeader(hdr []byte, docs, data uint64) (*segPairs, error) {
	r := &pairsReader{b: hdr}
	if r.uint() != docs {
		return nil, errPairs
	}
	sp := &segPairs{fields: map[string]*fieldPairs{}}
	for nf := r.uint(); nf > 0 && !r.bad; nf-- {
		name := r.string()
		nt := r.uint()
		if nt > 1<<16 {
			return nil, errPairs
		}
		fp := &fieldPairs{terms: make(map[string]int, nt)}
		for k := 0; k < int(nt) && !r.bad; k++ {
			fp.terms[r.string()] = k
		}
		np := r.uint()
		if np > uint64(len(r.b)) {
			return nil, errPairs
		}
		fp.keys, fp.pairs = make([]int, 0, np), make([]pairEntry, 0, np)
		for ; np > 0 && !r.bad; np-- {
			a, b := r.uint(), r.uint()
			e := pairEntry{off: r.uint()}
			ln, crc := r.uint(), r.uint()
			pln, pcrc := r.uint(), r.uint()
			if a >= nt || b >= nt || e.off+ln+pln > data || ln > 1<<32-1 || pln > 1<<32-1 || crc > 1<<32-1 || pcrc > 1<<32-1 {
				return nil, errPairs
			}
			e.n, e.crc = uint32(ln), uint32(crc)
			e.posOff, e.posN, e.posCRC = e.off+ln, uint32(pln), uint32(pcrc)
			key := int(a*nt + b)
			if len(fp.keys) > 0 && key <= fp.keys[len(fp.keys)-1] {
				return nil, errPairs
			}
			fp.keys = append(fp.keys, key)
			fp.pairs = append(fp.pairs, e)
		}
		sp.fields[name] = fp
	}
	if r.bad || len(r.b) != 0 {
		return nil, errPairs
	}
	return sp, nil
}

// pairPos is one pair's documents in a segment and the positions, in
// each, of its first term where the second follows (pairs.go), with a
// cursor: documents are asked for in increasing order.
type pairPos struct {
	docs  *roaring.Bitmap
	table []uint32 // per chunk: first document, offset
	pos   []byte
	chunk int    // the cursor's chunk
	at    int    // the cursor's offset in pos: a document's start
	base  uint32 // the document its distance is from
}

// pair returns the documents and positions of the pair of terms a, b in
// field, and false when the sidecar does not know (either is not one of
// the field's common terms). A pair of common terms that never occurs
// has no documents.
func (sp *segPairs) pair(field, a, b string) (*pairPos, bool, error) {
	fp := sp.fields[field]
	if fp == nil {
		return nil, false, nil
	}
	ka, ok := fp.terms[a]
	if !ok {
		return nil, false, nil
	}
	kb, ok := fp.terms[b]
	if !ok {
		return nil, false, nil
	}
	i, ok := slices.BinarySearch(fp.keys, ka*len(fp.terms)+kb)
	if !ok {
		return &pairPos{docs: roaring.New()}, true, nil
	}
	e := fp.pairs[i]
	buf := make([]byte, uint64(e.n)+uint64(e.posN))
	if _, err := sp.f.ReadAt(buf, int64(e.off)); err != nil {
		return nil, false, err
	}
	bmb, pb := buf[:e.n], buf[e.n:]
	if crc32.ChecksumIEEE(bmb) != e.crc || crc32.ChecksumIEEE(pb) != e.posCRC {
		return nil, false, errPairs
	}
	p := &pairPos{docs: roaring.New()}
	if _, err := p.docs.FromBuffer(bmb); err != nil {
		return nil, false, fmt.Errorf("%w: %w", errPairs, err)
	}
	nt, n := binary.Uvarint(pb)
	if n <= 0 || nt > uint64(len(pb)-n)/8 || nt != (p.docs.GetCardinality()+pairsChunk-1)/pairsChunk {
		return nil, false, errPairs
	}
	pb = pb[n:]
	p.table = make([]uint32, 2*nt)
	for k := range p.table {
		p.table[k] = binary.BigEndian.Uint32(pb[4*k:])
	}
	p.pos = pb[8*nt:]
	p.chunk = -1
	return p, true, nil
}

// positions appends to buf the positions of the pair in document d, one
// of its documents, at or after the document of the previous call.
func (p *pairPos) positions(d uint32, buf []int) ([]int, error) {
	c := p.chunk
	if c < 0 {
		c = 0
	}
	for c+1 < len(p.table)/2 && p.table[2*(c+1)] <= d {
		c++
	}
	if c >= len(p.table)/2 || p.table[2*c] > d {
		return nil, errPairs
	}
	if c != p.chunk || p.base > d {
		p.chunk, p.at, p.base = c, int(p.table[2*c+1]), p.table[2*c]
	}
	b := p.pos
	if c+1 < len(p.table)/2 && int(p.table[2*(c+1)+1]) <= len(b) {
		b = b[:p.table[2*(c+1)+1]] // this chunk only
	}
	if p.at >= len(b) {
		return nil, errPairs
	}
	at, doc, prev, found := p.at, p.base, 0, false
	for at < len(b) {
		v, n := binary.Uvarint(b[at:])
		if n <= 0 {
			return nil, errPairs
		}
		if v&1 == 1 {
			if found {
				break
			}
			p.at, p.base = at, doc
			if doc += uint32(v >> 1); doc > d {
				return nil, errPairs
			}
			at += n
			continue
		}
		at += n
		if doc == d {
			found = true
			prev += int(v >> 1)
			buf = append(buf, prev)
		}
	}
	if !found {
		return nil, errPairs
	}
	return buf, nil
}

// knownPair is the pair of a phrase's terms k-1 and k.
type knownPair struct {
	k int
	p *pairPos
}

// narrow intersects cand (the documents of the segment holding every
// term of a phrase, at consecutive positions) with the documents of each
// pair of adjacent terms the sidecar knows, and returns those pairs. On
// an error cand may be narrowed by some pairs only, which stays a
// superset of the answer.
func (sp *segPairs) narrow(cand *roaring.Bitmap, field string, terms []string) ([]knownPair, error) {
	var known []knownPair
	for k := 1; k < len(terms) && !cand.IsEmpty(); k++ {
		p, ok, err := sp.pair(field, terms[k-1], terms[k])
		if err != nil {
			return nil, err
		}
		if ok {
			cand.And(p.docs)
			known = append(known, knownPair{k, p})
		}
	}
	return known, nil
}

// keepStartsInts keeps the starts s for which ps (in increasing order)
// holds s+off.
func keepStartsInts(starts, ps []int, off int) []int {
	out := starts[:0]
	j := 0
	for _, s := range starts {
		for j < len(ps) && ps[j] < s+off {
			j++
		}
		if j < len(ps) && ps[j] == s+off {
			out = append(out, s)
		}
	}
	return out
}
