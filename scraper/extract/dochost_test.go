package extract

import (
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestDocHost: a page on a documentation host (docs., learn., wiki. ...)
// is documentation even when it reads as a dated article; the same page
// on another host is an article, and a post under a documentation host's
// blog path stays one.
func TestDocHost(t *testing.T) {
	tests := []struct {
		file, url, want string
	}{
		{"guide.html", "https://docs.crawler.example/setup/configure-the-page-cache", corpus.PageTypeDocumentation},
		{"guide.html", "https://crawler.example/setup/configure-the-page-cache", corpus.PageTypeArticle},
		{"blog_post.html", "https://developer.crawler.example/blog/configure-the-page-cache", corpus.PageTypeArticle},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			body := mustReadFile(t, filepath.Join("testdata", "dochost", tc.file))
			art, err := Extract(Input{Body: body, URL: tc.url, ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tc.want {
				t.Errorf("page type %q, want %q", art.PageType, tc.want)
			}
		})
	}
}
