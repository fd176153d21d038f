package extract

import (
	"slices"
	"testing"

	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// TestDropFulfilmentLines: a delivery widget's short lines go (its
// estimate, its options with their times, the cost to ship); the returns
// policy, a bare "Sold by", a bare "Standard delivery", delivery terms in
// a sentence and longer lines stay.
func TestDropFulfilmentLines(t *testing.T) {
	in := []string{
		"Pickup or delivery?", "How do you want your item?", "Arrives by Tue, Mar 10", "Order within 3 hr 52 min",
		"Sold and shipped by Walmart.com", "Ships from Leeds", "This item is gift eligible", "Delivery today",
		"Free 90-day returns", "30 day return policy", "Sold by", "Free delivery on orders over £50.",
		"Arrives by sea in the spring, when the boats bring the first of the new season's canvas to the harbour.",
		"- Order today to get by Mar 17-27", "Cost to ship: USD 14.40", "Standard Delivery (4-7 Working Days)",
		"Express Delivery Available", "Select size for delivery dates", "Standard delivery",
		"Express delivery of every order we pack before noon, by our own van, to any address in the valley.",
		"Cost to ship is part of every price we print.", "Cost to ship £4.95",
	}
	want := []string{"Free 90-day returns", "30 day return policy", "Sold by", "Free delivery on orders over £50.",
		"Arrives by sea in the spring, when the boats bring the first of the new season's canvas to the harbour.",
		"Standard delivery", "Express delivery of every order we pack before noon, by our own van, to any address in the valley.",
		"Cost to ship is part of every price we print."}
	if got := blockTexts(dropFulfilmentLines(textBlocks(in))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropStockLines: lines that only say an item is in stock or how it
// can be had go, in English, French, German and Spanish; a "Sold out"
// badge (in each), a heading and a sentence about stock stay.
func TestDropStockLines(t *testing.T) {
	in := []block{{text: "In Stock!"}, {text: "Low in stock, only 6 left"}, {text: "Only 3 left"}, {text: "Ready to ship"},
		{text: "Available for Shipping or Pickup"}, {text: "Calculate Shipping"}, {text: "Pre-order"},
		{text: "Sold out"}, {text: "In stock", kind: kindHeading},
		{text: "In stock at our Leeds workshop from March, when the new canvas comes in."},
		{text: "En stock"}, {text: "Plus que 3 en stock"}, {text: "Sofort lieferbar"}, {text: "Nur noch 2 auf Lager"},
		{text: "Quedan 4 unidades"}, {text: "Disponible"}, {text: "Rupture de stock"}, {text: "Ausverkauft"}, {text: "Agotado"},
		{text: "En stock dans notre atelier de Lyon dès mars, quand la toile arrive."}}
	want := []string{"Sold out", "In stock", "In stock at our Leeds workshop from March, when the new canvas comes in.",
		"Rupture de stock", "Ausverkauft", "Agotado", "En stock dans notre atelier de Lyon dès mars, quand la toile arrive."}
	if got := blockTexts(dropStockLines(in)); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropLoyaltyLines: the points a purchase earns and the scheme's
// terms go; cash back, a heading, a long description, points that are
// not earned and a game's rules (points won in play) stay.
func TestDropLoyaltyLines(t *testing.T) {
	long := "Earn 200 points for every walk you log in the app, and trade them for a day on the hill with one of our guides, a map of the ridge and a flask of tea at the hut."
	in := []block{{text: "Earn up to 4500 points per item"}, {text: "Purchasing this product earns 176XP"},
		{text: "Points are subject to change based on the final price paid. See full T&Cs"},
		{text: "Get 3% back in Daily Cash with our card."}, {text: "Earn 50 points", kind: kindHeading},
		{text: long}, {text: "The blade holds its edge at 58 points on the Rockwell scale."},
		{text: "Each keeper earns 2 victory points for every ship guided home."},
		{text: "The first keeper to collect 15 victory points wins the game."},
		{text: "Each player earns 3 points per trick."}, {text: "Earn 120 reward points with this order"},
		{text: "Earn up to 4500 Acme+ points per item"}}
	want := []string{"Get 3% back in Daily Cash with our card.", "Earn 50 points", long,
		"The blade holds its edge at 58 points on the Rockwell scale.",
		"Each keeper earns 2 victory points for every ship guided home.",
		"The first keeper to collect 15 victory points wins the game.", "Each player earns 3 points per trick."}
	if got := blockTexts(dropLoyaltyLines(in)); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPolicyPanelPages: a product page's collapsed sections of the
// shop's delivery and returns terms go, a <details> under its
// <summary> and an accordion's panel with its button; another
// collapsed section (care), a label printed alone and its line of
// terms, and the description stay.
func TestPolicyPanelPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_policy", url: "https://fellside.example/p/wool-watch-cap", typ: corpus.PageTypeProduct,
			wantInText: []string{"A watch cap knitted from the wool of fell sheep", "Wash by hand in cool water",
				"Shipping & Returns", "Free shipping over £75 and easy returns."},
			notInText: []string{"Delivery & Returns", "Standard delivery is free", "Returns are free within 30 days",
				"Shipping and returns information", "We ship worldwide"}},
	})
}

// TestPolicyLabels: the labels of the terms' sections match
// rePolicyLabel, in English, French, German and Spanish; other labels
// do not.
func TestPolicyLabels(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"Shipping & Returns", true}, {"Delivery and returns", true}, {"Returns policy", true}, {"Shipping info", true},
		{"Free shipping", true}, {"Livraison et retours", true}, {"Versand & Rückgabe", true}, {"Envíos y devoluciones", true},
		{"Care instructions", false}, {"Free shipping over £75", false}, {"Details", false}, {"Size & fit", false},
	} {
		if got := rePolicyLabel.MatchString(tt.s); got != tt.want {
			t.Errorf("%q: got %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestSignupBoxPages: on a product page, the box around an e-mail field
// goes (a "notify me when back in stock" form with its prompt and its
// message); a box that asks for an address too but prints a price (a
// gift card's), and the description stay.
func TestSignupBoxPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_signup", url: "https://harbour.example/p/oilskin-smock", typ: corpus.PageTypeProduct,
			wantInText: []string{"A pull-on smock of waxed cotton", "a gift card for £140.00"},
			notInText:  []string{"Notify me when back in stock", "the next batch is waxed", "we have your details"}},
		// The product's own order form asks for a recipient's address
		// (a voucher sent by e-mail) beside an add-to-cart control: its
		// text is the product's.
		{name: "product_voucher", url: "https://kiln.example/p/class-voucher", typ: corpus.PageTypeProduct,
			wantInText: []string{"three hours with a potter", "We send the voucher by e-mail on the day you choose"}},
	})
}

