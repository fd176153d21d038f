package scraper

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/archivist-project/archivist/corpus"
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
