package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/internal/pgtest"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// The robustness audit of the PostgreSQL path (issue 12, branch audit16):
// each test failed before its fix.

// TestDBFlagWinsOverStoreEnv: a --db typed on the command line wins over
// $ARCHIVIST_STORE (before, `crawl --db local.db` in a shell exporting
// $ARCHIVIST_STORE went to the shared database, and `verify --db` was
// refused for a --store nobody typed); --db and --store both typed are a
// usage error, except for migrate; without --db, $ARCHIVIST_STORE is the
// corpus as before.
func TestDBFlagWinsOverStoreEnv(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(5))
	db := crawlSite(t, srv)
	// Nothing listens on port 1: a command that goes to the store fails
	// to connect (exit 1).
	const unreachable = "postgres://nobody@127.0.0.1:1/none?connect_timeout=2&sslmode=disable"
	t.Setenv("ARCHIVIST_STORE", unreachable)

	for _, tc := range []struct {
		args     []string
		code     int
		out, err string // in stdout, in stderr (a usage error: its one line)
	}{
		{[]string{"stats", "--db", db}, 0, "captures", ""},
		{[]string{"--db", db, "stats"}, 0, "captures", ""},
		{[]string{"export", "--db", db, "--fields", "url"}, 0, srv.URL, ""},
		{[]string{"verify", "--db", db}, 0, "", ""},
		{[]string{"stats", "--db", db, "--store", "postgres://x/y"}, 2, "", "stats: --db " + `"` + db + `" and --store "postgres://x/y" both given`},
		{[]string{"--store", "postgres://x/y", "export", "--db", db}, 2, "", "export: --db"},
		{[]string{"stats"}, 1, "", "127.0.0.1:1"},
	} {
		code, out, errOut := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.err) {
			t.Errorf("%v: exit %d, stdout %.80q, stderr %q; want exit %d, %q in stdout, %q in stderr",
				tc.args, code, out, errOut, tc.code, tc.out, tc.err)
		}
		if tc.code == 2 && strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: usage error on more than one line: %q", tc.args, errOut)
		}
	}
}

// TestHistoryUnknownURLNamesTheStore: history of a URL the PostgreSQL
// corpus lacks names that corpus, not the --db default (before: "no
// article at ... in archive.db").
func TestHistoryUnknownURLNamesTheStore(t *testing.T) {
	url := pgtest.Start(t).NewDatabase(t)
	putPGArticle(t, url, "/zebra", "zebra")
	code, out, errOut := runCLI(t, "history", "--store", url, "http://news.test/okapi")
	if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 ||
		!strings.Contains(errOut, "no article at") || !strings.Contains(errOut, " in postgres://") {
		t.Errorf("history of an unknown URL: exit %d, stdout %q, stderr %q; want exit 2 and one line naming the store", code, out, errOut)
	}
}

// TestVerifyExportWARC: a WARC file (plain or gzip-compressed) has no
// manifest by design, so verify-export says it checks the other formats
// (exit 2), where it said "only 'export --out FILE' writes one" (exit 1)
// of a file that export --out wrote. Another file without a manifest is
// still a failure naming the manifest looked for.
func TestVerifyExportWARC(t *testing.T) {
	dir := t.TempDir()
	record := "WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(record))
	zw.Close()
	files := map[string][]byte{
		"crawl.warc":    []byte(record),
		"crawl.warc.gz": gz.Bytes(),
		"renamed.bin":   gz.Bytes(),
		"notes.jsonl":   []byte(`{"url":"http://x/"}` + "\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		code int
		want string
	}{
		{"crawl.warc", 2, "is a WARC file, and a WARC export has no manifest"},
		{"crawl.warc.gz", 2, "is a WARC file"},
		{"renamed.bin", 2, "is a WARC file"},
		{"notes.jsonl", 1, "has no manifest: no "},
	} {
		code, _, errOut := runCLI(t, "verify-export", filepath.Join(dir, tc.name))
		if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("verify-export %s: exit %d, %q; want exit %d and one line with %q", tc.name, code, errOut, tc.code, tc.want)
		}
	}
}

// TestHostLeaseTooShort: --host-lease under a second is a usage error
// before anything connects (before: 1ms fetched nothing in 8s and made
// 18,738 round trips to the database; 0 and -5s were taken silently).
func TestHostLeaseTooShort(t *testing.T) {
	for _, lease := range []string{"1ms", "0s", "-5s", "999ms"} {
		code, out, errOut := runCLI(t, "crawl", "--store", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2",
			"--host-lease", lease, "http://127.0.0.1:1/")
		if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 ||
			!strings.Contains(errOut, "crawl: bad --host-lease "+lease) ||
			!strings.Contains(errOut, "at least 1s") {
			t.Errorf("--host-lease %s: exit %d, stdout %q, stderr %q; want exit 2 and one line", lease, code, out, errOut)
		}
	}
}

// TestNoIndexWithStore: search and export --query with --store and no
// index say that crawl --store builds none and how to get one (before:
// "run 'archivist crawl' or 'archivist index' first, or pass --db/--index",
// and a crawl --store never builds it).
func TestNoIndexWithStore(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "none.bleve")
	store := pgtest.Start(t).NewDatabase(t)
	for _, args := range [][]string{
		{"search", "--store", store, "--index", ix, "festival"},
		{"export", "--store", store, "--index", ix, "--query", "festival"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 ||
			!strings.Contains(errOut, "crawl --store builds no index: build one with 'archivist index --index PATH'") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line saying where the index comes from", args, code, out, errOut)
		}
	}
}
