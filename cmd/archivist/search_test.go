package main

import (
	"strings"
	"testing"

	"github.com/archivist-project/archivist/index"
)

// TestPrintHitsFacets: the text output of search --facets prints every
// facet the index returns, page type included, in FacetNames' order.
func TestPrintHitsFacets(t *testing.T) {
	res := &index.Result{Total: 1, Facets: map[string][]index.FacetCount{}}
	for _, name := range index.FacetNames() {
		res.Facets[name] = []index.FacetCount{{Term: name + "-value", Count: 1}}
	}
	if _, ok := res.Facets["type"]; !ok {
		t.Fatalf("index.FacetNames() = %v, lacks type", index.FacetNames())
	}
	var b strings.Builder
	printHits(&b, "q", index.Request{}, res)
	out, last := b.String(), -1
	for _, name := range index.FacetNames() {
		i := strings.Index(out, "\n"+name+":")
		if i < 0 || !strings.Contains(out[i:], name+"-value (1)") || i < last {
			t.Errorf("facet %s missing or out of order in:\n%s", name, out)
		}
		last = i
	}
}
