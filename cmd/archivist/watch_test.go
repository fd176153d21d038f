package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
)

// fakeClock is a watch's clock that the test moves: Sleep adds its wait
// at once and calls onSleep.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	onSleep func(now time.Time)
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	now := c.now
	c.mu.Unlock()
	if c.onSleep != nil {
		c.onSleep(now)
	}
	return ctx.Err()
}

// publishingSite is a news site on the watch's clock: a front page
// listing the articles published so far (one every period after the
// first three), and articles that answer conditional requests; edit
// changes one article's text. It records when (on the clock) each path
// was first requested and how often.
type publishingSite struct {
	*httptest.Server
	clock  *fakeClock
	start  time.Time
	period time.Duration

	mu       sync.Mutex
	edited   map[int]bool
	first    map[string]time.Time
	requests map[string]int
	times    map[string][]time.Time
	// notModified counts the 304 answers per path.
	notModified map[string]int
	// robotsCache, when set, is the Cache-Control of a robots.txt that
	// allows everything (without it, robots.txt is a 404).
	robotsCache string
}

func newPublishingSite(t testing.TB, clock *fakeClock, period time.Duration) *publishingSite {
	s := &publishingSite{clock: clock, start: clock.Now(), period: period, edited: map[int]bool{},
		first: map[string]time.Time{}, requests: map[string]int{},
		times: map[string][]time.Time{}, notModified: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// published is when article k appears on the front page.
func (s *publishingSite) published(k int) time.Time {
	if k < 3 {
		return s.start
	}
	return s.start.Add(time.Duration(k-2) * s.period)
}

// count is the number of articles published at now.
func (s *publishingSite) count(now time.Time) int {
	k := 0
	for !s.published(k).After(now) {
		k++
	}
	return k
}

func (s *publishingSite) edit(k int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.edited[k] = true
}

func (s *publishingSite) serve(w http.ResponseWriter, r *http.Request) {
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.first[r.URL.Path]; !ok {
		s.first[r.URL.Path] = now
	}
	s.requests[r.URL.Path]++
	s.times[r.URL.Path] = append(s.times[r.URL.Path], now)
	var page string
	switch k := 0; {
	case r.URL.Path == "/robots.txt" && s.robotsCache != "":
		w.Header().Set("Cache-Control", s.robotsCache)
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		return
	case r.URL.Path == "/":
		var b strings.Builder
		for i := s.count(now) - 1; i >= 0; i-- {
			fmt.Fprintf(&b, "<li><a href=\"/news/story-%d\">Story number %d</a></li>\n", i, i)
		}
		page = "<!doctype html><html><head><title>Daily Example</title></head><body><h1>Latest news</h1><ul>" + b.String() + "</ul></body></html>"
	case r.URL.Path == "/sitemap.xml":
		var b strings.Builder
		for i := range s.count(now) {
			fmt.Fprintf(&b, "<url><loc>%s/news/story-%d</loc></url>\n", s.URL, i)
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>`, b.String())
		return
	case sscan(r.URL.Path, &k) && k < s.count(now):
		page = s.article(k)
	default:
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(page)))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		s.notModified[r.URL.Path]++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, page)
}

func sscan(path string, k *int) bool {
	_, err := fmt.Sscanf(path, "/news/story-%d", k)
	return err == nil
}

// article is the page of article k (mu held).
func (s *publishingSite) article(k int) string {
	title := fmt.Sprintf("Council approves budget number %d", k)
	var body strings.Builder
	for i := range 8 {
		fmt.Fprintf(&body, "<p>Paragraph %d of story %d explains what the council decided, who voted for it and what it means for residents of the district.</p>\n", i, k)
	}
	if s.edited[k] {
		title += " after a long debate"
		body.WriteString("<p>Correction: an earlier version of this story gave the wrong date for the vote.</p>\n")
	}
	return fmt.Sprintf(`<!doctype html><html lang="en"><head><title>%s | Daily Example</title>
<meta property="og:type" content="article">
<script type="application/ld+json">{"@type":"NewsArticle","headline":%q,"datePublished":"2026-12-01T08:00:00Z"}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1>%s</article></body></html>`, title, title, title, body.String())
}

// requestsAfter returns the times path was requested after t.
func (s *publishingSite) requestsAfter(path string, t time.Time) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Time
	for _, at := range s.times[path] {
		if at.After(t) {
			out = append(out, at)
		}
	}
	return out
}

func (s *publishingSite) firstRequest(path string) (time.Time, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first[path], s.requests[path]
}

func quickWatch(flags ...string) watchOptions {
	o := watchOptions{crawl: quickCrawl(), MinInterval: time.Second, MaxInterval: time.Minute, Revisit: "5s,1m"}
	o.crawl.Delay = 0
	for i := 0; i+1 < len(flags); i += 2 {
		switch flags[i] {
		case "--revisit":
			o.Revisit = flags[i+1]
		}
	}
	return o
}

// watchFor runs a watch on db with clock until the clock reaches until.
// onSleep, when not nil, is called with the clock's time after each wait.
func watchFor(t *testing.T, db string, clock *fakeClock, until time.Time, onSleep func(time.Time), opts watchOptions, seeds ...string) string {
	t.Helper()
	e, out, errOut := crawlEnv(t, db)
	e.indexEvery = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock.onSleep = func(now time.Time) {
		if onSleep != nil {
			onSleep(now)
		}
		if !now.Before(until) {
			cancel()
		}
	}
	opts.clock = clock
	if err := runWatch(ctx, e, opts, seeds); err != nil {
		t.Fatalf("watch: %v\n%s", err, errOut)
	}
	return out.String()
}

// TestWatchCapturesNewAndEditedArticles: a site that publishes an article
// every 2.5 seconds and edits an old one. The watch captures each new
// article within one --min-interval of its publication and the edited one
// as a second version; the unchanged ones are fetched again (answered
// 304) without a new version. Stopped and started again, the watch goes
// on with its schedule: the next revisit step comes at its time.
func TestWatchCapturesNewAndEditedArticles(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	site := newPublishingSite(t, clock, 2500*time.Millisecond)
	db := filepath.Join(t.TempDir(), "archive.db")
	t0 := clock.Now()
	opts := quickWatch()

	// Story 1 is edited after its first capture, before its first
	// revisit at +5s: the revisit finds the change.
	edit := func(now time.Time) {
		if now.After(t0.Add(2 * time.Second)) {
			site.edit(1)
		}
	}
	out := watchFor(t, db, clock, t0.Add(20*time.Second), edit, opts, site.URL+"/")
	if !strings.Contains(out, "watch stopped: ") {
		t.Errorf("summary: %q", out)
	}
	n := site.count(t0.Add(20*time.Second - opts.MinInterval))
	if n < 9 {
		t.Fatalf("only %d articles published in 20s", n)
	}
	for k := range n {
		at, reqs := site.firstRequest(fmt.Sprintf("/news/story-%d", k))
		if reqs == 0 {
			t.Errorf("story %d (published +%v) never fetched", k, site.published(k).Sub(t0))
			continue
		}
		if lag := at.Sub(site.published(k)); lag > opts.MinInterval {
			t.Errorf("story %d captured %v after its publication, more than --min-interval %v", k, lag, opts.MinInterval)
		}
	}
	c, err := corpus.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	versions := func(k int) int {
		t.Helper()
		id, err := c.FindArticle(context.Background(), fmt.Sprintf("%s/news/story-%d", site.URL, k))
		if err != nil {
			t.Fatalf("story %d: %v", k, err)
		}
		vs, err := c.ArticleVersions(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return len(vs)
	}
	if v := versions(1); v != 2 {
		t.Errorf("edited story: %d versions, want 2", v)
	}
	if _, reqs := site.firstRequest("/news/story-0"); reqs != 2 {
		t.Errorf("story 0 fetched %d times in 20s, want 2 (first capture, revisit at +5s)", reqs)
	}
	if v := versions(0); v != 1 {
		t.Errorf("unchanged story: %d versions, want 1", v)
	}
	site.mu.Lock()
	if site.notModified["/news/story-0"] != 1 || site.notModified["/"] == 0 {
		t.Errorf("304 answers: %v, want the revisit of story 0 and the checks of the front page conditional", site.notModified)
	}
	site.mu.Unlock()
	hubNext := hubDue(t, c, site.URL+"/")
	c.Close()
	checkWatchStats(t, db, site.URL+"/", n)

	// Restart, with no URLs: the schedule goes on. The front page is
	// checked when it is due (not at once), and the 1m revisit of story 0
	// comes at its time.
	clock.mu.Lock()
	stopped := clock.now
	clock.now = clock.now.Add(100 * time.Millisecond)
	clock.mu.Unlock()
	watchFor(t, db, clock, t0.Add(70*time.Second), nil, opts)
	if got := site.requestsAfter("/news/story-0", stopped); len(got) != 1 || got[0].Before(t0.Add(time.Minute)) {
		t.Errorf("story 0 fetched at %v after the restart, want once, at +1m", got)
	}
	if got := site.requestsAfter("/", stopped); len(got) == 0 || got[0].Before(hubNext) {
		t.Errorf("front page fetched at %v after the restart, want from %v (when it was due) on", got, hubNext)
	}
}

// checkWatchStats: stats shows the articles found today on the site, the
// watch schedule and the hub, in text and in JSON.
func checkWatchStats(t *testing.T, db, hub string, found int) {
	t.Helper()
	out := mustRun(t, "stats", "--db", db)
	for _, want := range []string{"\narticles found per day (first capture, UTC)\n", "\nwatch      ", " hubs, next check ", "\n" + hub + " "} {
		if !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	var st struct {
		Watch corpus.WatchStats `json:"watch"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "stats", "--db", db, "--json")), &st); err != nil {
		t.Fatal(err)
	}
	ws := st.Watch
	if ws.Hubs < 1 || len(ws.Sites) != 1 || ws.Sites[0].FoundPerDay[0] < int64(found) {
		t.Fatalf("stats --json watch: %+v", ws)
	}
	for _, h := range ws.Sites[0].Hubs {
		if h.URL == hub && h.Checks >= 3 && !h.NextAt.IsZero() {
			return
		}
	}
	t.Errorf("stats --json watch: hub %s missing or never checked again: %+v", hub, ws)
}

// hubDue returns when hub is next due on the schedule.
func hubDue(t testing.TB, c *corpus.DB, hub string) time.Time {
	t.Helper()
	ws, err := c.WatchStats(context.Background(), time.Now(), 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ws.Sites {
		for _, h := range s.Hubs {
			if h.URL == hub {
				return h.NextAt
			}
		}
	}
	t.Fatalf("hub %s not scheduled: %+v", hub, ws)
	return time.Time{}
}

// TestWatchRevisitOff: with --revisit off, articles are fetched once.
func TestWatchRevisitOff(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	site := newPublishingSite(t, clock, 4*time.Second)
	db := filepath.Join(t.TempDir(), "archive.db")
	t0 := clock.Now()
	watchFor(t, db, clock, t0.Add(30*time.Second), nil, quickWatch("--revisit", "off"), site.URL+"/")
	for k := range site.count(t0.Add(29 * time.Second)) {
		if _, reqs := site.firstRequest(fmt.Sprintf("/news/story-%d", k)); reqs != 1 {
			t.Errorf("story %d fetched %d times, want 1", k, reqs)
		}
	}
	_, front := site.firstRequest("/")
	_, sitemap := site.firstRequest("/sitemap.xml")
	if front+sitemap < 10 {
		t.Errorf("hubs checked %d+%d times in 30s", front, sitemap)
	}
}

// TestWatchUsageErrors: bad schedule flags are usage errors naming what
// was typed, and leave no corpus behind.
func TestWatchUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--revisit", "1h,soon"}, `archivist: watch: bad --revisit "1h,soon": "soon" is not a positive duration`},
		{[]string{"--revisit", "1d,6h"}, `archivist: watch: bad --revisit "1d,6h": the times must increase`},
		{[]string{"--min-interval", "0s"}, "archivist: watch: bad --min-interval 0s: must be positive"},
		{[]string{"--min-interval", "1h", "--max-interval", "5m"}, "archivist: watch: bad --max-interval 5m0s: must not be shorter than --min-interval 1h0m0s"},
		{[]string{"--depth", "-1"}, "archivist: watch: bad --depth -1: must not be negative"},
		{[]string{"--max-pages", "3"}, "archivist: watch: flag provided but not defined: -max-pages"},
		{nil, "archivist: watch: no seed URLs"},
	} {
		args := append([]string{"watch", "--db", db}, tc.args...)
		if tc.args != nil {
			args = append(args, "http://x.test/")
		}
		code, out, errOut := runCLI(t, args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q: want exit 2 and a line starting %q", args, code, out, errOut, tc.want)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatalf("%q: created %s", args, db)
		}
	}
}

