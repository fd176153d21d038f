package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestCaptionGallery: a run of pictures each captioned by a sentence or
// two is a gallery, in any markup; cards headed or titled, linked
// teasers, long paragraphs beside pictures and runs too short are not.
func TestCaptionGallery(t *testing.T) {
	caption := "The harbour wall at low tide, seen from the lighthouse steps. The stones were laid in 1851."
	run := func(n int, item string) string { return strings.Repeat(item, n) }
	tests := []struct {
		name, run string
		want      bool
	}{
		{"div slides, caption in a paragraph", run(10, `<div class="s"><img src="a.jpg"><div><p>`+caption+`</p></div></div>`), true},
		{"list of pictures, caption after a credit line", run(10, `<li><picture><img src="a.jpg"></picture><p>`+caption+`</p><span>Photo: Ana Silva</span></li>`), true},
		{"caption as bare text", run(10, `<div><img src="a.jpg"> `+caption+`</div>`), true},
		{"two slides only", run(2, `<div class="s"><img src="a.jpg"><p>`+caption+` `+caption+` `+caption+` `+caption+`</p></div>`), false},
		{"headed items (a listicle)", run(10, `<div class="s"><h3>Harbour</h3><img src="a.jpg"><p>`+caption+`</p></div>`), false},
		{"titled cards", run(10, `<div class="s"><img src="a.jpg"><div>Harbour walks</div><p>`+caption+`</p></div>`), false},
		{"linked teasers", run(10, `<div class="s"><img src="a.jpg"><p><a href="/x">`+caption+`</a></p></div>`), false},
		{"no pictures", run(10, `<div class="s"><p>`+caption+`</p></div>`), false},
		{"long paragraphs beside pictures", run(10, `<div class="s"><img src="a.jpg"><p>`+strings.Repeat(caption+" ", 7)+`</p></div>`), false},
		{"an ordered list of steps", `<ol id="g">` + run(10, `<li><img src="a.jpg"><p>`+caption+`</p></li>`) + `</ol>`, false},
		{"paragraphs of prose beside the run", run(7, `<p>`+caption+`</p>`) + `<div id="g">` + run(10, `<div class="s"><img src="a.jpg"><p>`+caption+`</p></div>`) + `</div>`, false},
		{"a line beside the run", `<p>Photos: Ana Silva</p><div id="g">` + run(10, `<div class="s"><img src="a.jpg"><p>`+caption+`</p></div>`) + `</div>`, true},
		{"two of each kind", run(2, `<div class="s"><img src="a.jpg"><p>`+caption+` `+caption+`</p></div>`) + run(2, `<section><img src="a.jpg"><p>`+caption+` `+caption+`</p></section>`) + run(2, `<div class="t"><img src="a.jpg"><p>`+caption+` `+caption+`</p></div>`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := tt.run // the run, or the run in context with its own id="g"
			if !strings.Contains(page, `id="g"`) {
				page = `<div id="g">` + page + `</div>`
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><body>` + page + `</body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			x := getExtractor()
			defer putExtractor(x)
			x.declared = true
			body := doc.Find("body").Get(0)
			x.analyze(body, false)
			g := doc.Find("#g").Get(0)
			if got := x.captionGallery(g, x.info(g)); got != tt.want {
				t.Errorf("captionGallery = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestStepNumber: a how-to's step opens with its number, alone or after
// one word; a gallery's counter, a year or a figure in a sentence does
// not.
func TestStepNumber(t *testing.T) {
	tests := []struct {
		t    string
		want int
	}{
		{"1. Sand the old varnish.", 1},
		{"Step 2: Wipe the dust away.", 2},
		{"12) Hang the oar.", 12},
		{"STEP 3. Fill the cracks.", 3},
		{"1 of 12 The quay at dawn.", 0},
		{"3/12 The quay at dawn.", 0},
		{"2026: a year at the harbour.", 0},
		{"Photo 4 by Anna Berg.", 0},
		{"Fishermen unload 40 boxes.", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := stepNumber(tt.t); got != tt.want {
			t.Errorf("stepNumber(%q) = %d, want %d", tt.t, got, tt.want)
		}
	}
}
