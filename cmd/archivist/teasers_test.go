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

// teaserSite is a small news site, written for TestCrawlTeaserPages, whose
// section fronts, numbered section pages, tag pages (with pages of their
// own), author pages and a weekly digest (at a story's URL, declared an
// article) carry teasers of two or three full sentences each: the
// listings that look most like articles. Each listing uses
// other markup (cards with class names, bare list items, divs with no
// class at all, with and without dates), so that no one markup decides.
type teaserSite struct {
	stories []teaserStory
}

type teaserStory struct {
	path, title, author, tag, section string
	paras                             []string
	day                               int
}

var teaserSentences = []string{
	"The harbour board met on Tuesday evening to hear the engineers' report on the sea wall.",
	"Residents of the lower town have waited three winters for the repairs to begin.",
	"The council said the first phase would cost less than the estimate published in spring.",
	"Fishermen asked that the work stop during the herring season, when the quay is busiest.",
	"A spokesperson for the contractor said the crews would work in two shifts from March.",
	"The library will stay open late on Thursdays while the reading room is rebuilt.",
	"Volunteers collected more than four hundred signatures for the petition in a week.",
	"The new timetable adds an early bus from the railway station to the hospital.",
	"Teachers at the secondary school welcomed the decision but asked for more detail.",
	"The market hall reopens in May with twelve new stalls and a covered seating area.",
	"Police closed the coast road for two hours after a lorry shed its load near the bridge.",
	"The football club's youth teams will train on the school pitches until the autumn.",
}

func newTeaserSite() *teaserSite {
	s := &teaserSite{}
	sections := []string{"harbour", "schools"}
	tags := []string{"sea-wall", "transport", "council"}
	authors := []string{"ada-lovell", "ben-okafor"}
	for i := range 24 {
		st := teaserStory{
			title:   fmt.Sprintf("Story %d: %s", i+1, strings.TrimSuffix(teaserSentences[i%len(teaserSentences)], ".")),
			author:  authors[i%len(authors)],
			tag:     tags[i%len(tags)],
			section: sections[i%len(sections)],
			day:     1 + i%27,
		}
		st.path = fmt.Sprintf("/2024/05/%02d/story-%d-%s.html", st.day, i+1, st.section)
		for p := range 6 {
			var b strings.Builder
			for k := range 3 {
				b.WriteString(teaserSentences[(i+p*3+k)%len(teaserSentences)] + " ")
			}
			st.paras = append(st.paras, strings.TrimSpace(b.String()))
		}
		s.stories = append(s.stories, st)
	}
	return s
}

// teaser is a story's summary on a listing: two or three sentences.
func (st teaserStory) teaser() string {
	return st.paras[0][:strings.LastIndex(st.paras[0][:len(st.paras[0])-1], ".")+1]
}

