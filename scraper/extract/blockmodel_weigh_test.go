package extract

// Grids over how the block trainer weighs its blocks (ex27bm): the power
// of a block's word count in its weight (0.5, the square root, is the
// trainer's), and a boost for the blocks that hold or lie inside one of
// the page's with snippets (labelled main text) or without snippets
// (labelled not). The snippets are the reference's own judgement of what
// must and must not be in the text, and they are mostly short lines
// that the word-weighted loss barely sees.
//
//	go test ./scraper/extract/ -run TestTrainBlockModel -train-blocks -weigh-grid -v

import (
	"flag"
	"math"
	"slices"
	"strings"
	"testing"
)

var weighGrid = flag.Bool("weigh-grid", false, "with -train-blocks: compare block weighings in training (word-count power, snippet boosts) on the extractor's text; write nothing")

// weighPow is the power of a block's word count in its training weight.
var weighPow = 0.5

// trainWeight is block i's weight in fitLogistic.
func (p *trainPage) trainWeight(i int) float64 {
	w := math.Pow(p.weights[i], weighPow)
	if p.boost != nil {
		w *= p.boost[i]
	}
	return w
}

// label is block i's label in fitLogistic.
func (p *trainPage) label(i int) float64 {
	if p.force != nil && p.force[i] >= 0 {
		return p.force[i]
	}
	return p.labels[i]
}

// tokenLine is s's word tokens joined by spaces with a space at each end,
// so that one line's containment in another is by whole words and
// blind to punctuation and quotes.
func tokenLine(s string) string { return " " + strings.Join(wordTokens(s), " ") + " " }

// snippetWeights sets p's boost and force: a block that holds a with
// snippet, or of three words or more inside one, is main text and weighs
// withBoost times more; the same with a without snippet is not main text
// and weighs withoutBoost times more (with wins a tie).
func (p *trainPage) snippetWeights(withBoost, withoutBoost float64) {
	p.boost, p.force = nil, nil
	if withBoost == 1 && withoutBoost == 1 {
		return
	}
	lines := func(sns []string) []string {
		var out []string
		for _, s := range sns {
			if t := tokenLine(s); len(t) > 2 {
				out = append(out, t)
			}
		}
		return out
	}
	with, without := lines(p.with), lines(p.without)
	p.boost = make([]float64, len(p.texts))
	p.force = make([]float64, len(p.texts))
	for i, text := range p.texts {
		p.boost[i], p.force[i] = 1, -1
		b := tokenLine(text)
		inside := func(sns []string) bool {
			for _, s := range sns {
				if strings.Contains(b, s) || len(wordTokens(text)) >= 3 && strings.Contains(s, b) {
					return true
				}
			}
			return false
		}
		switch {
		case inside(with):
			p.boost[i], p.force[i] = withBoost, 1
		case inside(without):
			p.boost[i], p.force[i] = withoutBoost, 0
		}
	}
}

// shortLineLabels relabels p's blocks of one or two words: main text
// only when a line of the reference (a paragraph, an item) is those
// words or opens with them, not whenever the words occur anywhere in the
// reference (a menu's "Home" or "Shop" does, in some sentence).
func (p *trainPage) shortLineLabels() {
	starts := map[string]bool{}
	for _, l := range strings.Split(p.ref, "\n") {
		t := wordTokens(l)
		for k := 1; k <= 2 && k <= len(t); k++ {
			starts[strings.Join(t[:k], " ")+"|"+boolKey(k == len(t))] = true
		}
	}
	if p.force == nil {
		p.force = make([]float64, len(p.texts))
		for i := range p.force {
			p.force[i] = -1
		}
	}
	for i, text := range p.texts {
		t := wordTokens(text)
		if len(t) == 0 || len(t) > 2 || p.force[i] >= 0 {
			continue
		}
		k := strings.Join(t, " ")
		if starts[k+"|1"] || starts[k+"|0"] {
			p.force[i] = 1
		} else {
			p.force[i] = 0
		}
	}
}

