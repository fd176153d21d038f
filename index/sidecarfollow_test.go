package index

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// planSegment is a segment as scorch's merge planner sees it.
type planSegment struct {
	id   uint64
	live int64
}

func (s planSegment) Id() uint64          { return s.id }
func (s planSegment) FullSize() int64     { return s.live }
func (s planSegment) LiveSize() int64     { return s.live }
func (s planSegment) HasVector() bool     { return false }
func (s planSegment) FileSize() int64     { return s.live * 1000 }
func (s planSegment) LiveFileSize() int64 { return s.live * 1000 }

// mergeOptions reads a merge policy as scorch does (its JSON fields).
func mergeOptions(t *testing.T, policy map[string]any) *mergeplan.MergePlanOptions {
	t.Helper()
	o := mergeplan.DefaultMergePlanOptions
	b, err := json.Marshal(policy)
	if err == nil {
		err = json.Unmarshal(b, &o)
	}
	if err != nil {
		t.Fatal(err)
	}
	return &o
}

// TestMergePolicyKeepsFinalSegments: under the merge policies of every
// writer, scorch's planner merges no segment that sidecarFollower takes
// as final (finalSize), however many there are, and makes none larger
// than its cap (mergeMaxDocs; maxSegmentDocs in a bulk build); smaller
// ones it still merges.
func TestMergePolicyKeepsFinalSegments(t *testing.T) {
	for _, tt := range []struct {
		name   string
		policy map[string]any
		cap    int64
	}{{"normal", normalMerge(), mergeMaxDocs}, {"bulk", bulkMerge(), maxSegmentDocs}} {
		t.Run(tt.name, func(t *testing.T) {
			var segs []mergeplan.Segment
			for i := range 300 { // 30 final segments, then 270 small ones
				live := mergeMaxDocs / 2
				if i >= 30 {
					live = maxSegmentDocs / 50
				}
				segs = append(segs, planSegment{id: uint64(i + 1), live: live})
			}
			plan, err := mergeplan.Plan(segs, mergeOptions(t, tt.policy))
			if err != nil {
				t.Fatal(err)
			}
			merged := 0
			for _, task := range plan.Tasks {
				var sum int64
				for _, s := range task.Segments {
					if finalSize(s.LiveSize(), maxSegmentDocs) {
						t.Fatalf("a final segment (%d articles) is merged", s.LiveSize())
					}
					sum += s.LiveSize()
				}
				if sum > tt.cap {
					t.Errorf("a merge makes %d articles, over %d", sum, tt.cap)
				}
				merged += len(task.Segments)
			}
			if merged == 0 {
				t.Error("no small segment merged")
			}
		})
	}
}

// TestFinalSegmentSize: a segment is final from half of the larger of
// the two caps (scorch's merges', compact's); below, either may merge it.
func TestFinalSegmentSize(t *testing.T) {
	defer func(m, s int64) { mergeMaxDocs, maxSegmentDocs = m, s }(mergeMaxDocs, maxSegmentDocs)
	mergeMaxDocs, maxSegmentDocs = 250_000, 100_000
	for _, tt := range []struct {
		live, limit int64
		final       bool
	}{
		{49_999, 100_000, false},
		{50_000, 100_000, false}, // compact leaves it, scorch may merge it
		{124_999, 100_000, false},
		{125_000, 100_000, true},
		{145_000, 100_000, true},
		{145_000, 300_000, false}, // compact may merge it
		{0, 100_000, false},
	} {
		if got := finalSize(tt.live, tt.limit); got != tt.final {
			t.Errorf("finalSize(%d, %d) = %v", tt.live, tt.limit, got)
		}
	}
}

// logLines collects the messages of a logger, with their attributes.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) Enabled(context.Context, slog.Level) bool { return true }
func (l *logLines) WithAttrs(as []slog.Attr) slog.Handler {
	return &attrHandler{l: l, attrs: as}
}
func (l *logLines) WithGroup(string) slog.Handler { return l }
func (l *logLines) Handle(_ context.Context, r slog.Record) error {
	return (&attrHandler{l: l}).Handle(context.Background(), r)
}

