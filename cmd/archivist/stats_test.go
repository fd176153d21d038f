package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestStatsJSONListsNeverNull: on a corpus with nothing in it yet, every
// list of `stats --json` is [], never null, so that a script can take its
// length (by_site was null).
func TestStatsJSONListsNeverNull(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if err := os.WriteFile(db, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "index", "--db", db) // an empty file becomes an empty corpus
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(mustRun(t, "stats", "--db", db, "--json")), &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"errors_by_kind", "by_site", "by_month", "by_language"} {
		if v := string(got[key]); v != "[]" {
			t.Errorf("%s is %s, want []", key, v)
		}
	}
}

// TestStatsHandEdited runs stats on corpora whose rows were edited by
// hand with the sqlite3 shell: it reports what it finds, never panics.
func TestStatsHandEdited(t *testing.T) {
	for _, tc := range []struct{ name, sql string }{
		{"capture time not a time", `UPDATE captures SET fetched_at = 'notatime' WHERE id = 1`},
		{"capture time empty", `UPDATE captures SET fetched_at = '' WHERE id = 1`},
		{"published not a date", `UPDATE articles SET published = 'garbage', published_utc = 'x' WHERE id = 1`},
		{"article time not a time", `UPDATE articles SET fetched_at = 'x' WHERE id = 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := mustArchive(t, 2)
			mustSQL(t, a.db, tc.sql)
			for _, args := range [][]string{{"stats", "--db", a.db}, {"stats", "--db", a.db, "--json"}} {
				if code, _, errOut := runCLI(t, args...); code != 0 {
					t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
				}
			}
		})
	}
}
