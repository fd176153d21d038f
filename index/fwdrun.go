package index

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
)

// The forward index: each article's title and body as the sequence of its
// exact terms, keyed by the article's id (not by a segment's document
// number, so that bleve's merges, which renumber documents, leave it as it
// is). It is to answer phrases in an index whose title and body have no
// positions: a phrase's candidates come from the words' postings (and the
// pairs sidecar), and each candidate's sequence says whether it holds the
// phrase. See fwdstore.go for the store of runs; this file is one run.
//
// A run is one immutable file, written once (through a temporary file,
// synced and renamed), and read through mmap. Layout, all integers little
// endian:
//
//	sequences  per article, in id order: uvarint title tokens + 1 (0: the
//	           article was deleted, nothing follows), uvarint body tokens,
//	           then the title's and the body's terms, each a uvarint rank
//	ids        8 bytes per article, ascending
//	offsets    8 bytes per article and one more: its sequence's start
//	ranks      4 bytes per term: the rank of the i-th term in byte order
//	counts     4 bytes per term, by rank: its tokens in the run (merges
//	           rank the merged terms by them)
//	termOffs   4 bytes per term and one more, by rank: the term's start in
//	           terms
//	terms      the terms' bytes, by rank
//	footer     magic, then 8 bytes each: articles, terms, and the start of
//	           ids, ranks, counts, termOffs and terms
//
// Ranks start at 1 and follow the terms' token counts, the commonest
// first, so that the commonest terms (half the tokens of a text) take one
// byte.

const fwdMagic = "archfwd1"

// fwdFooterSize is the size of a run's footer.
const fwdFooterSize = len(fwdMagic) + 7*8

// fwdDoc is one article of a run being written: its title's and body's
// terms in order, or a deletion.
type fwdDoc struct {
	id          int64
	deleted     bool
	title, body fwdPart
}

// fwdPart is a title's or a body's terms in order: its distinct terms (in
// the order they first come), the tokens of each, and each token as an
// index into terms. A run is written from the distinct terms (one lookup
// of a batch's table per term of an article, not per token).
type fwdPart struct {
	terms  [][]byte
	counts []int32
	seq    []uint32
}

// newFwdPart returns the part whose tokens are toks, in order.
func newFwdPart(toks [][]byte) fwdPart {
	ts := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		ts[i] = &analysis.Token{Term: t}
	}
	var p fwdPart
	p.count(ts, true, map[string]uint32{})
	return p
}

// count makes p the part of toks, keeping their order (seq) if keep is
// set, with ids, an empty map, which it leaves empty. The terms are the
// tokens' own bytes.
func (p *fwdPart) count(toks analysis.TokenStream, keep bool, ids map[string]uint32) {
	guess := len(toks)*5/8 + 8 // an article's distinct terms: about 58% of its tokens
	p.terms, p.counts, p.seq = make([][]byte, 0, guess), make([]int32, 0, guess), nil
	if keep {
		p.seq = make([]uint32, len(toks))
	}
	for i, t := range toks {
		id, ok := ids[string(t.Term)]
		if !ok {
			id = uint32(len(p.terms))
			ids[unsafeString(t.Term)] = id // ids is cleared before t.Term could change
			p.terms = append(p.terms, t.Term)
			p.counts = append(p.counts, 0)
		}
		p.counts[id]++
		if keep {
			p.seq[i] = id
		}
	}
	clear(ids)
}

// tokens returns the number of tokens of p.
func (p *fwdPart) tokens() int { return len(p.seq) }

// fwdRun is a run opened for reading.
type fwdRun struct {
	lo, hi uint64 // the generations it holds (fwdstore.go)
	file   string
	data   []byte // the whole file, mapped
	unmap  func() error

	// gone is set (under the store's mu) when a merge has replaced the
	// run: its file goes with its last reference, whoever drops it.
	gone bool

	docs, terms int
	seqs        []byte // sequences
	ids         []byte
	offs        []byte
	ranks       []byte
	counts      []byte
	termOffs    []byte
	termBytes   []byte
}

