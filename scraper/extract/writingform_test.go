package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWritingForm: a form to write a comment, a review or a message is
// never the page's text; a search or sign-up form of one-line fields,
// and a form wrapped around the whole page, are not such forms.
func TestWritingForm(t *testing.T) {
	const story = `<p>The council voted on Tuesday to close the footbridge for six months while engineers replace its corroded steel deck, adding a detour for pupils.</p>`
	long := strings.Repeat("<p>The recipe's method, one long step after another, as the page prints it.</p>", 50)
	tests := []struct {
		name, html string
		want       bool
	}{
		{"a review form", `<form action="/wp-comments-post.php"><p class="comment-notes">Your email address will not be published.</p><textarea name="comment"></textarea><input type="submit" value="Send"></form>`, true},
		{"a contact form with a disclaimer", `<form><label>Message</label><textarea></textarea><p>Sending us a message does not make us your lawyers.</p></form>`, true},
		{"a search form", `<form action="/search"><input type="search" name="q"><button>Search</button></form>`, false},
		{"a sign-up form", `<form><p>One letter a month.</p><input type="email"><button>Subscribe</button></form>`, false},
		{"a form around the page", `<form id="aspnetForm"><h1>Chicken pot pie</h1><p>Serves four.</p><textarea hidden></textarea></form>`, false},
		{"a form around a long text", `<form id="main">` + long + `<textarea></textarea></form>`, false},
		{"a form around a short story, its headline deep", `<form id="form1">` + strings.Repeat("<div>", 10) + `<h1>Footbridge to close</h1>` + strings.Repeat("</div>", 10) + story + story + `<textarea></textarea></form>`, false},
		{"a form around a short story without a heading", `<form id="form1"><span class="headline">Footbridge to close</span>` + story + story + story + `<textarea></textarea></form>`, false},
		{"a contact form with a long disclaimer", `<form><textarea></textarea><p>By checking this box, you confirm that you have read and understand this notice.<span>` + strings.Repeat("Sending us a message does not make us your lawyers. ", 20) + `</span></p><label><input type="checkbox">By checking this box, you confirm that you have read and understand this notice.</label></form>`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := writingForm(mustParseFragment(t, tc.html)); got != tc.want {
				t.Errorf("writingForm = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestFormPages: pages wrapped in one form with a box to write in (an
// ASP.NET story whose headline sits deep or is no heading, a thread's
// posts in its moderation form, a letters page whose guidance is in the
// form) keep their text; pages written for branch review35c.
func TestFormPages(t *testing.T) {
	tests := []struct{ file, line string }{
		{"story-deep-h1.html", "awarded to a firm from the neighbouring county"},
		{"story-no-heading.html", "awarded to a firm from the neighbouring county"},
		{"thread.html", "put my name down on the list"},
		{"letters.html", "We do not publish anonymous letters"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "formpages", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			art, err := Extract(Input{Body: body, URL: "https://gazette.example/news/" + tc.file})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(art.Text, tc.line) {
				t.Errorf("text lacks %q: %q", tc.line, art.Text)
			}
		})
	}
}
