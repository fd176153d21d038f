// Package index is archivist's full-text index of articles, built on bleve v2
// (scorch). It keeps a copy of what search needs from the corpus, follows the
// corpus incrementally through its change sequence numbers (Update), is
// rebuilt beside the live folder and swapped in (RebuildFolder), and
// answers query-string searches (with AND, OR, NOT and parentheses) with
// filters, date sorting, facets, histograms by day, week, month or year,
// and marked snippets (Search).
//
// No bleve type appears in the API: callers deal in corpus.Article,
// Request and Result.
//
// One process at a time may hold an on-disk index open for writing; a
// second Open fails with ErrInUse after a short wait instead of hanging.
// OpenReadOnly never waits for a writer: it reads a held index through a
// private view of its last saved state (view.go).
package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/archivist-project/archivist/corpus"
)

// Sentinel errors.
var (
	// ErrBadQuery is returned by Search for a malformed query string or an
	// invalid Request field; the message says what is wrong in one line.
	ErrBadQuery = errors.New("bad query")
	// ErrInUse is returned by Open when another process holds the index.
	ErrInUse = errors.New("index is in use by another process")
	// ErrNeedsRebuild is returned by Open when the index folder is damaged
	// or was written by another version of archivist. Recreate and Rebuild
	// (archivist index --rebuild) replace it.
	ErrNeedsRebuild = errors.New("index needs a rebuild: run 'archivist index --rebuild'")
	// ErrOtherCorpus is returned by Update when the index was built from
	// another corpus than the source's (see stampCorpus).
	ErrOtherCorpus = errors.New("index was built from another corpus")
	// ErrClosed is returned by methods called after Close.
	ErrClosed = errors.New("index is closed")
	// ErrReadOnly is returned by the writing methods (Put, Delete, Update,
	// Rebuild) of an index opened with OpenReadOnly.
	ErrReadOnly = errors.New("index is open for searching only")
	// ErrBroken is returned by Search when bleve fails on an index that a
	// failed write left unusable: the index must be opened again (the
	// next Update does).
	ErrBroken = errors.New("index unusable after a failed write")
	// ErrReopen is returned by Update when a write to the index failed
	// earlier (bleve leaves the open index unusable) and its folder could
	// not be opened again; the error says why. The Index is closed.
	ErrReopen = errors.New("the index could not be opened again after a failed write")
)

// Internal keys stored inside the bleve index.
var (
	keyVersion = []byte("archivist/format")
	keySeq     = []byte("archivist/seq")
	keyCorpus  = []byte("archivist/corpus") // the id of the corpus indexed (stampCorpus)
)

// batchSize is the largest number of articles per bleve batch in Update
// and Rebuild, and batchBytes the most text: bleve's memory for a batch
// grows with the text it analyzes (positions and term vectors of every
// word), so that 500 long articles could take gigabytes.
const (
	batchSize  = 500
	batchBytes = 1 << 20
)

// fillPlan is how fill writes: the number of batches written at once and
// the size of a batch.
type fillPlan struct {
	writers     int
	size, bytes int // the most articles and bytes of text per batch
	// ahead analyzes the next batch and writes its forward index run
	// while the writers write (see fill).
	ahead bool
	// beside writes a batch's forward index run while bleve writes the
	// batch (see filler.writeBeside).
	beside bool
}

var (
	// updateFill is the plan of Update: one batch at a time, to keep the
	// memory of a crawl, which updates its index as it goes, low.
	updateFill = fillPlan{writers: 1, size: batchSize, bytes: batchBytes}
	// firstFill is the plan of an Update into an empty index (a first
	// `archivist index`): one batch at a time, of up to 2,000 articles or
	// 4 MB of text. Against updateFill, 10,000 articles took 9% less CPU
	// and 38% fewer allocations (fewer, larger segments, fewer merges),
	// for a peak RSS 3% higher under `archivist index`'s soft memory
	// limit; 100,000 articles a third less CPU per article (at another
	// load) for a peak RSS 0.24 GB higher (the heap reached 1.29 GiB).
	// A crawl's later updates keep updateFill.
	//
	// ahead: the next batch analyzed and its forward index run written
	// by a stage between the reader and the writer (prepare), and the
	// runs merged on a goroutine of their own (fwdMerger), while bleve
	// builds the last batch's segment on the writer, which is the fill's
	// bottleneck (73% of its path, idx27). On a quiet machine (the lead,
	// 28th session; 100,000 articles, six pairs at load 1.0-1.8) against
	// beside: the fill's Ps idle 13.9-14.4% instead of 24.0-25.2%, median
	// wall 74.5 s instead of 80.9 s (8% less) for 2.7% more CPU (121.9
	// against 118.7 s; the collector's share 3.9-4.6% instead of
	// 1.9-2.3%: one batch more live) and 40 MB more peak RSS; idx29
	// measured it again (docs/BENCHMARKS.md). Under load, where no core
	// is idle, it costs CPU for no wall time: two first builds of 100,000
	// articles side by side at load 8-16 took the same wall time for
	// 18.6% more CPU (before the analysis was shared and the stem cache
	// made cheaper); idx24's analysis alone ahead 8.8% more CPU.
	//
	// Before it, beside (filler.writeBeside): each batch's forward index
	// run written while bleve builds the batch's segment, on the
	// writer's goroutine's time. Two first Updates of 20,000 articles
	// side by side at load 13-15: 4-8% less wall time than the run on
	// the writer's path, for the same CPU. Two writers instead (the
	// 20,000 test): 15% more CPU, 62 MB more peak RSS, for 5% less wall
	// time; again with the analysis counted by distinct term (idx22:
	// 100,000 articles side by side with one writer, at load 7-13 and
	// 4-9): 15% and 18% more CPU for 4.5% and 1.5% less wall time.
	firstFill = fillPlan{writers: 1, size: 4 * batchSize, bytes: 4 * batchBytes, ahead: true}
	// bulkFill is the plan of a whole index built in a new folder
	// (Rebuild, RebuildFolder): two writers (see fill), and batches of
	// bulkBatchBytes, whose segments scorch merges less often.
	bulkFill = fillPlan{writers: bulkWriters, size: bulkBatchSize, bytes: bulkBatchBytes}
)

// Batches of a bulk build (bulkFill).
const (
	bulkBatchSize  = 1000
	bulkBatchBytes = 2 << 20
)

// lockTimeout is how long Open waits for another process to release the
// index before failing with ErrInUse.
const lockTimeout = "1s"

// Source is what the index reads from the corpus (implemented by *corpus.DB).
type Source interface {
	// ArticlesSince calls fn, in ascending seq order, for every article whose change
	// sequence number is greater than seq. seq is a monotonically increasing number that
	// the corpus bumps each time an article row is inserted or updated.
	ArticlesSince(ctx context.Context, seq int64, fn func(seq int64, a *corpus.Article) error) error
}

