package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"golang.org/x/net/html"
)

// TestIsHiddenPanel: a tab panel or a section labelled by its control is
// a panel when an inline style hides it; dialogs, menus, shown panels
// and panels hidden otherwise (the content walk's call) are not.
func TestIsHiddenPanel(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"tab hidden by style", `<div role="tabpanel" style="display: none;">x</div>`, true},
		{"tab shown", `<div role="tabpanel">x</div>`, false},
		{"tab hidden by attribute", `<div role="tabpanel" hidden>x</div>`, false},
		{"accordion panel", `<div aria-labelledby="q1" style="display:none">x</div>`, true},
		{"accordion panel, aria-hidden", `<div aria-labelledby="q1" aria-hidden="true">x</div>`, false},
		{"accordion panel, hidden attribute", `<section aria-labelledby="q1" hidden>x</section>`, true},
		{"dialog", `<div role="dialog" aria-labelledby="m1" style="display:none">x</div>`, false},
		{"menu", `<ul role="menu" aria-labelledby="b1" style="display:none">x</ul>`, false},
		{"hidden div", `<div style="display:none">x</div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParseFragment(t, tt.in)
			if got := isHiddenPanel(n); got != tt.want {
				t.Errorf("isHiddenPanel(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestIsHeadedSection: a section hidden by an inline style right after a
// heading h2 to h6 is an accordion's; one after an <h1>, a paragraph or a
// wrapper, one hidden otherwise, a hidden list, a dialog and a form
// (holdsField) are not.
func TestIsHeadedSection(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"after h3", `<h3>Does it rust?</h3><div style="display: none">x</div>`, true},
		{"after h2, visibility", `<h2>Care</h2><section style="visibility:hidden">x</section>`, true},
		{"after h1", `<h1>Griddle</h1><div style="display:none">x</div>`, false},
		{"after a paragraph", `<p>Does it rust?</p><div style="display:none">x</div>`, false},
		{"after a wrapped heading", `<div><h3>Does it rust?</h3></div><div style="display:none">x</div>`, false},
		{"hidden attribute", `<h3>Does it rust?</h3><div hidden>x</div>`, false},
		{"hidden for good", `<h2>Thread title</h2><div style="display: none !important;">Board description</div>`, false},
		{"shown", `<h3>Does it rust?</h3><div>x</div>`, false},
		{"list", `<h3>Gift wrap</h3><ul style="display:none"><li>x</li></ul>`, false},
		{"dialog", `<h3>Newsletter</h3><div role="dialog" style="display:none">x</div>`, false},
		{"form", `<h3>Newsletter</h3><div style="display:none"><form><p>Sign up</p><input type="email"></form></div>`, false},
		{"field", `<h3>Write a review</h3><div style="display:none"><p>Your review</p><textarea></textarea></div>`, false},
		{"hidden heading", `<h3 style="display:none">Q</h3><div style="display:none">x</div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.in + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			n := doc.FirstChild.LastChild.LastChild
			if got := isHeadedSection(n); got != tt.want {
				t.Errorf("isHeadedSection(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestMergeAt: each added line goes before the first block made after
// its element, or at the end; lines of one element stay in order.
func TestMergeAt(t *testing.T) {
	bs := []block{{text: "a", at: 1}, {text: "b", at: 5}, {text: "c", at: 9}}
	tests := []struct {
		name string
		adds []block
		want string
	}{
		{"before all", []block{{text: "p", at: 0}, {text: "q", at: 0}}, "p|q|a|b|c"},
		{"after its element", []block{{text: "p", at: 5}, {text: "q", at: 5}}, "a|b|p|q|c"},
		{"between", []block{{text: "p", at: 7}}, "a|b|p|c"},
		{"two places", []block{{text: "p", at: 3}, {text: "q", at: 20}}, "a|p|b|c|q"},
		{"none", nil, "a|b|c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(blockTexts(mergeAt(bs, tt.adds)), "|"); got != tt.want {
				t.Errorf("mergeAt = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestControlLabel: a button that asks a question gives its text; other
// buttons and one-word questions give nothing.
func TestControlLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<button aria-expanded="false">  How long does a permit take? </button>`, "How long does a permit take?"},
		{`<button><span>1. Who is this</span> <span>program for?</span><i></i></button>`, "1. Who is this program for?"},
		{`<button aria-expanded="false">Item details</button>`, ""},
		{`<button>Why?</button>`, ""},
		{`<button type="submit">Subscribe</button>`, ""},
	}
	for _, tt := range tests {
		if got := controlLabel(mustParseFragment(t, tt.in)); got != tt.want {
			t.Errorf("controlLabel(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// extractServicePage extracts page, a service page of heating.example,
// and logs its size, type and the time it took.
func extractServicePage(t *testing.T, page string) corpus.Article {
	t.Helper()
	start := time.Now()
	art, err := Extract(Input{Body: []byte(page), URL: "https://heating.example/services", ContentType: "text/html; charset=utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d words, type %s, %v", art.WordCount, art.PageType, time.Since(start))
	return art
}

// TestManyPanels: a page of thousands of hidden panels and question
// buttons among its paragraphs returns, with at most maxPanels panels
// and maxPanels questions put back.
func TestManyPanels(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><meta property="og:type" content="website"></head><body><main>`)
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, `<div><p>Our engineers service boilers, fit new ones and answer the phone every day, team %d.</p>`, i)
		fmt.Fprintf(&b, `<button aria-expanded="false">Do you service boilers made in year %d?</button>`, i)
		fmt.Fprintf(&b, `<div role="tabpanel" style="display:none"><p>Yes, every make and age, with parts carried in van %d.</p></div></div>`, i)
	}
	b.WriteString(`</main></body></html>`)
	art := extractServicePage(t, b.String())
	const bound = 200 // maxPanels, pinned
	if n := strings.Count(art.Text, "parts carried in van"); n == 0 || n > bound {
		t.Errorf("%d panels put back, want 1 to %d", n, bound)
	}
	if n := strings.Count(art.Text, "boilers made in year"); n == 0 || n > bound {
		t.Errorf("%d questions put back, want 1 to %d", n, bound)
	}
}

// TestManyDisclosures: a page of thousands of accordion sections, each
// hidden under the button that heads it, returns with at most maxPanels
// sections put back.
func TestManyDisclosures(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><meta property="og:type" content="website"></head><body><main>`)
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, `<p>Our engineers service boilers, fit new ones and answer the phone every day, team %d.</p>`, i)
		fmt.Fprintf(&b, `<h3><button aria-expanded="false" aria-controls="s%d">Boilers we fit, range %d</button></h3>`, i, i)
		fmt.Fprintf(&b, `<div id="s%d" aria-hidden="true"><p>Every make and age, with parts carried in van %d.</p></div>`, i, i)
	}
	b.WriteString(`</main></body></html>`)
	art := extractServicePage(t, b.String())
	const bound = 200 // maxPanels, pinned
	if n := strings.Count(art.Text, "parts carried in van"); n == 0 || n > bound {
		t.Errorf("%d sections put back, want 1 to %d", n, bound)
	}
}

// TestDisclosures: a section hidden under the collapsed button just
// before it (or before its wrapper) is disclosed; one opened by a button
// elsewhere, a list (a menu) and a dialog are not.
func TestDisclosures(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"accordion", `<h3><button aria-expanded="false" aria-controls="p">Q</button></h3><div id="p" aria-hidden="true">x</div>`, true},
		{"in a wrapper", `<h3><button aria-expanded="false" aria-controls="p">Q</button></h3><div><div id="p" hidden>x</div></div>`, true},
		{"button is the header", `<button aria-expanded="false" aria-controls="p">Q</button><div id="p" style="display:none">x</div>`, true},
		{"button far away", `<div id="p" aria-hidden="true">x</div><p>text</p><button aria-expanded="false" aria-controls="p">Q</button>`, false},
		{"expanded already", `<h3><button aria-expanded="true" aria-controls="p">Q</button></h3><div id="p" aria-hidden="true">x</div>`, false},
		{"menu list", `<button aria-expanded="false" aria-controls="p">Menu</button><ul id="p" aria-hidden="true"><li>x</li></ul>`, false},
		{"dialog", `<button aria-expanded="false" aria-controls="p">Q</button><div id="p" role="dialog" hidden>x</div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body><div>" + tt.in + "</div></body>"))
			if err != nil {
				t.Fatal(err)
			}
			body := doc.FirstChild.LastChild
			var panels []*html.Node
			findPanels(body, &panels, disclosures(body))
			if got := len(panels) == 1; got != tt.want {
				t.Errorf("%d panels found, want %v", len(panels), tt.want)
			}
		})
	}
}

