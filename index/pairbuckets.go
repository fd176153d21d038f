package index

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Pair buckets: a sidecar beside each large segment, for phrases in the
// body (format 8, stembody.go) whose words are not all common.
//
// Without positions, a phrase's candidates are the articles holding all
// its words (and their other forms), and each is read in the forward
// index. The pairs sidecar (pairs.go) narrows the pairs of two common
// words; a phrase that mixes common and mid-frequency words ("the biwe
// bube for") keeps thousands of candidates per 100,000 articles. Here
// each adjacent pair (a, b) of an article's body, both among the
// pairBucketsTerms commonest terms but not both among the pairs' common
// ones, is hashed into one of pairBucketsN buckets, and each bucket
// keeps a bitset of the segment's documents holding a pair of it: a
// phrase's candidates are intersected with the buckets of its adjacent
// pairs that are hashed. A bucket holds other pairs too (an article sets
// about a fifth of the buckets), so some candidates stay that do not
// hold the phrase (the forward index drops them), but none that does is
// lost. The cost is pairBucketsN/8 bytes per article (128).
//
// The file: per chunk of 65,536 documents, per bucket, the bitset of the
// chunk's documents (little-endian 64-bit words, a document's bit at
// its number in the chunk); then the header: the segment's document
// count, the number of buckets, the common terms (pairs of two of them
// are left out), the hashed terms (pairs with another term are left
// out), and a CRC-32 per bitset; then the header's offset (8 bytes),
// length and CRC-32 (4 bytes each) and pairBucketsMagic. A missing,
// damaged or older file only means no narrowing.

// pairBucketsDirName is the folder of the sidecars in the index's folder.
const pairBucketsDirName = "pairbuckets"

// pairBucketsMagic ends every sidecar; a new layout or hash gets a new one.
const pairBucketsMagic = "ARPBKT02"

// pairBucketsN is the number of buckets of a new sidecar.
var pairBucketsN = 1024

// pairBucketsTerms is the number of terms whose pairs are hashed: the
// commonest of the forward index. A phrase with a rarer word has few
// candidates without the buckets, and leaving the pairs of rare words
// out halves the buckets' load: an article of 204 such pairs (of 480)
// sets 18% of 1,024 buckets, not 37%.
var pairBucketsTerms = 2048

// pairBucketsChunk is the number of documents of a chunk (a power of 2).
const pairBucketsChunk = 1 << 16

// pairBucketsSidecar is the pair buckets' kind of sidecar (sidecars.go),
// read from the forward index fwd; without one (or outside option (b))
// it writes nothing.
func pairBucketsSidecar(fwd *fwdStore) sidecar {
	return sidecar{
		what:    "phrase pair buckets",
		file:    pairBucketsFile,
		minDocs: pairsMinDocs,
		weight:  3, // 1.7-3.0 s a segment of 100,000 articles
		usable: func(file string, docs uint64) bool {
			if fwd == nil {
				return true // nothing to write
			}
			sb, err := openPairBuckets(file, docs)
			if err != nil {
				return false // missing, damaged or of an older layout: (re)written
			}
			sb.f.Close()
			return true
		},
		write: func(ctx context.Context, w io.Writer, seg segment.Segment) (int64, error) {
			v := fwd.view()
			defer v.release()
			return writePairBucketsTo(ctx, w, seg, v, pairBucketsN)
		},
	}
}

// pairBucketsFile returns the pair buckets' sidecar of the segment file seg.
func pairBucketsFile(seg string) string { return sidecarFile(seg, pairBucketsDirName, ".pbk") }

// termHash is FNV-1a (64 bits) of a term: the same in every process.
func termHash[T string | []byte](t T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(t); i++ {
		h ^= uint64(t[i])
		h *= 1099511628211
	}
	return h
}

// pairBucket returns the bucket, of n, of the pair of terms hashed ha, hb.
func pairBucket(ha, hb uint64, n int) int {
	h := ha ^ (hb*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019)
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return int((h >> 32) * uint64(n) >> 32)
}

// chunkWords returns the number of 64-bit words of chunk c's bitsets in a
// segment of docs documents.
func chunkWords(docs uint64, c int) int {
	n := min(docs-uint64(c)*pairBucketsChunk, pairBucketsChunk)
	return int((n + 63) / 64)
}

