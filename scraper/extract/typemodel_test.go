package extract

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// TestPageTypeModelFits checks the generated model against the feature
// code: a change of features.go needs `cd bench && go run .
// train-pagetype`, or the extractor falls back to the rules.
func TestPageTypeModelFits(t *testing.T) {
	m := pageTypeModel
	if !slices.Equal(m.Features, featureNames) {
		t.Fatalf("pagetype_model.go was trained on other features than features.go computes; run cd bench && go run . train-pagetype\nmodel: %v\ncode:  %v", m.Features, featureNames)
	}
	if len(m.Classes) < 2 || m.Classes[0] != corpus.PageTypeArticle {
		t.Fatalf("classes %v: want article first", m.Classes)
	}
	for _, c := range m.Classes {
		if _, ok := corpus.ParsePageType(c); !ok {
			t.Errorf("class %q is not a page type", c)
		}
	}
	if len(m.Weights) != len(m.Classes) || len(m.Bias) != len(m.Classes) || len(m.Mean) != numFeatures || len(m.Scale) != numFeatures {
		t.Fatalf("model shapes: %d weights, %d biases, %d means, %d scales for %d classes and %d features",
			len(m.Weights), len(m.Bias), len(m.Mean), len(m.Scale), len(m.Classes), numFeatures)
	}
	for c, w := range m.Weights {
		if len(w) != numFeatures {
			t.Errorf("class %s: %d weights, want %d", m.Classes[c], len(w), numFeatures)
		}
	}
	if m.Threshold <= 0 || m.Threshold >= 1 || m.CalibA <= 0 {
		t.Errorf("threshold %v, calibration slope %v", m.Threshold, m.CalibA)
	}
	for i, tr := range m.Trees {
		if err := checkTree(tr, len(m.Classes), numFeatures); err != "" {
			t.Errorf("tree %d: %s", i, err)
		}
	}
}

// checkTree returns what is wrong with tr ("" if nothing): a class or
// feature out of range, or a child that does not come after its parent
// (which could loop).
func checkTree(tr typeTree, classes, features int) string {
	if tr.Class < 0 || tr.Class >= classes || len(tr.Nodes) == 0 {
		return fmt.Sprintf("class %d, %d nodes", tr.Class, len(tr.Nodes))
	}
	for n, nd := range tr.Nodes {
		if nd.Feature < 0 {
			continue
		}
		if nd.Feature >= features || nd.Left <= n || nd.Right <= n || nd.Left >= len(tr.Nodes) || nd.Right >= len(tr.Nodes) {
			return fmt.Sprintf("node %d: %+v", n, nd)
		}
	}
	return ""
}

func TestTypeTreeEval(t *testing.T) {
	tr := typeTree{Nodes: []treeNode{{Feature: 1, Threshold: 0.5, Left: 1, Right: 2}, {Feature: -1, Value: -1}, {Feature: -1, Value: 2}}}
	for _, tt := range []struct {
		f    []float64
		want float64
	}{{[]float64{9, 0.5}, -1}, {[]float64{9, 0.6}, 2}} {
		if got := tr.eval(tt.f); got != tt.want {
			t.Errorf("eval(%v) = %v, want %v", tt.f, got, tt.want)
		}
	}
	if checkTree(typeTree{Nodes: []treeNode{{Feature: 0, Left: 0, Right: 1}, {Feature: -1}}}, 1, 1) == "" {
		t.Errorf("a node that is its own child passes")
	}
}

