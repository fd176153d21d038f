package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// gridCards returns n product cards of a shop's grid, each a linked
// title and a price (from base dollars up), named after prefix.
func gridCards(prefix string, n, base int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<li class="card"><h3><a href="/p/%s-%d">%s model %d</a></h3><span class="price">$%d.00</span></li>`,
			strings.ToLower(prefix), i, prefix, i, base+i)
	}
	return `<ul class="cards">` + b.String() + `</ul>`
}

// TestIsSiblingPanel: an element hidden by an inline style beside a shown
// sibling of its tag and class is a tab's panel when it holds a grid
// (links to gridMinLinks addresses or more); a hidden price label or
// note, a panel with no shown sibling and a dialog are not.
func TestIsSiblingPanel(t *testing.T) {
	grid := gridCards("Kettle", 4, 10)
	tests := []struct {
		name, in string
		want     bool
	}{
		{"grid tab after the shown one", `<div class="tab-grid cat-a">` + gridCards("Pot", 4, 10) + `</div><div id="h" class="tab-grid" style="display: none">` + grid + `</div>`, true},
		{"grid tab before the shown one", `<div id="h" class="tab-grid" style="display:none">` + grid + `</div><div class="tab-grid">` + gridCards("Pot", 4, 10) + `</div>`, true},
		{"three links", `<div class="tab-grid">x</div><div id="h" class="tab-grid" style="display:none">` + gridCards("Kettle", 3, 10) + `</div>`, false},
		{"anchors only", `<div class="tab-grid">x</div><div id="h" class="tab-grid" style="display:none"><a href="#a">a</a><a href="#b">b</a><a href="#c">c</a><a href="#d">d</a></div>`, false},
		{"price label", `<div id="h" class="price-section rrp" style="display:none">MSRP: $20.00</div><div class="price-section sale">$15.00</div>`, false},
		{"no shown sibling", `<div class="tab-grid" style="display:none">` + gridCards("Pot", 4, 10) + `</div><div id="h" class="tab-grid" style="display:none">` + grid + `</div>`, false},
		{"sibling of another class", `<div class="intro">x</div><div id="h" class="tab-grid" style="display:none">` + grid + `</div>`, false},
		{"sibling of another tag", `<section class="tab-grid">x</section><div id="h" class="tab-grid" style="display:none">` + grid + `</div>`, false},
		{"prose tab", `<div class="tab-body">Shown.</div><div id="h" class="tab-body" style="display:none"><p>` + strings.Repeat("Our team fits and services every boiler in the county. ", 5) + `</p></div>`, false},
		{"grid in another language", `<div class="tab-grid" lang="en">` + gridCards("Pot", 4, 10) + `</div><div id="h" class="tab-grid" lang="fr" style="display:none">` + grid + `</div>`, false},
		{"dialog", `<div class="tab-grid">x</div><div id="h" role="dialog" class="tab-grid" style="display:none">` + grid + `</div>`, false},
		{"hidden by a class", `<div class="tab-grid">x</div><div id="h" class="tab-grid hidden">` + grid + `</div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body><div>" + tt.in + "</div></body>"))
			if err != nil {
				t.Fatal(err)
			}
			n := findID(doc, "h")
			if n == nil {
				t.Fatal("no element h")
			}
			if got := isSiblingPanel(n); got != tt.want {
				t.Errorf("isSiblingPanel = %v, want %v", got, tt.want)
			}
		})
	}
}

// findID returns the element of n's tree whose id is id, or nil.
func findID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode && attr(n, "id") == id {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findID(c, id); f != nil {
			return f
		}
	}
	return nil
}

