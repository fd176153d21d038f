package index

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// killArticles is the number of articles of the killed builds: ten
// batches of smallBatch.
const killArticles = 10 * smallBatch

// TestKilledFill: a process killed while it fills an index (os.Exit, no
// Close: scorch's persister stops where it is, as in a crash), or right
// after its fill returned, leaves an index whose saved seq never counts
// an article it lacks, in bleve or in the forward index, and the next
// Update goes on from there to every article. A batch carries the seq
// of the batches written before it (fill's written.carry, writeBeside),
// and a fill saves its last seq before it returns: a kill may lose a
// seq, never an article it counts. Batches written otherwise (scorch's
// unsafe batches, tried in docs/BENCHMARKS.md's idx27) must keep this.
func TestKilledFill(t *testing.T) {
	if os.Getenv("ARCHIVIST_KILL_INDEX") != "" {
		killedFill(os.Getenv("ARCHIVIST_KILL_INDEX"), os.Getenv("ARCHIVIST_KILL_AT"))
		return
	}
	for _, at := range []string{"1", "5", "9", "end"} {
		t.Run("at="+at, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.bleve")
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledFill$", "-test.count=1")
			cmd.Env = append(os.Environ(), "ARCHIVIST_KILL_INDEX="+path, "ARCHIVIST_KILL_AT="+at)
			out, err := cmd.CombinedOutput()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
				t.Fatalf("killed fill: %v; want exit status 3\n%s", err, out)
			}
			checkKilled(t, path, at)
		})
	}
}

// killedFill fills a new index at path, in the process of a test, and
// exits (status 3) without closing it: after at batches written, or
// right after the fill returned (at "end").
func killedFill(path, at string) {
	ix, err := Open(path)
	if err != nil {
		os.Exit(1)
	}
	batches, _ := strconv.Atoi(at) // 0 at "end"
	progress := func(n int) {
		if batches > 0 && n >= batches*smallBatch {
			os.Exit(3)
		}
	}
	src := newFakeSource(fillArticles(killArticles)...)
	if _, err := fill(context.Background(), ix.bi, ix.docs, ix.fwd, src, 0, smallFirstFill(), slog.New(slog.DiscardHandler), progress); err != nil {
		os.Exit(2)
	}
	os.Exit(3)
}

// checkKilled opens the index a killed fill left at path and checks its
// seq against its articles, then updates it to the end.
func checkKilled(t *testing.T, path, at string) {
	ix, err := Open(path)
	if err != nil {
		t.Fatalf("open after the kill: %v", err)
	}
	defer ix.Close()
	seq, err := readSeq(ix.bi)
	if err != nil {
		t.Fatal(err)
	}
	arts := fillArticles(killArticles)
	if at == "end" && seq != killArticles {
		t.Errorf("seq saved %d by a fill that returned; want %d", seq, killArticles)
	}
	fwd := forwardTerms(t, ix, arts)
	for _, a := range arts[:seq] { // article i has seq i
		if doc, err := ix.bi.Document(docID(a.ID)); err != nil || doc == nil {
			t.Fatalf("seq saved %d, but article %d is not in bleve (%v)", seq, a.ID, err)
		}
		if fwd[a.ID] == "" {
			t.Fatalf("seq saved %d, but article %d is not in the forward index", seq, a.ID)
		}
	}
	t.Logf("killed at %s: seq %d, %d articles in bleve", at, seq, mustCount(t, ix))
	src := newFakeSource(arts...)
	if _, err := ix.Update(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	if c := mustCount(t, ix); c != killArticles {
		t.Errorf("count %d after the update; want %d", c, killArticles)
	}
	plain, _ := mustFill(t, src, smallPlan(false))
	want, got := forwardTerms(t, plain, arts), forwardTerms(t, ix, arts)
	for _, a := range arts {
		if got[a.ID] != want[a.ID] {
			t.Fatalf("article %d in the forward index: %q, want %q", a.ID, got[a.ID], want[a.ID])
		}
	}
}
