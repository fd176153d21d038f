package extract

import (
	"slices"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestRatingPages: a list of books loses the star choices of the rating
// control under every book; the inns' one-figure ratings, one per line
// between their names, and the list's own rating stay.
func TestRatingPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "listing_ratings", url: "https://shelfmark.example/list/show/best-books-of-the-coast", typ: corpus.PageTypeListing,
			wantInText: []string{"The Salt Road", "4.31 avg rating — 12,408 ratings", "Harbour Inn\n4 stars\n",
				"Quay Hotel\n3 stars\n", "2 stars", "Our readers rate the list itself 4.6 out of 5 stars."},
			notInText: []string{"1 of 5 stars", "of 5 stars2"}},
		// A product's histogram of ratings and its delivery widget's
		// options go; its numbered box list, its description and a
		// sentence about express delivery stay.
		{name: "product_delivery", url: "https://scarth.example/p/fell-running-vest", typ: corpus.PageTypeProduct,
			wantInText: []string{"A running vest knitted from merino", "1.\n\nOne vest\n\n2.", "3.\n\n4.",
				"Express delivery of every order we pack before noon", "4.6", "Most runners wear their usual size"},
			notInText: []string{"5 (212)", "1 (2)", "Standard Delivery (3-5", "Express Delivery Available", "Select size for delivery dates"}},
		// A category page's filter by rating keeps its counts.
		{name: "listing_rating_filter", url: "https://scarth.example/collections/running-vests", typ: corpus.PageTypeListing,
			wantInText: []string{"5 (14)", "4 (9)", "3 (2)", "Road Singlet"}},
	})
}

// TestStarChoices: a line made of the choices of a rating input counts
// them; a rating given, a choice said twice and a line with other words
// count 0.
func TestStarChoices(t *testing.T) {
	for _, tt := range []struct {
		line string
		want int
	}{
		{"1 of 5 stars2 of 5 stars3 of 5 stars4 of 5 stars5 of 5 stars", 5},
		{"1 star 2 stars 3 stars", 3},
		{"5 Stars", 1},
		{"4 out of 5 stars", 1},
		{"4.4 out of 5 stars", 0},
		{"Rated 4 stars", 0},
		{"3 stars 3 stars 3 stars", 0},
		{"4 stars and a sea view", 0},
	} {
		if got := starChoices(tt.line); got != tt.want {
			t.Errorf("starChoices(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

// TestDropRatingInputs: a line of three choices goes; a run of three
// lines of one choice each, every number different, goes; two such lines,
// a run that repeats a number and choices between other lines stay.
func TestDropRatingInputs(t *testing.T) {
	p := func(s string) block { return block{text: s} }
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"input line", []string{"Tidewater", "1 of 5 stars2 of 5 stars3 of 5 stars", "Low Water"}, []string{"Tidewater", "Low Water"}},
		{"filter run", []string{"Rating", "5 Stars", "4 Stars", "3 Stars", "2 Stars", "1 Star", "Age"}, []string{"Rating", "Age"}},
		{"two lines", []string{"5 Stars", "4 Stars", "Age"}, []string{"5 Stars", "4 Stars", "Age"}},
		{"repeated number", []string{"4 stars", "4 stars", "3 stars"}, []string{"4 stars", "4 stars", "3 stars"}},
		{"between names", []string{"Harbour Inn", "4 stars", "Quay Hotel", "3 stars", "The Gull", "2 stars"},
			[]string{"Harbour Inn", "4 stars", "Quay Hotel", "3 stars", "The Gull", "2 stars"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bs []block
			for _, s := range tt.in {
				bs = append(bs, p(s))
			}
			var got []string
			for _, b := range dropRatingInputs(bs) {
				got = append(got, b.text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropRatingBars: a product page's histogram of ratings (three bars
// or more in a row, every number different, each with its count or
// share) goes; two bars, a run that repeats a number, numbered lines
// without a count ("1.", "2.", "3.") and counts of other things ("3
// (pack of 2)") stay.
func TestDropRatingBars(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"counts", []string{"Reviews", "4.1", "5 (260)", "4 (49)", "3 (22)", "2 (15)", "1 (61)", "Rating"}, []string{"Reviews", "4.1", "Rating"}},
		{"stars and shares", []string{"5 stars 78%", "4 stars 12%", "3★ 6%", "2 ★ (1)", "Fit"}, []string{"Fit"}},
		{"shares", []string{"5 81%", "4 11%", "3 5%"}, nil},
		{"two bars", []string{"5 (12)", "4 (3)", "Fit"}, []string{"5 (12)", "4 (3)", "Fit"}},
		{"repeated number", []string{"5 (12)", "5 (12)", "4 (3)"}, []string{"5 (12)", "5 (12)", "4 (3)"}},
		{"numbered lines", []string{"1.", "1x Camera", "2.", "1x Feeder", "3.", "4."}, []string{"1.", "1x Camera", "2.", "1x Feeder", "3.", "4."}},
		{"other counts", []string{"3 (pack of 2)", "2 (set)", "1 (single)"}, []string{"3 (pack of 2)", "2 (set)", "1 (single)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := blockTexts(dropRatingBars(textBlocks(tt.in))); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
