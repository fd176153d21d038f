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

// modelText returns the main text of a page of type typ by the block
// model: every block of the body, the parts the content walk dropped
// included, kept when the model scores it at the type's threshold
// (blockTypeThreshold; blockThreshold for other types) or more.
func (p *page) modelText(typ string) string {
	thr, ok := blockTypeThreshold[typ]
	if !ok {
		thr = blockThreshold
	}
	bs, _ := p.modelBlocks(thr)
	return joinBlocks(bs)
}

// modelBlocks returns the blocks the model scores at thr or more and, for
// each, whether it sits in a comment section.
func (p *page) modelBlocks(thr float64) ([]block, []bool) {
	bs, fs := p.x.featureBlocks(p.bodyNode, p.sel)
	out := bs[:0]
	var comment []bool
	for i := range bs {
		if blockScore(blockWeights, &fs[i]) >= thr {
			out = append(out, bs[i])
			comment = append(comment, fs[i][fComment] > 0)
		}
	}
	return out, comment
}