func TestPageTypeFeatures(t *testing.T) {
	var teasers strings.Builder
	for i := range 10 {
		teasers.WriteString(`<div class="teaser"><h3><a href="/news/story-` + string(rune('a'+i)) + `">A headline about the town council and its budget</a></h3><p>One line of summary.</p></div>`)
	}
	pages := map[string]string{
		"empty":   `<html></html>`,
		"listing": `<html><body><main>` + teasers.String() + `</main></body></html>`,
		"article": `<html><head><meta property="og:type" content="article"></head><body><article><h1>Title</h1>` +
			strings.Repeat("<p>The mayor said on Friday that the bridge, closed since March, would reopen to cyclists and walkers next week.</p>", 6) + `</article></body></html>`,
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			d, err := Parse(Input{Body: []byte(page), URL: "https://example.org/news/a-story", ContentType: "text/html; charset=utf-8"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			f := d.PageTypeFeatures()
			if len(f) != len(FeatureNames()) {
				t.Fatalf("%d features, %d names", len(f), len(FeatureNames()))
			}
			for i, v := range f {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Errorf("%s = %v", featureNames[i], v)
				}
			}
		})
	}
}

func TestTypeModelClassify(t *testing.T) {
	// Two features; class 1 (listing) when the second is high.
	m := &typeModel{
		Features: []string{"a", "b"}, Classes: []string{corpus.PageTypeArticle, corpus.PageTypeListing, corpus.PageTypeForum},
		Mean: []float64{0, 0}, Scale: []float64{1, 1},
		Weights: [][]float64{{0, -2}, {0, 2}, {0, 0}}, Bias: []float64{0, 0, 0},
		CalibA: 1, Threshold: 0.25,
	}
	tests := []struct {
		f           []float64
		wantArticle bool
		wantOther   string
	}{
		{[]float64{0, -1}, true, corpus.PageTypeForum},
		{[]float64{0, 0}, true, corpus.PageTypeListing}, // P(article) 1/3: over the threshold
		{[]float64{0, 1}, false, corpus.PageTypeListing},
	}
	for _, tt := range tests {
		art, p, other := m.classify(tt.f)
		if art != tt.wantArticle || other != tt.wantOther || p < 0 || p > 1 {
			t.Errorf("classify(%v) = %v, %.3f, %q; want %v, %q", tt.f, art, p, other, tt.wantArticle, tt.wantOther)
		}
	}
}

// TestPageTypeNoURL checks that a page read without a URL is judged by
// its content: it was taken for a front page (no path), and an article of
// twenty identical paragraphs came out as a service page.
func TestPageTypeNoURL(t *testing.T) {
	page := `<html><head><title>A story</title></head><body><article><h1>A story</h1>` +
		strings.Repeat("<p>The mayor said on Friday that the bridge, closed since March, would reopen to cyclists and walkers next week.</p>", 20) +
		`</article></body></html>`
	for _, u := range []string{"", "https://example.org/news/a-story", "https://example.org/2024/05/a-story.html"} {
		art, err := Extract(Input{Body: []byte(page), URL: u, ContentType: "text/html; charset=utf-8"})
		if err != nil {
			t.Fatal(err)
		}
		if art.PageType != corpus.PageTypeArticle {
			t.Errorf("URL %q: page type %q, want article", u, art.PageType)
		}
	}
}

func TestPagedURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://example.org/news/?page=2", true},
		{"https://example.org/tag/harbour/page/3/", true},
		{"https://example.org/blog?paged=4", true},
		{"https://example.org/news/?page=last", false},
		{"https://example.org/?p=1234", false}, // WordPress's post id
		{"https://example.org/2024/05/page-one-of-the-budget.html", false},
		{"https://example.org/page/about", false},
		{"https://example.org/2024/05/the-council-votes-on-the-budget?page=2", false}, // page 2 of an article
		{"https://example.org/news/the-council-votes-on-the-budget.html?pg=3", false},
		{"https://example.org/the-council-votes-on-the-budget/page/2/", false},
		{"https://example.org/tag/budget-vote/page/2/", true},
		{"", false},
	}
	for _, tt := range tests {
		d, err := Parse(Input{Body: []byte("<p>x</p>"), URL: tt.url}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := &page{base: d.base}
		if got := p.pagedURL(); got != tt.want {
			t.Errorf("pagedURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

// TestPageTypeFeaturesTeasers checks the features of a listing whose
// teasers carry a "teaser" class, which the content walk drops: they
// still count as the page's text and as a run of teasers, and the linked
// headings of the body are counted (they are dropped from its blocks).
func TestPageTypeFeaturesTeasers(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><main>`)
	for i := range 10 {
		fmt.Fprintf(&b, `<div class="teaser"><h3><a href="/news/story-%d">A headline about the town council and its budget</a></h3><p>One line of summary, with a few more words.</p></div>`, i)
	}
	b.WriteString(`</main><div class="list">`)
	for i := range 6 {
		fmt.Fprintf(&b, `<div class="item"><h3><a href="/news/other-%d">Another headline about the harbour and its ferries</a></h3><p>One line of summary.</p></div>`, i)
	}
	b.WriteString(`</div></body></html>`)
	d, err := Parse(Input{Body: []byte(b.String()), URL: "https://example.org/news/", ContentType: "text/html; charset=utf-8"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	get := featureGetter(t, d.PageTypeFeatures())
	// 10 teasers of about 80 bytes and 6 items of about 70: over 1,000
	// bytes of text, 170 words.
	if w := math.Expm1(get("page_words")); w < 150 {
		t.Errorf("page_words = %.0f, want the teasers' words counted", w)
	}
	if n := math.Expm1(get("teaser_items")); n < 16 {
		t.Errorf("teaser_items = %.0f, want 16", n)
	}
	if get("body_link_heads") == 0 && get("link_heads_page") > 0 {
		t.Errorf("body_link_heads = 0 with %0.f linked headings on the page", math.Expm1(get("link_heads_page")))
	}
}

// TestPageTypeFeaturesRepeated checks the repeated-structure features on
// two pages of testdata/pagetype: a category page whose teasers carry
// their own ids and categories as classes (so that no two class
// attributes are equal) and a numbered pager; and an article with
// numbered footnote links and a calendar of linked days, neither of
// which is a pager.
func TestPageTypeFeaturesRepeated(t *testing.T) {
	for _, tt := range []struct {
		file, url          string
		minItems, minShare float64
		maxShare, pager    float64
	}{
		{"listing_post_classes.html", "https://gazette.example/category/town-life/", 8, 0.6, 1, 1},
		{"article_notes_calendar.html", "https://gazette.example/2026/11/20/the-bridge-reopens-next-week/", 0, 0, 0.3, 0},
	} {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "pagetype", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(Input{Body: body, URL: tt.url, ContentType: "text/html; charset=utf-8"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			get := featureGetter(t, d.PageTypeFeatures())
			if n := math.Expm1(get("teaser_items")); n < tt.minItems-0.01 {
				t.Errorf("teaser_items = %.0f, want at least %.0f", n, tt.minItems)
			}
			if s := get("teaser_share"); s < tt.minShare || s > tt.maxShare {
				t.Errorf("teaser_share = %.2f, want %.2f to %.2f", s, tt.minShare, tt.maxShare)
			}
			if p := get("pager"); p != tt.pager {
				t.Errorf("pager = %v, want %v", p, tt.pager)
			}
		})
	}
}

// TestPageTypeFeaturesHashedClasses checks that a listing whose class
// names are hashed (a CSS-module build: every name holds digits, and each
// teaser carries a name of its own beside the one they share) still has
// its teasers counted as a run.
func TestPageTypeFeaturesHashedClasses(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "hashed", "listing_hashed_classes.html"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(Input{Body: body, URL: "https://gazette.example/town-life/", ContentType: "text/html; charset=utf-8"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	get := featureGetter(t, d.PageTypeFeatures())
	if n := math.Expm1(get("teaser_items")); n < 8.99 {
		t.Errorf("teaser_items = %.0f, want 9", n)
	}
	if s := get("teaser_share"); s < 0.6 {
		t.Errorf("teaser_share = %.2f, want 0.6 or more", s)
	}
}

func TestAlikeClass(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"", "", true},
		{"card", "card", true},
		{"post-1 post type-post category-a", "post-2 post type-post category-b", true},
		{"post-1 category-a", "post-2 category-b", false},
		{"card", "", false},
		{"  item\tlead ", "item", true},
		{"col-4", "col-4 x", true},
		{"col-4", "col-4", true},
		// Hashed names (CSS modules): the same name, the same hash.
		{"c3fa9b1 c0a12e7", "c3fa9b1 c99f004", true},
		{"c3fa9b1", "c99f004", false},
	} {
		if got := alikeClass(tt.a, tt.b); got != tt.want {
			t.Errorf("alikeClass(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestPageTypeModelProbes recomputes the features of the probe pages
// (testdata/pagetype) that the model's trainer recorded: a change of the
// feature code that keeps the names but moves a value needs the model
// retrained (cd bench && go run . train-pagetype).
func TestPageTypeModelProbes(t *testing.T) {
	if len(pageTypeModel.Probes) == 0 {
		t.Fatal("the model records no probe pages; retrain: cd bench && go run . train-pagetype")
	}
	for _, pr := range pageTypeModel.Probes {
		body, err := os.ReadFile(filepath.Join("testdata", "pagetype", pr.Name))
		if err != nil {
			t.Fatalf("probe %s: %v", pr.Name, err)
		}
		got, err := ProbeFeatures(pr.Name, body)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(pr.Features) {
			t.Fatalf("probe %s: %d features, the model recorded %d", pr.Name, len(got), len(pr.Features))
		}
		for i, v := range got {
			if want := pr.Features[i]; math.Abs(v-want) > 1e-5*max(1, math.Abs(want)) {
				t.Errorf("probe %s: %s = %.6g, the model was trained when it was %.6g; retrain: cd bench && go run . train-pagetype",
					pr.Name, featureNames[i], v, want)
			}
		}
	}
}

func TestLinkNumber(t *testing.T) {
	for _, tt := range []struct {
		html string
		num  int
		ok   bool
	}{
		{`<a href="/p/2">2</a>`, 2, true},
		{`<a href="/p/12"> <span>12</span> </a>`, 12, true},
		{`<a href="/p/3">&nbsp;3&nbsp;</a>`, 3, true},
		{`<a href="/p/2">Page 2</a>`, 0, false},
		{`<a href="/y/2026">2026</a>`, 0, false},
		{`<a href="/x"></a>`, 0, false},
		{`<a href="/x"><img src="x.png"></a>`, 0, false},
	} {
		doc, err := html.Parse(strings.NewReader(tt.html))
		if err != nil {
			t.Fatal(err)
		}
		var a *html.Node
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.DataAtom == atom.A {
				a = n
				break
			}
		}
		if num, ok := linkNumber(a); num != tt.num || ok != tt.ok {
			t.Errorf("linkNumber(%s) = %d, %v; want %d, %v", tt.html, num, ok, tt.num, tt.ok)
		}
	}
}

// featureGetter returns a function that gives the page-type feature of
// that name in f, failing the test for a name the model does not have.
func featureGetter(t *testing.T, f []float64) func(name string) float64 {
	return func(name string) float64 {
		t.Helper()
		i := slices.Index(featureNames, name)
		if i < 0 {
			t.Fatalf("no feature %q", name)
		}
		return f[i]
	}
}

func TestClassifyFeatures(t *testing.T) {
	if _, _, _, ok := ClassifyFeatures([]float64{1, 2}); ok {
		t.Error("a vector of the wrong length was classified")
	}
	for _, pr := range pageTypeModel.Probes {
		art, p, other, ok := ClassifyFeatures(pr.Features)
		wantArt, wantP, wantOther := pageTypeModel.classify(pr.Features)
		if !ok || art != wantArt || p != wantP || other != wantOther {
			t.Errorf("%s: ClassifyFeatures = %v %v %q %v, classify = %v %v %q", pr.Name, art, p, other, ok, wantArt, wantP, wantOther)
		}
	}
}
