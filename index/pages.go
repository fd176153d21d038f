package index

import (
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	zap "github.com/blevesearch/zapx/v17"
)

// Segment pages in the resident memory of a writer.
//
// zap segments are read through memory maps, and every page of a segment
// file that the process has touched counts in its resident memory (as
// RssFile) for as long as the segment stays mapped: a merge reads every
// segment it merges, and scorch keeps them all mapped until the whole
// merge plan is in. The final merge of a 100,000-article build took
// RssFile to 777 MB beside 575 MB of heap; at 1,000,000 articles the
// segments are ten times larger. These pages are the page cache's (the
// files are on disk, and the kernel takes them back under memory
// pressure), but they count in the process's RSS, which issue 11 bounds
// at 2 GB.
//
// The forward index's runs (fwdrun.go) are read through memory maps too:
// a merge of runs reads every run it merges, and the last merge of a
// first build reads them all (about 1.1 GB at 1,000,000 articles).
//
// A writer of an on-disk index therefore runs a pageReleaser: every
// releaseEvery, when the process's file-backed resident memory exceeds
// releaseAbove, it takes the pages of the index's segment and run maps out
// of the process (madvise MADV_DONTNEED, on Linux; elsewhere it does
// nothing). The maps are read-only maps of the files (MAP_SHARED), so the
// advice drops the process's page table entries and nothing else: the
// pages stay in the page cache, and a page read again through the map is
// mapped again from there (a minor fault), or read from the file if the
// kernel has reclaimed it meanwhile. (MADV_PAGEOUT, used before, also
// reclaimed every page that only this process mapped from the page cache:
// the index a build had just written was then read back from the disk by
// the first searches after it.)
//
// MADV_DONTNEED on memory that is not a shared map of a file discards what
// it holds, so the releaser advises only the maps of segments and runs it
// holds a reference to (heldMaps): a map cannot be unmapped, and its
// addresses given to another map, while the advice runs.
const (
	releaseEvery = time.Second
	releaseAbove = 256 << 20
)

// heldMaps returns the memory maps of an index's segment and run files,
// each held open until done is called. It returns no maps (and a done
// that does nothing) when the index cannot be read now.
type heldMaps func() (maps [][]byte, done func())

// pageReleaser releases the pages of the maps held returns (see above)
// until it is stopped.
type pageReleaser struct {
	held   heldMaps
	done   chan struct{}
	exited chan struct{}
}

// releasePages starts a pageReleaser for the on-disk index folder path
// whose maps held returns; for an in-memory index (path "") it does
// nothing. The returned function stops it; it is safe to call more than
// once, and from more than one goroutine.
func releasePages(path string, held heldMaps) (stop func()) {
	if path == "" || !canRelease {
		return func() {}
	}
	r := &pageReleaser{held: held, done: make(chan struct{}), exited: make(chan struct{})}
	go r.run()
	return sync.OnceFunc(func() {
		close(r.done)
		<-r.exited
	})
}

func (r *pageReleaser) run() {
	defer close(r.exited)
	t := time.NewTicker(releaseEvery)
	defer t.Stop()
	for {
		select {
		case <-r.done:
			return
		case <-t.C:
			if residentFile() < releaseAbove {
				continue
			}
			maps, done := r.held()
			err := releaseMaps(maps)
			done()
			if err != nil {
				return // not supported here: nothing more to do
			}
		}
	}
}

// indexMaps returns the maps of bi's segment files and of fwd's runs (fwd
// may be nil), holding a reader of bi and a view of fwd until done is
// called: scorch closes (and unmaps) no segment of a reader, nor fwd a
// run of a view, while it is held. Segments still in memory are left out.
func indexMaps(bi bleve.Index, fwd *fwdStore) (maps [][]byte, done func()) {
	var closers []func()
	if s, err := scorchOf(bi); err == nil && s != nil {
		if r, err := s.Reader(); err == nil {
			closers = append(closers, func() { _ = r.Close() })
			if snap, ok := r.(*scorch.IndexSnapshot); ok {
				for _, ss := range snap.Segments() {
					if zs, ok := ss.Segment().(*zap.Segment); ok && len(zs.Data()) > 0 {
						maps = append(maps, zs.Data())
					}
				}
			}
		}
	}
	if fwd != nil {
		v := fwd.view()
		closers = append(closers, v.release)
		for _, r := range v.runs {
			if len(r.data) > 0 {
				maps = append(maps, r.data)
			}
		}
	}
	return maps, func() {
		for _, c := range closers {
			c()
		}
	}
}

// heldMaps returns the maps of ix's segments and runs (indexMaps), or none
// when ix is closed or a failed write left it to be opened again.
func (ix *Index) heldMaps() (maps [][]byte, done func()) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil || ix.broken.Load() {
		return nil, func() {}
	}
	return indexMaps(ix.bi, ix.fwd)
}
