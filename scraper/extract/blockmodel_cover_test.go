package extract

import (
	"flag"
	"strings"
	"testing"
)

var showMissed = flag.Bool("show-missed", false, "with -cover-grid: print the tuning half's with snippets missed outside the blocks")

// coverSearch scores the coverage choice over a grid on the tuning half
// (word F1 + (with - without) / 2) and shows the check half's totals for
// the best only. It also counts where the tuning half's missed with
// snippets are.
func coverSearch(t *testing.T, tune, check []trainPage, w [nFeat]float64) {
	extraSearch(t, tune, check, w)
	if *showMissed {
		relSearch(t, tune, check, w)
		missedWith(t, tune, w)
	}
	scoreOutput = true
	defer func() { scoreOutput = false; coverMin, coverRatio = 0, 1 }()
	base := modelF1(tune, w, blockThreshold)
	bestObj := base["all"] + (base["with"]-base["without"])/2
	t.Logf("rule today: tune %.4f %v", bestObj, fmtScores(base))
	bestC, bestR := 0.0, 1.0
	for _, c := range []float64{0.5, 0.7, 0.8, 0.9} {
		for _, r := range []float64{0.8, 1.0, 1.1, 1.25} {
			coverMin, coverRatio = c, r
			m := modelF1(tune, w, blockThreshold)
			obj := m["all"] + (m["with"]-m["without"])/2
			t.Logf("cover %.2f ratio %.2f: tune %.4f %v", c, r, obj, fmtScores(m))
			if obj > bestObj {
				bestObj, bestC, bestR = obj, c, r
			}
		}
	}
	coverMin, coverRatio = 0, 1
	t.Logf("rule today: check (totals only) %v", fmtScores(modelF1(check, w, blockThreshold)))
	coverMin, coverRatio = bestC, bestR
	t.Logf("best cover %.2f ratio %.2f: check (totals only) %v", bestC, bestR, fmtScores(modelF1(check, w, blockThreshold)))
}

// missedWith counts, on the tuning half, the with snippets the
// extractor's text misses by where they are: in no block the feature walk
// sees, in a block the model drops, in the model's text or the body that
// the choice did not take, or on a page typed article.
func missedWith(t *testing.T, tune []trainPage, w [nFeat]float64) {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	count := map[string]int{}
	for _, p := range tune {
		var kept []string
		for i := range p.feats {
			if blockScore(w[:], &p.feats[i]) >= blockThreshold {
				kept = append(kept, p.texts[i])
			}
		}
		model := norm(strings.Join(kept, "\n\n"))
		scoreOutput = true
		out := norm(p.output(strings.Join(kept, "\n\n")))
		scoreOutput = false
		all := norm(strings.Join(p.texts, "\n\n"))
		body := norm(p.body)
		for _, sn := range p.with {
			sn = norm(sn)
			if sn == "" || strings.Contains(out, sn) {
				continue
			}
			switch {
			case p.article && strings.Contains(model, sn):
				count["article page, in model text"]++
			case p.article:
				count["article page, not in model text"]++
			case strings.Contains(model, sn):
				count["in model text, body chosen"]++
			case strings.Contains(body, sn):
				count["in body, model chosen"]++
			case strings.Contains(all, sn):
				count["in a block the model drops"]++
			case strings.Contains(norm(strings.Join(p.texts, " ")), sn):
				count["across blocks"]++
			case strings.Contains(" "+strings.Join(wordTokens(strings.Join(p.texts, " ")), " ")+" ", " "+strings.Join(wordTokens(sn), " ")+" "):
				count["in blocks, other spelling"]++
				if *showMissed {
					t.Logf("spelling %s %s: %q", p.id, p.typ, sn)
				}
			default:
				count["in no block"]++
				if *showMissed {
					t.Logf("noblock %s %s: %q", p.id, p.typ, sn)
				}
			}
			count["missed"]++
		}
	}
	for k, v := range count {
		t.Logf("tuning with missed: %-36s %d", k, v)
	}
}

