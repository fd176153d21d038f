package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestNoscriptCopy: read as markup (the parse with scripting off), a
// <noscript> holding the text of the element before it is a copy and not
// content; one holding text of its own is content.
func TestNoscriptCopy(t *testing.T) {
	story := `<div class="story-text"><p>` + strings.Repeat("The town library will open on Sunday afternoons from January, the council said. ", 4) +
		`</p><p>` + strings.Repeat("Volunteers will staff the reading room until the council finds money for staff. ", 4) + `</p></div>`
	tests := []struct {
		name, page string
		want       bool
	}{
		{"copy of the story before it", story + "\n<noscript>" + story + "</noscript>", false},
		{"story only in the noscript", `<div id="app"></div><noscript>` + story + "</noscript>", true},
		{"a different text before it", `<div><p>` + strings.Repeat("A short note about the opening hours of the town hall. ", 3) + `</p></div><noscript>` + story + "</noscript>", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.ParseWithOptions(strings.NewReader("<html><body>"+tt.page+"</body></html>"), html.ParseOptionEnableScripting(false))
			if err != nil {
				t.Fatal(err)
			}
			x := getExtractor()
			defer putExtractor(x)
			x.analyze(root, false)
			ns := findAtom(root, atom.Noscript)
			in := x.info(ns)
			if got := in != nil && !in.junk; got != tt.want {
				t.Errorf("noscript kept as content: got %v, want %v", got, tt.want)
			}
		})
	}
}
