package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestGluedSpan: a classed span right after another classed span is set
// apart when the first ends in a letter or digit and the second starts
// with a capital; the parts of one word, unclassed spans and spans with
// white space between stay as they are.
func TestGluedSpan(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"brand and name", `<span class="brand">Merrell</span><span class="title">Moab 3 Mid</span>`, true},
		{"nested text", `<span class="brand"><b>HOKA</b></span><span class="title"><i>Kaha 3 GTX</i></span>`, true},
		{"digit then capital", `<span class="model">Model 3</span><span class="trim">Long Range</span>`, true},
		{"digit after letter", `<span class="n">3 beds</span><span class="n">2 baths</span>`, false},
		{"lower case goes on", `<span class="a">Harb</span><span class="b">our</span>`, false},
		{"after punctuation", `<span class="a">Sale:</span><span class="b">Tents</span>`, false},
		{"unclassed", `<span>Merrell</span><span>Moab</span>`, false},
		{"white space between", `<span class="a">Merrell</span> <span class="b">Moab</span>`, false},
		{"not spans", `<b class="a">Merrell</b><i class="b">Moab</i>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<p>" + tt.in + "</p>"))
			if err != nil {
				t.Fatal(err)
			}
			var last *html.Node
			var find func(*html.Node)
			find = func(n *html.Node) {
				if n.Type == html.ElementNode && n.DataAtom != atom.Html && n.DataAtom != atom.Body && n.DataAtom != atom.Head && n.DataAtom != atom.P && n.Parent != nil && n.Parent.DataAtom == atom.P {
					last = n
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					find(c)
				}
			}
			find(doc)
			if got := gluedSpan(last); got != tt.want {
				t.Errorf("gluedSpan = %v, want %v", got, tt.want)
			}
		})
	}
}
