package corpus

import (
	"context"
	"path/filepath"
	"testing"
)

// MustOpen opens a fresh corpus in a temporary folder for a test and closes
// it when the test ends.
func MustOpen(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "archive.db"))
	if err != nil {
		tb.Fatalf("open corpus: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
