package extract

import (
	"strings"
	"testing"
)

// TestStoryLinkLines: a linked line standing alone between two unlinked
// blocks of the story is the story's (a heading that links its subject,
// a row of a table of readings); a run of linked lines, a line at the
// body's edge, a promotion ("Related:", capitals, an address to the
// reader), a long linked paragraph, a label printed twice and a linked
// list item are not.
func TestStoryLinkLines(t *testing.T) {
	para := block{kind: kindPara, text: "The council met on Tuesday to discuss the harbour plan, which residents opposed."}
	after := block{kind: kindPara, text: "Residents said the plan would change the district for good."}
	linked := func(kind blockKind, text string) block { return block{kind: kind, link: 1, text: text} }
	for _, tc := range []struct {
		name string
		bs   []block
		want int // index tested
		keep bool
	}{
		{"heading linking its subject", []block{para, linked(kindHeading, "The old ferry terminal"), after}, 1, true},
		{"a row of a table", []block{para, linked(kindRow, "Harbour master"), after}, 1, true},
		{"a short linked paragraph", []block{para, linked(kindPara, "The harbour authority's plan"), after}, 1, true},
		{"a run of two", []block{para, linked(kindPara, "Ferry fares rise again"), linked(kindPara, "New bridge opens"), after}, 1, false},
		{"at the end", []block{para, after, linked(kindPara, "Ferry fares rise again")}, 2, false},
		{"at the start", []block{linked(kindPara, "Ferry fares rise again"), para, after}, 0, false},
		{"related label", []block{para, linked(kindPara, "Related: Ferry fares rise again"), after}, 1, false},
		{"french label", []block{para, linked(kindPara, "Lire aussi : le port ferme"), after}, 1, false},
		{"capitals", []block{para, linked(kindPara, "FERRY FARES RISE AGAIN"), after}, 1, false},
		{"to the reader", []block{para, linked(kindPara, "Follow the harbour desk on social media"), after}, 1, false},
		{"learn more", []block{para, linked(kindPara, "Learn more about the harbour tools"), after}, 1, false},
		{"german more information", []block{para, linked(kindPara, "Weitere Informationen gibt es beim Hafenamt."), after}, 1, false},
		{"a price", []block{para, linked(kindPara, "$52 Harbour print"), after}, 1, false},
		{"long linked paragraph", []block{para, linked(kindPara, strings.Repeat("harbour plan ", 10)), after}, 1, false},
		{"list item", []block{para, linked(kindItem, "Ferry fares"), after}, 1, false},
		{"label printed twice", []block{para, linked(kindPara, "The full harbour report"), after, linked(kindPara, "The full harbour report"), para}, 1, false},
	} {
		if got := storyLinkLines(tc.bs)[tc.want]; got != tc.keep {
			t.Errorf("%s: storyLinkLines = %v, want %v", tc.name, got, tc.keep)
		}
	}
}

// TestStoryLinkLinePage: a story whose sections open with linked
// headings keeps them; the "Related:" line set alone in it and the
// linked headlines that follow it still go.
func TestStoryLinkLinePage(t *testing.T) {
	p := func(s string) string { return "<p>" + s + "</p>" }
	page := `<html><head><title>Harbour</title><meta property="og:type" content="article"></head><body><article>
<h1>The harbour plan</h1>` +
		p("The council met on Tuesday to discuss the harbour plan, which residents said would change the district, its fishing boats, its ferries and its market, for a generation.") +
		`<h2><a href="/terminal">The old ferry terminal</a></h2>` +
		p("The terminal, built in 1921, would be torn down and rebuilt further up the quay, where the water is deeper and the ferries can turn without tugs.") +
		p(`<a href="/x">Related: Ferry fares rise again this winter</a>`) +
		p("Fishermen fear the new quay will take the berths they have used for decades, and several said they would go to court, to the minister and to the press.") +
		`<h2><a href="/market">The fish market</a></h2>` +
		p("The market hall stays, but its opening hours would change, and the stalls along the quay would move inside, where the rents are higher and the light is poor.") +
		p("The vote is expected next month, after a last public meeting at the town hall, where the plan's authors will answer questions from residents.") +
		`<ul><li><a href="/a">Ferry fares rise again this winter</a></li><li><a href="/b">New bridge opens to traffic</a></li></ul>
</article></body></html>`
	art, err := Extract(Input{URL: "https://example.com/news/harbour-plan", Body: []byte(page), ContentType: "text/html; charset=utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The old ferry terminal", "The fish market", "The vote is expected"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, art.Text)
		}
	}
	for _, not := range []string{"Related:", "New bridge opens"} {
		if strings.Contains(art.Text, not) {
			t.Errorf("text keeps %q:\n%s", not, art.Text)
		}
	}
}
