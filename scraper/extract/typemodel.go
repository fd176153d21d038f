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
	// Trees are boosted regression trees (bench/trainpt_trees.go) whose
	// outputs add to the logistic scores of their class; none when the
	// trainer's cross-validation found that they do not help.
	Trees []typeTree
	// Probes are the features the trainer computed for the pages of
	// testdata/pagetype (ProbeFeatures): a test computes them again, so
	// that a change of the feature code that keeps the feature names
	// still asks for the model to be retrained.
	Probes []typeProbe
	// Fit digests the tuning pages' features the model was fitted on: a
	// test in bench (TestPageTypeModelFit) computes them again from the
	// shared sets and names the features that drifted since.
	Fit FitDigest
	// Drift digests the same pages' features at the commit the model
	// file was last written, when the model was fitted on an older
	// commit's features (the trainer's -fit-cache): the drift since was
	// read and accepted, and the test fails only on a further one.
	Drift FitDigest
}

// FitDigest sums, per feature, the values the trainer computed on the
// tuning pages it fitted the model on (bench, train-pagetype), so that a
// drift of the feature code on those pages shows without refitting.
type FitDigest struct {
	Pages int       // tuning pages, copies made by the trainer's -augment flags left out
	Sum   []float64 // per feature, the sum over the pages
	// Mix is per feature the sum of each value times a weight in [1, 2)
	// drawn from a hash of the page's set and id: two pages that move
	// in opposite directions leave Sum as it was but not Mix.
	Mix []float64
}

// typeProbe is one test page's features as the model's trainer saw them.
type typeProbe struct {
	Name     string // file name in testdata/pagetype
	Features []float64
}

// typeTree is one regression tree of the boosted ensemble: it adds the
// value of the leaf a page reaches to the score of class Class.
type typeTree struct {
	Class int
	Nodes []treeNode // the root first
}

// treeNode is a split (Feature >= 0: go to Left when the feature is at
// most Threshold, else to Right) or a leaf (Feature < 0) with its Value.
type treeNode struct {
	Feature   int
	Threshold float64
	Left      int
	Right     int
	Value     float64
}

// eval returns the value of the leaf feature vector f reaches.
func (t *typeTree) eval(f []float64) float64 {
	n := 0
	for t.Nodes[n].Feature >= 0 {
		nd := &t.Nodes[n]
		if f[nd.Feature] <= nd.Threshold {
			n = nd.Left
		} else {
			n = nd.Right
		}
	}
	return t.Nodes[n].Value
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
	}
	for i := range m.Trees {
		out[m.Trees[i].Class] += m.Trees[i].eval(f)
	}
	for _, z := range out {
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

// PageTypeModelFit returns the digest of the tuning pages' features that
// the committed page-type model was fitted on (empty for a model written
// before the trainer recorded one), and the drift its file accepts
// (empty when the model was fitted on the features of the commit that
// wrote it).
func PageTypeModelFit() (fit, drift FitDigest) { return pageTypeModel.Fit, pageTypeModel.Drift }

// ClassifyFeatures returns the committed page-type model's decision for
// a feature vector of PageTypeFeatures: whether the page is an article,
// its calibrated P(article) and the most probable other type. It is the
// model alone, before decideType's rules; ok is false when the model was
// fitted on another feature list. The trainer (bench, train-pagetype
// -check) compares it with a new fit on both halves of the sets.
func ClassifyFeatures(f []float64) (article bool, pArticle float64, other string, ok bool) {
	if len(pageTypeModel.Features) != len(f) {
		return false, 0, "", false
	}
	article, pArticle, other = pageTypeModel.classify(f)
	return article, pArticle, other, true
}
