package extract

import (
	"strings"
	"testing"
)

// TestProductBesideRail: one product's page (one <h1>, one basket
// button) with a shop rail's heading after its <h1>, as a heading or a
// styled <div>, is a product beside a rail; a category page whose cards
// carry a basket button each, a page without the heading and a rail
// heading before the <h1> are not.
func TestProductBesideRail(t *testing.T) {
	cards := func(basket bool) string {
		var b strings.Builder
		for _, n := range []string{"Harbor Sofa", "Loom Wool Rug", "Dune Table Lamp", "Ridge Armchair"} {
			b.WriteString(`<div class="card"><a href="/p/x"><h3>` + n + `</h3></a><span class="price">$220</span>`)
			if basket {
				b.WriteString(`<button>Add to cart</button>`)
			}
			b.WriteString(`</div>`)
		}
		return b.String()
	}
	own := `<h1>Arlo Oak Side Table</h1><p>A round top of solid white oak on three turned legs.</p><button>Add to cart</button>`
	tests := []struct {
		name, body string
		want       bool
	}{
		{"rail heading", own + `<h2>Complete the look</h2>` + cards(false), true},
		{"rail div", own + `<div class="rail-title">You may also like</div>` + cards(false), true},
		{"category cards with buttons", `<h1>Side tables</h1><h2>You may also like</h2>` + cards(true), false},
		{"no rail heading", own + `<h2>More tables</h2>` + cards(false), false},
		{"rail before the title", `<h2>Recently viewed</h2>` + own + cards(false), false},
		// A category page with one featured product's button: its own
		// cards come before its rail (review38c).
		{"category grid before its rail", `<h1>Sofas</h1><div><h2>Sofa of the month</h2><button>Add to basket</button></div>` + cards(false) + `<h2>Recently viewed</h2><ul><li><a href="/p/r">Rye armchair</a></li></ul>`, false},
	}
	for _, tt := range tests {
		p := pageOfString(t, "<html><body>"+tt.body+"</body></html>", "https://marlowfinch.example/p/arlo")
		if got := p.productBesideRail(); got != tt.want {
			t.Errorf("%s: productBesideRail() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
