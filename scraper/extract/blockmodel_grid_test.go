package extract

// Grids over the page-level choice between the article body and the
// block model's text, run by the block trainer with the embedded
// weights:
//
//	go test ./scraper/extract/ -run TestTrainBlockModel -train-blocks -keep-weights -choice-conf -v
//
// Each grid is scored on the tuning half (word F1 + (with - without) / 2
// of the extractor's text); the check half gets the totals of the best
// only. -show-missed counts where the missed with snippets are instead.

import (
	"flag"
	"sort"
	"strings"
	"testing"
)

var choiceConf = flag.Bool("choice-conf", false, "compare takeModel's confidence rule and page-relative thresholds on the extractor's text (embedded weights); write nothing")

var showMissed = flag.Bool("show-missed", false, "with -choice-conf: count where the missed with snippets are (tuning half: also print them; check half: totals only)")

// extraMin and extraRatio are takeModel's second test as the trainer
// applies it (trainPage.output): the model's text replaces the body when
// it holds extraRatio times the body's words and the blocks it keeps
// outside the article body score extraMin or more on average. curExtra
// is that mean for the page being scored.
var extraMin, extraRatio, curExtra = modelExtraConf, 1.2, 0.0

// relLow and relHigh are page-relative thresholds: a page's threshold is
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

// extraConfidence is the word-weighted mean score of the kept blocks
// outside the article body, as modelText computes it.
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

// choiceObjective is the grids' objective on the extractor's text.
func choiceObjective(m map[string]float64) float64 { return m["all"] + (m["with"]-m["without"])/2 }

// choiceGrids runs the grids (or, with -show-missed, the count).
func choiceGrids(t *testing.T, tune, check []trainPage, w [nFeat]float64) {
	if *showMissed {
		missedWith(t, tune, w, "tune", true)
		missedWith(t, check, w, "check (totals only)", false)
		return
	}
	scoreOutput = true
	defer func() { scoreOutput = false; extraMin, extraRatio, relLow, relHigh = modelExtraConf, 1.2, 0, 0 }()
	extraMin = 0
	base := modelF1(tune, w, blockThreshold)
	t.Logf("size alone (1.5x): tune %.4f %v", choiceObjective(base), fmtScores(base))
	t.Logf("size alone (1.5x): check (totals only) %v", fmtScores(modelF1(check, w, blockThreshold)))
	bestObj, bestM, bestR := choiceObjective(base), 0.0, 1.2
	for _, r := range []float64{0.9, 1.0, 1.2} {
		for _, m := range []float64{0.5, 0.55, 0.6, 0.65, 0.7, 0.75} {
			extraMin, extraRatio = m, r
			res := modelF1(tune, w, blockThreshold)
			t.Logf("extra %.2f ratio %.2f: tune %.4f %v", m, r, choiceObjective(res), fmtScores(res))
			if o := choiceObjective(res); o > bestObj {
				bestObj, bestM, bestR = o, m, r
			}
		}
	}
	extraMin, extraRatio = bestM, bestR
	t.Logf("best extra %.2f ratio %.2f: check (totals only) %v", bestM, bestR, fmtScores(modelF1(check, w, blockThreshold)))
	extraMin, extraRatio = modelExtraConf, 1.2
	base = modelF1(tune, w, blockThreshold)
	bestObj = choiceObjective(base)
	var bestL, bestH float64
	for _, lh := range [][2]float64{{0.5, 0}, {0.7, 0}, {0.9, 0}, {0, 0.45}, {0, 0.5}, {0, 0.55}, {0, 0.6}, {0, 0.7}, {0.7, 0.5}, {0.7, 0.6}} {
		relLow, relHigh = lh[0], lh[1]
		res := modelF1(tune, w, blockThreshold)
		t.Logf("rel low %.2f high %.2f: tune %.4f %v", lh[0], lh[1], choiceObjective(res), fmtScores(res))
		if o := choiceObjective(res); o > bestObj {
			bestObj, bestL, bestH = o, lh[0], lh[1]
		}
	}
	relLow, relHigh = bestL, bestH
	t.Logf("best rel low %.2f high %.2f: check (totals only) %v", bestL, bestH, fmtScores(modelF1(check, w, blockThreshold)))
}

// missedWith counts the with snippets that the extractor's text misses
// by where they are: on a page typed article, in the model's text while
// the body was chosen (or the reverse), in a block the model drops, in
// the blocks under another spelling (the same words, other punctuation,
// spaces or quotes), or in no block the feature walk sees. show prints
// the last two kinds (tuning half only).
func missedWith(t *testing.T, pages []trainPage, w [nFeat]float64, half string, show bool) {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	count := map[string]int{}
	scoreOutput = true
	defer func() { scoreOutput = false }()
	for _, p := range pages {
		var kept []string
		scores := make([]float64, len(p.feats))
		for i := range p.feats {
			scores[i] = blockScore(w[:], &p.feats[i])
			if scores[i] >= blockThreshold {
				kept = append(kept, p.texts[i])
			}
		}
		curExtra = extraConfidence(p.feats, p.texts, scores, blockThreshold)
		model := norm(strings.Join(kept, "\n\n"))
		out := norm(p.output(strings.Join(kept, "\n\n")))
		all := norm(strings.Join(p.texts, "\n\n"))
		allWords := " " + strings.Join(wordTokens(all), " ") + " "
		body := norm(p.body)
		// bump counts a missed snippet by where it is, in all and per type.
		bump := func(where string) {
			count[where]++
			count[p.typ+": "+where]++
		}
		for _, sn := range p.with {
			sn = norm(sn)
			if sn == "" || strings.Contains(out, sn) {
				continue
			}
			count["missed"]++
			switch {
			case p.article && strings.Contains(model, sn):
				bump("article page, in model text")
			case p.article:
				bump("article page, not in model text")
			case strings.Contains(model, sn):
				bump("in model text, body chosen")
				if show {
					t.Logf("body chosen %s %s: %q", p.id, p.typ, sn)
				}
			case strings.Contains(body, sn):
				bump("in body, model chosen")
			case strings.Contains(all, sn):
				bump("in a block the model drops")
				if show {
					t.Logf("model drops %s %s (score %.2f): %q", p.id, p.typ, bestScoreOf(p, scores, sn), sn)
				}
			case strings.Contains(allWords, " "+strings.Join(wordTokens(sn), " ")+" "):
				bump("in blocks, other spelling")
				if show {
					t.Logf("other spelling %s %s: %q", p.id, p.typ, sn)
				}
			default:
				bump("in no block")
				if show {
					t.Logf("no block %s %s: %q", p.id, p.typ, sn)
				}
			}
		}
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%s with missed: %-45s %d", half, k, count[k])
	}
}

// bestScoreOf is the highest score of p's blocks that hold sn or lie
// inside it (whitespace collapsed).
func bestScoreOf(p trainPage, scores []float64, sn string) float64 {
	best := -1.0
	for i, text := range p.texts {
		text = strings.Join(strings.Fields(text), " ")
		if text != "" && (strings.Contains(text, sn) || strings.Contains(sn, text)) {
			best = max(best, scores[i])
		}
	}
	return best
}