// count returns the number of lines holding every one of parts.
func (l *logLines) count(parts ...string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, line := range l.lines {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			n++
		}
	}
	return n
}

type attrHandler struct {
	l     *logLines
	attrs []slog.Attr
}

func (h *attrHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *attrHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &attrHandler{l: h.l, attrs: append(append([]slog.Attr{}, h.attrs...), as...)}
}
func (h *attrHandler) WithGroup(string) slog.Handler { return h }
func (h *attrHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	for _, a := range h.attrs {
		b.WriteString(" " + a.String())
	}
	r.Attrs(func(a slog.Attr) bool { b.WriteString(" " + a.String()); return true })
	h.l.mu.Lock()
	h.l.lines = append(h.l.lines, b.String())
	h.l.mu.Unlock()
	return nil
}

// followSetup turns the follower on and makes a first build of 300 articles in batches of 20 make
// final segments (mergeMaxDocs 300: merges of 150 to 200 articles, final
// once the index holds more than maxSegmentDocs, 200)
// with sidecars, the follower look every 5 ms, and restores all after.
func followSetup(t *testing.T) []*corpus.Article {
	plan, limit, mcap, bm, pm, every, on := firstFill, maxSegmentDocs, mergeMaxDocs, blockMaxMinDocs, pairsMinDocs, followEvery, followFill
	t.Cleanup(func() {
		firstFill, maxSegmentDocs, mergeMaxDocs, blockMaxMinDocs, pairsMinDocs, followEvery, followFill = plan, limit, mcap, bm, pm, every, on
	})
	followFill = true
	firstFill, maxSegmentDocs, mergeMaxDocs = smallFirstFill(), 200, 300
	blockMaxMinDocs, pairsMinDocs, followEvery = 1, 1, 5*time.Millisecond
	return fillArticles(300)
}

// waitingSource is src whose last article waits (10 s at most) until
// ready says so: the fill lasts until the follower has done its part.
func waitingSource(src *fakeSource, n int, ready func() bool) {
	var rows atomic.Int64
	src.onRow = func() {
		if rows.Add(1) != int64(n) {
			return
		}
		for deadline := time.Now().Add(10 * time.Second); !ready() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// TestSidecarsDuringFill: a first build writes the sidecars of its final
// segments during the fill; they are kept after it (no merge took their
// segments), phrase searches read them and find what bleve's phrase query
// finds, and once a segment is merged away after all, its sidecars go.
func TestSidecarsDuringFill(t *testing.T) {
	useWordPositions(t) // bleve's phrase query is the reference
	arts := followSetup(t)
	logs := &logLines{}
	during := func() bool { return logs.count("phrase pairs written", "during=fill") > 0 }
	src := newFakeSource(arts...)
	waitingSource(src, len(arts), during)
	path := filepath.Join(t.TempDir(), "f.bleve")
	ix, err := Open(path, WithLogger(slog.New(logs)))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	if !during() {
		t.Fatal("no sidecar written during the fill")
	}
	early := sidecarsWrittenDuring(t, logs, path)
	for _, f := range early {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("a sidecar written during the fill is gone: %v", err)
		}
	}
	if logs.count("phrase pairs written", "segment="+strings.TrimSuffix(filepath.Base(early[0]), ".pairs")) != 1 {
		t.Error("a segment's pairs were written twice")
	}
	forgetPairs()
	if n := usablePairs(t, ix); n == 0 {
		t.Fatal("searches read no pairs")
	}
	checkPhrasesMatchBleve(t, ix, testPhrases(arts)[:60])
	// Merged away after all (compact into one segment): stale, removed.
	maxSegmentDocs, mergeMaxDocs = 10_000, 10_000
	if err := compact(context.Background(), ix.bi); err != nil {
		t.Fatal(err)
	}
	writeSidecars(context.Background(), ix.bi, ix.fwd, ix.log)
	for _, f := range early {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s: a merged-away segment's sidecar is kept", filepath.Base(f))
		}
	}
	forgetPairs()
	checkPhrasesMatchBleve(t, ix, testPhrases(arts)[:60])
}