func (s *teaserSite) frame(w http.ResponseWriter, title, head, main string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | The Coast Courier</title>%s</head><body>
<header><a href="/">The Coast Courier</a><nav><ul><li><a href="/harbour/">Harbour</a></li><li><a href="/schools/">Schools</a></li><li><a href="/tag/transport/">Transport</a></li><li><a href="`+digestPath+`">The week</a></li></ul></nav></header>
<main>%s</main>
<footer><p>The Coast Courier, 4 Quay Street. <a href="/about/">About us</a></p></footer></body></html>`, title, head, main)
}

// digestPath is the week's digest: the week's stories as teasers at a
// URL shaped like a story's, declared an article by its metadata, as
// some templates declare every page.
const digestPath = "/2024/05/31/the-week-on-the-coast-in-eight-stories.html"

// listing writes the teasers of stories in the markup style given.
func listing(b *strings.Builder, stories []teaserStory, style int) {
	switch style % 3 {
	case 0: // cards with class names and dates
		for _, st := range stories {
			fmt.Fprintf(b, `<article class="story-card"><h3><a href="%s">%s</a></h3><time datetime="2024-05-%02dT08:00:00Z">%d May 2024</time><p>%s</p></article>`,
				st.path, st.title, st.day, st.day, st.teaser())
		}
	case 1: // a bare list, no class names, no dates
		b.WriteString("<ul>")
		for _, st := range stories {
			fmt.Fprintf(b, `<li><h2><a href="%s">%s</a></h2><p>%s</p></li>`, st.path, st.title, st.teaser())
		}
		b.WriteString("</ul>")
	default: // plain divs, the date in the text
		for _, st := range stories {
			fmt.Fprintf(b, `<div><h2><a href="%s">%s</a></h2><p>%d May 2024. %s <a href="%s">Read more</a></p></div>`,
				st.path, st.title, st.day, st.teaser(), st.path)
		}
	}
}

// paged serves page n (from 1) of stories, five to a page, with links to
// the other pages made by href.
func (s *teaserSite) paged(w http.ResponseWriter, r *http.Request, title string, stories []teaserStory, n, style int, href func(int) string) {
	const per = 5
	if n < 1 || (n-1)*per >= len(stories) {
		http.NotFound(w, r)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<h1>%s</h1>", title)
	listing(&b, stories[(n-1)*per:min(n*per, len(stories))], style+n)
	b.WriteString(`<nav class="pages">`)
	for i := 1; (i-1)*per < len(stories); i++ {
		fmt.Fprintf(&b, `<a href="%s">%d</a> `, href(i), i)
	}
	b.WriteString("</nav>")
	s.frame(w, title, "", b.String())
}

func (s *teaserSite) filter(keep func(teaserStory) bool) []teaserStory {
	var out []teaserStory
	for _, st := range s.stories {
		if keep(st) {
			out = append(out, st)
		}
	}
	return out
}

func (s *teaserSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	n := 1
	if v := r.URL.Query().Get("page"); v != "" {
		if _, err := fmt.Sscanf(v, "%d", &n); err != nil {
			http.NotFound(w, r)
			return
		}
	}
	parts := strings.Split(strings.Trim(p, "/"), "/")
	switch {
	case p == "/":
		var b strings.Builder
		b.WriteString("<h1>Latest news</h1>")
		listing(&b, s.stories[:10], 0)
		s.frame(w, "Latest news", `<meta property="og:type" content="website">`, b.String())
	case p == digestPath:
		var b strings.Builder
		b.WriteString("<h1>The week on the coast in eight stories</h1>")
		listing(&b, s.stories[:8], 0)
		s.frame(w, "The week on the coast", `<meta property="og:type" content="article"><meta property="article:published_time" content="2024-05-31T08:00:00Z">`, b.String())
	case p == "/harbour/" || p == "/schools/":
		sec := parts[0]
		s.paged(w, r, "Section: "+sec, s.filter(func(st teaserStory) bool { return st.section == sec }), n, 0,
			func(i int) string { return fmt.Sprintf("/%s/?page=%d", sec, i) })
	case len(parts) >= 2 && parts[0] == "tag" && strings.HasSuffix(p, "/"):
		tag := parts[1]
		if len(parts) == 4 && parts[2] == "page" {
			fmt.Sscanf(parts[3], "%d", &n)
		} else if len(parts) != 2 {
			http.NotFound(w, r)
			return
		}
		s.paged(w, r, "Tagged: "+tag, s.filter(func(st teaserStory) bool { return st.tag == tag }), n, 1,
			func(i int) string { return fmt.Sprintf("/tag/%s/page/%d/", tag, i) })
	case len(parts) == 2 && parts[0] == "author" && strings.HasSuffix(p, "/"):
		au := parts[1]
		s.paged(w, r, "Stories by "+au, s.filter(func(st teaserStory) bool { return st.author == au }), 1, 2,
			func(int) string { return "/author/" + au + "/" })
	default:
		for i, st := range s.stories {
			if st.path == p {
				s.story(w, i)
				return
			}
		}
		http.NotFound(w, r)
	}
}

// story serves an article; every other one declares itself in metadata,
// and each ends with three related-story teasers.
func (s *teaserSite) story(w http.ResponseWriter, i int) {
	st := s.stories[i]
	head := ""
	if i%2 == 0 {
		head = fmt.Sprintf(`<meta property="og:type" content="article"><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q,"datePublished":"2024-05-%02dT08:00:00Z"}</script>`, st.title, st.day)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<article><h1>%s</h1><p class="byline">By <a href="/author/%s/">%s</a>, %d May 2024</p>`, st.title, st.author, st.author, st.day)
	for _, para := range st.paras {
		fmt.Fprintf(&b, "<p>%s</p>", para)
	}
	fmt.Fprintf(&b, `<p>Tags: <a href="/tag/%s/">%s</a></p></article><aside><h2>Related</h2>`, st.tag, st.tag)
	var rel []teaserStory
	for k := 1; k <= 3; k++ {
		rel = append(rel, s.stories[(i+k)%len(s.stories)])
	}
	listing(&b, rel, 0)
	b.WriteString("</aside>")
	s.frame(w, st.title, head, b.String())
}

