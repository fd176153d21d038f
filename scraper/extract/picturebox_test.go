package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestPictureBox(t *testing.T) {
	const alt = "Workers lower a concrete block onto the harbour wall at low tide"
	tests := []struct {
		name, box string
		want      bool
	}{
		{"caption and credit", `<div><img alt="` + alt + `. Photo: Ann Lee"><div>` + alt + `.</div><span>Photo: Ann Lee</span></div>`, true},
		{"caption in full and cut short", `<li><img alt="` + alt + `"><div>` + alt + `.<a> less</a></div><div>Workers lower a concrete block onto the harbour ...<a> more</a></div></li>`, true},
		{"caption above the picture", `<div><p>` + alt + `.</p><img alt="` + alt + `"></div>`, true},
		{"no alt text", `<div><img src="/p.jpg"><div>` + alt + `.</div></div>`, false},
		{"alt too short", `<div><img alt="Harbour wall"><div>Harbour wall</div></div>`, false},
		{"a story described by its lead", `<div><img alt="` + alt + `"><p>` + alt + `, the council said.</p><p>The wall was breached in three places last February when a gale met a spring tide.</p></div>`, false},
		// The CMS filled the alt text from the paragraph beside the
		// picture: the paragraph goes on, and is the story's.
		{"a paragraph opening with the alt text", `<div><img alt="` + alt + `"><div><p>` + alt + ` on Tuesday, two weeks before the winter storms were due to reach the coast.</p></div></div>`, false},
		// A photo essay: each caption says more than its picture's alt.
		{"a photo essay's caption", `<div><img alt="` + alt + `"><div>` + alt + `. The crew works only for the two hours either side of low water.</div></div>`, false},
		{"a teaser card's linked title", `<div><a href="/s"><img alt="` + alt + `"></a><a href="/s">` + alt + `</a></div>`, false},
		{"the story's header", `<div><h1>` + alt + `</h1><img alt="` + alt + `"></div>`, false},
		{"a part's heading over its picture", `<div><h2>` + alt + `.</h2><img alt="` + alt + `"></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.box + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			box := firstElement(doc, "body").FirstChild
			if got := pictureBox(box, " "); got != tt.want {
				t.Errorf("pictureBox = %v, want %v", got, tt.want)
			}
		})
	}
	// The page's own description shown under its lead picture, which
	// the publisher describes with it, is the standfirst.
	doc, err := html.Parse(strings.NewReader(`<body><div><img alt="` + alt + `."><div>` + alt + `.</div></div></body>`))
	if err != nil {
		t.Fatal(err)
	}
	if pictureBox(firstElement(doc, "body").FirstChild, " "+nameWords(alt)+" ") {
		t.Error("the standfirst under the lead picture read as a caption")
	}
}

// firstElement returns the first element named tag in n, depth first.
func firstElement(n *html.Node, tag string) *html.Node {
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			return d
		}
	}
	return nil
}
