package index

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// fwdStore is the forward index of an index folder (fwdrun.go): a folder
// of runs, each written once and never changed, every new set of
// articles (a batch) in a run of its own, and runs merged as they pile
// up, as bleve merges its segments.
//
// Runs are ordered by generation: each new run takes the next one, and a
// merged run holds the span of generations of the runs it replaces
// (its file name says which). An article's newest entry is the one that
// counts; a deletion is an entry too, dropped when it is merged into the
// oldest run.
//
// Crash safety. A run is written through a temporary file, synced and
// renamed into place, before bleve is given the batch it belongs to: the
// forward index is never behind the bleve index, only ahead of it (by a
// batch that bleve did not save, which the next Update writes again).
// fill's plan.beside writes the run while bleve writes the batch: the
// seq saved then never counts a batch before its run is in place, and a
// crash between the two leaves bleve a batch ahead until the next Update
// writes it again. A first Update (plan.ahead) writes a batch's run
// before the writer has the batch, as any other.
// A merged run is renamed into place before the runs it replaces are
// removed; a crash between the two leaves runs whose span lies inside
// another's, and opening the store removes them.
type fwdStore struct {
	dir      string // "": runs in memory only
	readOnly bool

	mu       sync.RWMutex
	runs     []*fwdRun          // by generation, the oldest first
	inFlight map[uint64]bool    // generations being written
	next     uint64             // the next generation
	refs     map[*fwdRun]*int64 // readers of each run, the store's own included
	mergeMu  sync.Mutex         // one merge at a time
}

// fwdDir is the folder of the forward index in an index folder.
const fwdDir = "fwd"

// Merge policy: a run's level is the number of digits of its articles
// counted in thousands (fewer than 10,000 articles: 0); fwdMergeRuns runs
// of one level in a row are merged into one, of the next level. Each
// article is written again about once per level, log10(articles/1,000)
// times.
const (
	fwdLevelDocs = 1000
	fwdMergeRuns = 10
)

func fwdLevel(docs int) int {
	l := 0
	for n := docs / fwdLevelDocs; n >= 10; n /= 10 {
		l++
	}
	return l
}

// openFwdStore opens the forward index in dir, creating the folder if it
// is missing; dir "" makes one in memory.
func openFwdStore(dir string) (*fwdStore, error) {
	if dir == "" {
		return &fwdStore{inFlight: map[uint64]bool{}, refs: map[*fwdRun]*int64{}}, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("forward index: %w", err)
	}
	return loadFwdStore(dir, false)
}

