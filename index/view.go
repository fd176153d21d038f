package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// A process that writes an index (a crawl, `archivist index`) holds an
// exclusive lock on its root.bolt for as long as it has the index open, and
// bolt's read-only open needs a shared lock on the same file. So that
// searches run while a crawl holds its index open, OpenReadOnly reads such
// an index through a view: a private folder with a consistent copy of
// root.bolt (a few KB to a few MB: the list of segments and the index's
// own keys) and symbolic links to the segment files, which scorch never
// changes once written. The view shows the index as of its last persisted
// snapshot; the writer's later updates are not in it.

// Held reports whether the index was opened read-only while another
// process held it for writing: it then shows the index as that process
// last saved it, and that process may be bringing it up to date.
func (ix *Index) Held() bool { return ix.viewDir != "" }

// writerHolds reports whether another process holds the index at path for
// writing: one attempt, without waiting, at bolt's shared lock.
func writerHolds(path string) bool {
	root := filepath.Join(path, filepath.FromSlash(rootFile))
	if _, err := os.Stat(root); err != nil {
		return false // bolt would create it
	}
	db, err := bolt.Open(root, 0, &bolt.Options{ReadOnly: true, Timeout: time.Nanosecond})
	if err != nil {
		return errors.Is(err, bolterrors.ErrTimeout)
	}
	db.Close()
	return false
}

// viewPrefix names the temporary folders of views, and viewMaxAge is the
// age after which a view folder is taken as left by a killed process and
// removed. (A reader has every file of its view open from the start, so
// even a view still in use would keep working on Unix.)
const (
	viewPrefix = "archivist-index-view-"
	viewMaxAge = 24 * time.Hour
)

// removeOldViews removes view folders last changed before cutoff.
func removeOldViews(cutoff time.Time) {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), viewPrefix+"*"))
	for _, dir := range old {
		if st, err := os.Stat(dir); err == nil && st.IsDir() && st.ModTime().Before(cutoff) {
			os.RemoveAll(dir)
		}
	}
}

// viewTries is how many times openView copies the index's state again
// when the writer changed it during the copy.
const viewTries = 50

// openView opens a read-only view of the index at path (see above) in a
// new temporary folder, and returns the bleve index and that folder, which
// the caller removes after closing the index.
func openView(path string) (bleve.Index, string, error) {
	removeOldViews(time.Now().Add(-viewMaxAge))
	dir, err := os.MkdirTemp("", viewPrefix)
	if err != nil {
		return nil, "", fmt.Errorf("index: view of %s: %w", path, err)
	}
	var lastErr error
	for try := 0; try < viewTries; try++ {
		if try > 0 {
			time.Sleep(time.Duration(try) * 5 * time.Millisecond)
		}
		if lastErr = fillView(path, dir); lastErr != nil {
			continue
		}
		// A segment that a merge deleted between the copy and here fails
		// the check or the open: copy again.
		if lastErr = checkSegments(dir); lastErr != nil {
			continue
		}
		bi, err := bleve.OpenUsing(dir, map[string]any{"read_only": true, "bolt_timeout": lockTimeout})
		if err == nil {
			return bi, dir, nil
		}
		lastErr = err
	}
	os.RemoveAll(dir)
	if errors.Is(lastErr, ErrNeedsRebuild) {
		return nil, "", lastErr
	}
	return nil, "", fmt.Errorf("index: %s changes too fast to be read while it is updated (%v): %w", path, lastErr, ErrInUse)
}

// fillView makes dir a view of the index at path: a copy of its metadata
// and root.bolt, links to its segments.
func fillView(path, dir string) error {
	store := filepath.Join(dir, "store")
	if err := os.RemoveAll(store); err != nil {
		return err
	}
	if err := os.MkdirAll(store, 0o700); err != nil {
		return err
	}
	meta, err := os.ReadFile(filepath.Join(path, metaFile))
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, metaFile), meta, 0o600); err != nil {
		return err
	}
	if err := copyBolt(filepath.Join(path, filepath.FromSlash(rootFile)), filepath.Join(store, "root.bolt")); err != nil {
		return err
	}
	abs, err := filepath.Abs(filepath.Join(path, "store"))
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			if err := os.Symlink(filepath.Join(abs, e.Name()), filepath.Join(store, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// errBoltChanged is copyBolt's error when the writer committed while the
// file was copied.
var errBoltChanged = errors.New("root.bolt changed while it was copied")

// copyBolt copies the bolt file src, which another process may be writing,
// to dst as of its last commit. Bolt writes a commit's pages into pages
// that the previous commit left free, then the meta page naming them;
// pages of commit T are only rewritten from commit T+2 on. So when the
// newest valid meta page is the same before and after the copy, the
// copied pages of that commit are intact, and writing the meta pages read
// before the copy over the copy's own makes it a consistent bolt file.
func copyBolt(src, dst string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer f.Close()
	before, txBefore, err := readMetas(f)
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	if _, err := io.Copy(out, io.NewSectionReader(f, 0, 1<<62)); err != nil {
		return fmt.Errorf("index: copy %s: %w", src, err)
	}
	_, txAfter, err := readMetas(f)
	if err != nil {
		return err
	}
	if txAfter != txBefore {
		return errBoltChanged
	}
	if _, err := out.WriteAt(before, 0); err != nil {
		return err
	}
	return out.Close()
}

// Layout of a bolt meta page (bbolt internal/common: the page header,
// then the meta fields): the offsets of the fields used here.
const (
	boltPageHeader = 16
	boltMagic      = 0xED0CDAED
	metaPageSize   = boltPageHeader + 8  // uint32
	metaTxid       = boltPageHeader + 48 // uint64
	metaChecksum   = boltPageHeader + 56 // uint64, FNV-1a of the fields before it
)

// readMetas reads the two meta pages at the start of the bolt file f and
// returns them with the transaction id of the newest valid one.
func readMetas(f *os.File) ([]byte, uint64, error) {
	first := make([]byte, metaChecksum+8)
	if _, err := f.ReadAt(first, 0); err != nil {
		return nil, 0, fmt.Errorf("index: read %s: %w", f.Name(), err)
	}
	size := int(binary.NativeEndian.Uint32(first[metaPageSize:]))
	if _, ok := metaTx(first); !ok || size < 1024 || size > 1<<16 {
		size = os.Getpagesize()
	}
	pages := make([]byte, 2*size)
	if _, err := f.ReadAt(pages, 0); err != nil {
		return nil, 0, fmt.Errorf("index: read %s: %w", f.Name(), err)
	}
	t0, ok0 := metaTx(pages[:size])
	t1, ok1 := metaTx(pages[size:])
	switch {
	case ok0 && ok1:
		return pages, max(t0, t1), nil
	case ok0:
		return pages, t0, nil
	case ok1:
		return pages, t1, nil
	}
	return nil, 0, fmt.Errorf("index: %s has no valid meta page: %w", f.Name(), ErrNeedsRebuild)
}

// metaTx returns the transaction id of the meta page p, and whether the
// page is a valid meta page.
func metaTx(p []byte) (uint64, bool) {
	if len(p) < metaChecksum+8 || binary.NativeEndian.Uint32(p[boltPageHeader:]) != boltMagic {
		return 0, false
	}
	h := fnv.New64a()
	h.Write(p[boltPageHeader:metaChecksum])
	if h.Sum64() != binary.NativeEndian.Uint64(p[metaChecksum:]) {
		return 0, false
	}
	return binary.NativeEndian.Uint64(p[metaTxid:]), true
}
