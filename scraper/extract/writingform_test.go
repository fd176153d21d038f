package extract

import (
	"strings"
	"testing"
)

// TestWritingForm: a form to write a comment, a review or a message is
// never the page's text; a search or sign-up form of one-line fields,
// and a form wrapped around the whole page, are not such forms.
func TestWritingForm(t *testing.T) {
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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := writingForm(mustParseFragment(t, tc.html)); got != tc.want {
				t.Errorf("writingForm = %v, want %v", got, tc.want)
			}
		})
	}
}
