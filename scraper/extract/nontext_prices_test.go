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
			var sb strings.Builder
			sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Outerwear | Estuary Outfitters</title></head><body><main><h1>Outerwear</h1><ul class="results">`)
			for _, n := range names {
				sb.WriteString(`<li class="card"><a href="/p/` + strings.ReplaceAll(strings.ToLower(n), " ", "-") + `"><h3>` + n + `</h3></a>` + tt.price + `</li>`)
			}
			sb.WriteString(`</ul></main></body></html>`)
			art, err := Extract(Input{Body: []byte(sb.String()), URL: "https://estuary-outfitters.example/collections/outerwear", ContentType: "text/html", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != "listing" {
				t.Fatalf("page type %q, want listing", art.PageType)
			}
			if n := strings.Count(art.Text, tt.line); n != tt.want*len(names) {
				t.Errorf("text has %q %d times, want %d:\n%s", tt.line, n, tt.want*len(names), art.Text)
			}
		})
	}
}
