package extract

import (
	"strings"
	"testing"
)

// TestStoryLines: a linked line alone between two paragraphs of the
// story's prose is the story's (a heading that links its subject, a row
// of a table, a short linked paragraph); a run of two linked lines, a
// line before the first paragraph or after the last, a headline in
// capitals, an address to the reader, a long linked paragraph, a list
// item and a label printed twice are not.
func TestStoryLines(t *testing.T) {
	para := block{kind: kindPara, text: "The council met on Tuesday to discuss the harbour plan, which residents opposed."}
	after := block{kind: kindPara, text: "Residents said the plan would change the district and its market for good."}
	linked := func(kind blockKind, text string) block { return block{kind: kind, link: 1, text: text} }
	for _, tc := range []struct {
		name string
		bs   []block
		at   int // index tested
		keep bool
	}{
		{"heading linking its subject", []block{para, linked(kindHeading, "The old ferry terminal"), after}, 1, true},
		{"a row of a table", []block{para, linked(kindRow, "Harbour master"), after}, 1, true},
		{"a short linked paragraph", []block{para, linked(kindPara, "The harbour authority's plan"), after}, 1, true},
		{"a label before a colon", []block{para, linked(kindPara, "Source files: harbour.csv"), after}, 1, true},
		{"a run of two", []block{para, linked(kindPara, "Ferry fares rise again"), linked(kindPara, "New bridge opens"), after}, 1, false},
		{"after the last paragraph", []block{para, after, linked(kindPara, "Back to the overview")}, 2, false},
		{"between the last paragraph and a short line", []block{para, after, linked(kindPara, "Ferry fares rise"), {kind: kindPara, text: "Photo: archive"}}, 2, false},
		{"before the first paragraph", []block{linked(kindPara, "Ferry fares rise again"), para, after}, 0, false},
		{"capitals", []block{para, linked(kindPara, "FERRY FARES RISE AGAIN"), after}, 1, false},
		{"to the reader", []block{para, linked(kindPara, "Follow the harbour desk on social media"), after}, 1, false},
		{"to the reader in french", []block{para, linked(kindPara, "Suivez le port sur les réseaux"), after}, 1, false},
		{"long linked paragraph", []block{para, linked(kindPara, strings.Repeat("harbour plan ", 16)), after}, 1, false},
		{"list item", []block{para, linked(kindItem, "Ferry fares"), after}, 1, false},
		{"label printed twice", []block{para, linked(kindPara, "The full harbour report"), after, linked(kindPara, "The full harbour report"), para}, 1, false},
	} {
		marks := storyLines(tc.bs)
		if got := marks != nil && marks[tc.at]; got != tc.keep {
			t.Errorf("%s: storyLines = %v, want %v", tc.name, got, tc.keep)
		}
	}
}

// TestStoryLinesPage: an article whose sections open with linked
// headings keeps them, and so does a short linked line between its
// paragraphs; the list of other stories after its last paragraph and a
// headline in capitals between its paragraphs still go. A page that is
// not an article is typed and filled without the lines.
func TestStoryLinesPage(t *testing.T) {
	p := func(s string) string { return "<p>" + s + "</p>" }
	page := `<html><head><title>Harbour</title><meta property="og:type" content="article"></head><body><article>
<h1>The harbour plan</h1>` +
		p("The council met on Tuesday to discuss the harbour plan, which residents said would change the district, its fishing boats, its ferries and its market, for a generation.") +
		`<h2><a href="/terminal">The old ferry terminal</a></h2>` +
		p("The terminal, built in 1921, would be torn down and rebuilt further up the quay, where the water is deeper and the ferries can turn without tugs.") +
		p(`<a href="/report.pdf">The harbour authority's full plan</a>`) +
		p("Fishermen fear the new quay will take the berths they have used for decades, and several said they would go to court, to the minister and to the press.") +
		p(`<a href="/x">FERRY FARES RISE AGAIN THIS WINTER</a>`) +
		p("The market hall stays, but its opening hours would change, and the stalls along the quay would move inside, where the rents are higher and the light is poor.") +
		p("The vote is expected next month, after a last public meeting at the town hall, where the plan's authors will answer questions from residents.") +
		`<ul><li><a href="/a">Ferry fares rise again this winter</a></li><li><a href="/b">New bridge opens to traffic</a></li></ul>
</article></body></html>`
	art, err := Extract(Input{URL: "https://example.com/news/harbour-plan", Body: []byte(page), ContentType: "text/html; charset=utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	checkText(t, art.Text, []string{"The old ferry terminal", "The harbour authority's full plan", "The vote is expected"},
		[]string{"FERRY FARES", "New bridge opens"})
}
