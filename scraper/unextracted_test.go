package scraper

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// TestUnextractablePageWarns crawls pages whose HTML cannot be extracted
// at all (markup nested too deeply, a page over the extractor's size):
// the capture is kept, and a warning names the page and why it gave no
// article (it was only a debug line: "0 errors", and nothing said why the
// page was missing from the articles).
func TestUnextractablePageWarns(t *testing.T) {
	para := "<p>" + strings.Repeat("The council voted on the harbour plan. ", 30) + "</p>"
	pages := map[string]string{
		"/":     `<html><body><a href="/deep">deep</a> <a href="/fine">fine</a></body></html>`,
		"/deep": "<html><body>" + strings.Repeat("<div>", 5000) + para + strings.Repeat("</div>", 5000) + "</body></html>",
		"/fine": "<html><head><title>Fine</title></head><body><article><h1>Fine</h1>" + para + para + "</article></body></html>",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	var logs bytes.Buffer
	c, err := NewCrawler(corpus.MustOpen(t), WithDelay(0), WithTimeout(5*time.Second), WithDepth(1), WithIgnoreRobots(true),
		WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background(), []string{srv.URL + "/"}); err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "level=WARN") && strings.Contains(l, "no article") {
			warned = append(warned, l)
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], srv.URL+"/deep") || !strings.Contains(warned[0], "nested too deeply") {
		t.Errorf("warnings %q, want one naming %s/deep and why:\n%s", warned, srv.URL, logs.String())
	}
}

// TestListingThatIsNoLongerOne: a URL known as a feed (advertised as one)
// that answers with something else (a site redesign: HTML, an empty body,
// garbage) gets a warning naming it; it used to pass in silence, a watch
// checking a dead feed for weeks without a word.
func TestListingThatIsNoLongerOne(t *testing.T) {
	for _, tc := range []struct{ name, ct, body string }{
		{"html", "text/html", "<html><body><h1>Our feed moved</h1></body></html>"},
		{"empty", "application/rss+xml", ""},
		{"garbage", "application/rss+xml", "\x00\x01garbage<<<<rss"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/":
					w.Header().Set("Content-Type", "text/html")
					fmt.Fprint(w, `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>front</body></html>`)
				case "/feed.xml":
					w.Header().Set("Content-Type", tc.ct)
					fmt.Fprint(w, tc.body)
				default:
					http.NotFound(w, r)
				}
			}))
			defer srv.Close()
			var logs bytes.Buffer
			c, err := NewCrawler(corpus.MustOpen(t), WithDelay(0), WithTimeout(5*time.Second), WithDepth(1), WithIgnoreRobots(true),
				WithSitemaps(SitemapsOff), WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Run(context.Background(), []string{srv.URL + "/"}); err != nil {
				t.Fatal(err)
			}
			if got := logs.String(); strings.Count(got, "level=WARN") != 1 || !strings.Contains(got, "not a feed") ||
				!strings.Contains(got, srv.URL+"/feed.xml") {
				t.Errorf("logs %q, want one warning naming the feed", got)
			}
		})
	}
}
