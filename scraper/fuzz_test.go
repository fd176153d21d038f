package scraper

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/archivist-project/archivist/scraper/extract"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// FuzzLinks: the links of any page, taken as the crawler takes them
// (from the extractor's tree, or by the tokenizer when the page does not
// parse), are absolute, normalized URLs.
func FuzzLinks(f *testing.F) {
	for _, s := range []string{
		`<base href="/sub/"><a href="a.html">a</a><a href="//x.test/b?utm_source=1">b</a><a href="javascript:x">j</a>`,
		`<link rel="canonical" href="https://a.test/c"><link rel="alternate" type="application/rss+xml" href="/feed">` +
			`<link rel="next" href="?page=2"><meta name="robots" content="NOFOLLOW,noindex">`,
		`<area href="../up"><frame src="f.html"><iframe src="http://[::1]:80/i"></iframe><a href=" HTTP://B&Uuml;CHER.de/%7e ">u</a>`,
		"<a href=\"\xff\xfe\">bad</a><a href=\"#top\">t</a><a href=\"http://a.test:99999/\">p</a>",
	} {
		f.Add([]byte(s), "https://a.test/dir/page.html")
	}
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		if len(page) > 8<<10 || len(pageURL) > 2<<10 {
			return
		}
		var pl pageLinks
		if doc, err := extract.Parse(extract.Input{Body: page, URL: pageURL}, extract.Options{}); err == nil {
			pl = linksOf(doc.Root(), pageURL, nil)
			// The crawl's cache, filled by the same page at another
			// path and then by itself, changes nothing.
			rc := newResolveCache(4)
			if u, err := url.Parse(pageURL); err == nil {
				u.Path, u.RawPath, u.RawQuery = "/other/dir/", "", "q=1"
				linksOf(doc.Root(), u.String(), rc)
			}
			for range 2 {
				if got := linksOf(doc.Root(), pageURL, rc); !reflect.DeepEqual(got, pl) {
					t.Fatalf("with the cache: %+v\nwithout: %+v", got, pl)
				}
			}
		} else {
			pl = extractLinks(page, pageURL)
		}
		check := func(what, u string) {
			if n, err := urlnorm.Normalize(u); err != nil || n != u {
				t.Fatalf("%s %q: not a normalized URL (%q, %v)", what, u, n, err)
			}
		}
		for _, l := range pl.links {
			check("link", l)
		}
		for _, l := range pl.feeds {
			check("feed", l)
		}
		if pl.canonical != "" {
			check("canonical", pl.canonical)
		}
		extractLinks(page, pageURL)
	})
}

// FuzzRetryAfter: any Retry-After header gives a wait between 0 and an
// hour.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "Fri, 31 Dec 1999 23:59:59 GMT", "-5", "99999999999999999999", "Mon, 02 Jan 2006 15:04:05 MST"} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d := retryAfter(http.Header{"Retry-After": {v}}, now)
		if d < 0 || d > maxRetryAfter {
			t.Fatalf("retryAfter(%q) = %v", v, d)
		}
	})
}
