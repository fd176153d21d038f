package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// errNoExchange is returned by exchange where the system cannot swap two
// folders in one step.
var errNoExchange = errors.New("atomic exchange not supported")

// swapWait is how long RebuildFolder waits for a process writing to the
// current index (a crawl's update) before swapping the new one in.
var swapWait = 30 * time.Second

// RebuildFolder builds the index at path again from scratch from src,
// merges its segments (compact), and
// returns the number of articles indexed. It builds into a new folder
// beside path (path + ".new"), without opening the current index, so that
// searches keep using the current one meanwhile; then it waits for any
// process writing to the current index and swaps the new one in with one
// atomic rename (on Linux; elsewhere two renames that Open completes after
// a crash). An interrupted or failed rebuild leaves the current index as
// it was. The current index may be damaged or from another version of
// archivist: that is what a rebuild is for. It fails with ErrInUse when
// another rebuild is building at path.
func RebuildFolder(ctx context.Context, path string, src Source, opts ...Option) (int, error) {
	ix, err := newIndex(path, opts)
	if err != nil {
		return 0, err
	}
	recoverSwap(path)
	if _, err := os.Stat(path); err == nil && !looksLikeIndex(path) && !emptyDir(path) {
		return 0, fmt.Errorf("index: refusing to replace %s: not an index folder", path)
	}
	tmp := path + ".new"
	if heldByWriter(tmp) {
		return 0, fmt.Errorf("index: %s is being rebuilt by another process: %w", path, ErrInUse)
	}
	if err := os.RemoveAll(tmp); err != nil {
		return 0, fmt.Errorf("index: rebuild: %w", err)
	}
	nbi, err := createIndex(tmp, ix.m, true)
	if err != nil {
		return 0, fmt.Errorf("index: rebuild: %w", err)
	}
	var fwd *fwdStore
	if ix.docs.forward {
		if fwd, err = openFwdStore(fwdFolder(tmp)); err != nil {
			_ = nbi.Close()
			_ = os.RemoveAll(tmp)
			return 0, fmt.Errorf("index: rebuild: %w", err)
		}
	}
	stopRelease := releasePages(tmp, func() ([][]byte, func()) { return indexMaps(nbi, fwd) })
	n, err := fill(ctx, nbi, ix.docs, fwd, src, 0, bulkFill, ix.log, ix.progress)
	if err == nil {
		err = stampCorpus(ctx, nbi, src, 0)
	}
	if err == nil {
		err = compact(ctx, nbi)
	}
	if err == nil && fwd != nil {
		err = fwd.merge(true)
	}
	if err == nil {
		writeSidecars(ctx, nbi, fwd, ix.log) // sidecars.go: before the swap, as Rebuild
	}
	stopRelease()
	if fwd != nil {
		if cerr := fwd.close(); err == nil && cerr != nil {
			err = cerr
		}
	}
	if cerr := nbi.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		_ = os.RemoveAll(tmp)
		return n, fmt.Errorf("index: rebuild: %w", err)
	}
	if err := swapIn(ctx, path, tmp); err != nil {
		if errors.Is(err, ErrInUse) {
			// Not swapped in: no later rebuild would use it.
			_ = os.RemoveAll(tmp)
		}
		return n, fmt.Errorf("index: rebuild: %w", err)
	}
	return n, nil
}

// swapIn replaces the index folder at path with the one at tmp, waiting
// for a writer of the current index to finish first.
func swapIn(ctx context.Context, path, tmp string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, path)
	}
	unlock, err := lockWriter(ctx, path)
	if err != nil {
		return err
	}
	err = exchange(tmp, path)
	unlock()
	if err == nil {
		return os.RemoveAll(tmp) // the previous index, now at tmp
	}
	if !errors.Is(err, errNoExchange) {
		return err
	}
	old := path + ".old"
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(path, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Rename(old, path)
		return err
	}
	return os.RemoveAll(old)
}

// lockWriter takes the lock that a process writing to the index at path
// holds (scorch's root.bolt), waiting up to swapWait, and returns its
// release. A folder without root.bolt (a damaged index) needs no lock.
func lockWriter(ctx context.Context, path string) (func(), error) {
	root := filepath.Join(path, filepath.FromSlash(rootFile))
	if _, err := os.Stat(root); err != nil {
		return func() {}, nil
	}
	deadline := time.Now().Add(swapWait)
	for {
		db, err := bolt.Open(root, 0, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err == nil {
			return func() { _ = db.Close() }, nil
		}
		if !errors.Is(err, bolterrors.ErrTimeout) {
			return func() {}, nil // unreadable: damaged, replace it
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w (a crawl or search kept it open; the rebuild was not swapped in)", path, ErrInUse)
		}
	}
}

// heldByWriter reports whether a process has the index at path open for
// writing.
func heldByWriter(path string) bool {
	root := filepath.Join(path, filepath.FromSlash(rootFile))
	if _, err := os.Stat(root); err != nil {
		return false
	}
	db, err := bolt.Open(root, 0, &bolt.Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if err != nil {
		return errors.Is(err, bolterrors.ErrTimeout)
	}
	_ = db.Close()
	return false
}

// removeStaleNew removes the folder of a rebuild that did not finish,
// unless a rebuild is still writing it.
func removeStaleNew(path string) {
	tmp := path + ".new"
	if _, err := os.Stat(tmp); err != nil || heldByWriter(tmp) {
		return
	}
	_ = os.RemoveAll(tmp)
}

func emptyDir(path string) bool {
	entries, err := os.ReadDir(path)
	return err == nil && len(entries) == 0
}
