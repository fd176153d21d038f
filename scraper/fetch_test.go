package scraper

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

func TestEscapeQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"a=1&b=%C3%A9", "a=1&b=%C3%A9"},
		{"q=\xc3(", "q=%C3("},
		{"q=caf\xc3\xa9", "q=caf%C3%A9"},
		{"q=a b\"<>\x00\x7f", "q=a%20b%22%3C%3E%00%7F"},
		{"\xff", "%FF"},
	} {
		if got := escapeQuery(tc.in); got != tc.want {
			t.Errorf("escapeQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRedirectQueryEscaped: a Location whose query holds raw bytes (invalid
// UTF-8 here) is requested with them percent-encoded, and the capture's
// URL is valid UTF-8.
func TestRedirectQueryEscaped(t *testing.T) {
	var got []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.RequestURI)
		mu.Unlock()
		switch r.URL.Path {
		case "/moved":
			w.Header()["Location"] = []string{"/target?q=\xc3(&r=caf\xc3\xa9"}
			w.WriteHeader(http.StatusFound)
		case "/target":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<html><head><title>Target</title></head><body><p>here</p></body></html>")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	db := corpus.MustOpen(t)
	mustCrawl(t, db, []string{srv.URL + "/moved"}, fast(WithIgnoreRobots(true), WithDepth(0))...)
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(got, "/target?q=%C3(&r=caf%C3%A9") {
		t.Errorf("requests %q: want the target's query percent-encoded", got)
	}
	e, err := db.FrontierEntry(context.Background(), srv.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Capture(context.Background(), e.CaptureID)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(c.URL) || !strings.HasSuffix(c.URL, "/target?q=%C3(&r=caf%C3%A9") || c.Status != http.StatusOK {
		t.Errorf("capture %d %q, want 200 from the escaped target", c.Status, c.URL)
	}
}

// hijacked serves a raw response: the handler takes the connection and
// writes raw as it is, then closes it.
func hijacked(raw string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(err)
		}
		defer conn.Close()
		buf.WriteString(raw)
		buf.Flush()
	}
}

// TestBodyLongerThanContentLength: a server that sends more bytes than its
// Content-Length announces gets a capture cut at the announced length and
// flagged truncated, with the size that came.
func TestBodyLongerThanContentLength(t *testing.T) {
	t.Parallel()
	page := "<html><head><title>Long</title></head><body><p>announced</p></body></html>"
	extra := strings.Repeat("x", 40)
	raw := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s%s", len(page), page, extra)
	srv := httptest.NewServer(hijacked(raw))
	defer srv.Close()
	db := corpus.MustOpen(t)
	mustCrawl(t, db, []string{srv.URL + "/long"}, fast(WithIgnoreRobots(true), WithDepth(0))...)
	c := captureOf(t, db, srv.URL+"/long")
	if !c.Truncated || string(c.Body) != page || c.BodySize != int64(len(page)+len(extra)) {
		t.Errorf("capture truncated %v, body %q, size %d; want truncated, the announced body, size %d",
			c.Truncated, c.Body, c.BodySize, len(page)+len(extra))
	}

	// The same body with its true length is not flagged.
	srv2 := httptest.NewServer(hijacked(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(page), page)))
	defer srv2.Close()
	mustCrawl(t, db, []string{srv2.URL + "/exact"}, fast(WithIgnoreRobots(true), WithDepth(0))...)
	if c := captureOf(t, db, srv2.URL+"/exact"); c.Truncated || c.BodySize != int64(len(page)) {
		t.Errorf("exact body: truncated %v, size %d", c.Truncated, c.BodySize)
	}
}

// captureOf returns the capture that settled frontier URL u.
func captureOf(tb testing.TB, db *corpus.DB, u string) *corpus.Capture {
	tb.Helper()
	e, err := db.FrontierEntry(context.Background(), u)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := db.Capture(context.Background(), e.CaptureID)
	if err != nil {
		tb.Fatalf("capture of %s (%+v): %v", u, e, err)
	}
	return c
}

// TestMalformedResponse: a response net/http cannot parse is an error of
// its own kind, retried the usual number of times, then failed for good
// with a reason stats shows.
func TestMalformedResponse(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/bad", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		hijacked("garbage here\r\n\r\n")(w, r)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	db := corpus.MustOpen(t)
	u := srv.URL + "/bad"
	c, err := NewCrawler(db, fast(WithIgnoreRobots(true), WithDepth(0), WithRetries(2))...)
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := c.Run(context.Background(), []string{u})
	if n := hits.Load(); n != 3 {
		t.Errorf("%d requests, want 3 (the first and 2 retries)", n)
	}
	if sum.ErrorsByKind[corpus.ErrKindMalformed] != 1 {
		t.Errorf("errors by kind %v, want one %s", sum.ErrorsByKind, corpus.ErrKindMalformed)
	}
	e, err := db.FrontierEntry(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	if e.State != corpus.StateFailed || e.Reason != corpus.ErrKindMalformed {
		t.Errorf("frontier %s %q, want failed %q", e.State, e.Reason, corpus.ErrKindMalformed)
	}
	// A second run does not try it again.
	hits.Store(0)
	c, _ = NewCrawler(db, fast(WithIgnoreRobots(true), WithDepth(0), WithRetries(2))...)
	c.Run(context.Background(), nil)
	if n := hits.Load(); n != 0 {
		t.Errorf("second run: %d requests of a malformed URL", n)
	}
}

// TestMaxPagesCountsStored: --max-pages counts the fetches stored, as the
// summary does: retries do not use it up.
func TestMaxPagesCountsStored(t *testing.T) {
	t.Parallel()
	site := scrapertest.NewSite(scrapertest.WithArticles(30), scrapertest.WithFaults(false))
	var mu sync.Mutex
	seen := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := !seen[r.URL.Path]
		seen[r.URL.Path] = true
		mu.Unlock()
		if first && r.URL.Path != "/robots.txt" && r.URL.Path != "/" {
			status(http.StatusServiceUnavailable)(rw, r)
			return
		}
		site.ServeHTTP(rw, r)
	}))
	defer srv.Close()
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{srv.URL + "/"}, fast(WithMaxPages(8), WithSitemaps("off"))...)
	st := readCorpus(t, db)
	if sum.Fetched != 8 || len(st.captures) != 8 {
		t.Errorf("--max-pages 8: summary %d fetched, %d captures stored (%d retries); want 8 and 8",
			sum.Fetched, len(st.captures), sum.Retries)
	}
	if sum.Retries == 0 {
		t.Errorf("no retries: the test does not test what it should")
	}
}
