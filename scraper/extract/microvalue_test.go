package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestMicroValue: a microdata property's value is read from the attribute
// its element carries it in; an abbr's title holds the full value that
// its text shortens (hAtom's abbr.published showing the clock time).
func TestMicroValue(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"abbr title", `<abbr itemprop="datePublished" title="2026-11-22T16:37:00Z">16:37</abbr>`, "2026-11-22T16:37:00Z"},
		{"abbr without title", `<abbr itemprop="datePublished">22 Nov 2026</abbr>`, "22 Nov 2026"},
		{"time datetime", `<time itemprop="datePublished" datetime="2026-11-22">Sunday</time>`, "2026-11-22"},
		{"meta content", `<meta itemprop="datePublished" content="2026-11-22T16:37:00Z">`, "2026-11-22T16:37:00Z"},
		{"span text", `<span itemprop="datePublished">22 November 2026</span>`, "22 November 2026"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nodes, err := html.ParseFragment(strings.NewReader(tc.html), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
			if err != nil || len(nodes) == 0 {
				t.Fatalf("parse: %v", err)
			}
			if got := microValue(nodes[0]); got != tc.want {
				t.Errorf("microValue = %q, want %q", got, tc.want)
			}
		})
	}
}
