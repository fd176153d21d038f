package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// TestMain lets the test binary act as the archivist command, so that tests
// can run (and kill) a real archivist process without building one.
func TestMain(m *testing.M) {
	if os.Getenv("ARCHIVIST_TEST_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// archivistCmd returns a command that runs archivist with args.
func archivistCmd(t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "ARCHIVIST_TEST_MAIN=1")
	return cmd
}

// corpusSnapshot is what must be equal between a clean crawl and a crawl
// that was killed and resumed: every article once, with the same content.
func corpusSnapshot(t testing.TB, path string) (map[string]string, *corpus.Stats) {
	t.Helper()
	ctx := context.Background()
	db, err := corpus.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	snap := map[string]string{}
	err = db.Articles(ctx, corpus.ArticleFilter{}, func(a *corpus.Article) error {
		key := a.CanonicalURL
		if key == "" {
			key = a.URL
		}
		if _, dup := snap[key]; dup {
			t.Errorf("%s: article stored twice: %s", path, key)
		}
		snap[key] = a.Title + "\x00" + a.Text + "\x00" + strings.Join(a.Authors, ",")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return snap, st
}

// TestResumeAfterSIGKILL kills a real `archivist crawl` process with
// SIGKILL three times mid-crawl, resumes it each time, and checks that the
// final corpus equals a clean crawl's and that only what was in flight was
// fetched twice.
func TestResumeAfterSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several crawls")
	}
	// The fake site with its traps and faults (503s, resets, a hanging
	// page, huge pages, a redirect loop), slowed down so kills land mid-crawl.
	srv := scrapertest.NewServer(t, scrapertest.WithLatency(40*time.Millisecond),
		scrapertest.WithSlowDelay(300*time.Millisecond))
	dir := t.TempDir()
	args := func(db string) []string {
		return []string{"crawl", "--db", db, "--delay", "0s", "--per-host", "4", "--parallel", "4", "--timeout", "1s",
			"--retries", "3", "-q", srv.URL + "/"}
	}

	clean := filepath.Join(dir, "clean.db")
	if out, err := archivistCmd(t, args(clean)...).CombinedOutput(); err != nil {
		t.Fatalf("clean crawl: %v\n%s", err, out)
	}
	want, wantStats := corpusSnapshot(t, clean)
	if len(want) < 100 {
		t.Fatalf("clean crawl found only %d articles", len(want))
	}
	srv.ResetLog()

	killed := filepath.Join(dir, "killed.db")
	kills := 0
	var runStarts []time.Time // when each process was started
	for _, after := range []time.Duration{800 * time.Millisecond, 500 * time.Millisecond, 700 * time.Millisecond} {
		cmd := archivistCmd(t, args(killed)...)
		runStarts = append(runStarts, time.Now())
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			t.Logf("crawl ended before the kill (%v)", err)
		case <-time.After(after):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
	}
	if kills == 0 {
		t.Fatal("the crawl always finished before it could be killed: make the site slower")
	}
	// Resume until it finishes.
	runStarts = append(runStarts, time.Now())
	if out, err := archivistCmd(t, args(killed)...).CombinedOutput(); err != nil {
		t.Fatalf("resumed crawl: %v\n%s", err, out)
	}
	got, gotStats := corpusSnapshot(t, killed)
	if len(got) != len(want) {
		t.Errorf("articles: %d after %d kills, %d in a clean crawl", len(got), kills, len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("article %s differs or is missing after kills", k)
		}
	}
	if gotStats.Frontier == nil || gotStats.Frontier.Queued != 0 || gotStats.Frontier.InFlight != 0 {
		t.Errorf("frontier not drained: %+v", gotStats.Frontier)
	}
	// Only what was in flight at a kill may be fetched again by a later
	// process. Only successful fetches count, and a fetch repeated within
	// one process is a retry (of a page whose answer the server sent
	// after the client's --timeout, which a loaded machine makes
	// likelier), not work lost to a kill.
	lastRun := map[string]int{}
	again := 0
	for _, r := range srv.Requests() {
		if r.Path == "/robots.txt" || r.Status != http.StatusOK {
			continue
		}
		run := 0
		for i, at := range runStarts {
			if !r.Start.Before(at) {
				run = i
			}
		}
		key := r.Path + "?" + r.RawQuery
		if prev, ok := lastRun[key]; ok && prev != run {
			again++
			t.Logf("fetched again by run %d after run %d: %s", run, prev, key)
		}
		lastRun[key] = run
	}
	if limit := kills * 4; again > limit {
		t.Errorf("%d URLs fetched twice after %d kills; at most %d were in flight", again, kills, limit)
	}
	t.Logf("%d kills, %d articles, %d captures (clean: %d), %d URLs fetched twice",
		kills, len(got), gotStats.Captures, wantStats.Captures, again)
}

// TestInterruptThenResumeWithoutSeeds stops a crawl the way Ctrl-C does
// (its context is cancelled), checks that the run is recorded as ended and
// the queue kept, then resumes it with `archivist crawl` and no seeds.
func TestInterruptThenResumeWithoutSeeds(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithLatency(10*time.Millisecond))
	db := filepath.Join(t.TempDir(), "archive.db")
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	e.global.DB = db
	if err := e.setup(); err != nil {
		t.Fatal(err)
	}
	opts := crawlOptions{Depth: 3, Parallel: 4, PerHost: 4, Delay: 0, Timeout: 5 * time.Second,
		Retries: 1, MaxBody: 10 << 20, Quiet: true}
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	err := runCrawl(ctx, e, opts, []string{srv.URL + "/"})
	if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted crawl: %v", err)
	}
	_, st := corpusSnapshot(t, db)
	if st.Frontier == nil || st.Frontier.Running != 0 || st.Frontier.Queued == 0 || st.Frontier.InFlight != 0 {
		t.Fatalf("after the interrupt: %+v", st.Frontier)
	}
	mustRun(t, "crawl", "--db", db, "--delay", "0s", "--per-host", "4", "-q")
	got, st := corpusSnapshot(t, db)
	if len(got) != len(srv.Articles()) || st.Frontier.Queued != 0 {
		t.Errorf("after resuming: %d articles (want %d), frontier %+v", len(got), len(srv.Articles()), st.Frontier)
	}
}
