package index

import (
	"path/filepath"
	"slices"
	"time"
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
// releaseAbove, it asks the kernel to reclaim the pages of the index's
// segment and run maps (madvise MADV_PAGEOUT, on Linux; elsewhere it does
// nothing). The advice never changes what a page holds: a page read again
// is read again from the page cache or the file. It costs a merge that
// goes back to a released page one more read.
const (
	releaseEvery = time.Second
	releaseAbove = 256 << 20
)

// pageReleaser releases the segment pages of the index folders in dirs
// (see above) until stop is called.
type pageReleaser struct {
	stores []string // the store folders whose .zap maps are released
	done   chan struct{}
	exited chan struct{}
}

// releasePages starts a pageReleaser for the on-disk index folders paths
// ("" is skipped). The returned function stops it; it is safe to call
// more than once.
func releasePages(paths ...string) (stop func()) {
	stores := releaseStores(paths...)
	if len(stores) == 0 || !canRelease {
		return func() {}
	}
	r := &pageReleaser{stores: stores, done: make(chan struct{}), exited: make(chan struct{})}
	go r.run()
	stopped := false
	return func() {
		if !stopped {
			stopped = true
			close(r.done)
			<-r.exited
		}
	}
}

// releaseStores returns the store and forward-index folders of the index
// folders paths, as absolute paths without symbolic links, as
// /proc/self/maps names their files.
func releaseStores(paths ...string) []string {
	var stores []string
	for _, p := range paths {
		if p == "" {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		stores = append(stores, filepath.Join(abs, "store"), filepath.Join(abs, fwdDir))
	}
	return stores
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
			if err := releaseSegments(r.stores); err != nil {
				return // not supported here: nothing more to do
			}
		}
	}
}

// isSegmentMap reports whether a mapped file at path is a segment (.zap in
// a store folder) or a forward-index run (.fwd in a forward-index folder)
// of one of the folders dirs.
func isSegmentMap(path string, dirs []string) bool {
	dir := filepath.Dir(path)
	switch filepath.Ext(path) {
	case ".zap":
		if filepath.Base(dir) != "store" {
			return false
		}
	case ".fwd":
		if filepath.Base(dir) != fwdDir {
			return false
		}
	default:
		return false
	}
	return slices.Contains(dirs, dir)
}
