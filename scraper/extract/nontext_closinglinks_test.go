package extract

import (
	"strings"
	"testing"
)

// TestDropClosingLinks: a category page's closing list of links to other
// searches goes with the line that leads into it; the grid and the
// category's text stay. Kept: a page that is a list of links (the list
// is most of its text), a list of three links, a closing list of
// sentences, a list of unlinked items, links that go on from the page's
// own list of entries, the lines of a grid's last card (each linked,
// in one list item: review28co) and a topic page's own list of recipes
// under its long guide (review28co).
func TestDropClosingLinks(t *testing.T) {
	card := func(title, price string) string {
		return `<div class="card"><h3><a href="/p">` + title + `</a></h3><p>` + price + `</p></div>`
	}
	grid := card("Cast iron skillet, 26 cm, pre-seasoned", "€39.00") + card("Enamelled casserole dish, 4 litres", "€89.00") +
		card("Carbon steel wok with a wooden handle", "€45.00") + card("Stainless saucepan set of three", "€120.00") +
		card("Non-stick crepe pan, 28 cm", "€29.00") + card("Copper butter warmer with a lid", "€55.00")
	intro := `<p>` + strings.Repeat("Our pans are chosen for even heat, long life and handles that stay cool on the hob. ", 4) + `</p>`
	list := func(lead string, items ...string) string {
		s := lead + `<ul>`
		for _, it := range items {
			s += `<li>` + it + `</li>`
		}
		return s + `</ul>`
	}
	link := func(s string) string { return `<a href="/s">` + s + `</a>` }
	searches := list(`<h2>Related searches</h2>`, link("Oven dishes"), link("Pressure cookers"), link("Kitchen knives"),
		link("Baking trays"), link("Chopping boards"))
	tests := []struct {
		name       string
		body       string
		kept, lost []string
	}{
		{"related searches under the grid", `<h1>Pans</h1>` + intro + grid + searches,
			[]string{"Cast iron skillet", "Copper butter warmer", "even heat"},
			[]string{"Related searches", "Oven dishes", "Chopping boards"}},
		{"a page that is a list of links", `<h1>Recipe categories</h1><p>Every category we cook from.</p>` +
			list(``, link("Soups"), link("Stews"), link("Salads"), link("Breads"), link("Cakes"), link("Pickles")),
			[]string{"Soups", "Pickles"}, nil},
		{"three links", `<h1>Pans</h1>` + intro + grid + list(`<h2>See also</h2>`, link("Oven dishes"), link("Pressure cookers"),
			link("Kitchen knives")), []string{"See also", "Kitchen knives"}, nil},
		{"a closing list of sentences", `<h1>Pans</h1>` + intro + grid + list(`<h2>Care</h2>`,
			link("Dry the pan at once."), link("Oil it lightly."), link("Keep it off the dishwasher."), link("Store it dry.")),
			[]string{"Care", "Store it dry."}, nil},
		{"unlinked items", `<h1>Pans</h1>` + intro + grid + list(`<h2>Why buy here</h2>`, "Free returns", "Two year warranty",
			"Delivery in two days", "Gift wrapping"), []string{"Why buy here", "Gift wrapping"}, nil},
		{"the page's own list of entries", `<h1>Pans</h1>` + intro + grid + list(`<h2>Sizes</h2>`,
			link("Skillets")+` from 20 to 32 cm, for one to six people`, link("Woks")+` from 28 to 36 cm, flat or round based`,
			link("Saucepans"), link("Crepe pans"), link("Casseroles"), link("Butter warmers")),
			[]string{"Skillets", "Butter warmers"}, nil},
		{"the last card's lines", `<h1>Pans</h1>` + intro + grid + `<ul><li><h3><a href="/p">Cast iron griddle</a></h3>` +
			`<p>` + link("4.8 stars") + `</p><p>` + link("€49.00") + `</p><p>` + link("Free delivery") + `</p><p>` + link("In stock") + `</p></li></ul>`,
			[]string{"Cast iron griddle", "€49.00", "Free delivery", "In stock"}, nil},
		{"a topic's guide and its own list of recipes", `<h1>Sourdough</h1>` +
			`<p>` + strings.Repeat("A starter needs flour, water, warmth and a few days of patience before it rises well. ", 10) + `</p>` +
			list(`<h2>Latest recipes</h2>`, link("Country loaf with a dark crust"), link("Rye and caraway bread"),
				link("Sourdough pizza dough"), link("Spelt crackers"), link("Cinnamon buns")),
			[]string{"Latest recipes", "Country loaf", "Cinnamon buns"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, bs := mainBlocks(t, tt.body)
			var got []string
			for _, b := range dropClosingLinks(bs) {
				got = append(got, b.text)
			}
			checkText(t, strings.Join(got, "\n"), tt.kept, tt.lost)
		})
	}
}
