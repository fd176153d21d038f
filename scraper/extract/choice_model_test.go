package extract

import (
	"math"
	"strings"
)

// The choice between candidate texts of a page that is not an article.
// Each candidate is a whole main text built another way (the article
// body, the block model's text at three thresholds, the prose of the
// main region, the whole main region); a linear model per candidate
// estimates, from page-level features, how much better than the text the
// hand rule takes (the body, or the model's text when it holds half as
// much again) that candidate would score, and the page takes the
// candidate of the highest estimate when it clears a margin. The weights
// (choice_weights_test.go) are learned by choice_train_test.go on the tuning
// half of shared/page-types. Measured and not wired into fillFlags: see
// docs/BENCHMARKS.md, "A learned choice between candidate texts (excands)".

// The candidate texts, in the order of choiceWeights.
const (
	candBody      = iota // the article-shaped body of the content walk
	candModel            // the block model's text at blockThreshold
	candModelLow         // the block model's text at choiceLow
	candModelHigh        // the block model's text at choiceHigh
	candProse            // the main region's prose (proseText)
	candMain             // the whole main region (mainText)
	nCand
)

// candNames name the candidates for the trainer and its generated file.
var candNames = [nCand]string{"body", "model", "model_low", "model_high", "prose", "main"}

// The block model's other thresholds among the candidates.
const (
	choiceLow  = 0.25
	choiceHigh = 0.55
)

// candidates holds a page's candidate texts and what the features read
// from them.
type candidates struct {
	text  [nCand]string
	words [nCand]int
	link  [nCand]float64 // share of the words inside links
}

// candidateTexts builds the candidate texts of the page, once the content
// walk has run.
func (p *page) candidateTexts() *candidates {
	c := &candidates{}
	c.set(candBody, p.blocks)
	bs, fs := p.x.featureBlocks(p.bodyNode, p.sel)
	var low, mid, high []block
	for i := range bs {
		s := blockScore(blockWeights, &fs[i])
		if s >= choiceLow {
			low = append(low, bs[i])
		}
		if s >= blockThreshold {
			mid = append(mid, bs[i])
		}
		if s >= choiceHigh {
			high = append(high, bs[i])
		}
	}
	c.set(candModel, mid)
	c.set(candModelLow, low)
	c.set(candModelHigh, high)
	narrow := p.x.mainBlocks(p.bodyNode, false)
	var prose []block
	for _, b := range narrow {
		if (b.kind == kindPara || b.kind == kindQuote) && b.link < 0.3 && len(strings.Fields(b.text)) >= 10 {
			prose = append(prose, b)
		}
	}
	c.set(candProse, prose)
	c.set(candMain, p.x.mainBlocks(p.bodyNode, true))
	return c
}

// set fills candidate k from its blocks.
func (c *candidates) set(k int, bs []block) {
	c.text[k] = joinBlocks(bs)
	words, link := 0, 0.0
	for _, b := range bs {
		n := countWords(b.text)
		words += n
		link += b.link * float64(n)
	}
	c.words[k] = countWords(c.text[k])
	if words > 0 {
		c.link[k] = link / float64(words)
	}
}

// The page-level features of the choice, in order.
const (
	cfBias     = 0
	cfWords    = 1                     // log words of each candidate, over 8
	cfShare    = cfWords + nCand       // each candidate's words over its words plus the body's (not the body)
	cfLink     = cfShare + nCand - 1   // link share of each candidate
	cfOverlap  = cfLink + nCand        // share of each candidate's words found in the body (not the body)
	cfModelOv  = cfOverlap + nCand - 1 // share of each candidate's words found in the model's text (not the model's)
	cfTypes    = cfModelOv + nCand - 1
	cfProse    = cfTypes + 6    // the prose's words over the main region's (after the page-type model's 6 probabilities, article first)
	cfHeads    = cfProse + 1    // log linked headings in the content
	cfArticles = cfHeads + 1    // log <article> elements
	cfRule     = cfArticles + 1 // 1 when the model's text holds half as much again as the body (the rule before this model)
	nChoice    = cfRule + 1
)

// choiceFeatures returns the page's features for the choice; probs are the
// page-type model's class probabilities (nil when it did not run).
func (p *page) choiceFeatures(c *candidates, probs []float64) []float64 {
	f := make([]float64, nChoice)
	f[cfBias] = 1
	body, model := wordBag(c.text[candBody]), wordBag(c.text[candModel])
	j, m := 0, 0
	for k := 0; k < nCand; k++ {
		f[cfWords+k] = math.Log1p(float64(c.words[k])) / 8
		f[cfLink+k] = c.link[k]
		if k != candModel {
			f[cfModelOv+m] = bagShare(c.text[k], model)
			m++
		}
		if k == candBody {
			continue
		}
		f[cfShare+j] = float64(c.words[k]) / float64(max(1, c.words[k]+c.words[candBody]))
		f[cfOverlap+j] = bagShare(c.text[k], body)
		j++
	}
	for i := 0; i < 6 && i < len(probs); i++ {
		f[cfTypes+i] = probs[i]
	}
	f[cfProse] = float64(c.words[candProse]) / float64(max(1, c.words[candMain]))
	f[cfHeads] = math.Log1p(float64(p.linkHeads)) / 4
	f[cfArticles] = math.Log1p(float64(p.articles)) / 4
	if c.words[candModel]*2 > c.words[candBody]*3 {
		f[cfRule] = 1
	}
	return f
}

// wordBag counts the lower-cased words of s.
func wordBag(s string) map[string]int {
	bag := make(map[string]int)
	for _, w := range strings.FieldsFunc(s, notWordRune) {
		bag[strings.ToLower(w)]++
	}
	return bag
}

// bagShare is the share of s's words found in bag (as a multiset).
func bagShare(s string, bag map[string]int) float64 {
	left := make(map[string]int, len(bag))
	for w, n := range bag {
		left[w] = n
	}
	seen, hit := 0, 0
	for _, w := range strings.FieldsFunc(s, notWordRune) {
		seen++
		w = strings.ToLower(w)
		if left[w] > 0 {
			left[w]--
			hit++
		}
	}
	if seen == 0 {
		return 0
	}
	return float64(hit) / float64(seen)
}

// chooseCandidate returns the candidate of the highest estimated gain
// over the text the rule before the model took (the body, or the model's
// text when it holds half as much again), or that text when no gain
// reaches margin.
func chooseCandidate(w *[nCand][nChoice]float64, f []float64, margin float64) int {
	base := candBody
	if f[cfRule] > 0 {
		base = candModel
	}
	best, bestZ := base, margin
	for k := 0; k < nCand; k++ {
		if k == base {
			continue
		}
		z := 0.0
		for i, x := range f {
			z += w[k][i] * x
		}
		if z > bestZ {
			best, bestZ = k, z
		}
	}
	return best
}

// typeProbs returns the page-type model's class probabilities for the
// page, or nil when the model did not read this page's features.
func (p *page) typeProbs() []float64 {
	if len(pageTypeModel.Features) != len(p.feats) || len(p.feats) == 0 {
		return nil
	}
	return pageTypeModel.probs(p.feats)
}
