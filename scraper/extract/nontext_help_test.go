package extract

import (
	"slices"
	"testing"
)

// TestDropHelpOffers: a shop's calls to its experts and its protection
// plans go, in English, French, German and Spanish, with a plan's title
// before them; lines about the experts who made the product, a
// description's longer sentence that begins like an offer, a plan named
// in the specifications and a bag's section titled as a plan's box stay.
func TestDropHelpOffers(t *testing.T) {
	long := "Ask an expert at the mill how the wool is graded and you will hear about the fleeces of six farms on the fell, each washed in the river by hand before it is spun."
	in := []string{
		"Ask An Expert", "Video Chat with a Lighting Expert - Live", "Shop live with a Specialist.",
		"Need help choosing gear?", "Get real advice from our experts who have been there, done that.",
		"Our expertly trained Sales Engineers are ready to help!",
		"Jump into online sessions with a Specialist to set up your tablet and discover new features.",
		"Protect Your Gear", "Add a protection plan from $79.99", "Harbourmart Protection Plan by Allsafe",
		"Parlez à un expert", "Besoin d'aide pour choisir ?", "Besoin d’aide pour trouver ?", "Fragen Sie unsere Experten", "Habla con un experto",
		"Designed by our in-house repair experts and teardown engineers.",
		"Our Concierge team provides expert, personalised support at every step.",
		long, "Warranty: two years, protection plan not needed", "Ask for the blue glaze at the counter.",
		"Protect your gear", "The padded walls keep a camera dry on the hill.",
	}
	want := []string{"Designed by our in-house repair experts and teardown engineers.",
		"Our Concierge team provides expert, personalised support at every step.",
		long, "Warranty: two years, protection plan not needed", "Ask for the blue glaze at the counter.",
		"Protect your gear", "The padded walls keep a camera dry on the hill."}
	if got := blockTexts(dropHelpOffers(textBlocks(in))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropSellerLines: a marketplace's seller card goes, its answer
// times, badge, sales and report link, in English, French, German and
// Spanish; the maker's story, a warranty line that asks to report a
// fault and a count of items in a set stay.
func TestDropSellerLines(t *testing.T) {
	in := []string{
		"This seller usually responds within a few hours.", "Smooth shipping Has a history of shipping on time with tracking.",
		"Star Seller. This seller consistently earned 5-star reviews and shipped on time.", "1.1k sales",
		"Report this item to Marketbarn", "Ce vendeur répond généralement en quelques heures.", "Artikel melden",
		"Denunciar este artículo",
		"I throw every mug on the wheel in my garden studio and fire it twice in a wood kiln.",
		"Report this item's faults within 30 days and we repair it free of charge.", "Set of 4 mugs",
		"Our sales team answers within a day.",
		"Usually responds within 24 hours", "99.8% positive feedback", "5.6K items sold",
		"The hinge responds within a second to the lightest touch.", "120 items sold out in the spring; a new batch is on the wheel.",
		"Responds in 1 ms", "Answers in 3 languages", "Usually replies in a few hours",
	}
	want := []string{"I throw every mug on the wheel in my garden studio and fire it twice in a wood kiln.",
		"Report this item's faults within 30 days and we repair it free of charge.", "Set of 4 mugs",
		"Our sales team answers within a day.",
		"The hinge responds within a second to the lightest touch.", "120 items sold out in the spring; a new batch is on the wheel.",
		"Responds in 1 ms", "Answers in 3 languages"}
	if got := blockTexts(dropSellerLines(textBlocks(in))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropDemandLines: a product page's counts of other shoppers'
// interest go, alone or two in a line, in English, French, German and
// Spanish; the product's own numbers and a sentence about people who use
// it stay.
func TestDropDemandLines(t *testing.T) {
	in := []string{
		"People are checking this out. 6 have added this to their watchlist.", "In 20+ baskets",
		"12 people are viewing this right now", "300+ sold in the last 24 hours", "500+ bought in past month",
		"Selling fast!", "12 personnes regardent cet article", "12 Personen sehen sich diesen Artikel an",
		"12 personas están viendo este artículo", "38 watchers",
		"Over 2,000 people have added this kettle to their morning routine since 2019.",
		"Holds 6 bottles in the basket", "Sold in packs of 4",
	}
	want := []string{"Over 2,000 people have added this kettle to their morning routine since 2019.",
		"Holds 6 bottles in the basket", "Sold in packs of 4"}
	if got := blockTexts(dropDemandLines(textBlocks(in))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropShopPitches: a shop's pitch of itself as the place to buy goes,
// its title with the short perks after it, its assurance lines and a
// warranty offer's title before one, in English, French, German and
// Spanish; the product's own warranty (alone, or in a line that opens
// like a pitch's, with its title), a description's sentence about
// confidence, a perk-like line under another heading and the pitch that
// is the whole text stay. Boxes are TestNonArticleText's
// (product_pitch_box).
func TestDropShopPitches(t *testing.T) {
	head := func(s string) block { return block{text: s, kind: kindHeading} }
	para := func(s string) block { return block{text: s} }
	long := "The kettle's spout pours without a drip, and its base holds a cord reel so that the counter stays clear; the lid opens with one finger."
	cases := []struct {
		name     string
		in, want []block
	}{
		{"best place", []block{head("Tin Kettle"), para(long), head("Why Harbourmart is the best place to buy a kettle."),
			para("Pay over time, interest-free."), para("Trade in your old kettle for credit."), head("Specifications"), para("Capacity 1.7 l")},
			[]block{head("Tin Kettle"), para(long), head("Specifications"), para("Capacity 1.7 l")}},
		{"protection", []block{head("Tin Kettle"), para(long), para("Did you know?"), para("Marketbarn Purchase Protection"),
			para("Shop confidently on Marketbarn knowing if something goes wrong with an order, we've got your back for all eligible purchases.")},
			[]block{head("Tin Kettle"), para(long), para("Did you know?")}},
		{"warranty offer", []block{head("Tin Kettle"), para(long), para("Harbourmart's FREE 2-Year Total Care Warranty"),
			para("Extra peace of mind at no extra cost."), para("Two-year warranty on the heating element.")},
			[]block{head("Tin Kettle"), para(long), para("Two-year warranty on the heating element.")}},
		{"languages", []block{head("Bouilloire"), para(long), head("Pourquoi acheter chez nous ?"), para("Livraison offerte"),
			head("Käuferschutz"), para("Rückgabe in 30 Tagen"), head("Compra con confianza"), para("Envío gratis"), head("Warum bei Kesselhaus kaufen?")},
			[]block{head("Bouilloire"), para(long)}},
		{"kept", []block{head("Tin Kettle"), para(long), para("Brew with confidence: the dial holds the water at 80 degrees."),
			head("Guarantee"), para("Pay over time, interest-free."), para("Lifetime guarantee")},
			[]block{head("Tin Kettle"), para(long), para("Brew with confidence: the dial holds the water at 80 degrees."),
				head("Guarantee"), para("Pay over time, interest-free."), para("Lifetime guarantee")}},
		{"own cover", []block{head("Tin Kettle"), para(long), para("3-year warranty"),
			para("Buy with confidence from any of our dealers: register the kettle within 30 days and the element is covered for three years.")},
			[]block{head("Tin Kettle"), para(long), para("3-year warranty"),
				para("Buy with confidence from any of our dealers: register the kettle within 30 days and the element is covered for three years.")}},
		{"whole text", []block{head("Buy with confidence"), para("Free returns for 90 days.")},
			[]block{head("Buy with confidence"), para("Free returns for 90 days.")}},
	}
	for _, c := range cases {
		if got := dropShopPitches(c.in, anyBox); !slices.Equal(blockTexts(got), blockTexts(c.want)) {
			t.Errorf("%s: got %q, want %q", c.name, blockTexts(got), blockTexts(c.want))
		}
	}
}

// TestDropPerkLists: a list of the shop's standing perks goes, in
// English and Italian, one with a figure first; the same perk alone as
// a line, a list of the product's features with one perk among them, a
// perk that is not a list item and a long item stay.
func TestDropPerkLists(t *testing.T) {
	item := func(s string) block { return block{text: s, kind: kindItem, item: true} }
	para := func(s string) block { return block{text: s} }
	d := "A relaxed linen overshirt with two chest pockets, garment-washed for a soft hand."
	cases := []struct {
		name     string
		in, want []block
	}{
		{"perks", []block{para(d), item("Free delivery over 50 EUR"), item("30-day returns"), item("Secure payment"), para(d)},
			[]block{para(d), para(d)}},
		{"italian", []block{item("Spedizione gratuita sopra 49 €"), item("Reso gratuito entro 30 giorni"), item("Pagamento sicuro"), para(d)},
			[]block{para(d)}},
		{"a figure first", []block{para(d), item("24 month warranty"), item("100% secure checkout")}, []block{para(d)}},
		// Two perks among the product's features go too: told apart by
		// the list's first item, they stayed and a check page lost
		// (ex39by).
		{"two perks among features", []block{item("Waterproof to 50 m"), item("2-year warranty"), item("Free returns"), item("Made in Italy")},
			[]block{item("Waterproof to 50 m"), item("Made in Italy")}},
		{"one line", []block{para(d), para("Free shipping over $75 USD & easy returns.")},
			[]block{para(d), para("Free shipping over $75 USD & easy returns.")}},
		{"one perk alone", []block{para(d), item("3-year warranty"), para(d)}, []block{para(d), item("3-year warranty"), para(d)}},
		{"features", []block{item("100% linen, 210 g/m²"), item("Corozo nut buttons"), item("2-year warranty")},
			[]block{item("100% linen, 210 g/m²"), item("Corozo nut buttons"), item("2-year warranty")}},
		{"not items", []block{para("Free shipping"), para("30-day returns")}, []block{para("Free shipping"), para("30-day returns")}},
		{"long item", []block{item("Free shipping on every order, because we think the price you see is the price you should pay"), item("30-day returns")},
			[]block{item("Free shipping on every order, because we think the price you see is the price you should pay"), item("30-day returns")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := blockTexts(dropPerkLists(tc.in)); !slices.Equal(got, blockTexts(tc.want)) {
				t.Errorf("got %q, want %q", got, blockTexts(tc.want))
			}
		})
	}
}
