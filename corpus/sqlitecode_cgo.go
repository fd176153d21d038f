//go:build cgo

package corpus

import (
	"errors"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// sqliteCode is the primary result code of the SQLite error in err's
// chain, 0 when there is none.
func sqliteCode(err error) int {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return int(se.Code)
	}
	return 0
}
