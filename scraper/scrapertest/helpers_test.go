package scrapertest

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"
)

// fetched is one response, body read in full.
type fetched struct {
	status int
	header http.Header
	raw    []byte
	text   string // the body decoded to UTF-8 (HTML pages only)
}

// noRedirect is a client that returns redirects instead of following them
// and does not decompress.
func noRedirect(s *Server) *http.Client {
	c := *s.Client()
	tr := c.Transport.(*http.Transport).Clone()
	tr.DisableCompression = true
	c.Transport = tr
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// mustGet fetches path (or an absolute URL) and decodes HTML bodies with
// the charset from the header or the <meta> tags, as a browser would.
func mustGet(tb testing.TB, c *http.Client, s *Server, path string) fetched {
	tb.Helper()
	u := path
	if strings.HasPrefix(path, "/") {
		u = s.URL + path
	}
	resp, err := c.Get(u)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("GET %s: read body: %v", path, err)
	}
	f := fetched{status: resp.StatusCode, header: resp.Header, raw: raw}
	ct := resp.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "text/html") {
		r, err := charset.NewReader(bytes.NewReader(raw), ct)
		if err != nil {
			tb.Fatalf("GET %s: charset: %v", path, err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			tb.Fatalf("GET %s: decode: %v", path, err)
		}
		f.text = string(b)
	}
	return f
}

func mustDoc(tb testing.TB, html string) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		tb.Fatalf("parse HTML: %v", err)
	}
	return doc
}

// cleanText collapses whitespace and drops soft hyphens and zero-width
// spaces, as the extractor must.
func cleanText(s string) string {
	s = strings.NewReplacer("\u00ad", "", "\u200b", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// bodyText extracts the article body of one of our pages by its known
// structure: the reference the extractor's output is compared with.
func bodyText(doc *goquery.Document) string {
	box := doc.Find(".article-body, .story-content, .print-body, [itemprop=articleBody]").First()
	var parts []string
	box.Children().Each(func(_ int, el *goquery.Selection) {
		switch goquery.NodeName(el) {
		case "p":
			if el.HasClass("read-more") || el.HasClass("dateline") {
				return
			}
			parts = append(parts, cleanText(el.Text()))
		case "h2":
			parts = append(parts, cleanText(el.Text()))
		case "blockquote":
			parts = append(parts, cleanText(el.Text()))
		case "ul":
			var items []string
			el.Find("li").Each(func(_ int, li *goquery.Selection) { items = append(items, cleanText(li.Text())) })
			parts = append(parts, strings.Join(items, "\n"))
		}
	})
	return strings.Join(parts, "\n\n")
}

// links returns the same-host links of a page as absolute URLs without
// fragments, and the paths of every same-host href (query included).
func links(tb testing.TB, pageURL string, doc *goquery.Document) []string {
	tb.Helper()
	base, err := url.Parse(pageURL)
	if err != nil {
		tb.Fatalf("parse %s: %v", pageURL, err)
	}
	var out []string
	doc.Find("a[href], link[rel=alternate][href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		u, err := base.Parse(href)
		if err != nil || u.Host != base.Host || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		u.Fragment = ""
		out = append(out, u.String())
	})
	return out
}
