package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpdateRefusesAFileGone: once the database file is deleted, moved or
// replaced under an open corpus, its writes would go to a file no longer
// at that path: Update refuses them with ErrFileGone, naming the path.
func TestUpdateRefusesAFileGone(t *testing.T) {
	tests := []struct {
		name string
		do   func(t *testing.T, path string)
	}{
		{"deleted", func(t *testing.T, path string) { mustDo(t, os.Remove(path)) }},
		{"moved", func(t *testing.T, path string) { mustDo(t, os.Rename(path, path+".moved")) }},
		{"replaced", func(t *testing.T, path string) {
			other := filepath.Join(t.TempDir(), "other.db")
			db, err := Open(context.Background(), other)
			mustDo(t, err)
			db.Close()
			mustDo(t, os.Rename(other, path))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "archive.db")
			db, err := Open(ctx, path)
			mustDo(t, err)
			defer db.Close()
			addCapture(t, db, &Capture{RequestedURL: "http://a.test/1", URL: "http://a.test/1", Status: 200, Body: []byte("one")})
			tt.do(t, path)
			err = db.Update(ctx, func(tx *Tx) error {
				_, err := tx.AddCapture(ctx, &Capture{RequestedURL: "http://a.test/2", URL: "http://a.test/2", Status: 200, Body: []byte("two")})
				return err
			})
			if !errors.Is(err, ErrFileGone) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Update after the file was %s: %v, want ErrFileGone naming %s", tt.name, err, path)
			}
		})
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
