package extract

import (
	"testing"
)

// TestNearTimeRoles checks which <time> elements near the article date
// the page: the first unmarked one may be a date the story talks about
// (a kick-off in a sentence) or a change ("Last updated:" in the text).
func TestNearTimeRoles(t *testing.T) {
	tests := []struct {
		name, url, head, body string
		pub, pubPrec          string
		mod, modPrec          string
	}{
		{name: "a kick-off time in a sentence is not the page's, the byline's day is",
			body: `<article><h1>Headline</h1><p>The final <time datetime="2024-06-14T20:00:00+02:00">kicks off at 8pm on Sunday</time> in Berlin, and the coach named his side on Thursday after training.</p>` +
				`<div class="byline">By Jane Roe <span class="date">12 June 2024</span></div>` + para + `</article>`,
			pub: "2024-06-12T00:00:00Z", pubPrec: "day"},
		{name: "a kick-off time in a sentence, no other date",
			body: `<article><h1>Headline</h1><p>The final kicks off at <time datetime="2024-06-14T20:00:00+02:00">8pm on Sunday</time> in Berlin, and the coach named his side on Thursday after training.</p>` + para + `</article>`},
		{name: "a last updated line over the published line",
			body: `<article><h1>Headline</h1><p>Last updated: <time datetime="2024-06-13T09:15:00+01:00">13 June 2024</time></p>` +
				`<p>Published <time datetime="2024-06-12T18:00:00+01:00">12 June 2024</time></p>` + para + `</article>`,
			pub: "2024-06-12T18:00:00+01:00", pubPrec: "second", mod: "2024-06-13T09:15:00+01:00", modPrec: "second"},
		{name: "an updated line over a plain time",
			body: `<article><h1>Headline</h1><div>Updated <time datetime="2024-06-13T09:15:00+01:00">13 June 2024, 9:15</time></div>` +
				`<div><time datetime="2024-06-12T18:00:00+01:00">12 June 2024, 18:00</time></div>` + para + `</article>`,
			pub: "2024-06-12T18:00:00+01:00", pubPrec: "second", mod: "2024-06-13T09:15:00+01:00", modPrec: "second"},
		{name: "aktualisiert in german",
			body: `<article><h1>Headline</h1><p><span>Aktualisiert am</span> <time datetime="2024-06-13T09:15:00+02:00">13.06.2024, 09:15 Uhr</time></p>` +
				`<p><span>Erstellt am</span> <time datetime="2024-06-12T18:00:00+02:00">12.06.2024, 18:00 Uhr</time></p>` + para + `</article>`,
			pub: "2024-06-12T18:00:00+02:00", pubPrec: "second", mod: "2024-06-13T09:15:00+02:00", modPrec: "second"},
		// Must not change.
		{name: "a lone byline time is the page's",
			body: `<article><h1>Headline</h1><p class="byline">By Jane Roe, <time datetime="2024-06-12T18:00:00+01:00">12 June 2024</time></p>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+01:00", pubPrec: "second"},
		{name: "posted by at the foot of a blog post",
			body: `<article><h1>Headline</h1>` + para + `<p>Posted by Jane at <time datetime="2024-06-12T18:00:00+01:00">6:00 PM</time></p></article>`,
			pub:  "2024-06-12T18:00:00+01:00", pubPrec: "second"},
		{name: "a metadata date is kept whatever the text says",
			head: `<meta property="article:published_time" content="2024-06-10T07:00:00+00:00">`,
			body: `<article><h1>Headline</h1><p>The final kicks off at <time datetime="2024-06-14T20:00:00+02:00">8pm on Sunday</time> in Berlin, and the coach named his side on Thursday.</p>` + para + `</article>`,
			pub:  "2024-06-10T07:00:00Z", pubPrec: "second"},
		{name: "only an updated line: its day is all there is",
			body: `<article><h1>Headline</h1><p>Updated <time datetime="2024-06-13T09:15:00+01:00">13 June 2024</time></p>` + para + `</article>`,
			pub:  "2024-06-13T00:00:00Z", pubPrec: "day", mod: "2024-06-13T09:15:00+01:00", modPrec: "second"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.url
			if u == "" {
				u = "https://example.org/news/story"
			}
			page := `<!DOCTYPE html><html lang="en"><head><title>Page</title>` + tt.head + `</head><body>` + tt.body + para + `</body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: u, FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
			checkDate(t, "modified", art.Modified, art.ModifiedPrecision, tt.mod, tt.modPrec)
		})
	}
}
