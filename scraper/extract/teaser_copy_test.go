package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTeaserCopy: a teaser is a copy of the text after it only when its
// paragraphs (two or more, 40 bytes each at least) open that text word
// for word and the text holds twice the teaser's paragraph text or more.
func TestTeaserCopy(t *testing.T) {
	lead := `<p>` + strings.Repeat("Night buses will run between the valley towns again from March. ", 2) + `</p>`
	second := `<p>` + strings.Repeat("Two lines will run every hour on Friday and Saturday nights. ", 2) + `</p>`
	short := `<p>Updated on Tuesday at noon.</p>`
	rest := strings.Repeat(`<p>`+strings.Repeat("The authority has leased four small buses for a trial of two years. ", 2)+`</p>`, 3)
	tests := []struct {
		name, page string
		want       bool
	}{
		{"teaser above the full text", `<div class="intro">` + lead + second + `</div><div class="full">` + lead + second + rest + `</div>`, true},
		{"one paragraph only", `<div class="intro">` + lead + `</div><div class="full">` + lead + second + rest + `</div>`, false},
		{"a short line among the paragraphs", `<div class="intro">` + short + lead + `</div><div class="full">` + short + lead + rest + `</div>`, false},
		{"the next holds less than twice", `<div class="intro">` + lead + second + `</div><div class="full">` + lead + second + `<p>The timetable follows next month.</p></div>`, false},
		{"different paragraphs", `<div class="intro">` + second + lead + `</div><div class="full">` + lead + second + rest + `</div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader("<html><body>" + tt.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			x := getExtractor()
			defer putExtractor(x)
			x.analyze(root, false)
			n := findClass(root, "intro")
			if got := x.teaserCopy(n, x.info(n)); got != tt.want {
				t.Errorf("teaserCopy: got %v, want %v", got, tt.want)
			}
		})
	}
}

// findClass returns the first element under n whose class is c.
func findClass(n *html.Node, c string) *html.Node {
	if n.Type == html.ElementNode && attr(n, "class") == c {
		return n
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if f := findClass(ch, c); f != nil {
			return f
		}
	}
	return nil
}
