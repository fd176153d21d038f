package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/syncbuf"
)

// TestWriteAfterFailedPersist checks that writes to an index after a batch
// that bleve could not save (here: its folder was removed under it) fail
// with an error. bleve v2.6.3 closes the failed batch's segment while it is
// still in the index, and its next Batch panics ("assignment to entry in
// nil map"), which used to crash archivist: one of fill's two writers, or
// the next Update of a crawl's Follow, wrote after the failed batch.
func TestWriteAfterFailedPersist(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(ctx, []*corpus.Article{genArticle(1)}); err != nil {
		t.Fatal(err)
	}
	// bleve's folder only: the forward index, written first, takes the
	// batch, and bleve fails to save it.
	if err := takeAway(filepath.Join(path, "store")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, []*corpus.Article{genArticle(2)}); err == nil {
		t.Fatal("put into a removed folder: no error")
	}
	// bleve now panics on every write; each must be an error.
	if err := ix.Put(ctx, []*corpus.Article{genArticle(3)}); !errors.Is(err, errWriteFailed) {
		t.Errorf("put after a failed put: %v; want errWriteFailed", err)
	}
	if err := ix.Delete(ctx, []int64{1}); !errors.Is(err, errWriteFailed) {
		t.Errorf("delete after a failed put: %v; want errWriteFailed", err)
	}
	// Update opens the index again first, which fails: its folder is gone.
	if _, err := ix.Update(ctx, newFakeSource(genArticle(4), genArticle(5))); !errors.Is(err, ErrReopen) {
		t.Errorf("update after a failed put: %v; want ErrReopen", err)
	}
}

// mustOpenFilled opens an index in a new folder and indexes the articles
// of src into it.
func mustOpenFilled(tb testing.TB, src Source, opts ...Option) (*Index, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "x.bleve")
	ix, err := Open(path, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = ix.Close() })
	if _, err := ix.Update(context.Background(), src); err != nil {
		tb.Fatal(err)
	}
	return ix, path
}

// TestSearchAfterFailedWrite: a search of an index that a failed write
// left unusable is an error; bleve's panic used to crash the process.
func TestSearchAfterFailedWrite(t *testing.T) {
	ctx := context.Background()
	ix, path := mustOpenFilled(t, newFakeSource(genArticle(1), genArticle(2)))
	// bleve's folder only: the forward index, written first, takes the
	// batch, and bleve fails to save it.
	if err := os.Rename(filepath.Join(path, "store"), path+".away"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, []*corpus.Article{genArticle(3)}); err == nil {
		t.Fatal("put into a moved folder: no error")
	}
	for _, req := range []Request{{Query: "the"}, {Query: "*", Facets: []string{"site"}}} {
		if _, err := ix.Search(ctx, req); !errors.Is(err, ErrBroken) {
			t.Errorf("search %q after a failed write: %v; want ErrBroken", req.Query, err)
		}
	}
	if _, err := ix.MatchingIDs(ctx, Request{Query: "the"}); !errors.Is(err, ErrBroken) {
		t.Errorf("matching ids after a failed write: %v; want ErrBroken", err)
	}
}

// TestUpdateReopensAfterFailedWrite: once the cause of a failed write is
// gone (here the folder, moved away, is back), the next Update opens the
// index again and indexes from the last batch saved; searches work again.
func TestUpdateReopensAfterFailedWrite(t *testing.T) {
	ctx := context.Background()
	src := newFakeSource(genArticle(1), genArticle(2))
	ix, path := mustOpenFilled(t, src)
	if err := os.Rename(path, path+".away"); err != nil {
		t.Fatal(err)
	}
	src.Set(genArticle(3))
	if _, err := ix.Update(ctx, src); err == nil {
		t.Fatal("update into a moved folder: no error")
	}
	if err := os.Rename(path+".away", path); err != nil {
		t.Fatal(err)
	}
	src.Set(genArticle(4))
	n, err := ix.Update(ctx, src)
	if err != nil {
		t.Fatalf("update after the folder came back: %v", err)
	}
	if n != 2 || mustCount(t, ix) != 4 {
		t.Errorf("indexed %d, count %d; want 2 and 4", n, mustCount(t, ix))
	}
	res := MustSearch(t, ix, Request{Query: "*"})
	if res.Total != 4 {
		t.Errorf("search total = %d, want 4", res.Total)
	}
}

