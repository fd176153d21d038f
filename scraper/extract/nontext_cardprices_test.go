package extract

import (
	"strings"
	"testing"
)

// TestKeepCardPrices: a made-up cup shop's grid, each card a link to
// the product holding its title, a row of colour swatches and its
// price, of which the model keeps the titles (the test keeps the blocks
// whose text starts "Kept"): each card's price comes back, past the
// swatches. Two cards are too few; a price after the next kept title,
// a price line of many words and a price in a card whose title the
// model drops stay out; a card without a price takes none from the
// next card.
func TestKeepCardPrices(t *testing.T) {
	card := func(title, price string) string {
		s := `<li class="item"><a href="/p/` + strings.ReplaceAll(title, " ", "-") + `"><h2 class="item-title">` + title + `</h2>` +
			`<div class="swatches">`
		for _, c := range []string{"Amber Light", "Blue Stone", "Deep Teal Sea", "Lilac"} {
			s += `<div class="swatch"><a href="/p?c=` + c + `">` + c + `</a></div>`
		}
		return s + `</div><div class="size-price"><span class="size">S 177ml</span> <span class="price">` + price + `</span></div></a></li>`
	}
	grid := func(cards ...string) string {
		return `<h1>Cups</h1><ul class="grid">` + strings.Join(cards, "") + `</ul>`
	}
	three := []string{card("Kept glass cup small", "$29.95"), card("Kept glass cup medium", "$30.95"), card("Kept glass cup large", "$32.95")}
	fourth := card("Kept glass cup tall", "$34.95")
	tests := []struct {
		name       string
		body       string
		kept, lost []string
	}{
		{"a grid", grid(three...), []string{"$29.95", "$30.95", "$32.95"}, []string{"Amber Light"}},
		{"two cards", grid(three[:2]...), nil, []string{"$29.95", "$30.95"}},
		{"a long line", grid(card("Kept glass cup small", "from $29.95 or four payments of $7.49 a month with no interest"),
			three[1], three[2], fourth), []string{"$30.95", "$32.95", "$34.95"}, []string{"payments"}},
		{"a title the model drops", grid(append(three, card("Travel glass cup", "$44.95"))...),
			[]string{"$29.95", "$32.95"}, []string{"$44.95"}},
		{"a card without a price", grid(`<li class="item"><a href="/p/a"><h2>Kept glass cup small</h2></a></li>`+
			`<li class="item"><a href="/p/b"><h2>Kept glass cup medium</h2></a><p>$30.95</p></li>`, three[2], fourth),
			[]string{"$30.95", "$32.95", "$34.95"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, bs := mainBlocks(t, tt.body)
			keep := keptMarks(bs)
			p.keepCardPrices(bs, keep)
			var got []string
			for i, b := range bs {
				if keep[i] {
					got = append(got, b.text)
				}
			}
			checkText(t, strings.Join(got, "\n"), tt.kept, tt.lost)
		})
	}
}
