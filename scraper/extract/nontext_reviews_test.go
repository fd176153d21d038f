package extract

import (
	"slices"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestDropReviewChrome: a review widget's summary, prompts and labels
// go; a rating given, a count of ratings, the section's heading and what
// a reviewer wrote stay.
func TestDropReviewChrome(t *testing.T) {
	in := []string{
		"Based on 407 reviews", "81% of customers would recommend this", "Rating snapshot", "Write a Review",
		"Be the first to review this item", "Reviews for this item (76)", "Why are these reviews shown?",
		"Photos from reviews", "Customer Images", "Average Overall Fit Rating",
		"Adding a review will require a valid email for verification", "Fits slightly large based on reviews",
		"On average 279 reviewers say this product is true to size.", "Reviews summary",
		"Customers say product fits true to size. We recommend sticking with your regular size.",
		"4.4 out of 5 stars", "1,113 ratings", "Customer Reviews",
		"Based on my own use over two winters, I would buy it again.",
		"Write a review of the book for the school magazine and send it in by Friday.",
		"Basé sur 12 avis", "Écrire un avis", "Soyez le premier à donner votre avis sur ce produit", "Basierend auf 87 Bewertungen",
		"Bewertung schreiben", "Sei der Erste, der dieses Produkt bewertet", "Basado en 31 opiniones", "Escribir una opinión",
		"4,6 sur 5 étoiles", "Kundenbewertungen", "Opiniones de clientes",
		"Basé sur une recette de famille, ce savon est fait à la main dans la Drôme.",
		"Sei der Erste mit einer Mühle aus Holz!",
	}
	want := []string{"4.4 out of 5 stars", "1,113 ratings", "Customer Reviews",
		"Based on my own use over two winters, I would buy it again.",
		"Write a review of the book for the school magazine and send it in by Friday.",
		"4,6 sur 5 étoiles", "Kundenbewertungen", "Opiniones de clientes",
		"Basé sur une recette de famille, ce savon est fait à la main dans la Drôme.",
		"Sei der Erste mit einer Mühle aus Holz!"}
	if got := blockTexts(dropReviewChrome(textBlocks(in))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestShopWidgetPages: a product page loses its stock lines, its loyalty
// offer, its size guide's link, its review widget's summary and prompts,
// its rail of featured products and its cart drawer's upsell, and keeps
// its description, its rating and a sentence that starts like a
// widget's line; a category page keeps its "Featured Products" grid and
// its cards' stock badges; a game's rules that earn points in play, and
// sentences that mention the stock or a size chart, stay.
func TestShopWidgetPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_widgets", url: "https://hollin.example/p/oak-bread-board", typ: corpus.PageTypeProduct,
			wantInText: []string{"A bread board cut from one plank", "45 cm by 28 cm", "Customer Reviews", "4.8 out of 5 stars",
				"Every board is made to order in our workshop by the river; based on the plank"},
			notInText: []string{"In Stock!", "Ready to ship", "580 points", "Size guide", "Based on 212 reviews", "96% of customers", "Rating snapshot",
				"Write a review", "Photos from reviews", "Featured Products", "Butter Knife",
				"Added to your cart", "matching designs", "Ash Ladle"}},
		{name: "listing_stock", url: "https://hollin.example/collections/bread-boards", typ: corpus.PageTypeListing,
			wantInText: []string{"Featured Products", "Oak Bread Board", "In stock", "Only 2 left", "Pre-order", "Sold out"}},
		// The same widgets in French.
		{name: "product_fr_widgets", url: "https://savonnerie-du-lez.example/p/savon-lait-anesse", typ: corpus.PageTypeProduct,
			wantInText: []string{"Un savon saponifié à froid", "Basé sur une recette de famille", "Avis clients", "4,7 sur 5 étoiles",
				"Huile d'olive, lait d'ânesse", "Faites mousser le savon"},
			notInText: []string{"En stock", "Plus que 3", "Guide des tailles", "Basé sur 58 avis", "Écrire un avis", "Vous aimerez aussi",
				"Savon au miel"}},
		{name: "product_game", url: "https://tidewater.example/p/harbour-lights", typ: corpus.PageTypeProduct,
			wantInText: []string{"A game of lighthouse keepers", "Each keeper earns 2 victory points for every ship guided home",
				"The first keeper to collect 15 victory points wins the game.", "All copies are in stock at our shop",
				"the size chart on the back of the box"}},
	})
}

