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
	}
	want := []string{"I throw every mug on the wheel in my garden studio and fire it twice in a wood kiln.",
		"Report this item's faults within 30 days and we repair it free of charge.", "Set of 4 mugs",
		"Our sales team answers within a day."}
	if got := blockTexts(dropSellerLines(textBlocks(in))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
