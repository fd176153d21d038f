package extract

import (
	"slices"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestLinkedTitlePages: a page of press cuttings whose cards are a linked
// headline over a summary and a source line; the page is a listing and
// keeps its article-shaped body, from which the content walk dropped the
// headlines. They come back in their places; the cards' "More" buttons,
// the sort links and the linked headings of the related rail after the
// list do not.
func TestLinkedTitlePages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "listing_linked_titles", url: "https://brightwater.example/news/in-the-press", typ: corpus.PageTypeListing,
			wantInText: []string{
				"Altimira Middle School to bring high-impact tutoring to every year group in January\n\nThe district will pair",
				"Why one-on-one tutoring outperforms tutoring in pairs",
				"Council votes to keep funding tutoring in village schools",
				"25 November 2025 | The Valley Index",
			},
			notInText: []string{"More", "Newest", "Oldest", "Our own study", "become a tutor"}},
		// A blog index that declares an article, whose body found is its
		// run of teasers (teaserFront): the listing keeps that body, and
		// gets its headlines back; the linked headings of the rail after
		// it stay out.
		{name: "listing_teaser_titles", url: "https://quaystreet.example/news/harbour", typ: corpus.PageTypeListing,
			wantInText: []string{
				"New tide tables for the winter season are out\n\nThe harbour office has printed",
				"Sailing school wins a regional award for its youth courses\n\nThe judges praised",
			},
			notInText: []string{"The new bypass opens", "Rowing club takes"}},
	})
}

// TestListingTailTitles: a science section front whose body (the
// section's container) ends at the last card with a teaser: the content
// walk leaves out the title-only cards after it, which the block model
// keeps. They come back; the linked titles of the rail after the
// container do not.
func TestListingTailTitles(t *testing.T) {
	p := extractedPage(t, "testdata/nontext/listing_tail_titles.html", "https://riverside.example/science")
	kept, _, _ := p.modelKeptOf(corpus.PageTypeListing)
	tests := []struct {
		name string
		bs   []block
		want []string
		not  []string
	}{
		{"the body alone", p.blocks, nil, []string{"Nest boxes for swifts", "The moon rocket goes back", "Archaeology"}},
		{"with its titles", p.withListingTitles(p.blocks, kept),
			[]string{"Nest boxes for swifts", "Space\n\nThe moon rocket goes back", "Archaeology\n\nArchaeologists lift the lid",
				"Volunteers map the ditches of an iron age hill fort from the air"},
			[]string{"The town choir", "The rowing club"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkText(t, joinBlocks(tt.bs), tt.want, tt.not)
		})
	}
}

