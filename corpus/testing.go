package corpus

import (
	"bytes"
	"context"
	"os"
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

// pageSize is SQLite's default page size, which the corpus keeps.
const pageSize = 4096

// MustDamagePage breaks the b-tree pages of the closed database file at
// path that hold marker (a text stored in it, maybe in more than one row:
// an article's text is also its latest version's): it overwrites each
// page header, so that SQLite reports the file as malformed when it reads
// one of those pages.
func MustDamagePage(tb testing.TB, path, marker string) {
	tb.Helper()
	mustRewrite(tb, path, marker, func(data []byte, at int) {
		page := at - at%pageSize
		if page == 0 {
			tb.Fatalf("%s: marker %q is on the header page", path, marker)
		}
		for i := range 8 {
			data[page+i] = 0xff
		}
	})
}

// MustFlipBytes inverts the bytes of marker wherever it is stored in the
// closed database file at path: the file stays well-formed for SQLite, but
// the values that held marker are not what was written.
func MustFlipBytes(tb testing.TB, path, marker string) {
	tb.Helper()
	mustRewrite(tb, path, marker, func(data []byte, at int) {
		for i := range len(marker) {
			data[at+i] ^= 0xff
		}
	})
}

func mustRewrite(tb testing.TB, path, marker string, damage func(data []byte, at int)) {
	tb.Helper()
	if _, err := os.Stat(path + "-wal"); err == nil {
		if st, _ := os.Stat(path + "-wal"); st.Size() > 0 {
			tb.Fatalf("%s: close the database first (its -wal holds changes)", path)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	at := bytes.Index(data, []byte(marker))
	if at < 0 {
		tb.Fatalf("%s: marker %q not found", path, marker)
	}
	for at >= 0 {
		damage(data, at)
		next := bytes.Index(data[at+len(marker):], []byte(marker))
		if next < 0 {
			break
		}
		at += len(marker) + next
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}
