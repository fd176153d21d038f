package extract

import "testing"

// TestHashedArticleChrome runs a hand-written story whose class names are
// hashed: its byline, its update stamp and a gallery of captioned
// pictures above the first paragraph carry no class word ("byline",
// "caption", "gallery"), so only the metadata's author, the shape of the
// lines and the captions' repeat of the pictures' alt texts tell them
// from the story.
func TestHashedArticleChrome(t *testing.T) {
	art := extractTestPage(t, "hashed", "article_gallery_hashed", "https://news.example/2026/11/harbour-wall")
	checkText(t, art.Text,
		[]string{"Repairs to the harbour wall began on Tuesday", "inner basin while the crane works"},
		[]string{"Mara Quill", "Updated 9:40", "Workers lower a concrete block", "arrived by barge", "Photo: Ann Lee", "Back to gallery"})
}

func TestNamesAuthor(t *testing.T) {
	p := &page{}
	names := []string{"mara quill", "jo de la cruz"}
	p.bylineNames = &names
	tests := []struct {
		line string
		want bool
	}{
		{"Mara Quill, Harbour Correspondent", true},
		{"Jo de la Cruz and Mara Quill Coast Weekly", true},
		{"Mara Quill said the wall would hold.", false}, // a sentence
		{"Quill", false},
		{"Maran Quill", false}, // whole words only
		// Openings that name the author but are the story's, with no
		// full stop: a lead, a dek, a first-person start.
		{"Mara Quill reports from the harbour, where the wall gave way in February", false},
		{"Mara Quill on why the harbour wall must be rebuilt", false},
		{"Mara Quill on Why the Harbour Wall Must Be Rebuilt", true}, // a dek only when the description says so (TestDekNamesAuthor)
		{"I am Mara Quill and I have fished from this harbour for nine winters", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := p.namesAuthor(tt.line); got != tt.want {
				t.Errorf("namesAuthor(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestBylineAboveDateLine(t *testing.T) {
	tests := []struct {
		name  string
		first block
		date  string
		want  bool // the first block is dropped
	}{
		{"names over a stamp", block{text: "Lena Ortiz and Tom Reyes Valley Courier"}, "Published 10:02 AM EST Nov 19, 2026", true},
		{"names over a bare date", block{text: "Lena Ortiz Valley Courier"}, "November 19, 2026", true},
		{"a sentence", block{text: "The council met on Tuesday."}, "Published 10:02 AM EST Nov 19, 2026", false},
		{"linked", block{text: "Lena Ortiz Valley Courier", link: 1}, "Published 10:02 AM EST Nov 19, 2026", false},
		{"a heading", block{text: "What the council decided", kind: kindHeading}, "Published 10:02 AM EST Nov 19, 2026", false},
		{"no date below", block{text: "Lena Ortiz Valley Courier"}, "The council met on Tuesday to vote on the budget.", false},
		{"a dek", block{text: "How the council split over the budget"}, "Published 10:02 AM EST Nov 19, 2026", false},
		{"a subheading", block{text: "Three votes, one budget and a long night"}, "November 19, 2026", false},
		{"a Title Case dek the description repeats", block{text: "How a City Learned to Live With the Dark"}, "Published 10:02 AM EST Nov 19, 2026", false},
		{"a byline in French", block{text: "Par Jean Dupont, envoyé spécial à Kyiv"}, "Publié le 19 novembre 2026 à 10h02", true},
	}
	story := block{text: "The council met on Tuesday to vote on the budget for the coming year, and the vote was close."}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &page{metas: map[string][]string{"description": {"How a city learned to live with the dark."}}}
			p.bylineNames = &[]string{}
			out := p.trimBlocks([]block{tt.first, {text: tt.date}, story})
			if got := len(out) == 0 || out[0].text != tt.first.text; got != tt.want {
				t.Errorf("dropped = %v, want %v (left %d blocks)", got, tt.want, len(out))
			}
		})
	}
}

// TestHashedArticleStoryKept runs a hand-written story with hashed class
// names whose dek names its author above the date stamp, and whose first
// paragraph sits beside a picture whose alt text the CMS filled from that
// paragraph: both are the story's (main at a165df00 dropped both).
func TestHashedArticleStoryKept(t *testing.T) {
	art := extractTestPage(t, "hashed", "article_dek_mediatext", "https://ledger.example/2026/11/kyiv-dark")
	checkText(t, art.Text,
		[]string{"Jane Doe on a city that keeps its lights on", "The first generator arrived on our street in October", "the trains still run on time"},
		nil) // the stamp under the dek is kept, as before ex32ha
}

// TestDekNamesAuthor: a Title Case dek that names the author opens the
// body; it is the page's description, so it stays, where a byline that
// names the author goes.
func TestDekNamesAuthor(t *testing.T) {
	story := block{text: "The harbour wall gave way in February, and the repairs have not begun."}
	tests := []struct {
		first string
		want  bool // the first block is dropped
	}{
		{"Mara Quill on Why the Harbour Wall Must Be Rebuilt", false},
		{"Mara Quill, Harbour Correspondent", true},
	}
	for _, tt := range tests {
		t.Run(tt.first, func(t *testing.T) {
			p := &page{metas: map[string][]string{"og:description": {"Mara Quill on why the harbour wall must be rebuilt"}}}
			p.bylineNames = &[]string{"mara quill"}
			out := p.trimBlocks([]block{{text: tt.first}, story})
			if got := out[0].text != tt.first; got != tt.want {
				t.Errorf("dropped = %v, want %v", got, tt.want)
			}
		})
	}
}
