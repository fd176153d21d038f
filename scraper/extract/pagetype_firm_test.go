package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestFirmOtherKind: a button that adds to the page's own basket, on a
// page with nothing of an article, holds over the page-type model
// (decideType, basketOnBarePage), and a "Buy now" alone does not. The
// page to type otherwise is one the model alone calls an article at these
// URLs: a shop's page of prose under an "Add to basket" button. The pages
// to keep are a joiner's range of benches with prices, signed and dated,
// and on a CMS's single-post template, and an undated review whose "Buy
// now" leads to a shop. (ex26ty's undated, unsigned range was typed
// otherwise by the shape of its prices; review26c left that shape to the
// model: an undated roundup of priced products is an article,
// TestFirmMisfires.)
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

// TestFirmMisfires: articles that carry, innocently, the evidence that
// ex26ty held over the page-type model (testdata/typeneg/firm_*), each
// typed otherwise by it and an article by the model: a dated, signed story
// with a shop's widget ("Add to cart" and a price) in its <aside>, the
// same unsigned, the same with the widget inline; an undated blog post
// with four code blocks; a signed, dated review whose og:type says
// product; a dated story with a grid of related cards or <article>s at an
// archive's or a section's URL; an undated, unsigned story whose schema
// is a WebPage alone; an undated list of walks that declares an ItemList;
// an undated essay at a short URL beside a rail of six linked headings;
// an undated, unsigned story with six related cards below it; an undated
// roundup of five priced kettles. Typing them otherwise loses them from
// the corpus (crawl stores articles only).
func TestFirmMisfires(t *testing.T) {
	const (
		dated = "https://valleypost.example/2024/11/12/council-approves-new-footbridge"
		slug  = "https://valleypost.example/news/council-approves-new-footbridge-at-the-ford"
	)
	tests := []struct{ file, url string }{
		{"firm_story_shop_rail.html", dated},
		{"firm_story_shop_rail.html", slug},
		{"firm_story_shop_rail_bare.html", slug},
		{"firm_story_shop_inline.html", dated},
		{"firm_blog_code_undated.html", "https://jodoe.example/posts/understanding-go-channels"},
		{"firm_blog_code_undated.html", "https://jodoe.example/2019/understanding-go-channels.html"},
		{"firm_review_og_product.html", "https://kitchenbench.example/reviews/quiet-kettle-review"},
		{"firm_review_og_product.html", "https://kitchenbench.example/2024/11/quiet-kettle-review"},
		{"firm_story_related_cards.html", "https://harbourtimes.example/archives/4821"},
		{"firm_story_related_cards.html", "https://harbourtimes.example/news/section/ferry-timetable"},
		{"firm_story_related_articles.html", "https://harbourtimes.example/archives/4821"},
		{"firm_story_webpage_schema.html", "https://heritage.example/stories/the-mill-that-fed-a-valley"},
		{"firm_walks_itemlist.html", "https://heritage.example/seven-walks-along-the-valley"},
		{"firm_essay_sidebar_heads.html", "https://someone.example/essays/procrastination"},
		{"firm_essay_sidebar_heads.html", "https://someone.example/procrastination"},
		{"firm_story_card_grid_undated.html", "https://northsound.example/features/the-ferry-that-keeps-an-island-alive"},
		{"firm_roundup_prices_undated.html", "https://kitchenbench.example/reviews/five-quiet-kettles"},
	}
	wantArticles(t, tests)
}
