package discover

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

func date(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestParseSitemap(t *testing.T) {
	urlsetPages := []Entry{
		{URL: "https://news.example.com/2024/01/02/first.html", Modified: date(t, "2024-01-02T10:30:00+01:00")},
		{URL: "https://news.example.com/2024/01/03/second.html?a=1&b=2", Modified: date(t, "2024-01-03T00:00:00Z")},
		{URL: "https://news.example.com/third.html"},
	}
	indexChildren := []Entry{
		{URL: "https://news.example.com/sitemap-2024.xml.gz", Modified: date(t, "2024-02-01T00:00:00Z")},
		{URL: "https://news.example.com/sitemap-news.xml"},
	}
	tests := []struct {
		name          string
		body          []byte
		pages, childs []Entry
		err           error
	}{
		{name: "urlset", body: []byte(urlsetXML), pages: urlsetPages},
		{name: "sitemap index", body: []byte(indexXML), childs: indexChildren},
		{name: "gzipped urlset", body: gz(t, []byte(urlsetXML)), pages: urlsetPages},
		{name: "gzipped index", body: gz(t, []byte(indexXML)), childs: indexChildren},
		{name: "google news", body: []byte(newsXML), pages: []Entry{
			{URL: "https://news.example.com/world/summit.html", Published: date(t, "2024-03-05T08:15:00Z"), Title: "Leaders meet & agree"},
			{URL: "https://news.example.com/economy/rates.html", Published: date(t, "2024-03-04T00:00:00Z"), Title: "Rates unchanged"},
		}},
		{name: "utf-8 bom", body: append([]byte{0xef, 0xbb, 0xbf}, urlsetXML...), pages: urlsetPages},
		{name: "no namespace, upper case, bare ampersand and character reference", body: []byte(
			`<URLSET><URL><LOC>https://a.example/caf&#233;?a=1&b=2</LOC><LASTMOD>2024-05-06T07:08:09.123Z</LASTMOD></URL></URLSET>`),
			pages: []Entry{{URL: "https://a.example/café?a=1&b=2", Modified: date(t, "2024-05-06T07:08:09.123Z")}}},
		{name: "prefixed sitemap namespace", body: []byte(
			`<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc>https://a.example/p</sm:loc></sm:url></sm:urlset>`),
			pages: []Entry{{URL: "https://a.example/p"}}},
		{name: "latin-1 declared", body: append([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><urlset><url><loc>https://a.example/caf`),
			append([]byte{0xe9}, []byte(`</loc></url></urlset>`)...)...),
			pages: []Entry{{URL: "https://a.example/café"}}},
		{name: "utf-16 with bom", body: []byte(utf16LE("\ufeff<?xml version='1.0' encoding='utf-16'?><urlset><url><loc>https://a.example/é</loc></url></urlset>")),
			pages: []Entry{{URL: "https://a.example/é"}}},
		{name: "junk before declaration", body: []byte("Warning: headers already sent\n" + urlsetXML), pages: urlsetPages},
		{name: "bad lastmod ignored", body: []byte(`<urlset><url><loc>https://a.example/p</loc><lastmod>yesterday</lastmod></url></urlset>`),
			pages: []Entry{{URL: "https://a.example/p"}}},
		{name: "plain text", body: []byte("https://a.example/1\n\n  https://a.example/2  \r\nnot a url\nhttp://a.example/3"),
			pages: []Entry{{URL: "https://a.example/1"}, {URL: "https://a.example/2"}, {URL: "http://a.example/3"}}},
		{name: "gzipped plain text", body: gz(t, []byte("https://a.example/1\n")), pages: []Entry{{URL: "https://a.example/1"}}},
		{name: "empty", body: nil},
		{name: "whitespace", body: []byte(" \n\t ")},
		{name: "empty urlset", body: []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>`)},
		{name: "rss is not a sitemap", body: []byte(rss2XML), err: ErrNotSitemap},
		{name: "html is not a sitemap", body: []byte(htmlPage), err: ErrNotSitemap},
		{name: "text without urls", body: []byte("hello\nworld\n"), err: ErrNotSitemap},
		{name: "truncated xml keeps what was read", body: []byte(urlsetXML[:strings.Index(urlsetXML, "<url><loc><![CDATA")+12]),
			pages: urlsetPages[:2], err: ErrMalformed},
		{name: "truncated gzip keeps what was inflated", body: gz(t, []byte(urlsetXML))[:len(gz(t, []byte(urlsetXML)))-12],
			pages: urlsetPages, err: ErrMalformed},
		{name: "garbage gzip", body: []byte{0x1f, 0x8b, 0, 1, 2, 3}, err: ErrMalformed},
		{name: "malformed tag", body: []byte(`<urlset><url><loc>https://a.example/1</loc></url><url <<<`), pages: []Entry{{URL: "https://a.example/1"}}, err: ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, childs, err := ParseSitemap(tt.body)
			if !errors.Is(err, tt.err) || (err != nil) != (tt.err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			assertEntries(t, "pages", pages, tt.pages)
			assertEntries(t, "children", childs, tt.childs)
		})
	}
}

func assertEntries(tb testing.TB, what string, got, want []Entry) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("%s: got %d entries, want %d:\n%+v", what, len(got), len(want), got)
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.URL != w.URL || g.Title != w.Title || !g.Modified.Equal(w.Modified) || !g.Published.Equal(w.Published) {
			tb.Errorf("%s[%d] = %+v\nwant %+v", what, i, g, w)
		}
	}
}

