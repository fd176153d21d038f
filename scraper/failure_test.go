package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// wrappedSite serves a scrapertest site with some paths overridden, and
// logs the paths requested.
type wrappedSite struct {
	*httptest.Server
	site *scrapertest.Site
	mu   sync.Mutex
	over map[string]http.HandlerFunc
	log  []string
}

func newWrappedSite(tb testing.TB, opts ...scrapertest.Option) *wrappedSite {
	tb.Helper()
	w := &wrappedSite{site: scrapertest.NewSite(append([]scrapertest.Option{scrapertest.WithFaults(false)}, opts...)...),
		over: map[string]http.HandlerFunc{}}
	w.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.log = append(w.log, r.URL.RequestURI())
		h := w.over[r.URL.Path]
		w.mu.Unlock()
		if h != nil {
			h(rw, r)
			return
		}
		w.site.ServeHTTP(rw, r)
	}))
	tb.Cleanup(w.Server.Close)
	return w
}

// override serves path with h (nil: the site again).
func (w *wrappedSite) override(path string, h http.HandlerFunc) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if h == nil {
		delete(w.over, path)
	} else {
		w.over[path] = h
	}
}

// requests returns the paths requested since the last call.
func (w *wrappedSite) requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	l := w.log
	w.log = nil
	return l
}

func (w *wrappedSite) articles() []scrapertest.Expected { return w.site.Articles(w.URL) }

func status(code int) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) { http.Error(rw, http.StatusText(code), code) }
}

