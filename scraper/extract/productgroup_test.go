package extract

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestProductGroup: a shop's category page that declares OpenGraph's
// product.group is a listing even when it opens with paragraphs of
// prose that read as an article; the same page declared a website is
// left to the model.
func TestProductGroup(t *testing.T) {
	page := mustReadFile(t, filepath.Join("testdata", "productgroup", "collection.html"))
	tests := []struct {
		ogType, want string
	}{
		{"product.group", corpus.PageTypeListing},
		{"product:group", corpus.PageTypeListing},
		{"website", corpus.PageTypeArticle},
	}
	for _, tc := range tests {
		t.Run(tc.ogType, func(t *testing.T) {
			body := bytes.Replace(page, []byte("OGTYPE"), []byte(tc.ogType), 1)
			art, err := Extract(Input{Body: body, URL: "https://pottery.example/range/stoneware-mugs", ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tc.want {
				t.Errorf("page type %q, want %q", art.PageType, tc.want)
			}
		})
	}
}
