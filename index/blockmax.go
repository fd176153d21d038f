package index

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Per-block score bounds: a sidecar beside each large segment.
//
// The pass of topk.go scores every hit of a query's terms; a common word
// at 1,000,000 articles has about 190,000, whose frequencies and norms
// must all be decoded (zap keeps no bound on them). bleve's TF-IDF score
// of a term in a document is sqrt(freq) * norm times factors of the query
// (boost, idf), the same for every document. For each segment of at least
// blockMaxMinDocs articles, a file in the index's blockmax folder (named
// after the segment's file: segments are immutable and their names never
// reused within an index) holds, for each term of the title, body and
// stemmed fields in at least blockMaxMinTerm of its documents, the largest
// sqrt(freq) * norm in each block of 1<<blockMaxBits document numbers. The
// pass then visits the blocks best bound first and skips those whose
// bound cannot reach the k-th best score found so far (blockmax pruning,
// topk.go). Terms without bounds are bounded by 1: freq is at most the
// field's length, and norm is 1/sqrt(length). A missing, damaged or older
// file only means the pass reads every hit, as before.
//
// The file: one entry per term, one after another (the key field + "\x00"
// + term as a uint16 length and bytes, the largest value over the
// segment as a float32 rounded up, one byte per block: 0 when the term is
// not in the block, else ceil(255 * block's largest / segment's largest),
// and the entry's CRC-32), then the directory, sorted by hash (per entry
// the key's FNV-1a hash, its offset and its length, 16 bytes), then the
// footer: the directory's offset (8 bytes), the number of entries and the
// directory's CRC-32 (4 bytes each), the segment's document count (8),
// the block size as a power of two (1 byte, 3 bytes of padding) and
// blockMaxMagic.

// blockMaxDirName is the folder of the index (beside bleve's store)
// holding the sidecars: scorch counts and removes the files of its own.
const blockMaxDirName = "blockmax"

// blockMaxMagic ends every sidecar; a new layout gets a new magic.
const blockMaxMagic = "ARBMAX01"

// blockMaxFooter is the size of a sidecar's footer.
const blockMaxFooter = 8 + 4 + 4 + 8 + 4 + len(blockMaxMagic)

// uniformBound bounds sqrt(freq) * norm for any term (norms are stored as
// float32, hence the margin).
const uniformBound = 1.0001

// boundSlack makes a bound read from a sidecar a little larger, to cover
// the rounding of the pass's products and sums.
const boundSlack = 1 + 1e-6

var (
	// blockMaxBits sets the block size: 1<<blockMaxBits documents.
	blockMaxBits uint = 8
	// blockMaxMinDocs is the size from which a segment gets a sidecar:
	// smaller ones are scanned fast enough without.
	blockMaxMinDocs uint64 = 20_000
	// blockMaxMinTerm is the number of documents from which a term gets
	// bounds: shorter postings are cheap to read in full.
	blockMaxMinTerm uint64 = 1024
)

// blockMaxField reports whether field gets bounds: the fields of words.
func blockMaxField(field string) bool {
	return field == fieldTitle || field == fieldBody || strings.HasPrefix(field, fieldStemPrefix)
}

// blockMaxSidecar is the block bounds' kind of sidecar (sidecars.go).
func blockMaxSidecar() sidecar {
	return sidecar{
		what:    "block bounds",
		file:    blockMaxFile,
		minDocs: blockMaxMinDocs,
		weight:  2, // 1.6-2.0 s a segment of 100,000 articles
		usable: func(file string, _ uint64) bool {
			_, err := os.Stat(file)
			return err == nil
		},
		write: blockMaxTo,
	}
}

// blockMaxFile returns the block bounds' sidecar of the segment file seg.
func blockMaxFile(seg string) string { return sidecarFile(seg, blockMaxDirName, ".bmax") }

// bmDirEntry locates one term's entry in a sidecar.
type bmDirEntry struct {
	hash uint64
	off  uint32
	n    uint32
}

func bmKeyHash(field, term string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(field))
	h.Write([]byte{0})
	h.Write([]byte(term))
	return h.Sum64()
}

