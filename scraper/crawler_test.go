package scraper

import (
	"context"
	"log/slog"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/syncbuf"
	"github.com/archivist-project/archivist/scraper/scrapertest"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// fast are the options of tests that do not test politeness: no delay,
// short timeouts and backoff.
func fast(extra ...Option) []Option {
	return append([]Option{WithDelay(0), WithPerHost(4), WithParallel(8), WithTimeout(time.Second),
		WithBackoff(20 * time.Millisecond), WithRetries(2), WithLogger(testLogger())}, extra...)
}

func testLogger() *slog.Logger {
	if os.Getenv("CRAWL_DEBUG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return nil
}

// mustCrawl crawls seeds into db and fails the test on an error.
func mustCrawl(tb testing.TB, db Store, seeds []string, opts ...Option) Summary {
	tb.Helper()
	c, err := NewCrawler(db, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	sum, err := c.Run(context.Background(), seeds)
	if err != nil {
		tb.Fatalf("crawl: %v", err)
	}
	return sum
}

// corpusState is what a crawl left in the corpus, for comparisons.
type corpusState struct {
	articles map[string]*corpus.Article // by canonical or final URL
	urls     map[string][]string        // article key -> URLs it was seen under
	captures []*corpus.Capture
}

func readCorpus(tb testing.TB, db *corpus.DB) corpusState {
	tb.Helper()
	ctx := context.Background()
	st := corpusState{articles: map[string]*corpus.Article{}, urls: map[string][]string{}}
	err := db.Articles(ctx, corpus.ArticleFilter{}, func(a *corpus.Article) error {
		key := a.CanonicalURL
		if key == "" {
			key = a.URL
		}
		if _, dup := st.articles[key]; dup {
			tb.Errorf("two articles for %s", key)
		}
		st.articles[key] = a
		us, err := db.ArticleURLs(ctx, a.ID)
		st.urls[key] = us
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	err = db.ForEachCapture(ctx, corpus.CaptureFilter{}, func(c *corpus.Capture) error {
		st.captures = append(st.captures, c)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// capturesOf returns the captures whose requested URL has path p.
func (st corpusState) capturesOf(p string) []*corpus.Capture {
	var out []*corpus.Capture
	for _, c := range st.captures {
		if pathOf(c.RequestedURL) == p {
			out = append(out, c)
		}
	}
	return out
}

func pathOf(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return u
	}
	rest := u[i+3:]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return "/"
	}
	rest = rest[j:]
	if k := strings.IndexAny(rest, "?#"); k >= 0 {
		rest = rest[:k]
	}
	return rest
}

func TestCrawlFaultySite(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(40), scrapertest.WithSlowDelay(100*time.Millisecond))
	db := corpus.MustOpen(t)
	// --timeout bounds a whole hop, body included: 1s (fast) is too short
	// to read the huge pages' first MiBs with -race on a busy machine, and
	// so was 3s for their first 4 MiB at load 20 (the 30 MB page timed
	// out on all three tries). maxBody is 2 MiB: the huge pages are still
	// cut, and the bomb (about 1 MB on the wire) is still cut once
	// decompressed, for half the bytes read and decoded.
	const maxBody = 2 << 20
	var logs syncbuf.Buffer
	logs.OnWrite = func(line string) {
		if os.Getenv("CRAWL_DEBUG") != "" {
			os.Stderr.WriteString(line)
		}
	}
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	sum := mustCrawl(t, db, []string{srv.URL + "/"}, fast(WithMaxBody(maxBody), WithTimeout(3*time.Second), WithLogger(log))...)
	st := readCorpus(t, db)
	// Still, a loaded machine may time a hop out and the crawler retry
	// it, as it should: the requests of a page are one, and one more per
	// retry after a timeout, no other.
	timeouts := timedOut(logs.String())
	t.Logf("summary: %+v", sum)
	dumpErrors(t, st)

	// Robots: nothing disallowed was ever requested.
	if bad := srv.DisallowedRequests(); len(bad) > 0 {
		t.Errorf("requested disallowed paths: %v", bad[0].Path)
	}
	// Every article exactly once, under all its URLs, with the right title
	// (charsets decoded).
	want := srv.Articles()
	for _, e := range want {
		a := st.articles[e.URL]
		if a == nil {
			t.Errorf("article %s (%s, only=%q fault=%q) missing", e.URL, e.Charset, e.Only, e.Fault)
			continue
		}
		if a.Title != e.Title {
			t.Errorf("article %s (%s): title %q, want %q", e.URL, e.Charset, a.Title, e.Title)
		}
		if n, _ := urlnorm.Normalize(a.URL); n != e.URL {
			t.Errorf("article %s stored from %s, not from its canonical URL", e.URL, a.URL)
		}
		seen := map[string]bool{}
		for _, u := range st.urls[e.URL] {
			seen[u] = true
		}
		for _, alias := range append(append([]string{}, e.Aliases...), e.Redirects...) {
			n, err := urlnorm.Normalize(alias)
			if err != nil {
				t.Fatal(err)
			}
			if !seen[n] && srvLinks(srv, alias) {
				t.Errorf("article %s: URL %s not recorded (have %v)", e.URL, n, st.urls[e.URL])
			}
		}
	}
	if len(st.articles) != len(want) {
		var extra []string
		for k := range st.articles {
			extra = append(extra, k)
		}
		sort.Strings(extra)
		t.Errorf("%d articles, want %d: %v", len(st.articles), len(want), extra)
	}
	// The summary counts the articles stored, and the pages that were
	// copies of them (print and tracking variants) apart.
	if sum.Articles != len(st.articles) || sum.Duplicates == 0 {
		t.Errorf("summary: %d articles and %d copies, corpus %d articles; want the corpus's count and some copies",
			sum.Articles, sum.Duplicates, len(st.articles))
	}

	// Faults.
	checkCapture := func(p, kind string, wantCount int) {
		t.Helper()
		cs := st.capturesOf(p)
		if len(cs) != 1 {
			t.Errorf("%s: %d captures, want 1", p, len(cs))
			return
		}
		if cs[0].ErrorKind != kind {
			t.Errorf("%s: error kind %q (%s), want %q", p, cs[0].ErrorKind, cs[0].Error, kind)
		}
		if kind == corpus.ErrKindTooLarge {
			wantCount += timeouts[p] // never retried once too large
		}
		if n := srv.Count(p); wantCount > 0 && n != wantCount {
			t.Errorf("%s: %d requests, want %d", p, n, wantCount)
		}
	}
	checkCapture(scrapertest.PathServerError, corpus.ErrKindHTTP5xx, 3)
	checkCapture(scrapertest.PathHang, corpus.ErrKindTimeout, 3)
	checkCapture(scrapertest.PathReset, corpus.ErrKindConnection, 3)
	checkCapture(scrapertest.PathLoop, corpus.ErrKindRedirectLoop, 0)
	checkCapture(scrapertest.PathHuge30, corpus.ErrKindTooLarge, 1)
	checkCapture(scrapertest.PathHuge50, corpus.ErrKindTooLarge, 1)
	checkCapture(scrapertest.PathBomb, corpus.ErrKindTooLarge, 1)
	for _, p := range []string{scrapertest.PathHuge30, scrapertest.PathHuge50, scrapertest.PathBomb} {
		for _, c := range st.capturesOf(p) {
			if !c.Truncated || c.BodySize <= maxBody {
				t.Errorf("%s: truncated=%v size=%d", p, c.Truncated, c.BodySize)
			}
		}
	}
	for _, e := range want {
		if e.Fault == "" {
			continue
		}
		p := pathOf(e.URL)
		if st.articles[e.URL] == nil {
			t.Errorf("flaky article %s (%s) not captured", p, e.Fault)
		}
	}
	if c := st.capturesOf("/files/annual-report-2023.pdf"); len(c) != 1 || c[0].ContentType != "application/pdf" || c[0].SHA256 == "" {
		t.Errorf("pdf: %+v", c)
	} else if full, err := db.Capture(context.Background(), c[0].ID); err != nil || full.Body != nil {
		t.Errorf("pdf body kept without --keep-all: %v", err)
	}
	if c := st.capturesOf(scrapertest.PathSlow); len(c) != 1 || !c[0].OK() {
		t.Errorf("slow page: %+v", c)
	}
	// Traps cost a bounded number of requests: with depth 3 from the home
	// page, the endless calendar and pagination are cut after a few hops.
	for _, prefix := range []string{"/calendar/", "/archive/page/"} {
		n := 0
		for _, r := range srv.Requests() {
			if strings.HasPrefix(r.Path, prefix) {
				n++
			}
		}
		if n == 0 || n > 7 {
			t.Errorf("%s: %d requests, want 1 to 7", prefix, n)
		}
	}
	// Nothing fetched twice, but retries and the redirect loop's hops.
	counts := map[string]int{}
	for _, r := range srv.Requests() {
		counts[r.Path+"?"+r.RawQuery]++
	}
	for k, n := range counts {
		p := strings.TrimSuffix(k, "?")
		switch p {
		case scrapertest.PathServerError, scrapertest.PathHang, scrapertest.PathReset, "/loop/a", "/loop/b":
			continue
		}
		if n > 1+timeouts[p] && !flaky(want, p) {
			t.Errorf("%s requested %d times", k, n)
		}
	}
}

// srvLinks reports whether the site links to u anywhere (aliases that
// only exist for direct visits cannot be found by a crawl).
func srvLinks(_ *scrapertest.Server, _ string) bool { return true }

// retryTimeout is a crawl's debug line of a retry after a timeout.
var retryTimeout = regexp.MustCompile(`msg=retry url=(\S+) attempt=\d+ reason="timeout: `)

// timedOut returns, per path, how many retries after a timeout the
// crawl's debug log holds.
func timedOut(log string) map[string]int {
	out := map[string]int{}
	for _, m := range retryTimeout.FindAllStringSubmatch(log, -1) {
		out[pathOf(m[1])]++
	}
	return out
}

func flaky(want []scrapertest.Expected, p string) bool {
	for _, e := range want {
		if pathOf(e.URL) == p && e.Fault != "" {
			return true
		}
	}
	return false
}

func dumpErrors(tb testing.TB, st corpusState) {
	for _, c := range st.captures {
		if c.ErrorKind != "" {
			tb.Logf("error capture %s -> %s: %d %s %s", c.RequestedURL, c.URL, c.Status, c.ErrorKind, c.Error)
		}
	}
}

func TestKeepAll(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(24), scrapertest.WithFaults(false))
	tests := []struct {
		keepAll bool
		kept    bool
	}{{false, false}, {true, true}}
	for _, tc := range tests {
		db := corpus.MustOpen(t)
		mustCrawl(t, db, []string{srv.URL + "/files/annual-report-2023.pdf"},
			fast(WithDepth(0), WithKeepAll(tc.keepAll), WithExclude("sitemap"))...)
		cs := readCorpus(t, db).capturesOf("/files/annual-report-2023.pdf")
		if len(cs) != 1 {
			t.Fatalf("keep-all %v: %d captures", tc.keepAll, len(cs))
		}
		full, err := db.Capture(context.Background(), cs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if kept := full.Body != nil; kept != tc.kept || cs[0].BodySize == 0 {
			t.Errorf("keep-all %v: body kept %v (size %d)", tc.keepAll, kept, cs[0].BodySize)
		}
	}
}
