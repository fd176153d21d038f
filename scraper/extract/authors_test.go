package extract

import (
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

func TestLabelledByline(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Review by Jane Doe", "Jane Doe", true},
		{"Guest Column, by Jane Doe", "Jane Doe", true},
		{"Opinion, By Jane Doe.", "Jane Doe", true},
		{"Kommentar von Jane Doe", "", false}, // "Kommentar" is no label word here
		{"The Long Road, by Jane Doe", "", false},
		{"The Long Road by Jane Doe", "", false},
		{"Jane Doe, by John Roe", "", false},
		{"Staff, by Jane Doe, Senior Writer", "", false},
		{"Staff, by Jane Doe and John Roe", "", false},
		{"Photo by Jane Doe", "", false},
		{"By Jane Doe", "", false},
	}
	for _, tt := range tests {
		got, ok := labelledByline(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("labelledByline(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestInCard(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		// A teaser card: the link holds a title and a price besides the name.
		{`<li><a href="/b/2"><span>Other Book</span><span class="by">Ann Lee</span><span>£9</span></a></li>`, true},
		// An author link around the name alone.
		{`<p>By <a href="/author/ann-lee"><span class="by">Ann Lee</span></a></p>`, false},
		{`<p class="x"><span class="by">Ann Lee</span></p>`, false},
	}
	for _, tt := range tests {
		doc, err := xhtml.Parse(strings.NewReader(tt.html))
		if err != nil {
			t.Fatal(err)
		}
		var by *xhtml.Node
		var walk func(n *xhtml.Node)
		walk = func(n *xhtml.Node) {
			for _, a := range n.Attr {
				if a.Key == "class" && a.Val == "by" {
					by = n
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if got := inCard(by, textOf(by)); got != tt.want {
			t.Errorf("inCard in %s = %v, want %v", tt.html, got, tt.want)
		}
	}
}