// TestCrawlTeaserPages is issue 8's "done when": a crawl of a news site
// whose section and tag pages carry teaser paragraphs stores none of them
// as articles, and stores every story.
func TestCrawlTeaserPages(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a fake site")
	}
	site := newTeaserSite()
	srv := httptest.NewServer(site)
	defer srv.Close()
	stories := map[string]bool{}
	for _, st := range site.stories {
		stories[srv.URL+st.path] = true
	}
	crawl := func(keep string) map[string]string {
		db := filepath.Join(t.TempDir(), "archive.db")
		args := []string{"crawl", "--db", db, srv.URL + "/", "--delay", "0s", "--per-host", "4", "--depth", "4",
			"--no-index", "-q", "--timeout", "5s", "--retries", "0"}
		if keep != "" {
			args = append(args, "--keep-types", keep)
		}
		mustRun(t, args...)
		got := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(mustRun(t, "export", "--db", db)), "\n") {
			var a corpus.Article
			if err := json.Unmarshal([]byte(l), &a); err != nil {
				t.Fatalf("export: %v", err)
			}
			got[a.URL] = a.PageType
		}
		return got
	}
	// Every type kept: each listing page must have been crawled and typed.
	all := crawl(strings.Join(corpus.PageTypes, ","))
	kinds := map[string]int{}
	for u, typ := range all {
		path := strings.TrimPrefix(u, srv.URL)
		kind := "story"
		switch {
		case path == "/":
			kind = "front"
		case strings.Contains(path, "?page="):
			kind = "section page N"
		case strings.HasPrefix(path, "/tag/") && strings.Contains(path, "/page/"):
			kind = "tag page N"
		case strings.HasPrefix(path, "/tag/"):
			kind = "tag"
		case strings.HasPrefix(path, "/author/"):
			kind = "author"
		case path == digestPath:
			kind = "digest"
		case !stories[u]:
			kind = "section"
		}
		kinds[kind]++
		if (kind == "story") != (typ == corpus.PageTypeArticle) {
			t.Errorf("%s (%s) stored as %q", path, kind, typ)
		}
	}
	for _, k := range []string{"front", "section", "section page N", "tag", "tag page N", "author", "digest"} {
		if kinds[k] == 0 {
			t.Errorf("no %s page crawled (crawled: %v)", k, kinds)
		}
	}
	if kinds["story"] != len(stories) {
		t.Errorf("%d of %d stories stored", kinds["story"], len(stories))
	}
	// The default keeps articles only: exactly the stories.
	for u, typ := range crawl("") {
		if !stories[u] || typ != corpus.PageTypeArticle {
			t.Errorf("default crawl stored %s as %q", u, typ)
		}
	}
}
