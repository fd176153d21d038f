package extract

import (
	"testing"
	"unicode/utf8"
)

// fuzzMaxBytes bounds the inputs of the fuzz targets. Bugs show on small
// pages, and every input the fuzzer finds interesting is minimized by
// running it again and again: large inputs made FuzzExtract crawl along at
// a few inputs a minute.
const fuzzMaxBytes = 8 << 10

// fuzzPages are small pages that between them reach most of the
// extractor: metadata sources, charsets, layouts and hostile markup. (The
// golden pages are larger; small seeds keep minimization cheap.)
var fuzzPages = []struct{ body, contentType string }{
	{`<html lang="en"><head><title>Harbour reopens | Gazette</title><meta property="og:site_name" content="Gazette">` +
		`<meta property="article:published_time" content="2024-05-17T09:30:00+02:00"><meta name="author" content="Jane Doe">` +
		`<link rel="canonical" href="/2024/05/17/harbour.html"></head><body><article><h1>Harbour reopens</h1>` +
		`<p class="byline">By Jane Doe and John Roe</p><p>The harbour reopened on Friday, three days after the storm.</p>` +
		`<p>Fishermen returned at dawn.</p></article></body></html>`, "text/html; charset=utf-8"},
	{`<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H",` +
		`"author":[{"@type":"Person","name":"A B"}],"datePublished":"2024-01-02","articleBody":"Body text here."}]}</script><p>Body text here.</p>`, ""},
	{`<div itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">T</h1><time itemprop="datePublished" datetime="2023-03-04">4 March</time>` +
		`<div itemprop="articleBody"><p>One.</p><p>Two.</p></div></div>`, "text/html"},
	{"<meta charset=\"windows-1256\"><p>\xe3\xdf\xca\xc8\xc9</p>", ""},
	{"<html><body><p>caf\xe9 na\xefve</p>", "text/html; charset=ISO-8859-1"},
	{"\xff\xfe<\x00p\x00>\x00x\x00", ""},
	{`<table><tr><td class="content"><font>Legacy layout, 12/05/2019</font><br><br>Text<br>More</td></tr></table>`, "text/html; \xf7ChArset="},
	{`<div class="paywall"><p>Teaser.</p><p>Subscribe to read more</p></div><div class="related"><a href="/a">A</a></div>`, "text/html"},
	{`<ul><li><a href="/1">One</a></li><li><a href="/2">Two</a></li></ul><nav><a href="/">Home</a></nav>`, "application/xhtml+xml"},
	{`<div class="AȺȺȺ--x"><p>` + "x" + `</p><div><div><div><p>deep</p></div></div></div></div><p>Dateline: PARIS (AFP) —</p>`, "text/html"},
}

func FuzzExtract(f *testing.F) {
	for _, p := range fuzzPages {
		f.Add([]byte(p.body), p.contentType)
	}
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		if len(body) > fuzzMaxBytes {
			return
		}
		art, err := Extract(Input{Body: body, URL: "https://example.org/2024/05/17/x", ContentType: ct, FetchedAt: fetchedAt})
		if err != nil {
			return
		}
		for _, s := range append([]string{art.Text, art.Title, art.Description, art.SiteName, art.Section}, append(art.Authors, art.Tags...)...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
		if art.Published != nil && art.Published.After(fetchedAt) {
			t.Fatalf("published %v after fetch", art.Published)
		}
	})
}

// FuzzDecodeHTML: any body with any Content-Type header decodes to valid
// UTF-8 under a charset name.
func FuzzDecodeHTML(f *testing.F) {
	for _, p := range fuzzPages {
		f.Add([]byte(p.body), p.contentType)
	}
	f.Add([]byte("<p>x</p>"), "text/html; \xf7ChArset=")
	f.Add([]byte("<p>x</p>"), `text/html; charset="shift_jis`)
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		if len(body) > fuzzMaxBytes {
			return
		}
		out, name, err := DecodeHTML(body, ct)
		if err != nil {
			return
		}
		if name == "" || !utf8.Valid(out) {
			t.Fatalf("DecodeHTML = %q under %q", out, name)
		}
		headerCharset(ct)
	})
}

// FuzzParseDate: dates as pages write them.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-05-17T09:30:00+02:00", "Fri, 17 May 2024 09:30:00 GMT", "17 mai 2024", "May 17th, 2024 9:30 a.m. EDT",
		"2024年5月17日", "12/05/2019", "1715931000", "17.05.2024 09:30 MESZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1024 {
			return
		}
		ParseDate(s)
		NormalizeLang(s)
		CleanAuthors(s)
	})
}