// errFwdCorrupt is returned for a run whose layout does not hold together.
var errFwdCorrupt = errors.New("forward index: damaged run")

// openFwdRun maps the run in file and checks its layout.
func openFwdRun(file string) (*fwdRun, error) {
	data, unmap, err := mapFile(file)
	if err != nil {
		return nil, err
	}
	r, err := parseFwdRun(data)
	if err != nil {
		_ = unmap()
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	r.file, r.unmap = file, unmap
	return r, nil
}

// parseFwdRun reads the layout of a run from its bytes.
func parseFwdRun(data []byte) (*fwdRun, error) {
	if len(data) < fwdFooterSize || string(data[len(data)-fwdFooterSize:len(data)-fwdFooterSize+len(fwdMagic)]) != fwdMagic {
		return nil, errFwdCorrupt
	}
	f := data[len(data)-fwdFooterSize+len(fwdMagic):]
	u := func(i int) uint64 { return binary.LittleEndian.Uint64(f[8*i:]) }
	docs, terms := u(0), u(1)
	idsAt, ranksAt, countsAt, termOffsAt, termsAt := u(2), u(3), u(4), u(5), u(6)
	end := uint64(len(data) - fwdFooterSize)
	if docs > end/16 || terms > end/12 ||
		idsAt+8*docs+8*(docs+1) != ranksAt || ranksAt+4*terms != countsAt ||
		countsAt+4*terms != termOffsAt || termOffsAt+4*(terms+1) != termsAt || termsAt > end {
		return nil, errFwdCorrupt
	}
	r := &fwdRun{
		data: data, docs: int(docs), terms: int(terms),
		seqs:      data[:idsAt],
		ids:       data[idsAt : idsAt+8*docs],
		offs:      data[idsAt+8*docs : ranksAt],
		ranks:     data[ranksAt:countsAt],
		counts:    data[countsAt:termOffsAt],
		termOffs:  data[termOffsAt:termsAt],
		termBytes: data[termsAt:end],
	}
	if r.off(r.docs) != uint64(len(r.seqs)) || uint64(r.termOff(r.terms)) != uint64(len(r.termBytes)) {
		return nil, errFwdCorrupt
	}
	return r, nil
}

func (r *fwdRun) close() error {
	if r.unmap == nil {
		return nil
	}
	err := r.unmap()
	r.unmap, r.data = nil, nil
	return err
}

func (r *fwdRun) id(i int) int64     { return int64(binary.LittleEndian.Uint64(r.ids[8*i:])) }
func (r *fwdRun) off(i int) uint64   { return binary.LittleEndian.Uint64(r.offs[8*i:]) }
func (r *fwdRun) termOff(k int) int  { return int(binary.LittleEndian.Uint32(r.termOffs[4*k:])) }
func (r *fwdRun) count(rank int) int { return int(binary.LittleEndian.Uint32(r.counts[4*(rank-1):])) }

// term returns the term of rank (from 1), in the mapped file.
func (r *fwdRun) term(rank int) []byte {
	return r.termBytes[r.termOff(rank-1):r.termOff(rank)]
}

// rank returns the rank of term t in the run, 0 when the run lacks it.
func (r *fwdRun) rank(t string) uint64 {
	i := sort.Search(r.terms, func(i int) bool {
		return string(r.term(int(binary.LittleEndian.Uint32(r.ranks[4*i:])))) >= t
	})
	if i == r.terms {
		return 0
	}
	k := int(binary.LittleEndian.Uint32(r.ranks[4*i:]))
	if string(r.term(k)) != t {
		return 0
	}
	return uint64(k)
}

// find returns the index of article id in the run, or -1.
func (r *fwdRun) find(id int64) int {
	i := sort.Search(r.docs, func(i int) bool { return r.id(i) >= id })
	if i < r.docs && r.id(i) == id {
		return i
	}
	return -1
}

// sequence returns the i-th article's title and body as uvarint ranks,
// and false when the run records its deletion.
func (r *fwdRun) sequence(i int) (title, body []byte, ok bool, err error) {
	b := r.seqs[r.off(i):r.off(i+1)]
	nt, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, nil, false, errFwdCorrupt
	}
	if nt == 0 {
		return nil, nil, false, nil
	}
	_, m := binary.Uvarint(b[n:]) // the body's tokens: the rest
	if m <= 0 {
		return nil, nil, false, errFwdCorrupt
	}
	b = b[n+m:]
	// Only the title is walked: a phrase reads one of the two, and a
	// whole body's walk cost more than the phrase's search in it.
	p, err := skipUvarints(b, int(nt-1))
	if err != nil {
		return nil, nil, false, err
	}
	if p < len(b) && b[len(b)-1] >= 0x80 {
		return nil, nil, false, errFwdCorrupt // cut inside a rank
	}
	return b[:p], b[p:], true, nil
}

