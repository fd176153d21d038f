package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestUnclosedAside: an <aside> holds content only when it is the last
// element of its parent (an unclosed aside swallowed what followed) and
// holds an unlinked headline, a body-named element or an <article> of a
// story's paragraphs outside links and junk, with mostly unlinked prose
// and no comments; a sidebar, even one with a linked site title over an
// about-me text, does not.
func TestUnclosedAside(t *testing.T) {
	about := `<p>` + strings.Repeat("I write about gardening, old bicycles and the small towns of the valley where I grew up. ", 6) + `</p>`
	story := `<p>` + strings.Repeat("The council met on Tuesday evening, and the members argued at length about the budget. ", 6) + `</p>`
	after := `<div class="content"><h2>On the budget</h2>` + story + story + `</div>`
	declared := `<script type="application/ld+json">{"@type":"NewsArticle","headline":"On the budget"}</script>`
	links := `<ul>` + strings.Repeat(`<li><a href="/x">A story on the harbour ferry timetable</a></li>`, 8) + `</ul>`
	tests := []struct {
		name, page string
		want       bool
	}{
		{"sidebar with a site title before the content", `<aside><h1><a href="/">Jane's Notes</a></h1>` + about + `</aside>` + after, false},
		{"named sidebar with a site title", `<aside class="profile"><h1><a href="/">Jane's Notes</a></h1>` + about + `</aside>` + after, false},
		{"sidebar with a headline before the content", `<aside><h1>About me</h1>` + about + `</aside>` + after, false},
		{"last element, linked site title", `<div><aside><h1><a href="/">Jane's Notes</a></h1>` + about + `</aside></div>` + after, false},
		{"last element, headline in a menu", `<div><aside><nav><h1>Menu</h1><a href="/">Home</a></nav>` + about + `</aside></div>` + after, false},
		{"last element, headline in a hidden block", `<div><aside><div style="display:none"><h1>Jane's Notes</h1></div>` + about + `</aside></div>` + after, false},
		{"unclosed before an article", `<div><aside><a href="/a">Most read</a><article><h1>On the budget</h1>` + story + story + `</article></aside></div>`, true},
		{"unclosed before a body-named block", `<div><aside><a href="/a">Most read</a><h2>On the budget</h2><div class="article-body">` + story + story + `</div></aside></div>`, true},
		{"headline over prose and many links", `<div><aside><h1>On the budget</h1>` + story + links + `</aside></div>`, false},
		{"comments with a headline", `<div><aside id="comments"><h1>On the budget</h1>` + story + story + `</aside></div>`, false},
		{"declared article, unclosed before 1,500 bytes of prose", declared + `<div><aside><a href="/a">Most read</a><div class="text">` + story + story + story + story + `</div></aside></div>`, true},
		{"undeclared, the same", `<div><aside><a href="/a">Most read</a><div class="text">` + story + story + story + story + `</div></aside></div>`, false},
		{"declared website, the same", `<script type="application/ld+json">{"@type":"WebSite"}</script><div><aside><a href="/a">Most read</a><div class="text">` + story + story + story + story + `</div></aside></div>`, false},
		{"declared article, less prose", declared + `<div><aside><a href="/a">Most read</a><div class="text">` + story + story + `</div></aside></div>`, false},
		{"declared article, a column of links beside the story", declared + `<div><aside><a href="/a">Most read</a><div class="text">` + story + story + story + story + `</div>` + strings.Repeat(links, 3) + `</aside></div>`, true},
		{"declared article, more links than prose", declared + `<div><aside><a href="/a">Most read</a><div class="text">` + story + story + story + story + `</div>` + strings.Repeat(links, 8) + `</aside></div>`, false},
		// An <article> of a story's paragraphs, its headline above the
		// aside: the story, declared or not. A sidebar's <article>s are
		// teaser cards, short or mostly linked, and one named as
		// boilerplate is a box.
		{"unclosed before an unnamed article, headline above", `<div><aside><a href="/a">Most read</a><article>` + story + story + `</article></aside></div>`, true},
		{"unclosed before a short article", `<div><aside><a href="/a">Most read</a><article><p>The council met on Tuesday and argued about the budget.</p></article></aside></div>`, false},
		{"teaser articles in a sidebar", `<div><aside>` + strings.Repeat(`<article><a href="/x"><h3>A story on the harbour ferry timetable</h3><p>The ferry runs again from Monday, the harbour office says.</p></a></article>`, 6) + `</aside></div>`, false},
		{"a linked article in a sidebar", `<div><aside><article><p>` + strings.Repeat(`<a href="/x">A story on the harbour ferry timetable</a> `, 12) + `</p></article></aside></div>`, false},
		// A box after a story already told, at the end of its
		// parent: the next story's first paragraphs are not the
		// story the aside swallowed.
		{"a read-next box after the story", `<div><h1>On the budget</h1>` + story + story + story + `<aside><h2>Read next</h2><article><h3><a href="/x">The harbour ferry</a></h3>` + story + story + `</article></aside></div>`, false},
		{"unclosed after a lead paragraph, before the story's article", `<div><h1>On the budget</h1>` + about + `<aside><a href="/a">Most read</a><article>` + story + story + `</article></aside></div>`, true},
		{"unclosed before an article named as boilerplate", `<div><aside><a href="/a">Most read</a><article class="sidebar-promo">` + story + story + `</article></aside></div>`, false},
		{"declared article, aside not last", declared + `<div><aside><div class="text">` + story + story + story + story + `</div></aside><div class="content">` + story + `</div></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := analyzedContent(t, tt.page, atom.Aside); got != tt.want {
				t.Errorf("aside kept as content: got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestUnclosedAsidePage: the reviewer's sidebar page, a site title over
// an about-me text in an <aside> before the content, leaves that text out.
func TestUnclosedAsidePage(t *testing.T) {
	about := strings.Repeat("I write about gardening, old bicycles and the small towns of the valley where I grew up. ", 6)
	body := strings.Repeat("The council met on Tuesday evening, and the members argued at length about the budget. ", 20)
	for _, open := range []string{`<aside>`, `<aside class="profile">`} {
		page := `<!DOCTYPE html><html lang="en"><head><title>On the budget</title></head><body>` + open +
			`<h1><a href="/">Jane's Notes</a></h1><p>` + about + `</p></aside><div class="content"><h2>On the budget</h2><p>` +
			body + `</p><p>` + body + `</p></div></body></html>`
		art, err := Extract(Input{Body: []byte(page), URL: "https://ledger.example/2024/budget"})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(art.Text, "bicycles") {
			t.Errorf("%s: the about-me text is in the text", open)
		}
	}
}

// TestReadNextBoxPage: a news story whose <article> ends in an unnamed
// <aside> with the next story's opening paragraphs in an <article>
// leaves them out; the aside is its parent's last element, as an
// unclosed one would be.
func TestReadNextBoxPage(t *testing.T) {
	body := strings.Repeat("<p>The council met on Tuesday evening, and the members argued at length about the budget. The roads and the library came first.</p>", 12)
	next := "<p>" + strings.Repeat("The harbour ferry returns to service on Monday after a winter of repairs, the operator says. ", 12) + "</p>"
	page := `<!DOCTYPE html><html lang="en"><head><title>On the budget</title></head><body><main><article><h1>On the budget</h1>` +
		body + `<aside><h2>Read next</h2><article><h3><a href="/ferry">The ferry returns</a></h3>` + next + `</article></aside></article></main></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://ledger.example/2024/budget"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(art.Text, "harbour ferry") {
		t.Error("the next story's paragraphs are in the text")
	}
	if !strings.Contains(art.Text, "The roads and the library") {
		t.Error("the story is not in the text")
	}
}

// analyzedContent analyzes page (scripting off) and reports whether the
// first element of tag a is kept.
func analyzedContent(t *testing.T, page string, a atom.Atom) bool {
	t.Helper()
	root, err := html.ParseWithOptions(strings.NewReader("<html><body>"+page+"</body></html>"), html.ParseOptionEnableScripting(false))
	if err != nil {
		t.Fatal(err)
	}
	x := getExtractor()
	defer putExtractor(x)
	x.declared = newPage(goquery.NewDocumentFromNode(root), nil, fetchedAt).declaresArticleMeta() // as page.extract does
	x.analyze(root, false)
	in := x.info(firstOfAtom(root, a))
	return in != nil && !in.junk
}
