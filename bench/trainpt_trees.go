package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Boosted trees for the page-type model: shallow regression trees fitted
// by Newton steps on the softmax loss, one tree per class a round, whose
// outputs add to a base model's class scores (the logistic model, or
// only the classes' prior odds). The extractor evaluates them in
// scraper/extract/typemodel.go.

// treeNode mirrors scraper/extract's treeNode: a split on Feature at
// Threshold (x <= Threshold goes Left) or, Feature < 0, a leaf.
type treeNode struct {
	Feature   int
	Threshold float64
	Left      int
	Right     int
	Value     float64
}

// tree is one regression tree adding to the score of class Class.
type tree struct {
	Class int
	Nodes []treeNode
}

func (t *tree) eval(x []float64) float64 {
	n := 0
	for t.Nodes[n].Feature >= 0 {
		if x[t.Nodes[n].Feature] <= t.Nodes[n].Threshold {
			n = t.Nodes[n].Left
		} else {
			n = t.Nodes[n].Right
		}
	}
	return t.Nodes[n].Value
}

// boostOptions are the trees' settings.
type boostOptions struct {
	Base    string  // "logistic" (trees correct the logistic model), "prior" (trees alone) or "blend" (both, fitted apart)
	Blend   float64 // with base blend, the logistic model's share of the scores (the trees have the rest)
	Rounds  int     // rounds of one tree per class; 0 for none
	Depth   int     // splits from the root to a leaf
	Rate    float64 // shrinkage of every leaf value
	MinLeaf int     // pages in a leaf, at least
	Lambda  float64 // L2 penalty on leaf values (in pages of weight)
}

func (b boostOptions) String() string {
	base := b.Base
	if base == "blend" {
		base = fmt.Sprintf("blend %g logistic", b.Blend)
	}
	if b.Rounds == 0 {
		return base + ", no trees"
	}
	return fmt.Sprintf("%s + %d rounds, depth %d, rate %g, min leaf %d", base, b.Rounds, b.Depth, b.Rate, b.MinLeaf)
}

// fitFull fits the base model and its trees on s.
func fitFull(s []sample, nf int, o trainOptions, bo boostOptions) *model {
	var m *model
	switch bo.Base {
	case "prior":
		m = priorModel(s, nf)
	case "blend":
		return blendModels(fitModel(s, nf, o.L2, o.Iters), fitFull(s, nf, o, boostOptions{Base: "prior", Rounds: bo.Rounds, Depth: bo.Depth, Rate: bo.Rate, MinLeaf: bo.MinLeaf, Lambda: bo.Lambda}), bo.Blend)
	default:
		m = fitModel(s, nf, o.L2, o.Iters)
	}
	boost(m, s, nf, bo)
	return m
}

// blendModels returns the model whose scores are a times lin's plus
// 1-a times trees' (a model of trees alone): a weighted geometric mean
// of their probabilities.
func blendModels(lin, trees *model, a float64) *model {
	for c := range lin.Weights {
		for j := range lin.Weights[c] {
			lin.Weights[c][j] *= a
		}
		lin.Bias[c] = a*lin.Bias[c] + (1-a)*trees.Bias[c]
	}
	for _, t := range trees.Trees {
		for i := range t.Nodes {
			t.Nodes[i].Value *= 1 - a
		}
		lin.Trees = append(lin.Trees, t)
	}
	return lin
}

// priorModel is a model with no weights whose scores are the log of the
// classes' weighted shares.
func priorModel(s []sample, nf int) *model {
	k := len(trainClasses)
	m := &model{Classes: trainClasses, Mean: make([]float64, nf), Scale: make([]float64, nf),
		Weights: make([][]float64, k), Bias: make([]float64, k)}
	for j := range m.Scale {
		m.Scale[j] = 1
	}
	for c := range m.Weights {
		m.Weights[c] = make([]float64, nf)
	}
	share := make([]float64, k)
	for _, x := range s {
		share[x.Class] += x.W
	}
	for c := range share {
		m.Bias[c] = math.Log(max(share[c], 1e-3))
	}
	return m
}

// boost appends bo.Rounds rounds of trees to m, fitted on s.
func boost(m *model, s []sample, nf int, bo boostOptions) {
	if bo.Rounds == 0 {
		return
	}
	k := len(m.Classes)
	order := make([][]int, nf) // sample indices sorted by each feature
	for j := range order {
		order[j] = make([]int, len(s))
		for i := range s {
			order[j][i] = i
		}
		sort.SliceStable(order[j], func(a, b int) bool { return s[order[j][a]].X[j] < s[order[j][b]].X[j] })
	}
	f := make([][]float64, len(s))
	for i, x := range s {
		f[i] = m.scores(x.X)
	}
	g, h := make([]float64, len(s)), make([]float64, len(s))
	all := make([]int, len(s))
	for i := range all {
		all[i] = i
	}
	for r := 0; r < bo.Rounds; r++ {
		ps := make([][]float64, len(s))
		for i := range s {
			ps[i] = softmax(append([]float64(nil), f[i]...))
		}
		for c := 0; c < k; c++ {
			for i, x := range s {
				y := 0.0
				if x.Class == c {
					y = 1
				}
				p := ps[i][c]
				g[i] = x.W * (p - y)
				h[i] = x.W * max(p*(1-p), 1e-6)
			}
			t := tree{Class: c}
			tb := treeBuilder{s: s, order: order, g: g, h: h, bo: bo, scale: bo.Rate * float64(k-1) / float64(k)}
			tb.grow(&t, all, 0)
			for i, x := range s {
				f[i][c] += t.eval(x.X)
			}
			m.Trees = append(m.Trees, t)
		}
	}
}