// writePairBucketsTo writes seg's sidecar, of n buckets, read from the
// forward index v, to w and returns its size; it stops with ctx's error
// once ctx is done.
func writePairBucketsTo(ctx context.Context, w io.Writer, seg segment.Segment, v *fwdView, n int) (int64, error) {
	common, err := commonBodyTerms(seg, pairsTerms, v) // pairs.go's: the pairs it knows are left out
	if err != nil {
		return 0, err
	}
	hashed, err := commonBodyTerms(seg, pairBucketsTerms, v)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := &countingWriter{w: bw}
	docs := seg.Count()
	hdr := binary.AppendUvarint(nil, docs)
	hdr = binary.AppendUvarint(hdr, uint64(n))
	for _, ts := range [][]string{common, hashed} {
		hdr = binary.AppendUvarint(hdr, uint64(len(ts)))
		for _, t := range ts {
			hdr = appendString(hdr, t)
		}
	}
	hs := newRunHashes(common, hashed)
	var le [8]byte
	for c := 0; uint64(c)*pairBucketsChunk < docs; c++ {
		words := chunkWords(docs, c)
		bits := make([]uint64, n*words)
		if err := bucketChunk(ctx, seg, v, hs, c, n, words, bits); err != nil {
			return 0, err
		}
		for b := range n {
			cw.crc = 0
			for _, x := range bits[b*words : (b+1)*words] {
				binary.LittleEndian.PutUint64(le[:], x)
				if _, err := cw.Write(le[:]); err != nil {
					return 0, err
				}
			}
			hdr = binary.BigEndian.AppendUint32(hdr, cw.crc)
		}
	}
	var foot []byte
	foot = binary.BigEndian.AppendUint64(foot, uint64(cw.n))
	foot = binary.BigEndian.AppendUint32(foot, uint32(len(hdr)))
	foot = binary.BigEndian.AppendUint32(foot, crc32.ChecksumIEEE(hdr))
	foot = append(foot, pairBucketsMagic...)
	if _, err := cw.Write(hdr); err != nil {
		return 0, err
	}
	if _, err := cw.Write(foot); err != nil {
		return 0, err
	}
	return cw.n, bw.Flush()
}

// bucketChunk sets, in bits (bucket b's bitset at b*words), the buckets
// of the pairs of each document of chunk c.
func bucketChunk(ctx context.Context, seg segment.Segment, v *fwdView, hs *runHashes, c, n, words int, bits []uint64) error {
	first := uint64(c) * pairBucketsChunk
	for d := first; d < min(first+pairBucketsChunk, seg.Count()); d++ {
		if err := ctxEvery(ctx, d); err != nil {
			return err
		}
		ext, err := seg.DocID(d)
		if err != nil {
			return err
		}
		id, err := strconv.ParseInt(string(ext), 10, 64)
		if err != nil {
			return fmt.Errorf("document id %q: %w", ext, err)
		}
		r, i, err := v.lookup(id)
		if err != nil {
			return err
		}
		if r == nil {
			continue // deleted since: never a candidate
		}
		_, body, _, err := r.sequence(i)
		if err != nil {
			return fmt.Errorf("%s: %w", r.file, err)
		}
		word, bit := int(d-first)/64, uint64(1)<<((d-first)%64)
		err = hs.pairs(r, body, func(ha, hb uint64) {
			bits[pairBucket(ha, hb, n)*words+word] |= bit
		})
		if err != nil {
			return fmt.Errorf("%s: %w", r.file, err)
		}
	}
	return nil
}

// runHashes holds, per run of the forward index, each rank's term hash
// and marks, made as ranks are met.
type runHashes struct {
	common, hashed map[string]bool
	runs           map[*fwdRun][]rankHash
}

// rankHash is a rank's term hash and marks; set is false until the rank
// is met.
type rankHash struct {
	h                   uint64
	common, hashed, set bool
}

func newRunHashes(common, hashed []string) *runHashes {
	return &runHashes{common: termSet(common), hashed: termSet(hashed), runs: map[*fwdRun][]rankHash{}}
}

func termSet(ts []string) map[string]bool {
	m := make(map[string]bool, len(ts))
	for _, t := range ts {
		m[t] = true
	}
	return m
}

// pairs calls f with the term hashes of each adjacent pair of seq (a
// sequence of r) of two hashed terms, not both common.
func (hs *runHashes) pairs(r *fwdRun, seq []byte, f func(ha, hb uint64)) error {
	tab, ok := hs.runs[r]
	if !ok {
		tab = make([]rankHash, r.terms+1)
		hs.runs[r] = tab
	}
	var prev rankHash
	for p := 0; p < len(seq); {
		rank, m := binary.Uvarint(seq[p:])
		if m <= 0 || rank == 0 || rank > uint64(r.terms) {
			return errFwdCorrupt
		}
		p += m
		e := &tab[rank]
		if !e.set {
			t := r.term(int(rank))
			e.h, e.common, e.hashed, e.set = termHash(t), hs.common[string(t)], hs.hashed[string(t)], true
		}
		if prev.hashed && e.hashed && !(prev.common && e.common) {
			f(prev.h, e.h)
		}
		prev = *e
	}
	return nil
}