// blockMaxTo writes seg's sidecar to w and returns its size.
func blockMaxTo(ctx context.Context, w io.Writer, seg segment.Segment) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	docs := seg.Count()
	bits := blockMaxBits
	blocks := int((docs + 1<<bits - 1) >> bits)
	maxes := make([]float64, blocks)
	var dir []bmDirEntry
	var off int64
	var buf []byte
	for _, field := range seg.Fields() {
		if !blockMaxField(field) {
			continue
		}
		dict, err := seg.Dictionary(field)
		if err != nil {
			return 0, fmt.Errorf("field %s: %w", field, err)
		}
		it := dict.AutomatonIterator(nil, nil, nil)
		for {
			e, err := it.Next()
			if err != nil {
				return 0, fmt.Errorf("field %s: %w", field, err)
			}
			if e == nil {
				break
			}
			if uint64(e.Count) < blockMaxMinTerm || len(field)+1+len(e.Term) > math.MaxUint16 {
				continue
			}
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			top, err := termMaxes(dict, e.Term, bits, maxes)
			if err != nil {
				return 0, fmt.Errorf("field %s: %w", field, err)
			}
			buf = appendBMEntry(buf[:0], field, e.Term, top, maxes)
			if _, err := bw.Write(buf); err != nil {
				return 0, err
			}
			dir = append(dir, bmDirEntry{bmKeyHash(field, e.Term), uint32(off), uint32(len(buf))})
			off += int64(len(buf))
			if off > math.MaxUint32 {
				return 0, errors.New("block bounds: too large")
			}
		}
	}
	slices.SortFunc(dir, func(a, b bmDirEntry) int {
		switch {
		case a.hash < b.hash:
			return -1
		case a.hash > b.hash:
			return 1
		}
		return int(a.off) - int(b.off)
	})
	d := make([]byte, 0, 16*len(dir))
	for _, e := range dir {
		d = binary.LittleEndian.AppendUint64(d, e.hash)
		d = binary.LittleEndian.AppendUint32(d, e.off)
		d = binary.LittleEndian.AppendUint32(d, e.n)
	}
	foot := binary.LittleEndian.AppendUint64(nil, uint64(off))
	foot = binary.LittleEndian.AppendUint32(foot, uint32(len(dir)))
	foot = binary.LittleEndian.AppendUint32(foot, crc32.ChecksumIEEE(d))
	foot = binary.LittleEndian.AppendUint64(foot, docs)
	foot = append(foot, byte(bits), 0, 0, 0)
	foot = append(foot, blockMaxMagic...)
	if _, err := bw.Write(d); err != nil {
		return 0, err
	}
	if _, err := bw.Write(foot); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return off + int64(len(d)) + int64(len(foot)), nil
}

// termMaxes sets maxes[b] to the largest sqrt(freq) * norm of term in
// block b (0 when it is not there) and returns the largest of all.
func termMaxes(dict segment.TermDictionary, term string, bits uint, maxes []float64) (float64, error) {
	clear(maxes)
	pl, err := dict.PostingsList([]byte(term), nil, nil)
	if err != nil || pl == nil {
		return 0, err
	}
	it := pl.Iterator(true, true, false, nil)
	top := 0.0
	for {
		p, err := it.Next()
		if err != nil {
			return 0, err
		}
		if p == nil {
			return top, nil
		}
		v := math.Sqrt(float64(p.Frequency())) * p.Norm()
		b := p.Number() >> bits
		if b < uint64(len(maxes)) && v > maxes[b] {
			maxes[b] = v
			top = max(top, v)
		}
	}
}

// appendBMEntry appends the sidecar entry of a term to buf.
func appendBMEntry(buf []byte, field, term string, top float64, maxes []float64) []byte {
	start := len(buf)
	buf = binary.LittleEndian.AppendUint16(buf, uint16(len(field)+1+len(term)))
	buf = append(buf, field...)
	buf = append(buf, 0)
	buf = append(buf, term...)
	t32 := float32(top)
	if float64(t32) < top {
		t32 = math.Nextafter32(t32, float32(math.Inf(1)))
	}
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(t32))
	for _, m := range maxes {
		q := 0
		if m > 0 {
			q = min(255, max(1, int(math.Ceil(m/float64(t32)*255))))
		}
		buf = append(buf, byte(q))
	}
	return binary.LittleEndian.AppendUint32(buf, crc32.ChecksumIEEE(buf[start:]))
}