// Option configures an Index.
type Option func(*Index)

// WithLogger sets the logger for progress and maintenance messages (the
// default discards them).
func WithLogger(l *slog.Logger) Option {
	return func(ix *Index) {
		if l != nil {
			ix.log = l
		}
	}
}

// WithProgress sets a function that Update, Rebuild and RebuildFolder
// call after each batch written, with the number of articles indexed so
// far.
func WithProgress(fn func(done int)) Option {
	return func(ix *Index) { ix.progress = fn }
}

// Index is a full-text index of articles. It is safe for concurrent use:
// searches run in parallel with each other and with writes.
type Index struct {
	path string // "" for an in-memory index
	log  *slog.Logger
	m    *mapping.IndexMappingImpl // analyzers for queries and snippets
	docs *docBuilder               // the documents of articles
	// texts is where Search reads the text of hits for snippets; nil:
	// from the index (see Texts).
	texts Texts

	progress func(done int) // nil: none

	updateMu sync.Mutex // serializes Update and Rebuild

	mu sync.RWMutex // guards bi and fwd; held for reading by every operation
	bi bleve.Index  // nil after Close
	// fwd is the forward index (fwdstore.go): phrases in the title and
	// body are checked there.
	fwd *fwdStore
	// broken is set when a write to bi failed: bleve may have left bi
	// unusable (see writeBatch), and the next Update opens it again.
	broken atomic.Bool
	// lost is why bi is nil when reopening it failed (ErrReopen).
	lost error
	// readOnly is set by OpenReadOnly: reopen does not open it for
	// writing.
	readOnly bool

	viewDir string // the view a read-only Index reads (view.go), removed by Close

	// stopRelease stops the release of the segment pages of an on-disk
	// index open for writing (pages.go); nil: none.
	stopRelease func()
}

// Open opens the index folder at path for reading and writing, or creates
// it when it is missing (or an empty folder). It fails with ErrInUse when
// another process has it open, and with ErrNeedsRebuild when the folder is
// damaged or comes from another version of archivist; it never deletes or
// rewrites the files of a damaged index (Recreate does).
func Open(path string, opts ...Option) (*Index, error) {
	ix, err := newIndex(path, opts)
	if err != nil {
		return nil, err
	}
	recoverSwap(path)
	if err := checkFiles(path, true); err != nil {
		return nil, err
	}
	bi, err := openOrCreate(path, ix.m)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(path, bi); err != nil {
		_ = bi.Close()
		return nil, err
	}
	if ix.docs.forward {
		if ix.fwd, err = openFwdStore(filepath.Join(path, fwdDir)); err == nil {
			err = checkFwd(path, bi, ix.fwd)
		}
		if err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("index: open %s: %w", path, err)
		}
	}
	ix.bi = bi
	ix.stopRelease = releasePages(path, ix.heldMaps)
	removeStaleNew(path) // left by a rebuild that did not finish
	return ix, nil
}

// OpenReadOnly opens the existing index folder at path for searching only:
// it creates, deletes and rewrites nothing, works on read-only media, and
// shares the index with other readers. Writes fail with ErrReadOnly. It
// fails with ErrNotExist when there is no index at path, ErrNeedsRebuild
// when the folder is damaged or from another version, and a permission
// error when it cannot be read. While another process writes the index (a crawl holds
// it open for its whole run), it reads the index as that process last saved
// it, through a private view (see view.go).
func OpenReadOnly(path string, opts ...Option) (*Index, error) {
	ix, err := newIndex(path, opts)
	if err != nil {
		return nil, err
	}
	ix.readOnly = true
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	var bi bleve.Index
	if !writerHolds(path) {
		if err = checkFiles(path, false); err == nil {
			bi, err = bleve.OpenUsing(path, map[string]any{"read_only": true, "bolt_timeout": lockTimeout})
			if err != nil {
				err = openError(path, err)
			}
		}
		if err != nil && !errors.Is(err, ErrInUse) {
			return nil, err
		}
	}
	if bi == nil {
		// A writer holds the index (or took it while we looked).
		if bi, ix.viewDir, err = openView(path); err != nil {
			return nil, err
		}
	}
	if err := checkVersion(path, bi); err != nil {
		_ = bi.Close()
		if ix.viewDir != "" {
			os.RemoveAll(ix.viewDir)
		}
		return nil, err
	}
	if ix.docs.forward {
		// The writer's runs, which may be ahead of the view's snapshot
		// (never behind: fill).
		if ix.fwd, err = openFwdStoreReadOnly(filepath.Join(path, fwdDir)); err == nil {
			err = checkFwd(path, bi, ix.fwd)
		}
		if err != nil {
			_ = bi.Close()
			if ix.viewDir != "" {
				os.RemoveAll(ix.viewDir)
			}
			return nil, fmt.Errorf("index: open %s: %w", path, err)
		}
	}
	ix.bi = bi
	return ix, nil
}

// Index files that bleve needs: the metadata, and the root of the scorch
// store, which lists the segment files.
const (
	metaFile = "index_meta.json"
	rootFile = "store/root.bolt"
)

// checkFiles checks, before bleve opens the folder at path, that the files
// bleve needs are there and readable (and writable when write is set). A
// folder that does not exist yet or is empty is fine when writing (Open
// creates the index). Without this check, scorch opening a folder whose
// root.bolt is missing creates an empty one and deletes every segment.
func checkFiles(path string, write bool) error {
	entries, err := os.ReadDir(path)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0 && write) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if !looksLikeIndex(path) {
		return fmt.Errorf("index: %s is not an index folder", path)
	}
	for _, name := range []string{metaFile, rootFile} {
		p := filepath.Join(path, filepath.FromSlash(name))
		flag := os.O_RDONLY
		if write {
			flag = os.O_RDWR
		}
		f, err := os.OpenFile(p, flag, 0)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("index: %s is missing: %w", p, ErrNeedsRebuild)
		}
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		f.Close()
	}
	return checkSegments(path)
}

// Keys of scorch's root.bolt (bleve v2 index/scorch, util/keys.go).
var (
	boltSnapshots = []byte{'s'}
	boltPath      = []byte{'p'}
	boltInternal  = byte('i')
	boltMeta      = byte('m')
)

// errFound stops a bolt iteration.
var errFound = errors.New("found")

