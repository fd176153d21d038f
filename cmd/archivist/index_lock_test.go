package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
)

// TestSearchWhileIndexHeld holds the index open for writing, as a crawl
// does for its whole run: search reads it at once, without waiting, while
// `archivist index` (a second writer) waits for it, then gives up with a
// clear error when it stays held.
func TestSearchWhileIndexHeld(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	c, err := corpus.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	mustRun(t, "index", "--db", db)
	ix, err := index.Open(filepath.Join(dir, "archive.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	start := time.Now()
	code, out, errOut := runCLI(t, "search", "--db", db, "anything")
	if code != 0 || strings.Contains(errOut, "waiting") || time.Since(start) > 5*time.Second {
		t.Fatalf("search on a held index: exit %d in %s, stdout %q, stderr %q; want it to succeed at once",
			code, time.Since(start), out, errOut)
	}

	old := indexWait
	indexWait = 1500 * time.Millisecond
	defer func() { indexWait = old }()
	code, _, errOut = runCLI(t, "index", "--db", db)
	if code != 1 || !strings.Contains(errOut, "waiting") || !strings.Contains(errOut, "in use") {
		t.Fatalf("index on an index held too long: exit %d, stderr %q; want it to wait, then exit 1 and 'in use'", code, errOut)
	}
}
