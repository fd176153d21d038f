package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/internal/pgtest"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// crawledCorpus crawls a fake news site and an article edited between two
// crawls (two versions) into one SQLite corpus, and returns its path and
// the edited article's URL.
func crawledCorpus(t *testing.T) (db, edited string) {
	t.Helper()
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(30))
	db = crawlSite(t, srv)
	site := newEditedSite(t)
	mustRun(t, "crawl", "--db", db, "--depth", "0", "--delay", "0s", "--recrawl", "-q", "--no-index", site.url())
	site.edit()
	mustRun(t, "crawl", "--db", db, "--depth", "0", "--delay", "0s", "--recrawl", "-q", "--no-index", site.url())
	return db, site.url()
}

// TestMigrateToPostgres migrates a crawled SQLite corpus into PostgreSQL:
// export (JSONL, every version, CSV), stats, history and search give the
// same answers with --store as with --db; migrate again copies nothing
// more, and a database where a crawl ran since the copy, or holding
// another corpus, is refused.
func TestMigrateToPostgres(t *testing.T) {
	db, edited := crawledCorpus(t)
	cluster := pgtest.Start(t)
	url := cluster.NewDatabase(t)

	out := mustRun(t, "migrate", "--db", db, "--to", url)
	if !strings.Contains(out, "migrated ") || strings.Contains(out, " 0 captures") {
		t.Fatalf("migrate said %q", out)
	}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"export"},
		{"export", "--all-versions"},
		{"export", "--format", "csv", "--site", "127.0.0.1"},
	} {
		a, b := filepath.Join(dir, "sqlite.out"), filepath.Join(dir, "pg.out")
		mustRun(t, append(args, "--db", db, "--out", a)...)
		mustRun(t, append(args, "--store", url, "--out", b)...)
		want, _ := os.ReadFile(a)
		got, _ := os.ReadFile(b)
		if len(want) < 1000 || string(got) != string(want) {
			t.Errorf("%v: PostgreSQL export (%d bytes) differs from SQLite's (%d bytes)", args, len(got), len(want))
		}
	}
	// The watch schedule is SQLite's only (watch needs the file).
	if want, got := statsWithoutWatch(t, mustRun(t, "stats", "--json", "--db", db)), statsWithoutWatch(t, mustRun(t, "stats", "--json", "--store", url)); got != want {
		t.Errorf("stats --json differ:\nsqlite: %s\npostgres: %s", want, got)
	}
	if want, got := mustRun(t, "history", "--db", db, edited), mustRun(t, "history", "--store", url, edited); got != want ||
		!strings.Contains(got, ": 2 versions\n") {
		t.Errorf("history differs:\nsqlite: %s\npostgres: %s", want, got)
	}

	// The index follows the PostgreSQL corpus; search reads it.
	ix := filepath.Join(dir, "pg.bleve")
	mustRun(t, "index", "--store", url, "--index", ix)
	mustRun(t, "index", "--db", db)
	var fromPG, fromSQLite searchJSON
	json.Unmarshal([]byte(mustRun(t, "search", "--json", "--store", url, "--index", ix, "minister")), &fromPG)
	json.Unmarshal([]byte(mustRun(t, "search", "--json", "--db", db, "minister")), &fromSQLite)
	if fromPG.Total == 0 || fromPG.Total != fromSQLite.Total {
		t.Errorf("search found %d in the PostgreSQL corpus's index, %d in SQLite's", fromPG.Total, fromSQLite.Total)
	}
	// The index keeps no text: snippets come from the corpus, PostgreSQL's here.
	want := map[string]string{}
	for _, h := range fromSQLite.Hits {
		want[h.URL] = h.Snippet
	}
	for _, h := range fromPG.Hits {
		if h.Snippet == "" || h.Snippet != want[h.URL] {
			t.Errorf("search --store: hit %s has snippet %q, SQLite's has %q", h.URL, h.Snippet, want[h.URL])
		}
	}

	// Resumable: a second run finds everything copied.
	if out := mustRun(t, "migrate", "--db", db, "--to", url); !strings.Contains(out, ": 0 captures, 0 articles, 0 crawl runs, 0 frontier URLs copied") {
		t.Errorf("second migrate said %q, want nothing more copied", out)
	}

	// The copied crawl goes on in PostgreSQL: a worker without seeds
	// resumes it (its scope and frontier came along) and finishes.
	if out := mustRun(t, "crawl", "--store", url, "--delay", "0s", "-q"); !strings.Contains(out, "crawl finished") {
		t.Errorf("crawl --store on the migrated corpus said %q", out)
	}
	if _, fs := storeArticles(t, url); fs.Queued != 0 || fs.InFlight != 0 || fs.Runs < 4 {
		t.Errorf("after resuming in PostgreSQL: %+v; want nothing queued or in flight, a 4th run", fs)
	}
	// Its run, captures and frontier rows took ids the SQLite corpus may
	// give to later rows: copying again is refused.
	if code, _, errOut := runCLI(t, "migrate", "--db", db, "--to", url); code != 2 || !strings.Contains(errOut, "crawls ran in it since") {
		t.Errorf("migrate after a crawl in PostgreSQL: exit %d, %q; want 2 and a refusal", code, errOut)
	}

	other := filepath.Join(t.TempDir(), "other.db")
	mustRun(t, "crawl", "--db", other, "--depth", "0", "--delay", "0s", "-q", "--no-index", edited)
	code, _, errOut := runCLI(t, "migrate", "--db", other, "--to", url)
	if code != 2 || !strings.Contains(errOut, "is not a copy of") {
		t.Errorf("migrating another corpus into it: exit %d, %q; want 2 and a refusal", code, errOut)
	}
}

