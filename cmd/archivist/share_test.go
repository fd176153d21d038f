package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/internal/pgtest"
	"github.com/archivist-project/archivist/scraper/scrapertest"
	"github.com/jackc/pgx/v5"
)

// TestCrawlWorkersShareHosts runs two `archivist crawl --store` workers on
// three fake sites (three hosts), the second started once the first is
// fetching: the first holds every host while alone, then gives one back
// (its share is ceil(3/2) = 2 hosts) and the second fetches it. Both
// fetch pages; on every site --per-host and --delay hold across the
// workers; every article is stored once; nothing is left queued.
func TestCrawlWorkersShareHosts(t *testing.T) {
	if testing.Short() {
		t.Skip("two crawls of some seconds")
	}
	var sites []*scrapertest.Server
	for _, ip := range []string{"127.0.0.1", "127.0.0.2", "127.0.0.3"} {
		sites = append(sites, scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(30),
			scrapertest.WithLatency(10*time.Millisecond), scrapertest.WithHost(ip)))
	}
	url := pgtest.Start(t).NewDatabase(t)
	const delay = 120 * time.Millisecond
	args := func(worker int, seeds ...string) []string {
		return append([]string{"crawl", "--store", url, "--per-host", "1", "--parallel", "4", "--delay", delay.String(),
			"--timeout", "5s", "--host-lease", "2s", "-q", "--user-agent", fmt.Sprintf("archivist-test/%d", worker)}, seeds...)
	}
	var seeds []string
	for _, s := range sites {
		seeds = append(seeds, s.URL+"/")
	}
	type result struct {
		out []byte
		err error
	}
	run := func(worker int, seeds ...string) chan result {
		ch := make(chan result, 1)
		go func() {
			out, err := archivistCmd(t, args(worker, seeds...)...).CombinedOutput()
			ch <- result{out, err}
		}()
		return ch
	}
	first := run(1, seeds...)
	// The second joins once the first fetches pages on every site.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		fetching := 0
		for _, s := range sites {
			if pageRequests(s.Requests())["archivist-test/1"] > 0 {
				fetching++
			}
		}
		if fetching == len(sites) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first worker did not start on every site")
		}
	}
	second := run(2)
	for i, ch := range []chan result{first, second} {
		select {
		case r := <-ch:
			if r.err != nil {
				t.Errorf("worker %d: %v\n%s", i+1, r.err, r.out)
			}
		case <-time.After(120 * time.Second):
			t.Fatalf("worker %d did not finish", i+1)
		}
	}

	got, fs := storeArticles(t, url)
	want := 0
	for _, s := range sites {
		for _, a := range s.Articles() {
			want++
			if !got[a.URL] {
				t.Errorf("article %s not stored", a.URL)
			}
		}
	}
	if len(got) != want || fs.Queued != 0 || fs.InFlight != 0 {
		t.Errorf("%d articles stored, want %d; frontier left %d queued, %d in flight", len(got), want, fs.Queued, fs.InFlight)
	}
	total := map[string]int{}
	var per []string
	for _, s := range sites {
		reqs := s.Requests()
		n := pageRequests(reqs)
		for ua, c := range n {
			total[ua] += c
		}
		per = append(per, fmt.Sprintf("%s: worker 1 %d, worker 2 %d", s.URL, n["archivist-test/1"], n["archivist-test/2"]))
		if m := maxPageOverlap(reqs); m > 1 {
			t.Errorf("%s: %d page requests in flight at once across the workers, want at most --per-host 1", s.URL, m)
		}
		// A worker keeps --delay itself (the scraper's politeness tests);
		// across workers, a worker starts on the host no sooner than
		// --delay after the request before it, from the other.
		var prev scrapertest.Request
		for _, r := range reqs {
			if r.Path == "/robots.txt" {
				continue
			}
			if prev.UserAgent != "" && r.UserAgent != prev.UserAgent {
				if gap := r.Start.Sub(prev.Start); gap < delay {
					t.Errorf("%s: %s started %s %s after %s started %s: want at least --delay %s",
						s.URL, r.UserAgent, r.Path, gap, prev.UserAgent, prev.Path, delay)
				}
			}
			prev = r
		}
		if bad := s.DisallowedRequests(); len(bad) > 0 {
			t.Errorf("%s: %d requests robots.txt disallows, such as %s", s.URL, len(bad), bad[0].Path)
		}
	}
	t.Logf("pages fetched: %s", strings.Join(per, "; "))
	for _, ua := range []string{"archivist-test/1", "archivist-test/2"} {
		if total[ua] == 0 {
			t.Errorf("%s fetched no page: hosts not shared out (%s)", ua, strings.Join(per, "; "))
		}
	}
}

