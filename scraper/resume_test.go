package scraper

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

var errPowerCut = errors.New("power cut")

// crashStore is a corpus that loses power after a number of write
// transactions: from then on nothing lands, as when the process is
// killed. The crawler in that process is abandoned; a new one resumes from
// what the database holds.
type crashStore struct {
	*corpus.DB
	left atomic.Int64
}

func (s *crashStore) Update(ctx context.Context, fn func(tx *corpus.Tx) error) error {
	if s.left.Add(-1) < 0 {
		return errPowerCut
	}
	return s.DB.Update(ctx, fn)
}

// outcome of a crawl by path, comparable across servers on other ports.
type crawlResult struct {
	articles map[string]string // path -> title
	frontier map[string]string // path?query -> state
}

func resultOf(tb testing.TB, db *corpus.DB) crawlResult {
	tb.Helper()
	st := readCorpus(tb, db)
	res := crawlResult{articles: map[string]string{}, frontier: map[string]string{}}
	for k, a := range st.articles {
		res.articles[pathOf(k)] = a.Title
	}
	err := db.ForEachFrontier(context.Background(), "", func(e corpus.FrontierEntry) error {
		res.frontier[pathAndQuery(e.URL)] = e.State
		if e.State == corpus.StateFailed {
			tb.Logf("failed: %s: %s (attempts %d)", e.URL, e.Reason, e.Attempts)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func pathAndQuery(u string) string {
	p := pathOf(u)
	for i := 0; i < len(u); i++ {
		if u[i] == '?' {
			return p + u[i:]
		}
	}
	return p
}

func diff(tb testing.TB, what string, got, want map[string]string) {
	tb.Helper()
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	n := 0
	for _, k := range keys {
		if got[k] != want[k] {
			if n < 10 {
				tb.Errorf("%s %s: got %q, want %q", what, k, got[k], want[k])
			}
			n++
		}
	}
	if n > 10 {
		tb.Errorf("%s: %d differences", what, n)
	}
}

func TestResumeAfterCrashes(t *testing.T) {
	t.Parallel()
	opts := func() []Option {
		return fast(WithTimeout(time.Second), WithMaxBody(1<<20))
	}
	siteOpts := []scrapertest.Option{scrapertest.WithArticles(24), scrapertest.WithSlowDelay(50 * time.Millisecond)}

	clean := scrapertest.NewServer(t, siteOpts...)
	cleanDB := corpus.MustOpen(t)
	mustCrawl(t, cleanDB, []string{clean.URL + "/"}, opts()...)
	want := resultOf(t, cleanDB)

	srv := scrapertest.NewServer(t, siteOpts...)
	db := corpus.MustOpen(t)
	for i, after := range []int64{5, 30, 60} {
		store := &crashStore{DB: db}
		store.left.Store(after)
		c, err := NewCrawler(store, opts()...)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Run(context.Background(), []string{srv.URL + "/"})
		if !errors.Is(err, errPowerCut) {
			t.Fatalf("crash %d: crawl returned %v, want the power cut", i, err)
		}
		st, _ := db.FrontierStats(context.Background())
		t.Logf("crash %d after %d transactions: %+v", i, after, st)
	}
	sum := mustCrawl(t, db, []string{srv.URL + "/"}, opts()...)
	t.Logf("resumed: %+v", sum)
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := resultOf(t, db)
	diff(t, "article", got.articles, want.articles)
	diff(t, "frontier", got.frontier, want.frontier)
	if bad := srv.DisallowedRequests(); len(bad) > 0 {
		t.Errorf("requested %s", bad[0].Path)
	}
}

func TestCancelSavesAndResumes(t *testing.T) {
	t.Parallel()
	siteOpts := []scrapertest.Option{scrapertest.WithArticles(24), scrapertest.WithFaults(false),
		scrapertest.WithLatency(20 * time.Millisecond)}
	clean := scrapertest.NewServer(t, siteOpts...)
	cleanDB := corpus.MustOpen(t)
	mustCrawl(t, cleanDB, []string{clean.URL + "/"}, fast()...)
	want := resultOf(t, cleanDB)

	srv := scrapertest.NewServer(t, siteOpts...)
	db := corpus.MustOpen(t)
	ctx, cancel := context.WithCancel(context.Background())
	var fetched atomic.Int64
	c, err := NewCrawler(db, fast(WithOnArticle(func(*corpus.Article) {
		if fetched.Add(1) == 5 {
			cancel()
		}
	}))...)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := c.Run(ctx, []string{srv.URL + "/"})
	if !errors.Is(err, context.Canceled) || !sum.Interrupted {
		t.Fatalf("cancelled crawl: %v, %+v", err, sum)
	}
	// Everything that was in flight finished and was saved.
	st, err := db.FrontierStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.InFlight != 0 || st.Queued == 0 {
		t.Fatalf("after cancel: %+v, want nothing in flight and work queued", st)
	}
	// The server records a request's end after its handler returns, which
	// can come a little after the client has read the whole response (a
	// large Write goes straight to the socket): give the handlers a moment.
	// Every answered request must then be finished, and saved (below).
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if !slices.ContainsFunc(srv.Requests(), func(r scrapertest.Request) bool { return r.End.IsZero() }) {
			break
		}
	}
	for _, r := range srv.Requests() {
		if r.End.IsZero() {
			t.Errorf("request %s still in flight 2s after Run returned", r.Path)
		}
	}
	captured := map[string]bool{}
	readCorpus(t, db)
	if err := db.ForEachCapture(context.Background(), corpus.CaptureFilter{}, func(c *corpus.Capture) error {
		captured[pathAndQuery(c.RequestedURL)] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		k := r.Path
		if r.RawQuery != "" {
			k += "?" + r.RawQuery
		}
		if k != "/robots.txt" && !captured[k] {
			t.Errorf("%s was fetched but not saved", k)
		}
	}
	srv.ResetLog()
	mustCrawl(t, db, []string{srv.URL + "/"}, fast()...)
	for _, r := range srv.Requests() {
		k := r.Path
		if r.RawQuery != "" {
			k += "?" + r.RawQuery
		}
		if captured[k] {
			t.Errorf("%s fetched again after resume", k)
		}
	}
	got := resultOf(t, db)
	diff(t, "article", got.articles, want.articles)
	diff(t, "frontier", got.frontier, want.frontier)
	_ = fmt.Sprint
}

// TestStorageFailureFreesSlots cuts the power after every number of
// transactions in turn and checks that the scheduler's books balance when
// the crawl returns: a request slot taken for a job that never ran would
// keep a stopping crawl waiting forever.
func TestStorageFailureFreesSlots(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(24), scrapertest.WithSlowDelay(50*time.Millisecond))
	for after := int64(1); after <= 60; after++ {
		db := corpus.MustOpen(t)
		store := &crashStore{DB: db}
		store.left.Store(after)
		c, err := NewCrawler(store, fast(WithTimeout(time.Second), WithMaxBody(1<<20))...)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := c.Run(context.Background(), []string{srv.URL + "/"})
			done <- err
		}()
		select {
		case err = <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("power cut after %d transactions: the crawl did not return", after)
		}
		if err != nil && !errors.Is(err, errPowerCut) {
			t.Fatalf("power cut after %d transactions: %v", after, err)
		}
		c.sched.mu.Lock()
		inFlight := c.sched.inFlight
		for _, h := range c.sched.order {
			if h.inFlight != 0 {
				t.Errorf("power cut after %d transactions: %s holds %d slots", after, h.name, h.inFlight)
			}
		}
		c.sched.mu.Unlock()
		if inFlight != 0 {
			t.Errorf("power cut after %d transactions: %d slots held", after, inFlight)
		}
		db.Close()
	}
}

func TestUnstart(t *testing.T) {
	c := &Crawler{sched: newScheduler(2, 0)}
	s := c.sched
	s.mu.Lock()
	h := s.get("http://a.test")
	h.robotsState = robotsFetching
	s.start(h, time.Now())
	s.start(h, time.Now())
	h.queue = []corpus.FrontierEntry{{ID: 3}}
	s.mu.Unlock()
	c.unstart([]job{{host: h.name, robots: true}, {host: h.name, entry: corpus.FrontierEntry{ID: 2}}})
	if s.inFlight != 0 || h.inFlight != 0 {
		t.Errorf("slots held after unstart: %d total, %d on the host", s.inFlight, h.inFlight)
	}
	if h.robotsState != robotsUnknown {
		t.Errorf("robots state %d, want unknown so that robots.txt is fetched again", h.robotsState)
	}
	if len(h.queue) != 2 || h.queue[0].ID != 2 || h.queue[1].ID != 3 {
		t.Errorf("claimed queue %+v, want the unstarted URL back in front", h.queue)
	}
}

// TestPlanRemembersLaterRetries queues two retries on one host, due at
// different times, and plans on a fake clock: after the first is claimed
// and done, the scheduler must still wait for the second, not declare the
// crawl done (the safety net in dispatch hid this).
func TestPlanRemembersLaterRetries(t *testing.T) {
	ctx := context.Background()
	db := corpus.MustOpen(t)
	c, err := NewCrawler(db, WithIgnoreRobots(true), WithDelay(0), WithPerHost(4), WithParallel(8))
	if err != nil {
		t.Fatal(err)
	}
	c.sched = newScheduler(c.cfg.perHost, c.cfg.delay)
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	now := t0
	c.sched.now = func() time.Time { return now }
	const host = "http://a.test"
	if err := db.Update(ctx, func(tx *corpus.Tx) error {
		_, err := tx.Enqueue(ctx, []corpus.FrontierEntry{
			{URL: host + "/soon", Host: host, NotBefore: t0.Add(time.Second)},
			{URL: host + "/later", Host: host, NotBefore: t0.Add(3 * time.Second)},
		}, corpus.EnqueueOptions{Now: t0})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	c.sched.touch(map[string]bool{host: true})

	plan := func(at time.Duration) ([]job, time.Duration, bool) {
		now = t0.Add(at)
		jobs, _, _, wait, done := c.plan(ctx, 0)
		return jobs, wait, done
	}
	if jobs, wait, done := plan(0); len(jobs) != 0 || done || wait != time.Second {
		t.Fatalf("at 0s: %d jobs, wait %v, done %v; want to wait 1s", len(jobs), wait, done)
	}
	jobs, _, done := plan(1500 * time.Millisecond)
	if len(jobs) != 1 || jobs[0].entry.URL != host+"/soon" || done {
		t.Fatalf("at 1.5s: jobs %+v, done %v; want /soon", jobs, done)
	}
	c.sched.release(host) // /soon finished
	if jobs, wait, done := plan(2 * time.Second); len(jobs) != 0 || done || wait != time.Second {
		t.Fatalf("at 2s: %d jobs, wait %v, done %v; want to wait 1s for /later", len(jobs), wait, done)
	}
	jobs, _, done = plan(3 * time.Second)
	if len(jobs) != 1 || jobs[0].entry.URL != host+"/later" || done {
		t.Fatalf("at 3s: jobs %+v, done %v; want /later", jobs, done)
	}
}
