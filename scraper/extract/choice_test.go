package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestCandidateTexts checks the candidates on a small listing page: the
// model's candidate is modelText, the body is the content walk's, the
// thresholds nest, and the features have the model's length.
func TestCandidateTexts(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav><main><h1>Stories</h1>`)
	for range 6 {
		b.WriteString(`<div class="teaser"><h2><a href="/s">A story about the harbour and its boats</a></h2><p>The harbour master said the boats would stay in port until the storm had passed, and the ferries with them.</p></div>`)
	}
	b.WriteString(`</main><footer>Copyright 2026 The Paper</footer></body></html>`)
	d, err := Parse(Input{Body: []byte(b.String()), URL: "https://example.com/stories/", ContentType: "text/html"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	art := d.art
	p := newPage(goquery.NewDocumentFromNode(d.root), d.base, d.fetched)
	defer p.release()
	p.extract(d.opts)
	p.fill(&art, d.opts)
	c := p.candidateTexts()
	if got, want := c.text[candModel], first(p.modelText()); got != want {
		t.Errorf("model candidate:\n%s\nwant modelText:\n%s", got, want)
	}
	if c.text[candBody] != p.body {
		t.Errorf("body candidate %q, want the body %q", c.text[candBody], p.body)
	}
	if !(c.words[candModelLow] >= c.words[candModel] && c.words[candModel] >= c.words[candModelHigh]) {
		t.Errorf("thresholds do not nest: low %d, model %d, high %d words", c.words[candModelLow], c.words[candModel], c.words[candModelHigh])
	}
	if strings.Contains(c.text[candProse], "Copyright") || c.words[candMain] == 0 {
		t.Errorf("prose %q, main %d words", c.text[candProse], c.words[candMain])
	}
	f := p.choiceFeatures(c, p.typeProbs())
	if len(f) != nChoice || f[cfBias] != 1 {
		t.Fatalf("features %v", f)
	}
	if k := chooseCandidate(&choiceWeights, f, choiceMargin); k < 0 || k >= nCand {
		t.Errorf("choice %d out of range", k)
	}
}

func TestChooseCandidate(t *testing.T) {
	f := make([]float64, nChoice)
	f[cfBias] = 1
	var w [nCand][nChoice]float64
	tests := []struct {
		name   string
		rule   float64
		gain   [nCand]float64
		margin float64
		want   int
	}{
		{"no gain: the body", 0, [nCand]float64{}, 0, candBody},
		{"no gain: the model when the rule takes it", 1, [nCand]float64{}, 0, candModel},
		{"the best gain", 0, [nCand]float64{candProse: 0.1, candMain: 0.2}, 0, candMain},
		{"under the margin", 0, [nCand]float64{candMain: 0.01}, 0.02, candBody},
		{"the rule's own text never competes", 1, [nCand]float64{candModel: 0.5, candBody: -0.1}, 0, candModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f[cfRule] = tc.rule
			for k := range w {
				w[k][cfBias] = tc.gain[k]
			}
			if got := chooseCandidate(&w, f, tc.margin); got != tc.want {
				t.Errorf("got %s, want %s", candNames[got], candNames[tc.want])
			}
		})
	}
}

func first(s string, _ float64) string { return s }