// TestStoreUsageErrors: a --store that is not a PostgreSQL URL, and
// --store on a command that needs the SQLite file, are usage errors.
func TestStoreUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"stats", "--store", "mysql://x/y"}, "bad --store"},
		{[]string{"verify", "--store", "postgres://x/y"}, "this command needs the SQLite file"},
		{[]string{"migrate", "--db", filepath.Join(t.TempDir(), "none.db"), "--to", "postgres://x/y"}, "no corpus at"},
		{[]string{"migrate"}, "no --to given"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v: exit %d, %q; want 2 and one line with %q", tc.args, code, errOut, tc.want)
		}
	}
}

// putPGArticle stores a capture and an article whose text is text in the
// PostgreSQL corpus at url.
func putPGArticle(t *testing.T, url, path, text string) {
	t.Helper()
	ctx := context.Background()
	s, err := pgstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := "http://news.test" + path
	err = s.Write(ctx, func(w corpus.Writer) error {
		c := &corpus.Capture{RequestedURL: u, URL: u, Status: 200, Body: []byte("<p>" + text + "</p>"), ContentType: "text/html"}
		if _, err := w.AddCapture(ctx, c); err != nil {
			return err
		}
		_, err := w.PutArticle(ctx, &corpus.Article{URL: u, Site: "news.test", Title: text, Text: text,
			PageType: corpus.PageTypeArticle, CaptureID: c.ID, WordCount: 1}, u)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestIndexFollowsStore runs `index --store --follow` as the one indexer
// while articles are added to the PostgreSQL corpus and search reads the
// index: each article becomes findable, and Ctrl-C ends the follower
// with a final update and its summary.
func TestIndexFollowsStore(t *testing.T) {
	url := pgtest.Start(t).NewDatabase(t)
	ix := filepath.Join(t.TempDir(), "shared.bleve")
	putPGArticle(t, url, "/zebra", "zebra")
	e, out, errOut := crawlEnv(t, filepath.Join(t.TempDir(), "unused.db"))
	e.global.Store, e.global.Index, e.indexEvery = url, ix, 50*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done, stopped := make(chan error, 1), make(chan struct{})
	go func() {
		defer close(stopped)
		done <- runIndex(ctx, e, indexOptions{Follow: true})
	}()
	// On a failure too, the follower stops before its folders go.
	t.Cleanup(func() { cancel(); <-stopped })

	found := func(word string) bool {
		code, res, _ := runCLI(t, "search", "--json", "--store", url, "--index", ix, word)
		var r searchJSON
		json.Unmarshal([]byte(res), &r)
		return code == 0 && r.Total == 1
	}
	waitFor := func(word string) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !found(word); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				cancel()
				t.Fatalf("%q never found in the followed index; stderr: %s", word, errOut)
			}
		}
	}
	waitFor("zebra")
	putPGArticle(t, url, "/okapi", "okapi")
	waitFor("okapi")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("index --follow: %v", err)
	}
	if !strings.Contains(out.String(), "indexed 2 articles") || !strings.Contains(errOut.String(), "following postgres://") {
		t.Errorf("index --follow said %q on stdout, %q on stderr", out, errOut)
	}
}