// TestWithCardTitles: the model's kept headings and linked lines of
// titleWords words or more between the body's first and last block, and
// a linked heading kept right before its first block, come back in
// document order; short linked lines, linked list items, unlinked lines,
// other blocks outside the body's span and blocks it holds already do
// not. After the body's last block, up to tail, linked headings and
// linked lines come back; an unlinked heading, a short link and blocks
// past tail do not.
func TestWithCardTitles(t *testing.T) {
	p := func(s string, at int32) block { return block{text: s, at: at} }
	l := func(s string, k blockKind, at int32) block { return block{text: s, kind: k, link: 1, at: at} }
	body := []block{p("Intro", 1), p("Summary one", 4), p("Summary two", 8), p("Last words", 12)}
	tests := []struct {
		name string
		kept []block
		want []string
		tail int32
	}{
		{"headings back in place", []block{p("Intro", 1), l("Title one", kindHeading, 3), p("Summary one", 4), l("Title two", kindHeading, 7), p("Summary two", 8)},
			[]string{"Intro", "Title one", "Summary one", "Title two", "Summary two", "Last words"}, -1},
		{"a linked line of four words", []block{l("A title of four words", kindPara, 6)},
			[]string{"Intro", "Summary one", "A title of four words", "Summary two", "Last words"}, -1},
		{"a short linked line", []block{l("More", kindPara, 5), l("Star this repo", kindPara, 6)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"a linked item", []block{l("Price: low to high", kindItem, 5)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"outside the body", []block{l("A rail before the list", kindHeading, 0), l("A rail after the list", kindHeading, 14)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"the first card's title right before the body", []block{l("Title zero", kindHeading, 0), p("Intro", 1)},
			[]string{"Title zero", "Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"a title before the body with another kept block between", []block{l("Title zero", kindHeading, 0), p("Menu", 0), p("Intro", 1)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"a linked line of four words right before the body", []block{l("A line of four words", kindPara, 0), p("Intro", 1)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"an unlinked heading", []block{{text: "Section", kind: kindHeading, at: 6}},
			[]string{"Intro", "Summary one", "Section", "Summary two", "Last words"}, -1},
		{"an unlinked line", []block{p("A line the walk dropped as boilerplate", 6)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"an unlinked heading right before the body", []block{{text: "Section", kind: kindHeading, at: 0}, p("Intro", 1)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"a place the body holds", []block{l("Summary one, linked", kindHeading, 4)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"a line half linked", []block{{text: "A line with half its words linked", link: 0.5, at: 6}},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
		{"linked titles after the body, in its container", []block{l("Space", kindHeading, 14), l("A card cut off the list", kindPara, 15)},
			[]string{"Intro", "Summary one", "Summary two", "Last words", "Space", "A card cut off the list"}, 20},
		{"after the body's container", []block{l("A card of the rail", kindPara, 21)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, 20},
		{"an unlinked heading or a short link after the body", []block{{text: "Explore more", kind: kindHeading, at: 14}, l("More", kindPara, 15)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, 20},
		{"no container", []block{l("A card cut off the list", kindPara, 15)},
			[]string{"Intro", "Summary one", "Summary two", "Last words"}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]block(nil), body...)
			got := withCardTitles(in, tt.kept, tt.tail)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d blocks %v, want %q", len(got), got, tt.want)
			}
			for i := range got {
				if got[i].text != tt.want[i] {
					t.Errorf("block %d %q, want %q", i, got[i].text, tt.want[i])
				}
			}
			for i := range body {
				if in[i].text != body[i].text {
					t.Errorf("the body's blocks were changed: %v", in)
				}
			}
		})
	}
}

// TestWithLinkedLines: on a forum that keeps its body, the model's kept
// linked lines of titleWords words or more between the body's first and
// last block come back in place, and so do posts' stamps with their time
// of day, linked or not; headings (posters' names, permalink headers),
// linked lines with a day (a post's header), a day alone, a sentence,
// short linked lines and blocks outside the body's span do not.
func TestWithLinkedLines(t *testing.T) {
	p := func(s string, at int32) block { return block{text: s, at: at} }
	l := func(s string, k blockKind, at int32) block { return block{text: s, kind: k, link: 1, at: at} }
	body := []block{p("First post", 1), p("Second post", 4), p("Last post", 8)}
	tests := []struct {
		name string
		kept []block
		want []string
	}{
		{"a linked reply", []block{l("https://harbour.example/council/minutes/noon-boat", kindPara, 5)},
			[]string{"First post", "Second post", "https://harbour.example/council/minutes/noon-boat", "Last post"}},
		{"a linked line of four words", []block{l("Council minutes on boats", kindPara, 2)},
			[]string{"First post", "Council minutes on boats", "Second post", "Last post"}},
		{"a linked heading", []block{l("Re: the noon boat trial", kindHeading, 3)},
			[]string{"First post", "Second post", "Last post"}},
		{"a poster's name and date", []block{l("keeper of lights 2026-03-02", kindPara, 3)},
			[]string{"First post", "Second post", "Last post"}},
		{"a post's stamp with its time", []block{p("2026-03-02, 10:15 AM", 3), l("Mar 4, 2026, 9:05 pm", kindPara, 6)},
			[]string{"First post", "2026-03-02, 10:15 AM", "Second post", "Mar 4, 2026, 9:05 pm", "Last post"}},
		{"a day without a time", []block{p("2026-03-02", 3)},
			[]string{"First post", "Second post", "Last post"}},
		{"a dated sentence with a time", []block{p("The noon boat left at 12:05 on 2 March 2026, five minutes late, with the council's new timetable on board.", 3)},
			[]string{"First post", "Second post", "Last post"}},
		{"a stamp after the body", []block{p("2026-03-02, 10:15 AM", 9)},
			[]string{"First post", "Second post", "Last post"}},
		{"a short linked line", []block{l("sandbar", kindPara, 3)},
			[]string{"First post", "Second post", "Last post"}},
		{"after the body", []block{l("Sunday buses to the station from June", kindPara, 9)},
			[]string{"First post", "Second post", "Last post"}},
		{"an unlinked line", []block{p("A line the walk dropped as boilerplate", 6)},
			[]string{"First post", "Second post", "Last post"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withLinkedLines(append([]block(nil), body...), tt.kept)
			var texts []string
			for _, b := range got {
				texts = append(texts, b.text)
			}
			if !slices.Equal(texts, tt.want) {
				t.Errorf("got %q, want %q", texts, tt.want)
			}
		})
	}
}

// TestLinkedLinePages: a thread whose body wins over the block model's
// text gets back a reply's line that is one link, which the content walk
// dropped as a teaser's headline; the posters' linked names with their
// dates and the similar threads after the posts stay out.
func TestLinkedLinePages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "forum_linked_lines", url: "https://board.example/index.php?topic=4101.0", typ: corpus.PageTypeForum,
			wantInText: []string{"on the survey form.\n\nCouncil minutes on the trial noon boat\n\nnetmender\n\n2026-03-03\n\nThanks both."},
			notInText:  []string{"Similar threads", "Sunday buses to the station"}},
	})
}

// TestWithInnerSentences: on a manual's or a service page's kept body,
// the model's sentences between the body's first and last block come
// back in place: a cross-reference half link; not a sentence that is
// nearly all link, one of fewer than innerSentenceWords words, a line
// that ends no sentence, a sentence before the body's first block or
// after its last, nor a block the body holds already.
func TestWithInnerSentences(t *testing.T) {
	p := func(s string, at int32) block { return block{text: s, at: at} }
	l := func(s string, link float64, at int32) block { return block{text: s, link: link, at: at} }
	body := []block{p("First section", 1), p("Second section", 4), p("Last section", 8)}
	tests := []struct {
		name string
		kept []block
		want []string
	}{
		{"a cross-reference", []block{l("For more information, see Overview of chart datums.", 0.5, 2)},
			[]string{"First section", "For more information, see Overview of chart datums.", "Second section", "Last section"}},
		{"an unlinked sentence", []block{p("The heights are printed quarter by quarter for each berth.", 6)},
			[]string{"First section", "Second section", "The heights are printed quarter by quarter for each berth.", "Last section"}},
		{"nearly all link", []block{l("Read the guide to installing Harbourmaster first.", 0.8, 2)},
			[]string{"First section", "Second section", "Last section"}},
		{"a short sentence", []block{p("Start your trial today.", 2)},
			[]string{"First section", "Second section", "Last section"}},
		{"no sentence", []block{p("Tide tables for every port and every year", 2)},
			[]string{"First section", "Second section", "Last section"}},
		{"before the body", []block{p("Harbourmaster reads the tide tables of every port.", 0)},
			[]string{"First section", "Second section", "Last section"}},
		{"after the body", []block{p("Harbourmaster is written by its contributors worldwide.", 9)},
			[]string{"First section", "Second section", "Last section"}},
		{"held already", []block{p("Second section, as the model read it.", 4)},
			[]string{"First section", "Second section", "Last section"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withInnerSentences(append([]block(nil), body...), tt.kept)
			var texts []string
			for _, b := range got {
				texts = append(texts, b.text)
			}
			if !slices.Equal(texts, tt.want) {
				t.Errorf("got %q, want %q", texts, tt.want)
			}
		})
	}
}

// TestInnerSentencePages: a manual's page whose body wins over the
// block model's text gets back the cross-reference between its
// paragraphs that the content walk dropped for its link; a line that is
// one link, the menus and the footer stay out, and so do the boxes named
// as boilerplate between its sections.
func TestInnerSentencePages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "documentation_inner_sentences", url: "https://docs.harbourmaster.example/guide/tide-tables", typ: corpus.PageTypeDocumentation,
			wantInText: []string{"the margin the port sets.\n\nFor more information, see Overview of chart datums and depths.\n\nLoading a table"},
			notInText:  []string{"Install Harbourmaster first", "Releases", "Berths", "contributors", "Privacy policy"}},
		// The same page with a newsletter box, an advert, a call to
		// act and a feedback prompt between its sections: the
		// cross-reference comes back, none of those (outsideBoilerplate).
		{name: "documentation_inner_boilerplate", url: "https://docs.harbourmaster.example/guide/tide-tables", typ: corpus.PageTypeDocumentation,
			wantInText: []string{"the margin the port sets.\n\nFor more information, see Overview of chart datums and depths.\n\nLoading a table"},
			notInText: []string{"Install Harbourmaster first", "newsletter", "never share your email", "Marine insurance",
				"Try Harbourmaster Cloud", "Was this page helpful"}},
	})
}
