package extract

import (
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestFragmentText: a description written as markup comes out a line
// per paragraph, item or break, inline markup joined into its line,
// scripts left out.
func TestFragmentText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Cut <b>long</b> in the back.</p><p>Proofed by hand.</p>", "Cut long in the back.\nProofed by hand."},
		{"Slim fit<br>Lightweight<br/>Crew neck", "Slim fit\nLightweight\nCrew neck"},
		{"<ul><li>Cotton</li><li>Wax</li></ul><script>x()</script>", "Cotton\nWax"},
	}
	for _, tt := range tests {
		var lines []string
		for _, l := range strings.Split(fragmentText(tt.in), "\n") {
			if l = cleanSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if got := strings.Join(lines, "\n"); got != tt.want {
			t.Errorf("fragmentText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCoverage: the share of a text's distinct words that the blocks
// hold, case aside.
func TestCoverage(t *testing.T) {
	bs := textBlocks([]string{"Waxed cotton canvas", "Leather straps"})
	tests := []struct {
		in   string
		want float64
	}{
		{"waxed canvas, leather straps", 1},
		{"Waxed canvas and brass clips", 0.4},
		{"", 1},
	}
	for _, tt := range tests {
		if got := coverage(tt.in, bs); got != tt.want {
			t.Errorf("coverage(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestTabLabelPages: a product page's tab labels (an element whose role
// is "tab") name its panels and go; the panels, their own headings and a
// line that names a tab stay. A service page's tabs stay: their
// references keep them (a price plan's tabs, a page's sections).
func TestTabLabelPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_tabs", url: "https://supplies.example/p/brass-ships-bell/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A ship's bell cast in one piece", "Diameter 20 cm",
				"Caring for brass\n\nLeft outside, brass darkens", "See the Specifications above"},
			notInText: []string{"- Description", "- Specifications", "- Caring for brass"}},
		// An accordion whose items carry the role "tab" around their
		// panels: the panels' short lines stay; the tab list's labels
		// still go.
		{name: "product_accordion", url: "https://trailkit.example/enamel-camping-kettle", typ: corpus.PageTypeProduct,
			wantInText: []string{"boils a litre in four minutes", "Enamelled steel.", "Whistling lid.", "- Hand wash only", "- Dry before storing"},
			notInText:  []string{"Overview", "Questions (3)"}},
		{name: "service_tabs", url: "https://eastmoor.example/planning-office", typ: corpus.PageTypeService,
			wantInText: []string{"- Info\n- Forms\n- Questions"}},
	})
}

// TestDropTabLabels: blocks of four words or fewer that begin inside an
// element of role "tab" go; a longer one, and blocks outside, stay.
func TestDropTabLabels(t *testing.T) {
	p := extractedPage(t, filepath.Join("testdata", "nontext", "product_tabs.html"), "https://supplies.example/p/brass-ships-bell/")
	defer p.release()
	tab := func(s string) block {
		for i, n := range p.x.nodes {
			if attr(n, "role") == "tab" {
				return block{text: s, at: int32(i)}
			}
		}
		t.Fatal("no tab on the page")
		return block{}
	}
	bs := []block{tab("Description"), tab("Reviews (29)"), tab("Delivery and returns for orders abroad"), {text: "Description", at: -1}}
	var got []string
	for _, b := range p.dropTabLabels(bs) {
		got = append(got, b.text)
	}
	if want := []string{"Delivery and returns for orders abroad", "Description"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropSizeHelp: the links that open a size chart go; a heading over
// the chart, the chart's rows and a sentence about sizes stay.
func TestDropSizeHelp(t *testing.T) {
	in := []block{{text: "Size Chart"}, {text: "Size guide"}, {text: "Know your size"}, {text: "Not your size?"},
		{text: "Size chart", kind: kindHeading}, {text: "S 36-38"},
		{text: "Not your size? Send it back within 30 days and we will swap it."},
		{text: "Guide des tailles"}, {text: "Größentabelle"}, {text: "Guía de tallas"}, {text: "Guide des tailles", kind: kindHeading}}
	want := []string{"Size chart", "S 36-38", "Not your size? Send it back within 30 days and we will swap it.", "Guide des tailles"}
	if got := blockTexts(dropSizeHelp(in)); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestTooltipPages: a product page's tooltips and popovers (role
// "tooltip", a <tool-tip> element, a class word "tooltip" or "popover")
// go; the lines they explain, a price in a tooltip's trigger and a
// paragraph whose class says it has a tooltip stay, as does a note
// printed inside a line (the rule drops blocks). A service page's
// tooltips explain its plans and stay.
func TestTooltipPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_tooltips", url: "https://fenwick.example/p/copper-kettle", typ: corpus.PageTypeProduct,
			wantInText: []string{"A stovetop kettle spun from a single sheet of copper", "Capacity: 1.5 litres", "Lining: tin",
				"Maker's Choice", "£89.00 with a lid of solid brass", "Packed by hand in our Whitby workshop", "Polish the copper with lemon and salt",
				"Base: flat for gas, electric and induction"},
			notInText: []string{"Maker's Choice marks the pieces", "Capacity is the volume of water", "Tin is a soft metal",
				"Your order should arrive by this date"}},
		// A CSS tooltip's line (text beside its "tooltiptext" note), a
		// list of three specifications and care notes of three
		// paragraphs in popovers are content and stay; a popover's
		// note under its title goes.
		{name: "product_tip_content", url: "https://tarnbrook.example/p/linen-apron", typ: corpus.PageTypeProduct,
			wantInText: []string{"A bib apron cut from heavy washed linen", "Fabric: 100% linen, 320 gsm", "Straps: cotton webbing",
				"Pockets: two, 20 cm deep", "Weight: 480 g", "Wash at forty degrees", "Send it back to us when the straps wear through"},
			notInText: []string{"How it fits", "The bib reaches the collarbone"}},
		{name: "service_tooltips", url: "https://harbourline.example/plans", typ: corpus.PageTypeService,
			wantInText: []string{"A copy of every file and database is taken each night", "Engineers answer the phone around the clock"}},
	})
}

// TestRailPages: on a product page the options of a list box (a
// reviews widget's filter drawn by script) and the cards of other
// products (three or more siblings of one class, each with an image, a
// link and a price, or an add-to-cart control in place of the price)
// go; a comparison table's cells, cards without a
// price (the steps of how it is made) and the description stay.
func TestRailPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_cards", url: "https://heron.example/p/oak-bread-board", typ: corpus.PageTypeProduct,
			wantInText: []string{"A bread board cut from a single plank of English oak", "Ash Bread Board", "Elm Bread Board",
				"Sawn at the mill down the lane", "Oiled three times over a week", "Filter the reviews by how often you bake"},
			notInText: []string{"Every day", "Couple of times per month", "Cherry Butter Knife", "Walnut Serving Spoon",
				"Beech Salad Bowl", "£9.50"}},
		// A marketplace's rail: each card's name is a long listing title
		// with a badge, a price and a rating (up to 320 bytes a card);
		// the product's own size cards, a paragraph each, stay.
		{name: "product_longcards", url: "https://heron.example/p/oak-bread-board", typ: corpus.PageTypeProduct,
			wantInText: []string{"A bread board cut from a single plank of English oak", "The small board measures 30 x 20 cm",
				"The large board measures 50 x 30 cm"},
			notInText: []string{"End-Grain Walnut Chopping Block", "Maple Carving Board", "people's baskets"}},
		// A set's own parts, each a card with its picture, its link, its
		// price and a few sentences (200 to 320 bytes), are the
		// product's text, not a rail.
		{name: "product_bundle", url: "https://moor.example/p/camp-kitchen-set", typ: corpus.PageTypeProduct,
			wantInText: []string{"Everything two people need to cook", "A two-litre pot of brushed steel",
				"A shallow pan of seasoned iron", "Two mugs of white enamel"}},
		// Add-ons without a price: an add-to-cart link (WooCommerce's
		// class and link, a button's label) or form (Shopify's action)
		// stands for it.
		{name: "product_addons", url: "https://heron.example/p/oak-bread-board", typ: corpus.PageTypeProduct,
			wantInText: []string{"A bread board cut from a single plank of English oak", "Sawn at the mill down the lane"},
			notInText:  []string{"Board Stand", "Linen Bread Bag", "Beeswax Polish"}},
		// The product's own packs: cards whose links go to the page
		// itself with a variant's query stay.
		{name: "product_packs", url: "https://shop.example/products/fell-walker-sock", typ: corpus.PageTypeProduct,
			wantInText: []string{"A walking sock knitted in Cumbria", "Three pairs, save 10%", "£67.20"}},
		// A shop's grid typed product (og:type, and Product microdata
		// on its cards): the cards outweigh the rest of the page, and
		// stay.
		{name: "product_grid_og", url: "https://shop.example/walking-socks.html", typ: corpus.PageTypeProduct,
			wantInText: []string{"Our walking socks are knitted in Cumbria", "Thick loop pile under the foot", "£14.00",
				"Cushioned at the shin for ski boots"}},
		// The same grid under an introduction that outweighs it: the
		// cards declare the only products, so they are the page's.
		{name: "product_grid_intro", url: "https://shop.example/walking-socks.html", typ: corpus.PageTypeProduct,
			wantInText: []string{"Herdwick wool is coarse and hard-wearing", "Thick loop pile under the foot", "£14.00",
				"Cushioned at the shin for ski boots"}},
	})
}

// TestCardLink: a card's link to another page, or to the page as it
// is, is a product's; one to the page's own path with another query (a
// variant), to a fragment or to a script is not.
func TestCardLink(t *testing.T) {
	base, _ := url.Parse("https://shop.example/products/fell-sock?ref=home")
	for _, tt := range []struct {
		href string
		want bool
	}{
		{"/products/tarn-sock", true}, {"https://other.example/products/fell-sock", true},
		{"/products/fell-sock?ref=home", true}, {"/products/fell-sock?variant=102", false},
		{"?variant=102", false}, {"#reviews", false}, {"javascript:void(0)", false}, {"", false},
	} {
		if got := cardLink(tt.href, base); got != tt.want {
			t.Errorf("%q: got %v, want %v", tt.href, got, tt.want)
		}
	}
}