// skipUvarints returns the length of the first n uvarints of b.
func skipUvarints(b []byte, n int) (int, error) {
	p := 0
	for ; n > 0; n-- {
		for p < len(b) && b[p] >= 0x80 {
			p++
		}
		if p >= len(b) {
			return 0, errFwdCorrupt
		}
		p++
	}
	return p, nil
}

// fwdRunWriter writes a run: the articles' sequences go to a temporary
// file as they come, in id order, with the ranks of a term table made
// beforehand (terms, each with its token count).
type fwdRunWriter struct {
	w       *bufio.Writer
	n       uint64 // bytes written
	ids     []int64
	offs    []uint64
	buf     []byte
	lastID  int64
	started bool
}

// fwdTerm is a term of a run and its tokens.
type fwdTerm struct {
	term  []byte
	count int
}

// compareRanks orders terms by their ranks: the commonest first, ties in
// byte order.
func compareRanks(a, b fwdTerm) int {
	if a.count != b.count {
		return b.count - a.count
	}
	return bytes.Compare(a.term, b.term)
}

// addDoc writes the next article (ids ascending), its terms given as
// ranks by seq.
func (fw *fwdRunWriter) addDoc(id int64, deleted bool, nTitle, nBody int, seq func(emit func(rank uint64))) error {
	if fw.started && id <= fw.lastID {
		return fmt.Errorf("forward index: article %d after %d", id, fw.lastID)
	}
	fw.started, fw.lastID = true, id
	fw.ids = append(fw.ids, id)
	fw.offs = append(fw.offs, fw.n)
	b := fw.buf[:0]
	if deleted {
		b = binary.AppendUvarint(b, 0)
	} else {
		b = binary.AppendUvarint(b, uint64(nTitle)+1)
		b = binary.AppendUvarint(b, uint64(nBody))
		seq(func(rank uint64) { b = binary.AppendUvarint(b, rank) })
	}
	fw.buf = b
	m, err := fw.w.Write(b)
	fw.n += uint64(m)
	return err
}

// finish writes the tables and the footer after the sequences; terms are
// by rank.
func (fw *fwdRunWriter) finish(terms []fwdTerm) error {
	fw.offs = append(fw.offs, fw.n)
	var le [8]byte
	put64 := func(v uint64) {
		binary.LittleEndian.PutUint64(le[:], v)
		m, _ := fw.w.Write(le[:])
		fw.n += uint64(m)
	}
	put32 := func(v int) {
		binary.LittleEndian.PutUint32(le[:4], uint32(v))
		m, _ := fw.w.Write(le[:4])
		fw.n += uint64(m)
	}
	idsAt := fw.n
	for _, id := range fw.ids {
		put64(uint64(id))
	}
	for _, o := range fw.offs {
		put64(o)
	}
	ranksAt := fw.n
	byBytes := make([]int, len(terms))
	for i := range byBytes {
		byBytes[i] = i
	}
	slices.SortFunc(byBytes, func(a, b int) int { return bytes.Compare(terms[a].term, terms[b].term) })
	for _, i := range byBytes {
		put32(i + 1)
	}
	countsAt := fw.n
	for _, t := range terms {
		put32(min(t.count, 1<<32-1))
	}
	termOffsAt := fw.n
	off := 0
	for _, t := range terms {
		put32(off)
		off += len(t.term)
	}
	put32(off)
	if off >= 1<<32 {
		return fmt.Errorf("forward index: %d bytes of terms in one run", off)
	}
	termsAt := fw.n
	for _, t := range terms {
		m, _ := fw.w.Write(t.term)
		fw.n += uint64(m)
	}
	m, _ := fw.w.WriteString(fwdMagic)
	fw.n += uint64(m)
	for _, v := range []uint64{uint64(len(fw.ids)), uint64(len(terms)), idsAt, ranksAt, countsAt, termOffsAt, termsAt} {
		put64(v)
	}
	return fw.w.Flush()
}

