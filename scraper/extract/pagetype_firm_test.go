package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestFirmOtherKind: otherKind's evidence of the URL and the markup holds
// over the page-type model (decideType), and what is only declared, or a
// "Buy now" alone, does not. Each page to type otherwise is one the model
// alone calls an article at these URLs: an undated, unsigned range of a
// joiner's benches, four paragraphs of prose and then items named for
// their prices; a shop's page of prose under an "Add to basket" button.
// The pages to keep are the same range signed and dated, the same range
// on a CMS's single-post template, and an undated review whose "Buy now"
// leads to a shop.
func TestFirmOtherKind(t *testing.T) {
	const (
		range1 = "https://oakfield.example/benches/hand-made-oak-garden-benches-for-sale"
		range2 = "https://oakfield.example/2024/benches.html"
		range3 = "https://oakfield.example/news/hand-made-garden-benches"
		shop1  = "https://gadgetshelf.example/reviews/quiet-pods-3-review"
		shop2  = "https://gadgetshelf.example/audio/quiet-pods-3-noise-cancelling-earbuds"
	)
	tests := []struct {
		file, url string
		article   bool
		want      string // the type when not an article; "" for any
	}{
		{"typepos/range_prices_prose.html", range1, false, ""},
		{"typepos/range_prices_prose.html", range2, false, ""},
		{"typepos/range_prices_prose.html", range3, false, ""},
		{"typepos/shop_basket_prose.html", shop1, false, corpus.PageTypeProduct},
		{"typepos/shop_basket_prose.html", shop2, false, corpus.PageTypeProduct},
		{"typeneg/range_prices_dated.html", range1, true, ""},
		{"typeneg/range_prices_dated.html", range3, true, ""},
		{"typeneg/range_prices_cmspost.html", range1, true, ""},
		{"typeneg/range_prices_cmspost.html", range2, true, ""},
		{"typeneg/review_buy_undated.html", shop1, true, ""},
		{"typeneg/review_buy_undated.html", shop2, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.file+" "+tc.url, func(t *testing.T) {
			art, err := Extract(Input{Body: mustReadFile(t, "testdata/"+tc.file), URL: tc.url,
				ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			got := art.PageType == corpus.PageTypeArticle
			if got != tc.article || !tc.article && tc.want != "" && art.PageType != tc.want {
				t.Errorf("page type %q, want article %v (%q)", art.PageType, tc.article, tc.want)
			}
		})
	}
}