// checkSegments fails with ErrNeedsRebuild when the newest snapshot in the
// index's root.bolt lists a segment file that is missing. Scorch would log
// the failure and fall back to an older snapshot: older contents, or none
// at all, whose missing mapping bleve then reports as "error parsing
// mapping JSON". It reads root.bolt the way scorch's loadFromBolt does.
func checkSegments(path string) error {
	root := filepath.Join(path, filepath.FromSlash(rootFile))
	timeout, _ := time.ParseDuration(lockTimeout)
	db, err := bolt.Open(root, 0, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		return openError(path, err)
	}
	defer db.Close()
	var missing string
	err = db.View(func(tx *bolt.Tx) error {
		snaps := tx.Bucket(boltSnapshots)
		if snaps == nil {
			return nil
		}
		k, _ := snaps.Cursor().Last()
		snap := snaps.Bucket(k)
		if snap == nil {
			return nil
		}
		return snap.ForEachBucket(func(name []byte) error {
			if len(name) == 0 || name[0] == boltInternal || name[0] == boltMeta {
				return nil
			}
			seg := snap.Bucket(name).Get(boltPath)
			if seg == nil {
				return nil
			}
			p := filepath.Join(path, "store", string(seg))
			if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
				missing = p
				return errFound
			}
			return nil
		})
	})
	if missing != "" {
		return fmt.Errorf("index: %s is missing: %w", missing, ErrNeedsRebuild)
	}
	if err != nil {
		return fmt.Errorf("index: open %s: %v: %w", path, err, ErrNeedsRebuild)
	}
	return nil
}

// openError classifies an error of bleve.OpenUsing.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return fmt.Errorf("index: %s: %w", path, ErrInUse)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("index: open %s: %w", path, err)
	case strings.Contains(err.Error(), " registered"):
		// bleve quotes the whole stored mapping (kilobytes on one line)
		// when it names an analyzer or filter this archivist lacks.
		return fmt.Errorf("index: %s was built by another version of archivist (its analyzers are unknown to this one): %w", path, ErrNeedsRebuild)
	}
	return fmt.Errorf("index: open %s: %v: %w", path, err, ErrNeedsRebuild)
}

// Recreate is Open for `archivist index --rebuild`: when the folder at path
// is a damaged index or one from another version, it is removed and an
// empty index is created in its place. It still fails with ErrInUse when
// another process holds the index, and it refuses to remove a folder that
// does not look like an index.
func Recreate(path string, opts ...Option) (*Index, error) {
	ix, err := Open(path, opts...)
	if err == nil || !errors.Is(err, ErrNeedsRebuild) {
		return ix, err
	}
	if !looksLikeIndex(path) {
		return nil, fmt.Errorf("index: refusing to remove %s: not an index folder", path)
	}
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("index: remove damaged index: %w", err)
	}
	return Open(path, opts...)
}

// NewMemOnly returns an empty index that lives in memory only, for tests
// and short-lived tools.
func NewMemOnly(opts ...Option) (*Index, error) {
	ix, err := newIndex("", opts)
	if err != nil {
		return nil, err
	}
	bi, err := createIndex("", ix.m, false)
	if err != nil {
		return nil, err
	}
	if ix.docs.forward {
		ix.fwd, _ = openFwdStore("") // in memory: no error
	}
	ix.bi = bi
	return ix, nil
}

func newIndex(path string, opts []Option) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	docs, err := newDocBuilder(m, path == "")
	if err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	ix := &Index{
		path: path,
		m:    m,
		docs: docs,
		log:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, o := range opts {
		o(ix)
	}
	return ix, nil
}

// createIndex creates a new scorch index at path ("" = in memory) and
// records the format version in it. A bulk index, one that is filled at
// once and then compacted (Rebuild, RebuildFolder), merges its segments
// less while it is filled (bulkMerge).
func createIndex(path string, m *mapping.IndexMappingImpl, bulk bool) (bleve.Index, error) {
	cfg := map[string]any{}
	if path != "" {
		cfg["bolt_timeout"] = lockTimeout
	}
	if bulk {
		cfg[mergeConfig] = bulkMerge()
	}
	bi, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, cfg)
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("index: %s: %w", path, ErrInUse)
		}
		return nil, fmt.Errorf("index: create %s: %w", path, err)
	}
	if err := bi.SetInternal(keyVersion, []byte(strconv.Itoa(formatVersion))); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("index: create %s: %w", path, err)
	}
	return bi, nil
}

// mergeConfig is scorch's configuration key for its merge policy, whose
// fields are those of mergeplan.MergePlanOptions.
const mergeConfig = "scorchMergePlanOptions"

// Merge policies. Scorch merges its segments in tiers of at most 10 (its
// default, normalMerge): each article is rewritten once per tier, about
// log10(articles/2000) + 1 times. A bulk build lets 100 segments of
// the first tier pile up (bulkMerge), and compact then merges them 100 at
// a time (compact): each article is written about twice in all.
// bleve saves an index's configuration in the index, so the writers that
// open an existing index ask for normalMerge.
//
// normalMerge makes no segment of more than mergeMaxDocs articles, so
// that a segment of half as many is final once the index holds more than
// maxSegmentDocs (compact leaves it alone too): no merge takes it again.
// Without a cap scorch's default (5
// million) left every segment mergeable at 1,000,000 articles (six of
// 126,000-145,000, which a build of 1.45 million would merge into one,
// reading them all through memory maps: see maxSegmentDocs).
var (
	normalMerge = func() map[string]any {
		return map[string]any{"MaxSegmentsPerTier": 10, "SegmentsPerMergeTask": 10, "MaxSegmentSize": mergeMaxDocs}
	}
	bulkMerge = func() map[string]any {
		return map[string]any{"MaxSegmentsPerTier": 100, "SegmentsPerMergeTask": 10, "MaxSegmentSize": maxSegmentDocs}
	}
)

// openOrCreate opens the index at path, creating it when path is missing or
// an empty folder.
func openOrCreate(path string, m *mapping.IndexMappingImpl) (bleve.Index, error) {
	bi, err := bleve.OpenUsing(path, map[string]any{"bolt_timeout": lockTimeout, mergeConfig: normalMerge()})
	switch {
	case err == nil:
		return bi, nil
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		return createInPlace(path, m)
	case errors.Is(err, bleve.ErrorIndexMetaMissing):
		if entries, derr := os.ReadDir(path); derr == nil && len(entries) == 0 {
			if err := os.Remove(path); err != nil {
				return nil, fmt.Errorf("index: %w", err)
			}
			return createInPlace(path, m)
		}
		if !looksLikeIndex(path) {
			return nil, fmt.Errorf("index: %s is not an index folder", path)
		}
	}
	return nil, openError(path, err)
}

// checkFwd fails with ErrNeedsRebuild when bi holds articles and its
// forward index none (its folder removed or emptied): phrases would fail
// and the body's patterns miss articles without a word.
func checkFwd(path string, bi bleve.Index, fwd *fwdStore) error {
	if len(fwd.runs) > 0 {
		return nil
	}
	if n, err := bi.DocCount(); err != nil || n == 0 {
		return err
	}
	_ = fwd.close()
	return fmt.Errorf("the forward index (%s) is missing: %w", filepath.Join(path, fwdDir), ErrNeedsRebuild)
}

