package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestArticlesTemptingOtherTypes: articles written to look like the
// pages of another type (testdata/typeneg): prices set apart in a fact
// box, signed and dated comments under a /community/ URL, numbered steps,
// timestamped posts of a live blog, the turns of an interview, a long
// comment thread, a /tag/ or /category/ URL. Typing an article as another
// kind loses it from the corpus (crawl stores articles only), so each must
// stay an article whatever rule of the page type changes (review17b found
// the first two typed service and forum).
func TestArticlesTemptingOtherTypes(t *testing.T) {
	tests := []struct{ file, url string }{
		{"travel_prices_undated.html", "https://slowroads.example/europe/three-days-in-porto-on-a-small-budget"},
		{"community_comments_dated.html", "https://millbrook.example/community/the-library-reopens"},
		{"factbox_prices.html", "https://valleypost.example/money/heating-oil-prices-fall-for-a-third-month"},
		{"howto_steps.html", "https://greenwindowsill.example/houseplants/how-to-repot-an-orchid"},
		{"liveblog.html", "https://coastnews.example/news/storm-freya-live"},
		{"interview_qa.html", "https://openwater.example/interviews/mara-lind"},
		{"long_comments.html", "https://riversidevoices.example/opinion/keep-the-14"},
		{"tag_url_article.html", "https://harbournotes.example/tag/history/the-night-the-harbour-lights-went-out"},
		{"tag_url_article.html", "https://harbournotes.example/category/history/night-lights"},
		{"tag_url_article.html", "https://harbournotes.example/blog/night-lights"},
	}
	for _, tc := range tests {
		t.Run(tc.file+" "+tc.url, func(t *testing.T) {
			art, err := Extract(Input{Body: mustReadFile(t, "testdata/typeneg/"+tc.file), URL: tc.url,
				ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != corpus.PageTypeArticle {
				t.Errorf("page type %q (%d words), want article", art.PageType, art.WordCount)
			}
		})
	}
}