func frontierStates(tb testing.TB, db *corpus.DB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := db.ForEachFrontier(context.Background(), "", func(e corpus.FrontierEntry) error {
		out[e.URL] = e.State
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestRobotsUnavailableThenAvailable: a robots.txt that answers 503 is
// "disallow for now": nothing is fetched, the crawl fails naming the
// cause, no URL is skipped for good, and the next run, once robots.txt
// answers, crawls the site.
func TestRobotsUnavailableThenAvailable(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	w.override("/robots.txt", status(http.StatusServiceUnavailable))
	db := corpus.MustOpen(t)
	seeds := []string{w.URL + "/"}
	c, err := NewCrawler(db, fast()...)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := c.Run(context.Background(), seeds)
	var nse *NoSeedError
	host := strings.TrimPrefix(w.URL, "http://")
	want := "no seed could be fetched: " + host + ": robots.txt answered 503 Service Unavailable"
	if !errors.As(err, &nse) || err.Error() != want {
		t.Fatalf("first run: err %v, want %q", err, want)
	}
	if sum.Fetched != 0 || sum.Unreachable[host] == "" || sum.ErrorsByKind[corpus.ErrKindHTTP5xx] != 1 {
		t.Errorf("first run summary: %+v", sum)
	}
	for _, p := range w.requests() {
		if p != "/robots.txt" {
			t.Errorf("first run fetched %s while robots.txt was unavailable", p)
		}
	}
	for u, st := range frontierStates(t, db) {
		if st != corpus.StateQueued {
			t.Errorf("after the first run %s is %s, want queued", u, st)
		}
	}
	d, err := db.FrontierDetails(context.Background())
	if err != nil || len(d.Unreachable) != 1 || d.Unreachable[0].Host != w.URL || d.Unreachable[0].Status != 503 {
		t.Errorf("details: %+v %v", d, err)
	}

	w.override("/robots.txt", nil)
	sum = mustCrawl(t, db, seeds, fast()...)
	st := readCorpus(t, db)
	for _, a := range w.articles() {
		if st.articles[a.URL] == nil {
			t.Errorf("second run: article %s not captured", a.URL)
		}
	}
	if len(sum.Unreachable) != 0 {
		t.Errorf("second run: unreachable %v", sum.Unreachable)
	}
	if d, _ := db.FrontierDetails(context.Background()); len(d.Unreachable) != 0 {
		t.Errorf("second run: details still list %+v", d.Unreachable)
	}
}

// TestRobotsChangeRejudgesSkipped: URLs skipped because robots.txt
// disallowed them are judged again when robots.txt changes.
func TestRobotsChangeRejudgesSkipped(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	robots := func(body string) http.HandlerFunc {
		return func(rw http.ResponseWriter, r *http.Request) { fmt.Fprint(rw, body) }
	}
	w.override("/robots.txt", robots("User-agent: *\nDisallow: /2024/\n"))
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{w.URL + "/"}, fast(WithSitemaps(SitemapsOff))...)
	first := sum.Articles
	if sum.SkippedByReason[corpus.ErrKindRobots] == 0 {
		t.Fatalf("first run: skipped %v; want some skipped by robots.txt", sum.SkippedByReason)
	}
	// Unchanged robots.txt: nothing is judged again.
	sum = mustCrawl(t, db, nil, fast(WithSitemaps(SitemapsOff))...)
	if sum.Articles != 0 || sum.SkippedByReason[corpus.ErrKindRobots] != 0 {
		t.Fatalf("same robots.txt: %d articles, skipped %v", sum.Articles, sum.SkippedByReason)
	}
	w.override("/robots.txt", robots("User-agent: *\nDisallow: /private/\n"))
	mustCrawl(t, db, nil, fast(WithSitemaps(SitemapsOff))...)
	st := readCorpus(t, db)
	n := 0
	for _, a := range w.articles() {
		if st.articles[a.URL] != nil {
			n++
		}
	}
	if n <= first {
		t.Errorf("robots.txt now allows the articles: %d captured, %d before", n, first)
	}
	for u, s := range frontierStates(t, db) {
		if s == corpus.StateSkipped && strings.Contains(u, "/2024/") {
			if e, _ := db.FrontierEntry(context.Background(), u); e.Reason == corpus.ErrKindRobots {
				t.Errorf("%s still skipped by robots.txt", u)
			}
		}
	}
}

// TestResumeWithoutSeedsKeepsScope: a crawl stopped after its first page
// and resumed with no seeds knows the same URLs as one run straight
// through (the scope is stored with the crawl).
func TestResumeWithoutSeedsKeepsScope(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(30), scrapertest.WithFaults(false))
	seeds := []string{srv.URL + "/"}
	opts := func(extra ...Option) []Option { return fast(append([]Option{WithDepth(2)}, extra...)...) }

	straight := corpus.MustOpen(t)
	mustCrawl(t, straight, seeds, opts()...)
	want := frontierStates(t, straight)

	resumed := corpus.MustOpen(t)
	c, err := NewCrawler(resumed, opts(WithMaxPages(1))...)
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := c.Run(context.Background(), seeds); err != nil || !sum.Interrupted {
		t.Fatalf("first page: %+v %v", sum, err)
	}
	mustCrawl(t, resumed, nil, opts()...)
	got := frontierStates(t, resumed)
	if len(got) != len(want) {
		t.Errorf("resumed crawl knows %d URLs, the straight one %d", len(got), len(want))
	}
	for u := range want {
		if _, ok := got[u]; !ok {
			t.Errorf("resumed crawl does not know %s", u)
		}
	}
}

// TestDepthZeroOneArticle: --depth 0 on one article fetches robots.txt
// and that article, nothing else (no sitemap, no feed, no link).
func TestDepthZeroOneArticle(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	art := w.articles()[3]
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{art.URL}, fast(WithDepth(0))...)
	path := strings.TrimPrefix(art.URL, w.URL)
	got := w.requests()
	if len(got) != 2 || got[0] != "/robots.txt" || got[1] != path {
		t.Errorf("requests %q, want robots.txt and %s", got, path)
	}
	if sum.Fetched != 1 || sum.Articles != 1 {
		t.Errorf("summary %+v, want 1 fetched, 1 article", sum)
	}
}

