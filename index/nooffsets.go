package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// filterNoOffsets is the name of the token filter that clears the byte
// offsets of tokens. bleve keeps each token's position, start and end in
// the term vectors of a field; phrase queries use only the position, and
// snippets find their matches in the stored text with archivist_exact
// (which keeps offsets), so the indexed fields store zeros (one byte each
// instead of two or three).
const filterNoOffsets = "archivist_no_offsets"

// noOffsets is the token filter named filterNoOffsets.
type noOffsets struct{}

// Filter sets the start and end of every token to 0.
func (noOffsets) Filter(ts analysis.TokenStream) analysis.TokenStream {
	for _, t := range ts {
		t.Start, t.End = 0, 0
	}
	return ts
}

var registerOnce sync.Once

// registerNoOffsets adds filterNoOffsets to bleve's registry of token
// filters, once per process: bleve finds the filters of a mapping's
// analyzers by name there.
func registerNoOffsets() {
	registerOnce.Do(func() {
		registry.RegisterTokenFilter(filterNoOffsets, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return noOffsets{}, nil
		})
	})
}
