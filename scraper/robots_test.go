package scraper

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/syncbuf"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// flakyRobots answers robots.txt with 503 the first n times (with the
// Retry-After of retryAfter[i] when set), then serves the site's own, and
// records when each request came.
type flakyRobots struct {
	mu         sync.Mutex
	n          int
	retryAfter map[int]string
	times      []time.Time
}

func (f *flakyRobots) handler(site http.Handler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		i := len(f.times)
		f.times = append(f.times, time.Now())
		ra := f.retryAfter[i]
		f.mu.Unlock()
		if i < f.n {
			if ra != "" {
				rw.Header().Set("Retry-After", ra)
			}
			status(http.StatusServiceUnavailable)(rw, r)
			return
		}
		site.ServeHTTP(rw, r)
	}
}

func (f *flakyRobots) requests() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.times...)
}

// checkCrawled fails the test unless every article of w was captured and
// the summary holds no error.
func checkCrawled(tb testing.TB, db *corpus.DB, w *wrappedSite, sum Summary) {
	tb.Helper()
	st := readCorpus(tb, db)
	for _, a := range w.articles() {
		if st.articles[a.URL] == nil {
			tb.Errorf("article %s not captured in the run", a.URL)
		}
	}
	if len(sum.Unreachable) != 0 || sum.ErrorsByKind[corpus.ErrKindHTTP5xx] != 0 {
		tb.Errorf("summary: unreachable %v, errors %v; want none once robots.txt answered",
			sum.Unreachable, sum.ErrorsByKind)
	}
}

// TestRobotsUnavailableRetriedInRun: robots.txt that answers 503 twice,
// then 200, is read again within the run, and the site is crawled in that
// run.
func TestRobotsUnavailableRetriedInRun(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(10))
	fr := &flakyRobots{n: 2}
	w.override("/robots.txt", fr.handler(w.site))
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{w.URL + "/"}, fast()...)
	if n := len(fr.requests()); n != 3 {
		t.Errorf("robots.txt read %d times, want 3", n)
	}
	checkCrawled(t, db, w, sum)
}

// TestRobotsRecheckedLaterInRun: a host whose robots.txt stays
// unavailable past the quick retries is set aside, not for the rest of the
// run: while another host keeps the crawl going, its robots.txt is read
// again after a backoff, honouring Retry-After, and once it answers the
// host is crawled in the same run. Its URLs stay queued meanwhile.
func TestRobotsRecheckedLaterInRun(t *testing.T) {
	t.Parallel()
	a := newWrappedSite(t, scrapertest.WithArticles(10))
	// The second 503 ends the quick retries (--retries 1) and asks for a
	// second; the third is checked again after a backoff.
	fr := &flakyRobots{n: 3, retryAfter: map[int]string{1: "1"}}
	a.override("/robots.txt", fr.handler(a.site))
	b := newWrappedSite(t, scrapertest.WithArticles(10), scrapertest.WithLatency(15*time.Millisecond))
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{a.URL + "/", b.URL + "/"}, fast(WithRetries(1), WithPerHost(1))...)
	t.Logf("crawl took %s, %d pages", sum.Duration, sum.Fetched)
	times := fr.requests()
	if len(times) != 4 {
		t.Fatalf("robots.txt of the flaky host read %d times, want 4", len(times))
	}
	if gap := times[2].Sub(times[1]); gap < time.Second {
		t.Errorf("robots.txt read again %s after a Retry-After of 1s", gap)
	}
	checkCrawled(t, db, a, sum)
	st := readCorpus(t, db)
	for _, c := range st.captures {
		if strings.HasPrefix(c.URL, a.URL) && c.FetchedAt.Before(times[len(times)-1]) {
			t.Errorf("%s fetched at %s, before robots.txt answered", c.URL, c.FetchedAt)
		}
	}
}

