//go:build noarchivist

package main

// committedType has no model in this build.
func committedType([]float64) (int, bool) { return 0, false }

// committedFit has no model in this build.
func committedFit() (fit, drift fitDigest) { return fitDigest{}, fitDigest{} }