func TestParseSitemapGzipBomb(t *testing.T) {
	bomb := gzipBomb(t, 1<<30)
	t.Logf("1 GiB bomb is %d bytes compressed", len(bomb))
	_, _, err := ParseSitemap(bomb)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if k := Sniff(bomb, "application/x-gzip", "https://a.example/s.xml.gz"); k != KindOther {
		t.Errorf("Sniff(bomb) = %v, want other", k)
	}
	if _, err := ParseFeed(bomb); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ParseFeed(bomb) err = %v, want ErrTooLarge", err)
	}
}

func TestParseSitemapTooMany(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range MaxEntries + 10 {
		fmt.Fprintf(&b, "<url><loc>https://a.example/%d</loc></url>\n", i)
	}
	b.WriteString(`</urlset>`)
	pages, _, err := ParseSitemap(b.Bytes())
	if !errors.Is(err, ErrTooMany) {
		t.Fatalf("err = %v, want ErrTooMany", err)
	}
	if len(pages) != MaxEntries || pages[MaxEntries-1].URL != fmt.Sprintf("https://a.example/%d", MaxEntries-1) {
		t.Fatalf("got %d pages, want the first %d", len(pages), MaxEntries)
	}

	b.Reset()
	for i := range MaxEntries + 1 {
		fmt.Fprintf(&b, "https://a.example/%d\n", i)
	}
	pages, _, err = ParseSitemap(b.Bytes())
	if !errors.Is(err, ErrTooMany) || len(pages) != MaxEntries {
		t.Fatalf("text: %d pages, err %v; want %d, ErrTooMany", len(pages), err, MaxEntries)
	}
}

func TestParseSitemapDeepNesting(t *testing.T) {
	body := "<urlset>" + strings.Repeat("<a>", 100000) + "</urlset>"
	if _, _, err := ParseSitemap([]byte(body)); !errors.Is(err, ErrMalformed) {
		t.Fatalf("err = %v, want ErrMalformed", err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-01-02", "2024-01-02T00:00:00Z"},
		{"2024-01", "2024-01-01T00:00:00Z"},
		{"2024", "2024-01-01T00:00:00Z"},
		{"2024-01-02T03:04Z", "2024-01-02T03:04:00Z"},
		{"2024-01-02T03:04+02:00", "2024-01-02T03:04:00+02:00"},
		{"2024-01-02T03:04:05+02:00", "2024-01-02T03:04:05+02:00"},
		{"2024-01-02T03:04:05.5-05:00", "2024-01-02T03:04:05.5-05:00"},
		{"2024-01-02T03:04:05", "2024-01-02T03:04:05Z"},
		{"2024-01-02 03:04:05", "2024-01-02T03:04:05Z"},
		{"2024-01-02T03:04:05+0200", "2024-01-02T03:04:05+02:00"},
		{" 2024-01-02 ", "2024-01-02T00:00:00Z"},
		{"Tue, 02 Jan 2024 10:00:00 GMT", "2024-01-02T10:00:00Z"},
		{"", ""},
		{"soon", ""},
		{"2024-13-45", ""},
	}
	for _, tt := range tests {
		got := parseDate(tt.in)
		if tt.want == "" {
			if !got.IsZero() {
				t.Errorf("parseDate(%q) = %v, want zero", tt.in, got)
			}
			continue
		}
		if want := date(t, tt.want); !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, want %v", tt.in, got, want)
		}
	}
}

