package extract

import (
	"strings"
	"testing"
)

// linkBoxStory is a made-up story of five paragraphs with box (a box of
// links, or a subheading of the story) after the third.
func linkBoxStory(box string) string {
	paras := []string{
		"The city council voted on Tuesday evening to approve a new budget for the harbour district, ending a dispute that had lasted for almost two years.",
		"Under the plan, the district will receive funding for three new footbridges, a renovated market hall and a network of cycle lanes.",
		"Opponents argued that the money would be better spent on housing, pointing to the rising rents near the water.",
		"The mayor said the decision was a compromise and promised that a separate housing programme would be presented before the end of the year.",
		"Construction is expected to begin next spring, and the first footbridge should open to pedestrians within eighteen months.",
	}
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council approves harbour budget</title>` +
		`<meta property="og:type" content="article"></head><body><nav><a href="/">Home</a> <a href="/city">City</a></nav>` +
		`<main><article><h1>Council approves harbour budget</h1>`)
	for i, p := range paras {
		if i == 3 {
			b.WriteString(box)
		}
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString(`</article></main><footer><p>Example News</p></footer></body></html>`)
	return b.String()
}

// TestLinkBoxHeads: a box of links inside a story, in several languages
// and markups, goes with its heading (headsLinkBox); a subheading of the
// story over a linked line and its section's prose stays, and so do the
// headings of boxes of links whose words name no other stories.
func TestLinkBoxHeads(t *testing.T) {
	one := `<a href="/a1">Harbour traffic doubles in a decade</a>`
	list := `<ul><li><a href="/a1">Harbour traffic doubles in a decade</a></li><li><a href="/a2">Market hall owners seek new tenants</a></li></ul>`
	card := `<div><a href="/a1"><img src="/i1.jpg" alt=""></a><h3><a href="/a1">Tráfego do porto dobra em uma década</a></h3></div>`
	tests := []struct {
		name, box string
		want, not []string
	}{
		{"heading over one link", `<div class="inline-box"><h4>Read also</h4>` + one + `</div>`, nil, []string{"Read also", "Harbour traffic"}},
		{"generic box-title class", `<div class="box"><h4 class="box-title">Read also</h4><p>` + one + `</p></div>`, nil, []string{"Read also", "Harbour traffic"}},
		{"box-header class", `<div class="inline-box"><h4 class="box-header">Read also</h4>` + one + `</div>`, nil, []string{"Read also", "Harbour traffic"}},
		{"English phrase", `<div><h3>More on this story</h3>` + list + `</div>`, nil, []string{"More on this story", "Market hall"}},
		// A heading in no list stays over its dropped links (see
		// headsLinkBox); its links go.
		{"words in no list", `<div><h3>Dig deeper</h3>` + list + `</div>`, []string{"Dig deeper"}, []string{"Market hall"}},
		{"Portuguese teaser cards", `<div><h4>Leia também</h4>` + card + card + card + `</div>`, nil, []string{"Leia também", "Tráfego"}},
		{"Russian bold label", `<div><h4>Читайте также</h4>` + list + `</div>`, nil, []string{"Читайте", "Market hall"}},
		{"Arabic aside", `<aside><h2>اقرأ أيضا</h2>` + list + `</aside>`, nil, []string{"اقرأ", "Market hall"}},
		{"listed heading beside the paragraphs", `<h4>Read also</h4><p>` + one + `</p>`, nil, []string{"Read also", "Harbour traffic"}},
		{"listed Portuguese heading beside the paragraphs", `<h4>Leia também</h4>` + list, nil, []string{"Leia também", "Market hall"}},
		{"German lead-in line", `<p>Lesen Sie auch: <a href="/a1">Der Hafenverkehr hat sich verdoppelt</a></p>`, nil, []string{"Lesen Sie", "Hafenverkehr"}},
		// The story's own sections stay: a subheading over nothing but
		// the next paragraph, a subheading over a linked line with its
		// section's prose in the same element, and one beside them.
		{"subheading", `<h3>What happens next</h3>`, []string{"What happens next", "The mayor said"}, nil},
		{"subheading, linked line, section in one box", `<section><h3>What happens next</h3><p>` + one + `</p><p>The full plan will be published on Friday, the council said.</p></section>`,
			[]string{"What happens next", "published on Friday"}, nil},
		// Links that are not headlines: a manual's cross-references
		// and a row of customers' names between paragraphs.
		{"cross-references", `<div class="note"><h4>Next steps</h4><ul><li><a href="/conf">Configuration</a></li><li><a href="/cli">Command line</a></li></ul></div>`,
			[]string{"Next steps"}, nil},
		{"names of customers", `<div><h4>Trusted by teams at</h4><a href="/c/a">Acme</a> <a href="/c/b">Globex</a> <a href="/c/c">Initech</a></div>`,
			[]string{"Trusted by teams at"}, nil},
		{"box closing a section", `<div><h4>Get your free quote</h4><a href="/quote">Request a quote</a></div><h3>What happens next</h3>`,
			[]string{"Get your free quote", "What happens next"}, nil},
		{"subheading, linked line, section as siblings", `<h3>What happens next</h3><p>` + one + `</p>`, []string{"What happens next", "The mayor said"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractString(t, linkBoxStory(tt.box), "https://news.example.com/city/2026/03/04/harbour-budget")
			for _, w := range append(tt.want, "Opponents argued", "Construction is expected") {
				if !strings.Contains(art.Text, w) {
					t.Errorf("text lost %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(art.Text, n) {
					t.Errorf("text kept %q", n)
				}
			}
		})
	}
}
