package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

func TestWordsAreUniquePerRank(t *testing.T) {
	for _, l := range languages {
		// Made-up words may happen to be real ones (the generator does not
		// care), but two ranks of made-up words are never the same word.
		seen := map[string]int{}
		for r := len(l.common); r < vocabSize; r++ {
			w := l.word(r)
			if prev, ok := seen[w]; ok {
				t.Fatalf("%s: ranks %d and %d are both %q", l.code, prev, r, w)
			}
			seen[w] = r
		}
	}
}

func TestGenerate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	opts := genOptions{DB: path, Articles: 300, Sites: 40, Seed: 3, Batch: 100}
	if err := generate(context.Background(), opts, func(string, ...any) {}); err != nil {
		t.Fatal(err)
	}
	db, err := corpus.OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	langs, sites := map[string]int{}, map[string]int{}
	n, undated := 0, 0
	from, to := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err = db.Articles(t.Context(), corpus.ArticleFilter{}, func(a *corpus.Article) error {
		n++
		langs[a.Language]++
		sites[a.Site]++
		if err := a.CheckDigest(); err != nil {
			t.Errorf("article %d: %v", a.ID, err)
		}
		if a.Published == nil {
			undated++
		} else if a.Published.Before(from.Add(-24*time.Hour)) || a.Published.After(to) {
			t.Errorf("article %d published %v", a.ID, a.Published)
		}
		if a.Title == "" || a.WordCount < 30 || len(a.Text) < 100 || len(a.Authors) == 0 {
			t.Errorf("article %d: %+v", a.ID, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 300 || len(langs) < 5 || len(sites) < 20 || undated == 0 || undated > 30 {
		t.Errorf("%d articles, languages %v, %d sites, %d undated", n, langs, len(sites), undated)
	}
}

func TestPercentiles(t *testing.T) {
	var ds []time.Duration
	for i := range 100 {
		ds = append(ds, time.Duration(100-i)*time.Millisecond)
	}
	if p := percentiles(ds); p != [3]time.Duration{50 * time.Millisecond, 95 * time.Millisecond, 99 * time.Millisecond} {
		t.Errorf("percentiles: %v", p)
	}
}
