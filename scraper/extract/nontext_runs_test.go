package extract

import (
	"slices"
	"testing"
)

// TestDropRepeatedRuns: a run of runMinBlocks blocks or more printed
// again goes, wherever it comes; shorter runs, blocks repeated out of
// order and a run that repeats the one just begun (overlapping itself)
// stay.
func TestDropRepeatedRuns(t *testing.T) {
	tests := []struct {
		name     string
		in, want []string
	}{
		{"run again", []string{"Height", "34 cm", "Weight", "1.2 kg", "Care", "Height", "34 cm", "Weight", "1.2 kg"},
			[]string{"Height", "34 cm", "Weight", "1.2 kg", "Care"}},
		{"run in a row", []string{"A", "B", "C", "A", "B", "C", "D"}, []string{"A", "B", "C", "D"}},
		{"part of a run", []string{"A", "B", "C", "D", "x", "B", "C", "D", "y"}, []string{"A", "B", "C", "D", "x", "y"}},
		{"two blocks", []string{"A", "B", "x", "A", "B"}, []string{"A", "B", "x", "A", "B"}},
		{"out of order", []string{"A", "B", "C", "C", "B", "A"}, []string{"A", "B", "C", "C", "B", "A"}},
		{"one line over and over", []string{"A", "A", "A", "A", "A"}, []string{"A", "A", "A", "A", "A"}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropRepeatedRuns(textBlocks(tt.in)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