// blockMax reads one segment's sidecar.
type blockMax struct {
	f      *os.File
	file   string
	bits   uint
	blocks int
	dir    []byte // 16 bytes an entry, sorted by hash
}

// openBlockMax opens the sidecar of segment file seg, which holds docs
// documents; it returns nil when there is none or it does not fit the
// segment (older, damaged): the pass then reads every hit.
func openBlockMax(seg string, docs uint64) *blockMax {
	file := blockMaxFile(seg)
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	if bm := readBlockMax(f, docs); bm != nil {
		bm.file = file
		return bm
	}
	f.Close()
	return nil
}

func readBlockMax(f *os.File, docs uint64) *blockMax {
	fi, err := f.Stat()
	if err != nil || fi.Size() < int64(blockMaxFooter) {
		return nil
	}
	foot := make([]byte, blockMaxFooter)
	if _, err := f.ReadAt(foot, fi.Size()-int64(blockMaxFooter)); err != nil {
		return nil
	}
	le := binary.LittleEndian
	dirOff, n, crc := le.Uint64(foot), le.Uint32(foot[8:]), le.Uint32(foot[12:])
	bits := uint(foot[24])
	if string(foot[28:]) != blockMaxMagic || le.Uint64(foot[16:]) != docs || bits > 30 ||
		dirOff+16*uint64(n)+uint64(blockMaxFooter) != uint64(fi.Size()) {
		return nil
	}
	dir := make([]byte, 16*int(n))
	if _, err := f.ReadAt(dir, int64(dirOff)); err != nil || crc32.ChecksumIEEE(dir) != crc {
		return nil
	}
	return &blockMax{f: f, bits: bits, blocks: int((docs + 1<<bits - 1) >> bits), dir: dir}
}

func (bm *blockMax) close() { bm.f.Close() }

// sidecarCache keeps the sidecars' directories read (and checked) by
// segment: a search reads a few terms' entries, and used to read the
// whole directory (16 bytes a term) and resolve the file's path first.
// Each entry is still checked by its CRC when read.
var sidecarCache = newLRU[*blockMax](64<<20, 256)

// segmentSidecar returns openBlockMax(path, docs) for segment seg, its
// directory from the cache when it is there.
func segmentSidecar(seg segment.Segment, path string, docs uint64) *blockMax {
	if !cacheable(seg) {
		return openBlockMax(path, docs)
	}
	key := cacheKey{seg: seg}
	if c, ok := sidecarCache.get(key); ok {
		f, err := os.Open(c.file)
		if err != nil {
			return nil
		}
		return &blockMax{f: f, file: c.file, bits: c.bits, blocks: c.blocks, dir: c.dir}
	}
	bm := openBlockMax(path, docs)
	if bm != nil {
		sidecarCache.put(key, &blockMax{file: bm.file, bits: bm.bits, blocks: bm.blocks, dir: bm.dir}, uint64(len(bm.dir)))
	}
	return bm
}

// bounds sets out[b] (len bm.blocks) to a bound of sqrt(freq) * norm of
// term in block b, and reports whether the sidecar has the term.
func (bm *blockMax) bounds(field, term string, out []float64) bool {
	h := bmKeyHash(field, term)
	le := binary.LittleEndian
	n := len(bm.dir) / 16
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if le.Uint64(bm.dir[16*m:]) < h {
			lo = m + 1
		} else {
			hi = m
		}
	}
	key := field + "\x00" + term
	for ; lo < n && le.Uint64(bm.dir[16*lo:]) == h; lo++ {
		off, size := le.Uint32(bm.dir[16*lo+8:]), le.Uint32(bm.dir[16*lo+12:])
		if int(size) != 2+len(key)+4+bm.blocks+4 {
			continue
		}
		e := make([]byte, size)
		if _, err := bm.f.ReadAt(e, int64(off)); err != nil {
			return false
		}
		body := e[:len(e)-4]
		if crc32.ChecksumIEEE(body) != le.Uint32(e[len(e)-4:]) || int(le.Uint16(e)) != len(key) || string(e[2:2+len(key)]) != key {
			continue
		}
		top := float64(math.Float32frombits(le.Uint32(e[2+len(key):])))
		for b, q := range body[2+len(key)+4:] {
			out[b] = top * float64(q) / 255 * boundSlack
		}
		return true
	}
	return false
}
