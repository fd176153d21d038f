package scraper

import (
	"context"
	"strings"

	"errors"
	"fmt"
	"golang.org/x/net/html"
	"net"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

func TestExtractLinks(t *testing.T) {
	tests := []struct {
		name      string
		page      string
		links     []string
		canonical string
		feeds     []string
		nofollow  bool
	}{
		{
			name: "anchors resolved, normalized and deduplicated",
			page: `<a href="/a?utm_source=x">A</a><a href="b#top">B</a><a href="/a">A again</a>
				<a href="javascript:void(0)">js</a><a href="mailto:x@y.z">mail</a><a href="#frag">same page</a>
				<area href="/map"><iframe src="/embed"></iframe><a href="HTTP://Example.COM:80/c/../d">D</a>`,
			links: []string{"http://example.com/a", "http://example.com/dir/b", "http://example.com/map",
				"http://example.com/embed", "http://example.com/d"},
		},
		{
			name:  "base href",
			page:  `<head><base href="/other/"></head><a href="x">X</a>`,
			links: []string{"http://example.com/other/x"},
		},
		{
			name:      "canonical, pagination and feeds",
			page:      `<link rel="canonical" href="/canon"><link rel="next" href="?page=2"><link rel="alternate" type="application/rss+xml" href="/feed.xml"><link rel="alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml"><link rel="alternate" hreflang="fr" href="/fr/">`,
			links:     []string{"http://example.com/dir/page?page=2"},
			canonical: "http://example.com/canon",
			feeds:     []string{"http://example.com/feed.xml", "http://example.com/atom.xml"},
		},
		{
			name:     "meta robots nofollow",
			page:     `<meta name="ROBOTS" content="noindex, nofollow"><a href="/a">A</a>`,
			links:    []string{"http://example.com/a"},
			nofollow: true,
		},
		{
			name: "feeds: first base only, alternate and a feed type only, no duplicates",
			page: `<base href="/one/"><base href="/two/"><link rel="Alternate" type="application/rss+xml" href="f">
				<link rel="alternate" type="application/feed+json" href="https://cdn.example.com/feed.json">
				<link rel="alternate" type="application/rss+xml" href="/one/f"><link rel="feed" type="application/rss+xml" href="/x">
				<link rel="alternate" type="text/html" href="/mobile/"><link rel="alternate" type="application/rss+xml">
				<a rel="alternate" type="application/rss+xml" href="/a">feed?</a><link rel="alternate" type="application/atom+xml" href="/broken"`,
			links: []string{"http://example.com/a"},
			feeds: []string{"http://example.com/one/f", "https://cdn.example.com/feed.json"},
		},
		{
			name: "script, style and noscript text is not markup; template and SVG content is",
			page: `<script>document.write('<a href="/s">s</a>')</script><style>a[href="/c"]{}</style>
				<noscript><a href="/n">n</a></noscript><template><a href="/t">t</a></template>
				<svg><a href="/svg">svg</a></svg><a href="/a">a</a>`,
			links: []string{"http://example.com/t", "http://example.com/svg", "http://example.com/a"},
		},
	}
	// The crawl's cache of resolved links, filled by every page at other
	// paths first, changes no page's links.
	cache := newResolveCache(resolveCacheSize)
	for _, tc := range tests {
		root, err := html.Parse(strings.NewReader(tc.page))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{"http://example.com/", "http://example.com/other/dir/x?q=1"} {
			linksOf(root, u, cache)
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			for how, got := range map[string]pageLinks{
				"tokenizer":  extractLinks([]byte(tc.page), "http://example.com/dir/page"),
				"tree":       linksOf(root, "http://example.com/dir/page", nil),
				"tree cache": linksOf(root, "http://example.com/dir/page", cache),
			} {
				t.Run(how, func(t *testing.T) { checkLinks(t, got, tc.links, tc.canonical, tc.feeds, tc.nofollow) })
			}
		})
	}
}

