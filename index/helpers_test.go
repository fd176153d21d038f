package index

import (
	"cmp"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// MustLoadArticles reads testdata/search/<name>/articles.json.
func MustLoadArticles(tb testing.TB, name string) []*corpus.Article {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "search", name, "articles.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var arts []*corpus.Article
	if err := json.Unmarshal(b, &arts); err != nil {
		tb.Fatalf("%s/articles.json: %v", name, err)
	}
	return arts
}

// MustMemIndex returns an in-memory index holding arts.
func MustMemIndex(tb testing.TB, arts []*corpus.Article) *Index {
	tb.Helper()
	ix, err := NewMemOnly()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = ix.Close() })
	if err := ix.Put(context.Background(), arts); err != nil {
		tb.Fatal(err)
	}
	return ix
}

// MustSearch runs req and fails the test on error.
func MustSearch(tb testing.TB, ix *Index, req Request) *Result {
	tb.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		tb.Fatalf("search %+v: %v", req, err)
	}
	return res
}

// hitURLs returns the URLs of res.Hits in order.
func hitURLs(res *Result) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.URL
	}
	return out
}

// fakeSource is a Source over an in-memory change log. Each Set appends a
// new sequence number, as the corpus does on insert and update.
type fakeSource struct {
	mu    sync.Mutex
	seq   int64
	rows  map[int64]fakeRow // by article id: the latest version
	calls []int64           // the seq argument of each ArticlesSince call
	fail  error             // returned after failAfter rows when set
	after int
	onRow func() // called before each row is passed on, when set
}

type fakeRow struct {
	seq int64
	a   corpus.Article
}

func newFakeSource(arts ...*corpus.Article) *fakeSource {
	s := &fakeSource{rows: map[int64]fakeRow{}}
	for _, a := range arts {
		s.Set(a)
	}
	return s
}

// Set inserts or updates an article.
func (s *fakeSource) Set(a *corpus.Article) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	s.rows[a.ID] = fakeRow{seq: s.seq, a: *a}
}

func (s *fakeSource) ArticlesSince(ctx context.Context, seq int64, fn func(int64, *corpus.Article) error) error {
	s.mu.Lock()
	s.calls = append(s.calls, seq)
	var rows []fakeRow
	for _, r := range s.rows {
		if r.seq > seq {
			rows = append(rows, r)
		}
	}
	fail, after := s.fail, s.after
	s.mu.Unlock()
	slices.SortFunc(rows, func(a, b fakeRow) int { return cmp.Compare(a.seq, b.seq) })
	for i, r := range rows {
		if fail != nil && i == after {
			return fail
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.onRow != nil {
			s.onRow()
		}
		a := r.a
		if err := fn(r.seq, &a); err != nil {
			return err
		}
	}
	return nil
}

// setFormatVersion creates the index at path if needed and records v as
// its format version, as an index written by another archivist would.
func setFormatVersion(tb testing.TB, path, v string) {
	tb.Helper()
	ix, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := ix.bi.SetInternal(keyVersion, []byte(v)); err != nil {
		tb.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		tb.Fatal(err)
	}
}

// mustSegmentedIndex returns an on-disk index of arts (900 of them)
// written in batches of 150 (several segments), in which every 37th
// article from the 11th is replaced by changed(its number) (its old
// document deleted in its segment) and every 41st from the 20th is
// deleted, open read-only: a read-only index merges no segments in the
// background, so the index's order of the articles (that of a search of
// everything) stays the same from one search to the next.
func mustSegmentedIndex(tb testing.TB, arts []*corpus.Article, changed func(i int) *corpus.Article) *Index {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "f.bleve")
	ix, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	for start := 0; start < len(arts); start += 150 {
		if err := ix.Put(ctx, arts[start:min(start+150, len(arts))]); err != nil {
			tb.Fatal(err)
		}
	}
	var repl []*corpus.Article
	for i := 10; i < len(arts); i += 37 {
		repl = append(repl, changed(i+1))
	}
	if err := ix.Put(ctx, repl); err != nil {
		tb.Fatal(err)
	}
	var gone []int64
	for i := 20; i < len(arts); i += 41 {
		gone = append(gone, int64(i))
	}
	if err := ix.Delete(ctx, gone); err != nil {
		tb.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		tb.Fatal(err)
	}
	if ix, err = OpenReadOnly(path); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = ix.Close() })
	return ix
}

// segmentFiles returns the segment files of the index at path once there
// are want of them, or after 30 seconds: scorch removes merged-away
// segments' files in the background, when no snapshot holds them any
// more, which a loaded machine delays (CI once saw three left).
func segmentFiles(t *testing.T, path string, want int) []string {
	t.Helper()
	var segs []string
	var err error
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		segs, err = filepath.Glob(filepath.Join(path, "store", "*.zap"))
		if err != nil {
			t.Fatal(err)
		}
		if len(segs) == want || time.Now().After(deadline) {
			return segs
		}
	}
}
