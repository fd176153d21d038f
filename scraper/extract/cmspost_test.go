package extract

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestCMSPost: a short blog post at a one-word path, whose body found is
// a line and a heading over a run of linked headings, reads as a listing
// to the model; the <body> classes with which the CMS marks a single
// post make it an article. The same page marked as a plain page is left
// to the model.
func TestCMSPost(t *testing.T) {
	page := mustReadFile(t, filepath.Join("testdata", "cmspost", "post.html"))
	tests := []struct {
		class, want string
	}{
		{"post-template-default single single-post postid-412 single-format-standard", corpus.PageTypeArticle},
		{"path-node page-node-type-article", corpus.PageTypeArticle},
		{"post-template tag-club", corpus.PageTypeArticle},
		{"page-template-default page page-id-412", corpus.PageTypeListing},
	}
	for _, tc := range tests {
		t.Run(tc.class, func(t *testing.T) {
			body := bytes.Replace(page, []byte("BODYCLASS"), []byte(tc.class), 1)
			art, err := Extract(Input{Body: body, URL: "https://sailing.example/contest/", ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tc.want {
				t.Errorf("page type %q, want %q", art.PageType, tc.want)
			}
		})
	}
}
