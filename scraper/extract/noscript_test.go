package extract

import (
	"fmt"
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
	alpha := strings.Repeat("Alpha: the ferry keeps its summer timetable until the end of October this year. ", 8)
	bravo := strings.Repeat("Bravo: the ferry keeps its winter timetable until the end of October next year. ", 8)
	extra := strings.Repeat("The council will review both services in the spring. ", 2)
	tests := []struct {
		name, page string
		want       bool
	}{
		{"copy of the story before it", story + "\n<noscript>" + story + "</noscript>", false},
		{"story only in the noscript", `<div id="app"></div><noscript>` + story + "</noscript>", true},
		{"a different text of the same length before it", `<div id="app"></div><div><p>` + alpha + `</p></div><noscript><p>` + bravo + `</p></noscript>`, true},
		{"the text before it with a tenth more in the middle", `<div><p>` + alpha + `</p><p>` + bravo + `</p></div><noscript><p>` + alpha + `</p><p>` + extra + `</p><p>` + bravo + `</p></noscript>`, true},
		{"a copy spaced and wrapped otherwise", `<div class="story-text"><p>` + alpha + `</p> <p>` + bravo + `</p></div><noscript><div><p>` + alpha + "</p>\n\n<p>" + bravo + `</p></div></noscript>`, false},
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
			ns := firstOfAtom(root, atom.Noscript)
			in := x.info(ns)
			if got := in != nil && !in.junk; got != tt.want {
				t.Errorf("noscript kept as content: got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNoscriptSiblings: many <noscript> blocks of like length but
// different text are all content, none a copy of the one before.
func TestNoscriptSiblings(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<h1>Title</h1><div>short</div>`)
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "<noscript><p>%03d %s</p></noscript>", i, strings.Repeat("The council met on Tuesday evening, and the members argued at length. ", 8))
	}
	root, err := html.ParseWithOptions(strings.NewReader("<html><body>"+b.String()+"</body></html>"), html.ParseOptionEnableScripting(false))
	if err != nil {
		t.Fatal(err)
	}
	x := getExtractor()
	defer putExtractor(x)
	x.analyze(root, false)
	dropped := 0
	for n := firstOfAtom(root, atom.Noscript); n != nil; n = n.NextSibling {
		if in := x.info(n); n.DataAtom == atom.Noscript && (in == nil || in.junk) {
			dropped++
		}
	}
	if dropped != 0 {
		t.Errorf("%d of 200 different <noscript> blocks dropped as copies, want 0", dropped)
	}
}
