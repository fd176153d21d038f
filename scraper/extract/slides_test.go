package extract

import (
	"strings"
	"testing"
)

// TestDropSlides: three or more blocks opened by counters of one total,
// numbered in a row, go with their captions; counters out of order, of
// different totals or fewer than three stay (a share written "1/3" in a
// sentence is not a slide).
func TestDropSlides(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"gallery", []string{"Story.", "1/3 One", "Caption one.", "2/3 Two", "Caption two.", "3/3 Three", "Caption three.", "More story."},
			[]string{"Story.", "More story."}},
		{"of", []string{"Story.", "1 of 3 One", "2 of 3 Two", "3 of 3 Three", "More story."}, []string{"Story.", "More story."}},
		{"two slides", []string{"Story.", "1/2 One", "2/2 Two", "More story."}, []string{"Story.", "1/2 One", "2/2 Two", "More story."}},
		{"shares", []string{"1/3 of the voters stayed home.", "2/3 of them said so.", "1/4 of the rest did not.", "End."},
			[]string{"1/3 of the voters stayed home.", "2/3 of them said so.", "1/4 of the rest did not.", "End."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bs []block
			for _, s := range tt.in {
				bs = append(bs, block{text: s})
			}
			var got []string
			for _, b := range dropSlides(bs) {
				got = append(got, b.text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("dropSlides = %q, want %q", got, tt.want)
			}
		})
	}
}
