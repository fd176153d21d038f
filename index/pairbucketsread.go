package index

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Reading the sidecars of pairbuckets.go.

// segBuckets is the open pair buckets' sidecar of one segment.
type segBuckets struct {
	f      *os.File
	docs   uint64
	n      int             // buckets
	common map[string]bool // pairs of two of them are not in the buckets
	hashed map[string]bool // nor pairs with another term
	crcs   []uint32        // per chunk, per bucket
	starts []int64         // per chunk: its first bitset's offset
}

// pairBucketsCache holds the sidecars opened by this process, by their
// segment's path (files are never rewritten: see pairsCache).
var pairBucketsCache sync.Map

// segmentBucketsOf returns the pair buckets of ss, or nil when it has none
// that can be used.
func segmentBucketsOf(ss *scorch.SegmentSnapshot) *segBuckets {
	return sidecarOf(&pairBucketsCache, ss, func(seg string, docs uint64) (*segBuckets, error) {
		return openPairBuckets(pairBucketsFile(seg), docs)
	})
}

// openPairBuckets opens the sidecar file of a segment of docs documents
// and reads its header.
func openPairBuckets(file string, docs uint64) (*segBuckets, error) {
	return openSidecar(file, docs, pairBucketsMagic, parsePairBucketsHeader)
}

// parsePairBucketsHeader parses a header; data is where the bitsets end.
func parsePairBucketsHeader(hdr []byte, docs, data uint64) (*segBuckets, error) {
	r := &pairsReader{b: hdr}
	if r.uint() != docs {
		return nil, errPairs
	}
	nb := r.uint()
	if nb == 0 || nb > 1<<16 {
		return nil, errPairs
	}
	sb := &segBuckets{docs: docs, n: int(nb)}
	for _, set := range []*map[string]bool{&sb.common, &sb.hashed} {
		nt := r.uint()
		if nt > 1<<20 {
			return nil, errPairs
		}
		*set = make(map[string]bool, nt)
		for ; nt > 0 && !r.bad; nt-- {
			(*set)[r.string()] = true
		}
	}
	var at int64
	for c := 0; uint64(c)*pairBucketsChunk < docs; c++ {
		sb.starts = append(sb.starts, at)
		at += int64(sb.n) * int64(chunkWords(docs, c)) * 8
	}
	if r.bad || uint64(at) != data || uint64(len(r.b)) != 4*uint64(len(sb.starts))*nb {
		return nil, errPairs
	}
	sb.crcs = make([]uint32, len(r.b)/4)
	for k := range sb.crcs {
		sb.crcs[k] = binary.BigEndian.Uint32(r.b[4*k:])
	}
	return sb, nil
}

// buckets returns the distinct buckets of the adjacent pairs of terms
// that the sidecar holds (of two hashed terms, not both common).
func (sb *segBuckets) buckets(terms []string) []int {
	var out []int
	for k := 1; k < len(terms); k++ {
		a, b := terms[k-1], terms[k]
		if !sb.hashed[a] || !sb.hashed[b] || sb.common[a] && sb.common[b] {
			continue
		}
		if bk := pairBucket(termHash(a), termHash(b), sb.n); !slices.Contains(out, bk) {
			out = append(out, bk)
		}
	}
	return out
}

// narrow keeps in cand (documents of the segment holding every word of a
// phrase of terms at consecutive positions) those whose bits are set in
// the buckets of every adjacent pair the sidecar holds. On an error
// cand is left as it was: a superset of the answer.
func (sb *segBuckets) narrow(cand *roaring.Bitmap, terms []string) error {
	bks := sb.buckets(terms)
	if len(bks) == 0 || cand.IsEmpty() {
		return nil
	}
	out := roaring.New()
	bits := make([][]uint64, len(bks))
	var raw []byte
	chunk := -1
	for it := cand.Iterator(); it.HasNext(); {
		d := it.Next()
		if uint64(d) >= sb.docs {
			return errPairs
		}
		if c := int(d / pairBucketsChunk); c != chunk {
			chunk = c
			var err error
			if raw, err = sb.read(c, bks, bits, raw); err != nil {
				return err
			}
		}
		i := d % pairBucketsChunk
		keep := true
		for _, b := range bits {
			if b[i/64]&(1<<(i%64)) == 0 {
				keep = false
				break
			}
		}
		if keep {
			out.Add(d)
		}
	}
	cand.And(out)
	return nil
}

// read reads chunk c's bitsets of buckets bks into bits (raw: a buffer to
// reuse, returned).
func (sb *segBuckets) read(c int, bks []int, bits [][]uint64, raw []byte) ([]byte, error) {
	words := chunkWords(sb.docs, c)
	size := 8 * words
	for k, b := range bks {
		raw = slices.Grow(raw[:0], size)[:size]
		if _, err := sb.f.ReadAt(raw, sb.starts[c]+int64(b)*int64(size)); err != nil {
			return raw, err
		}
		if crc32.ChecksumIEEE(raw) != sb.crcs[c*sb.n+b] {
			return raw, errPairs
		}
		if cap(bits[k]) < words {
			bits[k] = make([]uint64, words)
		}
		bits[k] = bits[k][:words]
		for j := range words {
			bits[k][j] = binary.LittleEndian.Uint64(raw[8*j:])
		}
	}
	return raw, nil
}
