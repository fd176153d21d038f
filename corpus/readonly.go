package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrUnsavedWAL is returned by OpenReadOnly when the database's write-ahead
// log holds changes that are not in the database file yet and the folder is
// read-only, so that SQLite cannot read them (it needs the -shm file).
var ErrUnsavedWAL = errors.New("the write-ahead log holds changes that cannot be read in a read-only folder")

// OpenReadOnly opens the corpus at path for reading only: it never creates,
// migrates or rewrites the file, and it works on read-only folders and file
// systems. Update fails with ErrReadOnly. The schema must be the one this
// archivist writes.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open corpus: empty path")
	}
	if err := checkCorpusFile(path); err != nil {
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	f.Close()
	mode, err := readOnlyMode(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	r, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?_busy_timeout=15000&"+mode)
	if err != nil {
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	db := &DB{path: path, r: r}
	if err := db.checkSchema(ctx); err != nil {
		r.Close()
		return nil, fmt.Errorf("open corpus %s: %w", path, explainOpen(path, false, db.describe(err)))
	}
	db.newCodecs()
	return db, nil
}

// readOnlyMode returns the SQLite URI parameters that open path read-only.
// mode=ro still creates the -wal and -shm files of a WAL database when they
// are missing, which a read-only folder forbids; there immutable=1 reads
// the file alone, which is right as long as no -wal file holds changes
// that are not in the database yet, and no other user with write access
// to the folder starts writing while we read (nobody can coordinate with
// us without a -shm file). An existing -shm file is read as is.
func readOnlyMode(path string) (string, error) {
	if writable(filepath.Dir(path)) {
		return "mode=ro", nil
	}
	if _, err := os.Stat(path + "-shm"); err == nil {
		return "mode=ro", nil
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return "", fmt.Errorf("%s-wal: %w", path, ErrUnsavedWAL)
	}
	return "mode=ro&immutable=1", nil
}

// checkSchema fails unless the database has the schema this archivist
// writes.
func (db *DB) checkSchema(ctx context.Context) error {
	var v int
	if err := db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	latest := schemaVersion()
	switch {
	case v == latest:
		return nil
	case v > latest:
		return fmt.Errorf("schema version %d is newer than this archivist knows (%d): upgrade archivist", v, latest)
	case v == 0:
		return fmt.Errorf("%w (no schema)", ErrNotCorpus)
	}
	return fmt.Errorf("schema version %d is older than this archivist's (%d): run 'archivist index' once to upgrade it", v, latest)
}

// explainOpen adds the cause that SQLite's own message leaves out
// ("unable to open database file", "attempt to write a readonly
// database") when opening path failed: a missing or unreadable file, or a
// file or folder that cannot be written (permission, read-only file
// system). The cause wraps the system error, so errors.Is finds
// fs.ErrPermission or syscall.EROFS.
func explainOpen(path string, write bool, err error) error {
	switch sqliteCode(err) {
	case sqliteCantOpen, sqliteReadonly, sqlitePerm, sqliteIOErr, sqliteAuth:
	default:
		return err
	}
	// SQLite's own message is dropped: it says "no such file or
	// directory" for a folder it cannot create files in.
	if cause := accessProblem(path, write); cause != nil {
		return cause
	}
	return err
}

// accessProblem says why path cannot be opened (for writing when write is
// set), or returns nil when it finds nothing wrong.
func accessProblem(path string, write bool) error {
	dir := filepath.Dir(path)
	if _, err := os.Stat(path); err != nil {
		if !errors.Is(err, fs.ErrNotExist) || !write {
			return err
		}
		if err := access(dir, wOK); err != nil {
			return fmt.Errorf("cannot create %s: %w", path, err)
		}
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	f.Close()
	if !write {
		return nil
	}
	if err := access(path, wOK); err != nil {
		return fmt.Errorf("%s is not writable: %w", path, err)
	}
	if err := access(dir, wOK); err != nil {
		return fmt.Errorf("folder %s is not writable (SQLite keeps its -wal and -shm files there): %w", dir, err)
	}
	return nil
}

// writable reports whether the process may create files in dir.
func writable(dir string) bool { return access(dir, wOK) == nil }
