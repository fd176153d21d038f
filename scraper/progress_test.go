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

// countedStats counts the frontier's counts.
type countedStats struct {
	sqliteStore
	calls atomic.Int32
}

func (c *countedStats) Stats(ctx context.Context) (corpus.FrontierStats, error) {
	c.calls.Add(1)
	return c.sqliteStore.Stats(ctx)
}

// TestProgressCountsFrontierOnceAtEnd: the progress line's last report
// takes the count the summary makes (a count of a shared frontier of
// millions of rows costs seconds), so a crawl with no tick of the
// progress line counts the frontier as often as one without the line.
func TestProgressCountsFrontierOnceAtEnd(t *testing.T) {
	crawl := func(progress bool) (int32, Summary, Progress) {
		srv := scrapertest.NewServer(t, scrapertest.WithArticles(5), scrapertest.WithFaults(false))
		db := corpus.MustOpen(t)
		f := &countedStats{sqliteStore: sqliteStore{db}}
		var last Progress
		opts := []Option{WithParallel(2), WithDelay(time.Millisecond), WithTimeout(5 * time.Second), WithLogger(testLogger())}
		if progress {
			opts = append(opts, WithProgress(func(p Progress) { last = p }))
		}
		c, err := New(f, sqliteStore{db}, opts...)
		if err != nil {
			t.Fatal(err)
		}
		c.cfg.progressEvery = time.Hour // only the last report
		sum, err := c.Run(context.Background(), []string{srv.URL + "/"})
		if err != nil {
			t.Fatal(err)
		}
		return f.calls.Load(), sum, last
	}
	without, _, _ := crawl(false)
	with, sum, last := crawl(true)
	if with != without {
		t.Errorf("the frontier counted %d times with the progress line, %d without", with, without)
	}
	if last.Fetched != sum.Fetched || last.Queued != sum.Queued {
		t.Errorf("last progress %+v, summary %+v", last, sum)
	}
}
