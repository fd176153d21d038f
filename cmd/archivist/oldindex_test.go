package main

import (
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

// TestBleveCroatianStandIn: the mapping of an index built before index
// format 6 names bleve's Croatian analyzer ("hr"), which archivist no
// longer links. Once archivist has opened an index, an analyzer of that
// name is registered, so that such an index opens far enough to be refused
// by its format version rather than by an unknown analyzer.
func TestBleveCroatianStandIn(t *testing.T) {
	a := mustArchive(t, 1)
	mustRun(t, "search", "--db", a.db, "climate")
	an, err := registry.NewCache().AnalyzerNamed("hr")
	if err != nil {
		t.Fatal(err)
	}
	toks := an.Analyze([]byte("Vojnicima"))
	if len(toks) != 1 || string(toks[0].Term) != "vojnik" {
		t.Errorf("analyzed %v, want [vojnik]", toks)
	}
}
