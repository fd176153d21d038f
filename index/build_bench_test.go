package index

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// BenchmarkRebuildFolder measures `archivist index --rebuild` (and a first
// `archivist index`): a bulk build of -docs generated articles into a new
// folder, merged into one segment. One op builds the whole index.
func BenchmarkRebuildFolder(b *testing.B) {
	arts := benchArticles()
	src := newFakeSource(arts...)
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "bench.bleve")
		n, err := RebuildFolder(context.Background(), path, src)
		if err != nil || n != len(arts) {
			b.Fatalf("rebuild = %d, %v", n, err)
		}
		b.StopTimer()
		size = dirSize(b, path)
		b.StartTimer()
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(size)/float64(len(arts)), "disk-B/doc")
}

// TestWrittenOutOfOrder checks the seq that batches written out of order
// carry and the progress reported.
func TestWrittenOutOfOrder(t *testing.T) {
	var reported []int
	w := &written{seq: 10, saved: 10, done: map[int]batch{}, log: slog.New(slog.DiscardHandler),
		progress: func(n int) { reported = append(reported, n) }}
	bs := []batch{{i: 0, n: 5, last: 15}, {i: 1, n: 9, last: 19}, {i: 2, n: 12, last: 22}}
	if v, own := w.carry(bs[0]); v != 15 || !own { // nothing in flight: its own seq
		t.Fatalf("batch 0 carries %d, %v; want 15, true", v, own)
	}
	if v, own := w.carry(bs[1]); v != 10 || own { // batch 0 in flight: the seq before it
		t.Fatalf("batch 1 carries %d, %v; want 10, false", v, own)
	}
	w.add(bs[1], false) // finishes first: no progress yet
	if len(reported) != 0 {
		t.Fatalf("progress %v before batch 0 is written", reported)
	}
	w.add(bs[0], true)
	if v, own := w.carry(bs[2]); v != 22 || !own {
		t.Fatalf("batch 2 carries %d, %v; want 22, true", v, own)
	}
	w.add(bs[2], true)
	if n, seq, saved := w.result(); n != 12 || seq != 22 || saved != 22 {
		t.Fatalf("result = %d, %d, %d; want 12, 22, 22", n, seq, saved)
	}
	if len(reported) != 2 || reported[0] != 9 || reported[1] != 12 {
		t.Fatalf("progress %v, want [9 12]", reported)
	}
}

// BenchmarkSnippetTexts measures what reading the text of the hits from
// the corpus costs a search: the same word query on the same on-disk
// index of 2,000 articles, with snippets read from a SQLite corpus
// (corpus) and with no texts to read (none: no snippets); the corpus
// query alone (read-only); and an in-memory index that stores the text
// (stored).
func BenchmarkSnippetTexts(b *testing.B) {
	ctx := context.Background()
	db, err := corpus.Open(ctx, filepath.Join(b.TempDir(), "c.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx *corpus.Tx) error {
		for _, a := range benchArticles()[:2000] {
			cp := &corpus.Capture{URL: a.URL, RequestedURL: a.URL, Status: 200, Body: []byte(a.Text)}
			id, err := tx.AddCapture(ctx, cp)
			if err != nil {
				return err
			}
			c := *a
			c.CaptureID, c.ContentSHA256 = id, cp.SHA256
			if _, err := tx.PutArticle(ctx, &c, c.URL); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ix, err := Open(filepath.Join(b.TempDir(), "x.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(ctx, db); err != nil {
		b.Fatal(err)
	}
	b.Run("read-only", func(b *testing.B) { // the corpus query alone
		ids := []int64{3, 30, 300, 3000, 1, 10, 100, 1000, 7, 70}
		for b.Loop() {
			err := db.Articles(ctx, corpus.ArticleFilter{IDs: ids}, func(*corpus.Article) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	mem := MustMemIndex(b, benchArticles()[:2000])
	b.Run("stored", func(b *testing.B) { // an index that stores the text
		for b.Loop() {
			if res, err := mem.Search(ctx, Request{Query: "harbour"}); err != nil || res.Hits[0].Snippet == "" {
				b.Fatalf("search: %v, %+v", err, res)
			}
		}
	})
	for _, bc := range []struct {
		name  string
		texts Texts
	}{{"none", nil}, {"corpus", db}} {
		b.Run(bc.name, func(b *testing.B) {
			ix.ReadTextsFrom(bc.texts)
			b.ReportAllocs()
			for b.Loop() {
				res, err := ix.Search(ctx, Request{Query: "harbour"})
				if err != nil || len(res.Hits) != 10 || (bc.texts != nil) != (res.Hits[0].Snippet != "") {
					b.Fatalf("search: %v, %+v", err, res)
				}
			}
		})
	}
}
