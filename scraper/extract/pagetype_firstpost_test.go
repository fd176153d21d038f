package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/archivist-project/archivist/corpus"
)

// TestFirstPostSignedBelow: a question signed under its body, by an
// editor's card beside the asker's, keeps its body on a page whose class
// names say nothing; the board's menu above it still goes.
func TestFirstPostSignedBelow(t *testing.T) {
	tests := []struct {
		file       string
		keep, drop []string
	}{
		{"qa_signed_below.html",
			[]string{"equal weights of flour and water", "can it be rescued?", "the starter is hungry, not dead", "the thicker starter slows down"},
			[]string{"Log in", "Privacy"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile("testdata/threads/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(Input{Body: body, URL: "https://bakers.example/questions/5521/why-does-my-sourdough-starter-smell", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if a.PageType != corpus.PageTypeForum {
				t.Fatalf("page type %q, want forum", a.PageType)
			}
			for _, s := range tt.keep {
				if !strings.Contains(strings.ToLower(a.Text), strings.ToLower(s)) {
					t.Errorf("text lost %q:\n%s", s, a.Text)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(a.Text, s) {
					t.Errorf("text kept %q:\n%s", s, a.Text)
				}
			}
		})
	}
}

// TestFirstPost: firstPost takes a row of signature cards as one post's
// and climbs from the row; a card beside a post that holds its own
// signature, or cards with a post's words between them, are not a row.
func TestFirstPost(t *testing.T) {
	card := func(verb, date, user string) string {
		return `<div>` + verb + ` ` + date + ` <a href="/users/` + user + `">` + user + `</a> 1,204 reputation, 3 gold badges</div>`
	}
	body := `<p>I feed my rye starter once a day with equal weights of flour and water, and it smells of nail varnish after a few hours.</p>`
	reply := func(user, date, text string) string {
		return `<div><div><a href="/users/` + user + `">` + user + `</a> ` + date + `</div><p>` + text + `</p></div>`
	}
	long := "The starter is hungry, not dead: feed it more often, or feed it a larger share of fresh flour, and the smell goes within a few days of that."
	tests := []struct {
		name string
		page string
		want string // a text the opening post holds
		not  string // a text it must not hold ("" for none)
	}{
		{"cards under the body",
			`<div><div>` + body + `<div>` + card("edited", "Mar 3, 2025 at 9:14", "fern") + card("asked", "Mar 2, 2025 at 18:40", "moss") + `</div></div>` +
				`<ul><li>` + reply("loaf", "Mar 2, 2025 at 19:02", long) + `</li><li>` + reply("crumb", "Mar 2, 2025 at 20:15", long+" Twice.") + `</li></ul></div>`,
			"equal weights of flour", "hungry"},
		{"a header card beside signed posts",
			`<div><div><div>By <a href="/users/moss">moss</a>, March 2, 2025 in Baking, Bread and Sourdough Starters</div></div><div>` +
				`<article>` + reply("moss", "March 2, 2025 at 18:40", long+" One.") + `</article>` +
				`<article>` + reply("loaf", "March 2, 2025 at 19:02", long+" Two.") + `</article>` +
				`<article>` + reply("crumb", "March 2, 2025 at 20:15", long+" Three.") + `</article></div></div>`,
			"By moss", "One."},
		{"cards with a post's words between",
			`<div>` + card("posted", "Mar 2, 2025 at 18:40", "moss") + body + card("posted", "Mar 2, 2025 at 19:02", "loaf") + `<p>` + long + `</p></div>`,
			"posted Mar 2", "equal weights of flour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><body>` + tt.page + `</body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			p := newPage(doc, nil, fetchedAt)
			defer p.release()
			p.extract(Options{})
			c, _ := p.threadPosts()
			if len(c.sigs) < 2 {
				t.Fatalf("%d signatures found, want 2 or more", len(c.sigs))
			}
			got := textOf(p.firstPost(c.sigs))
			if !strings.Contains(got, tt.want) {
				t.Errorf("first post %q lacks %q", got, tt.want)
			}
			if tt.not != "" && strings.Contains(got, tt.not) {
				t.Errorf("first post %q holds %q", got, tt.not)
			}
		})
	}
}

// TestFirstPostRowLikeOneCard: a question whose title, breadcrumb and
// body share a wrapper with the site's bar, apart from its answers,
// starts at the same place whether it is signed by one card or by a row
// of two (firstPost climbs from the row as postAround does from the
// card): the second card adds its own line and no chrome.
func TestFirstPostRowLikeOneCard(t *testing.T) {
	text := func(file string) string {
		body, err := os.ReadFile("testdata/threads/" + file)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Extract(Input{Body: body, URL: "https://kitchen.example/questions/812/how-do-i-stop-my-cast-iron-pan-rusting", FetchedAt: fetchedAt})
		if err != nil {
			t.Fatal(err)
		}
		if a.PageType != corpus.PageTypeForum {
			t.Fatalf("%s: page type %q, want forum", file, a.PageType)
		}
		return a.Text
	}
	once, twice := text("qa_wrapped_signed_once.html"), text("qa_wrapped_signed_twice.html")
	if !strings.Contains(twice, "orange spots of rust") {
		t.Errorf("the question's body went:\n%s", twice)
	}
	edit := "edited Feb 2, 2026 at 9:00 tin 12,004 reputation, 30 gold badges\n\n"
	if got := strings.Replace(twice, edit, "", 1); got != once {
		t.Errorf("signed twice:\n%s\nwant as signed once, plus the editor's card:\n%s", twice, once)
	}
}
