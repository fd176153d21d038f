package extract

import (
	"flag"
	"strings"
	"testing"
	"time"
)

var blockExp = flag.Bool("block-exp", false, "")

func treeF1(pages []trainPage, nodes []treeNode, roots []int32, base, thr float64) map[string]float64 {
	return scorerF1(pages, func(x *[nFeat]float64) float64 { return treeScore(nodes, roots, base, x) }, thr)
}

func TestBlockExperiments(t *testing.T) {
	if !*blockExp {
		t.Skip()
	}
	pages := loadTrainPages(t)
	var tune, check []trainPage
	for _, p := range pages {
		if p.half == "tune" {
			tune = append(tune, p)
		} else {
			check = append(check, p)
		}
	}
	w := fitLogistic(tune, 600, 1e-4)
	best, bestF := 0.5, -1.0
	for thr := 0.2; thr <= 0.8; thr += 0.025 {
		if f := modelF1(tune, w, thr)["all"]; f > bestF {
			best, bestF = thr, f
		}
	}
	t.Logf("logistic+new feats thr %.3f tune %v", best, fmtScores(modelF1(tune, w, best)))
	t.Logf("logistic+new feats check %v", fmtScores(modelF1(check, w, best)))
	for _, prm := range []treeParams{
		{trees: 150, depth: 2, rate: 0.1, lambda: 1, minHess: 20, bins: 32},
		{trees: 80, depth: 3, rate: 0.1, lambda: 10, minHess: 50, bins: 32},
	} {
		t0 := time.Now()
		nodes, roots, base := fitTrees(tune, prm)
		best, bestF := 0.5, -1.0
		for thr := 0.2; thr <= 0.8; thr += 0.025 {
			if f := treeF1(tune, nodes, roots, base, thr)["all"]; f > bestF {
				best, bestF = thr, f
			}
		}
		t.Logf("trees %+v (%v) thr %.3f tune %v", prm, time.Since(t0), best, fmtScores(treeF1(tune, nodes, roots, base, best)))
		t.Logf("trees check %v", fmtScores(treeF1(check, nodes, roots, base, best)))
	}
	_ = strings.Join
}
