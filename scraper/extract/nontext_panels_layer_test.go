package extract

import (
	"strings"
	"testing"
)

// TestIsRevealedLayer: an element hidden by an inline visibility:hidden
// alone is a widget its script shows (a slider); hidden out of the flow
// (display:none), for good (!important), from assistive technology or
// by the hidden attribute, a dialog, a menu and a form are not.
func TestIsRevealedLayer(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"slider", `<div style="visibility:hidden;background:transparent;padding:0;">x</div>`, true},
		{"spaced, upper case", `<div style="Visibility: Hidden">x</div>`, true},
		{"shown", `<div style="padding:0">x</div>`, false},
		{"display none", `<div style="display:none">x</div>`, false},
		{"both", `<div style="visibility:hidden;display:none">x</div>`, false},
		{"for good", `<div style="visibility:hidden !important">x</div>`, false},
		{"aria-hidden", `<div style="visibility:hidden" aria-hidden="true">x</div>`, false},
		{"hidden attribute", `<div style="visibility:hidden" hidden>x</div>`, false},
		{"dialog", `<div role="dialog" style="visibility:hidden">x</div>`, false},
		{"modal", `<div aria-modal="true" style="visibility:hidden">x</div>`, false},
		{"menu", `<ul role="menu" style="visibility:hidden"><li>x</li></ul>`, false},
		{"form", `<div style="visibility:hidden"><form><p>Sign up</p><input type="email"></form></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParseFragment(t, tt.in)
			if got := isRevealedLayer(n); got != tt.want {
				t.Errorf("isRevealedLayer(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestRevealedLayerPage: a product page whose description holds a
// slider hidden by visibility:hidden until its script lays it out keeps
// the slider's text in its place; a sign-up dialog and a section hidden
// by display:none, hidden the same way beside it, stay out.
func TestRevealedLayerPage(t *testing.T) {
	page := `<html><head><title>Trail sandal N2 | Shoe shop</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trail sandal N2","offers":{"@type":"Offer","price":"89.00","priceCurrency":"EUR"}}</script>
</head><body><header><nav><a href="/">Home</a><a href="/sandals">Sandals</a></nav></header><main>
<h1>Trail sandal N2</h1><p class="price">89.00 EUR</p>
<div class="description">
<p>The N2 is our lightest trail sandal, cut from one piece of recycled rubber and stitched by hand in our workshop.</p>
<div class="slider-wrap" style="visibility:hidden;background:transparent">
<div class="slide"><p>Its footbed is moulded from cork and natural latex, and it takes the shape of your foot within a week of walking.</p></div>
<div class="slide"><p>This year the straps gained a padded lining that keeps them soft after a day in the river or on the rocks.</p></div>
</div>
<p>Every pair comes with a two-year warranty and free resoling for its first three years on the trail.</p>
</div>
<div role="dialog" class="signup" style="visibility:hidden"><p>Join our club and get ten percent off your first order of sandals today.</p></div>
<div class="care" style="display:none"><p>Our old care notes say to wash the straps by hand in cold water and let them dry in the shade.</p></div>
</main><footer><p>Shoe shop, 2 Mill Road</p></footer></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://shoes.example/p/trail-sandal-n2", ContentType: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("type %s\n%s", art.PageType, art.Text)
	for _, want := range []string{"moulded from cork", "padded lining", "lightest trail sandal", "two-year warranty"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if i, j := strings.Index(art.Text, "padded lining"), strings.Index(art.Text, "two-year warranty"); i > j {
		t.Errorf("slider's text not in its place")
	}
	for _, no := range []string{"Join our club", "wash the straps"} {
		if strings.Contains(art.Text, no) {
			t.Errorf("text has %q", no)
		}
	}
}

// TestAccordionAfterLastLine: a shop's category page whose guide ends
// in collapsed accordion sections (aria-expanded="false" buttons and
// their panels hidden from assistive technology) gets back the last
// section too, whose panel comes after the text's last line, because its
// button is in the text; a hidden panel a control elsewhere opens (a
// popup) stays out.
func TestAccordionAfterLastLine(t *testing.T) {
	section := func(id, q, a string) string {
		return `<div class="acc"><h3><button aria-expanded="false" aria-controls="` + id + `">` + q + `</button></h3>` +
			`<div class="acc-body" style="max-height:0"><div id="` + id + `" aria-hidden="true"><p>` + a + `</p></div></div></div>`
	}
	page := `<html><head><title>Climbing shoes | Outdoor shop</title></head><body><header><nav><a href="/">Home</a><a href="/climb">Climb</a></nav></header><main>
<h1>Climbing shoes</h1>` + gridCards("Rock shoe", 8, 90) + `
<h2>How to choose climbing shoes</h2>` +
		section("a1", "Types of shoes", "Neutral shoes give comfort on long routes and suit those who begin to climb.") +
		section("a2", "Shoe care and resoling", "Get tips on caring for your shoes to make your favourite pair last for years.") + `
<button aria-expanded="false" aria-controls="pop">Size help</button>
</main><footer><p>Outdoor shop, 3 Ridge Lane</p></footer>
<div class="popup"><div id="pop" aria-hidden="true"><p>Measure your foot in the evening, when it is at its largest, and add no room.</p></div></div>
</body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://outdoor.example/c/climbing-shoes", ContentType: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("type %s\n%s", art.PageType, art.Text)
	for _, want := range []string{"Rock shoe model 3", "Neutral shoes give comfort", "Get tips on caring"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(art.Text, "Measure your foot") {
		t.Errorf("popup's panel put back")
	}
}

// TestLayerAfterText: a popup, a toast or a widget hidden by
// visibility:hidden alone after a product page's text, under the
// element that holds the text, stays out; a collapsed section of details
// there (height:0) comes back.
func TestLayerAfterText(t *testing.T) {
	page := func(tail string) string {
		return `<html><head><title>Trail sandal N2 | Shoe shop</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trail sandal N2","offers":{"@type":"Offer","price":"89.00","priceCurrency":"EUR"}}</script>
</head><body><header><nav><a href="/">Home</a><a href="/sandals">Sandals</a></nav></header><main>
<h1>Trail sandal N2</h1><p class="price">89.00 EUR</p>
<p>The N2 is our lightest trail sandal, cut from one piece of recycled rubber and stitched by hand in our workshop.</p>
<p>Every pair comes with a two-year warranty and free resoling for its first three years on the trail.</p>
` + tail + `</main><footer><p>Shoe shop, 2 Mill Road</p></footer></body></html>`
	}
	tests := []struct {
		name, tail, text string
		want             bool
	}{
		{"newsletter popup", `<div class="newsletter-popup" style="visibility:hidden;opacity:0"><h3>Before you go!</h3><p>Subscribe to our newsletter and get ten percent off your first order of sandals.</p><a href="/subscribe">Subscribe now</a></div>`, "Subscribe to our newsletter", false},
		{"cart toast", `<div class="toast" style="visibility:hidden"><p>Trail sandal N2 was added to your cart.</p><a href="/cart">View cart</a></div>`, "added to your cart", false},
		{"collapsed details", `<div class="details" style="height:0;visibility:hidden"><p>Weight 410 g per pair, sole 9 mm of recycled rubber, straps of woven polyester.</p></div>`, "Weight 410 g", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(page(tt.tail)), URL: "https://shoes.example/p/trail-sandal-n2", ContentType: "text/html"})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(art.Text, tt.text); got != tt.want {
				t.Errorf("text has %q: %v, want %v\n%s", tt.text, got, tt.want, art.Text)
			}
		})
	}
}
