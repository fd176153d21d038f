package extract

import (
	"strings"
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
		{"model text 1.5 times the body", 0.5, corpus.PageTypeService, 500, 750, 700, false},
		{"model text just over 1.5 times", 0.33, corpus.PageTypeService, 559, 1021, 593, true},
		{"model text a list, little prose", 0.6, corpus.PageTypeService, 72, 188, 63, false},
		{"prose as many words as the body", 0.6, corpus.PageTypeService, 100, 250, 100, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := serviceNetTakes(tc.pArticle, tc.other, tc.body, tc.modelWords, tc.modelProse); got != tc.want {
				t.Errorf("serviceNetTakes(%v, %q, %d, %d, %d) = %v, want %v", tc.pArticle, tc.other, tc.body, tc.modelWords, tc.modelProse, got, tc.want)
			}
		})
	}
}

func TestMostlyStubs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"a directory's links", "Top in Vintage\n\n...mehr.\n\nDeutschland\n\n...mehr.\n\nUSA", true},
		{"sections under headings", "Deal Management\n\nMake the most out of every business opportunity.\n\nStore your data\n\nStore up to 5,000 records in all modules.", false},
		{"half stubs", "Pricing\n\nPlans for every team size and budget.", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mostlyStubs(textBlocks(strings.Split(tc.in, "\n\n"))); got != tc.want {
				t.Errorf("mostlyStubs(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestWordsBeforeHeadline(t *testing.T) {
	head := block{text: "Ferry fares rise for the second time this year", kind: kindTitle}
	para := block{text: "The operator said on Monday that fares on all routes will rise by four per cent from June."}
	teaser := block{text: "Harbour works delayed again Work on the north quay will not finish before the autumn, the council said..."}
	ticker := block{text: "Breaking News", kind: kindHeading}
	section := block{text: "Our services", kind: kindHeading}
	tests := []struct {
		name string
		bs   []block
		want int
	}{
		{"a ticker and teasers over the story", []block{ticker, teaser, teaser, head, para}, 2 + 18 + 18},
		{"the story under its headline", []block{head, para, para}, 0},
		{"no headline among the blocks", []block{section, para, para}, 0},
		{"a heading that is not the headline first", []block{section, head, para}, 2},
	}
	p := &page{h1s: []string{head.text}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.wordsBeforeHeadline(tc.bs); got != tc.want {
				t.Errorf("wordsBeforeHeadline = %d, want %d", got, tc.want)
			}
		})
	}
}