// TestDropPanelChrome: a hidden panel put back keeps the run of links
// that opens it (a tab of forms to download), which dropChrome would
// take for a breadcrumb trail, but not on a product page, where the run
// is other products; the panel's controls, legal lines and widget lines
// still go, and the main text's own trail still goes through
// dropChrome.
func TestDropPanelChrome(t *testing.T) {
	form := func(s string) block { return block{kind: kindItem, text: s, link: 1} }
	para := block{kind: kindPara, text: "Send a printed form to the harbour office with a copy of the insurance certificate."}
	tests := []struct {
		name    string
		in      []block
		product bool
		want    []string
	}{
		{"leading links", []block{form("Mooring application (online)"), form("Mooring application (printable)"), form("Winter storage ashore"), para}, false,
			[]string{"Mooring application (online)", "Mooring application (printable)", "Winter storage ashore", para.text}},
		{"a control and a legal line", []block{form("Mooring application (online)"), form("Mooring application (printable)"), {kind: kindPara, text: "Add to cart"}, para, {kind: kindPara, text: "Privacy Policy", link: 1}}, false,
			[]string{"Mooring application (online)", "Mooring application (printable)", para.text}},
		{"a comment widget", []block{para, {kind: kindPara, text: "Leave a comment"}}, false,
			[]string{para.text}},
		{"a product's tab of other products", []block{form("Crag Fell Mid walking boot"), form("Tarn Lite Mid fabric boot"), {kind: kindHeading, text: "Care and repair"}, para}, true,
			[]string{"Care and repair", para.text}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range dropPanelChrome(tt.in, tt.product) {
				got = append(got, b.text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("dropPanelChrome = %q, want %q", got, tt.want)
			}
		})
	}
	// The main text's trail: dropChrome still drops it.
	trail := []block{form("Home"), form("The port"), form("Offices"), {kind: kindTitle, text: "Harbour Office"}, para}
	if got := dropChrome(trail, false, nil, nil); len(got) != 2 {
		t.Errorf("dropChrome kept %d blocks of a trail, a title and a paragraph, want 2", len(got))
	}
}
