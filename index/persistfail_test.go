package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
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
	if err := os.RemoveAll(path); err != nil {
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
	if _, err := ix.Update(ctx, newFakeSource(genArticle(4), genArticle(5))); !errors.Is(err, errWriteFailed) {
		t.Errorf("update after a failed put: %v; want errWriteFailed", err)
	}
}
