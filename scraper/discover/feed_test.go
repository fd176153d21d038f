package discover

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"slices"
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

func TestFeedLinks(t *testing.T) {
	base, err := url.Parse("https://news.example.com/section/page.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"relative, absolute, duplicates and junk", htmlPage, []string{
			"https://news.example.com/feed.rss",
			"https://news.example.com/section/atom.xml",
			"https://news.example.com/feed.json",
			"https://news.example.com/body-feed.xml",
		}},
		{"base href", `<html><head><base href="https://cdn.example.com/x/"><link rel=alternate type=application/rss+xml href=feed></head></html>`,
			[]string{"https://cdn.example.com/x/feed"}},
		{"relative base href", `<head><base href="/other/"><link rel="alternate" type="application/atom+xml" href="a.xml"/>`,
			[]string{"https://news.example.com/other/a.xml"}},
		{"only first base counts", `<base href="/one/"><base href="/two/"><link rel="alternate" type="application/rss+xml" href="f">`,
			[]string{"https://news.example.com/one/f"}},
		{"not alternate", `<link rel="feed" type="application/rss+xml" href="/f">`, nil},
		{"wrong type", `<link rel="alternate" type="text/html" href="/mobile/">`, nil},
		{"no href", `<link rel="alternate" type="application/rss+xml">`, nil},
		{"a tag ignored", `<a rel="alternate" type="application/rss+xml" href="/f">feed</a>`, nil},
		{"empty", ``, nil},
		{"broken html", `<link rel="alternate" type="application/rss+xml" href="/f"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FeedLinks([]byte(tt.html), base)
			if !slices.Equal(got, tt.want) {
				t.Errorf("FeedLinks = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("nil base keeps absolute links only", func(t *testing.T) {
		got := FeedLinks([]byte(`<link rel="alternate" type="application/rss+xml" href="/rel"><link rel="alternate" type="application/rss+xml" href="https://a.example/abs">`), nil)
		if want := []string{"https://a.example/abs"}; !slices.Equal(got, want) {
			t.Errorf("FeedLinks = %q, want %q", got, want)
		}
	})
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

func BenchmarkFeedLinks(b *testing.B) {
	page := []byte(htmlPage + string(bytes.Repeat([]byte("<p>paragraph of article <a href=\"/x\">text</a></p>\n"), 1500)))
	base, _ := url.Parse("https://news.example.com/")
	b.ReportAllocs()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if len(FeedLinks(page, base)) != 4 {
			b.Fatal("feed links")
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
		entries, _ := ParseFeed(body)
		if len(entries) > MaxEntries {
			t.Fatalf("%d entries", len(entries))
		}
	})
}

func FuzzFeedLinks(f *testing.F) {
	f.Add([]byte(htmlPage), "https://a.example/x/")
	f.Add([]byte(`<base href="//b.example/"><link rel=alternate type=application/rss+xml href="../f">`), "https://a.example/")
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		base, err := url.Parse(pageURL)
		if err != nil {
			base = nil
		}
		for _, u := range FeedLinks(page, base) {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("FeedLinks returned %q", u)
			}
		}
	})
}
