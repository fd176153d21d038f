package extract

import (
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestChromeClasses runs hand-written pages that are not articles
// (testdata/chrome) whose main text held site chrome: the labels of a
// forum's author cards, repeated on every post, a reply prompt, a shop's
// sorting controls.
func TestChromeClasses(t *testing.T) {
	tests := []struct {
		name, url, typ string
		wantInText     []string
		notInText      []string
	}{
		// Every post's author card repeats its labels: they go; the
		// names, the greetings that open the posts and the posts stay.
		// The reply form's prompts go, headings as they are, and so does
		// the trail of links above the thread's title.
		{name: "forum_cards", url: "https://board.example/t/ferry-timetable-from-may.4101/", typ: corpus.PageTypeForum,
			wantInText: []string{"netmender", "Hello,", "the leaflet at the pier only lists weekdays", "I will post the printed table here"},
			notInText:  []string{"Reaction score", "Full Member", "5+ Year Member", "Joined", "Posts:", "Share on other sites", "Log in to reply", "Leave a reply", "You must be logged in", "Getting around by boat"}},
		// The board around a thread: the welcome notice above it, the
		// sign-up prompt and the similar threads below it go, and so do
		// the posters' signatures, and so does the thread's title (the
		// page's title, not a post); the opening post (mostly links, so
		// not one of the run of records) and the replies stay.
		{name: "forum_frame", url: "https://board.example/t/winter-mooring.70/", typ: corpus.PageTypeForum,
			wantInText: []string{"I am collecting the harbours",
				"Kelp Point is full since October", "the crane is included"},
			notInText: []string{"Winter mooring: which harbours still have free berths?",
				"Welcome to the Harbour Town Board", "please read the board rules", "Join the discussion",
				"Create a free account", "Similar threads", "Crane prices this autumn", "The time now is",
				"Sailing the estuary since 1994", "rowing club treasurer"}},
		// A product page with a cookie settings panel that its markup
		// does not name: the panel's lines about cookies go; the
		// description and the specifications stay.
		{name: "product_cookies", url: "https://supplies.example/p/tin-kettle-1-5l/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A kettle of tinned steel", "held by a short chain", "Tinned steel, beech handle"},
			notInText:  []string{"uses cookies", "These cookies allow", "These cookies track"}},
		// A shop's category page: its sorting and filtering controls,
		// the cart buttons, the shipping banner, the copyright line and
		// the section of products bought with these go; the products
		// stay.
		{name: "collection_controls", url: "https://supplies.example/c/camp-kitchen/", typ: corpus.PageTypeListing,
			wantInText: []string{"Everything for cooking outdoors", "Tin kettle", "£34.50", "made to be used every day"},
			notInText:  []string{"Sort by", "Filters", "Results per page", "Add to cart", "© 2026", "Customers also bought", "Sea chart poster", "Free delivery"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "chrome", tt.name, tt.url)
			if art.PageType != tt.typ {
				t.Errorf("page type %q, want %q", art.PageType, tt.typ)
			}
			checkText(t, art.Text, tt.wantInText, tt.notInText)
		})
	}
}

