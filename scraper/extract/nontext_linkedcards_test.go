package extract

import (
	"strings"
	"testing"
)

// TestKeepLinkedCards: the lines of cards drawn as one link each (a
// title and a sentence of description inside the link) come back when
// three cards or more of one link class stand after the headline. Two
// cards, cards of different classes, a menu's items in the navigation,
// links over a line that is no sentence, a rail of cards under a page
// with more text of its own than the cards hold, and cards above the
// headline stay out. The model is left aside: every unlinked block is
// kept, every linked one dropped, as the model does on such grids.
func TestKeepLinkedCards(t *testing.T) {
	desc := "Our team plans, builds and runs the systems that keep your accounts accurate all year."
	card := func(class, title, line string) string {
		return `<div class="col"><a class="` + class + `" href="/s/` + strings.ReplaceAll(title, " ", "-") + `">` +
			`<div class="body"><h3><span>` + title + `</span></h3><div class="desc">` + line + `</div>` +
			`<div class="more"><span>Find out more</span></div></div></a></div>`
	}
	titles := []string{"Audit services", "Tax advice", "Payroll support", "Risk review"}
	grid := func(classes []string, line string) string {
		s := ""
		for i, tt := range titles {
			s += card(classes[i], tt, strings.Repeat("Really ", i)+line)
		}
		return s
	}
	same := []string{"promo", "promo", "promo", "promo"}
	head := `<h1>Our services</h1><p>We help firms of every size with their books and their people.</p>`
	tests := []struct {
		name       string
		body       string
		kept, lost []string
	}{
		{"four cards", head + grid(same, desc), append([]string{desc}, titles...), nil},
		{"two cards", head + card("promo", titles[0], desc) + card("promo", titles[1], desc), nil, append([]string{desc}, titles[:2]...)},
		{"each card its class", head + grid([]string{"a", "b", "c", "d"}, desc), nil, titles},
		{"a menu in the navigation", head + `<nav>` + grid(same, desc) + `</nav>`, nil, titles},
		{"lines that are no sentence", head + grid(same, "Tools for busy teams who plan payroll and accounts and tax and hiring work"), nil, titles},
		{"a page with a text of its own", head + strings.Repeat(`<p>`+desc+` We answer within a day.</p>`, 6) + grid(same, desc), nil, titles},
		{"above the headline", grid(same, desc) + head, nil, titles},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, bs := mainBlocks(t, tt.body)
			_, fs, dialog := p.x.featureBlocksDialogs(p.bodyNode, p.sel)
			keep := make([]bool, len(bs))
			for i, b := range bs {
				keep[i] = b.link < 0.3
			}
			p.keepLinkedCards(bs, fs, keep, dialog)
			var got []string
			for i, b := range bs {
				if keep[i] {
					got = append(got, b.text)
				}
			}
			checkText(t, strings.Join(got, "\n"), tt.kept, tt.lost)
		})
	}
}
