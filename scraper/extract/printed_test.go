package extract

import (
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestPrintedDateRules checks the rules that weigh the date a page prints
// against its metadata (printed.go), on small pages.
func TestPrintedDateRules(t *testing.T) {
	tests := []struct {
		name, url, head, body string
		pub, pubPrec          string
	}{
		{name: "a generic meta date gives way to a labelled date in the next element",
			head: `<meta name="date" content="2021-10-15">`,
			body: `<div><h1>Headline</h1><p>A lead of (62) words.</p></div><div><span>Erschienen am:</span><h2>13.10.2021</h2></div>` + para +
				`<div><h4>Zuletzt geändert am:</h4><ul><li>15.10.2021</li></ul></div>`,
			pub: "2021-10-13T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date gives way to the time under the headline",
			head: `<meta name="date" content="2020-04-30">`,
			body: `<article><h1>Headline</h1><ul><li>By A. Writer</li><li><time>29.04.2020, 12:01 Uhr</time></li></ul>` + para + `</article>`,
			pub:  "2020-04-29T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date gives way to a dateline near the article",
			head: `<meta name="DC.date" content="2021-12-20T11:02:44+01:00">`,
			body: `<article><div class="header"><span class="date">27.01.2022</span></div><h2>Headline</h2>` + para + `</article>`,
			pub:  "2022-01-27T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date is kept over an event's date in a sentence",
			head: `<meta name="date" content="2022-02-01">`,
			body: `<article><h1>Headline</h1><p>The choir sings again on <time datetime="2022-03-12">12 March 2022</time> in the town hall.</p>` + para + `</article>`,
			pub:  "2022-02-01T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date is kept over an event's date on its own line, with a time span",
			head: `<meta name="date" content="2022-02-01">`,
			body: `<article><h1>Konzert im Park</h1><p class="date">Samstag, 12. März 2022, 19:00–21:00 Uhr</p>` + para + `</article>`,
			pub:  "2022-02-01T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date is kept over a date labelled as the event's",
			head: `<meta name="date" content="2022-02-01">`,
			body: `<article><h1>Konzert im Park</h1><p><b>Termin:</b> <time>12.03.2022</time></p>` + para + `</article>`,
			pub:  "2022-02-01T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date is kept over an event's start date",
			head: `<meta name="date" content="2022-02-01">`,
			body: `<article><h1>Konzert im Park</h1><div><span class="date" itemprop="startDate">12.03.2022</span></div>` + para + `</article>`,
			pub:  "2022-02-01T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date gives way to a dateline with a time of day",
			head: `<meta name="date" content="2022-02-01">`,
			body: `<article><h1>Headline</h1><p class="date">28.01.2022 - 14:30 Uhr</p>` + para + `</article>`,
			pub:  "2022-01-28T00:00:00Z", pubPrec: "day"},
		{name: "a named publication time is kept over another printed day",
			head: `<meta property="article:published_time" content="2021-12-20T11:02:44+01:00"><meta name="date" content="2021-12-20">`,
			body: `<article><div class="header"><span class="date">27.01.2022</span></div><h2>Headline</h2>` + para + `</article>`,
			pub:  "2021-12-20T11:02:44+01:00", pubPrec: "second"},
		{name: "a generic meta date is kept over a printed change",
			head: `<meta name="date" content="2021-10-13">`,
			body: `<article><h1>Headline</h1><p><span>Aktualisiert:</span> <time>15.10.2021</time></p>` + para + `</article>`,
			pub:  "2021-10-13T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date is kept over a teaser's date",
			head: `<meta name="date" content="2021-10-13">`,
			body: `<article><h1>Headline</h1>` + para + `<div><span class="date">01.09.2021</span> <a href="/news/another-story">Four words of headline</a></div></article>`,
			pub:  "2021-10-13T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date is kept when the url's date disagrees with the printed one",
			url:  "https://example.org/2021/10/13/story",
			head: `<meta name="date" content="2021-10-13">`,
			body: `<article><h1>Headline</h1><span class="date">01.09.2021</span>` + para + `</article>`,
			pub:  "2021-10-13T00:00:00Z", pubPrec: "day"},
		{name: "a publication time just after the modification time is a render stamp",
			head: `<meta property="article:published_time" content="2022-11-17T10:33:13Z"><meta property="article:modified_time" content="2022-11-17T10:32:18Z">`,
			body: `<article><h1>Headline</h1><ul><li>von A. Writer</li><li><time datetime="2022-03-09">09.03.2022</time></li></ul>` + para + `</article>`,
			pub:  "2022-03-09T00:00:00Z", pubPrec: "day"},
		{name: "a publication an hour after the last edit is a scheduled post",
			head: `<meta property="article:published_time" content="2022-11-17T10:33:13Z"><meta property="article:modified_time" content="2022-11-17T09:32:18Z">`,
			body: `<article><h1>Headline</h1><ul><li>von A. Writer</li><li><time datetime="2022-03-09">09.03.2022</time></li></ul>` + para + `</article>`,
			pub:  "2022-11-17T10:33:13Z", pubPrec: "second"},
		{name: "a render stamp without a printed date is kept",
			head: `<meta property="article:published_time" content="2022-11-17T10:33:13Z"><meta property="article:modified_time" content="2022-11-17T10:32:18Z">`,
			body: `<article><h1>Headline</h1>` + para + `</article>`,
			pub:  "2022-11-17T10:33:13Z", pubPrec: "second"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := smallDatePage(t, tt.url, "Page", tt.head, tt.body)
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
		})
	}
}

