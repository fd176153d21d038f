package extract

import (
	"reflect"
	"testing"
)

// TestKeepFeatureCards: a grid of title-and-sentence cards the model
// dropped between blocks it keeps comes back (with or without each
// card's "Learn more" link, which stays out); a grid after the last kept
// block, a run of two cards, linked teasers and one-line ratings stay
// out. A card's short linked title is not the link of the card before
// it. A dropped list of bullets of a sentence each pairs up as cards and
// comes back: the references keep a service page's feature bullets
// (review31c tried leaving them out: a page down in each half).
func TestKeepFeatureCards(t *testing.T) {
	p := func(s string) block { return block{text: s, at: -1} }
	l := func(s string) block { return block{text: s, link: 1, at: -1} }
	kept := p("Banking for small teams, without the paperwork.")
	card := []block{p("Fast setup"), p("Connect your bank in minutes and start sending invoices."),
		p("Clear reports"), p("See where the money goes with one page a month."),
		p("Shared cards"), p("Give each member a card with their own limit.")}
	linked := []block{l("Fast setup"), p("Connect your bank in minutes and start sending invoices."), l("Learn more"),
		l("Clear reports"), p("See where the money goes with one page a month."), l("Learn more"),
		l("Shared cards"), p("Give each member a card with their own limit."), l("Learn more")}
	bare := []block{l("Fast setup"), p("Connect your bank in minutes and start sending invoices."),
		l("Clear reports"), p("See where the money goes with one page a month."),
		l("Shared cards"), p("Give each member a card with their own limit.")}
	teasers := []block{p("From our blog"), l("How we cut our invoice run to a minute a week"),
		p("Product news"), l("Five things we shipped for small teams this spring"),
		p("Guides"), l("What a bank reconciliation is and when to do one")}
	it := func(s string) block { return block{text: s, kind: kindItem, item: true, at: -1} }
	bullets := []block{it("Unlimited invoices and quotes every month"), it("Up to five members on one account"),
		it("Reports by project and by client"), it("Reminders sent for you when bills are late"),
		it("Export to any accounting tool you use"), it("Support by mail within one working day")}
	ratings := []block{p("Ease of use"), p("Average: 8.7"), p("Support"), p("Average: 8.5"),
		p("Setup"), p("Average: 8.4")}
	join := func(parts ...[]block) []block {
		var out []block
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	marks := func(n int, at ...int) []bool {
		k := make([]bool, n)
		for _, i := range at {
			k[i] = true
		}
		return k
	}
	tests := []struct {
		name       string
		bs         []block
		keep, want []bool
	}{
		{"cards between kept blocks", join([]block{kept}, card, []block{kept}),
			marks(8, 0, 7), marks(8, 0, 1, 2, 3, 4, 5, 6, 7)},
		{"linked titles, links stay out", join([]block{kept}, linked, []block{kept}),
			marks(11, 0, 10), marks(11, 0, 1, 2, 4, 5, 7, 8, 10)},
		{"linked titles, no links", join([]block{kept}, bare, []block{kept}),
			marks(8, 0, 7), marks(8, 0, 1, 2, 3, 4, 5, 6, 7)},
		{"cards after the last kept block", join([]block{kept}, card),
			marks(7, 0), marks(7, 0)},
		{"two cards only", join([]block{kept}, card[:4], []block{kept}),
			marks(6, 0, 5), marks(6, 0, 5)},
		{"linked teasers", join([]block{kept}, teasers, []block{kept}),
			marks(8, 0, 7), marks(8, 0, 7)},
		{"bullets of a sentence each", join([]block{kept}, bullets, []block{kept}),
			marks(8, 0, 7), marks(8, 0, 1, 2, 3, 4, 5, 6, 7)},
		{"ratings", join([]block{kept}, ratings, []block{kept}),
			marks(8, 0, 7), marks(8, 0, 7)},
	}
	pg := &page{x: &contentExtractor{}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := append([]bool(nil), tt.keep...)
			pg.keepFeatureCards(tt.bs, keep, make([]bool, len(tt.bs)))
			if !reflect.DeepEqual(keep, tt.want) {
				t.Errorf("keep %v, want %v", keep, tt.want)
			}
		})
	}
}