// writeFwdDocs writes a run of docs (any order; one entry per id) to w.
func writeFwdDocs(w io.Writer, docs []fwdDoc) error {
	terms, at := fwdRunTerms(docs)
	byRank := make([]int, len(terms))
	for i := range byRank {
		byRank[i] = i
	}
	slices.SortFunc(byRank, func(a, b int) int { return compareRanks(terms[a], terms[b]) })
	rankOf := make([]uint64, len(terms))
	ranked := make([]fwdTerm, len(terms))
	for rank, i := range byRank {
		rankOf[i] = uint64(rank + 1)
		ranked[rank] = terms[i]
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(docs[a].id, docs[b].id) })
	fw := &fwdRunWriter{w: bufio.NewWriterSize(w, 1<<16)}
	for _, k := range order {
		d := &docs[k]
		err := fw.addDoc(d.id, d.deleted, d.title.tokens(), d.body.tokens(), func(emit func(uint64)) {
			for j, p := range [2]*fwdPart{&d.title, &d.body} {
				for _, id := range p.seq {
					emit(rankOf[at[k][j][id]])
				}
			}
		})
		if err != nil {
			return err
		}
	}
	return fw.finish(ranked)
}

// fwdRunTerms returns the terms of docs, each with its tokens, and, for
// each doc, the index in terms of each distinct term of its title and of
// its body.
func fwdRunTerms(docs []fwdDoc) ([]fwdTerm, [][2][]int32) {
	n := 0
	for i := range docs {
		n += len(docs[i].title.terms) + len(docs[i].body.terms)
	}
	flat := make([]int32, n)
	at := make([][2][]int32, len(docs))
	index := make(map[string]int32, n/8)
	var terms []fwdTerm
	for k := range docs {
		for j, p := range [2]*fwdPart{&docs[k].title, &docs[k].body} {
			xs := flat[:len(p.terms):len(p.terms)]
			flat = flat[len(p.terms):]
			for i, t := range p.terms {
				x, ok := index[string(t)]
				if !ok {
					x = int32(len(terms))
					index[string(t)] = x
					terms = append(terms, fwdTerm{term: t})
				}
				terms[x].count += int(p.counts[i])
				xs[i] = x
			}
			at[k][j] = xs
		}
	}
	return terms, at
}

// mergeFwdRuns writes to w the one run that holds what runs (oldest
// first) hold: an article's newest entry wins, and deletions are left out
// when drop is set (the runs are the oldest of the store: nothing older
// is left for a deletion to hide).
func mergeFwdRuns(w io.Writer, runs []*fwdRun, drop bool) error {
	terms, from := mergedTerms(runs)
	fw := &fwdRunWriter{w: bufio.NewWriterSize(w, 1<<16)}
	if err := mergeFwdDocs(fw, runs, from, drop); err != nil {
		return err
	}
	return fw.finish(terms)
}

