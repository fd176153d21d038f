package extract

import (
	"strings"
	"testing"
)

// TestKeepCardTitles: on a listing whose teasers the model keeps, the
// linked title right above each teaser, in its card, comes back when
// three cards or more stand so. Two cards, a "Read more" link, a link
// under its teaser, a link of another section over a paragraph and a
// menu's items over their descriptions above the headline stay out. The model is left aside: every unlinked block is kept, every
// linked one dropped, as the model does on such fronts.
func TestKeepCardTitles(t *testing.T) {
	card := func(title, teaser string) string {
		return `<div class="c"><h3><a href="/s/` + strings.ReplaceAll(title, " ", "-") + `">` + title + `</a></h3>` +
			`<div class="d"><p>` + teaser + `</p></div></div>`
	}
	teaser := "The council met on the quay to hear what the harbour works will cost this year."
	titles := []string{"Harbour wall repairs start in spring", "Ferry timetable changes for the islands",
		"New berths for visiting yachts", "Fish market moves to the north quay"}
	four := ""
	for i, tt := range titles {
		four += card(tt, teaser+strings.Repeat(" Again.", i))
	}
	tests := []struct {
		name       string
		body       string
		kept, lost []string
	}{
		{"four cards", four, titles, nil},
		{"four cards under the headline", `<h1>Harbour news</h1>` + four, titles, nil},
		{"a menu above the headline", four + `<h1>Harbour news</h1><p>` + teaser + `</p>`, nil, titles},
		{"two cards", card(titles[0], teaser) + card(titles[1], teaser+" Again."), nil, titles[:2]},
		{"read more", strings.Repeat(`<div class="c"><a href="/x">Read more</a><p>`+teaser+`</p></div>`, 4), nil, []string{"Read more"}},
		{"link under its teaser", strings.Repeat(`<div class="c"><p>`+teaser+`</p><a href="/x">Harbour wall repairs start in spring</a></div>`, 4),
			nil, []string{"Harbour wall repairs start in spring"}},
		{"another section's link", strings.Repeat(`<section><div><div><div><div><ul><li><a href="/x">Harbour wall repairs start in spring</a></li></ul></div></div></div></div></section>`+
			`<section><div><div><div><div><p>`+teaser+`</p></div></div></div></div></section>`, 4), nil, []string{"Harbour wall repairs start in spring"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, bs := mainBlocks(t, tt.body)
			keep := make([]bool, len(bs))
			for i, b := range bs {
				keep[i] = b.link < 0.3
			}
			p.keepCardTitles(bs, keep)
			var got []string
			for i, b := range bs {
				if keep[i] {
					got = append(got, b.text)
				}
			}
			text := strings.Join(got, "\n")
			checkText(t, text, tt.kept, tt.lost)
		})
	}
}