// createInPlace creates a new index at path in a folder beside it (path +
// ".creating") and renames that into place once bleve's files and the
// format version are written: a process killed while creating the index
// (a crawl's first seconds) leaves no half-made index at path, which the
// next one would refuse, only a folder that the next creation removes.
func createInPlace(path string, m *mapping.IndexMappingImpl) (bleve.Index, error) {
	tmp := path + ".creating"
	if heldByWriter(tmp) {
		return nil, fmt.Errorf("index: %s is being created by another process: %w", path, ErrInUse)
	}
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	bi, err := createIndex(tmp, m, false)
	if err != nil {
		return nil, err
	}
	err = bi.Close()
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.RemoveAll(tmp)
		return nil, fmt.Errorf("index: create %s: %w", path, err)
	}
	bi, err = bleve.OpenUsing(path, map[string]any{"bolt_timeout": lockTimeout, mergeConfig: normalMerge()})
	if err != nil {
		return nil, openError(path, err)
	}
	return bi, nil
}

// checkVersion fails with ErrNeedsRebuild unless bi was written with the
// current format version.
func checkVersion(path string, bi bleve.Index) error {
	v, err := bi.GetInternal(keyVersion)
	if err != nil {
		return fmt.Errorf("index: open %s: %v: %w", path, err, ErrNeedsRebuild)
	}
	if string(v) != strconv.Itoa(formatVersion) {
		got := string(v)
		if got == "" {
			got = "unknown"
		}
		return fmt.Errorf("index: %s was built by another version of archivist (index format %s; this one reads %d): %w", path, got, formatVersion, ErrNeedsRebuild)
	}
	return nil
}

// looksLikeIndex reports whether path holds something bleve wrote.
func looksLikeIndex(path string) bool {
	for _, name := range []string{metaFile, "store"} {
		if _, err := os.Stat(filepath.Join(path, name)); err == nil {
			return true
		}
	}
	return false
}

// recoverSwap finishes or undoes a Rebuild swap cut short by a crash: if
// path is missing but the previous index was moved aside, it is put back.
func recoverSwap(path string) {
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		return
	}
	if _, err := os.Stat(path + ".old"); err == nil {
		_ = os.Rename(path+".old", path)
	}
}

// Close closes the index. Further calls return ErrClosed.
func (ix *Index) Close() error {
	if ix.stopRelease != nil {
		ix.stopRelease() // before the lock: the releaser takes it to read
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.bi == nil {
		return nil
	}
	err := ix.bi.Close()
	ix.bi = nil
	if ix.fwd != nil {
		if ferr := ix.fwd.close(); err == nil {
			err = ferr
		}
		ix.fwd = nil
	}
	if ix.viewDir != "" {
		os.RemoveAll(ix.viewDir)
	}
	if err != nil {
		return fmt.Errorf("index: close: %w", err)
	}
	return nil
}

// Put indexes a batch of articles, replacing any earlier version of each
// (articles are keyed by Article.ID). Each call is written to disk before
// it returns (about 10 ms on an on-disk index, whatever the batch size), so
// callers that index as they go should pass articles in batches, or let
// Follow or Update read them from the corpus.
func (ix *Index) Put(ctx context.Context, arts []*corpus.Article) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	if len(arts) == 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return ErrClosed
	}
	for start := 0; start < len(arts); start += batchSize {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+batchSize, len(arts))
		b := ix.bi.NewBatch()
		var ws []*words
		for _, a := range arts[start:end] {
			d, w := ix.docs.documentWords(a)
			if err := b.IndexAdvanced(d); err != nil {
				return fmt.Errorf("index: article %d: %w", a.ID, err)
			}
			if ix.fwd != nil {
				ws = append(ws, w)
			}
		}
		if err := addForward(ix.fwd, distinctWords(ws)); err != nil {
			ix.broken.Store(true)
			return fmt.Errorf("index: put: %w", err)
		}
		if err := writeBatch(ix.bi, b); err != nil {
			ix.broken.Store(true)
			return fmt.Errorf("index: put: %w", err)
		}
	}
	return nil
}

// Delete removes articles from the index by id. Unknown ids are ignored.
func (ix *Index) Delete(ctx context.Context, ids []int64) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	if len(ids) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return ErrClosed
	}
	if ix.fwd != nil {
		gone := make([]fwdDoc, 0, len(ids))
		seen := make(map[int64]bool, len(ids))
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				gone = append(gone, fwdDoc{id: id, deleted: true})
			}
		}
		if err := ix.fwd.add(gone); err != nil {
			ix.broken.Store(true)
			return fmt.Errorf("index: delete: %w", err)
		}
	}
	b := ix.bi.NewBatch()
	for _, id := range ids {
		b.Delete(docID(id))
	}
	if err := writeBatch(ix.bi, b); err != nil {
		ix.broken.Store(true)
		return fmt.Errorf("index: delete: %w", err)
	}
	return nil
}

// Count returns the number of articles in the index.
func (ix *Index) Count() (uint64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return 0, ErrClosed
	}
	n, err := ix.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("index: count: %w", err)
	}
	return n, nil
}

// Seq returns the change sequence number of the last article that Update or
// Rebuild indexed (0 for a new index).
func (ix *Index) Seq() (int64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return 0, ErrClosed
	}
	return readSeq(ix.bi)
}

func readSeq(bi bleve.Index) (int64, error) {
	v, err := bi.GetInternal(keySeq)
	if err != nil {
		return 0, fmt.Errorf("index: read seq: %w", err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	seq, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("index: read seq %q: %v: %w", v, err, ErrNeedsRebuild)
	}
	return seq, nil
}

// identified is a Source that names its corpus (corpus.DB, pgstore.Store).
type identified interface {
	ID(ctx context.Context) (string, error)
}

// stampCorpus keeps the index to one corpus: it records src's corpus id in
// a new index (seq 0: nothing indexed yet, or a rebuild's), and fails with
// ErrOtherCorpus when the index holds another corpus's id; extending it
// would mix two corpora's articles under one change sequence. An index
// made before the id was kept stays without one (a rebuild records it):
// adopting the first corpus that updates it could lock its own corpus
// out. A source that names no corpus is not checked.
func stampCorpus(ctx context.Context, bi bleve.Index, src Source, seq int64) error {
	is, ok := src.(identified)
	if !ok {
		return nil
	}
	id, err := is.ID(ctx)
	if err != nil || id == "" {
		return nil // a corpus without an id: nothing to keep to
	}
	have, err := bi.GetInternal(keyCorpus)
	if err != nil {
		return fmt.Errorf("read corpus id: %w", err)
	}
	switch {
	case string(have) == id:
		return nil
	case len(have) == 0 && seq == 0:
		return bi.SetInternal(keyCorpus, []byte(id))
	case len(have) == 0:
		return nil
	}
	return fmt.Errorf("%w (corpus %s; this one is %s)", ErrOtherCorpus, have, id)
}

// Corpus returns the id of the corpus the index was built from, "" for an
// index that has not recorded one (made before archivist kept it).
func (ix *Index) Corpus() (string, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return "", ErrClosed
	}
	v, err := ix.bi.GetInternal(keyCorpus)
	if err != nil {
		return "", fmt.Errorf("index: read corpus id: %w", err)
	}
	return string(v), nil
}

