package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// TestFacetPanels: an element holding four checkboxes or more with a few
// bytes of text per box is a filter panel; radio swatches, a product
// card's "compare" box and a form's consent boxes among long text are
// not, nor is a page with fewer than four boxes, nor boxes inside
// labels (the content walk skips labels).
func TestFacetPanels(t *testing.T) {
	box := func(label string) string { return `<div><input type="checkbox"><span>` + label + `</span></div>` }
	long := strings.Repeat("A long description of the coat, its cloth and its making. ", 4)
	tests := []struct {
		name, in string
		want     bool // the element with id "t" is a panel
	}{
		{"facet values", `<div id="t"><h3>Colour</h3>` + box("Navy (3)") + box("Ochre (2)") + box("Olive (1)") + box("Slate (4)") + `</div>`, true},
		{"role checkboxes", `<ul id="t"><li role="checkbox">S</li><li role="checkbox">M</li><li role="checkbox">L</li><li role="checkbox">XL</li></ul>`, true},
		{"boxes in labels", `<div id="t"><label><input type="checkbox">S</label><label><input type="checkbox">M</label><label><input type="checkbox">L</label><label><input type="checkbox">XL</label></div>`, false},
		{"three boxes", `<div id="t">` + box("Navy") + box("Ochre") + box("Olive") + `</div>`, false},
		{"radio swatches", `<div id="t"><input type="radio">Navy<input type="radio">Ochre<input type="radio">Olive<input type="radio">Slate</div>`, false},
		{"compare boxes on cards", `<div id="t"><div>` + long + box("Compare") + `</div><div>` + long + box("Compare") + `</div><div>` + long + box("Compare") + `</div><div>` + long + box("Compare") + `</div></div>`, false},
		{"product rows with compare boxes", `<div id="t">` + strings.Repeat(box("Brass hinge £3.50")+box("Oak shelf 12,90 €"), 6) + `</div>`, false},
		{"price ranges among facets", `<div id="t">` + box("Navy") + box("Ochre") + box("Olive") + box("Slate") + box("£0 - £50") + `</div>`, true},
		{"as many price ranges as colours", `<div id="t">` + box("Navy") + box("Ochre") + box("Olive") + box("Slate") +
			box("Under £25") + box("£25 - £50") + box("£50 - £100") + box("Over £100") + `</div>`, true},
		{"consent boxes in a form", `<form id="t"><p>` + long + `</p><p>` + long + `</p>` + box("Email") + box("Post") + box("Phone") + box("I agree") + `</form>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader("<html><body><main><p>" + long + "</p>" + tt.in + "</main></body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			p := newPage(goquery.NewDocumentFromNode(root), nil, fetchedAt)
			defer p.release()
			p.extract(Options{})
			marks := p.facetPanels()
			got := false
			if marks != nil {
				for _, n := range p.x.nodes {
					if attr(n, "id") == "t" {
						got = marks(n)
					}
				}
			}
			if got != tt.want {
				t.Errorf("panel = %v, want %v", got, tt.want)
			}
		})
	}
}
