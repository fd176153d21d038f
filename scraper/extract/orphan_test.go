package extract

import (
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestOrphanHeadPages runs pages written for dropOrphanHeads
// (testdata/nontext): a heading whose section the block model drops
// whole goes on a product page or a listing; it stays over a short
// section, over cards whose linked titles are its headings, and on a
// service page.
func TestOrphanHeadPages(t *testing.T) {
	tests := []textPage{
		// A product page closing with a rail of four linked products
		// under "Complete your kit": the rail and now its heading go;
		// the headings whose sections stay ("Details", "Care") stay.
		{name: "product_rails", url: "https://supplies.example/p/harbour-deck-shoe/", typ: corpus.PageTypeProduct,
			wantInText: []string{"Details", "Care", "Upper: oiled full-grain leather", "Feed it with wax twice a season."},
			notInText:  []string{"Complete your kit", "Wool sea socks"}},
		// The same page with a rail of two products, under orphanWords
		// words: the heading stays.
		{name: "product_shortrail", url: "https://supplies.example/p/harbour-deck-shoe/", typ: corpus.PageTypeProduct,
			wantInText: []string{"Details", "Care", "Complete your kit"}},
		// A listing whose cards are a linked title over a teaser that
		// the model drops: the titles stay. (The model's text is not
		// taken here, so the page does not reach the link gate, which
		// TestDropOrphanHeads checks.)
		{name: "listing_titles", url: "https://supplies.example/c/deck-shoes/", typ: corpus.PageTypeListing,
			wantInText: []string{"Harbour Deck Shoe", "Pontoon Canvas Shoe", "Regatta Moccasin", "Quay Slip-on"}},
		// The same listing with plain-text titles over linked teasers
		// the model drops (review18b): a run of three or more headings
		// over short dropped sections is a grid of cards, whose titles
		// stay.
		{name: "listing_plain_titles", url: "https://supplies.example/c/deck-shoes/", typ: corpus.PageTypeListing,
			wantInText: []string{"Harbour Deck Shoe", "Pontoon Canvas Shoe", "Regatta Moccasin", "Quay Slip-on"}},
		// A service page with the rail of the first page: the heading
		// stays (a service page's lone headings are taglines and form
		// titles, which the references keep).
		{name: "service_rails", url: "https://quaysail.example/services/sail-repairs", typ: corpus.PageTypeService,
			wantInText: []string{"How a repair works", "Looking after a sail", "Complete your kit"}},
	}
	runTextPages(t, tests)
}

// textPage is a page of testdata/nontext and what its text must hold
// and leave out.
type textPage struct {
	name, url, typ string
	wantInText     []string
	notInText      []string
}

func runTextPages(t *testing.T, tests []textPage) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "nontext", tt.name, tt.url)
			if art.PageType != tt.typ {
				t.Errorf("page type %q, want %q", art.PageType, tt.typ)
			}
			checkText(t, art.Text, tt.wantInText, tt.notInText)
		})
	}
}

// TestDropOrphanHeads: a kept heading over 20 words or more of dropped
// blocks, up to the next heading, is unmarked and its place returned;
// a heading with a kept block under it, over fewer words, linked, or
// dropped already stays as it is.
func TestDropOrphanHeads(t *testing.T) {
	h := func(s string, at int32) block { return block{text: s, kind: kindHeading, at: at} }
	p := func(s string) block { return block{text: s} }
	long := p("Wool sea socks in a thick rib of undyed wool, leather wax in a tin, a canvas day bag and an oilskin smock")
	linked := h("Harbour Deck Shoe", 7)
	linked.link = 1
	tests := []struct {
		name string
		bs   []block
		keep []bool
		want []bool
		at   []int32
	}{
		{"orphan", []block{h("Details", 1), p("Upper: leather"), h("Complete your kit", 2), long},
			[]bool{true, true, true, false}, []bool{true, true, false, false}, []int32{2}},
		{"orphan at the end of a run of dropped blocks", []block{h("Reviews", 3), long, long, h("Care", 4), p("Wax it.")},
			[]bool{true, false, false, true, true}, []bool{false, false, false, true, true}, []int32{3}},
		{"a kept block under it", []block{h("Complete your kit", 2), long, p("£14.00")},
			[]bool{true, false, true}, []bool{true, false, true}, nil},
		{"too few words", []block{h("Complete your kit", 2), p("Sea socks"), p("Leather wax")},
			[]bool{true, false, false}, []bool{true, false, false}, nil},
		{"linked", []block{linked, long},
			[]bool{true, false}, []bool{true, false}, nil},
		{"dropped already", []block{h("Complete your kit", 2), long},
			[]bool{false, false}, []bool{false, false}, nil},
		{"next heading first", []block{h("Details", 1), h("Care", 4), long},
			[]bool{true, true, false}, []bool{true, false, false}, []int32{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := append([]bool(nil), tt.keep...)
			at := dropOrphanHeads(tt.bs, keep)
			for i := range keep {
				if keep[i] != tt.want[i] {
					t.Errorf("keep %v, want %v", keep, tt.want)
					break
				}
			}
			if len(at) != len(tt.at) {
				t.Errorf("places %v, want %v", at, tt.at)
			}
			for _, a := range tt.at {
				if !at[a] {
					t.Errorf("places %v, want %v", at, tt.at)
				}
			}
		})
	}
}

