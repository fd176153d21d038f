package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// fileState is what a read must leave unchanged: every file under root
// with its size and modification time.
func fileState(tb testing.TB, root string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = fmt.Sprintf("%s %d %s", info.Mode(), info.Size(), info.ModTime().Format(time.RFC3339Nano))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// mustFilledIndex creates an on-disk index of the basic articles and
// closes it.
func mustFilledIndex(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "archive.bleve")
	ix, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), newFakeSource(MustLoadArticles(tb, "basic")...)); err != nil {
		tb.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestOpenReadOnly(t *testing.T) {
	path := mustFilledIndex(t)
	before := fileState(t, filepath.Dir(path))
	time.Sleep(10 * time.Millisecond)
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if res := MustSearch(t, ix, Request{Query: "climate"}); res.Total != 4 {
		t.Errorf("total = %d, want 4", res.Total)
	}
	if seq, err := ix.Seq(); err != nil || seq != 10 {
		t.Errorf("seq = %d, %v; want 10", seq, err)
	}
	// Two readers share the index.
	ix2, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	ix2.Close()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if after := fileState(t, filepath.Dir(path)); !maps.Equal(before, after) {
		t.Errorf("a read-only open changed files:\nbefore %v\nafter  %v", before, after)
	}

	missing := filepath.Join(t.TempDir(), "none.bleve")
	if _, err := OpenReadOnly(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing index: err = %v, want ErrNotExist", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a read-only open created the index folder")
	}
}

// TestMissingRootBoltDeletesNothing removes the index's root.bolt: opening
// the index, read-only or not, must say it needs a rebuild and leave every
// other file as it was (scorch used to create a new root.bolt and delete
// every segment file it no longer listed).
func TestMissingRootBoltDeletesNothing(t *testing.T) {
	for _, tt := range []struct {
		name string
		open func(string, ...Option) (*Index, error)
	}{{"read-only", OpenReadOnly}, {"read-write", Open}} {
		t.Run(tt.name, func(t *testing.T) {
			path := mustFilledIndex(t)
			if err := os.Remove(filepath.Join(path, "store", "root.bolt")); err != nil {
				t.Fatal(err)
			}
			before := fileState(t, filepath.Dir(path))
			segments := 0
			for p := range before {
				if strings.HasSuffix(p, ".zap") {
					segments++
				}
			}
			if segments == 0 {
				t.Fatal("test index has no segment files")
			}
			_, err := tt.open(path)
			if !errors.Is(err, ErrNeedsRebuild) || !strings.Contains(err.Error(), "root.bolt is missing") {
				t.Fatalf("err = %v, want ErrNeedsRebuild naming root.bolt", err)
			}
			if after := fileState(t, filepath.Dir(path)); !maps.Equal(before, after) {
				t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// TestMissingSegmentNeedsRebuild removes a segment file that the index's
// newest snapshot lists: scorch would fall back to an older snapshot (or
// none, "error parsing mapping JSON"); Open and OpenReadOnly say the index
// needs a rebuild, name the file and change nothing.
func TestMissingSegmentNeedsRebuild(t *testing.T) {
	for _, tt := range []struct {
		name string
		open func(string, ...Option) (*Index, error)
	}{{"read-only", OpenReadOnly}, {"read-write", Open}} {
		t.Run(tt.name, func(t *testing.T) {
			path := mustFilledIndex(t)
			segs, err := filepath.Glob(filepath.Join(path, "store", "*.zap"))
			if err != nil || len(segs) == 0 {
				t.Fatalf("no segments: %v", err)
			}
			if err := os.Remove(segs[len(segs)-1]); err != nil {
				t.Fatal(err)
			}
			before := fileState(t, filepath.Dir(path))
			_, err = tt.open(path)
			if !errors.Is(err, ErrNeedsRebuild) || !strings.Contains(err.Error(), segs[len(segs)-1]+" is missing") {
				t.Fatalf("err = %v, want ErrNeedsRebuild naming %s", err, segs[len(segs)-1])
			}
			if after := fileState(t, filepath.Dir(path)); !maps.Equal(before, after) {
				t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// TestReadOnlyRefusesWrites checks that every writing method of an index
// opened with OpenReadOnly fails with ErrReadOnly and changes nothing: bleve
// itself let an Update through, and a later Put hung.
func TestReadOnlyRefusesWrites(t *testing.T) {
	path := mustFilledIndex(t)
	before := fileState(t, filepath.Dir(path))
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	src := newFakeSource(genArticle(100))
	writes := map[string]func() error{
		"Put":     func() error { return ix.Put(ctx, []*corpus.Article{genArticle(101)}) },
		"Delete":  func() error { return ix.Delete(ctx, []int64{1}) },
		"Update":  func() error { _, err := ix.Update(ctx, src); return err },
		"Rebuild": func() error { _, err := ix.Rebuild(ctx, src); return err },
	}
	for name, write := range writes {
		if err := write(); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a read-only index: %v, want ErrReadOnly", name, err)
		}
	}
	if res := MustSearch(t, ix, Request{Query: "climate"}); res.Total != 4 {
		t.Errorf("total = %d after the refused writes, want 4", res.Total)
	}
	if after := fileState(t, filepath.Dir(path)); !maps.Equal(before, after) {
		t.Errorf("the refused writes changed the index's files")
	}
}