// TestSiblingPanelPage: a shop's category page whose tabs switch two
// grids keeps the hidden tab's items, titles and prices, beside the
// shown tab's; a hidden promotion beside a shown one (one link) stays
// out.
func TestSiblingPanelPage(t *testing.T) {
	page := `<html><head><title>Garden shop</title></head><body><header><nav><a href="/">Home</a><a href="/shop">Shop</a></nav></header><main>
<h1>Shop</h1><p>Everything for the birds in your garden, from feeders to seed, shipped within two days.</p>
<div class="promo">Free seed with every feeder this week. <a href="/offer">See the offer</a></div>
<div class="promo" style="display:none">Order before noon for next-day delivery on all feeders. <a href="/delivery">Delivery</a></div>
<div class="tabs"><div class="tab active">Feeders</div><div class="tab">Add-ons</div></div>
<div class="products-content shown" data-cat="0">` + gridCards("Feeder", 6, 10) + `</div>
<div class="products-content" data-cat="1" style="display: none">` + gridCards("Perch", 6, 40) + `</div>
</main><footer><p>Garden shop, 1 Elm Street</p></footer></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://garden.example/shop/", ContentType: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("type %s\n%s", art.PageType, art.Text)
	for _, want := range []string{"Feeder model 2", "Perch model 1", "Perch model 6", "$46.00"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(art.Text, "next-day delivery") {
		t.Errorf("hidden promotion put back")
	}
}

// TestManySiblingPanels: a page of thousands of tab rows, each a shown
// grid beside a hidden one, returns with at most maxPanels hidden grids
// put back; each hidden element is looked at once (linear).
func TestManySiblingPanels(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><title>Shop</title></head><body><main><h1>All products</h1>`)
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, `<div class="tabs"><div class="grid">%s</div><div class="grid" style="display:none">%s</div></div>`,
			gridCards(fmt.Sprintf("Pot%d", i), 4, 10), gridCards(fmt.Sprintf("Lid%d", i), 4, 40))
	}
	b.WriteString(`</main></body></html>`)
	start := time.Now()
	art, err := Extract(Input{Body: []byte(b.String()), URL: "https://garden.example/shop/", ContentType: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes, %d words, %d hidden titles, type %s, %v", b.Len(), art.WordCount, strings.Count(art.Text, "Lid"), art.PageType, time.Since(start))
	const bound = 200 // maxPanels, pinned
	if n := strings.Count(art.Text, "Lid"); n == 0 || n > bound*4 {
		t.Errorf("%d hidden cards put back, want 1 to %d", n, bound*4)
	}
}

// prose returns a paragraph of n words beginning with mark.
func prose(mark string, n int) string {
	ws := strings.Fields("we fit and service boilers and heat pumps across the county with a warranty on every part and a visit within two days of your call")
	out := []string{mark}
	for i := 1; i < n; i++ {
		out = append(out, ws[i%len(ws)])
	}
	return "<p>" + strings.Join(out, " ") + ".</p>"
}

// TestSiblingPanelMisfires: hidden siblings that are not a tab's items
// stay out of a page's text (a related-products carousel whose shown
// slide the text drops, a hidden tab of policy text, a carousel's other
// testimonials, a shown text's hidden translation, an article's hidden
// tab of other stories: withPanels is not run on articles); a list's hidden
// next page beside the shown one, whose items the text keeps, comes back.
func TestSiblingPanelMisfires(t *testing.T) {
	product := `<html><head><title>Kettle X</title></head><body><main><h1>Kettle X</h1><span class="price">$40.00</span><button>Add to cart</button>` + prose("Intro", 40)
	tests := []struct {
		name, page, mark string
		want             bool
	}{
		{"related slides", product + prose("Descr", 60) + `<section class="related"><h2>You may also like</h2><div class="slides"><div class="slide">` + gridCards("Alsolike", 4, 20) +
			`</div><div class="slide" style="display:none">` + gridCards("Hiddenlike", 4, 50) + `</div></div></section><h2>Reviews</h2>` + prose("Review", 40) + `</main></body></html>`, "Hiddenlike", false},
		{"policy tab", product + `<div class="tabs"><div class="tab-content">` + prose("Descr", 60) + `</div><div class="tab-content" style="display:none"><h3>Shipping and returns</h3>` +
			prose("Shippingpolicy", 50) + `</div></div></main></body></html>`, "Shippingpolicy", false},
		{"testimonials", product + `<div class="slider"><div class="slide"><blockquote>` + prose("Testimonyone", 42) + `</blockquote></div><div class="slide" style="display:none"><blockquote>` +
			prose("Testimonytwo", 42) + `</blockquote></div></div>` + prose("Closing", 40) + `</main></body></html>`, "Testimonytwo", false},
		{"translation", product + `<div class="lang-text" lang="en">` + prose("Englishcopy", 60) + `</div><div class="lang-text" lang="fr" style="display:none"><p>Frenchcopy nous installons et entretenons les chaudières et les pompes à chaleur dans tout le département, avec une garantie de dix ans sur chaque pièce et une visite dans les deux jours suivant votre appel; nos techniciens sont certifiés et assurés depuis vingt ans dans la région.</p></div>` +
			prose("Closing", 40) + `</main></body></html>`, "Frenchcopy", false},
		{"article's story tabs", `<html><head><title>Council cuts budget</title><meta property="og:type" content="article"></head><body><article><h1>Council cuts budget</h1><time datetime="2026-01-02">2 Jan 2026</time>` +
			prose("Para1", 80) + `<div class="tabs"><div class="tab-pane">` + gridCards("Latest", 5, 1) + `</div><div class="tab-pane" style="display:none">` + gridCards("Mostread", 5, 1) + `</div></div>` +
			prose("Para2", 80) + `</article></body></html>`, "Mostread", false},
		{"next page of a list", `<html><head><title>Kettles</title></head><body><main><h1>Kettles</h1><div class="results-page">` + gridCards("Kettle", 8, 10) +
			`</div><div class="results-page" style="display:none">` + gridCards("Morekettle", 8, 30) + `</div></main></body></html>`, "Morekettle model 8", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(tt.page), URL: "https://shop.example/a/", ContentType: "text/html"})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(art.Text, tt.mark); got != tt.want {
				t.Errorf("%q in the text = %v, want %v (type %s)\n%s", tt.mark, got, tt.want, art.PageType, art.Text)
			}
		})
	}
}

// TestFoundOtherwise: a hidden sibling grid that another rule of
// findPanels takes (a tab panel by its role, a section under its own
// heading) is not held to its shown tab being kept; one the sibling
// rule alone takes is.
func TestFoundOtherwise(t *testing.T) {
	grid := gridCards("Kettle", 4, 10)
	tests := []struct {
		name, in string
		want     bool
	}{
		{"sibling rule alone", `<div class="tab-grid">x</div><div id="h" class="tab-grid" style="display:none">` + grid + `</div>`, false},
		{"under its own heading", `<div class="tab-grid">x</div><h3>More kettles</h3><div id="h" class="tab-grid" style="display:none">` + grid + `</div>`, true},
		{"tab panel", `<div class="tab-grid">x</div><div id="h" role="tabpanel" class="tab-grid" style="display:none">` + grid + `</div>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body><div>" + tt.in + "</div></body>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := foundOtherwise(findID(doc, "h"), nil); got != tt.want {
				t.Errorf("foundOtherwise = %v, want %v", got, tt.want)
			}
		})
	}
}
