package index

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// fakeSegment is a persisted segment of docs documents at path; only
// Count and Path are called on it.
type fakeSegment struct {
	segment.PersistedSegment
	docs uint64
	path string
}

func (s fakeSegment) Count() uint64 { return s.docs }
func (s fakeSegment) Path() string  { return s.path }

// fakeKind is a sidecar kind writing nothing, whose files are in dir and
// are usable when have says so; write calls onWrite.
func fakeKind(what, dir string, weight, minDocs uint64, have map[string]bool, onWrite func(what string, seg segment.Segment) error) sidecar {
	return sidecar{
		what:    what,
		file:    func(seg string) string { return filepath.Join(dir, filepath.Base(seg)+"."+what) },
		minDocs: minDocs,
		weight:  weight,
		usable:  func(file string, _ uint64) bool { return have[filepath.Base(file)] },
		write: func(_ context.Context, _ io.Writer, seg segment.Segment) (int64, error) {
			return 0, onWrite(what, seg)
		},
	}
}

// TestSidecarJobs: the sidecars to write are the missing ones of segments
// large enough for their kind, the costliest first (a segment's documents
// times its kind's weight), and every live segment's file is kept.
func TestSidecarJobs(t *testing.T) {
	segs := []segment.Segment{
		fakeSegment{docs: 100, path: "/x/store/a.zap"},
		fakeSegment{docs: 300, path: "/x/store/b.zap"},
		fakeSegment{docs: 10, path: "/x/store/c.zap"},
		fakeSegment{docs: 200, path: "/x/store/d.zap"},
	}
	none := func(string, segment.Segment) error { return nil }
	kinds := []sidecar{
		fakeKind("bounds", "/x/b", 1, 50, map[string]bool{"d.zap.bounds": true}, none),
		fakeKind("pairs", "/x/p", 3, 150, nil, none),
	}
	jobs, live := sidecarJobs(kinds, segs)
	var got []string
	for _, j := range jobs {
		got = append(got, filepath.Base(j.file))
	}
	// pairs: b 900, d 600; bounds: b 300, a 100 (c too small, d's there).
	want := []string{"b.zap.pairs", "d.zap.pairs", "b.zap.bounds", "a.zap.bounds"}
	if !slices.Equal(got, want) {
		t.Errorf("jobs %q; want %q", got, want)
	}
	if live[0].dir != "/x/b" || len(live[0].names) != 4 || !live[0].names["c.zap.bounds"] {
		t.Errorf("live bounds %v; want the four segments' files in /x/b", live[0])
	}
}

// jobSegs are three fake segments of decreasing sizes in dir's store.
func jobSegs(dir string) []segment.Segment {
	return []segment.Segment{
		fakeSegment{docs: 100, path: dir + "/store/a.zap"},
		fakeSegment{docs: 90, path: dir + "/store/b.zap"},
		fakeSegment{docs: 80, path: dir + "/store/c.zap"},
	}
}

// TestRunSidecarJobsTwoWorkers: the jobs run on as many workers as asked,
// in their order. Each of the first two jobs waits (10s at most) for the
// other to start, so that one worker, or jobs taken out of order, fail
// on any machine, loaded or not.
func TestRunSidecarJobsTwoWorkers(t *testing.T) {
	var running, most atomic.Int32
	both := make(chan struct{})
	closeBoth := sync.OnceFunc(func() { close(both) })
	var mu sync.Mutex
	var order []string
	write := func(what string, seg segment.Segment) error {
		mu.Lock()
		order = append(order, what+" "+filepath.Base(seg.(fakeSegment).path))
		mu.Unlock()
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		if n == 2 {
			closeBoth() // c may start while b runs: n is 2 again
		}
		select {
		case <-both:
		case <-time.After(10 * time.Second):
		}
		running.Add(-1)
		return nil
	}
	kinds := []sidecar{fakeKind("k", t.TempDir()+"/k", 1, 0, nil, write)}
	jobs, _ := sidecarJobs(kinds, jobSegs(t.TempDir()))
	errs := make([]error, 1)
	runSidecarJobs(context.Background(), kinds, jobs, 2, errs, slog.New(slog.DiscardHandler))
	if errs[0] != nil || most.Load() != 2 || len(order) != 3 || order[2] != "k c.zap" {
		t.Errorf("err %v, at most %d at once, order %q; want nil, 2, c.zap last", errs[0], most.Load(), order)
	}
}

// TestRunSidecarJobsKindFails: a kind's first failure skips its later
// jobs and not the other kinds'.
func TestRunSidecarJobsKindFails(t *testing.T) {
	var mu sync.Mutex
	var wrote []string
	broken := errors.New("disk full")
	write := func(what string, seg segment.Segment) error {
		mu.Lock()
		defer mu.Unlock()
		wrote = append(wrote, what)
		if what == "bad" {
			return broken
		}
		return nil
	}
	dir := t.TempDir()
	kinds := []sidecar{fakeKind("bad", dir+"/bad", 10, 0, nil, write), fakeKind("good", dir+"/good", 1, 0, nil, write)}
	jobs, _ := sidecarJobs(kinds, jobSegs(dir))
	errs := make([]error, 2)
	runSidecarJobs(context.Background(), kinds, jobs, 1, errs, slog.New(slog.DiscardHandler))
	if !errors.Is(errs[0], broken) || errs[1] != nil || !slices.Equal(wrote, []string{"bad", "good", "good", "good"}) {
		t.Errorf("errors %v, written %q; want the bad kind's error once, then the good kind's three", errs, wrote)
	}
}

// TestRunSidecarJobsCancelled: a cancelled context skips what is left.
func TestRunSidecarJobsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	write := func(string, segment.Segment) error { n++; cancel(); return nil }
	dir := t.TempDir()
	kinds := []sidecar{fakeKind("k", dir+"/k", 1, 0, nil, write)}
	jobs, _ := sidecarJobs(kinds, jobSegs(dir))
	errs := make([]error, 1)
	runSidecarJobs(ctx, kinds, jobs, 1, errs, slog.New(slog.DiscardHandler))
	if n != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("%d written, err %v; want 1 and context.Canceled", n, errs[0])
	}
}

// TestSidecarWorkers: as many workers as cores, two at most (their
// memory adds up: maxSidecarWorkers).
func TestSidecarWorkers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, tt := range []struct{ procs, want int }{{1, 1}, {2, 2}, {8, 2}} {
		runtime.GOMAXPROCS(tt.procs)
		if got := sidecarWorkers(); got != tt.want {
			t.Errorf("GOMAXPROCS %d: %d workers, want %d", tt.procs, got, tt.want)
		}
	}
}