func TestSince(t *testing.T) {
	cut := date(t, "2024-01-10T00:00:00Z")
	old := date(t, "2024-01-01T00:00:00Z")
	recent := date(t, "2024-01-20T00:00:00Z")
	entries := []Entry{
		{URL: "undated"},
		{URL: "old published", Published: old},
		{URL: "recent published", Published: recent},
		{URL: "old modified", Modified: old},
		{URL: "recent modified", Modified: recent},
		{URL: "old published, recently modified", Published: old, Modified: recent},
		{URL: "exactly at the cut", Published: cut},
	}
	want := []string{"undated", "recent published", "recent modified", "exactly at the cut"}
	got := Since(entries, cut)
	if len(got) != len(want) {
		t.Fatalf("Since kept %+v", got)
	}
	for i := range got {
		if got[i].URL != want[i] {
			t.Errorf("Since[%d] = %q, want %q", i, got[i].URL, want[i])
		}
	}
	if all := Since([]Entry{{URL: "a", Published: old}}, time.Time{}); len(all) != 1 {
		t.Errorf("Since(zero) dropped entries")
	}
}

func TestDecompress(t *testing.T) {
	plain := []byte("hello")
	if got, err := Decompress(plain, 10); err != nil || string(got) != "hello" {
		t.Errorf("plain: %q, %v", got, err)
	}
	if _, err := Decompress(plain, 4); !errors.Is(err, ErrTooLarge) {
		t.Errorf("plain over max: err = %v", err)
	}
	if got, err := Decompress(gz(t, plain), 5); err != nil || string(got) != "hello" {
		t.Errorf("gzip at max: %q, %v", got, err)
	}
	if _, err := Decompress(gz(t, plain), 4); !errors.Is(err, ErrTooLarge) {
		t.Errorf("gzip over max: err = %v", err)
	}
	two := append(gz(t, []byte("ab")), gz(t, []byte("cd"))...)
	if got, err := Decompress(two, 10); err != nil || string(got) != "abcd" {
		t.Errorf("multi-member: %q, %v", got, err)
	}
}

func FuzzParseSitemap(f *testing.F) {
	for _, s := range []string{urlsetXML, indexXML, newsXML, "https://a.example/1\nhttps://a.example/2", "<urlset><url><loc>x"} {
		f.Add([]byte(s))
	}
	f.Add(gz(f, []byte(newsXML)))
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > fuzzMaxBytes {
			return
		}
		// A gzip bomb inflates up to MaxDecompressed (50 MiB), which takes
		// long enough to overrun the fuzzer's time limit; the limit itself
		// is tested apart (TestDecompress and the crawl's big-sitemap
		// tests). Here, inputs inflating past 4 MiB are left out.
		if _, err := Decompress(body, 4<<20); errors.Is(err, ErrTooLarge) {
			return
		}
		pages, children, err := ParseSitemap(body)
		if len(pages)+len(children) > MaxEntries {
			t.Fatalf("%d entries", len(pages)+len(children))
		}
		for _, e := range append(pages, children...) {
			if e.URL == "" {
				t.Fatalf("empty URL in %+v (err %v)", e, err)
			}
		}
	})
}

// benchSitemap builds a Google News sitemap of n URLs.
func benchSitemap(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
	for i := range n {
		fmt.Fprintf(&b, `<url><loc>https://news.example.com/2024/01/02/story-number-%d.html</loc><lastmod>2024-01-02T10:30:00+01:00</lastmod>`+
			`<news:news><news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>`+
			`<news:publication_date>2024-01-02T10:00:00Z</news:publication_date><news:title>Story %d</news:title></news:news></url>`+"\n", i, i)
	}
	b.WriteString(`</urlset>`)
	return b.Bytes()
}

func BenchmarkParseSitemap(b *testing.B) {
	for _, n := range []int{1000, MaxEntries} {
		body := benchSitemap(n)
		for _, c := range []struct {
			name string
			body []byte
		}{{"xml", body}, {"gzip", gz(b, body)}} {
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					pages, _, err := ParseSitemap(c.body)
					if err != nil || len(pages) != n {
						b.Fatal(len(pages), err)
					}
				}
			})
		}
	}
}

