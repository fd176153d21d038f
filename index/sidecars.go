package index

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// writeSidecars writes the files that archivist keeps beside the large
// persisted segments of bi, for the segments that lack them, and removes
// those of segments that are gone: the block bounds of the top-hits pass
// (blockmax.go), the pairs of common words of phrases (pairs.go) and the
// pair buckets of option (b)'s body phrases (pairbuckets.go). Each
// only logs its failures: a segment without a sidecar is searched the
// plain way, with the same answers.
//
// The pairs are read from the forward index fwd (nil: from the segments'
// positions, in tests' indexes with wordPositions).
//
// The kinds are written side by side, each on a goroutine of its own:
// each reads its segments one at a time, on one core.
func writeSidecars(ctx context.Context, bi bleve.Index, fwd *fwdStore, log *slog.Logger) {
	var wg sync.WaitGroup
	for _, k := range []sidecar{blockMaxSidecar(), pairsSidecar(fwd), pairBucketsSidecar(fwd)} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := k.writeAll(ctx, bi, log); err != nil && ctx.Err() == nil {
				log.Warn("index: "+k.what, "err", err)
			}
		}()
	}
	wg.Wait()
}

// sidecarFile returns the path of the sidecar with extension ext, in the
// index's folder dir, of the segment file seg (in the index's store
// folder, or a link to it from a read-only view: view.go).
func sidecarFile(seg, dir, ext string) string {
	if real, err := filepath.EvalSymlinks(seg); err == nil {
		seg = real
	}
	root := filepath.Dir(filepath.Dir(seg))
	return filepath.Join(root, dir, strings.TrimSuffix(filepath.Base(seg), ".zap")+ext)
}

// sidecar is one kind of file kept beside each large persisted segment.
type sidecar struct {
	what    string                  // in logs
	file    func(seg string) string // the sidecar's path for a segment file
	minDocs uint64                  // smaller segments get none
	// usable reports whether file is a sidecar that searches can read,
	// for a segment of docs articles.
	usable func(file string, docs uint64) bool
	write  func(ctx context.Context, w io.Writer, seg segment.Segment) (int64, error)
}

// writeAll writes k's missing or unusable sidecars of bi's persisted
// segments and removes those of segments that are gone.
func (k sidecar) writeAll(ctx context.Context, bi bleve.Index, log *slog.Logger) error {
	s, err := scorchOf(bi)
	if err != nil || s == nil {
		return err
	}
	r, err := s.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	dir := ""
	live := map[string]bool{}
	for _, ss := range snap.Segments() {
		ps, ok := ss.Segment().(segment.PersistedSegment)
		if !ok {
			continue
		}
		file := k.file(ps.Path())
		dir = filepath.Dir(file)
		live[filepath.Base(file)] = true
		if ss.Segment().Count() < k.minDocs || k.usable(file, ss.Segment().Count()) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		n, err := writeSidecarFile(file, func(w io.Writer) (int64, error) { return k.write(ctx, w, ss.Segment()) })
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(ps.Path()), err)
		}
		log.Debug("index: "+k.what+" written", "segment", filepath.Base(ps.Path()), "bytes", n, "took", time.Since(start))
	}
	if dir != "" {
		removeStaleSidecars(dir, live)
	}
	return nil
}

// writeSidecarFile writes file with write, through a temporary file
// synced and renamed into place. It returns the file's size.
func writeSidecarFile(file string, write func(io.Writer) (int64, error)) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return 0, err
	}
	var n int64
	err := writeFileSynced(file, func(w io.Writer) (err error) {
		n, err = write(w)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// removeStaleSidecars removes the files of dir that are not sidecars of
// live segments (and temporary files left by a crash).
func removeStaleSidecars(dir string, live map[string]bool) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !live[e.Name()] {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
