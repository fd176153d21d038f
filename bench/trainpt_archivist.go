//go:build !noarchivist

package main

import (
	"fmt"

	"github.com/archivist-project/archivist/scraper/extract"
)

// pageTypeFeatureNames returns the names of the page-type model's
// features.
func pageTypeFeatureNames() []string { return extract.FeatureNames() }

// pageTypeFeatures extracts the page as extractArchivistSet does and
// returns the page-type model's features.
func pageTypeFeatures(p *setPage) ([]float64, error) {
	in := extract.Input{Body: p.HTML, URL: p.URL}
	if p.UTF8 {
		in.ContentType = "text/html; charset=utf-8"
	}
	d, err := extract.Parse(in, extract.Options{})
	if err != nil {
		return nil, fmt.Errorf("archivist: %w", err)
	}
	return d.PageTypeFeatures(), nil
}

// probeFeatures returns the features of one of scraper/extract's probe
// pages (testdata/pagetype).
func probeFeatures(name string, body []byte) ([]float64, error) {
	return extract.ProbeFeatures(name, body)
}

// committedType returns the class (an index of trainClasses) the
// committed page-type model gives a feature vector, and false when that
// model was fitted on other features.
func committedType(x []float64) (int, bool) {
	article, _, other, ok := extract.ClassifyFeatures(x)
	if !ok {
		return 0, false
	}
	if article {
		return 0, true
	}
	return classIndex(other), true
}

// committedFit returns the digests of the tuning pages' features that the
// committed page-type model records: the features it was fitted on, and
// the drift since that its file accepts (extract.PageTypeModelFit).
func committedFit() (fit, drift fitDigest) {
	f, d := extract.PageTypeModelFit()
	return fitDigest{Pages: f.Pages, Sum: f.Sum, Mix: f.Mix}, fitDigest{Pages: d.Pages, Sum: d.Sum, Mix: d.Mix}
}
