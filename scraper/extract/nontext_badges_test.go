package extract

import (
	"strings"
	"testing"
)

// TestDropBadgeLines: a card's merchandising badge alone on its line
// goes ("New", "Sale!", "Top Rated", "Just added"); a heading that says
// the same, a stock line, "Sold out", a product named with the word and
// a sentence stay, and so does "New" where cards say "Used" in its place.
func TestDropBadgeLines(t *testing.T) {
	tests := []struct {
		name string
		in   []block
		want []string
	}{
		{"badges", textBlocks([]string{"New", "Sale!", "On Sale", "Best Seller", "Top Rated", "New arrival", "New Colors",
			"Low Stock", "Back-order", "Exclusive", "Online only", "Limited edition", "Just added", "Almost full",
			"Going fast", "Sales end soon", "Nouveau", "Neu", "Nuevo!", "Novità", "Harbour Rain Jacket"}), []string{"Harbour Rain Jacket"}},
		{"kept lines", textBlocks([]string{"In stock", "Sold out", "Featured", "New Balance Fresh Foam", "Sale ends 9 March",
			"New arrivals come every Thursday, straight from the workshop."}),
			[]string{"In stock", "Sold out", "Featured", "New Balance Fresh Foam", "Sale ends 9 March",
				"New arrivals come every Thursday, straight from the workshop."}},
		{"heading", []block{{text: "New arrivals", kind: kindHeading}, {text: "New"}, {text: "Quayside Fleece"}},
			[]string{"New arrivals", "Quayside Fleece"}},
		{"condition", textBlocks([]string{"Harbour Rain Jacket", "New", "Quayside Fleece", "Used", "Sale!"}),
			[]string{"Harbour Rain Jacket", "New", "Quayside Fleece", "Used"}},
		{"condition in Spanish", textBlocks([]string{"Chaqueta", "Nuevo", "Forro polar", "Usado", "Exclusive"}),
			[]string{"Chaqueta", "Nuevo", "Forro polar", "Usado"}},
		// A badge printed twice on its line (for the eye and again for
		// screen readers) is a badge; a name said twice is not.
		{"badge twice", textBlocks([]string{"NEW NEW", "Best Seller Best Seller", "Sale! Sale!", "Harbour Rain Jacket", "New Balance New Balance", "New New York Cap"}),
			[]string{"Harbour Rain Jacket", "New Balance New Balance", "New New York Cap"}},
		{"condition twice", textBlocks([]string{"Chaqueta", "Nuevo Nuevo", "Forro polar", "Usado"}),
			[]string{"Chaqueta", "Nuevo Nuevo", "Forro polar", "Usado"}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropBadgeLines(tt.in))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropCardBadges: on a shop's category page, a line that four cards
// or more print alike in the same place goes (a badge, the labels of a
// card's facts); with three cards, a line that one card says otherwise,
// a shared byline, date or price, an unlinked item of a list in each
// card, a shared line of four words and a line
// that three cards print in one place and three in another stay.
func TestDropCardBadges(t *testing.T) {
	names := []string{"Harbour Rain Jacket", "Quayside Fleece", "Lighthouse Knit Jumper", "Tidewater Overtrousers", "Saltmarsh Gilet", "Breakwater Smock"}
	card := func(i int, extra string) string {
		return `<li class="card"><a href="/p/` + strings.ReplaceAll(strings.ToLower(names[i]), " ", "-") + `"><h3>` + names[i] + `</h3></a>` +
			`<p class="teaser">A coat sewn in our workshop by the estuary, number ` + strings.Repeat("I", i+1) + ` of the season.</p>` + extra + `</li>`
	}
	tests := []struct {
		name  string
		cards int
		extra func(i int) string
		line  string
		want  int // times line is in the text
	}{
		{"badge", 6, func(int) string { return `<span class="badge">Mended for free</span>` }, "Mended for free", 0},
		{"label", 6, func(i int) string { return `<dl><dt>Maker</dt><dd>Estuary</dd></dl>` }, "Maker", 0},
		{"three cards", 3, func(int) string { return `<span class="badge">Mended for free</span>` }, "Mended for free", 3},
		{"one card differs", 6, func(i int) string {
			if i == 5 {
				return `<span class="fit">oversized fit</span>`
			}
			return `<span class="fit">slim fit</span>`
		}, "slim fit", 5},
		// A value every card happens to share is still each card's: a
		// one-author blog's byline, a day's archive's date, one price.
		{"byline", 6, func(int) string { return `<span class="author">By Jane Doe</span>` }, "By Jane Doe", 6},
		{"date", 6, func(int) string { return `<time>9 March 2026</time>` }, "9 March 2026", 6},
		{"price", 6, func(int) string { return `<span class="price">$10</span>` }, "$10", 6},
		// A merchandising badge on some cards only (dropBadgeLines), and
		// "New" beside "Used", an item's condition.
		{"badge on two cards", 6, func(i int) string {
			if i%3 == 0 {
				return `<span class="flag">New</span>`
			}
			return ""
		}, "New", 0},
		{"condition", 6, func(i int) string {
			if i%2 == 0 {
				return `<p class="cond">New</p>`
			}
			return `<p class="cond">Used</p>`
		}, "New", 3},
		// A list in each card whose items all cards share (a plan's
		// features) is the cards' text; a menu of links is not.
		{"feature item", 6, func(int) string {
			return `<ul class="features"><li>Waxed seams</li><li>Storm hood</li></ul>`
		}, "Storm hood", 6},
		{"menu item", 6, func(int) string {
			return `<ul class="actions"><li><a href="/compare">Add to compare</a></li></ul>`
		}, "Add to compare", 0},
		{"tag among links", 6, func(int) string {
			return `<ul class="tags"><li><a href="/t/wool">Wool</a></li><li>Made here</li><li><a href="/t/wax">Wax</a></li></ul>`
		}, "Made here", 0},
		// A field's label written with its colon, and the value under
		// it, stay though all cards share them ("Lining:" "Quilted"); the
		// label without its colon is the "label" case above.
		{"value after a colon label", 6, func(int) string {
			return `<div class="facts"><div class="k">Lining:</div><div class="v">Quilted</div></div>`
		}, "Quilted", 6},
		{"value after a colon label's block", 6, func(int) string {
			return `<dl class="facts"><dt>Lining:</dt><dd><p>Quilted</p></dd></dl>`
		}, "Quilted", 6},
		{"colon label", 6, func(int) string {
			return `<div class="facts"><div class="k">Lining:</div><div class="v">Quilted</div></div>`
		}, "Lining:", 6},
		{"four words", 6, func(int) string { return `<span class="badge">Free repairs for life</span>` }, "Free repairs for life", 6},
		{"two places, three cards each", 6, func(i int) string {
			if i%2 == 0 {
				return `<span class="badge">Mended for free</span>`
			}
			return `<p class="note">Mended for free</p>`
		}, "Mended for free", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cards := make([]string, tt.cards)
			for i := range cards {
				cards[i] = card(i, tt.extra(i))
			}
			if text := outerwearText(t, cards); strings.Count(text, tt.line) != tt.want {
				t.Errorf("text has %q %d times, want %d:\n%s", tt.line, strings.Count(text, tt.line), tt.want, text)
			}
		})
	}
}

// outerwearText returns the text of a shop's category page whose list of
// results holds cards, and fails unless the page is typed a listing.
func outerwearText(t *testing.T, cards []string) string {
	t.Helper()
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Outerwear | Estuary Outfitters</title></head><body><main><h1>Outerwear</h1><ul class="results">`)
	for _, c := range cards {
		sb.WriteString(c)
	}
	sb.WriteString(`</ul></main></body></html>`)
	art, err := Extract(Input{Body: []byte(sb.String()), URL: "https://estuary-outfitters.example/collections/outerwear", ContentType: "text/html", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if art.PageType != "listing" {
		t.Fatalf("page type %q, want listing", art.PageType)
	}
	return art.Text
}
