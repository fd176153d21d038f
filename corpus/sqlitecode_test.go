//go:build cgo

package corpus

import (
	"testing"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// TestSQLiteCodes: the result codes archivist names are go-sqlite3's.
func TestSQLiteCodes(t *testing.T) {
	for _, c := range []struct {
		ours   int
		driver sqlite3.ErrNo
	}{
		{sqlitePerm, sqlite3.ErrPerm}, {sqliteBusy, sqlite3.ErrBusy}, {sqliteReadonly, sqlite3.ErrReadonly},
		{sqliteIOErr, sqlite3.ErrIoErr}, {sqliteCorrupt, sqlite3.ErrCorrupt}, {sqliteFull, sqlite3.ErrFull},
		{sqliteCantOpen, sqlite3.ErrCantOpen}, {sqliteAuth, sqlite3.ErrAuth}, {sqliteNotADB, sqlite3.ErrNotADB},
	} {
		if c.ours != int(c.driver) {
			t.Errorf("code %d, go-sqlite3 says %d (%v)", c.ours, int(c.driver), c.driver)
		}
		if got := sqliteCode(sqlite3.Error{Code: c.driver}); got != c.ours {
			t.Errorf("sqliteCode(%v) = %d, want %d", c.driver, got, c.ours)
		}
	}
}
