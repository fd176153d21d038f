package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// aliasSite serves one article under several URLs (a tracking copy, a
// short link, the canonical path), all linked from the front page, and
// records when each article URL was requested, on the watch's clock.
type aliasSite struct {
	*httptest.Server
	clock *fakeClock
	mu    sync.Mutex
	times []time.Time // requests of the article, any URL
	paths map[string]int
}

// aliasPaths are the URLs of the one article; the canonical one is last.
var aliasPaths = []string{"/news/budget?ref=homepage", "/story/17", "/news/budget"}

func newAliasSite(t testing.TB, clock *fakeClock) *aliasSite {
	s := &aliasSite{clock: clock, paths: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *aliasSite) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.URL.Path == "/" {
		var b strings.Builder
		for _, p := range aliasPaths {
			fmt.Fprintf(&b, "<li><a href=%q>Council approves budget</a></li>\n", p)
		}
		fmt.Fprintf(w, "<!doctype html><html><head><title>Daily Example</title></head><body><ul>%s</ul></body></html>", b.String())
		return
	}
	if r.URL.Path != "/news/budget" && r.URL.Path != "/story/17" {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	s.times = append(s.times, s.clock.Now())
	s.paths[r.URL.RequestURI()]++
	s.mu.Unlock()
	var body strings.Builder
	for i := range 8 {
		fmt.Fprintf(&body, "<p>Paragraph %d explains what the council decided, who voted for it and what it means for residents of the district.</p>\n", i)
	}
	fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Council approves budget | Daily Example</title>
<link rel="canonical" href="%s/news/budget">
<meta property="og:type" content="article">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves budget","datePublished":"2026-12-01T08:00:00Z"}</script>
</head><body><article><h1>Council approves budget</h1>%s</article></body></html>`, s.URL, body.String())
}

// between counts the article's requests in [from, to).
func (s *aliasSite) between(from, to time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, at := range s.times {
		if !at.Before(from) && at.Before(to) {
			n++
		}
	}
	return n
}

// TestWatchRevisitsAnArticleOnce: an article linked under three URLs is
// fetched under each once (the crawl cannot know they are one article
// before fetching them), then revisited once per --revisit step, at one
// URL; its other URLs stay recorded as its URLs.
func TestWatchRevisitsAnArticleOnce(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	site := newAliasSite(t, clock)
	db := filepath.Join(t.TempDir(), "archive.db")
	t0 := clock.Now()
	watchFor(t, db, clock, t0.Add(20*time.Second), nil, quickWatch("--revisit", "5s,10s"), site.URL+"/")
	site.mu.Lock()
	first := append([]time.Time(nil), site.times...)
	paths := fmt.Sprint(site.paths)
	site.mu.Unlock()
	sort.Slice(first, func(i, j int) bool { return first[i].Before(first[j]) })
	if len(first) == 0 {
		t.Fatal("the article was never fetched")
	}
	start := first[0]
	if n := site.between(start, start.Add(4*time.Second)); n > len(aliasPaths) {
		t.Errorf("first captures: %d requests, want at most %d (%s)", n, len(aliasPaths), paths)
	}
	for _, step := range []time.Duration{5 * time.Second, 10 * time.Second} {
		from := start.Add(step - time.Second)
		if n := site.between(from, from.Add(4*time.Second)); n != 1 {
			t.Errorf("revisit step +%v: %d requests of the article, want 1 (all: %s)", step, n, paths)
		}
	}
	c, err := corpus.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	id, err := c.FindArticle(context.Background(), site.URL+"/news/budget")
	if err != nil {
		t.Fatal(err)
	}
	urls, err := c.ArticleURLs(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range aliasPaths {
		if !slices.Contains(urls, site.URL+p) {
			t.Errorf("article URLs %v lack %s", urls, site.URL+p)
		}
	}
}
