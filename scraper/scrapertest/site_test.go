package scrapertest

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
	"github.com/temoto/robotstxt"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

var (
	win1256 = charmap.Windows1256
	latin1  = charmap.ISO8859_1
	sjis    = japanese.ShiftJIS
)

func TestPagesServed(t *testing.T) {
	s := NewServer(t)
	c := noRedirect(s)
	arts := s.Articles()
	var redirected Expected
	for _, e := range arts {
		if len(e.Redirects) > 0 {
			redirected = e
		}
	}
	oldPath := strings.TrimPrefix(redirected.Redirects[0], s.URL)
	tests := []struct {
		path     string
		status   int
		ctype    string
		location string // for redirects
		contains string
	}{
		{"/", 200, "text/html; charset=utf-8", "", `<link rel="alternate" type="application/atom+xml"`},
		{"/robots.txt", 200, "text/plain; charset=utf-8", "", "Disallow: /private/"},
		{"/sitemap.xml", 200, "application/xml; charset=utf-8", "", "<sitemapindex"},
		{"/sitemap-articles.xml.gz", 200, "application/gzip", "", ""},
		{"/sitemap-news.xml", 200, "application/xml; charset=utf-8", "", "<news:publication_date>"},
		{"/sitemap-pages.xml", 200, "application/xml; charset=utf-8", "", "/world/"},
		{"/feed.xml", 200, "application/rss+xml; charset=utf-8", "", "<rss version=\"2.0\""},
		{"/atom.xml", 200, "application/atom+xml; charset=utf-8", "", "<feed xmlns=\"http://www.w3.org/2005/Atom\">"},
		{"/feed.json", 200, "application/feed+json; charset=utf-8", "", "jsonfeed.org"},
		{"/world/", 200, "text/html; charset=utf-8", "", `rel="next"`},
		{"/world/?page=2", 200, "text/html; charset=utf-8", "", `rel="prev"`},
		{"/world/?page=99", 404, "text/html; charset=utf-8", "", "Page not found"},
		{"/about/", 200, "text/html; charset=utf-8", "", "annual-report-2023.pdf"},
		{"/contact/", 200, "text/html; charset=utf-8", "", "Quay Street"},
		{"/login", 200, "text/html; charset=utf-8", "", `type="password"`},
		{"/private/", 200, "text/html; charset=utf-8", "", "Staff area"},
		{"/files/annual-report-2023.pdf", 200, "application/pdf", "", "%PDF-1.4"},
		{"/img/logo.png", 200, "image/png", "", ""},
		{"/img/photo/3.jpg", 200, "image/jpeg", "", ""},
		{PathNotFound, 404, "text/html; charset=utf-8", "", "Page not found"},
		{oldPath, 301, "text/html; charset=utf-8", strings.TrimPrefix(redirected.URL, s.URL), ""},
		{"/go/" + strings.TrimSuffix(strings.TrimPrefix(oldPath, "/old/"), ".html"), 302, "text/html; charset=utf-8", oldPath, ""},
		{PathLoop, 302, "text/html; charset=utf-8", "/loop/b", ""},
		{"/loop/b", 301, "text/html; charset=utf-8", "/loop/a", ""},
		{PathServerError, 500, "text/html; charset=utf-8", "", "Something went wrong"},
		{PathCalendar, 200, "text/html; charset=utf-8", "", `href="/calendar/2024/07/"`},
		{"/calendar/9999/12/", 200, "text/html; charset=utf-8", "", `href="/calendar/10000/01/"`},
		{PathEndless, 200, "text/html; charset=utf-8", "", `href="/archive/page/2/"`},
		{"/archive/page/100000/", 200, "text/html; charset=utf-8", "", `href="/archive/page/100001/"`},
		{"/nowhere", 404, "text/html; charset=utf-8", "", "Page not found"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			f := mustGet(t, c, s, tt.path)
			if f.status != tt.status {
				t.Errorf("status %d, want %d", f.status, tt.status)
			}
			if got := f.header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
			if got := f.header.Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			if !bytes.Contains(f.raw, []byte(tt.contains)) {
				t.Errorf("body does not contain %q", tt.contains)
			}
		})
	}

	t.Run("pdf is complete", func(t *testing.T) {
		f := mustGet(t, c, s, "/files/annual-report-2023.pdf")
		if !bytes.HasSuffix(f.raw, []byte("%%EOF\n")) || !bytes.Contains(f.raw, []byte("startxref")) {
			t.Errorf("PDF has no trailer:\n%s", f.raw)
		}
	})
	t.Run("png decodes", func(t *testing.T) {
		f := mustGet(t, c, s, "/img/logo.png")
		if _, err := png.Decode(bytes.NewReader(f.raw)); err != nil {
			t.Error(err)
		}
	})
}

