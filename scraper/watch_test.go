package scraper

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// TestWithWatch: a crawl made a watch cycle tells its function of every
// page saved, in the page's transaction: the seed is a hub that queued
// new URLs, articles are articles; and a second run does not queue the
// hubs again by itself (the watch does, when they are due).
func TestWithWatch(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(12), scrapertest.WithFaults(false))
	db := corpus.MustOpen(t)
	var (
		mu     sync.Mutex
		events = map[string]Fetched{}
	)
	watch := WithWatch(func(ctx context.Context, tx Tx, f Fetched) error {
		if _, ok := tx.(*corpus.Tx); !ok {
			t.Errorf("watch function got a %T, want the corpus transaction", tx)
		}
		mu.Lock()
		defer mu.Unlock()
		events[f.URL] = f
		return nil
	})
	seed := srv.URL + "/"
	sum := mustCrawl(t, db, []string{seed}, fast(watch, WithDepth(2))...)
	mu.Lock()
	if len(events) != sum.Fetched {
		t.Errorf("%d pages told to the watch, %d fetched", len(events), sum.Fetched)
	}
	front, ok := events[seed]
	if !ok || !front.Hub || !front.Seed || front.Article || front.NewURLs == 0 {
		t.Errorf("seed: %+v, want a seed hub that queued new URLs", front)
	}
	articles := 0
	for _, f := range events {
		if f.Article {
			articles++
			if f.Hub {
				t.Errorf("%s: both an article and a hub", f.URL)
			}
		}
	}
	if articles != sum.Articles+sum.Duplicates || articles == 0 {
		t.Errorf("%d article pages told, %d articles stored and %d copies of them", articles, sum.Articles, sum.Duplicates)
	}
	mu.Unlock()
	if again := mustCrawl(t, db, nil, fast(watch, WithDepth(2))...); again.Fetched != 0 {
		t.Errorf("a second run of a watch fetched %d pages by itself, want 0", again.Fetched)
	}
	if plain := mustCrawl(t, db, nil, fast(WithDepth(2))...); plain.Fetched == 0 {
		t.Errorf("a plain crawl run again checked no hub")
	}
}

func TestRobotsTTL(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header map[string]string
		want   time.Duration
	}{
		{"no caching headers: 24 hours", nil, 24 * time.Hour},
		{"max-age", map[string]string{"Cache-Control": "public, max-age=600"}, 10 * time.Minute},
		{"max-age over 24 hours", map[string]string{"Cache-Control": "max-age=604800"}, 24 * time.Hour},
		{"max-age wins over Expires", map[string]string{"Cache-Control": "max-age=60", "Expires": now.Add(time.Hour).Format(http.TimeFormat)}, time.Minute},
		{"no-cache", map[string]string{"Cache-Control": "no-cache"}, 0},
		{"no-store", map[string]string{"Cache-Control": "No-Store"}, 0},
		{"Expires against Date", map[string]string{"Date": now.Add(-time.Hour).Format(http.TimeFormat), "Expires": now.Format(http.TimeFormat)}, time.Hour},
		{"Expires past", map[string]string{"Expires": now.Add(-time.Hour).Format(http.TimeFormat)}, 0},
		{"Expires invalid", map[string]string{"Expires": "0"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tc.header {
				h.Set(k, v)
			}
			if got := robotsTTL(h, now); got != tc.want {
				t.Errorf("robotsTTL(%v) = %v, want %v", tc.header, got, tc.want)
			}
		})
	}
}
