package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestGluedLink: in a broad text, a link set right against the link
// before it, in a parent without text of its own, is set apart when it
// starts with a capital; a word split over two links, links with white
// space or text between, and an article's text stay as they are.
func TestGluedLink(t *testing.T) {
	tests := []struct {
		name, in string
		broad    bool
		want     string
	}{
		{"two buttons", `<div><a href="/a">Get Started</a><a href="/b">Explore products</a></div>`, true, "Get Started Explore products"},
		{"after a full stop", `<div><a href="/a"><span>Voice</span> <span>Make calls.</span></a><a href="/b"><span>Ticketing</span></a></div>`, true, "Voice Make calls. Ticketing"},
		{"word split over links", `<div><span>Use</span> <a href="/a">P</a><a href="/b">acking cubes</a></div>`, true, "Use Packing cubes"},
		{"parent with text", `<p>See <a href="/a">Foo</a><a href="/b">Bar</a> now</p>`, true, "See FooBar now"},
		{"white space between", `<div><a href="/a">Foo</a> <a href="/b">Bar</a></div>`, true, "Foo Bar"},
		{"not links", `<div><b>Foo</b><i>Bar</i></div>`, true, "FooBar"},
		{"article text", `<div><a href="/a">Get Started</a><a href="/b">Explore products</a></div>`, false, "Get StartedExplore products"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := emitBlocks(t, tt.in, tt.broad)
			var got []string
			for _, b := range blocks {
				got = append(got, b.text)
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("text = %q, want %q", s, tt.want)
			}
		})
	}
}

// emitBlocks analyzes the body markup in and returns the blocks the
// emitter makes of it (broad: the text of a page that is not an article).
func emitBlocks(t *testing.T, in string, broad bool) []block {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + in + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	x := getExtractor()
	defer putExtractor(x)
	body := doc.FirstChild.LastChild
	x.analyze(body, false)
	e := emitter{x: x, broad: broad}
	e.walk(body)
	e.flush()
	return e.blocks
}