// Update indexes every article that changed in src since the last Update or
// Rebuild, in batches of 500 (2,000 into an empty index: firstFill), and
// returns how many it indexed. The sequence
// number reached is saved with each batch, so an interrupted Update resumes
// where it stopped.
//
// After a write that failed (a full disk, a folder that could not be
// written), Update first closes the index and opens its folder again, as
// the last batch saved left it, and goes on from there; it fails with
// ErrReopen when the folder cannot be opened again.
func (ix *Index) Update(ctx context.Context, src Source) (int, error) {
	if ix.readOnly {
		return 0, ErrReadOnly
	}
	ix.updateMu.Lock()
	defer ix.updateMu.Unlock()
	if ix.broken.Load() {
		if err := ix.reopen(); err != nil {
			return 0, err
		}
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return 0, ix.closedErr()
	}
	seq, err := readSeq(ix.bi)
	if err != nil {
		return 0, err
	}
	if err := stampCorpus(ctx, ix.bi, src, seq); err != nil {
		return 0, fmt.Errorf("index: update: %w", err)
	}
	plan := updateFill
	if seq == 0 {
		plan = firstFill
	}
	cpu := readCPU()
	n, err := fill(ctx, ix.bi, ix.docs, ix.fwd, src, seq, plan, ix.log, ix.progress)
	if err != nil {
		var we writeError
		if errors.As(err, &we) {
			ix.broken.Store(true)
		}
		return n, fmt.Errorf("index: update: %w", err)
	}
	cpu = logCPU(ix.log, "fill", cpu)
	if seq == 0 && n >= compactMin && ix.path != "" {
		// A first build: all its articles are in, so a failed or
		// interrupted compaction only leaves more segments or runs.
		if err := compactBoth(ctx, ix.bi, ix.fwd, true, ix.log); err != nil {
			ix.log.Warn("index: compact after first build", "err", err)
		}
	}
	if ix.path != "" {
		writeSidecars(ctx, ix.bi, ix.fwd, ix.log) // sidecars.go: for new segments
	}
	logCPU(ix.log, "end", cpu)
	return n, nil
}

// reopen closes the index after a failed write and opens its folder
// again. The caller holds ix.updateMu.
func (ix *Index) reopen() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.bi == nil {
		return ix.closedErr()
	}
	if ix.path == "" || ix.readOnly {
		return fmt.Errorf("index: %w: it is in memory or read-only", ErrReopen)
	}
	if err := closeBroken(ix.bi); err != nil {
		ix.log.Warn("index: close after a failed write", "err", err)
	}
	ix.bi = nil
	bi, err := openAgain(ix.path, ix.m)
	if err != nil {
		ix.lost = fmt.Errorf("index: %w: %w", ErrReopen, err)
		return ix.lost
	}
	ix.bi = bi
	ix.broken.Store(false)
	ix.log.Warn("index: opened again after a failed write", "path", ix.path)
	return nil
}

// closeBroken closes bi, returning a panic of bleve as an error.
func closeBroken(bi bleve.Index) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bleve failed: %v", r)
		}
	}()
	return bi.Close()
}

// openAgain opens the index folder at path, which must exist: a folder
// removed while the index was open is not created again.
func openAgain(path string, m *mapping.IndexMappingImpl) (bleve.Index, error) {
	if !looksLikeIndex(path) {
		return nil, fmt.Errorf("%s is gone: %w", path, fs.ErrNotExist)
	}
	if err := checkFiles(path, true); err != nil {
		return nil, err
	}
	bi, err := openOrCreate(path, m)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(path, bi); err != nil {
		_ = bi.Close()
		return nil, err
	}
	return bi, nil
}

// closedErr is the error of an operation on a closed index: ErrClosed, or
// why the index could not be opened again after a failed write. The
// caller holds ix.mu.
func (ix *Index) closedErr() error {
	if ix.lost != nil {
		return ix.lost
	}
	return ErrClosed
}

// compactMin is the number of articles from which a first Update merges
// the index into one segment (compact).
const compactMin = 10 * batchSize

// mergeMaxDocs is the most articles that scorch's background merges put
// into one segment while an index is updated (normalMerge). 250,000 leaves
// a first build of 1,000,000 articles in eight segments as without a cap
// (scorch's planner run on the fill's sizes: seven of 126,000-135,000
// articles, where it made six of 126,000-145,000, then compact's), bounds
// the merges of larger builds, and makes segments of 125,000 or more final. The cap at maxSegmentDocs
// instead would leave eleven segments of at most 100,000 (searches pay for
// each segment, and each has its own dictionaries: at 100,000 articles,
// seven segments made the store 17% larger than one). (A variable for
// tests.)
var mergeMaxDocs int64 = 250_000

// maxSegmentDocs is the most articles that a merge puts into one segment,
// during a bulk build (bulkMerge) and in compact: a merge reads every
// segment it merges through a memory map, whose pages count in the
// process's RSS until the merged segments are let go, so a merge of a
// million articles into one segment peaked at 8.4 GiB (about 7.9 kB of
// index per article). Merges of at most 100,000 articles (about 0.8 GB of
// segments) keep a build within issue 11's 2 GB; an index of a million
// articles is left in about ten segments. (A variable for tests.)
var maxSegmentDocs int64 = 100_000

