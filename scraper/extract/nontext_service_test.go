package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

func TestServiceNetTakes(t *testing.T) {
	tests := []struct {
		name                         string
		pArticle                     float64
		other                        string
		body, modelWords, modelProse int
		want                         bool
	}{
		{"one section of a service page", 0.57, corpus.PageTypeService, 214, 1102, 848, true},
		{"in doubt, model not yet run", 0.37, corpus.PageTypeService, 550, 0, 0, true},
		{"sure article", 0.73, corpus.PageTypeService, 378, 775, 700, false},
		{"next guess listing", 0.45, corpus.PageTypeListing, 84, 295, 200, false},
		{"model text not twice the body", 0.5, corpus.PageTypeService, 500, 1000, 900, false},
		{"model text a list, little prose", 0.6, corpus.PageTypeService, 72, 188, 63, false},
		{"prose just over half as much again", 0.6, corpus.PageTypeService, 100, 250, 151, true},
		{"prose half as much again exactly", 0.6, corpus.PageTypeService, 100, 250, 150, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := serviceNetTakes(tc.pArticle, tc.other, tc.body, tc.modelWords, tc.modelProse); got != tc.want {
				t.Errorf("serviceNetTakes(%v, %q, %d, %d, %d) = %v, want %v", tc.pArticle, tc.other, tc.body, tc.modelWords, tc.modelProse, got, tc.want)
			}
		})
	}
}
