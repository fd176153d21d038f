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