// statsWithoutWatch returns stats --json output without its "watch" key.
func statsWithoutWatch(t *testing.T, out string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("stats --json: %v", err)
	}
	delete(m, "watch")
	b, _ := json.MarshalIndent(m, "", "  ")
	return string(b)
}

// stopAfterCtx is a context that is cancelled once its Err has been asked
// n times: a Ctrl-C in the middle of a copy, at a point the test chooses.
type stopAfterCtx struct {
	context.Context
	cancel context.CancelFunc
	left   atomic.Int64
}

func stopAfter(n int64) *stopAfterCtx {
	ctx, cancel := context.WithCancel(context.Background())
	c := &stopAfterCtx{Context: ctx, cancel: cancel}
	c.left.Store(n)
	return c
}

func (c *stopAfterCtx) Err() error {
	if c.left.Add(-1) < 0 {
		c.cancel()
	}
	return c.Context.Err()
}

// TestMigrateInterrupted: a migrate stopped midway says what it copied and
// that running it again goes on (it said only "interrupted"), and the run
// again makes a copy whose export is the SQLite corpus's.
func TestMigrateInterrupted(t *testing.T) {
	db, _ := crawledCorpus(t)
	url := pgtest.Start(t).NewDatabase(t)
	e, _, errOut := crawlEnv(t, db)
	ctx := stopAfter(1000) // today in the copy of the frontier; any point of the copy serves
	defer ctx.cancel()
	err := runMigrate(ctx, e, migrateOptions{To: url})
	if !errors.Is(err, context.Canceled) || !strings.Contains(errOut.String(), "migrate: interrupted: ") ||
		!strings.Contains(errOut.String(), "copied; run the same command again to go on") {
		t.Fatalf("interrupted migrate: %v, stderr %q", err, errOut.String())
	}
	t.Logf("interrupted: %s", errOut.String())
	mustRun(t, "migrate", "--db", db, "--to", url)
	if a, b := mustRun(t, "export", "--db", db), mustRun(t, "export", "--store", url); a != b || len(a) < 1000 {
		t.Errorf("export after the migrate resumed differs (%d bytes from SQLite, %d from PostgreSQL)", len(a), len(b))
	}
}

// TestMigrateCountsChanged: a migrate after more crawling in the SQLite
// corpus copies the new crawl run and the frontier rows new or changed,
// and says how many; one more copies and counts nothing; stats agree.
func TestMigrateCountsChanged(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(30))
	db := filepath.Join(t.TempDir(), "archive.db")
	mustRun(t, "crawl", "--db", db, "--delay", "0s", "--max-pages", "5", "-q", "--no-index", srv.URL+"/")
	url := pgtest.Start(t).NewDatabase(t)
	mustRun(t, "migrate", "--db", db, "--to", url)
	mustRun(t, "crawl", "--db", db, "--delay", "0s", "--max-pages", "5", "-q", "--no-index")
	out := mustRun(t, "migrate", "--db", db, "--to", url)
	m := regexp.MustCompile(`(\d+) crawl runs, (\d+) frontier URLs copied`).FindStringSubmatch(out)
	if m == nil || m[1] != "1" || m[2] == "0" {
		t.Errorf("migrate after another crawl said %q; want its one run and the frontier rows it changed", out)
	}
	if out := mustRun(t, "migrate", "--db", db, "--to", url); !strings.Contains(out, ": 0 captures, 0 articles, 0 crawl runs, 0 frontier URLs copied") {
		t.Errorf("migrate again said %q; want nothing copied", out)
	}
	if want, got := statsWithoutWatch(t, mustRun(t, "stats", "--json", "--db", db)), statsWithoutWatch(t, mustRun(t, "stats", "--json", "--store", url)); got != want {
		t.Errorf("stats --json differ:\nsqlite: %s\npostgres: %s", want, got)
	}
}
