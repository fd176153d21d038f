package extract

import (
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestBarePage: a page that holds nothing but a short text of prose (no
// link, no form, no chrome, a sentence's end, no error title) is an
// article however short; an error page, a fragment and a page that
// links elsewhere are not (testdata/bare).
func TestBarePage(t *testing.T) {
	tests := []struct {
		file    string
		article bool
	}{
		{"note.html", true},
		{"error.html", false},
		{"fragment.html", false},
		{"linked.html", false},
		{"script_wall.html", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body := mustReadFile(t, filepath.Join("testdata", "bare", tt.file))
			art, err := Extract(Input{Body: body, URL: "https://example.org/" + tt.file, ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if got := art.PageType == corpus.PageTypeArticle; got != tt.article {
				t.Errorf("page type %q (text %q), want article = %v", art.PageType, art.Text, tt.article)
			}
		})
	}
}