// sidecarsWrittenDuring returns the pairs files the follower logged.
func sidecarsWrittenDuring(t *testing.T, logs *logLines, path string) []string {
	t.Helper()
	logs.mu.Lock()
	defer logs.mu.Unlock()
	var files []string
	for _, line := range logs.lines {
		if !strings.Contains(line, "phrase pairs written") || !strings.Contains(line, "during=fill") {
			continue
		}
		_, seg, _ := strings.Cut(line, "segment=")
		seg, _, _ = strings.Cut(seg, " ")
		files = append(files, pairsFile(filepath.Join(path, "store", seg)))
	}
	return files
}

// TestSidecarsDuringFillFail: a sidecar kind that cannot be written (its
// folder is a file) leaves the follower and the build going: the build
// succeeds, the other kinds are written, and searches are right.
func TestSidecarsDuringFillFail(t *testing.T) {
	useWordPositions(t)
	arts := followSetup(t)
	logs := &logLines{}
	src := newFakeSource(arts...)
	waitingSource(src, len(arts), func() bool { return logs.count("block bounds written", "during=fill") > 0 })
	path := filepath.Join(t.TempDir(), "f.bleve")
	ix, err := Open(path, WithLogger(slog.New(logs)))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := os.WriteFile(filepath.Join(path, pairsDirName), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	if logs.count("block bounds written", "during=fill") == 0 {
		t.Error("no block bounds written during the fill beside the failing pairs")
	}
	if logs.count("sidecar during the fill failed") == 0 {
		t.Error("the pairs' failure is not logged")
	}
	checkPhrasesMatchBleve(t, ix, testPhrases(arts)[:60])
}

// TestSidecarsDuringFillCancelled: an Update cancelled while the follower
// writes returns at once, leaves no temporary file behind the next
// Update, which finishes the index as one not cancelled.
func TestSidecarsDuringFillCancelled(t *testing.T) {
	useWordPositions(t)
	arts := followSetup(t)
	logs := &logLines{}
	src := newFakeSource(arts...)
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled atomic.Int64 // unix ns
	waitingSource(src, len(arts), func() bool {
		if logs.count("block bounds written", "during=fill") > 0 {
			cancelled.Store(time.Now().UnixNano())
			cancel() // the follower goes on to the pairs
			return true
		}
		return false
	})
	path := filepath.Join(t.TempDir(), "f.bleve")
	ix, err := Open(path, WithLogger(slog.New(logs)))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(ctx, src); err == nil {
		t.Fatal("a cancelled Update returned no error")
	}
	if at := cancelled.Load(); at == 0 {
		t.Fatal("not cancelled during the fill")
	} else if d := time.Since(time.Unix(0, at)); d > 5*time.Second {
		t.Errorf("the cancelled Update returned %v after the cancel", d)
	}
	src.onRow = nil
	if _, err := ix.Update(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	tmps, _ := filepath.Glob(filepath.Join(path, "*", "*.tmp-*"))
	if len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	if n, _ := ix.Count(); n != uint64(len(arts)) {
		t.Errorf("%d articles, want %d", n, len(arts))
	}
	forgetPairs()
	checkPhrasesMatchBleve(t, ix, testPhrases(arts)[:60])
}

// TestPairSidecarsSeeContext: the phrase pairs and pair buckets of a
// segment stop with the context's error once it is done, so that a
// cancelled index command does not wait for them.
func TestPairSidecarsSeeContext(t *testing.T) {
	ix, _ := mustFill(t, newFakeSource(fillArticles(100)...), smallPlan(true))
	snap, done := mustSnapshot(t, ix)
	defer done()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, k := range []sidecar{pairsSidecar(ix.fwd), pairBucketsSidecar(ix.fwd)} {
		for _, ss := range snap.Segments() {
			if _, err := k.write(ctx, io.Discard, ss.Segment()); !errors.Is(err, context.Canceled) {
				t.Errorf("%s: a cancelled write returned %v", k.what, err)
			}
			if _, err := k.write(context.Background(), io.Discard, ss.Segment()); err != nil {
				t.Errorf("%s: %v", k.what, err)
			}
		}
	}
}
