package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestCallsToAction: on a page that is not an article, a short line that
// is one link drawn as a button (role="button" or a button class word)
// and closes its section goes (dropButtonLinks); buttons followed by
// more of their section's text and a button that reads as a sentence
// stay. So do the lines that only invite the reader to act
// (dropInvites).
func TestCallsToAction(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "service_buttons", url: "https://quayside-heating.example/boiler-servicing", typ: corpus.PageTypeService,
			wantInText: []string{
				"An annual service costs £85", "diverter valves", "take the old one away",
				"Book a service See our prices", // followed by the hero's text
				"Read the terms of our guarantee.",
			},
			notInText: []string{"Book your annual service", "Get a repair"}},
		// The same page's invitations to act in words: short lines that
		// only ask the reader to call, book or get in touch go
		// (dropInvites); a line that says what the booking is ("Book
		// online: ...") and the prices stay, and so do a heading ("Ready
		// to book your sweep?") and a longer line ("Get in touch and we
		// will find a slot before the cold weather.").
		{name: "service_invites", url: "https://hearthside.example/chimney-sweeping", typ: corpus.PageTypeService,
			wantInText: []string{"Sweep only: £65", "Book online: pick a morning", "A sweep and an inspection",
				"We fit guards to most pots in under an hour.", "Ready to book your sweep?",
				"Get in touch and we will find a slot before the cold weather."},
			notInText: []string{"Call us today for a free quote", "Connect with us today",
				"Already have an account"}}, // a site notice on the block model's path (mainOfOther's dropSiteNotices)
		// A service page whose cards close with links (which go, here
		// before dropCardActions already: TestCardAction tests it) and
		// whose invitation heading stands over a form alone: it heads
		// nothing and goes (dropInviteHeads); "Contact us" over the
		// address stays.
		{name: "service_cards", url: "https://ledgerwell.example/bookkeeping-for-small-firms", typ: corpus.PageTypeService,
			wantInText: []string{"by the fifth working day.", "teams of two to fifty.",
				"what to put aside.", "Contact us", "4 Mill Lane"},
			notInText: []string{"Start your books", "See payroll plans", "Let's talk"}},
	})
}

// TestDropInvites: short lines that only invite the reader to act go; a
// line that gives a number, an address, a colon or more than eight words,
// and a heading, stay (review17b's misfires).
func TestDropInvites(t *testing.T) {
	for _, tt := range []struct {
		line    string
		heading bool
		drop    bool
	}{
		{line: "Call us today", drop: true},
		{line: "Ready to book your sweep?", drop: true},
		{line: "Book a free consultation", drop: true},
		{line: "Get in touch", drop: true},
		{line: "Register now", drop: true},
		{line: "Ready to wear?", heading: true},
		{line: "Call us on 0800 123 456 for a same-day visit, at any hour of any day of the year."},
		{line: "Contact us within 14 days if soot marks appear and we clean them at no cost."},
		{line: "Email us at office@example.org and we reply within one working day."},
		{line: "Get a quote within 24 hours from one of our certified engineers."},
		{line: "Book a consultation with one of our twelve licensed architects in Bath."},
		{line: "Register now for the 2027 conference, held in Lisbon from 3 to 5 June."},
		{line: "Talk with our nurses any time of the day or night, in confidence."},
		{line: "Ready to burn wood this winter? We line flues in every village on the moor."},
		{line: "Start for free: a monthly grant of credits"},
	} {
		b := block{text: tt.line, kind: kindPara}
		if tt.heading {
			b.kind = kindHeading
		}
		got := len(dropInvites([]block{b})) == 0
		if got != tt.drop {
			t.Errorf("%q (heading %v): dropped %v, want %v", tt.line, tt.heading, got, tt.drop)
		}
	}
}

