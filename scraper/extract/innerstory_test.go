package extract

import "testing"

// TestInnerStories: other stories that land inside the element scoring
// chose go when they open as stories (a heading over a byline and a
// date, or an <article>) and tell of something else; entries of a live
// blog and a story's dated box of its own stay.
func TestInnerStories(t *testing.T) {
	tests := []struct {
		name       string
		wantInText []string
		notInText  []string
	}{
		// The story's text, then two dated <article>s of other news in
		// the body element (an endless scroll's): they go.
		{name: "inner_stories_dated",
			wantInText: []string{"The three keepers' cottages", "climb the tower on two weekends a year."},
			notInText:  []string{"Ferry fares to rise", "Passengers on the island ferry", "School hall reopens", "the third flood"}},
		// The same stories without byline or date, two blocks of one
		// kind under their own headings, outside any <article> that
		// holds the headline: they go.
		{name: "inner_stories_run",
			wantInText: []string{"The three keepers' cottages", "climb the tower on two weekends a year."},
			notInText:  []string{"Ferry fares to rise", "Passengers on the island ferry", "School hall reopens", "the third flood"}},
		// An interview's questions, two blocks of one kind under their
		// own headings, about the headline's subject: they stay.
		{name: "inner_sections_run",
			wantInText: []string{"For thirty years Elsa Brandt", "Why did the old ferry matter", "Patience, mostly.", "not charged their boats a mooring fee since."}},
		// A live blog: dated entries under their own headings, each
		// about the headline's storm: they stay.
		{name: "inner_live_blog",
			wantInText: []string{"Gales of up to ninety miles", "Power cut to four thousand homes", "Lifeboat called out", "Police have closed the coast road"}},
		// A morning briefing: an introduction, then four items, each under
		// a heading linking to its own story and about its own subject,
		// in the element the page names as the story's body (div.article-body
		// under the <h1>; review36f: at 9c0b21d4 three of the four went).
		// They stay.
		{name: "inner_briefing",
			wantInText: []string{"Good morning.", "Councillors meet tonight", "Cyclists get a marked lane", "the players would be back", "keep livestock under cover"}},
		// A survey story's methodology box, dated and under its own
		// heading, written in other words than the story: it stays.
		{name: "inner_method_box",
			wantInText: []string{"More than half of the city's tenants", "How this survey was done", "Interviews were carried out", "did not give an answer are left out."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "body", tt.name, "https://ledger.example/2026/12/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
		})
	}
}
