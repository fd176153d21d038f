package extract

import (
	"strings"
	"testing"
)

// TestFragmentText: a description written as markup comes out a line
// per paragraph, item or break, inline markup joined into its line,
// scripts left out.
func TestFragmentText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Cut <b>long</b> in the back.</p><p>Proofed by hand.</p>", "Cut long in the back.\nProofed by hand."},
		{"Slim fit<br>Lightweight<br/>Crew neck", "Slim fit\nLightweight\nCrew neck"},
		{"<ul><li>Cotton</li><li>Wax</li></ul><script>x()</script>", "Cotton\nWax"},
	}
	for _, tt := range tests {
		var lines []string
		for _, l := range strings.Split(fragmentText(tt.in), "\n") {
			if l = cleanSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if got := strings.Join(lines, "\n"); got != tt.want {
			t.Errorf("fragmentText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCoverage: the share of a text's distinct words that the blocks
// hold, case aside.
func TestCoverage(t *testing.T) {
	bs := textBlocks([]string{"Waxed cotton canvas", "Leather straps"})
	tests := []struct {
		in   string
		want float64
	}{
		{"waxed canvas, leather straps", 1},
		{"Waxed canvas and brass clips", 0.4},
		{"", 1},
	}
	for _, tt := range tests {
		if got := coverage(tt.in, bs); got != tt.want {
			t.Errorf("coverage(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