type treeBuilder struct {
	s     []sample
	order [][]int
	g, h  []float64
	bo    boostOptions
	scale float64
}

// grow adds the node for the samples idx (and its subtree) to t and
// returns its index.
func (b *treeBuilder) grow(t *tree, idx []int, depth int) int {
	G, H := 0.0, 0.0
	for _, i := range idx {
		G += b.g[i]
		H += b.h[i]
	}
	n := len(t.Nodes)
	t.Nodes = append(t.Nodes, treeNode{Feature: -1, Value: -b.scale * G / (H + b.bo.Lambda)})
	if depth >= b.bo.Depth || len(idx) < 2*b.bo.MinLeaf {
		return n
	}
	feat, th, ok := b.bestSplit(idx, G, H)
	if !ok {
		return n
	}
	var left, right []int
	for _, i := range idx {
		if b.s[i].X[feat] <= th {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	l := b.grow(t, left, depth+1)
	r := b.grow(t, right, depth+1)
	t.Nodes[n] = treeNode{Feature: feat, Threshold: th, Left: l, Right: r}
	return n
}

// bestSplit returns the split of idx with the largest Newton gain.
func (b *treeBuilder) bestSplit(idx []int, G, H float64) (feat int, th float64, ok bool) {
	in := make(map[int]bool, len(idx))
	for _, i := range idx {
		in[i] = true
	}
	lam := b.bo.Lambda
	parent := G * G / (H + lam)
	best := 1e-6
	for j, ord := range b.order {
		gl, hl, nl := 0.0, 0.0, 0
		var prev float64
		for _, i := range ord {
			if !in[i] {
				continue
			}
			v := b.s[i].X[j]
			if nl >= b.bo.MinLeaf && len(idx)-nl >= b.bo.MinLeaf && v > prev {
				gain := gl*gl/(hl+lam) + (G-gl)*(G-gl)/(H-hl+lam) - parent
				if gain > best {
					best, feat, th, ok = gain, j, (prev+v)/2, true
				}
			}
			gl += b.g[i]
			hl += b.h[i]
			nl++
			prev = v
		}
	}
	return feat, th, ok
}

// searchBoost cross-validates every setting of the grid on s and returns
// the one with the lowest out-of-fold cost (ties: the earlier, simpler
// one), printing a row for each.
func searchBoost(w io.Writer, s []sample, nf int, o trainOptions, grid []boostOptions) boostOptions {
	fmt.Fprintf(w, "\n| setting | threshold | cost | log loss P(article) | articles lost | non-articles called article | listings called article |\n|---|---|---|---|---|---|---|\n")
	best, bestCost := grid[0], math.Inf(1)
	for _, bo := range grid {
		oof := crossValidateWith(s, nf, o, bo)
		a, bb := fitCalibration(s, oof)
		for _, p := range oof {
			p[0] = calibrate(p[0], a, bb)
		}
		th := chooseThreshold(s, oof, o.LostCost)
		cost, ll, lost, kept, lists := cvCost(s, oof, th, o.LostCost)
		fmt.Fprintf(w, "| %s | %.2f | %.1f | %.3f | %d | %d | %d |\n", bo, th, cost, ll, lost, kept, lists)
		if cost < bestCost-1e-9 {
			best, bestCost = bo, cost
		}
	}
	fmt.Fprintf(w, "\nchosen: %s\n", best)
	return best
}

// cvCost sums the weighted out-of-fold cost at threshold th and the
// mean weighted log loss of P(article), with the error counts.
func cvCost(s []sample, oof [][]float64, th, lostCost float64) (cost, ll float64, lost, kept, lists int) {
	wsum := 0.0
	for i, x := range s {
		p := min(max(oof[i][0], 1e-6), 1-1e-6)
		wsum += x.W
		c := predictClass(oof[i], th)
		switch {
		case x.Class == 0:
			ll -= x.W * math.Log(p)
			if c != 0 {
				lost++
				cost += lostCost * x.W
			}
		default:
			ll -= x.W * math.Log(1-p)
			if c == 0 {
				kept++
				cost += x.W
				if x.Class == 1 {
					lists++
				}
			}
		}
	}
	return cost, ll / wsum, lost, kept, lists
}

// parseGrid reads -search: settings separated by ";", each
// base:rounds:depth:rate:minleaf, base logistic, prior or blend=A.
func parseGrid(spec string) ([]boostOptions, error) {
	var out []boostOptions
	for _, item := range strings.Split(spec, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		var bo boostOptions
		parts := strings.Split(item, ":")
		if len(parts) != 5 {
			return nil, fmt.Errorf("%w: want base:rounds:depth:rate:minleaf, got %q", errUsage, item)
		}
		bo.Base = parts[0]
		if b, a, ok := strings.Cut(bo.Base, "="); ok && b == "blend" {
			if _, err := fmt.Sscanf(a, "%g", &bo.Blend); err != nil || bo.Blend <= 0 || bo.Blend >= 1 {
				return nil, fmt.Errorf("%w: blend=A wants 0 < A < 1, got %q", errUsage, item)
			}
			bo.Base = "blend"
		}
		_, err := fmt.Sscanf(strings.Join(parts[1:], " "), "%d %d %g %d", &bo.Rounds, &bo.Depth, &bo.Rate, &bo.MinLeaf)
		if err != nil || (bo.Base != "logistic" && bo.Base != "prior" && bo.Base != "blend") || bo.Rounds < 0 || bo.Depth < 1 || bo.Rate <= 0 || bo.MinLeaf < 1 {
			return nil, fmt.Errorf("%w: bad trees setting setting %q", errUsage, item)
		}
		bo.Lambda = 1
		out = append(out, bo)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: -search: no setting", errUsage)
	}
	return out, nil
}