// TestKeepListedButtons: a run of buttons that closes a section goes,
// unless a line with a colon announces it.
func TestKeepListedButtons(t *testing.T) {
	line := func(s string) block { return block{text: s, kind: kindPara} }
	for _, tt := range []struct {
		name string
		bs   []block
		drop []bool // what dropButtonLinks marked
		want []bool
	}{
		{"two buttons go", []block{line("Our boilers last."), line("Book now"), line("Prices")},
			[]bool{false, true, true}, []bool{false, true, true}},
		{"five chips after a sentence go", []block{line("Brands."), line("A"), line("B"), line("C"), line("D"), line("E")},
			[]bool{false, true, true, true, true, true}, []bool{false, true, true, true, true, true}},
		{"announced stay", []block{line("We fit these makes:"), line("Vaillant"), line("Worcester")},
			[]bool{false, true, true}, []bool{false, false, false}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			drop := append([]bool(nil), tt.drop...)
			keepListedButtons(tt.bs, drop)
			for i := range drop {
				if drop[i] != tt.want[i] {
					t.Errorf("line %d %q: drop %v, want %v", i, tt.bs[i].text, drop[i], tt.want[i])
				}
			}
		})
	}
}

// TestCardAction: a short link between a paragraph of prose and the next
// heading (or the end) closes a card; a link over more text, after a
// heading or a short line, an item, a sentence or a long link stays.
func TestCardAction(t *testing.T) {
	prose := block{text: "We reconcile your bank feeds every week and send a summary.", kind: kindPara}
	head := block{text: "Payroll", kind: kindHeading}
	link := func(s string) block { return block{text: s, kind: kindPara, link: 1} }
	item := link("VAT for beginners")
	item.item = true
	for _, tt := range []struct {
		name string
		bs   []block
		want bool // cardAction(bs, 1)
	}{
		{"closes a card", []block{prose, link("Start your books"), head}, true},
		{"closes the text", []block{prose, link("Start your books")}, true},
		{"text follows", []block{prose, link("Start your books"), prose}, false},
		{"after a heading", []block{head, link("Start your books"), head}, false},
		{"after a short line", []block{{text: "Monthly plans.", kind: kindPara}, link("Start your books"), head}, false},
		{"an item", []block{prose, item, head}, false},
		{"a sentence", []block{prose, link("Read our terms."), head}, false},
		{"six words", []block{prose, link("Read all about our monthly plans"), head}, false},
		{"half linked", []block{prose, {text: "Start your books", kind: kindPara, link: 0.5}, head}, false},
		{"a phone number", []block{prose, link("0113 000 0000"), head}, false},
		{"a mailbox", []block{prose, link("office@mill-lane.example"), head}, false},
		{"an address", []block{prose, link("Mill Lane, Leeds"), head}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := cardAction(tt.bs, 1); got != tt.want {
				t.Errorf("cardAction = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDropInviteHeads: a heading that invites and heads nothing (another
// heading or the end follows) goes; one with lines under it stays, and so
// does a heading that does not invite.
func TestDropInviteHeads(t *testing.T) {
	h := func(s string) block { return block{text: s, kind: kindHeading} }
	p := block{text: "4 Mill Lane, Hebden.", kind: kindPara}
	for _, tt := range []struct {
		name string
		bs   []block
		want int // blocks left
	}{
		{"at the end", []block{p, h("Let's talk")}, 1},
		{"before a heading", []block{p, h("Contact us"), h("Our offices"), p}, 3},
		{"twice at the end", []block{p, h("Let's connect"), h("Let's connect")}, 1},
		{"over its lines", []block{h("Contact us"), p}, 2},
		{"not an invitation", []block{p, h("Our offices")}, 2},
		{"a question over a heading", []block{p, h("Ready to wear?"), h("Coats")}, 3},
		{"a question at the end", []block{p, h("Ready to get started?")}, 1},
		{"the first line", []block{h("Contact us")}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(dropInviteHeads(tt.bs)); got != tt.want {
				t.Errorf("%d blocks left, want %d", got, tt.want)
			}
		})
	}
}
