package scraper

import (
	"context"
	"net"
	"regexp"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// skew is how much earlier than the server's log says a request may have
// ended for the client: the server records the end after the response is
// flushed, and a loaded machine may run the client's next request first.
const skew = 20 * time.Millisecond

// maxOverlap returns the largest number of requests in flight at once
// across the logs of several servers, each request ending skew earlier
// than logged.
func maxOverlap(logs ...[]scrapertest.Request) int {
	var spans [][2]time.Time
	for _, l := range logs {
		for _, r := range l {
			end := r.End
			if end.IsZero() {
				end = time.Now()
			}
			end = end.Add(-skew)
			if end.Before(r.Start) {
				end = r.Start
			}
			spans = append(spans, [2]time.Time{r.Start, end})
		}
	}
	return scrapertest.MostAtOnce(spans)
}

// wireStarts records when each request starts on the client's side of the
// wire: the first write on a connection after its previous response.
type wireStarts struct {
	mu     sync.Mutex
	starts []time.Time
}

func (w *wireStarts) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &startConn{Conn: c, w: w}, nil
}

// minGap returns the number of requests written and the shortest time
// between two consecutive starts.
func (w *wireStarts) minGap() (int, time.Duration) {
	return w.minGapFrom(0)
}

// minGapFrom is minGap over the starts after the first skip ones.
func (w *wireStarts) minGapFrom(skip int) (int, time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	ts := append([]time.Time(nil), w.starts...)
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	gap := time.Duration(1<<63 - 1)
	for i := skip + 1; i < len(ts); i++ {
		gap = min(gap, ts[i].Sub(ts[i-1]))
	}
	return len(ts), gap
}

// startConn is a client connection that records request starts in w. One
// request at a time uses a connection (HTTP/1.1, no pipelining): a write
// after a read starts the next request.
type startConn struct {
	net.Conn
	w    *wireStarts
	busy atomic.Bool // a request was written, its response not read yet
}

func (c *startConn) Write(p []byte) (int, error) {
	if !c.busy.Swap(true) {
		c.w.mu.Lock()
		c.w.starts = append(c.w.starts, time.Now())
		c.w.mu.Unlock()
	}
	return c.Conn.Write(p)
}

func (c *startConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.busy.Store(false) // the reader and the writer are two goroutines
	}
	return n, err
}

func TestPolitenessPerHost(t *testing.T) {
	tests := []struct {
		name     string
		perHost  int
		delay    time.Duration
		latency  time.Duration
		maxPages int
	}{
		{"one at a time, 500ms apart", 1, 500 * time.Millisecond, 0, 5},
		{"two in flight, 150ms apart", 2, 150 * time.Millisecond, 400 * time.Millisecond, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := scrapertest.NewServer(t, scrapertest.WithArticles(24), scrapertest.WithFaults(false),
				scrapertest.WithLatency(tc.latency))
			db := corpus.MustOpen(t)
			var (
				mu    sync.Mutex
				snaps []Progress
			)
			var wire wireStarts
			sum := mustCrawl(t, db, []string{srv.URL + "/"}, WithPerHost(tc.perHost), WithDelay(tc.delay),
				WithDialContext(wire.dial), WithParallel(8), WithMaxPages(tc.maxPages), WithTimeout(5*time.Second), WithLogger(testLogger()),
				WithProgress(func(p Progress) {
					mu.Lock()
					snaps = append(snaps, p)
					mu.Unlock()
				}))
			// Progress came about once a second, and last with the totals.
			if len(snaps) < 2 {
				t.Errorf("%d progress reports in %s", len(snaps), sum.Duration)
			} else if last := snaps[len(snaps)-1]; last.Fetched != sum.Fetched || last.MaxPages != tc.maxPages || last.Elapsed <= 0 {
				t.Errorf("last progress %+v, summary %+v", last, sum)
			}
			if !sum.Interrupted {
				t.Errorf("a crawl stopped by --max-pages must say so: %+v", sum)
			}
			reqs := srv.Requests()
			if len(reqs) < tc.maxPages {
				t.Fatalf("%d requests, want at least %d", len(reqs), tc.maxPages)
			}
			if got := maxOverlap(reqs); got > tc.perHost {
				t.Errorf("server saw %d requests at once, per-host limit %d", got, tc.perHost)
			}
			if tc.latency > tc.delay && srv.MaxInFlight() < tc.perHost {
				t.Errorf("server saw at most %d requests at once, want %d (the limit is not used)", srv.MaxInFlight(), tc.perHost)
			}
			// robots.txt counts too: every start on the host is spaced, as
			// written on the wire. (The server's log is no measure of this:
			// on a busy machine its handlers start late by tens of
			// milliseconds, more for one than for the next.)
			if n, gap := wire.minGap(); n != len(reqs) {
				t.Errorf("%d requests written, the server saw %d", n, len(reqs))
			} else if gap < tc.delay {
				t.Errorf("two requests written %s apart, delay %s", gap, tc.delay)
			}
		})
	}
}

