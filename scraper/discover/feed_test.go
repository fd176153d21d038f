package discover

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseFeed(t *testing.T) {
	// gofeed reads dc:date as both the published and the updated date.
	tests := []struct {
		name string
		body []byte
		want []Entry
		err  error
	}{
		{name: "rss 2.0", body: []byte(rss2XML), want: []Entry{
			{URL: "https://news.example.com/first.html", Title: "First story", Published: date(t, "2024-01-02T10:00:00Z")},
			{URL: "/relative.html", Title: "Relative link", Published: date(t, "2024-01-03T09:00:00Z"), Modified: date(t, "2024-01-03T09:00:00Z")},
			{URL: "https://news.example.com/guid.html", Title: "Only a GUID"},
		}},
		{name: "gzipped rss", body: gz(t, []byte(rss2XML)), want: []Entry{
			{URL: "https://news.example.com/first.html", Title: "First story", Published: date(t, "2024-01-02T10:00:00Z")},
			{URL: "/relative.html", Title: "Relative link", Published: date(t, "2024-01-03T09:00:00Z"), Modified: date(t, "2024-01-03T09:00:00Z")},
			{URL: "https://news.example.com/guid.html", Title: "Only a GUID"},
		}},
		{name: "atom", body: []byte(atomXML), want: []Entry{
			{URL: "https://news.example.com/atom-story.html", Title: "Atom story",
				Published: date(t, "2024-01-04T08:00:00Z"), Modified: date(t, "2024-01-05T09:30:00Z")},
		}},
		{name: "json feed", body: []byte(jsonFeed), want: []Entry{
			{URL: "https://news.example.com/json-story.html", Title: "JSON story",
				Published: date(t, "2024-01-06T07:00:00Z"), Modified: date(t, "2024-01-06T08:00:00Z")},
		}},
		{name: "rdf", body: []byte(rdfXML), want: []Entry{
			{URL: "https://news.example.com/rdf-story.html", Title: "RDF story", Published: date(t, "2024-01-07T06:00:00Z"), Modified: date(t, "2024-01-07T06:00:00Z")},
		}},
		{name: "empty channel", body: []byte(`<rss version="2.0"><channel><title>x</title></channel></rss>`), want: []Entry{}},
		{name: "html is not a feed", body: []byte(htmlPage), err: ErrMalformed},
		{name: "sitemap is not a feed", body: []byte(urlsetXML), err: ErrMalformed},
		{name: "empty", body: nil, err: ErrMalformed},
		{name: "broken xml", body: []byte(`<rss version="2.0"><channel><item><title>x</ti`), err: ErrMalformed},
		{name: "broken json", body: []byte(`{"version":"https://jsonfeed.org/version/1","items":[{`), err: ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFeed(tt.body)
			if !errors.Is(err, tt.err) || (err != nil) != (tt.err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			assertEntries(t, "items", got, tt.want)
		})
	}
}

func TestParseFeedTooMany(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`<rss version="2.0"><channel><title>x</title>`)
	for i := range MaxEntries + 5 {
		fmt.Fprintf(&b, "<item><link>https://a.example/%d</link></item>", i)
	}
	b.WriteString(`</channel></rss>`)
	got, err := ParseFeed(b.Bytes())
	if !errors.Is(err, ErrTooMany) || len(got) != MaxEntries {
		t.Fatalf("%d entries, err %v; want %d, ErrTooMany", len(got), err, MaxEntries)
	}
}

func BenchmarkParseFeed(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>`)
	for i := range 100 {
		fmt.Fprintf(&buf, "<item><title>Story %d</title><link>https://a.example/%d.html</link><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate><description>Some text about the story.</description></item>", i, i)
	}
	buf.WriteString(`</channel></rss>`)
	b.ReportAllocs()
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if got, err := ParseFeed(buf.Bytes()); err != nil || len(got) != 100 {
			b.Fatal(len(got), err)
		}
	}
}

func TestParseFeedHostile(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		entries int
		err     error
	}{
		{"deep nesting", `<rss version="2.0"><channel>` + strings.Repeat("<item>", 100000), 0, ErrMalformed},
		{"deep json", `{"version":"https://jsonfeed.org/version/1","items":` + strings.Repeat("[", 100000), 0, ErrMalformed},
		{"entity expansion", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
			`<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>` +
			`<rss version="2.0"><channel><item><title>&d;&d;&d;&d;</title><link>https://a.example/1</link></item></channel></rss>`, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := ParseFeed([]byte(tt.body))
			if !errors.Is(err, tt.err) || (err != nil) != (tt.err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if len(entries) != tt.entries {
				t.Fatalf("%d entries, want %d", len(entries), tt.entries)
			}
			for _, e := range entries {
				if len(e.Title) > 1000 {
					t.Errorf("entity expanded into a %d-byte title", len(e.Title))
				}
			}
		})
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, s := range []string{rss2XML, atomXML, jsonFeed, rdfXML, "<rss><channel><item><link>x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > fuzzMaxBytes {
			return
		}
		entries, _ := ParseFeed(body)
		if len(entries) > MaxEntries {
			t.Fatalf("%d entries", len(entries))
		}
	})
}

// TestParseFeedKeepsBareAmpersand checks that a link with "&copy=2" (an
// HTML entity name without its semicolon) is kept as written in every
// feed format, as sitemaps keep it.
func TestParseFeedKeepsBareAmpersand(t *testing.T) {
	const want = "http://host/page?id=1&copy=2"
	feeds := map[string]string{
		"rss":       `<rss version="2.0"><channel><title>x</title><item><title>a</title><link>http://host/page?id=1&copy=2</link></item></channel></rss>`,
		"rss amp":   `<rss version="2.0"><channel><title>x</title><item><title>a</title><link>http://host/page?id=1&amp;copy=2</link></item></channel></rss>`,
		"atom":      `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><title>a</title><link href="http://host/page?id=1&amp;copy=2"/></entry></feed>`,
		"atom bare": `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><title>a</title><link href="http://host/page?id=1&copy=2"/></entry></feed>`,
		"rdf":       `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>x</title></channel><item><title>a</title><link>http://host/page?id=1&copy=2</link></item></rdf:RDF>`,
		"json":      `{"version":"https://jsonfeed.org/version/1","title":"x","items":[{"id":"1","url":"http://host/page?id=1&copy=2"}]}`,
	}
	for name, body := range feeds {
		t.Run(name, func(t *testing.T) {
			got, err := ParseFeed([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].URL != want {
				t.Fatalf("entries = %+v, want one with URL %q", got, want)
			}
		})
	}
}