func boolKey(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// weighGrids fits the model under each weighing, picks its threshold on
// the tuning half's extractor text by word F1, and logs both halves
// (the check half's totals only).
func weighGrids(t *testing.T, tune, check []trainPage) {
	defer func() { weighPow = 0.5 }()
	for _, c := range [][4]float64{{0.5, 1, 1, 1}, {0.25, 1, 1, 1}, {0.5, 3, 3, 1}} {
		weighPow = c[0]
		for i := range tune {
			tune[i].snippetWeights(c[1], c[2])
			if c[3] == 1 {
				tune[i].shortLineLabels()
			}
		}
		w := fitLogistic(tune, 600, 1e-4)
		scoreOutput = true
		best, _ := bestThreshold(tune, w)
		tm, cm := modelF1(tune, w, best), modelF1(check, w, best)
		scoreOutput = false
		t.Logf("pow %.2f with x%.0f without x%.0f lines %.0f thr %.3f: tune %.4f %v", c[0], c[1], c[2], c[3], best, choiceObjective(tm), fmtScores(tm))
		t.Logf("pow %.2f with x%.0f without x%.0f lines %.0f thr %.3f: check %.4f %v", c[0], c[1], c[2], c[3], best, choiceObjective(cm), fmtScores(cm))
	}
}

var rescue = flag.Bool("rescue-grid", false, "with -train-blocks: keep blocks under the threshold between two kept ones, at a few floors (embedded weights)")

var choiceDump = flag.Bool("choice-dump", false, "with -train-blocks: print, per tuning page not typed article, the model's and the body's words, the extra confidence, and both texts' word F1 and with snippets")

// dumpChoice prints the inputs and outcomes of takeModel per tuning page.
func dumpChoice(t *testing.T, tune []trainPage) {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	withIn := func(p *trainPage, text string) int {
		n, text := 0, norm(text)
		for _, sn := range p.with {
			if sn = norm(sn); sn != "" && strings.Contains(text, sn) {
				n++
			}
		}
		return n
	}
	for i := range tune {
		p := &tune[i]
		if p.article {
			continue
		}
		var kept []string
		scores := make([]float64, len(p.feats))
		top := 0.0
		for j := range p.feats {
			scores[j] = blockScore(blockWeights, &p.feats[j])
			top = max(top, scores[j])
			if scores[j] >= blockThreshold {
				kept = append(kept, p.texts[j])
			}
		}
		model := strings.Join(kept, "\n\n")
		extra := extraConfidence(p.feats, p.texts, scores, blockThreshold)
		mw, bw := countWords(model), countWords(p.body)
		t.Logf("choice %s %-13s take %-5v model %5d body %5d ratio %5.2f extra %.2f | F1 model %.3f body %.3f | with model %d body %d of %d",
			p.id, p.typ, takeModel(mw, bw, extra), mw, bw, float64(mw)/float64(max(bw, 1)), extra,
			pageF1(model, p.ref), pageF1(p.body, p.ref), withIn(p, model), withIn(p, p.body), len(p.with))
	}
}

// rescueLow, when above 0, keeps a block that scores rescueLow or more,
// under the threshold, between two kept blocks (keptBlocks).
var rescueLow float64

// keptBlocks reports which blocks the threshold keeps, with rescueLow's
// blocks between two kept ones.
func keptBlocks(scores []float64, thr float64) []bool {
	keep := make([]bool, len(scores))
	for i, s := range scores {
		keep[i] = s >= thr
	}
	if rescueLow <= 0 {
		return keep
	}
	out := slices.Clone(keep)
	for i := 1; i+1 < len(scores); i++ {
		if !keep[i] && scores[i] >= rescueLow && keep[i-1] && keep[i+1] {
			out[i] = true
		}
	}
	return out
}

// rescueGrid scores the embedded weights with rescueLow at a few values.
func rescueGrid(t *testing.T, tune, check []trainPage) {
	var w [nFeat]float64
	copy(w[:], blockWeights)
	scoreOutput = true
	defer func() { scoreOutput, rescueLow = false, 0 }()
	for _, lo := range []float64{0, 0.3, 0.25, 0.2} {
		rescueLow = lo
		tm, cm := modelF1(tune, w, blockThreshold), modelF1(check, w, blockThreshold)
		t.Logf("rescue %.2f: tune %.4f %v", lo, choiceObjective(tm), fmtScores(tm))
		t.Logf("rescue %.2f: check %.4f %v", lo, choiceObjective(cm), fmtScores(cm))
	}
}