func checkLinks(t *testing.T, got pageLinks, links []string, canonical string, feeds []string, nofollow bool) {
	t.Helper()
	if fmt.Sprint(got.links) != fmt.Sprint(links) {
		t.Errorf("links = %v\nwant %v", got.links, links)
	}
	if got.canonical != canonical {
		t.Errorf("canonical = %q, want %q", got.canonical, canonical)
	}
	if fmt.Sprint(got.feeds) != fmt.Sprint(feeds) {
		t.Errorf("feeds = %v, want %v", got.feeds, feeds)
	}
	if got.nofollow != nofollow {
		t.Errorf("nofollow = %v, want %v", got.nofollow, nofollow)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"5", 5 * time.Second},
		{"-3", 0},
		{"Thu, 01 Jan 2026 12:00:30 GMT", 30 * time.Second},
		{"Thu, 01 Jan 2026 11:00:00 GMT", 0},
		{"999999", time.Hour},
		{"soon", 0},
	}
	for _, tc := range tests {
		h := http.Header{}
		if tc.value != "" {
			h.Set("Retry-After", tc.value)
		}
		if got := retryAfter(h, now); got != tc.want {
			t.Errorf("Retry-After %q: %s, want %s", tc.value, got, tc.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		err       error
		kind      string
		transient bool
		cause     string
	}{
		{fmt.Errorf("get: %w", ErrRedirectLoop), "redirect_loop", false, "redirect loop"},
		{fmt.Errorf("get: %w: back to http://a.test/loop/a", ErrRedirectLoop), "redirect_loop", false, "redirect loop"},
		{fmt.Errorf("get: %w", ErrTooManyRedirects), "redirect_loop", false, "too many redirects"},
		{fmt.Errorf("get: %w", context.DeadlineExceeded), "timeout", true, "timed out"},
		// A name that does not resolve may resolve later: retried.
		{&net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}, "dns", true, "no such host"},
		{fmt.Errorf("read: %w", syscall.ECONNRESET), "connection", true, "connection reset"},
		{fmt.Errorf("dial: %w", syscall.ECONNREFUSED), "connection", true, "connection refused"},
		{errors.New("something odd"), "other", true, "something odd"},
		// Responses that are not HTTP: retried, then failed as malformed.
		{errors.New(`net/http: HTTP/1.x transport connection broken: malformed HTTP status code "2x0"`), "malformed", true, `malformed HTTP status code "2x0"`},
		{errors.New("read body: invalid byte in chunk length"), "malformed", true, "invalid byte in chunk length"},
		{fmt.Errorf("read body: %w: gzip: invalid header", corpus.ErrEncoding), "malformed", true, "invalid header"},
	}
	for _, tc := range tests {
		kind, transient := classify(tc.err)
		if kind != tc.kind || transient != tc.transient {
			t.Errorf("classify(%v) = %s %v, want %s %v", tc.err, kind, transient, tc.kind, tc.transient)
		}
		if got := cause(tc.err); got != tc.cause {
			t.Errorf("cause(%v) = %q, want %q", tc.err, got, tc.cause)
		}
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	c := &Crawler{cfg: defaultConfig()}
	c.cfg.backoff = 100 * time.Millisecond
	for attempt := 1; attempt <= 4; attempt++ {
		full := c.cfg.backoff << (attempt - 1)
		for range 50 {
			if d := c.backoff(attempt); d < full/2 || d > full {
				t.Fatalf("backoff(%d) = %s, want within [%s, %s]", attempt, d, full/2, full)
			}
		}
	}
}

func TestScope(t *testing.T) {
	s := newScope([]string{"https://www.example.com/news/", "http://127.0.0.1:8080/"}, []string{"cdn.example.org", "https://Other.example.net/x"})
	s.add("https://moved.example.com/") // a seed redirected there
	tests := []struct {
		url  string
		want bool
	}{
		{"https://www.example.com/a", true},
		{"http://example.com/a", true},
		{"https://sport.example.com/a", false},
		{"http://127.0.0.1:9090/a", true},
		{"http://127.0.0.2/a", false},
		{"https://cdn.example.org/img", true},
		{"https://www.cdn.example.org/img", true},
		{"https://other.example.net/y", true},
		{"https://moved.example.com/z", true},
		{"https://elsewhere.test/", false},
	}
	for _, tc := range tests {
		if got := s.contains(tc.url); got != tc.want {
			t.Errorf("contains(%s) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

func TestSeenCacheIsBounded(t *testing.T) {
	s := newSeenCache(100)
	for i := range 1000 {
		u := fmt.Sprintf("http://a.test/%d", i)
		if !s.fresh(u, 2) {
			t.Fatalf("%s not fresh", u)
		}
		s.add(u, 2)
	}
	if n := len(s.cur) + len(s.older); n > 200 {
		t.Fatalf("cache holds %d URLs, bound 200", n)
	}
	last := "http://a.test/999"
	if s.fresh(last, 2) || s.fresh(last, 3) {
		t.Error("a URL just offered is fresh again")
	}
	if !s.fresh(last, 1) {
		t.Error("a URL offered at depth 2 is not fresh at depth 1")
	}
	if !s.fresh("http://a.test/0", 2) {
		t.Error("an evicted URL is not fresh (the frontier decides then)")
	}
}
