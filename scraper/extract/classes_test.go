package extract

import (
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestFailureClasses runs one hand-written page per failure class of
// extraction seen on the open web (testdata/extract/classes): each page
// names its class, and the test checks the text and the page type.
func TestFailureClasses(t *testing.T) {
	tests := []struct {
		name, url  string
		wantType   string
		wantInText []string
		notInText  []string
	}{
		// React streaming rendering: the article arrives in a hidden
		// segment that a script moves into place.
		{name: "hydration_hidden", url: "https://courier.example/news/flood-defences", wantType: corpus.PageTypeArticle,
			wantInText: []string{"Five towns along the lower river", "could open within three years"},
			notInText:  []string{"Loading", "Politics", "All rights reserved"}},
		// Boilerplate words in the class names of the body's wrappers.
		{name: "widget_wrapper", url: "https://northway.example/blog/warehouse-energy", wantType: corpus.PageTypeArticle,
			wantInText: []string{"When our electricity contract", "a story for another post"},
			notInText:  []string{"Recent posts", "Meet the night shift", "Copyright"}},
		{name: "widget_module", url: "https://metrodaily.example/city/night-buses", wantType: corpus.PageTypeArticle,
			wantInText: []string{"twelve bus lines", "suburbs."},
			notInText:  []string{"More from City", "Market hall"}},
		// An unclosed <aside> before <main>: the parser nests the body in it.
		{name: "unclosed_aside", url: "https://gazette.example/2024/04/seed-bank", wantType: corpus.PageTypeArticle,
			wantInText: []string{"lending seeds", "library's computers"},
			notInText:  []string{"Subscribe for full access", "Terms"}},
		// Real text that looks like chrome, and chrome that looks like text.
		{name: "pieces", url: "https://harbourherald.example/local/tower-rejected", wantType: corpus.PageTypeArticle,
			wantInText: []string{"The planning committee voted against", "Tonight the committee listened", "The town has spoken", "old fish market"},
			notInText:  []string{"seen from the old pier", "Click here for more information", "Sign up for our free daily newsletter"}},
		// A script-built page that serves its content to crawlers in <noscript>.
		{name: "noscript_forum", url: "https://homerepair.example/t/shed-roof-leaks/4411", wantType: corpus.PageTypeForum,
			wantInText: []string{"My garden shed roof leaks", "bead of bitumen sealant"},
			notInText:  []string{"Privacy"}},
		// Listings: a headline, a date and a one-line teaser per story.
		{name: "section_front", url: "https://riversidepost.example/news", wantType: corpus.PageTypeListing},
		{name: "tag_page", url: "https://riversidepost.example/tags/transport?page=2", wantType: corpus.PageTypeListing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := mustReadFile(t, filepath.Join(goldenDir, "classes", tt.name+".html"))
			art, err := Extract(Input{Body: page, URL: tt.url, ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if art.PageType != tt.wantType {
				t.Errorf("page type = %q, want %q", art.PageType, tt.wantType)
			}
			if (tt.wantType == corpus.PageTypeArticle) == art.HasFlag(corpus.FlagNotArticle) {
				t.Errorf("flags %v do not agree with page type %q", art.Flags, art.PageType)
			}
			checkText(t, art.Text, tt.wantInText, tt.notInText)
			if t.Failed() {
				t.Logf("text:\n%s", art.Text)
			}
		})
	}
}
