package extract_test

import (
	"fmt"
	"time"

	"github.com/archivist-project/archivist/scraper/extract"
)

func ExampleExtract() {
	page := []byte(`<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Harbour ferry returns after repairs | The Coast Gazette</title>
<meta property="og:site_name" content="The Coast Gazette">
<meta property="article:published_time" content="2024-05-17T08:30:00+01:00">
<meta name="author" content="By Jo Harper, Transport Reporter">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour ferry returns after repairs</h1>
<p>The harbour ferry is back in service after six weeks of repairs to its engine, the operator said on Friday.</p>
<p>Crossings run every twenty minutes from seven in the morning, and the first week of tickets is half price.</p>
<div class="share-tools"><a href="#">Share</a></div>
</article>
</body></html>`)
	art, err := extract.Extract(extract.Input{
		Body:      page,
		URL:       "https://gazette.example/news/ferry",
		FetchedAt: time.Date(2024, 5, 18, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(art.Title)
	fmt.Println(art.Authors, art.Published.Format(time.RFC3339), art.Language, art.SiteName)
	fmt.Println(art.Text)
	// Output:
	// Harbour ferry returns after repairs
	// [Jo Harper] 2024-05-17T08:30:00+01:00 en-GB The Coast Gazette
	// The harbour ferry is back in service after six weeks of repairs to its engine, the operator said on Friday.
	//
	// Crossings run every twenty minutes from seven in the morning, and the first week of tickets is half price.
}

func ExampleParseDate() {
	for _, s := range []string{"2024-05-17T10:30:00+02:00", "17. Mai 2024", "May 17th, 2024 10:30 pm EST", "2024年5月17日"} {
		t, ok := extract.ParseDate(s)
		fmt.Println(t.Format(time.RFC3339), ok)
	}
	// Output:
	// 2024-05-17T10:30:00+02:00 true
	// 2024-05-17T00:00:00Z true
	// 2024-05-17T22:30:00-05:00 true
	// 2024-05-17T00:00:00Z true
}