func TestFaultsOff(t *testing.T) {
	s := NewServer(t, WithFaults(false), WithArticles(40))
	c := noRedirect(s)
	home := mustGet(t, c, s, "/")
	for _, p := range []string{PathCalendar, PathEndless, PathLoop, PathHang, PathSlow, PathHuge30, PathHuge50, PathBomb, PathReset, PathServerError} {
		if strings.Contains(home.text, `href="`+p+`"`) {
			t.Errorf("home links %s with faults off", p)
		}
		if f := mustGet(t, c, s, p); f.status != http.StatusNotFound {
			t.Errorf("%s: status %d with faults off, want 404", p, f.status)
		}
	}
	for _, e := range s.Articles() {
		if e.Fault == "" {
			continue
		}
		if f := mustGet(t, c, s, e.URL); f.status != http.StatusOK {
			t.Errorf("%s (fault %s): status %d with faults off, want 200", e.URL, e.Fault, f.status)
		}
	}
}

func TestHomeLinksEveryTrap(t *testing.T) {
	s := NewServer(t, WithArticles(40))
	home := mustGet(t, noRedirect(s), s, "/")
	for _, p := range []string{PathCalendar, PathEndless, PathLoop, PathHang, PathSlow, PathHuge30, PathHuge50, PathBomb, PathReset, PathServerError, PathNotFound} {
		if !strings.Contains(home.text, `href="`+p+`"`) {
			t.Errorf("home does not link %s", p)
		}
	}
}

// crawl is the result of a tiny BFS over the site's links.
type crawl struct {
	depth map[string]int     // URL (no fragment) -> link hops from "/"
	pages map[string]fetched // every fetched page
	hrefs map[string]bool    // every same-host URL seen in a link
}

// walk does a breadth-first walk of the site from "/" following every
// same-host link, except robots-disallowed ones (recorded, not fetched).
func walk(t *testing.T, s *Server) crawl {
	t.Helper()
	c := noRedirect(s)
	cr := crawl{depth: map[string]int{s.URL + "/": 0}, pages: map[string]fetched{}, hrefs: map[string]bool{}}
	queue := []string{s.URL + "/"}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		pu, _ := url.Parse(u)
		if slices.ContainsFunc(s.Disallowed(), func(p string) bool { return strings.HasPrefix(pu.Path, p) }) {
			continue
		}
		f := mustGet(t, c, s, u)
		cr.pages[u] = f
		var next []string
		switch {
		case f.status >= 300 && f.status < 400:
			loc, _ := pu.Parse(f.header.Get("Location"))
			next = []string{loc.String()}
		case f.text != "":
			next = links(t, u, mustDoc(t, f.text))
		}
		for _, n := range next {
			cr.hrefs[n] = true
			if _, seen := cr.depth[n]; !seen {
				cr.depth[n] = cr.depth[u] + 1
				queue = append(queue, n)
			}
		}
	}
	return cr
}

