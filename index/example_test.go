package index_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
)

func Example() {
	ctx := context.Background()
	ix, err := index.NewMemOnly() // index.Open("archive.bleve") for a real one
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()

	published := time.Date(2024, 5, 10, 9, 0, 0, 0, time.UTC)
	err = ix.Put(ctx, []*corpus.Article{
		{
			ID: 1, URL: "https://news.example.com/climate-bill", Site: "news.example.com",
			Title: "Parliament votes on the climate bill", Authors: []string{"Jane Smith"},
			Published: &published, Language: "en-GB",
			Text: "Lawmakers approved the climate bill late on Thursday after a debate that lasted through the night.",
		},
		{
			ID: 2, URL: "https://news.example.com/final-whistle", Site: "news.example.com",
			Title: "The final whistle", Language: "en",
			Text: "When the final whistle blew, the stadium stood for ten minutes.",
		},
	})
	if err != nil {
		log.Fatal(err)
	}

	res, err := ix.Search(ctx, index.Request{
		Query:     `"climate bill" author:smith`,
		Lang:      "en",
		Highlight: index.HighlightPlain,
		Facets:    []string{"lang"},
		Histogram: index.PeriodMonth,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("total:", res.Total)
	for _, h := range res.Hits {
		fmt.Println(h.Title, "|", h.Published.Format(time.DateOnly), "|", h.Snippet)
	}
	fmt.Println("languages:", res.Facets["lang"])
	fmt.Println("histogram:", res.Histogram)

	_, err = ix.Search(ctx, index.Request{Query: `"climate bill`})
	fmt.Println(err)
	// Output:
	// total: 1
	// Parliament votes on the climate bill | 2024-05-10 | Lawmakers approved the [climate bill] late on Thursday after a debate that lasted through the night.
	// languages: [{en-GB 1}]
	// histogram: [{2024-05 1}]
	// bad query: unterminated quote: the " at character 1 is never closed
}
