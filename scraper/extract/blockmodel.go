package extract

import "math"

// blockScore is the block model's probability that a block belongs to
// the page's main text: a logistic function of its features
// (blockfeat.go) with the weights learned by blockmodel_train_test.go.
func blockScore(w []float64, x *[nFeat]float64) float64 {
	z := 0.0
	// A model learned on fewer features (while the trainer runs after a
	// change of blockfeat.go; TestBlockWeights fails on it otherwise)
	// reads the ones it knows.
	for i := 0; i < len(w) && i < len(x); i++ {
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
	bs, fs, _ := p.x.featureBlocks(p.bodyNode, p.sel, p.typeProbMap())
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

// typeProbMap returns the page-type model's probabilities for the page, by
// type, once decideType has computed its features (nil before).
func (p *page) typeProbMap() map[string]float64 {
	if len(p.feats) == 0 || len(pageTypeModel.Features) != len(p.feats) {
		return nil
	}
	ps := pageTypeModel.probs(p.feats)
	out := make(map[string]float64, len(ps))
	for i, c := range pageTypeModel.Classes {
		out[c] = ps[i]
	}
	return out
}
