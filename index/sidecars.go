package index

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// writeSidecars writes the files that archivist keeps beside the large
// persisted segments of bi, for the segments that lack them, and removes
// those of segments that are gone: the block bounds of the top-hits pass
// (blockmax.go), the pairs of common words of phrases (pairs.go) and the
// pair buckets of option (b)'s body phrases (pairbuckets.go). Each
// only logs its failures: a segment without a sidecar is searched the
// plain way, with the same answers.
//
// The pairs are read from the forward index fwd (nil: from the segments'
// positions, in tests' indexes with wordPositions).
//
// Each sidecar (a kind for a segment) is a job, taken by sidecarWorkers
// workers, the costliest first (sidecarJobs). A goroutine per kind, each
// reading its segments one after another, left a core idle for most of
// the end of a build of 1,000,000 articles: the phrase pairs of eight
// segments took 46 s on their own where the other kinds were done after
// 17 s (the lead's log, 28th session; idx29 measured the jobs).
func writeSidecars(ctx context.Context, bi bleve.Index, fwd *fwdStore, log *slog.Logger) {
	kinds := []sidecar{blockMaxSidecar(), pairsSidecar(fwd), pairBucketsSidecar(fwd)}
	errs := writeKinds(ctx, bi, kinds, sidecarWorkers(), log)
	for i, err := range errs {
		if err != nil && ctx.Err() == nil {
			log.Warn("index: "+kinds[i].what, "err", err)
		}
	}
}

// maxSidecarWorkers bounds the sidecar workers on machines of more cores:
// each phrase-pair job holds its segment's pairs in memory, and a second
// one beside the first raised the peak RSS of the sidecars of 1,000,000
// articles by 0.15-0.44 GB (0.73-0.89 GB to 0.97-1.17 GB, idx29), so
// eight at once would pass the 2 GB the fill stays under. Two is what
// was measured.
const maxSidecarWorkers = 2

// sidecarWorkers is the number of goroutines writing sidecars.
func sidecarWorkers() int { return min(runtime.GOMAXPROCS(0), maxSidecarWorkers) }

