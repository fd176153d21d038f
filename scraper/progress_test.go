package scraper

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// heldStats is a SQLite frontier whose second count (the first made in
// the background) is held until the test lets it go: a shared frontier
// of millions of rows takes seconds to count.
type heldStats struct {
	sqliteStore
	calls            atomic.Int32
	entered, release chan struct{}
}

func (h *heldStats) Stats(ctx context.Context) (corpus.FrontierStats, error) {
	if h.calls.Add(1) == 2 {
		close(h.entered)
		<-h.release
	}
	return h.sqliteStore.Stats(ctx)
}

// TestProgressCountDoesNotHoldCrawl: while the progress line's count of
// the frontier is held, the crawl goes on fetching (the dispatcher does
// not wait for it), the first report has the queue counted, and the last
// report still has the final count.
func TestProgressCountDoesNotHoldCrawl(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(40), scrapertest.WithFaults(false),
		scrapertest.WithLatency(5*time.Millisecond))
	db := corpus.MustOpen(t)
	f := &heldStats{sqliteStore: sqliteStore{db}, entered: make(chan struct{}), release: make(chan struct{})}
	var (
		mu          sync.Mutex
		first, last Progress
	)
	c, err := New(f, sqliteStore{db}, WithPerHost(1), WithDelay(80*time.Millisecond), WithParallel(4), WithTimeout(5*time.Second), WithLogger(testLogger()),
		WithProgress(func(p Progress) {
			mu.Lock()
			if first.Elapsed == 0 {
				first = p
			}
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
	if first.Queued == 0 {
		t.Errorf("first progress %+v: the queue not counted", first)
	}
}
