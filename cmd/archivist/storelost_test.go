package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/internal/pgtest"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// TestWorkerOutlivesServerRestart restarts the PostgreSQL server under a
// `crawl --store` worker (every session ended, as at a restart or a
// failover; down for a second): the worker says it lost the database,
// waits for it, carries on as a new worker, and ends with every article
// stored once, nothing queued or in flight, and exit 0.
func TestWorkerOutlivesServerRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of some seconds and a server restart")
	}
	site := fortyArticles(t)
	cluster := pgtest.Start(t)
	url := cluster.NewDatabase(t)
	cmd := archivistCmd(t, "crawl", "--store", url, "--per-host", "1", "--delay", "60ms", "--timeout", "5s",
		"--host-lease", "2s", "-q", site.URL+"/")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	waitUntil(t, "the worker did not start fetching", func() bool { return len(site.Requests()) >= 12 })
	cluster.Restart(t, time.Second)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("worker: %v\n%s", err, out.String())
		}
	case <-time.After(120 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("the worker did not finish\n%s", out.String())
	}
	if !strings.Contains(out.String(), "lost the database") {
		t.Errorf("the worker did not say it lost the database:\n%s", out.String())
	}
	got, fs := storeArticles(t, url)
	for _, a := range site.Articles() {
		if !got[a.URL] {
			t.Errorf("article %s not stored", a.URL)
		}
	}
	if fs.Queued != 0 || fs.InFlight != 0 || fs.Running != 0 {
		t.Errorf("frontier left %d queued, %d in flight, %d runs not finished", fs.Queued, fs.InFlight, fs.Running)
	}
	// Only the pages whose save was cut off are fetched again.
	seen, again := map[string]bool{}, 0
	for _, r := range site.Requests() {
		if seen[r.Path] && r.Path != "/robots.txt" {
			again++
		}
		seen[r.Path] = true
	}
	if again > 3 {
		t.Errorf("%d pages fetched again after the restart, want at most the few being saved", again)
	}
	t.Logf("%d articles stored, %d pages fetched again\n%s", len(got), again, out.String())
}

// TestWorkerStopsOnPoisonPage: a page whose save ends the database
// session every time (here a trigger; in life, say, a backend the OOM
// killer takes on that page) would be fetched again for ever by workers
// that outlast losses; the worker stops at the loss after maxLosses within
// lossWindow, with an error that says so, after handing back what it held.
func TestWorkerStopsOnPoisonPage(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of some seconds")
	}
	site := fortyArticles(t)
	url := poisonedStore(t, "%/tag/%")
	ctx := context.Background()
	e, _, _ := crawlEnv(t, filepath.Join(t.TempDir(), "unused.db"))
	e.global.Store = url
	opts := storeCrawl(time.Minute)
	err := runCrawl(ctx, e, opts, []string{site.URL + "/"})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("lost the database %d times", maxLosses+1)) {
		t.Fatalf("crawl returned %v, want an error saying it lost the database %d times", err, maxLosses+1)
	}
	tags := map[string]int{}
	for _, r := range site.Requests() {
		if strings.Contains(r.Path, "/tag/") {
			tags[r.Path]++
		}
	}
	for p, n := range tags {
		if n > maxLosses+1 {
			t.Errorf("%s fetched %d times", p, n)
		}
	}
	// The last worker handed back what it held before stopping.
	if _, fs := storeArticles(t, url); fs.InFlight != 0 || fs.Running != 0 {
		t.Errorf("frontier left %d in flight, %d runs not finished", fs.InFlight, fs.Running)
	}
}

// TestWorkerGivesUpOnGoneServer stops the server for good under a worker
// that waits 3 seconds for it: the crawl stops with an error that says
// the database did not come back, and its summary counts what was saved.
func TestWorkerGivesUpOnGoneServer(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of some seconds")
	}
	site := fortyArticles(t)
	cluster := pgtest.Start(t)
	e, out, _ := crawlEnv(t, filepath.Join(t.TempDir(), "unused.db"))
	e.global.Store = cluster.NewDatabase(t)
	opts := storeCrawl(3 * time.Second)
	opts.Delay = 60 * time.Millisecond
	done := make(chan error, 1)
	go func() { done <- runCrawl(context.Background(), e, opts, []string{site.URL + "/"}) }()
	waitUntil(t, "the worker did not start fetching", func() bool { return len(site.Requests()) >= 12 })
	cluster.Stop()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "did not come back") {
			t.Fatalf("crawl returned %v, want an error saying the database did not come back", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the worker did not give up")
	}
	if !strings.Contains(out.String(), "crawl stopped by an error") {
		t.Errorf("summary: %q", out.String())
	}
}

