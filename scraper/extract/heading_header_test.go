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
