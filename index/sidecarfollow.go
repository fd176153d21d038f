package index

import (
	"context"
	"log/slog"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// sidecarFollower writes, during a first build's fill, the sidecars of
// the segments that no merge of this build will take again (finalSegments),
// one job at a time on one goroutine, so that after the fill only the last
// and smaller segments are left to writeSidecars. A build of 1,000,000
// articles spent 31 s after its fill on the sidecars of eight segments
// while its fill left 13% of two cores idle (the lead, 29th session).
//
// Nothing it writes is needed for a correct index: a segment without a
// sidecar is searched the plain way. A crash leaves temporary files and
// a cancelled context an unfinished job, which the next writeKinds
// removes or writes again; a sidecar of a segment merged away after all
// is removed by the next writeKinds as stale.
type sidecarFollower struct {
	bi    bleve.Index
	kinds []sidecar
	log   *slog.Logger
	every time.Duration
	quit  chan struct{} // closed by stop: no job after the one in flight
	done  chan struct{} // closed when the goroutine has returned
	// failed marks the kinds that failed once: they are left to
	// writeSidecars, which logs their error.
	failed []bool
	// settled holds the segment files whose sidecars are all written,
	// so that each step checks only the others' files.
	settled map[string]bool
}

// followFill turns the follower on. It is off: at 100,000 articles with
// the caps lowered to 20,000 (so that six of seven segments were final
// during the fill), at load 10-19 in an autogroup at -20, seven pairs of
// builds with and without it showed no wall time saved (pairwise median
// 2.6 s longer with it, 4 of 7 pairs slower, for 5% more CPU), although
// the end after the fill was 1.7-3.7 s shorter every time: the fill's
// length moved by more than that (idx30, docs/BENCHMARKS.md). Only a
// build on a quiet machine, where the fill leaves a core idle 13% of the
// time, can tell whether it pays: build with -tags measure_segcap and set
// ARCHIVIST_FOLLOW=1 to compare. The lead did, at 1,000,000 articles on a
// machine with no other work (thirtieth session, the host slow that hour:
// last session's binary took 14:52 right after): 13:06 with it against
// 13:14 without, CPU 1,364 s against 1,352 s; the fill slowed by about the
// work the follower took on (its phrase pairs took 9-16 s a segment during
// the fill, 4-7 s after it). Not worth turning on; a candidate for removal.
var followFill = false

// followEvery is how often the follower looks for new final segments:
// scorch's merges make one every few minutes at most (a variable for tests).
var followEvery = time.Second

// followSidecars starts a follower for bi (see sidecarFollower).
func followSidecars(ctx context.Context, bi bleve.Index, fwd *fwdStore, log *slog.Logger) *sidecarFollower {
	kinds := []sidecar{blockMaxSidecar(), pairsSidecar(fwd), pairBucketsSidecar(fwd)}
	f := &sidecarFollower{bi: bi, kinds: kinds, log: log.With("during", "fill"), every: followEvery,
		quit: make(chan struct{}), done: make(chan struct{}), failed: make([]bool, len(kinds)),
		settled: map[string]bool{}}
	go f.run(ctx)
	return f
}

// stop asks the follower to take no more jobs; the one in flight goes on
// (wait waits for it), so that the compaction can start beside it.
func (f *sidecarFollower) stop() {
	if f != nil {
		close(f.quit)
	}
}

// wait waits until the follower has returned: writeKinds must not write
// a sidecar that the follower is writing.
func (f *sidecarFollower) wait() {
	if f != nil {
		<-f.done
	}
}

func (f *sidecarFollower) run(ctx context.Context) {
	defer close(f.done)
	t := time.NewTicker(f.every)
	defer t.Stop()
	for {
		select {
		case <-f.quit:
			return
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for f.step(ctx) {
			select {
			case <-f.quit:
				return
			default:
			}
		}
	}
}

// step writes one missing sidecar of a final segment, the costliest
// first, and reports whether it wrote one (more may be waiting).
func (f *sidecarFollower) step(ctx context.Context) bool {
	s, err := scorchOf(f.bi)
	if err != nil || s == nil {
		return false
	}
	r, err := s.Reader()
	if err != nil {
		return false
	}
	defer r.Close() // holds the segment while its job reads it
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return false
	}
	var segs []segment.Segment
	for _, seg := range finalSegments(snap, maxSegmentDocs) {
		if !f.settled[segmentPath(seg)] {
			segs = append(segs, seg)
		}
	}
	jobs, _ := sidecarJobs(f.kinds, segs)
	f.settle(segs, jobs)
	for _, j := range jobs {
		if f.failed[j.kind] {
			continue
		}
		if err := j.run(ctx, f.kinds[j.kind], f.log); err != nil {
			f.failed[j.kind] = true
			f.log.Debug("index: sidecar during the fill failed; left to the end", "err", err)
		}
		return ctx.Err() == nil
	}
	return false
}

// settle marks the segments of segs that have no job left as settled.
func (f *sidecarFollower) settle(segs []segment.Segment, jobs []sidecarJob) {
	open := map[segment.Segment]bool{}
	for _, j := range jobs {
		open[j.seg] = true
	}
	for _, seg := range segs {
		if !open[seg] {
			f.settled[segmentPath(seg)] = true
		}
	}
}

// segmentPath returns the file of a persisted segment ("" for another).
func segmentPath(seg segment.Segment) string {
	if ps, ok := seg.(segment.PersistedSegment); ok {
		return ps.Path()
	}
	return ""
}

// finalSegments returns the segments of snap that no merge of this build
// takes again: those that neither scorch's planner (normalMerge: under
// half of mergeMaxDocs) nor compact (mergeable: under half of limit) may
// merge, once the index holds more than limit articles (below that compact
// merges it into one segment, whatever the sizes). A first build only adds
// articles, so that the count can only grow past limit.
func finalSegments(snap *scorch.IndexSnapshot, limit int64) []segment.Segment {
	n, err := snap.DocCount()
	if err != nil || int64(n) <= limit {
		return nil
	}
	var segs []segment.Segment
	for _, ss := range snap.Segments() {
		if finalSize(ss.LiveSize(), limit) {
			segs = append(segs, ss.Segment())
		}
	}
	return segs
}

// finalSize reports whether a segment of live articles is merged neither
// by scorch's planner under normalMerge nor by compact under limit.
func finalSize(live, limit int64) bool {
	return !mergeableSize(live, mergeMaxDocs) && !mergeableSize(live, limit)
}

// mergeableSize reports whether a segment of live articles may be merged
// under a segment-size limit, as scorch's planner decides it.
func mergeableSize(live, limit int64) bool { return live < limit/2 }