// TestUpdateReopenFails: when the folder cannot be opened again, Update
// fails with ErrReopen, and so do later calls, searches included.
func TestUpdateReopenFails(t *testing.T) {
	ctx := context.Background()
	src := newFakeSource(genArticle(1))
	ix, path := mustOpenFilled(t, src)
	if err := takeAway(path); err != nil {
		t.Fatal(err)
	}
	src.Set(genArticle(2))
	if _, err := ix.Update(ctx, src); err == nil || errors.Is(err, ErrReopen) {
		t.Fatalf("first update into a removed folder: %v; want a write error", err)
	}
	for i := range 2 {
		if _, err := ix.Update(ctx, src); !errors.Is(err, ErrReopen) {
			t.Errorf("update %d after the failed write: %v; want ErrReopen", i+2, err)
		}
	}
	if _, err := ix.Search(ctx, Request{Query: "the"}); !errors.Is(err, ErrReopen) {
		t.Errorf("search: %v; want ErrReopen", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the removed folder was created again: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
}

// TestFollowReopens: a follower goes on after a failed write once its
// cause is gone, and logs it; it stops with ErrReopen when the index
// cannot be opened again.
func TestFollowReopens(t *testing.T) {
	for _, back := range []bool{true, false} {
		t.Run(fmt.Sprintf("folder back %v", back), func(t *testing.T) {
			var logs syncbuf.Buffer
			var path string
			if back {
				// The cause goes away before the next Update opens
				// the index again: the folder comes back when Follow
				// logs the failed write.
				logs.OnWrite = func(line string) {
					if strings.Contains(line, "write failed") {
						_ = os.Rename(path+".away", path)
					}
				}
			}
			src := newFakeSource(genArticle(1))
			ix, p := mustOpenFilled(t, src, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			path = p
			if err := os.Rename(path, path+".away"); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			var followed int
			go func() {
				n, err := ix.Follow(ctx, src, 5*time.Millisecond)
				followed = n
				done <- err
			}()
			src.Set(genArticle(2))
			if !back {
				select {
				case err := <-done:
					if !errors.Is(err, ErrReopen) {
						t.Errorf("follow: %v; want ErrReopen", err)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("follow did not stop")
				}
				return
			}
			// (A failed batch's articles can be seen before its save
			// fails: wait for the log rather than for the count.)
			waitFor(t, func() bool { return strings.Contains(logs.String(), "opened again after a failed write") })
			src.Set(genArticle(3))
			waitFor(t, func() bool { return mustCount(t, ix) == 3 })
			cancel()
			if err := <-done; err != nil {
				t.Errorf("follow: %v", err)
			}
			// Article 2, whose first save failed, is counted at most
			// once: twice would count a failed save. Once or not at
			// all, depending on a race outside archivist: scorch's
			// persister may retry the failed segment after the folder
			// is back, so that the failed Update's batch (its articles
			// and its seq) lands after all, and the next Update finds
			// nothing new to count (seen about once in five runs).
			if followed != 1 && followed != 2 {
				t.Errorf("follow indexed %d articles, want 2 (or 1 if the failed save landed later)", followed)
			}
			// Every article is saved in the folder.
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			again, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			if n := mustCount(t, again); n != 3 {
				t.Errorf("the index saved %d articles, want 3", n)
			}
		})
	}
}

// waitFor waits up to 10 seconds for cond.
func waitFor(tb testing.TB, cond func() bool) {
	tb.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatal("timed out")
		}
	}
}

// takeAway renames dir aside, as a removal would leave it to the index
// still open on it. Not os.RemoveAll: that races with bleve's background
// writers creating files in the folder ("directory not empty") and may
// leave it in place.
func takeAway(dir string) error {
	return os.Rename(dir, dir+".gone")
}