// TestWithoutOrphans: the body's headings at the orphans' places go,
// other blocks at those places and other headings stay.
func TestWithoutOrphans(t *testing.T) {
	bs := []block{{text: "Details", kind: kindHeading, at: 1}, {text: "Upper: leather", at: 2},
		{text: "Complete your kit", kind: kindHeading, at: 5}, {text: "£14.00", at: 2}}
	got := strings.Join(blockTexts(withoutOrphans(bs, map[int32]bool{5: true, 2: true})), "|")
	if want := "Details|Upper: leather|£14.00"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := len(withoutOrphans(bs, nil)); got != len(bs) {
		t.Errorf("nil places: %d blocks, want %d", got, len(bs))
	}
}

// TestDialogPages runs pages written for the dialogs rule (modelKeptOf,
// isDialog): a shop's cart drawer (aria-modal) and a sign-up
// pop-up (role dialog) go from a product page's text; a product page
// whose whole text sits in a dialog (a quick view saved as a page)
// keeps it, and so does an article.
func TestDialogPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_dialogs", url: "https://supplies.example/p/harbour-deck-shoe/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A deck shoe of oiled brown leather", "Details", "Upper: oiled full-grain leather", "Care"},
			notInText:  []string{"Your basket is waiting", "Have an account?", "Ten per cent off your first order"}},
		{name: "product_quickview", url: "https://supplies.example/p/harbour-deck-shoe/", typ: corpus.PageTypeProduct,
			wantInText: []string{"A deck shoe of oiled brown leather", "Details", "Upper: oiled full-grain leather", "Care"}},
		// An article with a sign-up pop-up and a heading over a rail of
		// related links: its text is the article's, as on main (the
		// rules are for pages that are not articles).
		{name: "article_dialog", url: "https://packet.example/news/2026/03/02/harbour-dredging/", typ: corpus.PageTypeArticle,
			wantInText: []string{"Dredging of the inner harbour will start", "What the dredging costs", "£1.2 million"},
			notInText:  []string{"Get the Packet every morning", "More from the harbour"}},
		// A list of stories with one story open in a modal
		// (role=dialog, aria-modal) at its URL (review18b): a dialog
		// that holds an h1 is the page's own content, and stays.
		{name: "listing_modal_story", url: "https://news.example/stories/harbour-wall-repairs-begin", typ: corpus.PageTypeListing,
			wantInText: []string{"Tom Pascoe has mended the nets of every boat"}},
	})
}

// TestIsDialog: closed <dialog>s, the dialog roles and aria-modal are
// dialogs; an open <dialog>, other roles and aria-modal="false" are not.
func TestIsDialog(t *testing.T) {
	tests := []struct {
		markup string
		want   bool
	}{
		{`<dialog>x</dialog>`, true},
		{`<dialog open>x</dialog>`, false},
		{`<div role="dialog">x</div>`, true},
		{`<div role="alertdialog">x</div>`, true},
		{`<div aria-modal="true">x</div>`, true},
		{`<div aria-modal="false">x</div>`, false},
		{`<div role="tabpanel">x</div>`, false},
		{`<section role="region">x</section>`, false},
	}
	for _, tt := range tests {
		n := mustParseFragment(t, tt.markup)
		if got := isDialog(n); got != tt.want {
			t.Errorf("isDialog(%s) = %v, want %v", tt.markup, got, tt.want)
		}
	}
}
