package extract

import (
	"strings"
	"testing"
)

// TestDropFilterBoxes: a job board's filter panel of drop-downs, named
// "search-filters", goes with its labels; the results stay. A box so
// named that holds a sentence (a category's introduction in the side
// column) stays, and so does one holding a third of the text or more (a
// wrapper around the results), and one holding a grid's linked titles (a
// shop's class made of its category's name), and one whose class word
// only starts with "filters".
func TestDropFilterBoxes(t *testing.T) {
	panel := `<div class="search-filters"><p>Location</p><p>Hours worked</p><p>Seniority</p>` +
		`<button>Clear all</button></div>`
	intro := `<div class="side-filters"><p>Find your next role at a firm that works four days a week at full pay.</p>` +
		`<p>Seniority</p></div>`
	job := func(title, place string) string {
		return `<div class="job"><h3><a href="/j">` + title + `</a></h3><p>` + place + ` · four days a week · full pay</p></div>`
	}
	results := job("Senior gameplay engineer", "Remote, Canada") + job("Full stack developer", "Remote, Romania") +
		job("Observability engineer", "Remote, anywhere") + job("Support tooling engineer", "Remote, anywhere") +
		job("Frontend engineer", "Remote, USA") + job("Integrations engineer", "Remote, USA")
	// A shop's class made of the category's name ("water-filters") on the
	// wrapper of the product grid, with a buying guide longer than the grid.
	product := func(title string) string {
		return `<div class="product"><h3><a href="/p">` + title + `</a></h3><p>£24.99</p></div>`
	}
	products := `<div class="products collection-water-filters">` + product("Jug filter cartridges for hard water, pack of three") +
		product("Under sink filter system with a chrome tap") + product("Fridge water filter for most double door fridges") +
		product("Shower head filter with vitamin C beads") + `</div>`
	guide := `<h2>Buying guide</h2><p>` + strings.Repeat("Hard water leaves scale in kettles and a film on tea, and a filter takes most of it out. ", 8) + `</p>`
	tests := []struct {
		name       string
		body       string
		kept, lost []string
	}{
		{"a panel of drop-downs", `<h1>Remote jobs</h1>` + panel + results,
			[]string{"Senior gameplay engineer", "Integrations engineer"}, []string{"Hours worked", "Clear all", "Location"}},
		{"a box with a sentence", `<h1>Remote jobs</h1>` + intro + results,
			[]string{"Find your next role", "Seniority", "Senior gameplay engineer"}, nil},
		{"a wrapper around the results", `<h1>Remote jobs</h1><p>` + strings.Repeat("Every firm on this board works a four day week at full pay. ", 6) +
			`</p><div class="results-with-filters">` + results + `</div>`,
			[]string{"Senior gameplay engineer", "Integrations engineer"}, nil},
		{"a class word that only starts so", `<h1>Remote jobs</h1>` + strings.ReplaceAll(panel, "search-filters", "filtersweep") + results,
			[]string{"Hours worked", "Senior gameplay engineer"}, nil},
		{"a grid named after its products", `<h1>Water filters</h1>` + products + guide,
			[]string{"Jug filter cartridges", "Shower head filter with vitamin C beads", "Hard water leaves scale"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, bs := mainBlocks(t, tt.body)
			var got []string
			for _, b := range p.dropFilterBoxes(bs) {
				got = append(got, b.text)
			}
			checkText(t, strings.Join(got, "\n"), tt.kept, tt.lost)
		})
	}
}
