package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestAccordionButton: a <button> with aria-expanded that is the whole
// of a heading (its parent or grandparent) is an accordion's header;
// a button beside the heading's own words, one without aria-expanded,
// one outside a heading and a heading too large to be a line are not.
func TestAccordionButton(t *testing.T) {
	many := strings.Repeat("<span></span>", headingNodes+1)
	tests := []struct {
		name, in string
		want     bool
	}{
		{"button in h3", `<h3><button aria-expanded="false" aria-controls="p1">How do I choose a tent?</button></h3>`, true},
		{"open section", `<h2><button aria-expanded="true">Sizing</button></h2>`, true},
		{"wrapped in a span", `<h3><span class="hd"><button aria-expanded="false">Care</button></span></h3>`, true},
		{"role heading", `<div role="heading" aria-level="3"><button aria-expanded="false">Returns</button></div>`, true},
		{"icon beside the words", `<h3><button aria-expanded="false">Care<svg><path d="M0"/></svg></button><span class="icon"></span></h3>`, true},
		{"heading's own words beside", `<h3><span>Citations</span><button aria-expanded="false">See all</button></h3>`, false},
		{"no aria-expanded", `<h3><button type="button">Open the guide</button></h3>`, false},
		{"not in a heading", `<div><button aria-expanded="false" aria-controls="m">Menu</button></div>`, false},
		{"heading three levels up", `<h3><div><div><button aria-expanded="false">Deep</button></div></div></h3>`, false},
		{"heading too large", `<h3>` + many + `<button aria-expanded="false">Care</button></h3>`, false},
		{"panel of text", `<h3><button aria-expanded="false" aria-controls="p">Care</button></h3><div id="p" hidden><p>Wash cold.</p></div>`, true},
		{"panel in a container", `<h3><button aria-expanded="false" aria-controls="p">Care</button></h3><div style="max-height:0"><div id="p" aria-hidden="true"><ul><li>Wash cold.</li></ul></div></div>`, true},
		{"panel elsewhere", `<h3><button aria-expanded="false" aria-controls="p">Care</button></h3><p>Intro.</p><div id="p" hidden></div>`, true},
		{"panel of checkboxes", `<h3><button aria-expanded="true" aria-controls="p">Brand</button></h3><div id="p"><label><input type="checkbox">Northway</label><span>12</span></div>`, false},
		{"panel of custom options", `<h3><button aria-expanded="true" aria-controls="p">Colour</button></h3><div id="p"><div role="listbox"><span role="option">Red</span></div></div>`, false},
		{"empty panel", `<h3><button aria-expanded="false" aria-controls="p">Heel height</button></h3><div id="p" hidden role="region"></div>`, false},
		{"empty panel under a question", `<h3><button aria-expanded="false" aria-controls="p">Is the mat heat resistant?</button></h3><div id="p" hidden role="region"></div>`, true},
		{"empty panel under a Spanish question", `<h3><button aria-expanded="false" aria-controls="p">¿Cuánto cuesta el envío</button></h3><div id="p" hidden></div>`, true},
		{"panel of links", `<h2><button aria-expanded="false" aria-controls="p">More stories</button></h2><ul id="p" hidden><li><a href="/a">Library opens late</a></li></ul>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.in + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			b := firstOfAtom(doc, atom.Button)
			if b == nil {
				t.Fatal("no button")
			}
			if got := accordionButton(b); got != tt.want {
				t.Errorf("accordionButton(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestAccordionHeaders: a service page's FAQ written as WAI-ARIA
// accordion headers (a heading holding only its button) keeps its
// questions and section titles; a "See all" button beside a heading's words and the
// page's menu and cart buttons stay out.
func TestAccordionHeaders(t *testing.T) {
	faq := func(i int, q, a string) string {
		id := string(rune('a' + i))
		return `<div class="item"><h3 class="hd"><button type="button" aria-expanded="` + map[bool]string{true: "true", false: "false"}[i == 0] +
			`" aria-controls="panel-` + id + `" id="btn-` + id + `"><span>` + q + `</span><svg aria-hidden="true"><path d="M1"/></svg></button></h3>` +
			`<div id="panel-` + id + `" role="region" aria-labelledby="btn-` + id + `"><p>` + a + `</p></div></div>`
	}
	page := `<html><head><title>Boiler repair and servicing</title></head><body>
<header><nav><button aria-expanded="false" aria-controls="menu">Menu</button><ul id="menu"><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav></header>
<main><h1>Boiler repair and servicing</h1>
<p>We repair and service gas boilers and heat pumps across the county, with a one-year warranty on every part we fit and a visit within two days of your call.</p>
<p>Our engineers are registered, carry their identity cards, and give you a written quote before they start any work on your heating.</p>
<h2><span>Our prices</span><button aria-expanded="false" aria-controls="prices">See all</button></h2>
<p>A yearly service costs eighty pounds, parts and labour included, and a repair visit is quoted on the day after the engineer has looked at the fault.</p>
<section class="faq"><h2>Questions</h2>` +
		faq(0, "How often should a boiler be serviced?", "Once a year keeps the warranty valid and finds small faults before they stop the heating in winter.") +
		faq(1, "Weekend visits and holidays", "Yes, our engineers visit on Saturdays and Sundays for repairs, at the same price as on weekdays.") +
		faq(2, "The towns and villages we cover", "Every town of the county and the villages within twenty miles of our workshop on the ring road.") +
		`</section><p><button type="button">Add to basket</button></p></main>
<footer><p>Heating services, 4 Mill Lane</p></footer></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://heating.example/boiler-repair", ContentType: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("type %s\n%s", art.PageType, art.Text)
	for _, want := range []string{"How often should a boiler be serviced?", "Weekend visits and holidays", "The towns and villages we cover",
		"Once a year keeps the warranty valid"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, not := range []string{"See all", "Menu", "Add to basket"} {
		if strings.Contains(art.Text, not) {
			t.Errorf("text holds the control %q", not)
		}
	}
}

// TestAccordionHeadsNothing: accordion headers whose panel holds no text
// a reader reads stay out of the text, where their words would stand
// alone: a shop's filters (over checkboxes, or over panels a script
// fills), an article's drawer of links to other stories and an
// article's header over a hidden panel (a transcript: the article's
// hidden parts stay out). A buying guide's header over a panel of text,
// hidden in a container, is kept, and so is an article's header over an
// open section.
func TestAccordionHeadsNothing(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " The council met on Tuesday evening to weigh the plan, and residents spoke for more than two hours about the traffic, the trees and the cost of the work.</p>"
	}
	story := para("One.") + para("Two.") + para("Three.") + para("Four.")
	grid := strings.Repeat(`<li><h2><a href="/p/1">Trail boot mid</a></h2><p>$120.00</p><p>4.5 out of 5 stars</p></li>`, 12)
	facet := func(id, name, panel string) string {
		return `<div><h3><button aria-expanded="false" aria-controls="` + id + `">` + name + `</button></h3><div id="` + id + `" role="region">` + panel + `</div></div>`
	}
	tests := []struct {
		name, url, page string
		want, not       []string
	}{
		{"filters over checkboxes", "https://shop.example/c/boots", `<html><body><main><h1>Hiking boots</h1><div class="side">` +
			facet("f1", "Waterproofing", `<label><input type="checkbox"> Membrane</label><span>40</span>`) +
			facet("f2", "Closure", `<label><input type="checkbox"> Laces</label><span>31</span>`) +
			`</div><ul class="grid">` + grid + `</ul></main></body></html>`, []string{"Trail boot mid"}, []string{"Waterproofing", "Closure"}},
		{"filters a script fills", "https://shop.example/c/boots", `<html><body><main><h1>Hiking boots</h1><div class="side">` +
			facet("f1", "Heel height", "") + facet("f2", "Occasion", "") +
			`</div><ul class="grid">` + grid + `</ul></main></body></html>`, []string{"Trail boot mid"}, []string{"Heel height", "Occasion"}},
		{"drawer of links in an article", "https://town.example/news/2024/05/bridge", `<html><head><title>Council backs the bridge</title></head><body><main><article><h1>Council backs the bridge</h1>` + story +
			`<div class="drawer"><h2><button aria-expanded="false" aria-controls="rel">More from the town desk</button></h2><ul id="rel" hidden><li><a href="/a">Library opens late on Fridays</a></li><li><a href="/b">School run changes</a></li></ul></div>` +
			para("Five.") + `</article></main></body></html>`, []string{"Five."}, []string{"More from the town desk"}},
		{"a transcript hidden in an article", "https://town.example/news/2024/05/bridge", `<html><head><title>Council backs the bridge</title></head><body><main><article><h1>Council backs the bridge</h1>` + story +
			`<h3><button aria-expanded="false" aria-controls="tr">Transcript</button></h3><div id="tr" hidden><p>Speaker one: we have waited for this bridge for twenty years, and the river has not waited for us.</p></div>` +
			para("Five.") + `</article></main></body></html>`, []string{"Four.", "Five."}, []string{"Transcript", "Speaker one"}},
		{"an open section in an article", "https://town.example/news/2024/05/bridge", `<html><head><title>Council backs the bridge</title></head><body><main><article><h1>Council backs the bridge</h1>` + story +
			`<h3><button aria-expanded="true" aria-controls="kp">What happens next</button></h3><div id="kp"><p>The works start in the spring and the old crossing closes for six weeks while the new deck is lifted into place.</p></div>` +
			para("Five.") + `</article></main></body></html>`, []string{"What happens next", "Five."}, nil},
		{"a guide over a panel of text", "https://shop.example/c/lamps", `<html><body><main><h1>Headlamps</h1><ul class="grid">` + grid + `</ul>` +
			`<div class="acc"><h3><button aria-expanded="false" aria-controls="g1">Choosing a headlamp</button></h3><div style="max-height:0"><div id="g1" aria-hidden="true">` +
			`<p>More lumens give a brighter beam and drain the battery faster, so most lamps offer several levels of brightness.</p><p><a href="/guide">Read the full guide</a></p></div></div></div>` +
			`</main></body></html>`, []string{"Choosing a headlamp"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(tt.page), URL: tt.url, ContentType: "text/html"})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(art.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, art.Text)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(art.Text, n) {
					t.Errorf("text holds %q:\n%s", n, art.Text)
				}
			}
		})
	}
}

// BenchmarkBigAccordions: a page of 1,500 accordion sections whose
// panels open with more nodes than accordionButton reads of them (the
// bound, panelNodes, is what keeps the look at each panel linear), and
// headings of empty header buttons over one panel.
func BenchmarkBigAccordions(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<html><body><main><h1>Questions</h1>")
	pad := strings.Repeat("<span></span>", panelNodes+44)
	for i := range 1500 {
		id := "p" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26)
		if i%10 == 0 {
			sb.WriteString(`<h3>` + strings.Repeat(`<button aria-expanded="false" aria-controls="`+id+`"></button>`, 40) + `</h3>`)
		} else {
			sb.WriteString(`<h3><button aria-expanded="false" aria-controls="` + id + `">How long does delivery take to the islands?</button></h3>`)
		}
		sb.WriteString(`<div id="` + id + `" hidden>` + pad + `<p>Three to five working days by the morning ferry, weather permitting.</p></div>`)
	}
	sb.WriteString("</main></body></html>")
	page := []byte(sb.String())
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Extract(Input{Body: page, URL: "https://shop.example/help/delivery", ContentType: "text/html"}); err != nil {
			b.Fatal(err)
		}
	}
}
