package extract

import (
	"strings"
	"testing"
)

// TestHeadingHeader: a story's subheading named "header" stays; the
// header of a box outside the story is still read as boilerplate.
func TestHeadingHeader(t *testing.T) {
	para := `<p>The council voted on Monday night to keep the early ferry running through the winter months, at a cost of forty thousand pounds a year to the town.</p>`
	tests := []struct {
		name, page, head string
		want             bool
	}{
		{"story subheading", `<article class="article-body">` + para + `<h2 class="c-heading b-header">What happens next</h2>` + para + `</article>`, "What happens next", true},
		{"class of the banner", `<div class="site-header"><h2>Harbour Times</h2></div><article>` + para + para + `</article>`, "Harbour Times", false},
		// Boxes inside <main> beside the story (review of ex34ml): their
		// headings go with them.
		{"page header in main", `<main><div class="page-header"><h2 class="page-header__title">Harbour Times</h2><nav><a href="/">Home</a> <a href="/news">News</a></nav></div><article>` + para + para + `</article></main>`, "Harbour Times", false},
		{"sidebar in main", `<main><article>` + para + para + `</article><aside class="sidebar"><h3 class="widget-header">Most read</h3><ul><li><a href="/1">School roof repaired before term</a></li><li><a href="/2">Lifeboat crew honoured</a></li></ul></aside></main>`, "Most read", false},
		{"share box in main", `<main><article>` + para + para + `</article><section><h2 class="box-header">Share this story</h2><a href="https://fb.example">Facebook</a> <a href="https://x.example">X</a></section></main>`, "Share this story", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte("<html><body>" + tt.page + "</body></html>"), URL: "https://harbour.example/a"})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(art.Text, tt.head); got != tt.want {
				t.Errorf("heading %q in text: %v, want %v\n%s", tt.head, got, tt.want, art.Text)
			}
		})
	}
}