// openFwdStoreReadOnly opens the forward index in dir for reading: it
// changes no file, and a missing folder is an empty index. A writer may
// merge runs meanwhile: a run removed before it could be opened makes it
// list the folder again.
func openFwdStoreReadOnly(dir string) (*fwdStore, error) {
	var err error
	for range 5 {
		var s *fwdStore
		if s, err = loadFwdStore(dir, true); err == nil {
			return s, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	return nil, err
}

// loadFwdStore opens the runs in dir.
func loadFwdStore(dir string, readOnly bool) (*fwdStore, error) {
	ents, err := os.ReadDir(dir)
	if readOnly && errors.Is(err, fs.ErrNotExist) {
		return &fwdStore{dir: dir, readOnly: true, inFlight: map[uint64]bool{}, refs: map[*fwdRun]*int64{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("forward index: %w", err)
	}
	type span struct {
		lo, hi uint64
		name   string
	}
	var spans []span
	for _, e := range ents {
		lo, hi, ok := fwdRunSpan(e.Name())
		if !ok {
			if !readOnly {
				_ = os.Remove(filepath.Join(dir, e.Name())) // a temporary file left by a crash
			}
			continue
		}
		spans = append(spans, span{lo, hi, e.Name()})
	}
	s := &fwdStore{dir: dir, readOnly: readOnly, inFlight: map[uint64]bool{}, refs: map[*fwdRun]*int64{}}
	for _, sp := range spans {
		inside := false
		for _, o := range spans {
			if o != sp && o.lo <= sp.lo && sp.hi <= o.hi {
				inside = true // replaced by a merged run
			}
		}
		if inside && readOnly {
			continue
		}
		if inside {
			if err := removeFile(filepath.Join(dir, sp.name)); err != nil {
				s.close()
				return nil, fmt.Errorf("forward index: %w", err)
			}
			continue
		}
		r, err := openFwdRun(filepath.Join(dir, sp.name))
		if err != nil {
			s.close()
			return nil, fmt.Errorf("forward index: %w", err)
		}
		r.lo, r.hi = sp.lo, sp.hi
		s.runs = append(s.runs, r)
		one := int64(1)
		s.refs[r] = &one
		s.next = max(s.next, sp.hi+1)
	}
	slices.SortFunc(s.runs, func(a, b *fwdRun) int { return cmp.Compare(a.hi, b.hi) })
	return s, nil
}

// close releases the store's runs; views still open keep theirs until
// they are released.
func (s *fwdStore) close() error {
	s.mergeMu.Lock()
	defer s.mergeMu.Unlock()
	s.mu.Lock()
	runs := s.runs
	s.runs = nil
	s.mu.Unlock()
	var first error
	for _, r := range runs {
		if err := s.release(r, false); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// release drops one reference to r; the last one closes it and, if
// remove is set or a merge replaced r, removes its file. A view taken
// before the merge (a search, the sidecars' or the page release's
// reading during a build) may hold the last reference: its release
// removes the file then, which was left on disk until the next open
// (ten runs, 29 MB, after a first build of 1,000,000 articles).
func (s *fwdStore) release(r *fwdRun, remove bool) error {
	s.mu.Lock()
	n := s.refs[r]
	*n--
	last := *n == 0
	if last {
		delete(s.refs, r)
	}
	remove = remove || r.gone
	s.mu.Unlock()
	if !last {
		return nil
	}
	err := r.close()
	if remove && s.dir != "" {
		if rerr := removeFile(r.file); err == nil {
			err = rerr
		}
	}
	return err
}

// add writes docs as a new run, then merges runs if enough of them have
// piled up.
func (s *fwdStore) add(docs []fwdDoc) error {
	if err := s.addRun(docs); err != nil {
		return err
	}
	return s.merge(false)
}

// addRun writes docs as a new run, and merges none (see add and
// fwdMerger).
func (s *fwdStore) addRun(docs []fwdDoc) error {
	if len(docs) == 0 {
		return nil
	}
	if s.readOnly {
		return ErrReadOnly
	}
	s.mu.Lock()
	gen := s.next
	s.next++
	s.inFlight[gen] = true
	s.mu.Unlock()
	r, err := s.write(gen, gen, func(w io.Writer) error { return writeFwdDocs(w, docs) })
	s.mu.Lock()
	delete(s.inFlight, gen)
	if err == nil {
		s.insert(r)
	}
	s.mu.Unlock()
	return err
}

// write writes the run of generations lo to hi with write, and opens it.
func (s *fwdStore) write(lo, hi uint64, write func(io.Writer) error) (*fwdRun, error) {
	if s.dir == "" {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return nil, fmt.Errorf("forward index: %w", err)
		}
		r, err := parseFwdRun(buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("forward index: %w", err)
		}
		r.file, r.lo, r.hi = "(memory)", lo, hi
		return r, nil
	}
	file := filepath.Join(s.dir, fwdRunName(lo, hi))
	if err := writeFileSynced(file, write); err != nil {
		return nil, fmt.Errorf("forward index: %w", err)
	}
	r, err := openFwdRun(file)
	if err != nil {
		return nil, fmt.Errorf("forward index: %w", err)
	}
	r.lo, r.hi = lo, hi
	return r, nil
}

// writeFileSynced writes file with write, through a temporary file synced
// and renamed into place, and syncs the folder: until then the rename may
// be lost to a power cut (not to a killed process) while bleve's batch,
// saved after it, is kept, and the forward index would be behind bleve,
// which fill's order of writes is there to prevent. Unlike
// writeSidecarFile, it creates no folder: an index folder moved or
// removed while open is not made again.
func writeFileSynced(file string, write func(io.Writer) error) error {
	tmp := fmt.Sprintf("%s.tmp-%d", file, os.Getpid())
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if err2 := f.Close(); err == nil {
		err = err2
	}
	if err == nil {
		err = os.Rename(tmp, file)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(file))
}

// syncDir syncs the folder dir, so that the files renamed into it stay
// renamed after a power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if err2 := d.Close(); err == nil {
		err = err2
	}
	return err
}

// insert puts r in s.runs at its generation's place; the caller holds s.mu.
func (s *fwdStore) insert(r *fwdRun) {
	i, _ := slices.BinarySearchFunc(s.runs, r.hi, func(x *fwdRun, hi uint64) int { return cmp.Compare(x.hi, hi) })
	s.runs = slices.Insert(s.runs, i, r)
	one := int64(1)
	s.refs[r] = &one
}

// merge merges runs: all of them into one when all is set (after bleve's
// own compaction), else each row of fwdMergeRuns runs of one level, until
// none is left. Runs with generations still being written after them are
// left alone, so that the runs merged are always next to each other.
func (s *fwdStore) merge(all bool) error {
	if s.readOnly {
		return nil
	}
	s.mergeMu.Lock()
	defer s.mergeMu.Unlock()
	for {
		s.mu.RLock()
		from, to := s.pick(all)
		var group []*fwdRun
		if to > from {
			group = slices.Clone(s.runs[from:to])
		}
		oldest := from == 0
		s.mu.RUnlock()
		if len(group) < 2 {
			return nil
		}
		lo, hi := group[0].lo, group[len(group)-1].hi
		merged, err := s.write(lo, hi, func(w io.Writer) error { return mergeFwdRuns(w, group, oldest) })
		if err != nil {
			return err
		}
		s.mu.Lock()
		i := slices.Index(s.runs, group[0])
		s.runs = slices.Delete(s.runs, i, i+len(group))
		s.insert(merged)
		for _, r := range group {
			r.gone = true
		}
		s.mu.Unlock()
		for _, r := range group {
			if err := s.release(r, true); err != nil {
				return fmt.Errorf("forward index: %w", err)
			}
		}
		if all {
			return nil
		}
	}
}

// pick returns the runs s.runs[from:to] to merge next (to == from: none);
// the caller holds s.mu.
func (s *fwdStore) pick(all bool) (from, to int) {
	// Only runs older than every generation being written.
	end := len(s.runs)
	for g := range s.inFlight {
		for end > 0 && s.runs[end-1].hi > g {
			end--
		}
	}
	if all {
		return 0, end
	}
	for i := 0; i < end; {
		l := fwdLevel(s.runs[i].docs)
		j := i + 1
		for j < end && fwdLevel(s.runs[j].docs) == l {
			j++
		}
		if j-i >= fwdMergeRuns {
			return i, i + fwdMergeRuns
		}
		i = j
	}
	return 0, 0
}

// fwdView is a set of runs held open for reading, as they were when it
// was taken; release it when done.
type fwdView struct {
	s    *fwdStore
	runs []*fwdRun
}

// view returns the store's runs as they are now. It takes s.mu for
// writing: the runs' reference counts change (under a read lock, two
// searches' views lost an increment, and a run was closed while in use).
func (s *fwdStore) view() *fwdView {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := &fwdView{s: s, runs: slices.Clone(s.runs)}
	for _, r := range v.runs {
		*s.refs[r]++
	}
	return v
}

func (v *fwdView) release() {
	for _, r := range v.runs {
		_ = v.s.release(r, false)
	}
	v.runs = nil
}

// lookup returns the run holding article id's newest entry and the
// entry's index in it; r is nil when no run has the article or the newest
// entry is its deletion.
func (v *fwdView) lookup(id int64) (r *fwdRun, i int, err error) {
	for k := len(v.runs) - 1; k >= 0; k-- {
		r := v.runs[k]
		if i := r.find(id); i >= 0 {
			if nt, n := binary.Uvarint(r.seqs[r.off(i):]); n <= 0 {
				return nil, 0, fmt.Errorf("%s: %w", r.file, errFwdCorrupt)
			} else if nt == 0 {
				return nil, 0, nil
			}
			return r, i, nil
		}
	}
	return nil, 0, nil
}

// terms returns article id's title and body terms, and false when the
// forward index does not have it (for tests and tools: phrases read the
// sequences as bytes, fwdPhrase).
func (v *fwdView) terms(id int64) (title, body []string, ok bool, err error) {
	r, i, err := v.lookup(id)
	if err != nil || r == nil {
		return nil, nil, false, err
	}
	t, b, _, err := r.sequence(i)
	if err != nil {
		return nil, nil, false, fmt.Errorf("%s: %w", r.file, err)
	}
	words := func(b []byte) []string {
		var out []string
		for p := 0; p < len(b); {
			rank, n := binary.Uvarint(b[p:])
			p += n
			out = append(out, string(r.term(int(rank))))
		}
		return out
	}
	return words(t), words(b), true, nil
}

// errFwdMissing is returned for an article that bleve has and the forward
// index lacks.
var errFwdMissing = errors.New("missing from the forward index")

// fwdPhrase is a phrase to look for in articles' sequences: its terms and
// their offsets from the first one (as a phrase query's), in one field
// (title or body).
type fwdPhrase struct {
	v       *fwdView
	body    bool
	terms   []string
	offsets []int
	enc     map[*fwdRun]*fwdEncoded // per run, made at its first use
}

// fwdEncoded is a phrase in one run's ranks.
type fwdEncoded struct {
	missing bool     // a term is not in the run
	want    []uint64 // each term's rank
	a       int      // the rarest term (highest rank), searched for as bytes
	enc     []byte   // its encoding
}

// phrase returns the matcher of terms at offsets in the title (body
// false) or the body.
func (v *fwdView) phrase(body bool, terms []string, offsets []int) *fwdPhrase {
	return &fwdPhrase{v: v, body: body, terms: terms, offsets: offsets, enc: map[*fwdRun]*fwdEncoded{}}
}

func (p *fwdPhrase) encoded(r *fwdRun) *fwdEncoded {
	if e, ok := p.enc[r]; ok {
		return e
	}
	e := &fwdEncoded{want: make([]uint64, len(p.terms))}
	for k, t := range p.terms {
		e.want[k] = r.rank(t)
		if e.want[k] == 0 {
			e.missing = true
		}
		if e.want[k] > e.want[e.a] {
			e.a = k
		}
	}
	e.enc = binary.AppendUvarint(nil, e.want[e.a])
	p.enc[r] = e
	return e
}

// match reports whether article id holds the phrase. The forward index
// is never behind bleve (fill), so an article it lacks is an error.
func (p *fwdPhrase) match(id int64) (bool, error) {
	r, i, err := p.v.lookup(id)
	if err != nil {
		return false, err
	}
	if r == nil {
		return false, fmt.Errorf("article %d: %w", id, errFwdMissing)
	}
	e := p.encoded(r)
	if e.missing {
		return false, nil
	}
	title, body, _, err := r.sequence(i)
	if err != nil {
		return false, fmt.Errorf("%s: %w", r.file, err)
	}
	seq := title
	if p.body {
		seq = body
	}
	return fwdMatch(seq, e.enc, e.want, p.offsets, e.a), nil
}

// fwdMatch reports whether the sequence b (uvarint ranks) holds the terms
// want at offsets, looking for the bytes enc of term a first.
func fwdMatch(b, enc []byte, want []uint64, offsets []int, a int) bool {
	for from := 0; from < len(b); {
		i := bytes.Index(b[from:], enc)
		if i < 0 {
			return false
		}
		p := from + i
		from = p + 1
		if p > 0 && b[p-1] >= 0x80 {
			continue // inside a token
		}
		ok := true
		for k := range want {
			if k != a && fwdTokenAt(b, p, offsets[k]-offsets[a]) != want[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// fwdTokenAt returns the rank rel tokens after (before, when negative)
// the token starting at byte p of b; 0 (never a rank) when there is none.
func fwdTokenAt(b []byte, p, rel int) uint64 {
	q := p
	for ; rel > 0; rel-- {
		for q < len(b) && b[q] >= 0x80 {
			q++
		}
		q++
		if q >= len(b) {
			return 0
		}
	}
	for ; rel < 0; rel++ {
		if q == 0 {
			return 0
		}
		q--
		for q > 0 && b[q-1] >= 0x80 {
			q--
		}
	}
	v, n := binary.Uvarint(b[q:])
	if n <= 0 {
		return 0
	}
	return v
}

// fwdFiles returns the run files of the store in dir (for tests).
func fwdFiles(dir string) []string {
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".fwd") {
			out = append(out, e.Name())
		}
	}
	return out
}

// addForward analyzes the titles and bodies of ws (those not analyzed
// yet), on all cores, and writes their terms to fwd as one run, merging
// runs if enough of them have piled up. It does nothing when fwd is nil.
func addForward(fwd *fwdStore, ws []*words) error {
	if fwd == nil || len(ws) == 0 {
		return nil
	}
	if err := fwd.add(analyzeForward(ws)); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	dropSequences(ws)
	return nil
}

// analyzeForward analyzes the titles and bodies of ws (those not analyzed
// yet), on all cores, and returns their forward index's entries.
func analyzeForward(ws []*words) []fwdDoc {
	docs := make([]fwdDoc, len(ws))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(ws))
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < len(ws); i += workers {
				docs[i] = ws[i].fwdDoc()
			}
		}()
	}
	wg.Wait()
	return docs
}

// dropSequences lets the terms in order of ws go once they are in the
// forward index: bleve needs only their frequencies.
func dropSequences(ws []*words) {
	for _, w := range ws {
		w.parts = [2]fwdPart{}
	}
}

// fwdMerger merges the runs of a store on a goroutine of its own while
// batches add runs (fill's plan.ahead): a merge rewrites up to
// fwdMergeRuns runs (200,000 articles at a million), and off the path of
// the batches it runs beside them. One merge at a time (fwdStore.merge);
// after the first error it merges no more, and stop returns the error.
type fwdMerger struct {
	s    *fwdStore
	kick chan struct{}
	done chan struct{}
	err  error // set before done is closed
}

// startFwdMerger starts a merger of s's runs; onErr (not nil) is called
// once, on the merger's goroutine, when a merge fails.
func startFwdMerger(s *fwdStore, onErr func(error)) *fwdMerger {
	m := &fwdMerger{s: s, kick: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(m.done)
		for range m.kick {
			if m.err != nil {
				continue // drain until stop
			}
			if err := s.merge(false); err != nil {
				m.err = fmt.Errorf("index: %w", err)
				onErr(m.err)
			}
		}
	}()
	return m
}

// poke asks for a merge of the runs that have piled up; it never waits.
func (m *fwdMerger) poke() {
	select {
	case m.kick <- struct{}{}:
	default: // a merge is asked for already
	}
}

// stop waits for the merges asked for and returns the first error.
func (m *fwdMerger) stop() error {
	close(m.kick)
	<-m.done
	return m.err
}

// fwdViewKey is the context key of the forward index's view that a
// search reads (Index.search).
type fwdViewKey struct{}

func withFwdView(ctx context.Context, v *fwdView) context.Context {
	return context.WithValue(ctx, fwdViewKey{}, v)
}

// fwdViewOf returns the view of ctx, nil when there is none.
func fwdViewOf(ctx context.Context) *fwdView {
	v, _ := ctx.Value(fwdViewKey{}).(*fwdView)
	return v
}
