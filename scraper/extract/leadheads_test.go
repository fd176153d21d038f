package extract

import (
	"reflect"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestKeepLeadHeads: a heading the model dropped right above a block it
// keeps is put back; a linked one, a long one, one the model is sure of,
// one over a dropped block, and one over a heading only put back stay
// out.
func TestKeepLeadHeads(t *testing.T) {
	h := func(s string) block { return block{text: s, kind: kindHeading, at: -1} }
	p := func(s string) block { return block{text: s, at: -1} }
	tab := h("Sales teams")
	tab.link = 1
	long := h("A heading that runs on for far too many words to be the short title of one section of a page like this")
	para := p("Trim clips, stitch them and add a background before you send the video to your team.")
	tests := []struct {
		name  string
		bs    []block
		keep  []bool
		score []float64
		want  []bool
	}{
		{"title over a kept paragraph", []block{h("Keep your content safe"), para},
			[]bool{false, true}, []float64{0.36, 0.6}, []bool{true, true}},
		{"title over a dropped paragraph", []block{h("From our blog"), para},
			[]bool{false, false}, []float64{0.34, 0.3}, []bool{false, false}},
		{"linked tab", []block{tab, para},
			[]bool{false, true}, []float64{0.3, 0.6}, []bool{false, true}},
		{"long heading", []block{long, para},
			[]bool{false, true}, []float64{0.3, 0.6}, []bool{false, true}},
		{"the model is sure it is chrome", []block{h("Menu"), para},
			[]bool{false, true}, []float64{0.1, 0.6}, []bool{false, true}},
		{"a paragraph is not a heading", []block{p("Notes for teams"), para},
			[]bool{false, true}, []float64{0.3, 0.6}, []bool{false, true}},
		{"a run of headings: only the last one", []block{h("Products"), h("Editing"), para},
			[]bool{false, false, true}, []float64{0.3, 0.3, 0.6}, []bool{false, true, true}},
	}
	pg := &page{x: &contentExtractor{}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := append([]bool(nil), tt.keep...)
			pg.keepLeadHeads(tt.bs, keep, tt.score)
			if !reflect.DeepEqual(keep, tt.want) {
				t.Errorf("keep %v, want %v", keep, tt.want)
			}
		})
	}
}

// TestLeadHeadPages runs keepLeadHeads on whole pages. On
// service_lead_heads the content walk keeps the opening section only and
// the block model's text is taken: the feature titles drawn in <header>
// elements, which the model drops over the paragraphs it keeps, come
// back (they are lost without the rule), while an aside's "Follow us"
// over icons only, right above the kept headline, stays out (its box
// closes before the headline: sharesBox). service_feature_heads: what
// must stay as it is when the content walk keeps the titles already;
// the footer's heading and the menu stay out on both.
func TestLeadHeadPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "service_lead_heads", url: "https://plumnote.example/", typ: corpus.PageTypeService,
			wantInText: []string{"Write together in real time", "Everyone edits the same page",
				"Find any note in seconds", "Search reads the text of every note"},
			notInText: []string{"Follow us", "Company", "Log in"}},
		{name: "service_feature_heads", url: "https://clipdeck.example/", typ: corpus.PageTypeService,
			wantInText: []string{"Record in two clicks", "Trim before you send", "Private by default",
				"Administrators choose how long videos are kept"},
			notInText: []string{"Company", "Log in"}},
	})
}

// TestIsBox: the elements whose close ends a heading's part of the page
// (sharesBox), by tag or by role; a plain wrapper, a <header> (a feature's
// title drawn in one, its paragraph after it) and a <main> are not.
func TestIsBox(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		{`<section></section>`, true},
		{`<article></article>`, true},
		{`<aside></aside>`, true},
		{`<nav></nav>`, true},
		{`<form></form>`, true},
		{`<div role="navigation"></div>`, true},
		{`<div role="complementary"></div>`, true},
		{`<div class="feature"></div>`, false},
		{`<header></header>`, false},
		{`<main></main>`, false},
	}
	for _, tt := range tests {
		if got := isBox(mustParseFragment(t, tt.html)); got != tt.want {
			t.Errorf("isBox(%s) = %v, want %v", tt.html, got, tt.want)
		}
	}
}
