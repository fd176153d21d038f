package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestGluedLink: in a broad text, a link set right against the link
// before it, in a parent without text of its own, is set apart when it
// starts with a capital; a word split over two links, links with white
// space or text between, and an article's text stay as they are.
func TestGluedLink(t *testing.T) {
	tests := []struct {
		name, in string
		broad    bool
		want     string
	}{
		{"two buttons", `<div><a href="/a">Get Started</a><a href="/b">Explore products</a></div>`, true, "Get Started Explore products"},
		{"after a full stop", `<div><a href="/a"><span>Voice</span> <span>Make calls.</span></a><a href="/b"><span>Ticketing</span></a></div>`, true, "Voice Make calls. Ticketing"},
		{"word split over links", `<div><span>Use</span> <a href="/a">P</a><a href="/b">acking cubes</a></div>`, true, "Use Packing cubes"},
		{"parent with text", `<p>See <a href="/a">Foo</a><a href="/b">Bar</a> now</p>`, true, "See FooBar now"},
		{"white space between", `<div><a href="/a">Foo</a> <a href="/b">Bar</a></div>`, true, "Foo Bar"},
		{"not links", `<div><b>Foo</b><i>Bar</i></div>`, true, "FooBar"},
		{"article text", `<div><a href="/a">Get Started</a><a href="/b">Explore products</a></div>`, false, "Get StartedExplore products"},
		{"style sheet between buttons", `<div><style>.b{margin:4px}</style><a href="/a">Try it free</a><style>.b{margin:4px}</style><a href="/b">Book a demo</a></div>`, true, "Try it free Book a demo"},
		{"comment between buttons", `<div><a href="/a">Try it free</a><!-- --><a href="/b">Book a demo</a></div>`, true, "Try it free Book a demo"},
		{"lower-case tags", `<div><a href="/t/a">machine learning</a><a href="/t/b">psychology</a><a href="/t/c">cognitive science</a></div>`, true, "machine learning psychology cognitive science"},
		{"two lower-case links", `<div><a href="/t/a">machine learning</a><a href="/t/b">psychology</a></div>`, true, "machine learningpsychology"},
		{"one-rune piece in a run", `<div><a href="/a">P</a><a href="/b">acking</a><a href="/c">Cubes</a></div>`, true, "Packing Cubes"},
		{"glyph between links", `<div><a href="/t/a">Productivity</a><span>•</span><a href="/t/b">Developer Tools</a><span>•</span><a href="/t/c">GitHub</a></div>`, true, "Productivity • Developer Tools • GitHub"},
		{"glyph in running text", `<p>Open<span>·</span>Shut</p>`, true, "Open·Shut"},
		{"slash between numbers", `<div><span>4</span><span>/</span><span>5</span></div>`, true, "4/5"},
		{"glyph in an article", `<div><a href="/t/a">Productivity</a><span>•</span><a href="/t/b">Developer Tools</a></div>`, false, "Productivity•Developer Tools"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := emitBlocks(t, tt.in, tt.broad)
			var got []string
			for _, b := range blocks {
				got = append(got, b.text)
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("text = %q, want %q", s, tt.want)
			}
		})
	}
}

// emitBlocks analyzes the body markup in and returns the blocks the
// emitter makes of it (broad: the text of a page that is not an article).
func emitBlocks(t *testing.T, in string, broad bool) []block {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + in + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	x := getExtractor()
	defer putExtractor(x)
	body := doc.FirstChild.LastChild
	x.analyze(body, false)
	e := emitter{x: x, broad: broad}
	e.walk(body)
	e.flush()
	return e.blocks
}