// smallDatePage extracts a small page made of a title, head and body
// (a paragraph added), at url or a default one.
func smallDatePage(t *testing.T, url, title, head, body string) corpus.Article {
	t.Helper()
	if url == "" {
		url = "https://example.org/news/story"
	}
	page := `<!DOCTYPE html><html lang="de"><head><title>` + title + `</title>` + head + `</head><body>` + body + para + `</body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: url, FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	return art
}

// TestPrintedDatePages checks the date rules of printed.go on whole pages
// written for them (testdata/dates).
func TestPrintedDatePages(t *testing.T) {
	tests := []struct {
		name, url    string
		pub, pubPrec string
		mod, modPrec string
	}{
		// A press release: the generic meta date is the last change,
		// the page labels both; the publication in its own element.
		{name: "press_release_labels", url: "https://verband.example/presse/neue-praesidentin-gewaehlt",
			pub: "2021-10-13T00:00:00Z", pubPrec: "day", mod: "2021-10-15T00:00:00Z", modPrec: "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := mustReadFile(t, filepath.Join("testdata", "dates", tt.name+".html"))
			art, err := Extract(Input{Body: page, URL: tt.url, ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
			checkDate(t, "modified", art.Modified, art.ModifiedPrecision, tt.mod, tt.modPrec)
			if art.Text == "" {
				t.Errorf("no text extracted")
			}
		})
	}
}

// TestGenericChange checks that a generic meta date the printed date
// replaced is reported as the last change when it is later.
func TestGenericChange(t *testing.T) {
	tests := []struct {
		name, url, head, body string
		pub, pubPrec          string
		mod, modPrec          string
	}{
		{name: "a later generic meta date replaced by the printed date is the change",
			head: `<meta name="date" content="2021-10-15T08:12:00+02:00">`,
			body: `<div><h1>Headline</h1><p>A lead of (62) words.</p></div><div><span>Erschienen am:</span><h2>13.10.2021</h2></div>`,
			pub:  "2021-10-13T00:00:00Z", pubPrec: "day", mod: "2021-10-15T08:12:00+02:00", modPrec: "second"},
		{name: "an earlier generic meta date replaced by the printed date is no change",
			head: `<meta name="date" content="2021-10-11">`,
			body: `<div><h1>Headline</h1><p>A lead of (62) words.</p></div><div><span>Erschienen am:</span><h2>13.10.2021</h2></div>`,
			pub:  "2021-10-13T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date taken as the publication is no change",
			head: `<meta name="date" content="2021-10-15">`,
			body: `<article><h1>Headline</h1>` + para + `</article>`,
			pub:  "2021-10-15T00:00:00Z", pubPrec: "day"},
		{name: "a generic meta date stamped as the page was rendered is no change",
			head: `<meta name="date" content="2025-01-15T11:58:00Z">`,
			body: `<div><h1>Headline</h1><p>A lead of (62) words.</p></div><div><span>Erschienen am:</span><h2>13.10.2021</h2></div>`,
			pub:  "2021-10-13T00:00:00Z", pubPrec: "day"},
		{name: "the latest of two later generic dates is the change",
			head: `<meta name="date" content="2021-10-14"><meta name="DC.date" content="2021-10-15">`,
			body: `<div><h1>Headline</h1><p>A lead of (62) words.</p></div><div><span>Erschienen am:</span><h2>13.10.2021</h2></div>`,
			pub:  "2021-10-13T00:00:00Z", pubPrec: "day", mod: "2021-10-15T00:00:00Z", modPrec: "day"},
		{name: "a named modification time is kept over the generic date",
			head: `<meta name="date" content="2021-10-15"><meta property="article:modified_time" content="2021-10-14T09:00:00+02:00">`,
			body: `<div><h1>Headline</h1><p>A lead of (62) words.</p></div><div><span>Erschienen am:</span><h2>13.10.2021</h2></div>`,
			pub:  "2021-10-13T00:00:00Z", pubPrec: "day", mod: "2021-10-14T09:00:00+02:00", modPrec: "second"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := smallDatePage(t, tt.url, "Page", tt.head, tt.body)
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
			checkDate(t, "modified", art.Modified, art.ModifiedPrecision, tt.mod, tt.modPrec)
		})
	}
}

// TestModifiedZone checks that a UTC modification time is shown in the
// zone the publication time was reported in, the instant unchanged.
func TestModifiedZone(t *testing.T) {
	tests := []struct {
		name, head, body string
		pub, pubPrec     string
		mod, modPrec     string
	}{
		{name: "utc modification in the zone of the printed publication clock",
			head: `<meta property="article:published_time" content="2023-11-09T04:15:00Z"><meta property="article:modified_time" content="2023-11-09T04:26:00Z">`,
			body: `<article><h1>Headline</h1><div class="date">November 8, 2023, 11:15 PM</div>` + para + `</article>`,
			pub:  "2023-11-08T23:15:00-05:00", pubPrec: "second", mod: "2023-11-08T23:26:00-05:00", modPrec: "second"},
		{name: "utc modification beside an offset publication",
			head: `<meta property="article:published_time" content="2020-06-15T12:11:25+02:00"><meta property="article:modified_time" content="2020-06-15T10:16:21Z">`,
			pub:  "2020-06-15T12:11:25+02:00", pubPrec: "second", mod: "2020-06-15T12:16:21+02:00", modPrec: "second"},
		{name: "utc modification months later keeps utc",
			head: `<meta property="article:published_time" content="2020-01-15T12:11:25+01:00"><meta property="article:modified_time" content="2020-06-15T10:16:21Z">`,
			pub:  "2020-01-15T12:11:25+01:00", pubPrec: "second", mod: "2020-06-15T10:16:21Z", modPrec: "second"},
		{name: "utc publication and modification stay utc",
			head: `<meta property="article:published_time" content="2020-06-15T10:11:25Z"><meta property="article:modified_time" content="2020-06-15T10:16:21Z">`,
			pub:  "2020-06-15T10:11:25Z", pubPrec: "second", mod: "2020-06-15T10:16:21Z", modPrec: "second"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := smallDatePage(t, "", "Page", tt.head, tt.body)
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
			checkDate(t, "modified", art.Modified, art.ModifiedPrecision, tt.mod, tt.modPrec)
		})
	}
}