// compact merges the segments of bi, as a complete build leaves them,
// into as few segments of at most maxSegmentDocs articles as it can:
// scorch's background merges stop at tiers of segments, each with its own
// dictionaries, and a single segment is about 12% smaller (and one
// dictionary per field to search). It asks scorch for one merge at a
// time (compactStep), so that the segments of a merge are let go before
// the next one reads its own. bi keeps answering searches meanwhile.
func compact(ctx context.Context, bi bleve.Index) error {
	s, err := scorchOf(bi)
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	if s == nil {
		return nil
	}
	limit, err := compactLimit(s)
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	for {
		n, err := mergeable(s, limit)
		if err != nil {
			return fmt.Errorf("compact: %w", err)
		}
		if n <= 1 {
			break
		}
		if err := s.ForceMerge(ctx, compactStep(n, limit)); err != nil {
			return fmt.Errorf("compact: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		m, err := mergeable(s, limit)
		if err != nil {
			return fmt.Errorf("compact: %w", err)
		}
		if m >= n { // nothing left that fits in one segment
			break
		}
	}
	waitForRemoval(ctx, s)
	return nil
}

// compactBoth merges the runs of fwd (if not nil) into one while it
// compacts the segments of bi (if segments is set): two merges, each on
// one core, side by side. It returns their errors, joined.
func compactBoth(ctx context.Context, bi bleve.Index, fwd *fwdStore, segments bool, log *slog.Logger) error {
	var fwdErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if fwd != nil {
			start := time.Now()
			fwdErr = fwd.merge(true) // "forward index: ..."
			log.Debug("index: forward index merged", "took", time.Since(start))
		}
	}()
	var err error
	if segments {
		start, merged := time.Now(), mergedBytes(bi)
		err = compact(ctx, bi)
		log.Debug("index: segments compacted", "took", time.Since(start),
			"merged_bytes", merged, "compact_bytes", mergedBytes(bi)-merged)
	}
	<-done
	return errors.Join(err, fwdErr)
}

// mergedBytes returns the bytes scorch's merges have written into bi's
// segment files since it was opened, background merges and compact's
// alike (its statistic TotFileMergeWrittenBytes), or 0 if bi is not
// scorch's.
func mergedBytes(bi bleve.Index) uint64 {
	if s, err := scorchOf(bi); err == nil && s != nil {
		n, _ := s.StatsMap()["TotFileMergeWrittenBytes"].(uint64)
		return n
	}
	return 0
}

// compactLimit returns the most articles compact puts into one segment:
// maxSegmentDocs, or no limit when the whole index holds no more (it then
// ends as one segment, whatever the sizes its background merges left).
func compactLimit(s *scorch.Scorch) (int64, error) {
	r, err := s.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return 0, err
	}
	if int64(n) <= maxSegmentDocs {
		return mergeplan.SingleSegmentMergePlanOptions.MaxSegmentSize, nil
	}
	return maxSegmentDocs, nil
}

// mergeable returns the number of segments of s that compactStep may
// merge: those under half of limit, as scorch's planner counts them.
func mergeable(s *scorch.Scorch, limit int64) (int, error) {
	r, err := s.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, nil
	}
	n := 0
	for _, seg := range snap.Segments() {
		if mergeableSize(seg.LiveSize(), limit) {
			n++
		}
	}
	return n, nil
}

// mergeableSize reports whether a segment of live articles may be merged
// under a segment-size limit, as scorch's planner decides it.
func mergeableSize(live, limit int64) bool { return live < limit/2 }

// compactStep returns the options of a forced merge that merges (up to
// 100 of) n mergeable segments into one: scorch's planner adds merges
// while the segments it would leave outnumber its budget, and a budget
// of n-1 stops it after the first.
func compactStep(n int, limit int64) *mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.SegmentsPerMergeTask = 100
	o.MaxSegmentSize = limit
	o.CalcBudget = func(int64, int64, *mergeplan.MergePlanOptions) int { return n - 1 }
	return &o
}

// waitForRemoval waits (at most compactWait) for scorch's persister to
// remove the merged-away segment files once it has saved the new root (a
// few hundred milliseconds), so that a process that closes the index now
// does not leave them on disk until the next writer opens it.
func waitForRemoval(ctx context.Context, s *scorch.Scorch) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	deadline := time.Now().Add(compactWait)
	for time.Now().Before(deadline) {
		files, _ := s.StatsMap()["CurOnDiskFiles"].(uint64)
		if n, err := segmentCount(s); err == nil && files <= uint64(n)+1 { // root.bolt and the segments
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// segmentCount returns the number of segments of s.
func segmentCount(s *scorch.Scorch) (int, error) {
	r, err := s.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		return len(snap.Segments()), nil
	}
	return 0, nil
}

// compactWait is how long compact waits for the merged-away segment
// files to be removed.
const compactWait = 30 * time.Second

// Follow keeps the index up to date with src while a crawl writes to it:
// it runs Update every interval until ctx is done, then once more (with a
// context that is not cancelled, so the last articles are not left out),
// and returns the number of articles indexed and the first error. A
// write that failed is logged and does not stop it: the next Update opens
// the index again and goes on (see Update); it stops when that fails.
func (ix *Index) Follow(ctx context.Context, src Source, every time.Duration) (int, error) {
	total := 0
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			n, err := ix.Update(context.WithoutCancel(ctx), src)
			return total + n, err
		case <-t.C:
			n, err := ix.Update(ctx, src)
			total += n
			var we writeError
			if err != nil && ctx.Err() == nil && errors.As(err, &we) {
				ix.log.Warn("index: write failed; opening the index again at the next update", "err", err)
				continue
			}
			if err != nil && ctx.Err() == nil {
				return total, err
			}
		}
	}
}

