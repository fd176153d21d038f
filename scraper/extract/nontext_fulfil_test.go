package extract

import (
	"slices"
	"testing"
)

// TestDropFulfilmentLines: a delivery widget's short lines go; the
// returns policy, a bare "Sold by", delivery terms in a sentence and
// longer lines stay.
func TestDropFulfilmentLines(t *testing.T) {
	in := []string{
		"Pickup or delivery?", "How do you want your item?", "Arrives by Tue, Mar 10", "Order within 3 hr 52 min",
		"Sold and shipped by Walmart.com", "Ships from Leeds", "This item is gift eligible", "Delivery today",
		"Free 90-day returns", "30 day return policy", "Sold by", "Free delivery on orders over £50.",
		"Arrives by sea in the spring, when the boats bring the first of the new season's canvas to the harbour.",
	}
	want := []string{"Free 90-day returns", "30 day return policy", "Sold by", "Free delivery on orders over £50.",
		"Arrives by sea in the spring, when the boats bring the first of the new season's canvas to the harbour."}
	if got := blockTexts(dropFulfilmentLines(textBlocks(in))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropStockLines: lines that only say an item is in stock or how it
// can be had go; a "Sold out" badge, a heading and a sentence about
// stock stay.
func TestDropStockLines(t *testing.T) {
	in := []block{{text: "In Stock!"}, {text: "Low in stock, only 6 left"}, {text: "Only 3 left"}, {text: "Ready to ship"},
		{text: "Available for Shipping or Pickup"}, {text: "Calculate Shipping"}, {text: "Pre-order"},
		{text: "Sold out"}, {text: "In stock", kind: kindHeading},
		{text: "In stock at our Leeds workshop from March, when the new canvas comes in."}}
	want := []string{"Sold out", "In stock", "In stock at our Leeds workshop from March, when the new canvas comes in."}
	if got := blockTexts(dropStockLines(in)); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