// TestRecrawlDepthZeroLeavesQueue: --recrawl --depth 0 URL on a corpus
// with a queue fetches that URL only; the queue waits for a plain crawl.
func TestRecrawlDepthZeroLeavesQueue(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	db := corpus.MustOpen(t)
	c, err := NewCrawler(db, fast(WithMaxPages(3), WithParallel(1), WithPerHost(1))...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background(), []string{w.URL + "/"}); err != nil {
		t.Fatal(err)
	}
	before, _ := db.FrontierStats(context.Background())
	if before.Queued == 0 {
		t.Fatal("no queue left")
	}
	art := w.articles()[0]
	w.requests()
	sum := mustCrawl(t, db, []string{art.URL}, fast(WithDepth(0), WithRecrawl(true))...)
	path := strings.TrimPrefix(art.URL, w.URL)
	if got := w.requests(); len(got) != 2 || got[1] != path {
		t.Errorf("requests %q, want robots.txt and %s", got, path)
	}
	after, _ := db.FrontierStats(context.Background())
	if sum.Fetched != 1 || after.Queued < before.Queued-1 {
		t.Errorf("fetched %d (want 1); queued %d -> %d", sum.Fetched, before.Queued, after.Queued)
	}
	// A plain crawl then resumes the queue.
	mustCrawl(t, db, nil, fast()...)
	if st, _ := db.FrontierStats(context.Background()); st.Queued != 0 {
		t.Errorf("after the plain crawl: %d queued", st.Queued)
	}
}

// TestFinishedCrawlChecksHubs: a finished crawl run again fetches its
// hubs again, finds the articles published since, and does not fetch the
// articles it has.
func TestFinishedCrawlChecksHubs(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	arts := w.articles()
	var listed atomic.Int32
	listed.Store(3)
	w.override("/", func(rw http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString("<!doctype html><html><head><title>Front page</title></head><body><h1>Latest news</h1><ul>\n")
		for _, a := range arts[:listed.Load()] {
			fmt.Fprintf(&b, "<li><a href=%q>%s</a></li>\n", a.URL, a.Title)
		}
		b.WriteString("</ul></body></html>")
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(rw, b.String())
	})
	db := corpus.MustOpen(t)
	opts := fast(WithDepth(1), WithSitemaps(SitemapsOff))
	if sum := mustCrawl(t, db, []string{w.URL + "/"}, opts...); sum.Articles != 3 {
		t.Fatalf("first run: %d articles, want 3", sum.Articles)
	}
	listed.Store(5)
	w.requests()
	// The daily cron: the same command, or no seeds at all.
	for i, seeds := range [][]string{{w.URL + "/"}, nil} {
		sum := mustCrawl(t, db, seeds, opts...)
		got := w.requests()
		wantArts := 2
		if i == 1 {
			wantArts = 0
		}
		if sum.Articles != wantArts {
			t.Errorf("run %d: %d articles, want %d (requests %q)", i+2, sum.Articles, wantArts, got)
		}
		n := 0
		for _, p := range got {
			if p == "/" {
				n++
			}
			for _, a := range arts[:3] {
				if strings.HasSuffix(a.URL, p) && p != "/" {
					t.Errorf("run %d fetched %s again", i+2, p)
				}
			}
		}
		if n != 1 {
			t.Errorf("run %d fetched the front page %d times, want 1 (requests %q)", i+2, n, got)
		}
	}
}

// TestBigSitemap: a sitemap larger than --max-body is read whole (up to
// the sitemap limit), plain or gzipped, and what it lists is fetched.
func TestBigSitemap(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	arts := w.articles()[:5]
	var pad bytes.Buffer
	for i := 0; pad.Len() < 300<<10; i++ {
		fmt.Fprintf(&pad, "%x", i*2654435761)
	}
	var xml bytes.Buffer
	xml.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<!-- ")
	xml.Write(pad.Bytes())
	xml.WriteString(" -->\n")
	for _, a := range arts {
		fmt.Fprintf(&xml, "<url><loc>%s</loc></url>\n", a.URL)
	}
	xml.WriteString("</urlset>\n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(xml.Bytes())
	zw.Close()
	if gz.Len() < 100<<10 {
		t.Fatalf("gzipped sitemap only %d bytes", gz.Len())
	}
	w.override("/big-sitemap.xml", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "application/xml")
		rw.Write(xml.Bytes())
	})
	w.override("/big-sitemap.xml.gz", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "application/gzip")
		rw.Write(gz.Bytes())
	})
	for _, seed := range []string{"/big-sitemap.xml", "/big-sitemap.xml.gz"} {
		db := corpus.MustOpen(t)
		mustCrawl(t, db, []string{w.URL + seed}, fast(WithDepth(0), WithMaxBody(64<<10))...)
		st := readCorpus(t, db)
		for _, a := range arts {
			if st.articles[a.URL] == nil {
				t.Errorf("%s: article %s it lists not captured", seed, a.URL)
			}
		}
		for _, c := range st.captures {
			if strings.HasSuffix(c.URL, seed) && (c.Truncated || c.ErrorKind != "") {
				t.Errorf("%s: capture truncated %v, error %q", seed, c.Truncated, c.ErrorKind)
			}
		}
	}
}

