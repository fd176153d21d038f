package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestStoryOpening: the head of a story of its own (a headline linking to
// another page, a dateline before the text) against a section of the
// same text (a plain heading, a permalink sign, a date inside the prose).
func TestStoryOpening(t *testing.T) {
	long := "<p>" + strings.Repeat("The council met again on Tuesday evening. ", 4) + "</p>"
	tests := []struct {
		name, block string
		want        bool
	}{
		{"linked headline", `<div><h2><a href="/news/other">Harbour museum opens</a></h2>` + long + `</div>`, true},
		{"dateline", `<div><h2>Harbour museum opens</h2><p class="byline">By Tom Berg, <time datetime="2026-12-01">1 December</time></p>` + long + `</div>`, true},
		{"datetime attribute", `<div><h3>Update</h3><span datetime="2026-12-01T10:00Z">10:00</span>` + long + `</div>`, true},
		{"plain heading", `<div><h2>Risks and side effects</h2>` + long + `</div>`, false},
		{"permalink sign", `<section><h2>Basic tutorial <a class="headerlink" href="#basic">¶</a></h2>` + long + `</section>`, false},
		{"time after the prose", `<div><h2>Timeline</h2>` + long + `<p>Since <time>2019</time>.</p></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + tt.block + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			body := findAtom(doc, atom.Body)
			x := getExtractor()
			defer putExtractor(x)
			x.analyzePage(body)
			if got := x.storyOpening(body.FirstChild); got != tt.want {
				t.Errorf("storyOpening = %v, want %v", got, tt.want)
			}
		})
	}
}

func findAtom(n *html.Node, a atom.Atom) *html.Node {
	if n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findAtom(c, a); f != nil {
			return f
		}
	}
	return nil
}
