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
	bs, fs := p.x.featureBlocks(p.bodyNode, p.sel)
	out := bs[:0]
	for i := range bs {
		if blockScore(blockWeights, &fs[i]) >= blockThreshold {
			out = append(out, bs[i])
		}
	}
	return joinBlocks(out)
}
