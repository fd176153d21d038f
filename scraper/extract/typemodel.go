package extract

import (
	"math"

	"github.com/archivist-project/archivist/corpus"
)

// typeModel is a multinomial logistic regression over the page features
// (features.go): one weight vector per page type, over features
// standardised by the training set's mean and scale. The trainer in
// bench (`cd bench && go run . train-pagetype`) writes the one in use
// into pagetype_model.go.
type typeModel struct {
	Features []string    // feature names, in featureNames order
	Classes  []string    // page types, corpus.PageTypeArticle first
	Mean     []float64   // per feature
	Scale    []float64   // per feature, > 0
	Weights  [][]float64 // per class, per feature
	Bias     []float64   // per class
	// The calibration of P(article), fitted on the trainer's
	// cross-validated probabilities (Platt scaling):
	// sigmoid(CalibA*logit(p) + CalibB).
	CalibA, CalibB float64
	// A page is an article when its calibrated P(article) is at least
	// Threshold: the one that minimises the trainer's out-of-fold cost,
	// losing an article costing c times more than keeping another page
	// as one (about 1/(1+c)).
	Threshold float64
}

// probs returns the probability of each class for feature vector f.
func (m *typeModel) probs(f []float64) []float64 {
	out := make([]float64, len(m.Classes))
	top := math.Inf(-1)
	for c := range m.Classes {
		z := m.Bias[c]
		for i, v := range f {
			z += m.Weights[c][i] * (v - m.Mean[i]) / m.Scale[i]
		}
		out[c] = z
		top = max(top, z)
	}
	sum := 0.0
	for c := range out {
		out[c] = math.Exp(out[c] - top)
		sum += out[c]
	}
	for c := range out {
		out[c] /= sum
	}
	return out
}

// classify returns whether the page is an article, its calibrated
// P(article), and the most probable other type.
func (m *typeModel) classify(f []float64) (article bool, pArticle float64, other string) {
	ps := m.probs(f)
	best := -1.0
	other = corpus.PageTypeOther
	for c, name := range m.Classes {
		if name == corpus.PageTypeArticle {
			pArticle = ps[c]
			continue
		}
		if ps[c] > best {
			best, other = ps[c], name
		}
	}
	p := min(max(pArticle, 1e-6), 1-1e-6)
	pArticle = 1 / (1 + math.Exp(-(m.CalibA*math.Log(p/(1-p)) + m.CalibB)))
	return pArticle >= m.Threshold, pArticle, other
}