// TestDepthZeroSitemapDaily: `crawl --depth 0 SITEMAP` run again fetches
// the sitemap again and only the entries new since.
func TestDepthZeroSitemapDaily(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	arts := w.articles()
	var listed atomic.Int32
	listed.Store(2)
	w.override("/daily-sitemap.xml", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(rw, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, a := range arts[:listed.Load()] {
			fmt.Fprintf(rw, "<url><loc>%s</loc></url>", a.URL)
		}
		fmt.Fprint(rw, "</urlset>")
	})
	db := corpus.MustOpen(t)
	seeds := []string{w.URL + "/daily-sitemap.xml"}
	if sum := mustCrawl(t, db, seeds, fast(WithDepth(0))...); sum.Articles != 2 {
		t.Fatalf("first run: %d articles, want 2", sum.Articles)
	}
	listed.Store(3)
	w.requests()
	sum := mustCrawl(t, db, seeds, fast(WithDepth(0))...)
	got := w.requests()
	want := []string{"/robots.txt", "/daily-sitemap.xml", strings.TrimPrefix(arts[2].URL, w.URL)}
	if sum.Articles != 1 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("second run: %d articles, requests %q; want 1 and %q", sum.Articles, got, want)
	}
}

// namedHosts returns a dialer that sends the names given to the test
// servers' addresses (no DNS, no network).
func namedHosts(names map[string]string) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		to, ok := names[host]
		if !ok {
			return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
		}
		var d net.Dialer
		return d.DialContext(ctx, network, to)
	}
}

// TestOnlySeedRedirectsWidenScope: a seed that redirects to another host
// brings that host into the scope; a URL listed by a sitemap that does
// the same is fetched where it leads, but the other host's links are not
// followed.
func TestOnlySeedRedirectsWidenScope(t *testing.T) {
	t.Parallel()
	other := newWrappedSite(t, scrapertest.WithArticles(20))
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	dial := namedHosts(map[string]string{"a.test": w.Listener.Addr().String(), "b.test": other.Listener.Addr().String()})
	moved := func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, "http://b.test/", http.StatusMovedPermanently)
	}
	w.override("/moved", moved)
	w.override("/listed", moved)
	w.override("/list.xml", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(rw, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
			`<url><loc>http://a.test/listed</loc></url></urlset>`)
	})
	opts := fast(WithDepth(1), WithSitemaps(SitemapsOff), WithDialContext(dial))

	db := corpus.MustOpen(t)
	mustCrawl(t, db, []string{"http://a.test/list.xml"}, opts...)
	got := other.requests()
	if !slices.Contains(got, "/") || len(got) > 2 {
		t.Errorf("listed URL redirected: the other host got %q; want robots.txt and / only", got)
	}

	db = corpus.MustOpen(t)
	mustCrawl(t, db, []string{"http://a.test/moved"}, opts...)
	if got := other.requests(); len(got) <= 2 {
		t.Errorf("seed redirected: the other host got %q; want its links followed", got)
	}
}