// pageRequests counts the requests other than robots.txt in reqs, by
// User-Agent.
func pageRequests(reqs []scrapertest.Request) map[string]int {
	n := map[string]int{}
	for _, r := range reqs {
		if r.Path != "/robots.txt" {
			n[r.UserAgent]++
		}
	}
	return n
}

// TestJoinWithNewSeeds: a worker joins a running crawl with seeds of
// three new sites while the first worker crawls its own small site (the
// case review16b found). Every new site is crawled whole: the worker that
// takes a new site's host from the other (the share hands hosts over)
// reads the crawl's scope again and follows the site's links, where it
// dropped them all as off-site (3 of 25 articles stored); and the new
// sites beyond the joining worker's share are offered to the first
// worker, not left until the joiner finishes its others.
func TestJoinWithNewSeeds(t *testing.T) {
	var sites []*scrapertest.Server
	for i, ip := range []string{"127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"} {
		n := 25
		if i == 0 {
			n = 3
		}
		sites = append(sites, scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(n),
			scrapertest.WithLatency(10*time.Millisecond), scrapertest.WithHost(ip)))
	}
	url := pgtest.Start(t).NewDatabase(t)
	args := func(worker int, seeds ...string) []string {
		return append([]string{"crawl", "--store", url, "--per-host", "1", "--parallel", "4", "--delay", "150ms",
			"--timeout", "5s", "--host-lease", "2s", "-q", "--user-agent", fmt.Sprintf("archivist-test/%d", worker)}, seeds...)
	}
	workers := newWorkerRuns(t, args)
	workers.start(1, sites[0].URL+"/")
	waitUntil(t, "the first worker fetches nothing", func() bool { return pageRequests(sites[0].Requests())["archivist-test/1"] >= 2 })
	workers.start(2, sites[1].URL+"/", sites[2].URL+"/", sites[3].URL+"/")
	workers.wait()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for _, s := range sites[1:] {
		var articles int
		if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM articles WHERE url LIKE $1",
			s.URL+"/%").Scan(&articles); err != nil {
			t.Fatal(err)
		}
		if articles < 25 {
			t.Errorf("%s: %d articles stored, want its 25 (requests by worker: %v)", s.URL, articles, pageRequests(s.Requests()))
		}
	}
}

// linkingSites are two sites on two loopback addresses: x (a front page
// and pages /p/1../p/n, each linking to y's /extra/N, a page nothing on y
// links to) and y (a front page, one page of its own and the /extra/
// pages). x serves three of its pages, then holds the others until y's
// front page was served.
type linkingSites struct {
	x, y          *httptest.Server
	mu            sync.Mutex
	xPages        int
	extrasFetched map[string]bool
	yFront        chan struct{} // closed when y's front page is served
	yFrontOnce    sync.Once
}

func (s *linkingSites) counts() (xPages, extras int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.xPages, len(s.extrasFetched)
}

