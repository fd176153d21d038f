//go:build noarchivist

package main

// archivistExtractors returns no extractor: this build compares the other
// extractors only (go run -tags noarchivist .).
func archivistExtractors() []extractor { return nil }

// archivistSetExtractors returns no extractor in this build.
func archivistSetExtractors() []setExtractor { return nil }

// pageTypeFeatureNames returns no names in this build: train-pagetype
// needs archivist.
func pageTypeFeatureNames() []string { return nil }

func pageTypeFeatures(*setPage) ([]float64, error) { return nil, nil }

func probeFeatures(string, []byte) ([]float64, error) { return nil, nil }

func archivistDateSource(*setPage) string { return "" }
