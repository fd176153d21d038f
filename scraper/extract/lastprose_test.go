package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// TestLastProseNet: a page whose every region rule leaves next to nothing
// gets its clear block of prose, wherever it sits (a wrapper named like a
// consent box, an unclosed <footer>, a closed <dialog>, a consent-named wrapper beside a
// rail and a blurb about the site, which the rules took); a page without
// one under the page's headline (an app's shell with a cookie notice, a
// footer's blurb about the site beside a video, a gallery, a section's two
// links or nothing, a consent box in German or French) keeps its next to
// nothing and is no article (testdata/lastprose, pages written for this test).
func TestLastProseNet(t *testing.T) {
	const story = "The ferry to the outer islands will run twice a day again from Monday"
	const last = "when the islands fill with walkers and campers from the city."
	cases := []struct {
		file  string
		story bool // the text is the story; otherwise it is next to nothing
	}{
		{"consent-wrapper", true},
		{"unclosed-footer", true},
		{"closed-dialog", true},
		{"consent-beside-rail", true},
		{"cookie-only", false},
		{"shell-footer", false},
		{"video-footer-blurb", false},
		{"gallery-footer-blurb", false},
		{"shell-about-blurb", false},
		{"section-footer-blurb", false},
		{"consent-german", false},
		{"consent-french-dialog", false},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "lastprose", c.file+".html"))
			if err != nil {
				t.Fatal(err)
			}
			art, err := Extract(Input{Body: body, URL: "https://gazette.example/news/2024/ferries-return", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if !c.story {
				if art.WordCount >= tinyWords || art.PageType == corpus.PageTypeArticle {
					t.Errorf("want next to nothing, got %d words typed %s:\n%s", art.WordCount, art.PageType, art.Text)
				}
				return
			}
			if !strings.Contains(art.Text, story) || !strings.Contains(art.Text, last) {
				t.Errorf("text lacks the story:\n%s", art.Text)
			}
			if art.PageType != corpus.PageTypeArticle || slices.Contains(art.Flags, corpus.FlagNotArticle) {
				t.Errorf("page type %q, flags %v: want an article", art.PageType, art.Flags)
			}
		})
	}
}

// TestClearProse: the paragraphs that make a block of prose.
func TestClearProse(t *testing.T) {
	s := "The council voted on Tuesday to rebuild the old bridge over the river."
	cases := []struct {
		name, frag string
		words      int
	}{
		{"paragraphs", "<div>" + strings.Repeat("<p>"+s+"</p>", 4) + "</div>", 52},
		{"too few words", "<div>" + strings.Repeat("<p>"+s+"</p>", 3) + "</div>", 0},
		{"one long run of lines", "<div>" + strings.Repeat(s+"<br><br>", 7) + "</div>", 91},
		{"text beside a box", "<div>" + strings.Repeat(s+" ", 2) + "<br><br>" + strings.Repeat(s+" ", 2) + `<div class="box"></div>` + strings.Repeat(s+" ", 2) + "</div>", 78},
		{"body text alone", strings.Repeat(s+"<br>", 7), 91},
		{"linked", "<div>" + strings.Repeat(`<p><a href="/x">`+s+"</a></p>", 5) + "</div>", 0},
		{"no sentence end", "<ul>" + strings.Repeat("<li>Ergonomic mesh office chair with lumbar support and adjustable arms</li>", 6) + "</ul>", 0},
		{"apart", strings.Repeat("<div><p>"+s+"</p></div>", 5), 0},
		{"cookie notice", "<div>" + strings.Repeat("<p>We use cookies to improve your experience of the site and its news pages.</p>", 5) + "</div>", 0},
		{"script", "<div><script>" + strings.Repeat("<p>"+s+"</p>", 5) + "</script></div>", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + c.frag + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			w := 0
			if g := largestProse(doc); g != nil {
				w = g.words
			}
			if w != c.words {
				t.Errorf("words = %d, want %d", w, c.words)
			}
		})
	}
}
