package main

import (
	"database/sql"
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
		{[]string{"stats", "--db", db, "--top", "1.5"}, `archivist: stats: invalid value "1.5" for flag -top: want a whole number (see 'archivist help stats')`},
		{[]string{"crawl", "--db", db, "--delay", "5", "http://127.0.0.1:1/"}, `archivist: crawl: invalid value "5" for flag -delay: want a duration such as 500ms, 2s or 1m30s (see`},
		{[]string{"search", "--db", db, "--json=maybe"}, `archivist: search: invalid boolean value "maybe" for -json: want true or false (see`},
		{[]string{"search", "--db", db, "--flag", ""}, `archivist: search: invalid value "" for flag -flag: empty (want a value)`},
		{[]string{"export", "--db", db, "--site", " "}, `archivist: export: invalid value " " for flag -site: empty (want a value)`},
		{[]string{"search", "--db", db, "--site", " , ", "x"}, `archivist: search: invalid value " , " for flag -site: empty (want a value)`},
		{[]string{"export", "--db", db, "--format", "warc", "--warc-size", "NaN"}, `archivist: export: invalid value "NaN" for flag -warc-size: bad size "NaN" (e.g. 10MiB)`},
		{[]string{"export", "--db", db, "--allow-partial"}, `archivist: export: --allow-partial applies only when the index picks the articles (--query, --sort date or -date, --author, --section, --flag, --no-flag, several --site)`},
		{[]string{"export", "--db", db, "--format", "warc", "--warc-size", "0.5"}, `archivist: export: invalid value "0.5" for flag -warc-size: bad size "0.5" (e.g. 10MiB)`},
		{[]string{"export", "--db", db, "--format", "warc", "--warc-size", "1e30"}, `archivist: export: invalid value "1e30" for flag -warc-size: bad size "1e30" (e.g. 10MiB)`},
		{[]string{"search", "--db", db, "--author", ""}, `archivist: search: invalid value "" for flag -author: empty (want a value)`},
		{[]string{"export", "--db", db, "--lang", " "}, `archivist: export: invalid value " " for flag -lang: empty (want a value)`},
		{[]string{"search", "--db", db, "--from", ""}, `archivist: search: invalid value "" for flag -from: empty (want a value)`},
		{[]string{"crawl", "--db", db, "--allow-host", "", "http://127.0.0.1:1/"}, `archivist: crawl: invalid value "" for flag -allow-host: empty (want a value)`},
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

// TestUsageErrorsOnWrongInputs: a --db that is a folder, a file that is
// not SQLite or another program's SQLite database, a --seeds that is a
// folder, a quality flag that does not exist, a --to that is not a
// PostgreSQL URL and an extract --url that is not absolute (it set no
// site) are usage errors: exit 2, one line naming what was
// typed, and nothing written (the foreign database keeps its one table).
func TestUsageErrorsOnWrongInputs(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(text, []byte(`{"id":1}`+"\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "notes.db")
	f, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Exec("CREATE TABLE notes (x TEXT)"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	db := filepath.Join(dir, "a.db")
	real := mustArchive(t, 1)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "--db", real.db, "--index", text, "climate"}, "archivist: --index \"" + text + "\" is a file, not an index folder"},
		{[]string{"index", "--db", real.db, "--index", text}, "archivist: --index \"" + text + "\" is a file, not an index folder"},
		{[]string{"index", "--rebuild", "--db", real.db, "--index", text}, "archivist: --index \"" + text + "\" is a file, not an index folder"},
		{[]string{"reextract", "--db", real.db, "--index", text}, "archivist: --index \"" + text + "\" is a file, not an index folder"},
		{[]string{"stats", "--db", dir}, "archivist: open corpus " + dir + ": not an archivist corpus: it is a folder"},
		{[]string{"crawl", "--db", dir, "http://x.test/"}, "archivist: open corpus " + dir + ": not an archivist corpus: it is a folder"},
		{[]string{"export", "--db", text}, "archivist: open corpus " + text + ": not an archivist corpus: not a SQLite database file"},
		{[]string{"index", "--db", text}, "archivist: open corpus " + text + ": not an archivist corpus: not a SQLite database file"},
		{[]string{"index", "--db", foreign}, "archivist: open corpus " + foreign + ": not an archivist corpus: it holds other tables (notes)"},
		{[]string{"verify", "--db", foreign}, "archivist: open corpus " + foreign + ": not an archivist corpus (no schema)"},
		{[]string{"migrate", "--db", text, "--to", "postgres://a@127.0.0.1:1/x"}, "archivist: open corpus " + text + ": not an archivist corpus"},
		{[]string{"crawl", "--db", db, "--seeds", dir}, "archivist: crawl: --seeds " + dir + ": is a folder"},
		{[]string{"search", "--db", db, "--flag", "bogus"}, `archivist: search: bad --flag "bogus" (want one of paywall, short, no_date, not_article)`},
		{[]string{"export", "--db", db, "--no-flag", "Short"}, `archivist: export: bad --no-flag "Short" (want one of paywall, short, no_date, not_article)`},
		{[]string{"migrate", "--db", db, "--to", "mysql://x.test/db"}, `archivist: migrate: bad --to "mysql://x.test/db": want a PostgreSQL URL`},
		{[]string{"version", "extra"}, `archivist: version: unexpected argument "extra"`},
		{[]string{"extract", "--url", "news/page.html", text}, `archivist: extract: bad --url "news/page.html" (want an absolute URL such as https://example.com/page)`},
	} {
		code, out, errOut := runCLI(t, tc.args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q: want exit 2 and one line starting %q", tc.args, code, out, errOut, tc.want)
		}
	}
	f, err = sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tables int
	if err := f.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil || tables != 1 {
		t.Errorf("%s holds %d tables (err %v), want its 1", foreign, tables, err)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("created %s", db)
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a  b\n\tc", "a b c"},
		// pgx's joined connect errors: one per attempt, the same text.
		{"failed to connect:\n\thostname resolving error: lookup x: no such host\n\tlookup x: no such host", "failed to connect: hostname resolving error: lookup x: no such host"},
		{"two\n\tdifferent\n\tlines", "two different lines"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFlagGivenTwice: a flag that takes one value, given twice with
// different values, is a usage error naming both (the second used to win
// silently: "export --query a --query b" exported the hits of b); the same
// value twice, and the repeatable flags (--site, --facet, --flag...), are
// fine.
func TestFlagGivenTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	for _, tc := range []struct {
		args []string
		want string // "" when the flags are fine
	}{
		{[]string{"export", "--db", db, "--query", "council", "--query", "police"},
			`archivist: export: --query given twice: "council", then "police" (it takes one value)`},
		{[]string{"search", "--db", db, "--limit", "1", "x", "-limit=2"},
			`archivist: search: --limit given twice: "1", then "2" (it takes one value)`},
		{[]string{"stats", "--db", db, "--json", "--json=false"},
			`archivist: stats: --json given twice: "true", then "false" (it takes one value)`},
		{[]string{"crawl", "--db", db, "--max-body", "1MiB", "--max-body", "2MiB", "http://127.0.0.1:1/"},
			`archivist: crawl: --max-body given twice: "1MiB", then "2MiB" (it takes one value)`},
		{[]string{"--db", db, "--db", db + "x", "stats"},
			`archivist: --db given twice: "` + db + `", then "` + db + `x" (it takes one value)`},
		{[]string{"--db", db, "stats", "--db", db + "x"},
			`archivist: stats: --db given twice: "` + db + `", then "` + db + `x" (it takes one value)`},
		{[]string{"-v", "stats", "--db", db, "-v"}, ""},
		{[]string{"crawl", "--db", db, "--max-body", "1MiB", "--max-body", "1048576", "--max-pages", "x", "http://127.0.0.1:1/"}, ""},
		{[]string{"search", "--db", db, "--json=1", "--json", "x"}, ""},
		{[]string{"crawl", "--db", db, "--delay", "1s", "--delay", "1000ms", "--max-pages", "x", "http://127.0.0.1:1/"}, ""},
		{[]string{"stats", "--db", db, "--top", "3", "--top", "3"}, ""},
		{[]string{"search", "--db", db, "--site", "a.test", "--site", "b.test", "--facet", "site", "--facet", "year"}, ""},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if tc.want == "" {
			if strings.Contains(errOut, "given twice") {
				t.Errorf("%q: stderr %q, want no complaint about a flag given twice", tc.args, errOut)
			}
			continue
		}
		if code != 2 || errOut != tc.want+"\n" {
			t.Errorf("%q: exit %d, stderr %q: want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}
