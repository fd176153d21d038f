package extract

import "math"

// blockScore is the block model's probability that a block belongs to
// the page's main text: a logistic function of its features
// (blockfeat.go) with the weights learned by blockmodel_train_test.go.
func blockScore(w []float64, x *[nFeat]float64) float64 {
	z := 0.0
	for i := range x {
		z += w[i] * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// modelText returns the main text of the page by the block model: every
// block of the body, the parts the content walk dropped included, kept
// when the model scores it at blockThreshold or more. extra is the mean
// score (weighted by words) of the kept blocks outside the article body
// (0 when there are none): how sure the model is of what it adds to the
// body.
func (p *page) modelText() (text string, extra float64) {
	bs, extra := p.modelKept()
	return joinBlocks(bs), extra
}

// modelKept returns the blocks of modelText and its extra.
func (p *page) modelKept() (kept []block, extra float64) {
	bs, fs := p.x.featureBlocks(p.bodyNode, p.sel)
	var sum, n float64
	out := bs[:0]
	for i := range bs {
		s := blockScore(blockWeights, &fs[i])
		if s < blockThreshold || p.x.inFooter(bs[i]) {
			continue
		}
		if fs[i][fSelected] == 0 {
			w := float64(countWords(bs[i].text))
			sum += s * w
			n += w
		}
		out = append(out, bs[i])
	}
	if n > 0 {
		extra = sum / n
	}
	return out, extra
}

// modelExtraConf is the mean score from which the blocks the model adds
// to the article body are trusted (see takeModel).
const modelExtraConf = 0.65

// takeModel reports whether a page that is not an article gets the block
// model's text rather than the article body: when the model's text holds
// half as much again as the body, or a fifth more while the blocks it
// adds to the body score modelExtraConf or more on average (the model's
// text holds the body's blocks, so size alone would hand a page to a
// body that is a fragment of it whenever the model keeps little chrome).
func takeModel(modelWords, bodyWords int, extra float64) bool {
	return modelWords*2 > bodyWords*3 || modelWords*5 > bodyWords*6 && extra >= modelExtraConf
}

// modelBlocks returns the blocks of modelText and, for each, whether it
// sits in a comment section.
func (p *page) modelBlocks() ([]block, []bool) {
	bs, fs := p.x.featureBlocks(p.bodyNode, p.sel)
	out := bs[:0]
	var comment []bool
	for i := range bs {
		if blockScore(blockWeights, &fs[i]) >= blockThreshold && !p.x.inFooter(bs[i]) {
			out = append(out, bs[i])
			comment = append(comment, fs[i][fComment] > 0)
		}
	}
	return out, comment
}