// mergedTerms returns the union of the runs' terms, in rank order, and
// each run's ranks mapped to the merged ones (from[run][rank-1]).
func mergedTerms(runs []*fwdRun) (terms []fwdTerm, from [][]int) {
	type cursor struct{ r, i int }
	var all []fwdTerm               // in byte order
	from = make([][]int, len(runs)) // run, rank-1 -> index in all
	cur := make([]cursor, 0, len(runs))
	for k, r := range runs {
		from[k] = make([]int, r.terms)
		if r.terms > 0 {
			cur = append(cur, cursor{k, 0})
		}
	}
	termAt := func(c cursor) (int, []byte) {
		rank := int(binary.LittleEndian.Uint32(runs[c.r].ranks[4*c.i:]))
		return rank, runs[c.r].term(rank)
	}
	for len(cur) > 0 {
		_, least := termAt(cur[0])
		for _, c := range cur[1:] {
			if _, t := termAt(c); bytes.Compare(t, least) < 0 {
				least = t
			}
		}
		ft := fwdTerm{term: least}
		kept := cur[:0]
		for _, c := range cur {
			rank, t := termAt(c)
			if bytes.Equal(t, least) {
				ft.count += runs[c.r].count(rank)
				from[c.r][rank-1] = len(all)
				c.i++
			}
			if c.i < runs[c.r].terms {
				kept = append(kept, c)
			}
		}
		cur = kept
		all = append(all, ft)
	}
	byRank := make([]int, len(all))
	for i := range byRank {
		byRank[i] = i
	}
	slices.SortFunc(byRank, func(a, b int) int { return compareRanks(all[a], all[b]) })
	rankOf := make([]uint64, len(all))
	terms = make([]fwdTerm, len(all))
	for rank, i := range byRank {
		rankOf[i] = uint64(rank + 1)
		terms[rank] = all[i]
	}
	for k := range from {
		for j, i := range from[k] {
			from[k][j] = int(rankOf[i])
		}
	}
	return terms, from
}

// mergeFwdDocs writes the runs' articles to fw in id order, each its
// newest entry (later runs win ties), their terms' ranks mapped by from;
// deletions are left out when drop is set.
func mergeFwdDocs(fw *fwdRunWriter, runs []*fwdRun, from [][]int, drop bool) error {
	pos := make([]int, len(runs))
	for {
		best := -1
		var id int64
		for k, r := range runs {
			if pos[k] < r.docs && (best < 0 || r.id(pos[k]) <= id) {
				best, id = k, r.id(pos[k]) // later runs win ties
			}
		}
		if best < 0 {
			return nil
		}
		for k, r := range runs {
			if pos[k] < r.docs && r.id(pos[k]) == id {
				pos[k]++
			}
		}
		r := runs[best]
		title, body, ok, err := r.sequence(pos[best] - 1)
		if err != nil {
			return fmt.Errorf("%s: %w", r.file, err)
		}
		if !ok && drop {
			continue
		}
		nt, nb := countUvarints(title), countUvarints(body)
		err = fw.addDoc(id, !ok, nt, nb, func(emit func(uint64)) {
			for _, part := range [][]byte{title, body} {
				for p := 0; p < len(part); {
					v, n := binary.Uvarint(part[p:])
					p += n
					emit(uint64(from[best][v-1]))
				}
			}
		})
		if err != nil {
			return err
		}
	}
}

// countUvarints returns the number of uvarints in b.
func countUvarints(b []byte) int {
	n := 0
	for _, c := range b {
		if c < 0x80 {
			n++
		}
	}
	return n
}

// fwdRunName returns the file name of the run holding generations lo to
// hi, and fwdRunSpan reads it back.
func fwdRunName(lo, hi uint64) string { return fmt.Sprintf("%016x-%016x.fwd", lo, hi) }

func fwdRunSpan(name string) (lo, hi uint64, ok bool) {
	base, found := strings.CutSuffix(name, ".fwd")
	if !found || len(base) != 33 || base[16] != '-' {
		return 0, 0, false
	}
	if _, err := fmt.Sscanf(base, "%016x-%016x", &lo, &hi); err != nil || lo > hi {
		return 0, 0, false
	}
	return lo, hi, true
}

// removeFile removes file, ignoring a file already gone.
func removeFile(file string) error {
	if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// unsafeString returns b as a string without a copy: b must not change
// while the string is in use.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
