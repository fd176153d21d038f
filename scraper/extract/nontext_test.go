package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/archivist-project/archivist/corpus"
	"golang.org/x/net/html"
)

// TestNonArticleText runs hand-written pages that are not articles
// (testdata/nontext) through Extract and checks what their main text
// keeps and leaves out.
func TestNonArticleText(t *testing.T) {
	tests := []struct {
		name, url, typ string
		wantInText     []string
		notInText      []string
		once           []string // in the text once only
		twice          []string // in the text twice
	}{
		// A product page with its customers' dated reviews: the reviews
		// go; the description (once, though the page holds it twice),
		// the details, the summary of the ratings and the undated
		// testimonials stay.
		{name: "product_reviews", url: "https://supplies.example/p/canvas-day-bag-20l/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A day bag of waxed cotton canvas", "Vegetable-tanned leather straps and base",
				"Rated 4.8 out of 5", "outlast every one of us", "a winter of salt spray"},
			notInText: []string{"Walked the coast path", "Smaller than I expected", "people found this helpful", "Ann, Truro"},
			once:      []string{"A day bag of waxed cotton canvas"}},
		// A service page with its customers' dated reviews: the reviews
		// go, the services, the prices and the summary of the ratings
		// stay, and its long paragraph printed twice (once per screen
		// size) comes once.
		{name: "service_reviews", url: "https://quayside-heating.example/boilers", typ: corpus.PageTypeService,
			wantInText: []string{"A full safety check of your boiler", "An annual service costs £85", "4.9 out of 5 from 212 customers"},
			notInText:  []string{"Came out on a Sunday", "showed us how to set the new thermostat", "Sue D.", "2 weeks ago"},
			once:       []string{"Every engineer on our team is Gas Safe registered"}},
		// A forum thread whose first two posts are printed twice in a
		// row (a copy for another layout): each comes once, and so does
		// the first post, which the last one quotes under "netmender
		// said:" (dropQuotedCopies); the replies' subject lines ("Re: "
		// and the title) go.
		{name: "forum_echo", url: "https://board.example/t/ferry-timetable-from-may.4101/", typ: corpus.PageTypeForum,
			wantInText: []string{"the leaflet at the pier only lists weekdays", "The first Sunday boat moves from 7:10 to 8:30", "netmender said:"},
			once: []string{"The first Sunday boat moves from 7:10 to 8:30", "Same answer from the harbour master",
				"the leaflet at the pier only lists weekdays"},
			notInText: []string{"Re: Ferry timetable"}},
		// A forum thread whose posters' cards carry their rank, join day,
		// location and likes, with a thread header, post numbers, a
		// template left unrendered and who liked each post: the posts and
		// their stamps stay, the rest goes.
		{name: "forum_cards", url: "https://board.example/t/ferry-timetable-from-may.4102/", typ: corpus.PageTypeForum,
			wantInText: []string{"the leaflet at the pier only lists weekdays", "The first Sunday boat moves from 7:10 to 8:30",
				"before the bakers sell out", "Posted 2 Mar 2026, 08:14"},
			notInText: []string{"Thread starter", "Start date", "Senior Member", "New Member", "Jun 21, 2016", "Joined:",
				"Location:", "Likes Received", "DiscussionBoard", "others like this", "#2"}},
		// A product page whose article-shaped body is its customers'
		// reviews and a paragraph about the maker: the reviews go, and
		// the text is weighed again once both candidates are cleaned,
		// so the features and specifications, which only the block
		// model's text holds, stay (cleanedChoice). The paragraph about
		// the maker, beside the product's box, goes with the region cut
		// (the box holds half of the words: productRegionShare).
		{name: "product_reviewbody", url: "https://supplies.example/p/coast-path-day-pack/", typ: corpus.PageTypeProduct,
			wantInText: []string{"Two deep side pockets that hold a litre bottle each", "Capacity: 25 litres"},
			notInText: []string{"Took it up the coast path for five days", "Marion, Falmouth", "Helpful?",
				"We have made this pack in the loft above the chandlery"}},
		// A product page whose description tab is filled by a script:
		// the description comes from its JSON-LD, written as markup
		// (withDescription); the price, the options and the returns
		// policy stay, the delivery widget's lines go
		// (dropFulfilmentLines).
		{name: "product_described", url: "https://supplies.example/p/oilskin-smock/", typ: corpus.PageTypeProduct,
			wantInText: []string{"Our oilskin smock is cut long in the back and roomy in the chest",
				"The cotton is proofed by hand with linseed oil", "£95.00", "Colour: Tan", "30-day returns"},
			notInText: []string{"<p>", "&lt;", "How do you want your item?", "Arrives by Tuesday", "Order within",
				"Sold and shipped by"}},
		// A product page whose specifications are printed twice, once per
		// screen size: the run of short lines comes once
		// (dropRepeatedRuns); its size chart, a grid of lone cells, goes
		// (dropCellRuns); the description, the chart's note and the care
		// note stay.
		{name: "product_repeats", url: "https://supplies.example/p/brass-deck-lantern/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A deck lantern spun from one sheet of brass", "Polish the brass with a soft cloth",
				"Spare chimneys come in three sizes"},
			notInText: []string{"30\n\n34", "12\n\n13"},
			once:      []string{"Burn time", "34 cm", "Paraffin\n"}},
		// A service page whose tabs are panels hidden by style until a
		// tab is clicked: the hidden tabs come back after the shown one
		// (withPanels), the hidden sign-up dialog does not.
		{name: "service_tabs", url: "https://eastmoor.example/planning-office", typ: corpus.PageTypeService,
			wantInText: []string{"reviews every application to build", "Building permit application (printable)",
				"Most permits for houses are decided within three weeks", "Common questions"},
			notInText: []string{"Sign up to receive alerts", "Sign up to our weekly newsletter", "Take our two-minute survey"},
			once:      []string{"Anyone found building without a permit"}},
		// A service page whose hidden tab is its lists of forms, which
		// open the panel: the panel comes back whole, its leading links
		// with it (dropPanelChrome: a run of links that opens a panel
		// is what the panel holds, not a breadcrumb trail), while the
		// trail of links over the page's title still goes.
		{name: "service_tab_links", url: "https://wrenmouth.example/port/harbour-office", typ: corpus.PageTypeService,
			wantInText: []string{"lets the swinging moorings of the inner harbour", "Mooring application - fill in online",
				"Transfer of a mooring to a new owner - printable", "Water taxi licence - fill in online"},
			notInText: []string{"Offices", "The port"},
			once:      []string{"Mooring application - printable"}},
		// An article with a tabbed box of other stories beside it, the
		// second tab hidden: an article's text gets no panels back, so
		// neither tab's links are in it (dropPanelChrome never runs),
		// nor is its trail.
		{name: "article_tab_links", url: "https://wrenmouth-packet.example/news/harbour/new-pontoon", typ: corpus.PageTypeArticle,
			wantInText: []string{"A new visitor pontoon opened on the north quay", "which the mooring fees have built up"},
			notInText:  []string{"School choir sings", "Gig club wins", "Ferry timetable changes", "Harbour\n"}},
		// A shop's category page whose tiles and grid carry the shop's
		// links ("Shop now" under each tile, "Shop all" under the
		// grid): those lines go (chromeLines), the tiles' names, the
		// cards and their prices stay.
		// A listing of tools whose intro carries a list of topic tags
		// set against each other in lower case, and a credit line of
		// two links parted by a "·" in an element of its own, none with
		// white space between: each tag and each link is a word of its
		// own (tagLink, barGlyph), not one run of glued words.
		{name: "listing_glued_items", url: "https://toolshed.example/new", typ: corpus.PageTypeListing,
			wantInText: []string{"boatbuilding sail repair rope work tide tables",
				"Picked by Anna Rowe and Tom Penrose · How we test the tools we list", "Knotbook",
				"A pocket guide to forty knots"},
			notInText: []string{"boatbuildingsail", "repairrope", "Penrose·How"}},
		{name: "listing_grid_links", url: "https://quay-outfitters.example/jackets/waterproof", typ: corpus.PageTypeListing,
			wantInText: []string{"Quay smock", "£180.00", "Packs into its own chest pocket.", "Sea boots", "Fleece and wool layers"},
			notInText:  []string{"Shop now", "Shop all", "Quick view", "Add to compare"}},
		// A product page whose hidden tab of the range's other items
		// opens with their linked names, a section of care guides under
		// them: the other products' names stay out (dropPanelChrome
		// drops a product's leading links as dropChrome does), the
		// reviews' tab and the care section come back.
		{name: "product_tab_range", url: "https://fellside.example/p/crag-pike-gtx", typ: corpus.PageTypeProduct,
			wantInText: []string{"a stiff midsole that takes a flexible crampon", "Dry after a week in the Lakes", "Care and repair"},
			notInText:  []string{"Crag Fell Mid walking boot", "Tarn Lite Mid fabric boot", "Replacement laces"}},
		// A service page whose FAQ questions are the buttons that open
		// the answers: each question comes back over its answer
		// (withControls); the menu button and a form's button do not.
		{name: "service_faq_buttons", url: "https://brightpane.example/window-cleaning", typ: corpus.PageTypeService,
			wantInText: []string{"Do I need to be at home when you come?\n\nNo. As long as we can reach the back garden",
				"How do you clean windows on the third floor?\n\nFrom the ground",
				"What happens if it rains after you have cleaned?\n\nPure water leaves nothing"},
			notInText: []string{"Open main menu", "Can you come to my street?", "Was this page helpful"}},
		// A service page whose guides are the sections of an accordion,
		// each shown by the button that heads it (aria-expanded,
		// aria-controls) and hidden until then: each section comes back
		// under its button's words (withPanels); the site menu the menu
		// button opens, in the header, and the sign-up box after the
		// text do not.
		{name: "service_accordion", url: "https://hearthside.example/chimney-sweeping", typ: corpus.PageTypeService,
			wantInText: []string{"How often to sweep a wood burner\n\nBurn seasoned logs and have the flue swept twice a year",
				"Choosing logs that burn clean\n\nLogs with under a fifth of their weight in water"},
			notInText: []string{"Open the main menu", "About the sweeps", "Sign up for our seasonal reminders", "Get reminders by email"}},
		// A product page whose description is printed as a teaser and
		// again in full beside it (an expander's two copies): the teaser
		// goes (dropContainedCopies), the full description and the care
		// note stay.
		{name: "product_expander", url: "https://supplies.example/p/oilskin-souwester/", typ: corpus.PageTypeProduct,
			wantInText: []string{"The crown is lined with brushed cotton", "proof the cotton again"},
			once:       []string{"A sou'wester of proofed cotton with a long brim"}},
		// A product page whose FAQ is an accordion drawn without ARIA:
		// each answer, hidden by an inline style, follows its question's
		// heading; the answers come back (withPanels, isHeadedSection),
		// the hidden list of gift wraps and the hidden newsletter dialog
		// after their headings do not, nor the hidden review form
		// (holdsField); the hidden delivery terms and their heading go
		// (dropPolicyPanels).
		{name: "product_headed_accordion", url: "https://ironbank.example/p/cast-iron-griddle/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A ridged griddle of cast iron", "Cast iron carries the heat of an induction ring evenly",
				"Scrub it under hot water with a stiff brush"},
			notInText: []string{"Brown paper", "Linen bag", "ten percent off your first order", "Delivery & returns",
				"leave the warehouse the same day", "will not be published"}},
		// A product page with the shop's offers of help beside the
		// product, a protection plan and a call to its advisers: both
		// go (dropHelpOffers), and so does a call to its specialists in
		// a section hidden under its heading (isHeadedSection), put back
		// after dropHelpOffers ran and dropped again by otherText; the
		// description's line about the experts who set each clock and
		// that section's other line stay.
		{name: "product_help_offers", url: "https://quayside.example/p/tide-clock-oak/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A tide clock whose single hand turns", "Our in-house clock experts set each movement",
				"Dust the oak with a dry cloth", "we wrap it in brown paper"},
			notInText: []string{"protection plan", "Ask an expert", "ready to help", "clock specialists"}},
		// A marketplace's product page with the seller's card: its
		// sales, its answer times and the link to report the item go
		// (dropSellerLines); the item's details and care stay.
		{name: "product_seller_card", url: "https://marketbarn.example/listing/salt-glazed-jug", typ: corpus.PageTypeProduct,
			wantInText: []string{"A pint jug thrown on the wheel", "It pours without a drip", "Wash it by hand in warm water"},
			notInText:  []string{"1.1k sales", "usually responds", "has a history of replying", "Report this item"}},
		// A product page with the shop's pitch of itself as the place to
		// buy: the title "Why ... is the best place to buy" with its
		// perks, a free warranty's offer with its "peace of mind" line
		// and the shop's purchase protection go (dropShopPitches); the
		// description, the product's own warranty and its care stay.
		{name: "product_shop_pitch", url: "https://harbourmart.example/p/tin-kettle/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A stovetop kettle of tinned steel", "Two-year warranty on the tinning",
				"Dry it on a low flame"},
			notInText: []string{"best place to buy", "interest-free", "Trade in your old kettle", "Free engraving",
				"Total Care Cover Warranty", "peace of mind", "Purchase Protection", "Shop confidently"}},
		// A product page whose shop's pitches sit in boxes of their own
		// in the buy box, right before the product's highlights and its
		// table of specifications in short lines: each pitch goes, its
		// run ending with its box (dropShopPitches).
		{name: "product_pitch_box", url: "https://harbourmart.example/p/enamel-milk-pan/", typ: corpus.PageTypeProduct,
			wantInText: []string{"Holds 1.2 litres", "Pouring lips on both sides", "Suits gas, electric and induction hobs",
				"A small pan of enamelled steel", "Diameter 14 cm", "Weight 620 g", "Dishwasher safe Yes"},
			notInText: []string{"Buy with confidence", "Free returns within 30 days", "Secure checkout",
				"Shop with confidence", "Pay in three"}},
		// A product page with a list of the shop's perks in its buy box,
		// one with a figure first ("100% secure checkout"), and a list of
		// the product's features with one perk among them: the buy box's
		// list goes, the features list stays whole (dropPerkLists).
		{name: "product_perk_figure", url: "https://quayside-time.example/p/tideline-dive-watch/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A dive watch cut from a single block", "Waterproof to 50 m", "2-year warranty", "Sapphire crystal", "Made in Italy"},
			notInText:  []string{"24 month warranty", "100% secure checkout"}},
		// The same in French: the pitch's box goes, the points after it
		// stay.
		{name: "product_pitch_box_fr", url: "https://boutique-du-port.example/p/casserole-a-lait/", typ: corpus.PageTypeProduct,
			wantInText: []string{"Contenance : 1,2 litre", "Poids : 620 g", "Poignée en frêne", "Compatible induction",
				"Une petite casserole"},
			notInText: []string{"Achetez en toute confiance", "Paiement sécurisé", "Retours sous 30 jours"}},
		// A shop's category page whose filter panel lists each facet's
		// values with a checkbox: the panel's names and values go
		// (dropFacets), the products, their prices and the shop's notes
		// stay.
		{name: "listing_facets", url: "https://estuary-outfitters.example/collections/outerwear", typ: corpus.PageTypeListing,
			wantInText: []string{"Harbour Rain Jacket", "A heavy fleece of recycled wool", "£95.00",
				"Every coat we sell can come back to the workshop"},
			notInText: []string{"Refine", "Waxed cotton\n", "Ochre", "XXL", "Fabric"}},
		// A news listing whose featured cards are printed twice, once
		// per screen size: each card comes once, title, teaser and
		// byline (dropPairedCopies); a byline two cards share and a
		// note under every card stay as often as the cards print them.
		{name: "listing_screen_copies", url: "https://porthcove-harbour.example/news/", typ: corpus.PageTypeListing,
			wantInText: []string{"Tide notes", "Gig racing returns to the inner harbour", "The lantern parade moves to the fish quay"},
			once: []string{"The north quay will be closed to vehicles from the first of April",
				"Twelve new visitor berths on the outer pontoon can be booked from May",
				"North quay closed for resurfacing", "By the harbour office, 9 March 2026"},
			twice: []string{"Written by the volunteers of the harbour regatta committee"}},
		// A shop's category page whose cards each carry the same badge
		// and the same labels of their facts in the same places: the
		// badge and the labels go (dropCardBadges); each card's title,
		// teaser, maker, cut and price stay, and so does the section
		// headed with the badge's words after the cards.
		{name: "listing_card_badges", url: "https://estuary-outfitters.example/collections/outerwear", typ: corpus.PageTypeListing,
			wantInText: []string{"Harbour Rain Jacket", "A heavy fleece of recycled wool", "Northdeck", "oversized fit", "£95.00",
				"Mended for free\n\nEvery coat we sell"},
			notInText: []string{"Maker", "Cut\n", "Price"},
			once:      []string{"Mended for free", "slim fit\n£72.00"}},
		// Two stories of a series under their own titles share their
		// standfirst, byline and link: neither is a copy of the other,
		// and both cards keep their lines.
		{name: "listing_series_cards", url: "https://porthcove-harbour.example/history/", typ: corpus.PageTypeListing,
			wantInText: []string{"The last of the sail pilots", "When the ice house was full", "A hundred years of the regatta"},
			twice: []string{"Part of our summer series on the harbour's working past, told by those who were there.",
				"By the harbour archive, 12 March 2026"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "nontext", tt.name, tt.url)
			if art.PageType != tt.typ {
				t.Errorf("page type %q, want %q", art.PageType, tt.typ)
			}
			checkText(t, art.Text, tt.wantInText, tt.notInText)
			for _, s := range tt.once {
				if n := strings.Count(art.Text, s); n != 1 {
					t.Errorf("text has %q %d times, want once", s, n)
				}
			}
			for _, s := range tt.twice {
				if n := strings.Count(art.Text, s); n != 2 {
					t.Errorf("text has %q %d times, want twice", s, n)
				}
			}
		})
	}
}

