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

// TestSearchWaitsForBusyIndex holds the index as a crawl's update does and
// checks that search waits for it, then that it gives up with a clear
// error when the index stays held.
func TestSearchWaitsForBusyIndex(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	c, err := corpus.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	mustRun(t, "index", "--db", db)
	hold := func() *index.Index {
		ix, err := index.Open(filepath.Join(dir, "archive.bleve"))
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}

	ix := hold()
	go func() {
		time.Sleep(1500 * time.Millisecond)
		ix.Close()
	}()
	code, out, errOut := runCLI(t, "search", "--db", db, "anything")
	if code != 0 || !strings.Contains(errOut, "waiting") {
		t.Fatalf("search on a busy index: exit %d, stdout %q, stderr %q; want it to wait and succeed", code, out, errOut)
	}

	old := indexWait
	indexWait = 1500 * time.Millisecond
	defer func() { indexWait = old }()
	ix = hold()
	defer ix.Close()
	code, _, errOut = runCLI(t, "search", "--db", db, "anything")
	if code != 1 || !strings.Contains(errOut, "in use") {
		t.Fatalf("search on an index held too long: exit %d, stderr %q; want exit 1 and 'in use'", code, errOut)
	}
}
