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
// when the model scores it at blockThreshold or more.
func (p *page) modelText() string {
	bs, _ := p.modelBlocks()
	return joinBlocks(bs)
}

// modelBlocks returns the blocks of modelText and, for each, whether it
// sits in a comment section.
func (p *page) modelBlocks() ([]block, []bool) {
	bs, fs := p.x.featureBlocks(p.bodyNode, p.sel)
	out := bs[:0]
	var comment []bool
	for i := range bs {
		if blockScore(blockWeights, &fs[i]) >= blockThreshold {
			out = append(out, bs[i])
			comment = append(comment, fs[i][fComment] > 0)
		}
	}
	return out, comment
}
