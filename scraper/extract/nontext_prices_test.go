package extract

import (
	"strings"
	"testing"
)

// TestDropRepeatedPrices: on a category page, a card's price said again
// on the next line (regular and sale price alike) is given once; a sale
// price beside a different regular price, and a price after words,
// stay.
func TestDropRepeatedPrices(t *testing.T) {
	names := []string{"Harbour Rain Jacket", "Quayside Fleece", "Lighthouse Knit Jumper", "Tidewater Overtrousers", "Saltmarsh Gilet"}
	tests := []struct {
		name  string
		price string // each card's price markup
		line  string
		want  int // times line is in the text, per card
	}{
		{"same price twice", `<div class="price">$45.00</div><div class="price-pair"><span class="reg">$45.00</span> <span class="sale">$45.00</span></div>`, "$45.00", 1},
		{"same price on two lines", `<div class="price">$45.00</div><div class="price-sale">$45.00</div>`, "$45.00", 1},
		{"sale price", `<div class="price">$45.00</div><div class="price-pair"><span class="reg">$60.00</span> <span class="sale">$45.00</span></div>`, "$60.00", 1},
		{"price after words", `<div class="price">$45.00</div><div class="was">Was $45.00</div>`, "$45.00", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cards := make([]string, len(names))
			for i, n := range names {
				cards[i] = `<li class="card"><a href="/p/` + strings.ReplaceAll(strings.ToLower(n), " ", "-") + `"><h3>` + n + `</h3></a>` + tt.price + `</li>`
			}
			text := outerwearText(t, cards)
			if n := strings.Count(text, tt.line); n != tt.want*len(names) {
				t.Errorf("text has %q %d times, want %d:\n%s", tt.line, n, tt.want*len(names), text)
			}
		})
	}
}