func TestPolitenessRetriesAndCrawlDelay(t *testing.T) {
	t.Parallel()
	// Crawl-delay (300ms) is longer than --delay (50ms) and wins; retries
	// of the 503 and 429 pages (Retry-After: 1) are spaced too.
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(24), scrapertest.WithCrawlDelay(300*time.Millisecond))
	var seeds []string
	for _, e := range srv.Articles() {
		if e.Fault != "" {
			seeds = append(seeds, e.URL)
		}
	}
	if len(seeds) == 0 {
		t.Fatal("the site has no flaky articles")
	}
	db := corpus.MustOpen(t)
	var wire wireStarts
	sum := mustCrawl(t, db, seeds, WithDepth(0), WithInclude(regexp.QuoteMeta(pathOf(seeds[0]))+"$", regexp.QuoteMeta(pathOf(seeds[len(seeds)-1]))+"$"), WithPerHost(2), WithDelay(50*time.Millisecond), WithDialContext(wire.dial),
		WithBackoff(10*time.Millisecond), WithLogger(testLogger()))
	if sum.Articles != len(seeds) || sum.Errors != 0 {
		t.Errorf("summary %+v: want %d articles, no errors", sum, len(seeds))
	}
	if sum.Retries < 3 {
		t.Errorf("%d retries, want at least 3 (503 twice, 429 once)", sum.Retries)
	}
	// Spaced as written on the wire (the server's log is no measure: see
	// TestPolitenessPerHost), after robots.txt, which comes before the
	// Crawl-delay is known.
	if n, gap := wire.minGapFrom(1); n != len(srv.Requests()) {
		t.Errorf("%d requests written, the server saw %d", n, len(srv.Requests()))
	} else if gap < 300*time.Millisecond {
		t.Errorf("two requests written %s apart, Crawl-delay 300ms", gap)
	}
	// Retry-After: 1 is honored: the retry of a page comes a second later.
	for _, s := range seeds {
		var starts []time.Time
		for _, r := range srv.Requests() {
			if r.Path == pathOf(s) {
				starts = append(starts, r.Start)
			}
		}
		for i := 1; i < len(starts); i++ {
			if d := starts[i].Sub(starts[i-1]); d < time.Second {
				t.Errorf("%s retried after %s, Retry-After 1s", pathOf(s), d)
			}
		}
	}
}

func TestParallelAcrossHosts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		parallel int
	}{
		{"parallel 2 over 3 hosts", 2},
		{"parallel 3 over 3 hosts", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var (
				srvs  []*scrapertest.Server
				seeds []string
			)
			for _, ip := range []string{"127.0.0.1", "127.0.0.2", "127.0.0.3"} {
				s := scrapertest.NewServer(t, scrapertest.WithHost(ip), scrapertest.WithArticles(24),
					scrapertest.WithFaults(false), scrapertest.WithLatency(150*time.Millisecond), scrapertest.WithSite("site-"+ip))
				srvs = append(srvs, s)
				seeds = append(seeds, s.URL+"/")
			}
			db := corpus.MustOpen(t)
			mustCrawl(t, db, seeds, WithParallel(tc.parallel), WithPerHost(1), WithDelay(0), WithMaxPages(15),
				WithLogger(testLogger()))
			var logs [][]scrapertest.Request
			for _, s := range srvs {
				if n := maxOverlap(s.Requests()); n > 1 {
					t.Errorf("%s: %d requests at once, per-host 1", s.URL, n)
				}
				if len(s.Requests()) == 0 {
					t.Errorf("%s: never requested", s.URL)
				}
				logs = append(logs, s.Requests())
			}
			if got := maxOverlap(logs...); got != tc.parallel {
				t.Errorf("%d requests in flight at most across hosts, want %d", got, tc.parallel)
			}
		})
	}
}
