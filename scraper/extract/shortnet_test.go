package extract

import (
	"strings"
	"testing"
)

// TestShortBodyNet: an article whose scorer picks a short fragment (a
// video box's one sentence) while the story's paragraphs sit in a region
// the content walk drops (an <aside>, as when an unclosed aside swallows
// the body) gets the block model's text; a short article whose page
// holds no more prose keeps its body.
func TestShortBodyNet(t *testing.T) {
	story := strings.Repeat(`<p>The council voted on Tuesday to rebuild the old bridge, and work on the river crossing will start in the spring, the mayor said after the meeting. `+
		`Residents had asked for the repair for years, and the vote was close.</p>`, 6)
	head := `<html lang="en"><head><meta property="og:type" content="article"><meta property="article:published_time" content="2025-01-10T10:00:00Z"></head><body>`
	fragment := `<div class="article-body"><p>Watch the video of the council meeting, recorded live in the town hall on Tuesday evening, in full here.</p></div>`
	cases := []struct {
		name, page string
		want       []string
	}{
		{"fragment picked", head + `<h1>Council votes to rebuild bridge</h1>` + fragment + `<aside>` + story + `</aside></body></html>`,
			[]string{"rebuild the old bridge", "the vote was close"}},
		{"short article", head + `<h1>Council votes to rebuild bridge</h1>` + fragment + `<nav><a href="/a">News</a> <a href="/b">Sport</a></nav></body></html>`,
			[]string{"Watch the video"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(c.page), URL: "https://example.org/news/bridge", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(art.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, art.Text)
				}
			}
		})
	}
}