// TestSeedRedirectChainWidensScope: a seed whose redirects cross origins
// twice (http://old.example -> https://old.example -> https://new.example)
// brings the host it ends on into the scope, not only the first hop's:
// the links of the page it lands on are followed.
func TestSeedRedirectChainWidensScope(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, hop string
		follow    bool // the links of the host the chain ends on
	}{
		{"a hop on the seed's site", "news.a.test", true},
		{"two sites before it", "b.test", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWrappedSite(t, scrapertest.WithArticles(20))
			hop := newWrappedSite(t, scrapertest.WithArticles(20))
			final := newWrappedSite(t, scrapertest.WithArticles(20))
			dial := namedHosts(map[string]string{"a.test": w.Listener.Addr().String(),
				tc.hop: hop.Listener.Addr().String(), "c.test": final.Listener.Addr().String()})
			w.override("/moved", func(rw http.ResponseWriter, r *http.Request) {
				http.Redirect(rw, r, "http://"+tc.hop+"/moved-again", http.StatusMovedPermanently)
			})
			hop.override("/moved-again", func(rw http.ResponseWriter, r *http.Request) {
				http.Redirect(rw, r, "http://c.test/", http.StatusMovedPermanently)
			})
			db := corpus.MustOpen(t)
			mustCrawl(t, db, []string{"http://a.test/moved"}, fast(WithDepth(1), WithSitemaps(SitemapsOff), WithDialContext(dial))...)
			if got := final.requests(); (len(got) > 2) != tc.follow {
				t.Errorf("seed redirected via %s: the host it ends on got %q; want its links followed: %v", tc.hop, got, tc.follow)
			}
		})
	}
}

// TestSeedRedirectToDeadHost: a seed that redirects to a host that cannot
// be reached was not fetched: the crawl says no seed could be fetched,
// naming the host, as for a seed on that host.
func TestSeedRedirectToDeadHost(t *testing.T) {
	t.Parallel()
	w := newWrappedSite(t, scrapertest.WithArticles(20))
	dial := namedHosts(map[string]string{"a.test": w.Listener.Addr().String()})
	w.override("/moved", func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, "http://gone.test/", http.StatusMovedPermanently)
	})
	db := corpus.MustOpen(t)
	c, err := NewCrawler(db, fast(WithDepth(1), WithSitemaps(SitemapsOff), WithDialContext(dial))...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Run(context.Background(), []string{"http://a.test/moved"})
	var nse *NoSeedError
	if want := "no seed could be fetched: gone.test: no such host"; !errors.As(err, &nse) || err.Error() != want {
		t.Errorf("err %v, want %q", err, want)
	}
}

// TestRecrawlUnchangedIsNoCopy: a page fetched again unchanged, from a
// server that sends no ETag or Last-Modified (so a 200 with the same
// body, not a 304), is the same article under the same URL: the summary
// counts it as a revisit, not as "a copy of a stored article" (copies are
// pages under another URL).
func TestRecrawlUnchangedIsNoCopy(t *testing.T) {
	t.Parallel()
	para := strings.Repeat("The council met on Tuesday to discuss the harbour plan, which residents said would change the district. ", 20)
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(rw, `<html><head><title>Harbour plan</title><meta property="og:type" content="article"></head>`+
			`<body><article><h1>Harbour plan</h1><p>`+para+`</p><p>`+para+`</p></article></body></html>`)
	}))
	defer srv.Close()
	db := corpus.MustOpen(t)
	seeds := []string{srv.URL + "/2024/05/01/harbour-plan.html"}
	opts := fast(WithDepth(0), WithIgnoreRobots(true))
	if sum := mustCrawl(t, db, seeds, opts...); sum.Articles != 1 {
		t.Fatalf("first run: %+v, want 1 article", sum)
	}
	sum := mustCrawl(t, db, seeds, append(opts, WithRecrawl(true))...)
	if sum.Fetched != 1 || sum.Articles != 0 || sum.Duplicates != 0 || sum.Revisits != 1 {
		t.Errorf("recrawl of the unchanged page: fetched %d, articles %d, copies %d, revisits %d; want 1, 0, 0, 1",
			sum.Fetched, sum.Articles, sum.Duplicates, sum.Revisits)
	}
}
