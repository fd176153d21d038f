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
	tests := []struct {
		name, url, typ string
		wantInText     []string
		notInText      []string
	}{
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
		// online: ...") and the prices stay.
		{name: "service_invites", url: "https://hearthside.example/chimney-sweeping", typ: corpus.PageTypeService,
			wantInText: []string{"Sweep only: £65", "Book online: pick a morning", "A sweep and an inspection",
				"We fit guards to most pots in under an hour."},
			notInText: []string{"Call us today for a free quote", "Ready to book your sweep?", "Get in touch and we will find a slot",
				"Connect with us today"}},
	}
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
