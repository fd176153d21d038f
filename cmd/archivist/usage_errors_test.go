package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/index"
)

// TestUsageErrorsNameWhatWasTyped: a usage error is exit 2 and one line
// on stderr that names the command and the flag and value typed.
func TestUsageErrorsNameWhatWasTyped(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"crawl", "--db", db, "--depth", "-1", "http://x.test/"}, "archivist: crawl: bad --depth -1: must not be negative"},
		{[]string{"crawl", "--db", db, "--delay", "-2s", "http://x.test/"}, "archivist: crawl: bad --delay -2s: must not be negative"},
		{[]string{"crawl", "--db", db, "--recrawl-after", "-1h", "http://x.test/"}, "archivist: crawl: bad --recrawl-after -1h0m0s: must not be negative"},
		{[]string{"search", "--db", db, "--from", "2024-13"}, `archivist: search: --from: bad date "2024-13"`},
		{[]string{"export", "--db", db, "--to", "soon"}, `archivist: export: --to: bad date "soon"`},
		{[]string{"crawl", "--db", db}, "archivist: crawl: no seed URLs"},
		{[]string{"stats", "--db", db, "--top", "-1"}, "archivist: stats: bad --top -1"},
		{[]string{"search", "--db", db, "--from", "2024", "--to", "2023"}, "archivist: search: --to 2023 is before --from 2024"},
	} {
		code, out, errOut := runCLI(t, tc.args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q: want exit 2 and one line starting %q", tc.args, code, out, errOut, tc.want)
		}
		// A usage error leaves nothing behind: no corpus is created.
		if _, err := os.Stat(db); err == nil {
			t.Fatalf("%q: created %s", tc.args, db)
		}
	}
}

// TestPrintHitsPaging: the footer of search's text output says how to
// page, and says so when --offset is past the last hit.
func TestPrintHitsPaging(t *testing.T) {
	hit := index.Hit{URL: "http://a.test/1", Title: "One", Site: "a.test"}
	for _, tc := range []struct {
		offset int
		hits   []index.Hit
		total  uint64
		want   string
	}{
		{0, []index.Hit{hit}, 5, "(1-1 of 5; --offset 1 for more)"},
		{4, []index.Hit{hit}, 5, ""},
		{100, nil, 5, "(none shown: --offset 100 is past the last of the 5)"},
		{0, nil, 0, ""},
	} {
		var b strings.Builder
		printHits(&b, "q", index.Request{Offset: tc.offset}, &index.Result{Total: tc.total, Hits: tc.hits})
		out := b.String()
		if tc.want != "" && !strings.Contains(out, tc.want) || tc.want == "" && strings.Contains(out, "(") {
			t.Errorf("offset %d, %d hits of %d: output %q, want footer %q", tc.offset, len(tc.hits), tc.total, out, tc.want)
		}
	}
}