// relLow and relHigh are an experiment: a page's threshold is
// min(thr, relLow x its best block's score) and max(thr, relHigh x it)
// (0 turns either off).
var relLow, relHigh float64

// pageThreshold is the threshold of a page whose blocks score scores.
func pageThreshold(scores []float64, thr float64) float64 {
	top := 0.0
	for _, s := range scores {
		top = max(top, s)
	}
	if relLow > 0 {
		thr = min(thr, relLow*top)
	}
	if relHigh > 0 {
		thr = max(thr, relHigh*top)
	}
	return thr
}

// relSearch scores page-relative thresholds like coverSearch.
func relSearch(t *testing.T, tune, check []trainPage, w [nFeat]float64) {
	scoreOutput = true
	defer func() { scoreOutput = false; relLow, relHigh = 0, 0 }()
	base := modelF1(tune, w, blockThreshold)
	bestObj := base["all"] + (base["with"]-base["without"])/2
	bestL, bestH := 0.0, 0.0
	for _, lh := range [][2]float64{{0.5, 0}, {0.7, 0}, {0.9, 0}, {0, 0.45}, {0, 0.5}, {0, 0.55}, {0, 0.6}, {0, 0.7}, {0.7, 0.5}, {0.7, 0.6}} {
		relLow, relHigh = lh[0], lh[1]
		m := modelF1(tune, w, blockThreshold)
		obj := m["all"] + (m["with"]-m["without"])/2
		t.Logf("rel low %.2f high %.2f: tune %.4f %v", lh[0], lh[1], obj, fmtScores(m))
		if obj > bestObj {
			bestObj, bestL, bestH = obj, lh[0], lh[1]
		}
	}
	relLow, relHigh = bestL, bestH
	t.Logf("best rel low %.2f high %.2f: check (totals only) %v", bestL, bestH, fmtScores(modelF1(check, w, blockThreshold)))
}

// extraMin and extraRatio are an experiment on the choice: the model's
// text also replaces the body when it holds extraRatio times the body's
// words and the blocks it keeps outside the article body score extraMin
// or more on average (weighted by words). curExtra is that mean for the
// page being scored.
var extraMin, extraRatio, curExtra = modelExtraConf, 1.2, 0.0

// extraConfidence is the word-weighted mean score of the kept blocks
// outside the article body.
func extraConfidence(feats [][nFeat]float64, texts []string, scores []float64, thr float64) float64 {
	sum, n := 0.0, 0.0
	for i, s := range scores {
		if s >= thr && feats[i][fSelected] == 0 {
			w := float64(countWords(texts[i]))
			sum += s * w
			n += w
		}
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

// extraSearch scores the extra-confidence choice like coverSearch.
func extraSearch(t *testing.T, tune, check []trainPage, w [nFeat]float64) {
	scoreOutput = true
	defer func() { scoreOutput = false; extraMin, extraRatio = modelExtraConf, 1.2 }()
	extraMin = 0
	base := modelF1(tune, w, blockThreshold)
	bestObj := base["all"] + (base["with"]-base["without"])/2
	bestM, bestR := 0.0, 1.0
	for _, r := range []float64{0.9, 1.0, 1.2} {
		for _, m := range []float64{0.5, 0.55, 0.6, 0.65, 0.7, 0.75} {
			extraMin, extraRatio = m, r
			res := modelF1(tune, w, blockThreshold)
			obj := res["all"] + (res["with"]-res["without"])/2
			t.Logf("extra %.2f ratio %.2f: tune %.4f %v", m, r, obj, fmtScores(res))
			if obj > bestObj {
				bestObj, bestM, bestR = obj, m, r
			}
		}
	}
	extraMin, extraRatio = 0.65, 1.2
	t.Logf("extra 0.65 ratio 1.20: check (totals only) %v", fmtScores(modelF1(check, w, blockThreshold)))
	extraMin, extraRatio = bestM, bestR
	t.Logf("best extra %.2f ratio %.2f: check (totals only) %v", bestM, bestR, fmtScores(modelF1(check, w, blockThreshold)))
}