// TestIsEmailInput: a field asks for an e-mail address by its type, its
// name, its id or its autocomplete; a search box and a name field do not.
func TestIsEmailInput(t *testing.T) {
	for _, tt := range []struct {
		attrs []html.Attribute
		want  bool
	}{
		{[]html.Attribute{{Key: "type", Val: "email"}}, true},
		{[]html.Attribute{{Key: "type", Val: "text"}, {Key: "name", Val: "contact[email]"}}, true},
		{[]html.Attribute{{Key: "id", Val: "newsletterEmail"}}, true},
		{[]html.Attribute{{Key: "autocomplete", Val: "email"}}, true},
		{[]html.Attribute{{Key: "type", Val: "search"}, {Key: "name", Val: "q"}}, false},
		{[]html.Attribute{{Key: "type", Val: "text"}, {Key: "name", Val: "first_name"}}, false},
		{[]html.Attribute{{Key: "type", Val: "checkbox"}, {Key: "name", Val: "email_opt_in"}}, false},
		{[]html.Attribute{{Key: "type", Val: "hidden"}, {Key: "name", Val: "email_list"}}, false},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "input", Attr: tt.attrs}
		if got := isEmailInput(n); got != tt.want {
			t.Errorf("%v: got %v, want %v", tt.attrs, got, tt.want)
		}
	}
}

// TestFooterBoxPages: on a product page, a footer drawn as a <div>
// whose class names it goes (its customer-care note, its legal notice);
// a review's footer and the description stay.
func TestFooterBoxPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_divfooter", url: "https://fellside.example/p/tarn-walking-sock", typ: corpus.PageTypeProduct,
			wantInText: []string{"A walking sock knitted from the wool of fell sheep", "three winters on the fells",
				"Posted by a walker from Keswick"},
			notInText: []string{"Our customer care team", "Notice to consumers"}},
		// Footers that are the content's: a description's notes, a spec
		// table's care line and each review's byline ("footer" in every
		// card); the page's own footer after them still goes.
		{name: "product_footernotes", url: "https://loom.example/p/linen-apron", typ: corpus.PageTypeProduct,
			wantInText: []string{"A full-length apron woven from washed linen", "Each apron is cut by hand",
				"Wash warm with like colours", "Reviewed by a baker in Bath", "Reviewed by a potter in Leeds"},
			notInText: []string{"Our studio answers every letter"}},
		// A care note at the end of the page's <main> is the product's.
		{name: "product_footermain", url: "https://hearth.example/p/copper-kettle", typ: corpus.PageTypeProduct,
			wantInText: []string{"A stove-top kettle spun from a single sheet", "Polish the outside with lemon and salt"}},
	})
}

// TestIsFooterBox: the first word of a class or an id that begins with
// "footer" (after "site", "page", "global" or "main") names a page's
// footer; a card's, a review's or a later class word does not.
func TestIsFooterBox(t *testing.T) {
	for _, tt := range []struct {
		key, val string
		want     bool
	}{
		{"class", "footer", true}, {"class", "Footer-styled__Footer-sc-d11cfc8d-0 hVXgzm", true},
		{"class", "site-footer dark", true}, {"id", "page_footer", true}, {"class", "footer-newsletter", true},
		{"class", "card-footer", false}, {"class", "review__footer", false}, {"class", "product footer", false},
		{"class", "page-header", false}, {"id", "footnotes", false},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: tt.key, Val: tt.val}}}
		if got := isFooterBox(n); got != tt.want {
			t.Errorf("%s=%q: got %v, want %v", tt.key, tt.val, got, tt.want)
		}
	}
}

// TestHoldsSentenceBreak: a sentence's end followed by another reads as
// prose; a rating's full stop before a digit, an abbreviation before a
// number and a listing title do not.
func TestHoldsSentenceBreak(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Steel pot, £30.00. A two-litre pot with a lid. It nests the pan.", true},
		{"Une casserole en acier brossé. Elle contient deux litres", true},
		{"Heron Woodworks Maple Carving Board, Large, Gift Boxed current price £84.00 4.4 out of 5 stars. 212 reviews", false},
		{"Parfum No. 5, 100 ml", false},
		{"Was it worth it? Yes", true},
		{"", false},
	} {
		if got := holdsSentenceBreak(tt.in); got != tt.want {
			t.Errorf("%q: got %v, want %v", tt.in, got, tt.want)
		}
	}
}