// TestDropSecondCopies: a block of six words or more (minWords) that
// came before goes; shorter repeats and first copies stay, and so does
// everything with minWords 0.
func TestDropSecondCopies(t *testing.T) {
	long := "Hand sewn in the old sail loft by the harbour."
	tests := []struct {
		name string
		min  int
		in   []string
		want []string
	}{
		{"second copy", 6, []string{long, "£58.00", long}, []string{long, "£58.00"}},
		{"third copy", 6, []string{long, long, "Details", long}, []string{long, "Details"}},
		{"short repeats stay", 6, []string{"Colour: red", "Size: M", "Colour: red"}, []string{"Colour: red", "Size: M", "Colour: red"}},
		{"five words stay", 6, []string{"In stock, ships in two", "x", "In stock, ships in two"}, []string{"In stock, ships in two", "x", "In stock, ships in two"}},
		{"under minWords", 25, []string{long, long}, []string{long, long}},
		{"minWords 0", 0, []string{long, long}, []string{long, long}},
		{"none", 6, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropSecondCopies(textBlocks(tt.in), tt.min))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropEchoes: a run of blocks (ten words or more) that repeats the
// run just before it goes; a repeat with a line between (a quote), a
// short echo and a single block stay.
func TestDropEchoes(t *testing.T) {
	a := "The first Sunday boat moves from 7:10 to 8:30 this year."
	b := "There is a new one at noon."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"post twice", []string{"#1", a, b, a, b, "#2"}, []string{"#1", a, b, "#2"}},
		{"block twice", []string{a, a}, []string{a}},
		{"quote", []string{a, b, "netmender said:", a, "Thanks"}, []string{a, b, "netmender said:", a, "Thanks"}},
		{"short echo", []string{b, b}, []string{b, b}},
		{"none", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropEchoes(textBlocks(tt.in)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropReplySubjects: subject lines "Re: ..." that two replies or
// more share go; a single one and other lines stay.
func TestDropReplySubjects(t *testing.T) {
	re := "Re: Ferry timetable from May"
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"shared", []string{"Ferry timetable from May", "a", re, "b", re, "c"}, []string{"Ferry timetable from May", "a", "b", "c"}},
		{"single", []string{"a", re, "b"}, []string{"a", re, "b"}},
		{"different", []string{re, "Re: Winter moorings"}, []string{re, "Re: Winter moorings"}},
		{"not a subject", []string{"Re-reading it, yes.", "Re-reading it, yes."}, []string{"Re-reading it, yes.", "Re-reading it, yes."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropReplySubjects(textBlocks(tt.in)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// textBlocks makes a paragraph block of each string.
func textBlocks(texts []string) []block {
	var bs []block
	for _, s := range texts {
		bs = append(bs, block{text: s})
	}
	return bs
}

// blockTexts lists the blocks' texts.
func blockTexts(bs []block) []string {
	var got []string
	for _, b := range bs {
		got = append(got, b.text)
	}
	return got
}

// TestDropShopSections: a section of other products or of the visitor's
// history goes with its heading; prose after such a heading, a page made
// of such a section and other headings stay.
func TestDropShopSections(t *testing.T) {
	d := "A day bag of waxed cotton canvas with leather straps, made to outlast every one of us and then some more."
	tests := []struct {
		name string
		in   []string
		want []string
		typ  string
	}{
		{"teasers", []string{d, d, "Frequently bought together", "Canvas wax, 50 g", "$12.00", "Recently viewed", "Roll-top bag"},
			[]string{d, d}, corpus.PageTypeListing},
		{"prose after", []string{d, "You may also like…", d}, []string{d, d}, corpus.PageTypeListing},
		{"whole page", []string{"Our bags", "Customers also bought", "Canvas wax", "$12.00", "Roll-top bag", "$80.00"},
			[]string{"Our bags", "Customers also bought", "Canvas wax", "$12.00", "Roll-top bag", "$80.00"}, corpus.PageTypeListing},
		{"other heading", []string{d, "Care and repair", "Canvas wax"}, []string{d, "Care and repair", "Canvas wax"}, corpus.PageTypeListing},
		{"product rail", []string{d, "Featured Products", "Canvas wax, 50 g", "$12.00", d, "Complete Your Order", "Roll-top bag"},
			[]string{d, d}, corpus.PageTypeProduct},
		{"cart drawer", []string{d, "Added to your cart! Complete the set?", "Check out these matching designs:", "Canvas wax, 50 g", "Roll-top bag", d},
			[]string{d, d}, corpus.PageTypeProduct},
		{"added in a sentence", []string{d, "Added to your cart, a gift note travels with the bag in its own envelope, written by hand.", d},
			[]string{d, "Added to your cart, a gift note travels with the bag in its own envelope, written by hand.", d}, corpus.PageTypeProduct},
		{"french rail", []string{d, "Vous aimerez aussi", "Savon au lait d'ânesse", "12,00 €", d}, []string{d, d}, corpus.PageTypeProduct},
		{"german and spanish rails", []string{d, "Kunden kauften auch", "Wachs, 50 g", d, "Productos relacionados:", "Cera, 50 g"},
			[]string{d, d}, corpus.PageTypeListing},
		{"german questions", []string{d, "Kunden haben auch gefragt", "Passt der Deckel auf den Topf?", d},
			[]string{d, "Kunden haben auch gefragt", "Passt der Deckel auf den Topf?", d}, corpus.PageTypeProduct},
		{"german rail in full", []string{d, "Kunden, die diesen Artikel kauften, kauften auch", "Wachs, 50 g", d}, []string{d, d}, corpus.PageTypeProduct},
		{"french sentence", []string{d, "Produits similaires à ceux de nos grands-parents, faits main.", d},
			[]string{d, "Produits similaires à ceux de nos grands-parents, faits main.", d}, corpus.PageTypeProduct},
		{"italian rail", []string{d, "Potrebbe piacerti anche", "Set 6 tazzine in porcellana 24,00 €", d}, []string{d, d}, corpus.PageTypeProduct},
		{"dutch rail", []string{d, "Gerelateerde producten", "Bijenwas, 50 g", d}, []string{d, d}, corpus.PageTypeListing},
		// On a product page a grid larger than the product's own text
		// goes too, with its cards' linked titles; a page that is little
		// more than the grid keeps it.
		{"product grid larger", []string{d, d, "Complete the look", "Harbor Sofa", "A deep three-seat sofa in washed linen with feather cushions.",
			"$2,450", "Loom Wool Rug", "Hand-loomed in India from undyed wool, in four sizes.", "$690", "Dune Table Lamp",
			"A ceramic base in a sandy glaze under a linen drum shade.", "$220", "Ridge Armchair", "Low and wide, with a solid oak frame and a boucle seat.", "$1,180"},
			[]string{d, d}, corpus.PageTypeProduct},
		{"product page of a grid", []string{"Oak table", "Complete the look", "A deep three-seat sofa in washed linen.", "$2,450", "A rug of undyed wool.", "$690"},
			[]string{"Oak table", "Complete the look", "A deep three-seat sofa in washed linen.", "$2,450", "A rug of undyed wool.", "$690"}, corpus.PageTypeProduct},
		// On a category page the same heading is over its own grid.
		{"category grid", []string{d, "Featured Products", "Canvas wax, 50 g", "$12.00", d},
			[]string{d, "Featured Products", "Canvas wax, 50 g", "$12.00", d}, corpus.PageTypeListing},
	}
	// The cards' titles: linked headings (<a><h3>...</h3></a>).
	cardTitles := map[string]bool{"Harbor Sofa": true, "Loom Wool Rug": true, "Dune Table Lamp": true, "Ridge Armchair": true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs := textBlocks(tt.in)
			for i := range bs {
				if cardTitles[bs[i].text] {
					bs[i].kind, bs[i].link = kindHeading, 1
				}
			}
			got := blockTexts(dropShopSections(bs, tt.typ))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropSortLines: the lines of a sort menu go, in English (a shop
// theme's comma forms too), French, German and Spanish; a heading and
// sentences that begin alike stay, and so does a manual's contents line
// that is "Sort by" something other than a sort key.
func TestDropSortLines(t *testing.T) {
	in := []string{"Sort: Best Match", "Price (high to low)", "Lowest Price", "Most recent", "Oldest first", "Highest Rated",
		"Price, low to high", "Date, new to old", "Alphabetically, A-Z", "Alphabetically, Z-A", "Best selling",
		"Trier par : Pertinence", "Pertinence", "Prix croissant", "Prix décroissant", "De A à Z", "Du moins cher au plus cher",
		"Sortieren nach: Beliebtheit", "Relevanz", "Preis aufsteigend", "Preis absteigend", "Neueste zuerst",
		"Ordenar por: Relevancia", "Precio: menor a mayor", "Más recientes", "Más relevantes",
		"Prices from high to low are listed below.", "Canvas wax, 50 g", "Best selling author of the year",
		"Best selling wax of the year, by a mile.", "Pertinence et clarté",
		"Prix croissant des matières premières.", "De A à Z, tout sur la cire.", "Relevanz der Pflege für Leder",
		"Sort a list in place", "Sortieren von Listen", "Ordenar listas de precios", "Ordenar en línea es fácil",
		"Sort by price", "Sort By: Featured", "Sort by Newest", "Sort by price (low to high)", "Sort by best selling",
		"Sort by multiple keys", "Sort by a custom comparator"}
	want := []string{"Prices from high to low are listed below.", "Canvas wax, 50 g", "Best selling author of the year",
		"Best selling wax of the year, by a mile.", "Pertinence et clarté",
		"Prix croissant des matières premières.", "De A à Z, tout sur la cire.", "Relevanz der Pflege für Leder",
		"Sort a list in place", "Sortieren von Listen", "Ordenar listas de precios", "Ordenar en línea es fácil",
		"Sort by multiple keys", "Sort by a custom comparator"}
	got := blockTexts(dropSortLines(textBlocks(in)))
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropCartLines: a cart drawer's lines go; a sentence about the
// cart and a line with a total's amount stay.
func TestDropCartLines(t *testing.T) {
	in := []string{"No products in the cart.", "Your cart is empty", "Added to your cart! Complete the set?",
		"Subtotal:", "Total: $12.40", "Your cart is empty until you pick a frame size, then the price shows."}
	want := []string{"Total: $12.40", "Your cart is empty until you pick a frame size, then the price shows."}
	got := blockTexts(dropCartLines(textBlocks(in)))
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropFilterLines: a filter panel's labels go, with the count of
// filters set; its options, a sentence about filters and a product
// named with a count stay.
func TestDropFilterLines(t *testing.T) {
	in := []string{"Filters", "Filter by:", "Filtres", "Clear all", "Filter controls", "Brand",
		"Filters (1)", "Filter (12)", "1 filter applied", "3 filters selected", "Water filters (12)", "2 filters in a box",
		"Filters of this kind keep the water clear for a year.", "Remove all", "The highest price is $4,799.90",
		"Le prix le plus élevé est de 120,00 €", "Der höchste Preis ist 89,00 €", "El precio más alto es 45,00 €",
		"Remove all stains with one wash.", "The highest price is paid by those who wait for the last day to book.",
		"The highest price is freedom.", "The highest price is 3 times the lowest.", "Der höchste Preis ist EUR 1.299,00"}
	want := []string{"Brand", "Water filters (12)", "2 filters in a box", "Filters of this kind keep the water clear for a year.",
		"Remove all stains with one wash.", "The highest price is paid by those who wait for the last day to book.",
		"The highest price is freedom.", "The highest price is 3 times the lowest."}
	got := blockTexts(dropFilterLines(textBlocks(in)))
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropSignupLines: a sign-up form's fine print and prompt, a
// newsletter box's prompt and a form's messages go; a sentence about
// signing up or a newsletter that is the page's own stays.
func TestDropSignupLines(t *testing.T) {
	in := []string{"By signing up, you agree to our Privacy Policy & Terms and Conditions.",
		"Sign up for our newsletter to get the latest in streaming.",
		"By providing my email, I am consenting to receive emails.",
		"Members sign up for a class at the front desk and agree a time with the coach.",
		"Get the latest student and graduate news straight to your inbox.", "Want updates to your inbox?",
		"Get top deals, latest trends, and more.",
		"Thank you! Your submission has been received!", "Oops! Something went wrong while submitting the form.",
		"Thanks for subscribing!",
		"Our printed newsletter goes to every member twice a year, with the club's results and the dates of the next season's races."}
	want := []string{"Members sign up for a class at the front desk and agree a time with the coach.",
		"Our printed newsletter goes to every member twice a year, with the club's results and the dates of the next season's races."}
	got := blockTexts(dropSignupLines(textBlocks(in)))
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDropPairedCopies: the second copy of a block of eight words or
// more that comes exactly twice goes, with the blocks around it, when
// three blocks in a row, itself counted, repeat those around the first
// copy; a copy alone or with one neighbour repeated, a line printed
// three times, short blocks and runs that would overlap stay.
func TestDropPairedCopies(t *testing.T) {
	title, meta := "North quay closed", "12 March 2026"
	teaser := "The north quay will be closed to vehicles from the first of April."
	other := "Twelve new visitor berths on the outer pontoon can be booked from May."
	note := "Free to watch from the quays, no ticket is needed on the day."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"a card again", []string{title, teaser, meta, other, title, teaser, meta}, []string{title, teaser, meta, other}},
		{"a card again at the end", []string{"News", title, teaser, "Rail", "News", title, teaser}, []string{"News", title, teaser, "Rail"}},
		{"with one line beside it", []string{title, teaser, other, title, teaser, meta}, []string{title, teaser, other, title, teaser, meta}},
		{"among other lines", []string{"A", teaser, "B", "C", teaser, "D"}, []string{"A", teaser, "B", "C", teaser, "D"}},
		{"three times", []string{title, note, meta, title, note, meta, title, note, meta},
			[]string{title, note, meta, title, note, meta, title, note, meta}},
		{"short lines", []string{title, meta, "Read", title, meta, "Read"}, []string{title, meta, "Read", title, meta, "Read"}},
		{"overlapping", []string{title, teaser, title, teaser, title}, []string{title, teaser, title, teaser, title}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropPairedCopies(textBlocks(tt.in)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropCardEchoes: on a listing, a run of two blocks or more that
// repeats the run just before it (four words or more, one block printed
// exactly twice on the page) goes: a card printed twice in a row. A lone
// line said twice, short copies, a line every card prints, copies
// apart, two cards that share a teaser (a syndicated story) and one
// event listed on two dates stay.
func TestDropCardEchoes(t *testing.T) {
	t1, d1 := "Harbour lights evening walk", "Sat, Apr 11, 7:00 PM"
	t2, d2 := "Tide tables for beginners", "Sun, Apr 12, 10:00 AM"
	rule := "Bring your own lamp, no booking needed."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"a card twice in a row", []string{t1, d1, t1, d1, t2, d2, t2, d2}, []string{t1, d1, t2, d2}},
		{"a lone line twice", []string{t1, t1, d1, t2, t2, d2}, []string{t1, t1, d1, t2, t2, d2}},
		{"short copies", []string{"Free", "7.9", "Free", "7.9"}, []string{"Free", "7.9", "Free", "7.9"}},
		{"every card's lines", []string{"Walks", rule, d1, rule, d1, rule, d1}, []string{"Walks", rule, d1, rule, d1, rule, d1}},
		{"copies apart", []string{t1, d1, t2, d2, t1, d1}, []string{t1, d1, t2, d2, t1, d1}},
		{"two cards sharing a teaser", []string{t1, rule, t2, rule}, []string{t1, rule, t2, rule}},
		{"one event on two dates", []string{t1, rule, d1, t1, rule, d2}, []string{t1, rule, d1, t1, rule, d2}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropCardEchoes(textBlocks(tt.in)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropContainedCopies: a block of fifteen words or more that a
// longer block holds (white space aside) goes; the longer block, short
// blocks and blocks that differ stay.
func TestDropContainedCopies(t *testing.T) {
	p1 := "The makings of a good night start with the sheets: cool in summer, warm in winter, and soft from the first wash."
	p2 := "Every set is woven from long-staple cotton and finished without chemical softeners."
	both := p1 + " " + p2
	short := "Cool, crisp, refreshing."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"shown alone, then with more", []string{p1, "Shop now", both}, []string{"Shop now", both}},
		{"printed twice in one block", []string{p1, p1 + " " + p1}, []string{p1 + " " + p1}},
		{"white space aside", []string{strings.ReplaceAll(p1, " ", "\n"), both}, []string{both}},
		{"short block stays", []string{short, short + " Award-winning."}, []string{short, short + " Award-winning."}},
		{"different blocks stay", []string{p1, p2}, []string{p1, p2}},
		{"equal copies stay", []string{p1, p1}, []string{p1, p1}},
		{"none", nil, nil},
		// 60 blocks of 8 KB and one that holds another: 61 x 490 KB
		// searched is over the budget, and the page is left as it is.
		{"over the work budget", append(slices.Repeat([]string{strings.Repeat(p2+" ", 96)}, 59), p1, both),
			append(slices.Repeat([]string{strings.Repeat(p2+" ", 96)}, 59), p1, both)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropContainedCopies(textBlocks(tt.in)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropEmbedCodes: on a listing, a block that is only a player's or
// a post's embed markup, as a share widget prints it, goes; prose that
// names a tag, other markup, a tag with text after it and a code sample
// in a <pre> (a help page on embedding, typed a listing) stay.
func TestDropEmbedCodes(t *testing.T) {
	frame := `<iframe src="https://radio.example/player/embed/4471" width="100%" height="290" frameborder="0" title="Embedded audio player">`
	script := `<script async src="https://posts.example/widgets.js" charset="utf-8"></script>`
	widget := func(code string) string {
		return `<div class="share"><b class="code"><code>` + html.EscapeString(code) + `</code></b></div>`
	}
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"a frame's code", `<p>Tide report</p>` + widget(frame) + `<p>Listen</p>`, []string{"Tide report", "Listen"}},
		{"closed", widget(frame + "</iframe>"), nil},
		{"a script", widget(script), nil},
		{"prose naming a tag", `<p>Paste the &lt;iframe&gt; tag into your page to play the episode.</p>`,
			[]string{"Paste the <iframe> tag into your page to play the episode."}},
		{"other markup", widget(`<b class="x">bold</b>`), []string{`<b class="x">bold</b>`}},
		{"text after the tag", widget(frame + " Listen to the whole episode"), []string{frame + " Listen to the whole episode"}},
		{"a sample in a pre", `<p>Paste this where the player goes:</p><pre><code>` + html.EscapeString(script) + `</code></pre>`,
			[]string{"Paste this where the player goes:", script}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, bs := mainBlocks(t, tt.body)
			got := blockTexts(p.dropEmbedCodes(bs))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// mainBlocks returns the page of body, set in a <main>, extracted, and its
// feature blocks, as the rules over blocks see them.
func mainBlocks(t *testing.T, body string) (*page, []block) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(`<html><body><main>` + body + `</main></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(goquery.NewDocumentFromNode(root), nil, fetchedAt)
	p.extract(Options{})
	bs, _, _ := p.x.featureBlocksDialogs(p.bodyNode, p.sel)
	return p, bs
}