// TestIsCookieNotice: the lines of a cookie banner go; text about
// cookies that is not a site's notice stays.
func TestIsCookieNotice(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"This website uses first and third party cookies. By clicking \"agree\" or by continuing to browse this website, you consent to the use of cookies.", true},
		{"We use cookies to improve your experience.", true},
		{"To provide the best experiences, we use technologies like cookies to store and/or access device information.", true},
		{"The technical storage or access is strictly necessary for the legitimate purpose of enabling the use of a specific service.", true},
		{"Cookies collect information about how you use a website, like which pages you visited.", true},
		{"These cookies track your online activity to help advertisers deliver more relevant advertising.", true},
		{"To make the site work, we log user data. By using it, you agree to our Privacy Policy, including cookie policy.", true},
		{"Note that cookies are set on response objects. Since you normally just return strings from the view functions, Flask converts them.", false},
		{"Cookies are not used and no personal data is collected.", false},
		{"A session object persists cookies across all requests made from the session instance.", false},
		{"She baked cookies for the whole street every Sunday.", false},
	}
	for _, tt := range tests {
		if got := isCookieNotice(tt.line); got != tt.want {
			t.Errorf("isCookieNotice(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestIsChromeLine: controls and legal lines of a site go; text that
// merely names them stays.
func TestIsChromeLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Sign in", true},
		{"Sort by:", true},
		{"Filter & Sort", true},
		{"Privacy Policy", true},
		{"Related products", true},
		{"Share on Facebook", true},
		{"Copy Link", true},
		{"Share your ferry photos on Facebook", false},
		{"You may also like", true},
		{"© 2026 Harbour Supplies Ltd.", true},
		{"Copyright 2019-2026 The Board. All rights reserved.", true},
		{"Copyright law protects the expression of an idea, not the idea itself.", false},
		{"Sign in with the card you were given at the desk to borrow books.", false},
		{"Filters for the intake pump are changed every spring.", false},
		{"Hello,", false},
		{"Free shipping on orders over £50", true},
		{"Livraison offerte dès 299€", true},
		{"Returns & exchanges accepted", true},
		{"Returns & exchanges accepted within 30 days", true},
		{"Returns & exchanges accepted within 30 days of delivery, unless the item was made to order.", false},
		{"Free shipping was what made the shop's name, and the owners kept it through three price rises.", false},
		{"Sie könnten auch an folgenden Artikeln interessiert sein", true},
		{"Click to expand...", true},
		{"Loading...", true},
		{"Apply now", true},
		{"Choose options", true},
		{"Shop now", true},
		{"Quick view", true},
		{"Add to compare", true},
		{"Shop now and pay in three instalments with no interest.", false},
		{"Shop all the way down the quay before the market closes.", false},
		{"Apply now for the spring intake: the form closes on the first of March.", false},
		{"12 likes", true},
		{"3 Replies", true},
		{"1.2k views", true},
		{"12 likes for the first post of a thread that nobody read", false},
		{"9 Comments", false},
		// Counters and the unfold link in the other languages boards print.
		{"2 J’aime", true},
		{"5 Antworten", true},
		{"12 respuestas", true},
		{"318 visualizações", true},
		{"Нажмите для раскрытия...", true},
		{"Zum Erweitern klicken…", true},
		{"Cliquez pour agrandir...", true},
		{"2 J’aime les soupes d'hiver", false},
		{"Spend $65 to get free shipping", true},
		{"You're €20 away from free delivery", true},
		{"Select your region", true},
		{"You are now shopping in the currency AUD", true},
		// A bare "Cart" or "Panier" may be a product (a garden cart, a
		// wicker basket) or an API's object in a list; the basket's
		// label says whose it is.
		{"Cart", false},
		{"Panier", false},
		{"Votre panier", true},
		{"Mi carrito", true},
		{"Shopping Cart", true},
		{"Spend $65 to get free shipping on the first order, then $40 on every order after it for a year.", false},
		{"Select your region from the map and the table below lists the depots that deliver there.", false},
		{"The cart was drawn by two horses.", false},
		{"Select your country/region", true},
		{"Change country / currency", true},
		{"Select your region and click Next.", false},
		{"Choose your location type, then click Create.", false},
		// A rights line in the page's language, after the site's name.
		{"© 2026 Gazeta Górska. Wszelkie prawa zastrzeżone.", true},
		{"Все права защищены.", true},
		{"Copyright Musterverlag GmbH & Co. KG, Alle Rechte vorbehalten", true},
		{"Le photographe a gardé tous droits réservés sur ses images de la grève.", false},
	}
	for _, tt := range tests {
		if got := isChromeLine(tt.line); got != tt.want {
			t.Errorf("isChromeLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestIsWidgetLine: the lines of comment, rating and login widgets go
// wherever they stand in a page's main text; a post that talks about
// logging in stays.
func TestIsWidgetLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Kommentieren", true},
		{"Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können.", true},
		{"Wie bewerten Sie diesen Artikel? *", true},
		{"Leave a reply", true},
		{"I could not log in to the board all week, so I am posting from my phone instead.", false},
	}
	for _, tt := range tests {
		if got := isWidgetLine(tt.line); got != tt.want {
			t.Errorf("isWidgetLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestDropRelated: a teaser section opened by its heading goes; one
// followed by prose, or holding most of the page, stays. A head set as a
// plain line takes the run of two or more links after it.
func TestDropRelated(t *testing.T) {
	para := block{kind: kindPara, text: "A waxed cotton anorak cut long enough to sit on a wet bench without a second thought, with a hood that folds into the collar."}
	head := block{kind: kindHeading, text: "Customers also bought"}
	card := block{kind: kindPara, text: "Tide table 2027"}
	prose := block{kind: kindPara, text: strings.Repeat("The compass was made in the workshop by the harbour, ", 4)}
	line := block{kind: kindPara, text: "Check out other Related discussions"}
	link := block{kind: kindItem, text: "Best tide tables for the north coast?", link: 1}
	tests := []struct {
		name string
		in   []block
		want int
	}{
		{"teasers at the end", []block{para, para, para, head, card, card}, 3},
		{"prose after the heading", []block{para, para, para, head, prose}, 5},
		{"most of the page", []block{para, head, card, card, card, card, card, card, card, card, card, card}, 12},
		{"plain-line head over links", []block{para, para, para, line, link, link, link, para}, 4},
		{"plain-line head over one link", []block{para, para, para, line, link, para}, 6},
		{"plain-line head over prose", []block{para, para, para, line, para, para}, 6},
		{"a post's own links", []block{para, para, para, line, link, link, link, para}, 8},
	}
	for _, tt := range tests {
		// ownLinks reads the page; here a post's own links are named so.
		own := func(block, block) bool { return strings.HasPrefix(tt.name, "a post's") }
		if got := len(dropRelated(tt.in, own)); got != tt.want {
			t.Errorf("%s: %d blocks kept, want %d", tt.name, got, tt.want)
		}
	}
}

// TestRelatedHead: the heads of other pages' lists, headings or plain
// lines, boards' wordings among them; a lead-in of one discussion, a
// reading list and a sentence do not match.
func TestRelatedHead(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Customers also bought", true},
		{"Similar threads", true},
		{"Check out other Related discussions", true},
		{"See more similar questions:", true},
		{"Suggested topics", true},
		{"Related discussion:", false},
		{"Suggested reading", false},
		{"Similar threads come up every spring", false},
	}
	for _, tt := range tests {
		if got := reRelatedHead.MatchString(tt.in); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestDropLeadingLinks: a trail of two or more short links before the
// first heading goes; one link, or links that are all the text, stay. On
// a forum, a trail of longer forum names goes too; elsewhere, links of
// seven or eight words stay.
func TestDropLeadingLinks(t *testing.T) {
	link := block{kind: kindItem, text: "Forums", link: 1}
	board := block{kind: kindItem, text: "Harbour and Estuary Sailing (East Coast / Thames)", link: 1}
	head := block{kind: kindTitle, text: "Ferry timetable from May"}
	para := block{kind: kindPara, text: "The council says a new ferry timetable starts in May."}
	tests := []struct {
		name string
		in   []block
		want int
	}{
		{"trail", []block{link, link, link, head, para}, 2},
		{"one link", []block{link, head, para}, 3},
		{"links only", []block{link, link, link}, 3},
		{"after the heading", []block{head, link, link, para}, 4},
		{"forum's long names", []block{link, board, board, head, para}, 2},
		{"long names off a forum", []block{link, board, board, head, para}, 5},
	}
	for _, tt := range tests {
		forum := strings.HasPrefix(tt.name, "forum")
		if got := len(dropLeadingLinks(tt.in, forum)); got != tt.want {
			t.Errorf("%s: %d blocks kept, want %d", tt.name, got, tt.want)
		}
	}
}

func TestLabelKey(t *testing.T) {
	for in, want := range map[string]string{
		"Posts: 1,077":                        "Posts:",
		"Join Date: Aug 2008":                 "Join Date:",
		"New Member":                          "New Member",
		"Note to self: check the ferry times": "Note to self: check the ferry times",
	} {
		if got := labelKey(in); got != want {
			t.Errorf("labelKey(%q) = %q, want %q", in, got, want)
		}
	}
}