// sitemapLocs reads the sitemap index and its children.
func sitemapLocs(t *testing.T, s *Server) map[string]bool {
	t.Helper()
	c := noRedirect(s)
	type loc struct {
		Loc string `xml:"loc"`
	}
	var index struct {
		Sitemaps []loc `xml:"sitemap"`
	}
	if err := xml.Unmarshal(mustGet(t, c, s, "/sitemap.xml").raw, &index); err != nil {
		t.Fatalf("sitemap index: %v", err)
	}
	out := map[string]bool{}
	for _, sm := range index.Sitemaps {
		body := mustGet(t, c, s, sm.Loc).raw
		if strings.HasSuffix(sm.Loc, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", sm.Loc, err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%s: %v", sm.Loc, err)
			}
		}
		var set struct {
			URLs []struct {
				Loc  string `xml:"loc"`
				News struct {
					Date  string `xml:"publication_date"`
					Title string `xml:"title"`
				} `xml:"news"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(body, &set); err != nil {
			t.Fatalf("%s: %v", sm.Loc, err)
		}
		if len(set.URLs) == 0 {
			t.Errorf("%s lists no URL", sm.Loc)
		}
		for _, u := range set.URLs {
			out[u.Loc] = true
			if strings.Contains(sm.Loc, "news") {
				if _, err := time.Parse(time.RFC3339, u.News.Date); err != nil || u.News.Title == "" {
					t.Errorf("%s: news entry %s without date or title (%q, %q)", sm.Loc, u.Loc, u.News.Date, u.News.Title)
				}
			}
		}
	}
	return out
}

// feedLinks parses a feed with gofeed and returns its item links.
func feedLinks(t *testing.T, s *Server, path string) map[string]bool {
	t.Helper()
	feed, err := gofeed.NewParser().ParseString(string(mustGet(t, noRedirect(s), s, path).raw))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string]bool{}
	for _, it := range feed.Items {
		if it.PublishedParsed == nil || it.Title == "" {
			t.Errorf("%s: item %s has no date or title", path, it.Link)
		}
		out[it.Link] = true
	}
	if len(out) < 10 {
		t.Errorf("%s: %d items", path, len(out))
	}
	return out
}

func TestEveryArticleIsDiscoverable(t *testing.T) {
	s := NewServer(t, WithFaults(false))
	cr := walk(t, s)
	t.Logf("walked %d pages from the home page", len(cr.pages))
	inSitemap := sitemapLocs(t, s)
	inRSS := feedLinks(t, s, "/feed.xml")
	inAtom := feedLinks(t, s, "/atom.xml")
	inJSON := feedLinks(t, s, "/feed.json")
	arts := s.Articles()
	if len(arts) != 200 {
		t.Errorf("%d articles, want 200", len(arts))
	}
	only := map[string]int{}
	for _, e := range arts {
		d, linked := cr.depth[e.URL]
		only[e.Only]++
		switch e.Only {
		case "":
			if !linked {
				t.Errorf("%s is not linked from any page", e.URL)
			} else if d > 3 {
				t.Errorf("%s is %d hops from the home page, want <= 3", e.URL, d)
			}
			if !inSitemap[e.URL] {
				t.Errorf("%s is not in the sitemap", e.URL)
			}
		case "sitemap":
			if linked || inRSS[e.URL] || inAtom[e.URL] || inJSON[e.URL] || !inSitemap[e.URL] {
				t.Errorf("sitemap-only %s: linked %v, in a feed %v, in sitemap %v", e.URL, linked, inRSS[e.URL] || inAtom[e.URL] || inJSON[e.URL], inSitemap[e.URL])
			}
		case "feed":
			if linked || inSitemap[e.URL] || !inRSS[e.URL] {
				t.Errorf("feed-only %s: linked %v, in sitemap %v, in RSS %v", e.URL, linked, inSitemap[e.URL], inRSS[e.URL])
			}
		default:
			t.Errorf("%s: unknown Only %q", e.URL, e.Only)
		}
		for _, al := range append(slices.Clone(e.Aliases), e.Redirects...) {
			if !cr.hrefs[al] {
				// The duplicate, print, variant and redirect URLs must all be
				// reachable, or a crawler never meets them.
				t.Errorf("alias %s of %s is not linked", al, e.URL)
			}
		}
	}
	if only["sitemap"] != 1 || only["feed"] != 1 {
		t.Errorf("sitemap-only %d, feed-only %d; want 1 each", only["sitemap"], only["feed"])
	}
	for _, p := range s.Disallowed() {
		found := false
		for h := range cr.hrefs {
			if strings.HasPrefix(strings.TrimPrefix(h, s.URL), p) {
				found = true
			}
		}
		if !found {
			t.Errorf("no page links into disallowed %s, so the robots test would prove nothing", p)
		}
	}
	for _, r := range s.Requests() {
		for _, p := range s.Disallowed() {
			if strings.HasPrefix(r.Path, p) {
				t.Errorf("the walk fetched disallowed %s", r.Path)
			}
		}
	}

	// Every phrase is on its own article's pages (once) and nowhere else.
	pagesOf := map[string]string{} // URL -> canonical URL of the article it serves
	for _, e := range arts {
		pagesOf[e.URL] = e.URL
		for _, al := range e.Aliases {
			pagesOf[al] = e.URL
		}
	}
	texts := map[string]string{}
	for u, f := range cr.pages {
		if f.text != "" && f.status == http.StatusOK {
			texts[u] = cleanText(mustDoc(t, f.text).Find("html").Text())
		}
	}
	for _, e := range arts {
		if e.Only != "" {
			f := mustGet(t, noRedirect(s), s, e.URL)
			texts[e.URL] = cleanText(mustDoc(t, f.text).Find("html").Text())
		}
	}
	for _, e := range arts {
		for u, txt := range texts {
			n := strings.Count(txt, e.Phrase)
			switch {
			case pagesOf[u] == e.URL && n != 1:
				t.Errorf("phrase %q found %d times on its article %s", e.Phrase, n, u)
			case pagesOf[u] != e.URL && n != 0:
				t.Errorf("phrase %q of %s found on %s", e.Phrase, e.URL, u)
			}
		}
	}
}

func TestArticlesMatchTheirPages(t *testing.T) {
	s := NewServer(t)
	c := noRedirect(s)
	arts := s.Articles()
	langs := map[string]int{}
	layouts := map[string]int{}
	for _, e := range arts {
		langs[e.Language]++
		layouts[e.Layout]++
		if e.Fault != "" {
			continue // TestFlakyPages
		}
		f := mustGet(t, c, s, e.URL)
		if f.status != http.StatusOK {
			t.Errorf("%s: status %d", e.URL, f.status)
			continue
		}
		doc := mustDoc(t, f.text)
		if got := bodyText(doc); got != e.Text {
			t.Errorf("%s: body\n%q\nwant\n%q", e.URL, got, e.Text)
		}
		if got := cleanText(doc.Find("h1").First().Text()); got != e.Title {
			t.Errorf("%s: h1 %q, want %q", e.URL, got, e.Title)
		}
		if got, _ := doc.Find(`meta[property="article:published_time"]`).Attr("content"); got != e.Published.Format(time.RFC3339) {
			t.Errorf("%s: published_time %q, want %s", e.URL, got, e.Published.Format(time.RFC3339))
		}
		if got, _ := doc.Find("time[datetime]").First().Attr("datetime"); got != e.Published.Format(time.RFC3339) {
			t.Errorf("%s: <time datetime> %q, want %s", e.URL, got, e.Published.Format(time.RFC3339))
		}
		if got, _ := doc.Find(`meta[name="author"]`).Attr("content"); got != strings.Join(e.Authors, ", ") {
			t.Errorf("%s: meta author %q, want %q", e.URL, got, e.Authors)
		}
		if got, _ := doc.Find("html").Attr("lang"); got != e.Language {
			t.Errorf("%s: lang %q, want %q", e.URL, got, e.Language)
		}
		if got, _ := doc.Find(`meta[property="article:section"]`).Attr("content"); got != e.Section {
			t.Errorf("%s: section %q, want %q", e.URL, got, e.Section)
		}
		var tags []string
		doc.Find(`meta[property="article:tag"]`).Each(func(_ int, m *goquery.Selection) { v, _ := m.Attr("content"); tags = append(tags, v) })
		if !slices.Equal(tags, e.Tags) {
			t.Errorf("%s: tags %q, want %q", e.URL, tags, e.Tags)
		}
		if got, _ := doc.Find(`link[rel="canonical"]`).Attr("href"); got != e.URL {
			t.Errorf("%s: canonical %q", e.URL, got)
		}
		if doc.Find(`script[type="application/ld+json"]`).Length() != 1 {
			t.Errorf("%s: no JSON-LD", e.URL)
		}
		if !strings.Contains(e.Text, e.Phrase) {
			t.Errorf("%s: phrase %q not in the text", e.URL, e.Phrase)
		}
		if strings.Contains(e.Title, e.Phrase) || strings.Contains(e.Description, e.Phrase) {
			t.Errorf("%s: phrase %q in the title or description", e.URL, e.Phrase)
		}
		if n := strings.Count(e.Text, "\n\n") + 1; n < 4 {
			t.Errorf("%s: %d blocks of text", e.URL, n)
		}
		for _, al := range e.Aliases {
			if strings.Contains(al, "/story/") {
				// The duplicate path serves the same bytes, so that a body
				// digest alone can collapse it.
				if fa := mustGet(t, c, s, al); !bytes.Equal(fa.raw, f.raw) {
					t.Errorf("%s and %s differ", al, e.URL)
				}
			}
			if fa := mustGet(t, c, s, al); fa.status != http.StatusOK || bodyText(mustDoc(t, fa.text)) != e.Text {
				t.Errorf("alias %s of %s: status %d or a different body", al, e.URL, fa.status)
			}
		}
	}
	for _, l := range []string{"en", "fr", "de", "ar", "ja"} {
		if langs[l] == 0 {
			t.Errorf("no article in %s", l)
		}
	}
	if langs["en"] < len(arts)*3/4 {
		t.Errorf("%d English articles of %d, want most", langs["en"], len(arts))
	}
	for _, l := range layoutNames {
		if layouts[l] < len(arts)/4 {
			t.Errorf("layout %s used %d times", l, layouts[l])
		}
	}
}

func TestPhrasesUnique(t *testing.T) {
	// Two sites with different names, as a multi-host test would run them.
	a := NewSite().Articles("http://a")
	b := NewSite(WithSite("gazette"), WithArticles(300)).Articles("http://b")
	seen := map[string]string{}
	for _, e := range a {
		if prev, dup := seen[e.Phrase]; dup {
			t.Errorf("phrase %q used by %s and %s", e.Phrase, prev, e.URL)
		}
		seen[e.Phrase] = e.URL
	}
	// Across sites, every generated phrase differs; the hand-written
	// Arabic and Japanese articles are the same on every site.
	var all []Expected
	seen = map[string]string{}
	for _, e := range append(a, b...) {
		if e.Language == "ar" || e.Language == "ja" {
			continue
		}
		all = append(all, e)
	}
	for _, e := range all {
		if prev, dup := seen[e.Phrase]; dup {
			t.Errorf("phrase %q used by %s and %s", e.Phrase, prev, e.URL)
		}
		seen[e.Phrase] = e.URL
		if len(strings.Fields(e.Phrase)) < 3 && e.Language != "ja" {
			t.Errorf("%s: phrase %q is too short to be distinctive", e.URL, e.Phrase)
		}
	}
	for _, e := range all {
		for _, o := range all {
			if o.URL != e.URL && strings.Contains(o.Text, e.Phrase) {
				t.Errorf("phrase %q of %s is in the text of %s", e.Phrase, e.URL, o.URL)
			}
		}
	}
}

func TestCharsets(t *testing.T) {
	s := NewServer(t)
	c := noRedirect(s)
	counts := map[string]int{}
	metaOnly := 0
	for _, e := range s.Articles() {
		if e.Charset == "utf-8" {
			continue
		}
		counts[e.Charset]++
		t.Run(e.Charset+"/"+e.Language, func(t *testing.T) {
			f := mustGet(t, c, s, e.URL)
			ct := f.header.Get("Content-Type")
			switch ct {
			case "text/html":
				metaOnly++
				if !bytes.Contains(f.raw, []byte(`<meta http-equiv="Content-Type" content="text/html; charset=`+e.Charset+`">`)) {
					t.Errorf("charset neither in the header nor in a meta tag")
				}
			case "text/html; charset=" + e.Charset:
				if !bytes.Contains(f.raw, []byte(`<meta charset="`+e.Charset+`">`)) {
					t.Errorf("no <meta charset=%q>", e.Charset)
				}
			default:
				t.Errorf("Content-Type %q", ct)
			}
			if utf8.Valid(f.raw) {
				t.Errorf("page is valid UTF-8, so it is not really in %s", e.Charset)
			}
			// Decode with x/text directly: same result as the browser-like
			// decoding of mustGet.
			dec, err := encoderDecoder(e.Charset).NewDecoder().Bytes(f.raw)
			if err != nil {
				t.Fatalf("decode as %s: %v", e.Charset, err)
			}
			if string(dec) != f.text {
				t.Errorf("x/text and html/charset disagree on the page")
			}
			// Every character of the text is really encoded, not written as
			// a character reference.
			nonASCII := 0
			for _, r := range e.Text {
				if r < 0x80 {
					continue
				}
				nonASCII++
				if !strings.ContainsRune(f.text, r) || strings.Contains(f.text, fmt.Sprintf("&#%d;", r)) {
					t.Errorf("%q is not encoded in %s", r, e.Charset)
				}
			}
			if nonASCII < 5 {
				t.Errorf("only %d non-ASCII characters in the text", nonASCII)
			}
			if got := bodyText(mustDoc(t, f.text)); got != e.Text {
				t.Errorf("body\n%q\nwant\n%q", got, e.Text)
			}
			switch e.Language {
			case "fr":
				if !strings.ContainsRune(e.Text, 'é') {
					t.Errorf("French text without é")
				}
			case "de":
				if !strings.ContainsAny(e.Text, "üßäö") {
					t.Errorf("German text without umlaut or ß")
				}
			}
		})
	}
	want := map[string]int{"windows-1256": 2, "iso-8859-1": 2, "shift_jis": 1}
	for cs, n := range want {
		if counts[cs] != n {
			t.Errorf("%d pages in %s, want %d", counts[cs], cs, n)
		}
	}
	if metaOnly != 1 {
		t.Errorf("%d pages with the charset only in a meta tag, want 1", metaOnly)
	}
}

func encoderDecoder(cs string) encodingWithDecoder {
	for _, e := range []struct {
		name string
		enc  encodingWithDecoder
	}{{"windows-1256", win1256}, {"iso-8859-1", latin1}, {"shift_jis", sjis}} {
		if e.name == cs {
			return e.enc
		}
	}
	panic(cs)
}

func TestFlakyPages(t *testing.T) {
	s := NewServer(t, WithArticles(30))
	c := noRedirect(s)
	var saw503, saw429 bool
	for _, e := range s.Articles() {
		var want []int
		switch e.Fault {
		case "503":
			want, saw503 = []int{503, 503, 200, 200}, true
		case "429":
			want, saw429 = []int{429, 200}, true
		default:
			continue
		}
		for i, st := range want {
			f := mustGet(t, c, s, e.URL)
			if f.status != st {
				t.Errorf("%s request %d: status %d, want %d", e.URL, i+1, f.status, st)
			}
			if st != 200 && f.header.Get("Retry-After") != "1" {
				t.Errorf("%s request %d: Retry-After %q", e.URL, i+1, f.header.Get("Retry-After"))
			}
			if st == 200 && !strings.Contains(cleanText(f.text), e.Phrase) {
				t.Errorf("%s request %d: the article is not served", e.URL, i+1)
			}
		}
		if n := s.Count(strings.TrimPrefix(e.URL, s.URL)); n != len(want) {
			t.Errorf("Count(%s) = %d, want %d", e.URL, n, len(want))
		}
	}
	if !saw503 || !saw429 {
		t.Errorf("no 503 (%v) or 429 (%v) article", saw503, saw429)
	}
}

func TestGzipBomb(t *testing.T) {
	s := NewServer(t, WithArticles(20))
	f := mustGet(t, noRedirect(s), s, PathBomb)
	if ce := f.header.Get("Content-Encoding"); ce != "gzip" {
		t.Fatalf("Content-Encoding %q", ce)
	}
	if len(f.raw) > 2<<20 {
		t.Errorf("%d bytes on the wire, want < 2 MiB", len(f.raw))
	}
	zr, err := gzip.NewReader(bytes.NewReader(f.raw))
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 15)
	io.ReadFull(zr, head)
	n, err := io.Copy(io.Discard, zr)
	if err != nil {
		t.Fatal(err)
	}
	if total := n + int64(len(head)); total != BombSize || string(head) != "<!DOCTYPE html>" {
		t.Errorf("decompressed %d bytes starting %q, want %d starting <!DOCTYPE html>", total, head, BombSize)
	}
}

func TestHugePages(t *testing.T) {
	s := NewServer(t, WithArticles(20))
	for _, tt := range []struct {
		path   string
		size   int64
		length bool
	}{{PathHuge30, Huge30Size, false}, {PathHuge50, Huge50Size, true}} {
		resp, err := s.Client().Get(s.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || n != tt.size {
			t.Errorf("%s: %d bytes (%v), want %d", tt.path, n, err, tt.size)
		}
		if got := resp.ContentLength >= 0; got != tt.length {
			t.Errorf("%s: ContentLength %d", tt.path, resp.ContentLength)
		}
	}
}

func TestConnectionReset(t *testing.T) {
	s := NewServer(t, WithArticles(20))
	resp, err := s.Client().Get(s.URL + PathReset)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("GET %s answered %d, want a connection error", PathReset, resp.StatusCode)
	}
	if f := mustGet(t, s.Client(), s, "/"); f.status != 200 {
		t.Errorf("the server does not answer after a reset: %d", f.status)
	}
}

func TestSlowPage(t *testing.T) {
	s := NewServer(t, WithArticles(20), WithSlowDelay(150*time.Millisecond))
	if f := mustGet(t, s.Client(), s, PathSlow); f.status != 200 {
		t.Fatalf("status %d", f.status)
	}
	r := s.Requests()[0]
	if d := r.End.Sub(r.Start); d < 150*time.Millisecond {
		t.Errorf("slow page answered in %v", d)
	}
}

func TestCloseWithHangingRequest(t *testing.T) {
	s := NewServer(t, WithArticles(20))
	errc := make(chan error, 1)
	go func() {
		resp, err := s.Client().Get(s.URL + PathHang)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	for s.Count(PathHang) == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-errc:
		t.Fatalf("the hanging page answered: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("Close did not return with a hanging request in flight")
	}
	if err := <-errc; err == nil {
		t.Error("the hanging request got an answer")
	}
	if r := s.Requests()[0]; r.End.IsZero() || r.Status != 0 {
		t.Errorf("logged %+v, want an ended request without status", r)
	}
}

func TestRequestLog(t *testing.T) {
	s := NewServer(t, WithArticles(20), WithLatency(250*time.Millisecond))
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			req, _ := http.NewRequest("GET", s.URL+"/world/?page=1", nil)
			req.Header.Set("User-Agent", "scrapertest-probe/1.0")
			resp, err := s.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		})
	}
	wg.Wait()
	mustGet(t, s.Client(), s, "/nowhere")
	reqs := s.Requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests logged, want 4", len(reqs))
	}
	for _, r := range reqs[:3] {
		if r.Method != "GET" || r.Path != "/world/" || r.RawQuery != "page=1" || r.UserAgent != "scrapertest-probe/1.0" ||
			r.Status != 200 || r.Host != s.Addr || r.Header.Get("User-Agent") != r.UserAgent || r.End.Sub(r.Start) < 250*time.Millisecond {
			t.Errorf("logged %+v", r)
		}
	}
	if reqs[3].Status != 404 || reqs[3].Start.Before(reqs[2].Start) {
		t.Errorf("last request logged %+v", reqs[3])
	}
	if got := s.MaxInFlight(); got != 3 {
		t.Errorf("MaxInFlight %d, want 3", got)
	}
	if got := s.Count("/world/"); got != 3 {
		t.Errorf("Count(/world/) = %d, want 3", got)
	}
	if gap := s.MinStartGap(); gap < 0 || gap >= 250*time.Millisecond {
		t.Errorf("MinStartGap %v for concurrent requests", gap)
	}
	if gap := s.MinStartGap("/world/"); gap != -1 {
		t.Errorf("MinStartGap with one request left: %v, want -1", gap)
	}
	if len(s.DisallowedRequests()) != 0 {
		t.Errorf("DisallowedRequests %v", s.DisallowedRequests())
	}
	mustGet(t, s.Client(), s, "/private/")
	mustGet(t, s.Client(), s, "/search?q=x")
	if got := s.DisallowedRequests(); len(got) != 2 || got[0].Path != "/private/" || got[1].Path != "/search" {
		t.Errorf("DisallowedRequests %+v", got)
	}
	s.ResetLog()
	if len(s.Requests()) != 0 || s.Count("/world/") != 0 || s.MaxInFlight() != 0 {
		t.Error("ResetLog kept something")
	}
}

func TestRobots(t *testing.T) {
	for _, delay := range []time.Duration{0, 1500 * time.Millisecond} {
		s := NewServer(t, WithArticles(20), WithCrawlDelay(delay))
		f := mustGet(t, s.Client(), s, "/robots.txt")
		rb, err := robotstxt.FromBytes(f.raw)
		if err != nil {
			t.Fatal(err)
		}
		g := rb.FindGroup("archivist/0.1")
		if g.CrawlDelay != delay {
			t.Errorf("Crawl-delay %v, want %v", g.CrawlDelay, delay)
		}
		for _, p := range s.Disallowed() {
			if g.Test(p) || g.Test(p+"x/y.html") {
				t.Errorf("robots.txt allows %s", p)
			}
		}
		for _, p := range []string{"/", "/world/", "/2024/05/17/a.html", "/sitemap.xml"} {
			if !g.Test(p) {
				t.Errorf("robots.txt disallows %s", p)
			}
		}
		if len(rb.Sitemaps) != 2 || !strings.HasPrefix(rb.Sitemaps[0], s.URL+"/") {
			t.Errorf("Sitemap lines %q", rb.Sitemaps)
		}
		if rb.FindGroup("BadBot").Test("/") {
			t.Error("BadBot is allowed")
		}
	}
}

func TestConditionalRequest(t *testing.T) {
	s := NewServer(t, WithArticles(20))
	e := s.Articles()[0]
	first := mustGet(t, s.Client(), s, e.URL)
	etag, lastMod := first.header.Get("ETag"), first.header.Get("Last-Modified")
	if etag == "" || lastMod == "" {
		t.Fatalf("no ETag (%q) or Last-Modified (%q)", etag, lastMod)
	}
	for _, h := range [][2]string{{"If-None-Match", etag}, {"If-Modified-Since", lastMod}} {
		req, _ := http.NewRequest("GET", e.URL, nil)
		req.Header.Set(h[0], h[1])
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s: status %d, want 304", h[0], resp.StatusCode)
		}
	}
}

func TestWithHost(t *testing.T) {
	a := NewServer(t, WithArticles(20), WithHost("127.0.0.2"))
	b := NewServer(t, WithArticles(20), WithHost("127.0.0.3"), WithSite("gazette"))
	if !strings.HasPrefix(a.URL, "http://127.0.0.2:") || !strings.HasPrefix(b.URL, "http://127.0.0.3:") {
		t.Fatalf("URLs %s, %s", a.URL, b.URL)
	}
	fa, fb := mustGet(t, a.Client(), a, "/"), mustGet(t, b.Client(), b, "/")
	if fa.status != 200 || fb.status != 200 || !strings.Contains(fb.text, "The Gazette Courier") {
		t.Errorf("statuses %d %d", fa.status, fb.status)
	}
	if a.Articles()[0].Phrase == b.Articles()[0].Phrase {
		t.Error("two sites share a phrase")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := NewSite(), NewSite()
	for _, p := range []string{"/", "/world/?page=2", a.arts[7].path, a.arts[11].path, "/sitemap-news.xml", "/feed.xml"} {
		ra, rb := serveOnce(a, p), serveOnce(b, p)
		if !bytes.Equal(ra, rb) {
			t.Errorf("%s differs between two sites built with the same options", p)
		}
	}
	// Article content does not depend on how many articles there are.
	small := NewSite(WithArticles(50))
	for i := range small.arts {
		if x, y := small.arts[i], a.arts[i]; x.lang == "en" && y.lang == "en" && x.text() != y.text() {
			t.Errorf("regular article %d changes with WithArticles", i)
		}
	}
}

func TestBenchServer(t *testing.T) {
	const n, size = 250, 60000
	s := NewBenchServer(t, n, BenchPage{Size: size})
	cr := walk(t, s)
	arts := s.Articles()
	if len(arts) != n {
		t.Fatalf("%d articles", len(arts))
	}
	for _, e := range arts {
		f, ok := cr.pages[e.URL]
		switch {
		case !ok:
			t.Errorf("%s not reached", e.URL)
		case cr.depth[e.URL] > 2:
			t.Errorf("%s at depth %d", e.URL, cr.depth[e.URL])
		case len(f.raw) < size*9/10 || len(f.raw) > size*11/10:
			t.Errorf("%s: %d bytes, want about %d", e.URL, len(f.raw), size)
		case strings.Count(f.text, e.Phrase) != 1 || !strings.Contains(f.text, e.Title):
			t.Errorf("%s: phrase or title missing", e.URL)
		}
	}
	if len(cr.pages) > n+10 {
		t.Errorf("%d pages fetched for %d articles", len(cr.pages), n)
	}
	// The proportions of a median real news page (see BenchPage).
	page := cr.pages[arts[17].URL].text
	script := 0
	for _, m := range regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>`).FindAllString(page, -1) {
		script += len(m)
	}
	if share := float64(script) / float64(len(page)); share < 0.25 || share > 0.45 {
		t.Errorf("script and style are %.2f of the page, want about a third", share)
	}
	if links := strings.Count(page, "<a "); links < 100 || links > 200 {
		t.Errorf("%d links, want about 135", links)
	}
	body := regexp.MustCompile(`(?s)<div class="article-body">(.*?)</div>\n<ul`).FindStringSubmatch(page)
	if body == nil || len(body[1]) < 3500 || len(body[1]) > 6000 {
		t.Errorf("article body of %d bytes, want about 4 KB", len(body))
	}
}

// serveOnce renders path without a network.
func serveOnce(h http.Handler, path string) []byte {
	req, _ := http.NewRequest("GET", "http://news.test"+path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

// encodingWithDecoder is the part of encoding.Encoding the tests need.
type encodingWithDecoder interface {
	NewDecoder() *encoding.Decoder
}