// TestRelativeDateReviews: reviews dated "last week", "yesterday" or
// "this month" are dated reviews and go; the description, the heading
// and the rating stay.
func TestRelativeDateReviews(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_reldates", url: "https://quayside.example/p/brass-spudger", typ: corpus.PageTypeProduct,
			wantInText: []string{"A prying tool of solid brass", "Customer Reviews", "4.9 out of 5 stars"},
			notInText:  []string{"Strong enough for the stuck battery", "The hooked end lifted", "Heavier than the plastic", "Ines R", "last week"}},
		// Blocks marked as reviews, one of which lists a song called
		// "Yesterday": no date on the other, no dated reviews.
		{name: "product_tracklist", url: "https://quayside.example/p/help-lp", typ: corpus.PageTypeProduct,
			wantInText: []string{"The fifth studio album", "The songs of the film fill the first side",
				"The second side holds the quieter songs", "Yesterday", "Dizzy Miss Lizzy"}},
	})
}

// TestRatedRecords: a product page's reviews that no class word marks
// (generated class names), each with a rating of its own, as a label of
// its stars or a row of star glyphs, and a date, go; the description,
// the product's own rating (no date) and dated questions without a
// rating stay.
func TestRatedRecords(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_rated_records", url: "https://fernhill.example/p/linen-apron", typ: corpus.PageTypeProduct,
			wantInText: []string{"A full-length apron cut from heavy washed linen", "softens with every wash",
				"Does it shrink in a hot wash?", "Can the ties be shortened?"},
			notInText: []string{"Wore it every day in the bakery", "Heavier than I expected", "Bought a second one", "Morwenna", "Tobias K."}},
		// Three undated cards of other products, each with its stars, no
		// price nor link (no rail card, isRailCard, nor closing links),
		// go; the product's own rating, beside its <h1>, stays.
		{name: "product_rated_cards", url: "https://alder-tin.example/p/copper-kettle", typ: corpus.PageTypeProduct,
			wantInText: []string{"A stovetop kettle spun from one sheet of copper", "whistles when it boils", "Polish the outside", "never heat it empty"},
			notInText:  []string{"Brass Ladle", "Tin-lined Saucepan", "Iron Trivet"}},
		// The description prints the product's rating and a date, beside
		// the box of dated reviews: the box holds a run of records
		// itself, so only its reviews go, never the description with it.
		{name: "product_rated_sections", url: "https://oakfield.example/p/cedar-bench", typ: corpus.PageTypeProduct,
			wantInText: []string{"western red cedar", "mortised rails", "goes together in half an hour", "We deliver to the door"},
			notInText:  []string{"Lovely bench", "one screw was missing", "Hal B.", "Priya S."}},
	})
}

// TestIsRatingText: what reads as a rating, and what does not (a
// slide's number, a date, a size).
func TestIsRatingText(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Rated 4 out of 5", true}, {"4.5 out of 5 stars", true}, {"4,7 sur 5", true}, {"5 von 5 Sternen", true},
		{"5 stars", true}, {"Rating: 4/5", true}, {"★★★★☆", true}, {"Rated 5.00 out of 5", true},
		{"Slide 1 of 5", false}, {"3/5/2024", false}, {"1 / 5", false}, {"Size 5", false}, {"Pack of 5", false},
		{"15 out of 50", false},
	} {
		if got := isRatingText(tt.text); got != tt.want {
			t.Errorf("isRatingText(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestRelativeDay: a review's date as a day relative to today, in the
// languages whose shop lines are read, and what is no such date.
func TestRelativeDay(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Yesterday", true}, {"last week", true}, {"This month", true},
		{"hier", true}, {"la semaine dernière", true}, {"le mois dernier", true}, {"l’année dernière", true}, {"Aujourd'hui", true},
		{"Gestern", true}, {"letzte Woche", true}, {"letzten Monat", true}, {"dieses Jahr", true},
		{"Ayer", true}, {"la semana pasada", true}, {"el mes pasado", true}, {"este año", true},
		{"Yesterday's papers", false}, {"Hier ist alles gut", false}, {"ayer y hoy", false}, {"last weekend", false},
	} {
		if got := reRelativeDay.MatchString(tt.text); got != tt.want {
			t.Errorf("reRelativeDay(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestMayRate: mayRate passes every text isRatingText may read as a
// rating (a digit 0-5, a star glyph) and only skips text without them.
func TestMayRate(t *testing.T) {
	for _, tt := range []struct {
		frag string
		want bool
	}{
		{`<span>Rated <b>4</b> out of five</span>`, true}, {`<span>★★★★☆</span>`, true}, {`<span>✮✮✮</span>`, true},
		{`<span>Add to basket</span>`, false}, {`<span>Size 9<script>var a=1</script></span>`, false},
	} {
		if got := mayRate(mustParseFragment(t, tt.frag)); got != tt.want {
			t.Errorf("mayRate(%s) = %v, want %v", tt.frag, got, tt.want)
		}
	}
}
