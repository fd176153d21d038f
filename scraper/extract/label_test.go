package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
	"golang.org/x/net/html/atom"
)

// TestLabelPages: a shop's grid loses the labels that only screen readers
// get ("Regular price", "Sale price:", "Select size" over sizes a script
// draws); a hidden sentence with a figure ("Original price was: ..."),
// the hidden words of a table's ticks ("Yes") and a visible "Regular
// price" stay.
func TestLabelPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "listing_srlabels", url: "https://harbourside.example/collections/mens-shoes", typ: corpus.PageTypeListing,
			wantInText: []string{"Tan leather\n£64.00", "£92.00 £110.00", "Original price was: £120.00.", "Crepe rubber\nYes\n",
				"Leather\nNo\n", "Regular price on every sole"},
			notInText: []string{"Regular price £", "Regular price\n£", "Sale price", "Regular price £110.00", "Select size"}},
	})
}

// TestSrLabel: a visually hidden name before a visible value, before a
// widget with no text yet, or naming an icon's control is a label; a
// visible name, a hidden sentence with a figure, a hidden word that is all
// a table cell says, a hidden name before another hidden one and a long
// hidden text are not.
func TestSrLabel(t *testing.T) {
	for _, tt := range []struct {
		name, markup string
		want         bool
	}{
		{"price label", `<span class="visually-hidden">Regular price</span><span class="price">$36</span>`, true},
		{"label before text", `<span class="sr-only">Sale price:</span> $24`, true},
		{"wordpress class", `<span class="screen-reader-text">Brand</span> Merrell`, true},
		{"visible", `<span class="price-label">Regular price</span><span class="price">$36</span>`, false},
		{"figure", `<span class="screen-reader-text">Original price was: $39.95.</span> <span>$23.97</span>`, false},
		{"widget drawn by a script", `<span class="sr-only">Select size</span><div class="sizes"><template></template></div>`, true},
		{"control", `<a href="/play"><svg></svg><span class="visually-hidden">Play video</span></a>`, true},
		{"cell", `<table><tr><td><svg></svg><span class="sr-only">Yes</span></td></tr></table>`, false},
		{"cell, deeper", `<table><tr><td><div><i></i><span class="sr-only">No</span></div></td></tr></table>`, false},
		{"before hidden", `<span class="sr-only">Regular price</span><span class="visually-hidden">$36</span>`, false},
		{"long", `<span class="sr-only">Press enter to open the menu of every department</span> Menu`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			span := firstOfAtom(mustParseFragment(t, "<div>"+tt.markup+"</div>"), atom.Span)
			if got := srLabel(span); got != tt.want {
				t.Errorf("srLabel = %v, want %v", got, tt.want)
			}
		})
	}
}