func TestResolve(t *testing.T) {
	base, err := url.Parse("https://news.example.com/feeds/main.xml")
	if err != nil {
		t.Fatal(err)
	}
	pub := date(t, "2024-01-02T00:00:00Z")
	entries := []Entry{
		{URL: "https://News.Example.com/a?utm_source=rss", Title: "A", Published: pub},
		{URL: "/b"},
		{URL: "c.html"},
		{URL: "https://news.example.com/a#comments", Title: "A again"},
		{URL: "javascript:void(0)"},
		{URL: ""},
		{URL: "mailto:x@example.com"},
		{URL: "http://[::1"},
	}
	want := []Entry{
		{URL: "https://news.example.com/a", Title: "A", Published: pub},
		{URL: "https://news.example.com/b"},
		{URL: "https://news.example.com/feeds/c.html"},
	}
	assertEntries(t, "resolved", Resolve(entries, base), want)
	if got := Resolve([]Entry{{URL: "/rel"}, {URL: "http://a.example/x"}}, nil); len(got) != 1 || got[0].URL != "http://a.example/x" {
		t.Errorf("Resolve(nil base) = %+v", got)
	}
}

// TestSitemapXMLReferences checks that <loc> text is decoded as XML, not
// HTML: only the five predefined entities and character references are
// replaced. An HTML decoder turned "?id=1&copy=2" into "?id=1©=2".
func TestSitemapXMLReferences(t *testing.T) {
	tests := []struct{ loc, want string }{
		{"http://host/page?id=1&copy=2", "http://host/page?id=1&copy=2"},
		{"http://host/page?id=1&amp;copy=2", "http://host/page?id=1&copy=2"},
		{"http://host/p?a=1&reg;&nbsp;&eacute;", "http://host/p?a=1&reg;&nbsp;&eacute;"},
		{"http://host/p?a=&lt;&gt;&quot;&apos;&amp;", `http://host/p?a=<>"'&`},
		{"http://host/caf&#233;&#xe9;&#xE9;", "http://host/cafééé"},
		{"http://host/p?&#X41;&#;&#x;&#65&#0;&#xD800;&#1114112;", "http://host/p?&#X41;&#;&#x;&#65&#0;&#xD800;&#1114112;"},
		{"http://host/p?a=1&", "http://host/p?a=1&"},
		{"http://host/p?a=&amp&lt", "http://host/p?a=&amp&lt"},
		{"http://host/p?q=&amp;amp;", "http://host/p?q=&amp;"},
	}
	for _, tt := range tests {
		t.Run(tt.loc, func(t *testing.T) {
			body := "<urlset><url><loc>" + tt.loc + "</loc></url></urlset>"
			pages, _, err := ParseSitemap([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 1 || pages[0].URL != tt.want {
				t.Fatalf("pages = %+v, want one with URL %q", pages, tt.want)
			}
		})
	}
}

// TestSitemapXMLDeclarationTarget: only "<?xml " declares an encoding;
// "<?xmlencoding=..." is another processing instruction (found by
// FuzzScanSitemap: the scanner failed on the unknown encoding it named).
func TestSitemapXMLDeclarationTarget(t *testing.T) {
	for _, body := range []string{
		`<?xmlencoding="0"?><urlset><url><loC>http://a.test/</loC></url></urlset>`,
		`<?xml-stylesheet encoding="nope"?><urlset><url><loc>http://a.test/</loc></url></urlset>`,
	} {
		pages, _, err := ParseSitemap([]byte(body))
		if err != nil || len(pages) != 1 {
			t.Errorf("ParseSitemap(%q) = %v, %v", body, pages, err)
		}
	}
	if _, _, err := ParseSitemap([]byte(`<?xml version="1.0" encoding="nope"?><urlset></urlset>`)); !errors.Is(err, ErrMalformed) {
		t.Errorf("unknown encoding in a real declaration: %v", err)
	}
}

// TestLocalName: prefixes as encoding/xml reads them (FuzzScanSitemap
// found "<:url>" read as <url> by the scanner only).
func TestLocalName(t *testing.T) {
	for in, want := range map[string]string{"url": "url", "sm:url": "url", ":url": ":url", "url:": "url:", ":": ":", "": ""} {
		if got := string(localName([]byte(in))); got != want {
			t.Errorf("localName(%q) = %q, want %q", in, got, want)
		}
	}
}
