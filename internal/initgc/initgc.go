// Package initgc keeps the garbage collector off while the program's
// packages initialise, and gives it back with Restore.
//
// Package initialisation allocates about 3 MB, much of it kept (bleve's
// Levenshtein automata, language profiles, protocol buffer descriptors),
// so a collection during it frees little and costs a short command time:
// it starts the mark workers and touches pages that the command never
// needs. Go initialises packages in the order of their import paths, each
// as soon as its own imports are initialised (Go 1.21 and later): this
// package, imported by the main package, comes before the heavy ones
// (github.com/blevesearch/..., google.golang.org/...) only because it
// imports nothing that is initialised late. runtime/debug is (its path
// sorts after all of theirs), so the collector's setting is reached
// through the runtime's own implementation of debug.SetGCPercent, which
// the runtime exports to runtime/debug by name; a Go release that renamed
// it would fail to link, not misbehave. The main package calls Restore
// before any command runs.
package initgc

import _ "unsafe" // for go:linkname

// setGCPercent is debug.SetGCPercent as the runtime implements it.
//
//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(percent int32) (previous int32)

// percent is the collector's setting before initialisation: the one
// $GOGC asks for (-1 for off), or 100.
var percent int32

func init() {
	percent = setGCPercent(-1)
}

// Restore puts the collector back as it was before package initialisation
// ($GOGC, or 100). Settings made since (debug.SetGCPercent) are replaced.
func Restore() {
	setGCPercent(percent)
}
