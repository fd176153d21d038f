package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestChunkKind: a chunk's kind is its tag and class; an unclassed
// element is told by the classed ancestors it sits in, three levels at
// most and never above the region.
func TestChunkKind(t *testing.T) {
	const page = `<div id="top"><div class="col"><div class="inner"><div id="a" class="story-text"><p>x</p></div>` +
		`<div><div><div><div id="b"><p>x</p></div></div></div></div>` +
		`<div class="next"><div id="c"><p>x</p></div></div></div></div></div>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*html.Node{}
	walkElements(doc, func(n *html.Node) bool {
		if id := attr(n, "id"); id != "" {
			byID[id] = n
		}
		return true
	})
	tests := []struct {
		id, want string
	}{
		{"a", "div.story-text/"},
		{"b", "div./div./div./"},
		{"c", "div./div.next/"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if got := chunkKind(byID["top"], byID[tt.id]); got != tt.want {
				t.Errorf("chunkKind(%s) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
	if got := chunkKind(byID["c"].Parent, byID["c"]); got != "div./" {
		t.Errorf("chunkKind below its region's child = %q, want %q", got, "div./")
	}
}