// poisonedStore returns a new database whose session ends whenever a
// capture of a URL LIKE pattern is inserted (in life, say, a backend the
// OOM killer takes on that page).
func poisonedStore(t *testing.T, pattern string) string {
	t.Helper()
	url := pgtest.Start(t).NewDatabase(t)
	ctx := context.Background()
	s, err := pgstore.Open(ctx, url) // the schema, for the trigger
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Pool().Exec(ctx, `CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.url LIKE '`+pattern+`' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$;
		CREATE TRIGGER poison BEFORE INSERT ON captures FOR EACH ROW EXECUTE FUNCTION poison()`)
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// TestWorkerFailsPoisonPage: one article whose save ends the session
// every time is settled as failed (error kind store_lost) at its second
// loss, and the crawl goes on and finishes with every other article.
func TestWorkerFailsPoisonPage(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of some seconds")
	}
	site := fortyArticles(t)
	poison := site.Articles()[7].URL
	url := poisonedStore(t, poison)
	e, _, _ := crawlEnv(t, filepath.Join(t.TempDir(), "unused.db"))
	e.global.Store = url
	opts := storeCrawl(time.Minute)
	if err := runCrawl(context.Background(), e, opts, []string{site.URL + "/"}); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	got, fs := storeArticles(t, url)
	for _, a := range site.Articles() {
		if got[a.URL] == (a.URL == poison) {
			t.Errorf("article %s stored: %v", a.URL, got[a.URL])
		}
	}
	s, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fe, err := s.FrontierEntry(context.Background(), poison)
	if err != nil || fe.State != corpus.StateFailed || fe.Reason != corpus.ErrKindStoreLost {
		t.Errorf("the poison page's frontier row: %+v, %v; want failed, %s", fe, err, corpus.ErrKindStoreLost)
	}
	if fs.Queued != 0 || fs.InFlight != 0 || fs.Running != 0 {
		t.Errorf("frontier left %d queued, %d in flight, %d runs not finished", fs.Queued, fs.InFlight, fs.Running)
	}
}

// fortyArticles is a fake news site of 40 articles without faults.
func fortyArticles(t *testing.T) *scrapertest.Server {
	return scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(40),
		scrapertest.WithLatency(5*time.Millisecond))
}

// storeCrawl is quickCrawl for one worker of a PostgreSQL crawl that
// waits wait for a lost database.
func storeCrawl(wait time.Duration) crawlOptions {
	opts := quickCrawl()
	opts.PerHost, opts.HostLease, opts.StoreWait = 1, 2*time.Second, wait
	return opts
}

// TestWorkerKeepsPageLimit: --max-pages holds across a lost database: the
// worker that carries on fetches what is left of the limit, not the
// limit again, and the summary counts both workers' pages and says the
// limit was reached.
func TestWorkerKeepsPageLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of some seconds and a server restart")
	}
	site := fortyArticles(t)
	cluster := pgtest.Start(t)
	e, out, _ := crawlEnv(t, filepath.Join(t.TempDir(), "unused.db"))
	e.global.Store = cluster.NewDatabase(t)
	opts := storeCrawl(time.Minute)
	opts.Delay, opts.MaxPages = 60*time.Millisecond, 25
	done := make(chan error, 1)
	go func() { done <- runCrawl(context.Background(), e, opts, []string{site.URL + "/"}) }()
	waitUntil(t, "the worker did not start fetching", func() bool { return len(site.Requests()) >= 12 })
	cluster.Restart(t, time.Second)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("crawl: %v\n%s", err, out.String())
		}
	case <-time.After(120 * time.Second):
		t.Fatal("the worker did not finish")
	}
	pages := 0
	for _, r := range site.Requests() {
		if r.Path != "/robots.txt" {
			pages++
		}
	}
	// The pages being saved when the database went are fetched again.
	if pages > opts.MaxPages+3 {
		t.Errorf("%d pages fetched, want at most --max-pages %d and the few fetched again", pages, opts.MaxPages)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("%d pages fetched", opts.MaxPages)) || !strings.Contains(out.String(), "page limit reached") {
		t.Errorf("summary: %q, want %d pages fetched and the limit reached", out.String(), opts.MaxPages)
	}
}