// fill indexes the articles of src after seq into bi, saves the seq
// reached, and calls progress (if not nil) as batches are written, with
// the number of articles written so far. One goroutine reads articles and
// makes them into batches (readBatches) while writers hand the batches
// to bleve, writers of them at once: bleve builds a batch's segment on
// the goroutine that calls Batch.
//
// With a forward index (fwd not nil), each batch's titles and bodies are
// analyzed before bleve has the batch, and their terms written to fwd
// first: the forward index is never behind what bleve saved. With
// plan.beside, the terms are written while bleve writes the batch, and
// the seq saved never counts a batch before both are written: after a
// crash, bleve may hold a batch that the forward index lacks (phrases
// and patterns on its articles fail) until the next Update writes it
// again. With
// plan.ahead, a stage between the reader and the writer does that for the
// next batch while the writer writes the last one (prepare), and the
// forward index's runs are merged on a goroutine of their own
// (fwdMerger): the forward index is then ahead of bleve by up to two
// batches, which the next Update writes again if bleve did not save them.
func fill(ctx context.Context, bi bleve.Index, docs *docBuilder, fwd *fwdStore, src Source, seq int64, plan fillPlan, log *slog.Logger, progress func(int)) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	times := readBatchTimes(bi)
	f := &filler{bi: bi, fwd: fwd, cancel: cancel,
		w: &written{seq: seq, saved: seq, done: map[int]batch{}, log: log, progress: progress}}
	jobs := make(chan batch) // unbuffered: at most writers+1 batches in memory (+1 prepared)
	var readErr error
	go func() {
		defer close(jobs)
		readErr = readBatches(ctx, bi, docs, src, seq, plan, func(j batch) error {
			select {
			case jobs <- j:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	ready := jobs
	var merger *fwdMerger
	if plan.ahead && fwd != nil {
		merger = startFwdMerger(fwd, f.fail)
		ready = make(chan batch)
		go f.prepare(ctx, jobs, ready, merger)
	}
	var wg sync.WaitGroup
	for range plan.writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.write(ctx, ready, plan.beside && merger == nil)
		}()
	}
	wg.Wait()
	if merger != nil {
		_ = merger.stop() // its error is f's (fail)
	}
	logBatchTimes(log, bi, times)
	return f.finish(readErr)
}

// filler is the state that fill's goroutines share.
type filler struct {
	bi     bleve.Index
	fwd    *fwdStore
	w      *written
	cancel context.CancelFunc

	errOnce sync.Once
	err     error // the first error of a stage after the reader
}

// fail records the first error of a stage and stops the others; every
// error is a writeError: as after a failed write of bleve's, Update
// opens the index again (the folder may have gone).
func (f *filler) fail(err error) {
	f.errOnce.Do(func() {
		var we writeError
		if !errors.As(err, &we) {
			err = writeError{err}
		}
		f.err = err
	})
	f.cancel()
}

// prepare analyzes the titles and bodies of each batch of in, writes
// them to the forward index as a run, and passes the batch on to out,
// which it closes when in is done; after an error it passes nothing on.
func (f *filler) prepare(ctx context.Context, in <-chan batch, out chan<- batch, merger *fwdMerger) {
	defer close(out)
	for j := range in {
		if ctx.Err() != nil {
			continue // drain, so that the reader finishes
		}
		if err := f.fwd.addRun(analyzeForward(j.words)); err != nil {
			f.fail(fmt.Errorf("index: %w", err))
			continue
		}
		dropSequences(j.words)
		j.words = nil // in the forward index
		merger.poke()
		out <- j // the writers read until out is closed
	}
}

// write hands the batches of jobs to bleve, each after its forward index
// entries when prepare did not write them, or beside them (writeBeside).
func (f *filler) write(ctx context.Context, jobs <-chan batch, beside bool) {
	for j := range jobs {
		if ctx.Err() != nil {
			continue // drain, so that the reader finishes
		}
		if beside && f.fwd != nil && len(j.words) > 0 {
			f.writeBeside(j)
			continue
		}
		if err := addForward(f.fwd, j.words); err != nil {
			f.fail(err)
			continue
		}
		v, own := f.w.carry(j)
		j.b.SetInternal(keySeq, []byte(strconv.FormatInt(v, 10)))
		if err := writeBatch(f.bi, j.b); err != nil {
			f.fail(err)
			continue
		}
		f.w.add(j, own)
	}
}

// writeBeside analyzes j's titles and bodies, then writes their forward
// index run (and the merges it calls for) on another goroutine while
// bleve builds and saves j's segment on this one. bleve may then save j
// before its run is in place, so j carries the seq of the batches written
// before it, never its own: were the process to stop between the two,
// the next Update writes j again (fill saves the last seq at its end).
func (f *filler) writeBeside(j batch) {
	docs := analyzeForward(j.words)
	run := make(chan error, 1)
	go func() {
		err := f.fwd.add(docs)
		dropSequences(j.words) // bleve reads only the frequencies
		run <- err
	}()
	v := f.w.before()
	j.b.SetInternal(keySeq, []byte(strconv.FormatInt(v, 10)))
	err := writeBatch(f.bi, j.b)
	if rerr := <-run; rerr != nil {
		err = errors.Join(err, fmt.Errorf("index: %w", rerr))
	}
	if err != nil {
		f.fail(err)
		return
	}
	f.w.add(j, false)
}

// finish returns the articles written and the first error of the stages
// (or the reader's, readErr), and saves the seq reached if the last batch
// could not carry it and no stage failed.
func (f *filler) finish(readErr error) (int, error) {
	n, last, saved := f.w.result()
	if f.err != nil {
		return n, f.err
	}
	if last != saved {
		// Even after the reader's error (a cancelled context): the
		// batches counted are written, and bleve is usable.
		if err := f.bi.SetInternal(keySeq, []byte(strconv.FormatInt(last, 10))); err != nil {
			return n, errors.Join(readErr, err)
		}
	}
	return n, readErr
}

// writeBatch writes b into bi, returning bleve's panic as an error.
// When scorch (bleve v2.6.3) fails to save a batch (an error of its
// persister, such as a file it cannot write), Scorch.Batch closes the
// batch's in-memory segment although that segment is already in the
// index's current snapshot; every later Batch on bi then panics
// ("assignment to entry in nil map" in zapx) while it looks up the new
// batch's ids in that closed segment, before it changes anything. fill's
// writers run at once, so one of them can be inside Batch when another's
// batch fails: the panic is returned as an error, and bi is not to be
// written again (fill stops at the first error).
//
// Every error is a writeError: the index is to be closed and opened again
// (Update does).
func writeBatch(bi bleve.Index, b *bleve.Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = writeError{fmt.Errorf("%w: bleve failed after an earlier failed write: %v", errWriteFailed, r)}
		}
	}()
	if err := bi.Batch(b); err != nil {
		return writeError{err}
	}
	return nil
}

// writeError is an error of bleve writing a batch, after which the index
// may be unusable (see writeBatch).
type writeError struct{ err error }

func (e writeError) Error() string { return e.err.Error() }
func (e writeError) Unwrap() error { return e.err }

// errWriteFailed is returned by writes to an index after a write that
// bleve could not save: the index must be closed (and opened again).
var errWriteFailed = errors.New("index not writable")

// bulkWriters is the number of batches fill writes at once when it builds
// a whole index in a new folder (Rebuild, RebuildFolder); Update uses one,
// to keep the memory of a crawl, which updates its index as it goes, low.
var bulkWriters = min(runtime.GOMAXPROCS(0), 2)

// batch is a batch of articles on its way to the index.
type batch struct {
	b     *bleve.Batch
	words []*words // its articles' analysis, for the forward index
	i     int      // its rank, from 0
	n     int      // the articles read so far, its own included
	last  int64    // the seq of its last article
}

// written follows the batches that fill's writers have written, which may
// finish out of order, so that the seq saved in the index is never past
// an article not yet written: a batch carries its own seq only when every
// earlier batch is written, else the seq of the batches written before
// it, and fill saves the last seq at the end if the last batch could not
// carry it.
type written struct {
	mu       sync.Mutex
	next     int           // the first batch not written yet
	done     map[int]batch // written, after a batch not written yet
	n        int           // articles of batches 0..next-1
	seq      int64         // seq reached by batches 0..next-1
	saved    int64         // the seq the last batch carried, if it was its own
	log      *slog.Logger
	progress func(int)
}

// carry returns the seq that j is to carry into the index, and whether
// it is j's own.
func (w *written) carry(j batch) (int64, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.next == j.i {
		return j.last, true
	}
	return w.seq, false
}

