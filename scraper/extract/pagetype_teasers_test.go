package extract

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// TestTeaserFront: teaserFront on pages made of cards and of stories.
// A run of cards, each a linked headline over a line of summary, is a
// listing under at most one paragraph of intro; a story before the cards
// (with a heading of their own after it), linked headings in the flow of
// a roundup's text and cards with paragraphs of their own are not.
func TestTeaserFront(t *testing.T) {
	card := func(i int) string {
		return `<article><h2><a href="/s/` + strings.Repeat("x", i+1) + `">A headline of a story number ` + strings.Repeat("I", i+1) + `</a></h2>` +
			`<p>A line of summary that tells the reader what the story is about and why.</p></article>`
	}
	cards := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(card(i))
		}
		return b.String()
	}
	prose := `<p>` + strings.Repeat("This is a sentence of a story told at some length for its readers. ", 3) + `</p>`
	flow := strings.Repeat(`<h3><a href="/p">A product with a linked name</a></h3>`+prose, 6)
	twoParas := strings.ReplaceAll(cards(6), `</p></article>`, `</p>`+prose+`</article>`)
	tests := []struct {
		name, main string
		want       bool
	}{
		{"six cards", `<h1>Dispatches</h1>` + cards(6), true},
		{"one line of intro, then cards", `<h1>Dispatches</h1>` + prose + cards(6), true},
		{"three cards", `<h1>Dispatches</h1>` + cards(3), false},
		{"a story of two paragraphs, a heading, cards", `<h1>A story</h1>` + prose + prose + `<h2>More stories</h2>` + cards(6), false},
		{"a story of three paragraphs, cards", `<h1>A story</h1>` + prose + prose + prose + cards(6), false},
		{"linked headings in the flow of a roundup", `<h1>The best kettles</h1>` + flow, false},
		{"cards with paragraphs of their own", `<h1>Dispatches</h1>` + twoParas, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><body><main>` + tc.main + `</main></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			base, _ := url.Parse("https://pages.test/news/a-page")
			p := newPage(doc, base, time.Time{})
			defer p.release()
			p.extract(Options{})
			if got := p.teaserFront(0); got != tc.want {
				t.Errorf("teaserFront = %v, want %v (%+v)", got, tc.want, p.teaserLayout())
			}
		})
	}
}
