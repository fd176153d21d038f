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

// steady are fast's options with a long timeout, for tests that compare
// two crawls of a site without faults, request for request: with fast's
// one second, a hop timed out under load (CI's two cores busy) and its
// retry made one crawl send a request twice (TestStartRequestLost failed
// so twice at load 20: "fetched 1 times, 2 by a plain crawl"). No page
// of such a site is slow, so the timeout costs no time.
func steady() []Option { return fast(WithTimeout(30 * time.Second)) }

// TestNewOverInterfaces crawls through New with a Frontier and a Writer
// that are not the SQLite adapter itself: the crawl goes through them
// only, and stores what a crawl through NewCrawler stores.
func TestNewOverInterfaces(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false))
	seeds := []string{srv.URL + "/"}
	want := resultOf(t, func() *corpus.DB {
		db := corpus.MustOpen(t)
		mustCrawl(t, db, seeds, steady()...)
		return db
	}())

	db := corpus.MustOpen(t)
	rs := &recordingStore{sqliteStore: sqliteStore{db}}
	c, err := New(rs, rs, steady()...)
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

// lossyFrontier says the lease was lost for the first page requests and
// makes the first robots.txt wait, as a frontier shared with other
// workers does after a stall or while another worker holds the host.
type lossyFrontier struct {
	sqliteStore
	lost, waits atomic.Int64
	mu          sync.Mutex
	asked       map[int64]int // StartRequest calls by frontier ID
	lostIDs     []int64
}

func (s *lossyFrontier) StartRequest(ctx context.Context, host string, id int64, delay time.Duration, now time.Time) (time.Time, bool, error) {
	if id == 0 && s.waits.Add(1) == 1 {
		return now.Add(50 * time.Millisecond), false, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked[id]++
	if id != 0 && s.lost.Add(1) <= 2 {
		s.lostIDs = append(s.lostIDs, id)
		return time.Time{}, true, nil
	}
	return time.Time{}, false, nil
}

// TestStartRequestLost: a request whose lease the frontier reports lost
// is not sent, its URL and the host's other claims are given back, and
// the crawl claims them again: it stores what a plain crawl stores, and
// sends the same requests.
func TestStartRequestLost(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false))
	seeds := []string{srv.URL + "/"}
	want := resultOf(t, func() *corpus.DB {
		db := corpus.MustOpen(t)
		mustCrawl(t, db, seeds, steady()...)
		return db
	}())
	wantReqs := map[string]int{}
	for _, r := range srv.Requests() {
		wantReqs[r.Path]++
	}
	srv.ResetLog()
	db := corpus.MustOpen(t)
	lf := &lossyFrontier{sqliteStore: sqliteStore{db}, asked: map[int64]int{}}
	c, err := New(lf, sqliteStore{db}, steady()...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background(), seeds); err != nil {
		t.Fatal(err)
	}
	got := resultOf(t, db)
	diff(t, "articles", got.articles, want.articles)
	diff(t, "frontier", got.frontier, want.frontier)
	seen := map[string]int{}
	for _, r := range srv.Requests() {
		seen[r.Path]++
	}
	for p, n := range seen {
		if n != wantReqs[p] {
			t.Errorf("%s fetched %d times, %d by a plain crawl", p, n, wantReqs[p])
		}
	}
	// A URL whose lease was lost is not fetched then: it is claimed
	// again, and its start asked again.
	for _, id := range lf.lostIDs {
		if lf.asked[id] < 2 {
			t.Errorf("frontier ID %d: start asked %d times; want it asked again after the lease was lost", id, lf.asked[id])
		}
	}
	if len(lf.lostIDs) != 2 || lf.waits.Load() < 2 {
		t.Errorf("%d starts lost, %d robots.txt starts: want 2 and at least 2", len(lf.lostIDs), lf.waits.Load())
	}
}
