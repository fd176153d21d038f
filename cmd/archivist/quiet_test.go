package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// TestQuietOnSuccess: export, verify-export, import and reextract that go
// well print their result where the README says (a summary line on
// stdout, or on stderr for a WARC export) and nothing else, with or
// without -q, when stderr is no terminal.
func TestQuietOnSuccess(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(8))
	src := crawlSite(t, srv)
	dir := t.TempDir()
	jsonl, warcOut, cdx := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "a.warc.gz"), filepath.Join(dir, "a.cdxj")
	tests := []struct {
		name       string
		args       []string
		stdoutHas  string // "" when nothing is printed on stdout
		stderrHas  string // "" when nothing is printed on stderr
		stderrRows int
	}{
		{"export jsonl", []string{"export", "--db", src, "--out", jsonl}, "", "", 0},
		{"export jsonl -q", []string{"export", "--db", src, "--out", jsonl, "-q"}, "", "", 0},
		{"export warc", []string{"export", "--db", src, "--format", "warc", "--out", warcOut, "--cdx", cdx}, "", "archivist: export: ", 1},
		{"export warc -q", []string{"export", "--db", src, "--format", "warc", "--out", warcOut, "--cdx", cdx, "-q"}, "", "archivist: export: ", 1},
		{"verify-export", []string{"verify-export", "--db", src, jsonl}, ": ok: ", "", 0},
		{"import", []string{"import", "--db", filepath.Join(dir, "i1.db"), warcOut}, "import finished: ", "", 0},
		{"import -q", []string{"import", "--db", filepath.Join(dir, "i2.db"), "--no-index", "-q", warcOut}, "import finished: ", "", 0},
		{"reextract", []string{"reextract", "--db", filepath.Join(dir, "i1.db"), "--all"}, "re-extracted ", "", 0},
		{"reextract -q", []string{"reextract", "--db", filepath.Join(dir, "i1.db"), "--all", "-q", "--no-index"}, "re-extracted ", "", 0},
	}
	for _, tc := range tests {
		_, out, errOut := runCLIOK(t, tc.args...)
		if tc.stdoutHas == "" && out != "" || !strings.Contains(out, tc.stdoutHas) {
			t.Errorf("%s: stdout %q, want %q", tc.name, out, tc.stdoutHas)
		}
		rows := strings.Count(errOut, "\n")
		if rows != tc.stderrRows || !strings.Contains(errOut, tc.stderrHas) {
			t.Errorf("%s: stderr %q, want %d lines with %q", tc.name, errOut, tc.stderrRows, tc.stderrHas)
		}
	}
}
