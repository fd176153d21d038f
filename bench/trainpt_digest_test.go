package main

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// TestPageTypeModelFit computes the features of the tuning pages again
// and compares their digest with the one the committed model recorded
// when it was fitted: a change of the feature code that moves them on
// the pages the model learnt from fails here, naming the features, even
// when the probe pages (scraper/extract's TestPageTypeModelProbes) did
// not move. A model fitted on an older commit's features (-fit-cache)
// also records today's digest: that drift was read and accepted, the
// test names it and skips, and fails on any other. It needs ../shared
// and the sets in the module cache, and takes about 15 CPU seconds.
func TestPageTypeModelFit(t *testing.T) {
	names := pageTypeFeatureNames()
	if len(names) == 0 {
		t.Skip("built without archivist: no model")
	}
	if testing.Short() {
		t.Skip("-short: not computing the tuning pages' features")
	}
	fit, drift := committedFit()
	if fit.Pages == 0 {
		t.Fatal("the committed model records no digest of its tuning pages; refit: cd bench && go run . train-pagetype")
	}
	o, err := parseTrainFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	// A worktree's bench directory is not beside the shared sets, and a
	// skip shows only under -v: ARCHIVIST_SHARED names them there.
	if o.Shared, err = findSharedDir(os.Getenv("ARCHIVIST_SHARED")); err != nil {
		t.Skipf("the model's tuning pages are not on this machine (set ARCHIVIST_SHARED to the shared directory): %v", err)
	}
	for _, name := range o.Sets {
		if _, err := setLoaders[name](o.Shared); errors.Is(err, errNoData) {
			t.Skipf("set %s is not on this machine, the digest cannot be compared: %v", name, err)
		}
	}
	s, err := loadTrainSamples(context.Background(), o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	got := digestSamples(s, len(names))
	const refit = "read the drift (bench/README.md, \"The page-type model\"), then refit: cd bench && go run . train-pagetype"
	if drift.Pages == 0 {
		if d := digestDrift(names, fit, got); len(d) > 0 {
			t.Errorf("the feature code moved the tuning pages' features since the page-type model was fitted:\n  %s\n%s",
				strings.Join(d, "\n  "), refit)
		}
		return
	}
	if d := digestDrift(names, drift, got); len(d) > 0 {
		t.Errorf("the feature code moved the tuning pages' features since the model file accepted a drift:\n  %s\n%s",
			strings.Join(d, "\n  "), "read the drift (bench/README.md, \"The page-type model\"), then accept it by fitting on the "+
				"older features again (cd bench && go run . train-pagetype -fit-cache FILE; the README makes FILE) or refit")
		return
	}
	t.Skipf("the committed model was fitted on an older commit's features (-fit-cache); the file accepts this drift since, "+
		"and no refit at this commit was as good on the check half:\n  %s", strings.Join(digestDrift(names, fit, got), "\n  "))
}

func TestDigestDrift(t *testing.T) {
	names := []string{"a", "b"}
	s := []sample{
		{Set: "x", ID: "1", X: []float64{1, 2}},
		{Set: "x", ID: "2", X: []float64{0, 3}},
		{Set: "x", ID: "2@hashed", X: []float64{5, 5}, Hashed: true},
	}
	base := digestSamples(s, 2)
	if base.Pages != 2 || base.Sum[0] != 1 || base.Sum[1] != 5 {
		t.Fatalf("digest = %+v, want 2 pages, sums 1 and 5 (copies left out)", base)
	}
	swapped := []sample{{Set: "x", ID: "1", X: []float64{0, 2}}, {Set: "x", ID: "2", X: []float64{1, 3}}}
	for _, tt := range []struct {
		name string
		s    []sample
		want []string // the drifted features' names, in order
	}{
		{"same", s, nil},
		{"one value", []sample{{Set: "x", ID: "1", X: []float64{1, 2}}, {Set: "x", ID: "2", X: []float64{0, 3.5}}}, []string{"b:"}},
		{"two pages swap", swapped, []string{"a:"}},
		{"a page less", s[:1], []string{"pages:", "b:"}}, // the page left had a = 0
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := digestDrift(names, base, digestSamples(tt.s, 2))
			if len(got) != len(tt.want) {
				t.Fatalf("drift = %q, want %d lines", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("line %d = %q, want it to start %q", i, got[i], w)
				}
			}
		})
	}
}
