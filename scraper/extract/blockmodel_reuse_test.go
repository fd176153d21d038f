package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestReuseModel: the run weighModel keeps for a page of no type yet
// reads, once its first text is taken, as a new run would: first
// without the cards' titles, then (a page typed a listing late,
// otherPage) with them. As in TestKeepCardTitles the model is left
// aside: the linked blocks are dropped, the others kept. The first
// reading must leave the run's blocks whole (were it to reuse them in
// place, the second would read the wrong blocks).
func TestReuseModel(t *testing.T) {
	teaser := "The council met on the quay to hear what the harbour works will cost this year and who pays."
	titles := []string{"Harbour wall repairs start in spring", "Ferry timetable changes for the islands",
		"New berths for visiting yachts", "Fish market moves to the north quay"}
	cards := ""
	for i, title := range titles {
		cards += `<div class="c"><h3><a href="/s/` + strings.ReplaceAll(title, " ", "-") + `">` + title + `</a></h3>` +
			`<div class="d"><p>` + teaser + strings.Repeat(" Again.", i) + `</p></div></div>`
	}
	menu := `<ul><li><a href="/a">Home</a></li><li><a href="/b">Sports</a></li></ul>`
	tests := []struct {
		name   string
		body   string
		titles bool // whether the second reading adds the cards' titles
	}{
		{"cards", menu + `<h1>Harbour news</h1>` + cards + menu, true},
		{"prose", menu + `<h1>Harbour news</h1><p>` + teaser + `</p><p>` + teaser + `</p>` + menu, false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := mainBlocks(t, tt.body)
			r := p.runModel()
			for i, b := range r.bs {
				r.keep[i] = b.link < 0.3
			}
			bs, keep := slices.Clone(r.bs), slices.Clone(r.keep)
			first, _, _ := p.keptOfRun(r, "", false, make([]block, 0, r.kept()))
			checkKept(t, "first", first, bs, keep)
			p.keepCardTitles(bs, keep)
			second, _, _ := p.reuseModel(r, "")
			checkKept(t, "second", second, bs, keep)
			text := joinBlocks(second)
			if got := strings.Contains(text, titles[0]); got != tt.titles {
				t.Errorf("second reading holds the cards' titles: %v, want %v:\n%s", got, tt.titles, text)
			}
			if strings.Contains(joinBlocks(first), titles[0]) {
				t.Errorf("first reading holds the cards' titles:\n%s", joinBlocks(first))
			}
		})
	}
}

// checkKept fails t when got is not the blocks of bs that keep marks.
func checkKept(t *testing.T, what string, got, bs []block, keep []bool) {
	t.Helper()
	var want []block
	for i, b := range bs {
		if keep[i] {
			want = append(want, b)
		}
	}
	if g, w := joinBlocks(got), joinBlocks(want); g != w {
		t.Errorf("%s: got %q, want %q", what, g, w)
	}
}