// TestRobotsRechecksBounded: a robots.txt that never answers is read a
// bounded number of times in a run, however long the crawl goes on, and
// its host's URLs stay queued for the next run.
func TestRobotsRechecksBounded(t *testing.T) {
	t.Parallel()
	a := newWrappedSite(t, scrapertest.WithArticles(10))
	fr := &flakyRobots{n: 1 << 30}
	a.override("/robots.txt", fr.handler(a.site))
	b := newWrappedSite(t, scrapertest.WithArticles(10), scrapertest.WithLatency(15*time.Millisecond))
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{a.URL + "/", b.URL + "/"},
		fast(WithRetries(1), WithPerHost(1), WithBackoff(2*time.Millisecond))...)
	if n, want := len(fr.requests()), 1+1+robotsRechecks; n != want {
		t.Errorf("robots.txt read %d times, want %d (the first, --retries 1, %d rechecks)", n, want, robotsRechecks)
	}
	host := strings.TrimPrefix(a.URL, "http://")
	if sum.Unreachable[host] == "" || sum.ErrorsByKind[corpus.ErrKindHTTP5xx] != 1 {
		t.Errorf("summary: unreachable %v, errors %v; want the host, one http_5xx", sum.Unreachable, sum.ErrorsByKind)
	}
	for u, st := range frontierStates(t, db) {
		if strings.HasPrefix(u, a.URL) && st != corpus.StateQueued {
			t.Errorf("%s is %s, want queued", u, st)
		}
	}
}

// TestLongCrawlDelayWarned: a robots.txt Crawl-delay of an hour is obeyed,
// so the crawl shows nothing fetched for an hour: a WARN line names the
// host and the delay, where it used to wait without a word.
func TestLongCrawlDelayWarned(t *testing.T) {
	for _, tc := range []struct {
		delay, want string // want: the delay the warning names, "" for none
	}{{"3600", "1h0m0s"}, {"60", "1m0s"}, {"0.5", ""}, {"59", ""}} {
		t.Run(tc.delay, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					fmt.Fprintf(w, "User-agent: *\nCrawl-delay: %s\n", tc.delay)
					return
				}
				fmt.Fprint(w, `<html><body><a href="/next">next</a></body></html>`)
			}))
			defer srv.Close()
			var logs syncbuf.Buffer
			c, err := NewCrawler(corpus.MustOpen(t), WithDelay(0), WithTimeout(5*time.Second), WithDepth(1),
				WithSitemaps(SitemapsOff), WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			c.Run(ctx, []string{srv.URL + "/"})
			got := logs.String()
			warned := strings.Contains(got, "Crawl-delay")
			if warned != (tc.want != "") || warned && !(strings.Contains(got, "level=WARN") &&
				strings.Contains(got, "crawl_delay="+tc.want) && strings.Contains(got, srv.URL)) {
				t.Errorf("Crawl-delay %s: want a warning naming %q (none when empty), got:\n%s", tc.delay, tc.want, got)
			}
		})
	}
}

// sharedCopyStore is a SQLite frontier that gives every host a copy of
// robots.txt another worker read (SharedRobots), as a PostgreSQL
// frontier does.
type sharedCopyStore struct {
	sqliteStore
	robots string
}

func (s sharedCopyStore) LoadRobots(ctx context.Context, host string, now time.Time) (corpus.RobotsCheck, []byte, time.Time, time.Time, error) {
	return corpus.RobotsCheck{Status: http.StatusOK}, []byte(s.robots), now.Add(time.Hour), time.Time{}, nil
}

func (s sharedCopyStore) StoreRobots(context.Context, string, corpus.RobotsCheck, []byte, time.Time, time.Time) error {
	return nil
}

// TestLongCrawlDelayWarnedFromSharedCopy: a worker that uses another
// worker's copy of robots.txt says it obeys a long Crawl-delay, as the
// worker that read the file does.
func TestLongCrawlDelayWarnedFromSharedCopy(t *testing.T) {
	var robotsReads atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsReads.Add(1)
		}
		fmt.Fprint(w, `<html><body><a href="/next">next</a></body></html>`)
	}))
	defer srv.Close()
	var logs syncbuf.Buffer
	s := sharedCopyStore{sqliteStore: sqliteStore{corpus.MustOpen(t)}, robots: "User-agent: *\nCrawl-delay: 3600\n"}
	c, err := New(s, s, WithDelay(0), WithTimeout(5*time.Second), WithDepth(1), WithSitemaps(SitemapsOff),
		WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	c.Run(ctx, []string{srv.URL + "/"})
	if got := logs.String(); robotsReads.Load() != 0 || !strings.Contains(got, "level=WARN") || !strings.Contains(got, "crawl_delay=1h0m0s") {
		t.Errorf("robots.txt read %d times (want 0: the shared copy); want a warning naming crawl_delay=1h0m0s, got:\n%s", robotsReads.Load(), got)
	}
}
