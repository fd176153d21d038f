//go:build !cgo

package corpus

// sqliteCode is 0 without cgo: go-sqlite3 is then a stub whose every
// Open fails with its own message ("Binary was compiled with
// 'CGO_ENABLED=0', go-sqlite3 requires cgo to work"), and there are no
// SQLite errors to read. The rest of archivist (a PostgreSQL store,
// extract) builds and works.
func sqliteCode(error) int { return 0 }
