package scrapertest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

func (s *Site) serveRobots(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	var b strings.Builder
	b.WriteString("# robots.txt for " + s.name + "\n\nUser-agent: *\n")
	for _, p := range s.Disallowed() {
		b.WriteString("Disallow: " + p + "\n")
	}
	if d := s.cfg.CrawlDelay; d > 0 {
		b.WriteString("Crawl-delay: " + strconv.FormatFloat(float64(d.Milliseconds())/1000, 'f', -1, 64) + "\n")
	}
	b.WriteString("\nUser-agent: BadBot\nDisallow: /\n\n")
	fmt.Fprintf(&b, "Sitemap: %s/sitemap.xml\nSitemap: %s/sitemap-news.xml\n", base, base)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(b.String()))
}

func (a *article) lastMod() time.Time {
	if !a.modified.IsZero() {
		return a.modified
	}
	return a.published
}

func writeXML(w http.ResponseWriter, ct string, body string) {
	w.Header().Set("Content-Type", ct)
	w.Write([]byte(xml.Header + body))
}

func xe(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (s *Site) serveSitemapIndex(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	mod := s.arts[0].lastMod().Format(time.RFC3339)
	var b strings.Builder
	b.WriteString("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	for _, p := range []string{"/sitemap-articles.xml.gz", "/sitemap-news.xml", "/sitemap-pages.xml"} {
		fmt.Fprintf(&b, "  <sitemap><loc>%s%s</loc><lastmod>%s</lastmod></sitemap>\n", base, p, mod)
	}
	b.WriteString("</sitemapindex>\n")
	writeXML(w, "application/xml; charset=utf-8", b.String())
}

// serveSitemapArticles lists every article but the feed-only one, gzipped
// (a .gz file, not a Content-Encoding).
func (s *Site) serveSitemapArticles(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	var b strings.Builder
	b.WriteString(xml.Header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	for _, a := range s.arts {
		if a.only == "feed" {
			continue
		}
		fmt.Fprintf(&b, "  <url><loc>%s</loc><lastmod>%s</lastmod><changefreq>monthly</changefreq></url>\n", xe(base+a.path), a.lastMod().Format(time.RFC3339))
	}
	b.WriteString("</urlset>\n")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(b.String()))
	zw.Close()
	w.Header().Set("Content-Type", "application/gzip")
	w.Write(buf.Bytes())
}

// serveSitemapNews is a Google News sitemap of the 30 newest linked
// articles.
func (s *Site) serveSitemapNews(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	var b strings.Builder
	b.WriteString("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n")
	for _, a := range s.linked[:min(30, len(s.linked))] {
		fmt.Fprintf(&b, "  <url>\n    <loc>%s</loc>\n    <news:news>\n      <news:publication><news:name>%s</news:name><news:language>%s</news:language></news:publication>\n", xe(base+a.path), xe(s.name), a.lang)
		fmt.Fprintf(&b, "      <news:publication_date>%s</news:publication_date>\n      <news:title>%s</news:title>\n    </news:news>\n  </url>\n", a.published.Format(time.RFC3339), xe(a.title))
	}
	b.WriteString("</urlset>\n")
	writeXML(w, "application/xml; charset=utf-8", b.String())
}

func (s *Site) serveSitemapPages(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	paths := []string{"/", "/about/", "/contact/", "/newsletter/", "/privacy/", "/terms/", "/careers/", "/login"}
	for _, sec := range enSections {
		paths = append(paths, "/"+sec.Slug+"/")
	}
	tags := make([]string, 0, len(s.byTag))
	for t := range s.byTag {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	for _, t := range tags {
		paths = append(paths, "/tag/"+t+"/")
	}
	var b strings.Builder
	b.WriteString("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "  <url><loc>%s</loc><changefreq>daily</changefreq></url>\n", xe(base+p))
	}
	b.WriteString("</urlset>\n")
	writeXML(w, "application/xml; charset=utf-8", b.String())
}

// feedItems returns the 20 newest linked articles, plus the feed-only one
// when withFeedOnly.
func (s *Site) feedItems(withFeedOnly bool) []*article {
	items := append([]*article(nil), s.linked[:min(20, len(s.linked))]...)
	if withFeedOnly {
		for _, a := range s.arts {
			if a.only == "feed" {
				items = append(items, a)
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].published.After(items[j].published) })
	return items
}

// serveRSS is an RSS 2.0 feed; it is the only place the feed-only article
// is listed.
func (s *Site) serveRSS(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	var b strings.Builder
	b.WriteString("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<link>%s/</link>\n<description>Latest stories from %s</description>\n<language>en</language>\n", xe(s.name), base, xe(s.name))
	fmt.Fprintf(&b, "<atom:link href=\"%s/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n", base)
	fmt.Fprintf(&b, "<lastBuildDate>%s</lastBuildDate>\n", s.arts[0].published.Format(time.RFC1123Z))
	for _, a := range s.feedItems(true) {
		fmt.Fprintf(&b, "<item>\n  <title>%s</title>\n  <link>%s</link>\n  <guid isPermaLink=\"true\">%s</guid>\n", xe(a.title), xe(base+a.path), xe(base+a.path))
		fmt.Fprintf(&b, "  <pubDate>%s</pubDate>\n  <description>%s</description>\n", a.published.Format(time.RFC1123Z), xe(a.desc))
		for _, au := range a.authors {
			fmt.Fprintf(&b, "  <dc:creator>%s</dc:creator>\n", xe(au))
		}
		fmt.Fprintf(&b, "  <category>%s</category>\n</item>\n", xe(a.sec.Name))
	}
	b.WriteString("</channel>\n</rss>\n")
	writeXML(w, "application/rss+xml; charset=utf-8", b.String())
}

func (s *Site) serveAtom(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	var b strings.Builder
	b.WriteString("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<id>%s/</id>\n<link href=\"%s/\"/>\n<link rel=\"self\" href=\"%s/atom.xml\"/>\n<updated>%s</updated>\n",
		xe(s.name), base, base, base, s.arts[0].lastMod().Format(time.RFC3339))
	for _, a := range s.feedItems(false) {
		fmt.Fprintf(&b, "<entry>\n  <title>%s</title>\n  <id>%s</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xe(a.title), xe(base+a.path), xe(base+a.path))
		fmt.Fprintf(&b, "  <published>%s</published>\n  <updated>%s</updated>\n  <summary>%s</summary>\n", a.published.Format(time.RFC3339), a.lastMod().Format(time.RFC3339), xe(a.desc))
		for _, au := range a.authors {
			fmt.Fprintf(&b, "  <author><name>%s</name></author>\n", xe(au))
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	writeXML(w, "application/atom+xml; charset=utf-8", b.String())
}

func (s *Site) serveJSONFeed(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	type author struct {
		Name string `json:"name"`
	}
	type item struct {
		ID            string   `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		Summary       string   `json:"summary"`
		DatePublished string   `json:"date_published"`
		Authors       []author `json:"authors"`
		Tags          []string `json:"tags"`
	}
	feed := struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Home    string `json:"home_page_url"`
		FeedURL string `json:"feed_url"`
		Items   []item `json:"items"`
	}{"https://jsonfeed.org/version/1.1", s.name, base + "/", base + "/feed.json", nil}
	for _, a := range s.feedItems(false) {
		it := item{ID: base + a.path, URL: base + a.path, Title: a.title, Summary: a.desc,
			DatePublished: a.published.Format(time.RFC3339), Tags: a.tags}
		for _, au := range a.authors {
			it.Authors = append(it.Authors, author{au})
		}
		feed.Items = append(feed.Items, it)
	}
	j, _ := json.MarshalIndent(feed, "", "  ")
	w.Header().Set("Content-Type", "application/feed+json; charset=utf-8")
	w.Write(j)
}

// serveImage serves a small PNG (logo, favicon) or JPEG (photos).
func (s *Site) serveImage(w http.ResponseWriter, r *http.Request) {
	img := image.NewRGBA(image.Rect(0, 0, 48, 27))
	seed := byte(len(r.URL.Path) * 7)
	for y := range 27 {
		for x := range 48 {
			img.Set(x, y, color.RGBA{seed + byte(x*5), byte(y * 9), 120, 255})
		}
	}
	var buf bytes.Buffer
	if strings.HasSuffix(r.URL.Path, ".jpg") {
		jpeg.Encode(&buf, img, &jpeg.Options{Quality: 70})
		w.Header().Set("Content-Type", "image/jpeg")
	} else {
		png.Encode(&buf, img)
		w.Header().Set("Content-Type", "image/png")
	}
	w.Write(buf.Bytes())
}

// minimalPDF returns a valid one-page PDF showing title.
func minimalPDF(title string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	stream := fmt.Sprintf("BT /F1 18 Tf 72 720 Td (%s) Tj ET", strings.NewReplacer("(", "", ")", "", "\\", "").Replace(title))
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
