package scraper

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// recordingStore counts what reaches a store through the stages'
// interfaces, as a store other than SQLite would see it.
type recordingStore struct {
	sqliteStore
	claims  atomic.Int64
	updates atomic.Int64
}

func (s *recordingStore) Claim(ctx context.Context, host string, run int64, n int, now time.Time) ([]corpus.FrontierEntry, time.Time, bool, error) {
	s.claims.Add(1)
	return s.sqliteStore.Claim(ctx, host, run, n, now)
}

func (s *recordingStore) Update(ctx context.Context, fn func(tx Tx) error) error {
	s.updates.Add(1)
	return s.sqliteStore.Update(ctx, fn)
}

// TestNewOverInterfaces crawls through New with a Frontier and a Writer
// that are not the SQLite adapter itself: the crawl goes through them
// only, and stores what a crawl through NewCrawler stores.
func TestNewOverInterfaces(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false))
	seeds := []string{srv.URL + "/"}
	want := resultOf(t, func() *corpus.DB {
		db := corpus.MustOpen(t)
		mustCrawl(t, db, seeds, fast()...)
		return db
	}())

	db := corpus.MustOpen(t)
	rs := &recordingStore{sqliteStore: sqliteStore{db}}
	c, err := New(rs, rs, fast()...)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := c.Run(context.Background(), seeds)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles == 0 || rs.claims.Load() == 0 || rs.updates.Load() == 0 {
		t.Errorf("articles %d, claims %d, updates %d: want all > 0", sum.Articles, rs.claims.Load(), rs.updates.Load())
	}
	got := resultOf(t, db)
	diff(t, "articles", got.articles, want.articles)
	diff(t, "frontier", got.frontier, want.frontier)

	if _, err := New(nil, rs); err == nil {
		t.Error("New with a nil frontier: no error")
	}
	if _, err := New(rs, nil); err == nil {
		t.Error("New with a nil writer: no error")
	}
}