// writeKinds writes the missing or unusable sidecars of kinds for bi's
// persisted segments, workers at a time, and removes those of segments
// that are gone. It returns each kind's first error (nil: none); a kind
// that failed writes no more and removes nothing.
func writeKinds(ctx context.Context, bi bleve.Index, kinds []sidecar, workers int, log *slog.Logger) []error {
	errs := make([]error, len(kinds))
	each := func(err error) []error {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	s, err := scorchOf(bi)
	if err != nil || s == nil {
		return each(err)
	}
	r, err := s.Reader()
	if err != nil {
		return each(err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return errs
	}
	var segs []segment.Segment
	for _, ss := range snap.Segments() {
		segs = append(segs, ss.Segment())
	}
	jobs, live := sidecarJobs(kinds, segs)
	runSidecarJobs(ctx, kinds, jobs, workers, errs, log)
	for i, l := range live {
		if errs[i] == nil && l.dir != "" {
			removeStaleSidecars(l.dir, l.names)
		}
	}
	return errs
}

// sidecarJob is one sidecar to write: one kind's file for one segment.
type sidecarJob struct {
	kind int // in writeKinds' kinds
	seg  segment.Segment
	name string // the segment's file name, for logs and errors
	file string
	cost uint64 // the segment's documents times the kind's weight
}

// liveSidecars are the sidecar files of one kind that live segments have
// (or are to have), in their folder.
type liveSidecars struct {
	dir   string
	names map[string]bool
}

// sidecarJobs returns the sidecars of kinds that segs lack, the costliest
// first (so that the last jobs, which may leave a worker alone, are the
// shortest), and each kind's live files.
func sidecarJobs(kinds []sidecar, segs []segment.Segment) ([]sidecarJob, []liveSidecars) {
	var jobs []sidecarJob
	live := make([]liveSidecars, len(kinds))
	for i, k := range kinds {
		live[i].names = map[string]bool{}
		for _, seg := range segs {
			ps, ok := seg.(segment.PersistedSegment)
			if !ok {
				continue
			}
			file := k.file(ps.Path())
			live[i].dir = filepath.Dir(file)
			live[i].names[filepath.Base(file)] = true
			docs := seg.Count()
			if docs < k.minDocs || k.usable(file, docs) {
				continue
			}
			jobs = append(jobs, sidecarJob{kind: i, seg: seg, name: filepath.Base(ps.Path()), file: file, cost: docs * k.weight})
		}
	}
	slices.SortStableFunc(jobs, func(a, b sidecarJob) int { return cmp.Compare(b.cost, a.cost) })
	return jobs, live
}

// runSidecarJobs writes jobs on workers goroutines, in their order, and
// records each kind's first error in errs; a kind's later jobs are then
// skipped, and so is every job once ctx is done.
func runSidecarJobs(ctx context.Context, kinds []sidecar, jobs []sidecarJob, workers int, errs []error, log *slog.Logger) {
	var mu sync.Mutex
	failed := func(j sidecarJob, err error) bool {
		mu.Lock()
		defer mu.Unlock()
		if err != nil && errs[j.kind] == nil {
			errs[j.kind] = err
		}
		return errs[j.kind] != nil
	}
	next := make(chan sidecarJob)
	var wg sync.WaitGroup
	for range max(1, min(workers, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				if failed(j, ctx.Err()) {
					continue
				}
				failed(j, j.run(ctx, kinds[j.kind], log))
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
}

// run writes j's sidecar with its kind k.
func (j sidecarJob) run(ctx context.Context, k sidecar, log *slog.Logger) error {
	start := time.Now()
	n, err := writeSidecarFile(j.file, func(w io.Writer) (int64, error) { return k.write(ctx, w, j.seg) })
	if err != nil {
		return fmt.Errorf("%s: %w", j.name, err)
	}
	log.Debug("index: "+k.what+" written", "segment", j.name, "bytes", n, "took", time.Since(start))
	return nil
}

// sidecarFile returns the path of the sidecar with extension ext, in the
// index's folder dir, of the segment file seg (in the index's store
// folder, or a link to it from a read-only view: view.go).
func sidecarFile(seg, dir, ext string) string {
	if real, err := filepath.EvalSymlinks(seg); err == nil {
		seg = real
	}
	root := filepath.Dir(filepath.Dir(seg))
	return filepath.Join(root, dir, strings.TrimSuffix(filepath.Base(seg), ".zap")+ext)
}

// sidecar is one kind of file kept beside each large persisted segment.
type sidecar struct {
	what    string                  // in logs
	file    func(seg string) string // the sidecar's path for a segment file
	minDocs uint64                  // smaller segments get none
	// weight is the kind's cost per document of a segment, relative to
	// the others' (from the times of the lead's build of 1,000,000
	// articles): the order of writeKinds' jobs.
	weight uint64
	// usable reports whether file is a sidecar that searches can read,
	// for a segment of docs articles.
	usable func(file string, docs uint64) bool
	write  func(ctx context.Context, w io.Writer, seg segment.Segment) (int64, error)
}

// writeAll writes k's missing or unusable sidecars of bi's persisted
// segments, one at a time, and removes those of segments that are gone.
func (k sidecar) writeAll(ctx context.Context, bi bleve.Index, log *slog.Logger) error {
	return writeKinds(ctx, bi, []sidecar{k}, 1, log)[0]
}

// writeSidecarFile writes file with write, through a temporary file
// synced and renamed into place. It returns the file's size.
func writeSidecarFile(file string, write func(io.Writer) (int64, error)) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return 0, err
	}
	var n int64
	err := writeFileSynced(file, func(w io.Writer) (err error) {
		n, err = write(w)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// removeStaleSidecars removes the files of dir that are not sidecars of
// live segments (and temporary files left by a crash).
func removeStaleSidecars(dir string, live map[string]bool) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !live[e.Name()] {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
