package main

import (
	"errors"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestBoostSeparates checks that trees alone learn classes that only a
// threshold on one feature each tells apart.
func TestBoostSeparates(t *testing.T) {
	s := synthSamples()
	weighSamples(s, nil)
	for _, base := range []string{"prior", "blend"} {
		m := fitFull(s, len(trainClasses), trainOptions{L2: 0.01, Iters: 200}, boostOptions{Base: base, Blend: 0.5, Rounds: 20, Depth: 2, Rate: 0.3, MinLeaf: 2, Lambda: 1})
		if len(m.Trees) != 20*len(trainClasses) {
			t.Fatalf("%s: %d trees, want %d", base, len(m.Trees), 20*len(trainClasses))
		}
		for _, x := range s {
			if got := predictClass(m.probs(x.X), 0.5); got != x.Class {
				t.Errorf("%s: %s: class %s, want %s", base, x.ID, trainClasses[got], trainClasses[x.Class])
			}
		}
	}
}

func TestTreeSplitsRespectMinLeaf(t *testing.T) {
	s := synthSamples()
	weighSamples(s, nil)
	m := priorModel(s, len(trainClasses))
	boost(m, s, len(trainClasses), boostOptions{Base: "prior", Rounds: 3, Depth: 3, Rate: 0.1, MinLeaf: 12, Lambda: 1})
	for _, tr := range m.Trees {
		leaves := map[int]int{}
		for _, x := range s {
			n := 0
			for tr.Nodes[n].Feature >= 0 {
				if x.X[tr.Nodes[n].Feature] <= tr.Nodes[n].Threshold {
					n = tr.Nodes[n].Left
				} else {
					n = tr.Nodes[n].Right
				}
			}
			leaves[n]++
		}
		for n, c := range leaves {
			if c < 12 {
				t.Errorf("class %d: leaf %d holds %d pages, want >= 12", tr.Class, n, c)
			}
		}
	}
}

func TestParseGrid(t *testing.T) {
	g, err := parseGrid("prior:100:2:0.1:5; blend=0.3:50:3:0.2:10")
	if err != nil || len(g) != 2 || g[0].Base != "prior" || g[0].Rounds != 100 || g[1].Base != "blend" || g[1].Blend != 0.3 || g[1].MinLeaf != 10 {
		t.Fatalf("parseGrid: %+v, %v", g, err)
	}
	for _, bad := range []string{"", "prior:1:2:0.1", "forest:1:2:0.1:5", "prior:1:0:0.1:5", "blend=1:1:2:0.1:5", "prior:x:2:0.1:5"} {
		if _, err := parseGrid(bad); !errors.Is(err, errUsage) {
			t.Errorf("%q: err %v, want a usage error", bad, err)
		}
	}
}

func TestModelSourceTrees(t *testing.T) {
	s := synthSamples()
	weighSamples(s, nil)
	m := fitFull(s, len(trainClasses), trainOptions{}, boostOptions{Base: "prior", Rounds: 2, Depth: 2, Rate: 0.1, MinLeaf: 2, Lambda: 1})
	m.Features = []string{"f0", "f1", "f2", "f3", "f4", "f5"}
	m.CalibA, m.Threshold = 1, 0.25
	src, err := modelSource(m, trainSets, "cd bench && go run . train-pagetype")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "pagetype_model.go", src, 0); err != nil {
		t.Fatalf("generated source does not parse: %v\n%s", err, src)
	}
	if !strings.Contains(string(src), "Trees: []typeTree{") || strings.Count(string(src), "[]treeNode{") != len(m.Trees) {
		t.Errorf("source lacks the %d trees:\n%s", len(m.Trees), src)
	}
}
