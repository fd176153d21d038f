package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// TestIndexOfAnotherCorpus: an index built from one corpus is refused,
// with one line and exit 2, by index, search and crawl on another corpus
// (its hits would name the other corpus's articles, and an update would
// mix the two); index --rebuild replaces it, and then search works.
func TestIndexOfAnotherCorpus(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(12))
	a, b := crawlSite(t, srv), crawlSite(t, srv)
	ix := filepath.Join(t.TempDir(), "a.bleve")
	mustRun(t, "index", "--db", a, "--index", ix)
	for _, args := range [][]string{
		{"index", "--db", b, "--index", ix},
		{"search", "--db", b, "--index", ix, "minister"},
		{"export", "--db", b, "--index", ix, "--query", "minister", "--out", filepath.Join(t.TempDir(), "x.jsonl")},
		{"crawl", "--db", b, "--index", ix, "--delay", "0s", "-q", srv.URL + "/"},
		{"reextract", "--db", b, "--index", ix, "--all", "-q"},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != 2 || !strings.Contains(errOut, "was built from another corpus") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%s on another corpus's index: exit %d, stderr %q; want 2 and one line", args[0], code, errOut)
		}
		if w := args[0] == "crawl" || args[0] == "reextract"; w && !strings.Contains(errOut, "--no-index") {
			t.Errorf("%s: stderr %q does not say --no-index", args[0], errOut)
		}
	}
	mustRun(t, "index", "--db", b, "--index", ix, "--rebuild")
	if out := mustRun(t, "search", "--db", b, "--index", ix, "minister"); out == "" {
		t.Error("search after the rebuild printed nothing")
	}
	if code, _, errOut := runCLI(t, "search", "--db", a, "--index", ix, "minister"); code != 2 {
		t.Errorf("search of the first corpus on the rebuilt index: exit %d, %q; want 2", code, errOut)
	}
}
