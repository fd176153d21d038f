package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// noticeSite is a small news site, written for TestCrawlNoticePages,
// whose front page links three stories and the pages a real site serves
// besides: a page gone missing that answers 200 with the site's "Page not
// found" template (a soft 404), a login page, a search that found
// nothing, and pages that answer 404, 410, 500 and 503. Every other
// link leads to the front page, so that the failed URLs are these.
type noticeSite struct{}

var noticeStories = []string{"/2024/05/02/harbour-wall.html", "/2024/05/03/new-ferry.html", "/2024/05/04/library-hours.html"}

// noticeLinks are the front page's links to pages that are not stories,
// with the status each answers.
var noticeLinks = map[string]int{
	"/2024/04/30/old-story.html":  http.StatusOK, // soft 404
	"/account/login":              http.StatusOK,
	"/search?q=zebra+crossing":    http.StatusOK,
	"/2024/04/29/removed.html":    http.StatusNotFound,
	"/2024/04/28/withdrawn.html":  http.StatusGone,
	"/2024/04/27/broken.html":     http.StatusInternalServerError,
	"/2024/04/26/also-gone.html":  http.StatusNotFound,
	"/2024/04/25/server-down.php": http.StatusServiceUnavailable,
}

func (noticeSite) frame(w http.ResponseWriter, status int, title, main string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | The Coast Courier</title></head><body>
<header><a href="/">The Coast Courier</a><nav><ul><li><a href="/">Latest</a></li></ul></nav>
<form action="/search"><input type="search" name="q"><button>Search</button></form></header>
<main>%s</main>
<footer><p>The Coast Courier, 4 Quay Street. <a href="/">Home</a></p></footer></body></html>`, title, main)
}

func (s noticeSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	u := r.URL.RequestURI()
	switch {
	case u == "/":
		var b strings.Builder
		b.WriteString("<h1>Latest news</h1><ul>")
		for i, p := range noticeStories {
			fmt.Fprintf(&b, `<li><a href="%s">Story %d</a></li>`, p, i+1)
		}
		for p := range noticeLinks {
			fmt.Fprintf(&b, `<li><a href="%s">More</a></li>`, p)
		}
		b.WriteString("</ul>")
		s.frame(w, http.StatusOK, "Latest news", b.String())
	case noticeLinks[u] == http.StatusOK && strings.HasPrefix(u, "/account/"):
		s.frame(w, http.StatusOK, "Log in", `<h1>Log in to your account</h1><form method="post" action="/account/login">
<label>Email <input type="email" name="email"></label><label>Password <input type="password" name="password"></label>
<button>Log in</button></form><p>Forgot your password? Write to us. New here? <a href="/">Read the latest news</a>.</p>`)
	case noticeLinks[u] == http.StatusOK && strings.HasPrefix(u, "/search"):
		s.frame(w, http.StatusOK, "Search results", `<h1>Search results</h1><p>Sorry, no results were found for zebra crossing. Try other words.</p>`)
	case noticeLinks[u] != 0:
		// The soft 404 and the real errors share the site's template.
		s.frame(w, noticeLinks[u], "Page not found", `<h1>Page not found</h1><p>Sorry, the page you are looking for does not exist or has moved. Try a search or go back to the <a href="/">home page</a>.</p>
<h2>Most read</h2><ul><li><a href="`+noticeStories[0]+`">The harbour wall</a></li><li><a href="`+noticeStories[1]+`">The new ferry</a></li></ul>`)
	default:
		for i, p := range noticeStories {
			if p == u {
				var b strings.Builder
				fmt.Fprintf(&b, `<article><h1>Story %d</h1><p class="byline">By Ada Lovell, %d May 2024</p>`, i+1, i+2)
				for k := range 5 {
					b.WriteString("<p>" + teaserSentences[(i+k)%len(teaserSentences)] + " " + teaserSentences[(i+k+5)%len(teaserSentences)] + "</p>")
				}
				b.WriteString("</article>")
				s.frame(w, http.StatusOK, fmt.Sprintf("Story %d", i+1), b.String())
				return
			}
		}
		http.NotFound(w, r)
	}
}

// TestCrawlNoticePages: a crawl stores none of a site's notice pages as
// an article: a soft 404 (status 200, "Page not found"), a login page and
// a search that found nothing are typed other (stored only when
// --keep-types names other); pages that answer 404, 410, 500 or 503 are
// never extracted, stored or counted as articles, and the crawl reports
// them as failed fetches.
func TestCrawlNoticePages(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a fake site")
	}
	srv := httptest.NewServer(noticeSite{})
	defer srv.Close()
	var summary string
	crawl := func(keep string) (map[string]string, string) {
		db := filepath.Join(t.TempDir(), "archive.db")
		args := []string{"crawl", "--db", db, srv.URL + "/", "--delay", "0s", "--per-host", "4", "--depth", "2",
			"--no-index", "-q", "--timeout", "5s", "--retries", "0"}
		if keep != "" {
			args = append(args, "--keep-types", keep)
		}
		summary = mustRun(t, args...)
		got := map[string]string{}
		if out := strings.TrimSpace(mustRun(t, "export", "--db", db)); out != "" {
			for _, l := range strings.Split(out, "\n") {
				var a corpus.Article
				if err := json.Unmarshal([]byte(l), &a); err != nil {
					t.Fatalf("export: %v", err)
				}
				got[strings.TrimPrefix(a.URL, srv.URL)] = a.PageType
			}
		}
		return got, mustRun(t, "stats", "--json", "--db", db)
	}
	got, _ := crawl("")
	for _, p := range noticeStories {
		if got[p] != corpus.PageTypeArticle {
			t.Errorf("story %s stored as %q", p, got[p])
		}
	}
	if len(got) != len(noticeStories) {
		t.Errorf("default crawl stored %d pages, want the %d stories: %v", len(got), len(noticeStories), got)
	}
	// The summary says what was left out, by type, so that soft 404s do
	// not vanish without a trace.
	notices := 0
	for _, status := range noticeLinks {
		if status == http.StatusOK {
			notices++
		}
	}
	// (The front page, a seed, is left out as well, typed by its few links.)
	var others int
	_, line, _ := strings.Cut(summary, "not stored as articles, by page type: ")
	if _, n, ok := strings.Cut(line, "other "); ok {
		fmt.Sscan(n, &others)
	}
	if others < notices {
		t.Errorf("crawl summary counts %d pages typed other, want the %d notice pages at least:\n%s", others, notices, summary)
	}
	got, stats := crawl(strings.Join(corpus.PageTypes, ","))
	for p, status := range noticeLinks {
		switch typ, ok := got[p]; {
		case status == http.StatusOK && typ != corpus.PageTypeOther:
			t.Errorf("%s (status 200, a notice) stored as %q, want other", p, typ)
		case status != http.StatusOK && ok:
			t.Errorf("%s (status %d) stored as %q", p, status, typ)
		}
	}
	var st struct {
		Frontier struct {
			Failed int `json:"failed"`
		} `json:"frontier"`
	}
	if err := json.Unmarshal([]byte(stats), &st); err != nil {
		t.Fatalf("stats --json: %v", err)
	}
	if want := len(noticeLinks) - 3; st.Frontier.Failed != want {
		t.Errorf("%d URLs failed, want %d (404, 410, 500, 503):\n%s", st.Frontier.Failed, want, stats)
	}
}