// TestWatchHoldsTheCrawlLease: a running watch holds the database's
// crawl lease (a crawl refuses, naming it); stopped while it sleeps, it
// returns at once, with no error, and gives the lease back.
func TestWatchHoldsTheCrawlLease(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	site := newPublishingSite(t, clock, time.Hour)
	db := filepath.Join(t.TempDir(), "archive.db")
	e, out, _ := crawlEnv(t, db)
	opts := quickWatch()
	opts.MinInterval = time.Hour // the wall clock: it sleeps after its first cycle
	opts.MaxInterval = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cycled := make(chan struct{})
	opts.afterCycle = func(int) { close(cycled) }
	done := make(chan error, 1)
	go func() { done <- runWatch(ctx, e, opts, []string{site.URL + "/"}) }()
	select {
	case <-cycled:
	case err := <-done:
		t.Fatalf("watch ended: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("no cycle in 20s")
	}
	code, _, errOut := runCLI(t, "crawl", "--db", db, "-q", site.URL+"/")
	if code != 1 || !strings.Contains(errOut, "another watch is running on this database: pid ") {
		t.Errorf("crawl during a watch: exit %d, %q", code, errOut)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stopped watch: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not stop in 10s")
	}
	if !strings.HasPrefix(out.String(), "watch stopped: 1 cycle, ") {
		t.Errorf("summary %q", out.String())
	}
	if code, _, errOut := runCLI(t, "crawl", "--db", db, "-q", "--no-index", site.URL+"/"); code != 0 {
		t.Errorf("crawl after the watch: exit %d, %s", code, errOut)
	}
}

// TestWatchAfterCrawl: watch with no URLs on a database that a crawl
// filled schedules the crawl's hubs and goes on from there: the articles
// published since are captured.
func TestWatchAfterCrawl(t *testing.T) {
	// The crawl records its fetches on the wall clock: start there.
	clock := &fakeClock{now: time.Now()}
	site := newPublishingSite(t, clock, 2*time.Second)
	db := filepath.Join(t.TempDir(), "archive.db")
	mustRun(t, "crawl", "--db", db, "--delay", "0s", "-q", "--no-index", site.URL+"/")
	if _, reqs := site.firstRequest("/news/story-3"); reqs != 0 {
		t.Fatal("story 3 fetched before it was published")
	}
	t0 := clock.Now()
	watchFor(t, db, clock, t0.Add(10*time.Second), nil, quickWatch())
	for k := range site.count(t0.Add(9 * time.Second)) {
		if _, reqs := site.firstRequest(fmt.Sprintf("/news/story-%d", k)); reqs == 0 {
			t.Errorf("story %d not fetched by the watch", k)
		}
	}
}

// TestWatchSitemapSeedFile: a watch at --depth 0 of a sitemap given in
// --seeds FILE checks the sitemap on its schedule and fetches the
// articles it lists as they appear (the first cycle alone reads the
// file).
func TestWatchSitemapSeedFile(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	site := newPublishingSite(t, clock, 3*time.Second)
	dir := t.TempDir()
	seeds := filepath.Join(dir, "seeds.txt")
	if err := os.WriteFile(seeds, []byte(site.URL+"/sitemap.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t0 := clock.Now()
	opts := quickWatch()
	opts.crawl.Depth, opts.crawl.Seeds = 0, seeds
	watchFor(t, filepath.Join(dir, "archive.db"), clock, t0.Add(15*time.Second), nil, opts)
	for k := range site.count(t0.Add(14 * time.Second)) {
		at, reqs := site.firstRequest(fmt.Sprintf("/news/story-%d", k))
		if reqs == 0 || at.Sub(site.published(k)) > opts.MinInterval {
			t.Errorf("story %d (published +%v): %d requests, the first at +%v", k, site.published(k).Sub(t0), reqs, at.Sub(t0))
		}
	}
	if _, reqs := site.firstRequest("/"); reqs != 0 {
		t.Errorf("the front page was fetched at --depth 0")
	}
}

// TestWatchSessionRunAndRobots: a watch records one crawl run for its
// session, whose summary adds up its cycles (as many pages as the corpus
// has captures), and reads robots.txt again only when its copy expires:
// after 24 hours without HTTP caching, after max-age with it.
func TestWatchSessionRunAndRobots(t *testing.T) {
	tests := []struct {
		name        string
		cache       string
		minRobots   int
		maxRobots   int
		robotsEvery time.Duration // shortest time between two reads
	}{
		{"no caching headers", "", 1, 1, 0},
		{"max-age=5", "max-age=5", 3, 5, 5 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
			site := newPublishingSite(t, clock, 2500*time.Millisecond)
			site.robotsCache = tc.cache
			db := filepath.Join(t.TempDir(), "archive.db")
			t0 := clock.Now()
			cycles := 0
			out := watchFor(t, db, clock, t0.Add(20*time.Second), func(time.Time) { cycles++ }, quickWatch(), site.URL+"/")
			reads := site.requestsAfter("/robots.txt", t0.Add(-time.Second))
			if len(reads) < tc.minRobots || len(reads) > tc.maxRobots || len(reads) >= cycles {
				t.Errorf("robots.txt read %d times in %d cycles, want %d to %d", len(reads), cycles, tc.minRobots, tc.maxRobots)
			}
			for i := 1; i < len(reads); i++ {
				if gap := reads[i].Sub(reads[i-1]); gap < tc.robotsEvery {
					t.Errorf("robots.txt read again after %v, kept for %v", gap, tc.robotsEvery)
				}
			}
			c, err := corpus.OpenReadOnly(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			runs, err := c.CrawlRuns(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			st, err := c.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) != 1 || runs[0].FinishedAt == "" {
				t.Fatalf("%d crawl runs (%+v), want one, finished", len(runs), runs)
			}
			var sum struct{ Fetched, Articles int64 }
			if err := json.Unmarshal([]byte(runs[0].Summary), &sum); err != nil {
				t.Fatal(err)
			}
			if sum.Fetched != st.Captures || sum.Articles < int64(site.count(t0)) {
				t.Errorf("run summary %s: want %d pages fetched (the captures), at least %d articles", runs[0].Summary, st.Captures, site.count(t0))
			}
			if want := fmt.Sprintf("%d pages fetched", sum.Fetched); !strings.Contains(out, want) {
				t.Errorf("watch summary %q, want %q", out, want)
			}
		})
	}
}

// TestWatchIndexFailureNamesWatch: a watch whose index updates fail says
// so under its own name when it stops, with the remedy.
func TestWatchIndexFailureNamesWatch(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	site := newPublishingSite(t, clock, 2500*time.Millisecond)
	e, _, _ := crawlEnv(t, filepath.Join(t.TempDir(), "archive.db"))
	e.indexOpener = func(string, ...index.Option) (indexUpdater, error) { return failingIndex{}, nil }
	e.indexEvery = 10 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	until := clock.Now().Add(5 * time.Second)
	clock.onSleep = func(now time.Time) {
		if !now.Before(until) {
			cancel()
		}
	}
	opts := quickWatch()
	opts.clock = clock
	err := runWatch(ctx, e, opts, []string{site.URL + "/"})
	var stderr bytes.Buffer
	if code := exitCode(e.explain(err), &stderr); code != 1 {
		t.Fatalf("exit %d (%v), want 1", code, err)
	}
	if msg := stderr.String(); !strings.Contains(msg, "watch: every page is saved") || !strings.Contains(msg, "run 'archivist index' to catch up") {
		t.Errorf("message %q", msg)
	}
}