func newLinkingSites(t *testing.T, n int) *linkingSites {
	t.Helper()
	s := &linkingSites{extrasFetched: map[string]bool{}, yFront: make(chan struct{})}
	page := func(w http.ResponseWriter, title string, links ...string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><h1>%s</h1><p>A paragraph of text about %s.</p>", title, title, title)
		for _, l := range links {
			fmt.Fprintf(w, `<p><a href="%s">%s</a></p>`, l, l)
		}
		fmt.Fprint(w, "</body></html>")
	}
	listen := func(ip string, h http.HandlerFunc) *httptest.Server {
		l, err := net.Listen("tcp", ip+":0")
		if err != nil {
			t.Fatalf("listen on %s: %v", ip, err)
		}
		srv := httptest.NewUnstartedServer(h)
		srv.Listener.Close()
		srv.Listener = l
		srv.Start()
		t.Cleanup(srv.Close)
		return srv
	}
	s.y = listen("127.0.0.2", func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			s.yFrontOnce.Do(func() { close(s.yFront) })
			page(w, "Front page of y", "/own")
		case r.URL.Path == "/own":
			page(w, "A page of y")
		case strings.HasPrefix(r.URL.Path, "/extra/"):
			s.mu.Lock()
			s.extrasFetched[r.URL.Path] = true
			s.mu.Unlock()
			page(w, "Extra page "+r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	})
	s.x = listen("127.0.0.1", func(w http.ResponseWriter, r *http.Request) {
		var links []string
		switch {
		case r.URL.Path == "/":
			for i := 1; i <= n; i++ {
				links = append(links, fmt.Sprintf("/p/%d", i))
			}
		case strings.HasPrefix(r.URL.Path, "/p/"):
			links = append(links, s.y.URL+"/extra/"+strings.TrimPrefix(r.URL.Path, "/p/"))
			s.mu.Lock()
			early := s.xPages < 4 // the front page and three pages
			s.mu.Unlock()
			if !early {
				// The rest wait for the second worker's start, so that
				// most of x's links come after y joined the scope.
				select {
				case <-s.yFront:
				case <-time.After(20 * time.Second):
				}
			}
		default:
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		s.xPages++
		s.mu.Unlock()
		page(w, "Page "+r.URL.Path+" of x", links...)
	})
	return s
}

// TestJoinedSiteLinkedFrom: a worker crawls site x, whose every page
// links to a page of site y that only x links to; a second worker joins
// the crawl with y's front page as its seed. Within a count of the
// workers' shares the first worker sees the stored scope grow, reads it
// again and follows the links into y from the pages it fetches after:
// those pages of y are crawled (before, the first worker dropped every
// link into y as off-site, since y was not in the scope it loaded).
func TestJoinedSiteLinkedFrom(t *testing.T) {
	if testing.Short() {
		t.Skip("two crawls of some seconds")
	}
	const n = 30
	sites := newLinkingSites(t, n)
	url := pgtest.Start(t).NewDatabase(t)
	args := func(worker int, seeds ...string) []string {
		return append([]string{"crawl", "--store", url, "--depth", "3", "--per-host", "1", "--parallel", "4",
			"--delay", "250ms", "--timeout", "5s", "--host-lease", "2s", "-q",
			"--user-agent", fmt.Sprintf("archivist-test/%d", worker)}, seeds...)
	}
	workers := newWorkerRuns(t, args)
	workers.start(1, sites.x.URL+"/")
	waitUntil(t, "the first worker fetches nothing", func() bool { xPages, _ := sites.counts(); return xPages >= 3 })
	workers.start(2, sites.y.URL+"/")
	workers.wait()
	// x takes about 8 s at 250 ms a page; the scope is counted every 2 s.
	if xPages, extras := sites.counts(); extras < n/3 {
		t.Errorf("%d of x's %d links into y followed (x served %d pages); want at least %d", extras, n, xPages, n/3)
	}
}

// workerRuns runs `archivist crawl` workers in the background, each with
// args(worker, seeds...), and waits for them.
type workerRuns struct {
	t       *testing.T
	args    func(worker int, seeds ...string) []string
	done    chan error
	started int
}

func newWorkerRuns(t *testing.T, args func(worker int, seeds ...string) []string) *workerRuns {
	return &workerRuns{t: t, args: args, done: make(chan error, 8)}
}

// start starts worker with seeds.
func (w *workerRuns) start(worker int, seeds ...string) {
	w.started++
	go func() {
		out, err := archivistCmd(w.t, w.args(worker, seeds...)...).CombinedOutput()
		if err != nil {
			err = fmt.Errorf("worker %d: %w\n%s", worker, err, out)
		}
		w.done <- err
	}()
}

// wait waits for every worker started, failing the test on an error or
// a worker that runs for more than 3 minutes.
func (w *workerRuns) wait() {
	w.t.Helper()
	for range w.started {
		select {
		case err := <-w.done:
			if err != nil {
				w.t.Fatal(err)
			}
		case <-time.After(3 * time.Minute):
			w.t.Fatal("a worker did not finish")
		}
	}
}

// waitUntil polls cond for up to 30 seconds, failing with msg if it never
// holds.
func waitUntil(t *testing.T, msg string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(msg)
		}
	}
}
