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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.in + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			b := findAtom(doc, atom.Button)
			if b == nil {
				t.Fatal("no button")
			}
			if got := accordionButton(b); got != tt.want {
				t.Errorf("accordionButton(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// findAtom returns the first element of kind a under n.
func findAtom(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if m := findAtom(c, a); m != nil {
			return m
		}
	}
	return nil
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
