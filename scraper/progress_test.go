package scraper

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// heldStats is a SQLite frontier whose first count is held until the test
// lets it go: a shared frontier of millions of rows takes seconds to
// count.
type heldStats struct {
	sqliteStore
	once             sync.Once
	entered, release chan struct{}
}

func (h *heldStats) Stats(ctx context.Context) (corpus.FrontierStats, error) {
	first := false
	h.once.Do(func() { first = true; close(h.entered) })
	if first {
		<-h.release
	}
	return h.sqliteStore.Stats(ctx)
}

// TestProgressCountDoesNotHoldCrawl: while the progress line's count of
// the frontier is held, the crawl goes on fetching (the dispatcher does
// not wait for it), and the last report still has the final count.
func TestProgressCountDoesNotHoldCrawl(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(40), scrapertest.WithFaults(false),
		scrapertest.WithLatency(5*time.Millisecond))
	db := corpus.MustOpen(t)
	f := &heldStats{sqliteStore: sqliteStore{db}, entered: make(chan struct{}), release: make(chan struct{})}
	var (
		mu   sync.Mutex
		last Progress
	)
	c, err := New(f, sqliteStore{db}, WithPerHost(1), WithDelay(10*time.Millisecond), WithParallel(4), WithTimeout(5*time.Second), WithLogger(testLogger()),
		WithProgress(func(p Progress) {
			mu.Lock()
			last = p
			mu.Unlock()
		}))
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		sum Summary
		err error
	}
	done := make(chan result, 1)
	go func() {
		sum, err := c.Run(context.Background(), []string{srv.URL + "/"})
		done <- result{sum, err}
	}()
	select {
	case <-f.entered:
	case <-time.After(30 * time.Second):
		t.Fatal("the progress never counted the frontier")
	}
	at := len(srv.Requests())
	for deadline := time.Now().Add(20 * time.Second); len(srv.Requests()) < at+5; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			close(f.release)
			t.Fatalf("%d requests while the count was held (from %d): the crawl waited for it", len(srv.Requests())-at, at)
		}
	}
	close(f.release)
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	mu.Lock()
	defer mu.Unlock()
	if last.Fetched != r.sum.Fetched || last.Queued != r.sum.Queued {
		t.Errorf("last progress %+v, summary %+v", last, r.sum)
	}
}
