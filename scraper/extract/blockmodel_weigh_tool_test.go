package extract

import (
	"slices"
	"testing"
)

// The trainer's grids (blockmodel_weigh_test.go) on small made-up pages.

func TestKeptBlocksRescue(t *testing.T) {
	defer func() { rescueLow = 0 }()
	for _, c := range []struct {
		name   string
		low    float64
		scores []float64
		want   []bool
	}{
		{"off", 0, []float64{0.9, 0.35, 0.9}, []bool{true, false, true}},
		{"between two kept", 0.3, []float64{0.9, 0.35, 0.9}, []bool{true, true, true}},
		{"under the floor", 0.3, []float64{0.9, 0.2, 0.9}, []bool{true, false, true}},
		{"one side only", 0.3, []float64{0.9, 0.35, 0.1}, []bool{true, false, false}},
		{"rescued blocks do not chain", 0.3, []float64{0.9, 0.35, 0.35, 0.9}, []bool{true, false, false, true}},
	} {
		rescueLow = c.low
		if got := keptBlocks(c.scores, 0.4); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestSnippetWeights(t *testing.T) {
	p := trainPage{
		texts:   []string{"Fast delivery to your door", "Free", "Sign in", "Our plans: Basic and Pro", "Menu"},
		labels:  []float64{0, 1, 1, 0, 1},
		weights: []float64{5, 1, 2, 5, 1},
		with:    []string{"Fast delivery to your door, every day", "Our plans’ names: Basic"},
		without: []string{"Sign in"},
	}
	p.snippetWeights(3, 2)
	// The first block lies inside a with snippet; the second is too short
	// to count as inside one; the third is a without snippet; the fourth
	// holds none (the snippet's words differ), the fifth neither.
	wantForce := []float64{1, -1, 0, -1, -1}
	wantBoost := []float64{3, 1, 2, 1, 1}
	if !slices.Equal(p.force, wantForce) || !slices.Equal(p.boost, wantBoost) {
		t.Errorf("force %v boost %v, want %v %v", p.force, p.boost, wantForce, wantBoost)
	}
	p.ref = "Free shipping\n\nMenu of the day"
	p.shortLineLabels()
	// "Free" opens a line of the reference and "Menu" too; the forced
	// labels stay.
	if got := []float64{p.label(0), p.label(1), p.label(2), p.label(4)}; !slices.Equal(got, []float64{1, 1, 0, 1}) {
		t.Errorf("labels %v", got)
	}
	p.ref = "We ship for free\n\nThe menu"
	p.force = nil
	p.shortLineLabels()
	if got := []float64{p.label(1), p.label(4)}; !slices.Equal(got, []float64{0, 0}) {
		t.Errorf("words inside a line, not at its start: labels %v, want 0 0", got)
	}
}
