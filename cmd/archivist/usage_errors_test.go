package main

import (
	"path/filepath"
	"strings"
	"testing"
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
		{[]string{"search", "--db", db, "--from", "2024", "--to", "2023"}, "archivist: search: --to 2023 is before --from 2024"},
	} {
		code, out, errOut := runCLI(t, tc.args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q: want exit 2 and one line starting %q", tc.args, code, out, errOut, tc.want)
		}
	}
}
