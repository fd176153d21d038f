package index

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// namedSource is a fakeSource that names its corpus, as corpus.DB does.
type namedSource struct {
	*fakeSource
	id string
}

func (s namedSource) ID(context.Context) (string, error) { return s.id, nil }

// TestIndexKeepsToOneCorpus: the first update records the corpus's id;
// an update from another corpus fails with ErrOtherCorpus and writes
// nothing; a rebuild from the other corpus replaces the index and its id;
// a source that names no corpus is not checked.
func TestIndexKeepsToOneCorpus(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "idx.bleve")
	arts := MustLoadArticles(t, "basic")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := namedSource{newFakeSource(arts[:2]...), "aaaa"}
	if _, err := ix.Update(ctx, a); err != nil {
		t.Fatal(err)
	}
	if id, err := ix.Corpus(); err != nil || id != "aaaa" {
		t.Fatalf("Corpus() = %q, %v; want aaaa", id, err)
	}
	b := namedSource{newFakeSource(arts...), "bbbb"}
	n, err := ix.Update(ctx, b)
	if !errors.Is(err, ErrOtherCorpus) || n != 0 {
		t.Fatalf("update from another corpus: %d, %v; want 0 and ErrOtherCorpus", n, err)
	}
	if c, _ := ix.Count(); c != 2 {
		t.Errorf("index holds %d articles after the refused update, want 2", c)
	}
	if _, err := ix.Update(ctx, newFakeSource(arts...)); err != nil {
		t.Errorf("update from a source without an id: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := RebuildFolder(ctx, path, b); err != nil {
		t.Fatal(err)
	}
	ix, err = OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if id, err := ix.Corpus(); err != nil || id != "bbbb" {
		t.Errorf("after the rebuild, Corpus() = %q, %v; want bbbb", id, err)
	}
}

// TestIndexWithoutCorpusID: an index that has indexed articles without
// recording a corpus (made before archivist kept the id) is not given
// the id of the first corpus that updates it, which may be the wrong one.
func TestIndexWithoutCorpusID(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(filepath.Join(t.TempDir(), "idx.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	arts := MustLoadArticles(t, "basic")
	if _, err := ix.Update(ctx, newFakeSource(arts...)); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(ctx, namedSource{newFakeSource(arts[:1]...), "small"}); err != nil {
		t.Fatal(err)
	}
	if id, err := ix.Corpus(); err != nil || id != "" {
		t.Errorf("Corpus() = %q, %v after an update of an index without an id; want none recorded", id, err)
	}
}
