package corpus_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/storetest"
)

// TestStoreSuite runs the store suite (corpus/storetest) on SQLite;
// corpus/pgstore runs it on PostgreSQL.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) corpus.Store {
		db, err := corpus.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
