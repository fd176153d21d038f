package extract

import (
	"strings"
	"testing"
)

// TestKeepGridTitles: a recipe index's grid of title-only cards, one
// component, of which the model keeps the first three titles (the test
// keeps those whose text starts "Kept"): the rest of the grid comes
// back. Two kept are too few; a linked line in another slot (a rail of
// another component), linked list items in the grid's slot and titles
// above the headline stay dropped.
func TestKeepGridTitles(t *testing.T) {
	card := func(title string) string {
		return `<a class="card" href="/r/` + strings.ReplaceAll(title, " ", "-") + `"><div class="card-body">` +
			`<span class="card-title"><span class="title-text">` + title + `</span></span></div></a>`
	}
	kept := []string{"Kept one-pot rice dinners for busy weeks", "Kept easy winter casseroles from the oven", "Kept skillet dinners for two people"}
	more := []string{"Slow cooker dinners for every night", "Cheap potato recipes to make again", "Cozy recipes for a snowy day"}
	grid := func(titles ...string) string {
		s := `<div class="grid">`
		for _, tt := range titles {
			s += card(tt)
		}
		return s + `</div>`
	}
	rail := `<div class="rail"><p><a href="/x">Our most popular stories of the week so far</a></p></div>`
	items := `<ul class="grid">`
	for _, tt := range append(append([]string{}, kept...), more...) {
		items += `<li><a href="/r">` + tt + `</a></li>`
	}
	items += `</ul>`
	all := append(append([]string{}, kept...), more...)
	tests := []struct {
		name       string
		body       string
		kept, lost []string
	}{
		{"a grid", `<h1>Dinner recipes</h1>` + grid(all...), all, nil},
		{"two kept", `<h1>Dinner recipes</h1>` + grid(append(kept[:2:2], more...)...), kept[:2], more},
		{"another slot", `<h1>Dinner recipes</h1>` + grid(kept...) + rail, kept, []string{"Our most popular stories"}},
		{"list items", `<h1>Dinner recipes</h1>` + items, kept, more},
		{"above the headline", grid(more...) + `<h1>Dinner recipes</h1>` + grid(kept...), kept, more},
		{"a rail of the same cards under its own heading", `<h1>Dinner recipes</h1>` + grid(kept...) +
			`<h2>Trending on the site</h2>` + grid(more...), kept, more},
		{"a title before the kept ones", `<h1>Dinner recipes</h1><h2>Popular this week</h2>` + grid(append(more[:1:1], kept...)...),
			append(more[:1:1], kept...), nil},
		{"the grid goes on under a heading the model keeps", `<h1>Dinner recipes</h1>` + grid(kept...) +
			`<h2>Kept heading: soups</h2>` + grid(more...), append(append([]string{}, kept...), more...), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, bs := mainBlocks(t, tt.body)
			keep := keptMarks(bs)
			p.keepGridTitles(bs, keep, make([]bool, len(bs)))
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

// keptMarks stands in for the block model's choice in the tests of the
// rules that put blocks back: it keeps the page's title and the blocks
// whose text begins "Kept".
func keptMarks(bs []block) []bool {
	keep := make([]bool, len(bs))
	for i, b := range bs {
		keep[i] = strings.HasPrefix(b.text, "Kept") || b.kind == kindTitle
	}
	return keep
}
