package scrapertest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchPerList is the number of article links on a bench listing page.
const benchPerList = 100

// NewBenchServer starts a site for the crawler benchmark: n article pages
// of about size bytes each (60 KB is typical), in the markup of a real news
// page (JSON-LD, OpenGraph, navigation, related links, footer), linked from
// listing pages /list/1/ ... that the home page links all at once, so every
// article is two hops from "/". Pages are generated on the fly, cheaply and
// deterministically; robots.txt allows everything and has no Crawl-delay.
//
// Its Articles have every field but Text, which would take n*size bytes.
func NewBenchServer(tb testing.TB, n, size int) *Server {
	tb.Helper()
	return serve(tb, newBenchSite(n, size), "")
}

// benchSite is the handler of NewBenchServer.
type benchSite struct {
	n, size int
	seed    uint64
	paras   []string // paragraph HTML
	pool    sync.Pool
	done    chan struct{}
	once    sync.Once
}

func newBenchSite(n, size int) *benchSite {
	b := &benchSite{n: max(n, 1), size: max(size, 4096), seed: seedOf("bench"), done: make(chan struct{})}
	b.pool.New = func() any { return new(bytes.Buffer) }
	r := rand.New(rand.NewPCG(b.seed, 0))
	all := append([]string(nil), enGeneric...)
	for _, sec := range enSections {
		all = append(all, sec.Sentences...)
	}
	f := &filler{r: r, months: months, fixed: map[string]string{
		"name": "Harbour", "noun": "project", "phrase": "harbour project",
		"person": "Agnes Hollander", "person2": "Hugo Penrose", "city": "Port Ellis", "city2": "Karsvik",
	}}
	for range 256 {
		var p []string
		for range 3 + r.IntN(3) {
			p = append(p, f.fill(all[r.IntN(len(all))]))
		}
		b.paras = append(b.paras, "<p>"+ht(strings.Join(p, " "))+"</p>\n")
	}
	return b
}

func (b *benchSite) Close()               { b.once.Do(func() { close(b.done) }) }
func (b *benchSite) Disallowed() []string { return nil }

// meta returns the metadata of bench article i.
func (b *benchSite) meta(i int) (path, title, phrase string, sec *section, authors []string, published time.Time) {
	sec = &enSections[i%len(enSections)]
	name := uniqueName(i, b.seed)
	np := sec.Nouns[(i/len(enSections))%len(sec.Nouns)]
	title = upperFirst(strings.NewReplacer("{name}", name, "{noun}", np[1], "{city}", towns[i%len(towns)]).Replace(sec.Titles[i%len(sec.Titles)]))
	phrase = name + " " + np[0] + " " + np[1]
	authors = []string{enAuthors[i%len(enAuthors)].Name}
	published = siteEpoch.Add(-time.Duration(i) * 31 * time.Minute).In(zones[0])
	path = fmt.Sprintf("/%04d/%02d/%02d/bench-story-%d.html", published.Year(), published.Month(), published.Day(), i)
	return
}

// Articles returns the ground truth without Text.
func (b *benchSite) Articles(base string) []Expected {
	out := make([]Expected, b.n)
	for i := range b.n {
		path, title, phrase, sec, authors, pub := b.meta(i)
		out[i] = Expected{URL: base + path, Title: title, Authors: authors, Published: pub, Language: "en",
			Section: sec.Name, Tags: sec.Tags[:2], Image: base + "/img/photo/1.jpg", SiteName: "The Bench Courier",
			Charset: "utf-8", Phrase: phrase, Layout: "classic"}
	}
	return out
}

func (b *benchSite) lists() int { return (b.n + benchPerList - 1) / benchPerList }