// TestGluedTwin: three twins or more (spans or links of
// one class) set against each other, out of running text, are set apart
// where a digit meets the next one; the styled pieces of a word, a
// price's two pieces, one-rune pieces and a number's groups in a
// sentence stay as they are.
func TestGluedTwin(t *testing.T) {
	tests := []struct {
		name, in string
		broad    bool
		want     string
	}{
		{"year and running time", `<div><span class="m">2026</span><span class="m">1h 54m</span><span class="m">PG-13</span></div>`, true, "2026 1h 54m PG-13"},
		{"years", `<div><a class="y" href="/a">1990</a><a class="y" href="/b">1991</a><a class="y" href="/c">1992</a></div>`, true, "1990 1991 1992"},
		{"runtime then count", `<div><span class="s">3 seasons</span><span class="s">24 episodes</span><span class="s">2019</span></div>`, true, "3 seasons 24 episodes 2019"},
		{"pieces of a word", `<div><span class="w">Hel</span><span class="w">lo</span><span class="w">world</span></div>`, true, "Helloworld"},
		{"a price's pieces", `<div><span class="p">12</span><span class="p">99</span></div>`, true, "1299"},
		{"one-rune pieces", `<div><span class="d">1</span><span class="d">2</span><span class="d">3</span></div>`, true, "123"},
		{"in a sentence", `<p>Call <span class="n">0800</span><span class="n">123</span><span class="n">456</span> today</p>`, true, "Call 0800123456 today"},
		// Not twins: gluedTwin leaves them; unitSpans sets the letter
		// meeting a digit apart, two runes on each side.
		{"two classes", `<div><span class="a">2026</span><span class="b">1h</span><span class="c">54m</span></div>`, true, "20261h 54m"},
		{"article text too", `<div><span class="m">2026</span><span class="m">1h 54m</span><span class="m">12A</span></div>`, false, "2026 1h 54m 12A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range emitBlocks(t, tt.in, tt.broad) {
				got = append(got, b.text)
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("text = %q, want %q", s, tt.want)
			}
		})
	}
}

// TestUnitSpans: spans of two classes meeting a letter against a digit,
// or a price's currency sign against a letter, are set apart (a label
// and its value, a price and its instalments); one-rune pieces, twins
// and letters meeting letters stay as they are.
func TestUnitSpans(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"label and value", `<div><span class="k">Height</span><span class="v">22 cm</span></div>`, "Height 22 cm"},
		{"price and instalments", `<div><span class="now">$499.00</span><span class="fin">or 4 payments of $124.75</span></div>`, "$499.00 or 4 payments of $124.75"},
		{"sign then words", `<div><span class="now">39,90 €</span><span class="fin">oppure 3 rate</span></div>`, "39,90 € oppure 3 rate"},
		{"one-rune unit", `<div><span class="n">5</span><span class="u">kg</span></div>`, "5kg"},
		{"ordinal", `<div><span class="n">3</span><span class="s">rd</span></div>`, "3rd"},
		{"pieces of a word", `<div><span class="a">Hel</span><span class="b">lo</span></div>`, "Hello"},
		{"unclassed", `<div><span>Height</span><span>22 cm</span></div>`, "Height22 cm"},
		// In an article: a figure's unit or suffix is one word glued
		// to it, and a score's variants are one value (review38c).
		{"two-digit ordinal", `<p>on the <span class="d">21</span><span class="o">st</span> of March</p>`, "on the 21st of March"},
		{"figure and unit", `<p>a <span class="c">£</span><span class="a">5bn</span> plan over <span class="n">10</span><span class="u">yrs</span></p>`, "a £5bn plan over 10yrs"},
		{"css in code", `<pre><code><span class="k">margin</span><span class="p">:</span> <span class="mi">10</span><span class="kt">px</span></code></pre>`, "margin: 10px"},
		{"vote variants", `<p><span class="s dn">188 points</span><span class="s un">189 points</span><span class="s up">190 points</span></p>`, "188 points189 points190 points"},
		{"vote variants, singular and plural", `<p><span class="s dn">0 points</span><span class="s un">1 point</span><span class="s up">2 points</span></p>`, "0 points1 point2 points"},
		{"reply count variants", `<p><span class="r a">1 reply</span><span class="r b">2 replies</span></p>`, "1 reply2 replies"},
		{"label and another count", `<div><span class="k">Rooms</span><span class="v">3 baths</span></div>`, "Rooms 3 baths"},
		{"version", `<div><span class="os">Windows</span><span class="v">11</span></div>`, "Windows 11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range emitBlocks(t, tt.in, true) {
				got = append(got, b.text)
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("text = %q, want %q", s, tt.want)
			}
		})
	}
}
