package extract

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/archivist-project/archivist/corpus"
)

// TestTeaserFront: teaserFront on pages made of cards and of stories.
// A run of cards, each a linked headline over a line of summary, is a
// listing under at most one paragraph of intro; a story before the cards
// (with a heading of their own after it), linked headings in the flow of
// a roundup's text and cards with paragraphs of their own are not, nor
// a signed page's undated picks from other sites.
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
	// A thread's posts whose titles link to their permalinks on the page,
	// or name their posters with a link to a profile: no teasers.
	permalinks := strings.ReplaceAll(cards(6), `<a href="/s/`, `<a href="#p`)
	samePath := strings.ReplaceAll(cards(6), `<a href="/s/`, `<a href="./a-page?p=1&amp;sid=2#p`)
	profiles := strings.ReplaceAll(cards(6), `<a href="/s/`, `<a href="/members/`)
	// A WordPress menu names its items for the post type they link to.
	menu := `<nav><ul>` + strings.Repeat(`<li class="menu-item menu-item-type-post_type"><a href="/about">About</a></li>`, 4) + `</ul></nav>`
	// Picks from other sites, and the same dated one by one.
	away := strings.ReplaceAll(cards(6), `<a href="/s/`, `<a href="https://elsewhere.test/s/`)
	awayDated := strings.ReplaceAll(away, `</h2>`, `</h2><time datetime="2026-11-20">20 November 2026</time>`)
	tests := []struct {
		name, main string
		want       bool
		signed     bool // the page has an author and a date
	}{
		{"six cards", `<h1>Dispatches</h1>` + cards(6), true, false},
		{"one line of intro, then cards", `<h1>Dispatches</h1>` + prose + cards(6), true, false},
		{"three cards", `<h1>Dispatches</h1>` + cards(3), false, false},
		{"a story of two paragraphs, a heading, cards", `<h1>A story</h1>` + prose + prose + `<h2>More stories</h2>` + cards(6), false, false},
		{"a story of three paragraphs, cards", `<h1>A story</h1>` + prose + prose + prose + cards(6), false, false},
		{"linked headings in the flow of a roundup", `<h1>The best kettles</h1>` + flow, false, false},
		{"cards with paragraphs of their own", `<h1>Dispatches</h1>` + twoParas, false, false},
		{"cards under a menu whose items name posts", `<h1>Dispatches</h1>` + cards(6), true, false},
		{"posts whose titles link to their anchors", `<h1>A thread</h1>` + permalinks, false, false},
		{"posts whose titles link to their anchors on the page's path", `<h1>A thread</h1>` + samePath, false, false},
		{"posts headed by their posters' profile links", `<h1>A thread</h1>` + profiles, false, false},
		// A page signed and dated as a whole: undated picks from other
		// sites are a writer's roundup; its own stories, or dated ones,
		// a front (a template signs and dates every page).
		{"signed, undated picks from other sites", `<h1>The week's reads</h1>` + away, false, true},
		{"signed, undated cards of the site's own", `<h1>Dispatches</h1>` + cards(6), true, true},
		{"signed, dated picks from other sites", `<h1>Dispatches</h1>` + awayDated, true, true},
		{"unsigned, undated picks from other sites", `<h1>Dispatches</h1>` + away, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><body><main>` + tc.main + `</main></body></html>`
			if strings.Contains(tc.name, "menu") {
				page = `<html><body>` + menu + `<main>` + tc.main + `</main></body></html>`
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			base, _ := url.Parse("https://pages.test/news/a-page")
			p := newPage(doc, base, time.Time{})
			defer p.release()
			p.extract(Options{})
			if got := p.teaserFront(0, tc.signed); got != tc.want {
				t.Errorf("teaserFront = %v, want %v (%+v)", got, tc.want, p.teaserLayout())
			}
		})
	}
}

// TestLeadsAway: a teaser's headline links to another page; a post's
// title links into the page (its permalink) or to its poster's profile.
func TestLeadsAway(t *testing.T) {
	base, _ := url.Parse("https://board.example/viewtopic.php?t=12")
	tests := []struct {
		href string
		want bool
	}{
		{"/news/2026/12/a-story", true},
		{"https://other.example/viewtopic.php?t=12", true},
		{"./viewtopic.php?t=13", true}, // another thread
		{"#p123", false},
		{"./viewtopic.php?p=123&sid=9#p123", false},
		{"https://board.example/viewtopic.php?t=12", false}, // the page itself
		{"/members/anna.41/", false},
		{"/members/anna-may-hale.41/", false},
		{"/@anna/first-frost-on-the-lower-slope", true}, // a story under its writer's handle
		{"/people/2026/04/first-frost-on-the-lower-slope", true},
		{"/@drone-watch", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := leadsAway(tc.href, base); got != tc.want {
			t.Errorf("leadsAway(%q) = %v, want %v", tc.href, got, tc.want)
		}
	}
	if !leadsAway("/news/a-story", nil) || leadsAway("#p1", nil) {
		t.Error("without a page URL: a path leads away, an anchor does not")
	}
}

// TestTeaserPagesTyped: a blog's index whose WordPress menu names its
// items for posts ("menu-item-type-post_type") is a listing at a
// story-shaped URL (typed article before leadsAway replaced the page's
// post count as the rule's guard); a thread whose posts' titles link to
// their permalinks is not typed listing, there or at a board's URL.
func TestTeaserPagesTyped(t *testing.T) {
	tests := []struct{ file, url, want string }{
		{"typepos/blog_index_menu.html", "https://upland.example/notes", corpus.PageTypeListing},
		{"typepos/blog_index_menu.html", "https://upland.example/orchard/field-notes-from-the-upland-orchard", corpus.PageTypeListing},
		// A blog whose stories are filed under its writer's handle
		// (/@upland/slug): the headlines lead to stories, not profiles.
		{"typepos/handle_index.html", "https://pages.example/@upland/field-notes-from-the-upland-orchard", corpus.PageTypeListing},
		{"threads/forum_post_permalinks.html", "https://growers.example/board/viewtopic.php?t=88", corpus.PageTypeForum},
		{"threads/forum_post_permalinks.html", "https://growers.example/grafting-onto-old-rootstock-which-knife", "!" + corpus.PageTypeListing},
	}
	for _, tc := range tests {
		t.Run(tc.file+" "+tc.url, func(t *testing.T) {
			art, err := Extract(Input{Body: mustReadFile(t, "testdata/"+tc.file), URL: tc.url, ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if not, ok := strings.CutPrefix(tc.want, "!"); ok && art.PageType == not || !ok && art.PageType != tc.want {
				t.Errorf("page type %q, want %s", art.PageType, tc.want)
			}
		})
	}
}