func (b *benchSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	buf := b.pool.Get().(*bytes.Buffer)
	buf.Reset()
	defer b.pool.Put(buf)
	p := r.URL.Path
	ct := "text/html; charset=utf-8"
	base := baseURL(r)
	switch {
	case p == "/robots.txt":
		ct = "text/plain; charset=utf-8"
		fmt.Fprintf(buf, "User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n", base)
	case p == "/sitemap.xml":
		ct = "application/xml; charset=utf-8"
		buf.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
		for i := range b.n {
			path, _, _, _, _, pub := b.meta(i)
			fmt.Fprintf(buf, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", base, path, pub.Format(time.RFC3339))
		}
		buf.WriteString("</urlset>\n")
	case p == "/":
		b.head(buf, "The Bench Courier", "")
		buf.WriteString("<main><h1>Latest news</h1><ul>\n")
		for i := range min(20, b.n) {
			path, title, _, _, _, _ := b.meta(i)
			fmt.Fprintf(buf, "<li><a href=\"%s\">%s</a></li>\n", path, ht(title))
		}
		buf.WriteString("</ul><nav class=\"pagination\">\n")
		for k := 1; k <= b.lists(); k++ {
			fmt.Fprintf(buf, "<a href=\"/list/%d/\">%d</a>\n", k, k)
		}
		buf.WriteString("</nav></main>\n")
		b.foot(buf)
	case strings.HasPrefix(p, "/list/"):
		k, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(p, "/list/"), "/"))
		if err != nil || k < 1 || k > b.lists() || p != "/list/"+strconv.Itoa(k)+"/" {
			http.NotFound(w, r)
			return
		}
		b.head(buf, fmt.Sprintf("All stories, page %d | The Bench Courier", k), "")
		fmt.Fprintf(buf, "<main><h1>All stories, page %d</h1>\n", k)
		for i := (k - 1) * benchPerList; i < min(k*benchPerList, b.n); i++ {
			path, title, _, _, authors, pub := b.meta(i)
			fmt.Fprintf(buf, "<article class=\"teaser\"><h2><a href=\"%s\">%s</a></h2><p><time datetime=\"%s\">%s</time> by %s</p></article>\n",
				path, ht(title), pub.Format(time.RFC3339), pub.Format("2 Jan 2006"), ht(authors[0]))
		}
		if k > 1 {
			fmt.Fprintf(buf, "<a rel=\"prev\" href=\"/list/%d/\">Newer</a>\n", k-1)
		}
		if k < b.lists() {
			fmt.Fprintf(buf, "<a rel=\"next\" href=\"/list/%d/\">Older</a>\n", k+1)
		}
		buf.WriteString("</main>\n")
		b.foot(buf)
	default:
		i, ok := b.articleIndex(p)
		if !ok {
			http.NotFound(w, r)
			return
		}
		b.article(buf, base, i)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// articleIndex parses an article path back to its index.
func (b *benchSite) articleIndex(p string) (int, bool) {
	j := strings.LastIndex(p, "/bench-story-")
	if j < 0 || !strings.HasSuffix(p, ".html") {
		return 0, false
	}
	i, err := strconv.Atoi(p[j+len("/bench-story-") : len(p)-len(".html")])
	if err != nil || i < 0 || i >= b.n {
		return 0, false
	}
	if path, _, _, _, _, _ := b.meta(i); path != p {
		return 0, false
	}
	return i, true
}

func (b *benchSite) head(buf *bytes.Buffer, title, extra string) {
	fmt.Fprintf(buf, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n%s</head>\n<body>\n", ht(title), extra)
	buf.WriteString("<div class=\"cookie-banner\"><p>We use cookies to improve your experience and to show you personalised advertising.</p><button>Accept</button></div>\n")
	buf.WriteString("<header class=\"site-header\"><a class=\"logo\" href=\"/\">The Bench Courier</a><nav><ul>\n")
	for _, sec := range enSections {
		fmt.Fprintf(buf, "<li><a href=\"/list/1/#%s\">%s</a></li>\n", sec.Slug, sec.Name)
	}
	buf.WriteString("</ul></nav></header>\n")
}

func (b *benchSite) foot(buf *bytes.Buffer) {
	buf.WriteString(`<section class="newsletter-box"><h3>The Morning Briefing</h3><p>The day's essential stories, in your inbox before seven.</p><form><input type="email"><button>Sign up</button></form></section>
<footer class="site-footer"><ul><li><a href="/">Home</a></li><li><a href="/list/1/">All stories</a></li></ul><p>&copy; 2024 The Bench Courier. All rights reserved.</p></footer>
</body>
</html>
`)
}

func (b *benchSite) article(buf *bytes.Buffer, base string, i int) {
	path, title, phrase, sec, authors, pub := b.meta(i)
	var head strings.Builder
	fmt.Fprintf(&head, "<link rel=\"canonical\" href=\"%s%s\">\n<meta name=\"author\" content=\"%s\">\n", base, path, ht(authors[0]))
	fmt.Fprintf(&head, "<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"%s\">\n<meta property=\"og:site_name\" content=\"The Bench Courier\">\n", ht(title))
	fmt.Fprintf(&head, "<meta property=\"og:image\" content=\"%s/img/photo/1.jpg\">\n", base)
	fmt.Fprintf(&head, "<meta property=\"article:published_time\" content=\"%s\">\n<meta property=\"article:section\" content=\"%s\">\n", pub.Format(time.RFC3339), sec.Name)
	for _, t := range sec.Tags[:2] {
		fmt.Fprintf(&head, "<meta property=\"article:tag\" content=\"%s\">\n", t)
	}
	fmt.Fprintf(&head, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":%q,\"datePublished\":%q,\"author\":[{\"@type\":\"Person\",\"name\":%q}],\"articleSection\":%q}</script>\n",
		title, pub.Format(time.RFC3339), authors[0], sec.Name)
	b.head(buf, title+" | The Bench Courier", head.String())
	fmt.Fprintf(buf, "<main><article><header><h1>%s</h1><p class=\"byline\">By %s</p><time datetime=\"%s\">%s</time></header>\n<div class=\"share-bar\"><a href=\"#\">Share</a> <a href=\"#\">Post</a> <a href=\"#\">E-mail</a></div>\n<div class=\"article-body\">\n",
		ht(title), ht(authors[0]), pub.Format(time.RFC3339), pub.Format("2 January 2006"))
	const tail = 2048 // related links, footer
	h := uint64(i)*0x9E3779B97F4A7C15 + b.seed
	for k := 0; buf.Len() < b.size-tail; k++ {
		if k == 1 {
			fmt.Fprintf(buf, "<p>Staff at the %s said the decision came after months of preparation.</p>\n", ht(phrase))
			continue
		}
		h = h*6364136223846793005 + 1442695040888963407
		buf.WriteString(b.paras[h>>56])
	}
	buf.WriteString("</div></article>\n<aside class=\"related\"><h3>Related articles</h3><ul>\n")
	for k := 1; k <= 4; k++ {
		j := (i + k) % b.n
		p, t, _, _, _, _ := b.meta(j)
		fmt.Fprintf(buf, "<li><a href=\"%s\">%s</a></li>\n", p, ht(t))
	}
	buf.WriteString("</ul></aside></main>\n")
	b.foot(buf)
}
