package extract

import (
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestSignedPostWithCode: a dated, signed tutorial of prose with many code
// blocks (testdata/typeneg/signed_tutorial_code.html), which the
// page-type model alone types documentation at a blog's URL, is an article
// (correctModel, signedPost). Kept documentation: the same page at a
// documentation path or host, and the same page unsigned or undated (a
// manual's page says neither who wrote it nor when, or only one of them).
func TestSignedPostWithCode(t *testing.T) {
	page := string(mustReadFile(t, "testdata/typeneg/signed_tutorial_code.html"))
	unsigned := strings.NewReplacer(`<meta name="author" content="Sam Reyes">`, "",
		`By <a rel="author" href="/about">Sam Reyes</a> &middot; `, "").Replace(page)
	undated := strings.Replace(page, ` &middot; <time datetime="2024-03-18">18 March 2024</time>`, "", 1)
	terse := strings.NewReplacer(" It is a line or two of work that a script written in a hurry leaves out until it bites.", "",
		", and keep the result for the next step.", ".").Replace(page)
	tests := []struct {
		name, page, url, want string
		signed, dated         bool // what the page must be found to be
	}{
		{"signed, dated, blog path", page, "https://samreyes.example/blog/scanning-logs", corpus.PageTypeArticle, true, true},
		{"signed, dated, short path", page, "https://samreyes.example/scanning-logs", corpus.PageTypeArticle, true, true},
		{"documentation path", page, "https://samreyes.example/docs/scanning-logs", corpus.PageTypeDocumentation, true, true},
		{"guide path", page, "https://samreyes.example/guides/scanning-logs-in-python", corpus.PageTypeDocumentation, true, true},
		{"documentation host", page, "https://docs.samreyes.example/scanning-logs", corpus.PageTypeDocumentation, true, true},
		{"unsigned", unsigned, "https://samreyes.example/blog/scanning-logs", corpus.PageTypeDocumentation, false, true},
		{"steps of a line each", terse, "https://samreyes.example/blog/scanning-logs", corpus.PageTypeDocumentation, true, true},
		{"undated", undated, "https://samreyes.example/blog/scanning-logs", corpus.PageTypeDocumentation, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Body: []byte(tc.page), URL: tc.url, ContentType: "text/html; charset=utf-8"}
			art, err := Extract(in)
			if err != nil {
				t.Fatal(err)
			}
			if (len(art.Authors) > 0) != tc.signed || (art.Published != nil) != tc.dated {
				t.Fatalf("authors %v, published %v: not the variant under test", art.Authors, art.Published)
			}
			if art.PageType != tc.want {
				t.Errorf("page type %q, want %q", art.PageType, tc.want)
			}
		})
	}
}