// before returns the seq reached by the batches written so far.
func (w *written) before() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seq
}

// add records that j was written, and reports progress.
func (w *written) add(j batch, own bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done[j.i] = j
	if own {
		w.saved = j.last
	}
	moved := false
	for {
		d, ok := w.done[w.next]
		if !ok {
			break
		}
		delete(w.done, w.next)
		w.next++
		w.n, w.seq = d.n, d.last
		moved = true
	}
	if !moved {
		return
	}
	w.log.Debug("indexed batch", "articles", w.n)
	if w.progress != nil {
		w.progress(w.n)
	}
}

// result returns the articles written, the seq they reach, and the seq
// saved with the last batch.
func (w *written) result() (n int, seq, saved int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n, w.seq, w.saved
}

// readBatches reads the articles of src after seq into batches of
// plan.size articles or plan.bytes of text, and passes each to emit.
func readBatches(ctx context.Context, bi bleve.Index, docs *docBuilder, src Source, seq int64, plan fillPlan, emit func(batch) error) error {
	var (
		n, i  int
		last  = seq
		b     = bi.NewBatch()
		ws    []*words
		bytes int
	)
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := emit(batch{b: b, words: ws, i: i, n: n, last: last}); err != nil {
			return err
		}
		i++
		b = bi.NewBatch()
		ws = nil
		bytes = 0
		return nil
	}
	err := src.ArticlesSince(ctx, seq, func(s int64, a *corpus.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, w := docs.documentWords(a)
		if err := b.IndexAdvanced(d); err != nil {
			return fmt.Errorf("article %d: %w", a.ID, err)
		}
		if docs.forward {
			ws = append(ws, w)
		}
		n++
		bytes += len(a.Text)
		if s > last {
			last = s
		}
		if b.Size() >= plan.size || bytes >= plan.bytes {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// Rebuild builds the index again from scratch from src, merges it into one
// segment (compact), and returns the number of articles indexed. An
// on-disk index is built in a new folder beside the current one, which
// keeps answering searches until the new one replaces it; an interrupted
// Rebuild leaves the current index as it was.
func (ix *Index) Rebuild(ctx context.Context, src Source) (int, error) {
	if ix.readOnly {
		return 0, ErrReadOnly
	}
	ix.updateMu.Lock()
	defer ix.updateMu.Unlock()
	ix.mu.RLock()
	closed := ix.bi == nil
	ix.mu.RUnlock()
	if closed {
		return 0, ErrClosed
	}
	tmp := ""
	if ix.path != "" {
		tmp = ix.path + ".new"
	}
	nbi, nfwd, n, err := ix.buildNew(ctx, src, tmp)
	if err != nil {
		return n, fmt.Errorf("index: rebuild: %w", err)
	}
	return n, ix.swapRebuilt(ctx, nbi, nfwd, tmp)
}

// buildNew builds a whole index of src in the folder tmp ("": in memory),
// compacted, with its sidecars, and returns it open. On an error nothing
// of it is left.
func (ix *Index) buildNew(ctx context.Context, src Source, tmp string) (bleve.Index, *fwdStore, int, error) {
	if tmp != "" {
		if err := os.RemoveAll(tmp); err != nil {
			return nil, nil, 0, err
		}
	}
	nbi, err := createIndex(tmp, ix.m, true)
	if err != nil {
		return nil, nil, 0, err
	}
	var nfwd *fwdStore
	if ix.docs.forward {
		if nfwd, err = openFwdStore(fwdFolder(tmp)); err != nil {
			_ = nbi.Close()
			if tmp != "" {
				_ = os.RemoveAll(tmp)
			}
			return nil, nil, 0, err
		}
	}
	stopRelease := releasePages(tmp, func() ([][]byte, func()) { return indexMaps(nbi, nfwd) })
	n, err := fill(ctx, nbi, ix.docs, nfwd, src, 0, bulkFill, ix.log, ix.progress)
	if err == nil {
		err = stampCorpus(ctx, nbi, src, 0)
	}
	if err == nil {
		err = compactBoth(ctx, nbi, nfwd, tmp != "", ix.log)
	}
	if err == nil && tmp != "" {
		writeSidecars(ctx, nbi, nfwd, ix.log) // sidecars.go: before the swap
	}
	stopRelease()
	if err != nil {
		_ = nbi.Close()
		closeFwd(nfwd)
		if tmp != "" {
			_ = os.RemoveAll(tmp)
		}
		return nil, nil, n, err
	}
	return nbi, nfwd, n, nil
}

// closeFwd closes s, if any, ignoring its error (a store being dropped).
func closeFwd(s *fwdStore) {
	if s != nil {
		_ = s.close()
	}
}

// swapRebuilt puts the index Rebuild built (nbi and nfwd, in the folder
// tmp, or in memory when tmp is "") in the place of ix's, and reopens it.
func (ix *Index) swapRebuilt(ctx context.Context, nbi bleve.Index, nfwd *fwdStore, tmp string) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.bi == nil {
		_ = nbi.Close()
		closeFwd(nfwd)
		return ErrClosed
	}
	if ix.path == "" {
		_ = ix.bi.Close()
		closeFwd(ix.fwd)
		ix.bi, ix.fwd = nbi, nfwd
		return nil
	}
	closeFwd(nfwd)
	if err := nbi.Close(); err != nil {
		return fmt.Errorf("index: rebuild: %w", err)
	}
	closeFwd(ix.fwd)
	ix.fwd = nil
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("index: rebuild: close old index: %w", err)
	}
	ix.bi = nil
	swapErr := swapIn(ctx, ix.path, tmp)
	bi, err := openOrCreate(ix.path, ix.m)
	if err != nil {
		return fmt.Errorf("index: rebuild: reopen: %w", err)
	}
	if ix.docs.forward {
		if ix.fwd, err = openFwdStore(fwdFolder(ix.path)); err != nil {
			_ = bi.Close()
			return fmt.Errorf("index: rebuild: reopen: %w", err)
		}
	}
	ix.bi = bi
	if swapErr != nil {
		return fmt.Errorf("index: rebuild: %w", swapErr)
	}
	return nil
}

// fwdFolder returns the forward index's folder in the index folder path
// ("" for an index in memory).
func fwdFolder(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Join(path, fwdDir)
}

// distinctWords returns ws without the earlier analyses of an article that
// comes again later (Put of a list with an article twice: bleve keeps the
// last).
func distinctWords(ws []*words) []*words {
	seen := make(map[int64]int, len(ws))
	out := ws[:0:0]
	for _, w := range ws {
		if i, ok := seen[w.id]; ok {
			out[i] = w
			continue
		}
		seen[w.id] = len(out)
		out = append(out, w)
	}
	return out
}
