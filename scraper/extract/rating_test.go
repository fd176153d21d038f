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
