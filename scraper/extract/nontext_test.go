package extract

import (
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestNonArticleText runs hand-written pages that are not articles
// (testdata/nontext) through Extract and checks what their main text
// keeps and leaves out.
func TestNonArticleText(t *testing.T) {
	tests := []struct {
		name, url, typ string
		wantInText     []string
		notInText      []string
	}{
		// A product page with its customers' dated reviews: the reviews
		// go; the description, the details, the summary of the ratings
		// and the undated testimonials stay.
		{name: "product_reviews", url: "https://supplies.example/p/canvas-day-bag-20l/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A day bag of waxed cotton canvas", "Vegetable-tanned leather straps and base",
				"Rated 4.8 out of 5", "outlast every one of us", "a winter of salt spray"},
			notInText: []string{"Walked the coast path", "Smaller than I expected", "people found this helpful", "Ann, Truro"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := mustReadFile(t, filepath.Join("testdata", "nontext", tt.name+".html"))
			art, err := Extract(Input{Body: page, URL: tt.url, ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if art.PageType != tt.typ {
				t.Errorf("page type %q, want %q", art.PageType, tt.typ)
			}
			checkText(t, art.Text, tt.wantInText, tt.notInText)
			if t.Failed() {
				t.Logf("text:\n%s", art.Text)
			}
		})
	}
}
