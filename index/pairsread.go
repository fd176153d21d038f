package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
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
	pairs map[int]pairEntry
}

// pairsCache holds the sidecars opened by this process, by path. Files
// are never rewritten (a segment's name is never reused), so an entry
// stays right.
var pairsCache sync.Map

// segmentPairsOf returns the sidecar of ss, or nil when it has none that
// can be used (in memory, small, not written yet, damaged).
func segmentPairsOf(ss *scorch.SegmentSnapshot) *segPairs {
	ps, ok := ss.Segment().(segment.PersistedSegment)
	if !ok || ss.Segment().Count() < pairsMinDocs {
		return nil
	}
	path := ps.Path()
	file := pairsFile(path)
	if v, ok := pairsCache.Load(file); ok {
		return v.(*segPairs)
	}
	if _, err := os.Stat(file); err != nil {
		// A read-only view (view.go) links to the segment files.
		real, err := filepath.EvalSymlinks(path)
		if err != nil || real == path {
			return nil
		}
		file = pairsFile(real)
		if v, ok := pairsCache.Load(file); ok {
			return v.(*segPairs)
		}
	}
	sp, err := openPairs(file, ss.Segment().Count())
	if err != nil {
		return nil
	}
	v, _ := pairsCache.LoadOrStore(file, sp)
	return v.(*segPairs)
}

// openPairs opens the sidecar file of a segment of docs documents and
// reads its header.
func openPairs(file string, docs uint64) (*segPairs, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	sp, err := readPairsHeader(f, docs)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return sp, nil
}

func readPairsHeader(f *os.File, docs uint64) (*segPairs, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	const footLen = 8 + 4 + 4 + len(pairsMagic)
	size := st.Size()
	if size < int64(footLen) {
		return nil, errPairs
	}
	foot := make([]byte, footLen)
	if _, err := f.ReadAt(foot, size-int64(footLen)); err != nil {
		return nil, err
	}
	if string(foot[16:]) != pairsMagic {
		return nil, errPairs
	}
	off := binary.BigEndian.Uint64(foot)
	n := binary.BigEndian.Uint32(foot[8:])
	if off+uint64(n)+uint64(footLen) != uint64(size) {
		return nil, errPairs
	}
	hdr := make([]byte, n)
	if _, err := f.ReadAt(hdr, int64(off)); err != nil {
		return nil, err
	}
	if crc32.ChecksumIEEE(hdr) != binary.BigEndian.Uint32(foot[12:]) {
		return nil, errPairs
	}
	sp, err := parsePairsHeader(hdr, docs, off)
	if err != nil {
		return nil, err
	}
	sp.f = f
	return sp, nil
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
		fp := &fieldPairs{terms: make(map[string]int, nt), pairs: map[int]pairEntry{}}
		for k := 0; k < int(nt) && !r.bad; k++ {
			fp.terms[r.string()] = k
		}
		for np := r.uint(); np > 0 && !r.bad; np-- {
			a, b := r.uint(), r.uint()
			e := pairEntry{off: r.uint()}
			ln, crc := r.uint(), r.uint()
			if a >= nt || b >= nt || e.off+ln > data || ln > 1<<32-1 || crc > 1<<32-1 {
				return nil, errPairs
			}
			e.n, e.crc = uint32(ln), uint32(crc)
			fp.pairs[int(a*nt+b)] = e
		}
		sp.fields[name] = fp
	}
	if r.bad || len(r.b) != 0 {
		return nil, errPairs
	}
	return sp, nil
}

// pair returns the documents of the segment where term b follows term a
// in field, and false when the sidecar does not know (either is not one
// of the field's common terms). A pair of common terms that never occurs
// gives an empty bitmap.
func (sp *segPairs) pair(field, a, b string) (*roaring.Bitmap, bool, error) {
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
	e, ok := fp.pairs[ka*len(fp.terms)+kb]
	if !ok {
		return roaring.New(), true, nil
	}
	buf := make([]byte, e.n)
	if _, err := sp.f.ReadAt(buf, int64(e.off)); err != nil {
		return nil, false, err
	}
	if crc32.ChecksumIEEE(buf) != e.crc {
		return nil, false, errPairs
	}
	bm := roaring.New()
	if _, err := bm.FromBuffer(buf); err != nil {
		return nil, false, fmt.Errorf("%w: %w", errPairs, err)
	}
	return bm, true, nil
}

// narrowByPairs intersects cand (documents of one segment holding every
// term of a phrase whose terms are at consecutive positions) with the
// bitmap of each pair of adjacent terms the sidecar knows. It reports
// whether cand is then exactly the phrase's documents (a phrase of two
// terms with a known pair). On an error cand may be narrowed by some
// pairs only, which stays a superset of the answer.
func (sp *segPairs) narrowByPairs(cand *roaring.Bitmap, field string, terms []string) (exact bool, err error) {
	known := 0
	for k := 1; k < len(terms) && !cand.IsEmpty(); k++ {
		bm, ok, err := sp.pair(field, terms[k-1], terms[k])
		if err != nil {
			return false, err
		}
		if ok {
			cand.And(bm)
			known++
		}
	}
	return len(terms) == 2 && known == 1 || cand.IsEmpty(), nil
}
