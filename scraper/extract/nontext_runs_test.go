package extract

import (
	"slices"
	"strconv"
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
		// The bound: a run is looked for only from the first
		// runMaxStarts places of its first line.
		{"a run from a line's ninth place", leadRows(runMaxStarts, "Buy", "Size", "Colour", "Buy", "Size", "Colour"),
			leadRows(runMaxStarts, "Buy", "Size", "Colour", "Buy", "Size", "Colour")},
		{"a run from a line's eighth place", leadRows(runMaxStarts-1, "Buy", "Size", "Colour", "Buy", "Size", "Colour"),
			leadRows(runMaxStarts-1, "Buy", "Size", "Colour")},
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

// TestDropCellRuns: a run of gridMinBlocks lone short tokens or more
// goes; shorter runs, longer tokens and lines of two words stay.
func TestDropCellRuns(t *testing.T) {
	grid := []string{"US", "8", "9", "10", "11", "12"}
	tests := []struct {
		name     string
		in, want []string
	}{
		{"size chart", append(append([]string{"Sizes run large."}, grid...), "Wash by hand"), []string{"Sizes run large.", "Wash by hand"}},
		{"five cells", []string{"x", "8", "9", "10", "11", "12"}[1:], []string{"8", "9", "10", "11", "12"}},
		{"longer tokens", []string{"Small", "Medium", "Large", "XLarge", "XXLarge", "XXXLarge"},
			[]string{"Small", "Medium", "Large", "XLarge", "XXLarge", "XXXLarge"}},
		{"two words", []string{"8 cm", "9 cm", "10 cm", "11 cm", "12 cm", "13 cm"}, []string{"8 cm", "9 cm", "10 cm", "11 cm", "12 cm", "13 cm"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropCellRuns(textBlocks(tt.in)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// leadRows returns n rows of "Buy" and a line of its own, then rest.
func leadRows(n int, rest ...string) []string {
	var out []string
	for i := range n {
		out = append(out, "Buy", "item "+strconv.Itoa(i))
	}
	return append(out, rest...)
}

// BenchmarkDropRepeatedRuns: a line on every other row (a shop's "Add to
// cart") must not make the walk quadratic (runMaxStarts).
func BenchmarkDropRepeatedRuns(b *testing.B) {
	in := make([]string, 50000)
	for i := range in {
		in[i] = "Add to cart"
		if i%2 == 1 {
			in[i] = strconv.Itoa(i)
		}
	}
	bs := textBlocks(in)
	b.ResetTimer()
	for range b.N {
		dropRepeatedRuns(bs)
	}
}
