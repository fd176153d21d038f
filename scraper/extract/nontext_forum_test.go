package extract

import (
	"strings"
	"testing"
)

// TestDropPostCards: the lines of a poster's card and of a post's header
// go from a forum's text (labels that posts repeat, with the number
// under a bare one; a member's join day; "#3", "Thread starter ...", an
// unrendered template); a post's stamp with its time, a label that one
// post uses and what the posts say stay.
func TestDropPostCards(t *testing.T) {
	a := "The first Sunday boat moves from 7:10 to 8:30 this year."
	b := "Location: the harbour office has the new leaflet."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"labelled card", []string{"Joined: Mar 2016", "Posts: 701", a, "Joined: Jun 2024", "Posts: 1", b},
			[]string{a, b}},
		{"bare labels", []string{"Likes Received:", "103", "Best Answers:", a, "Likes Received:", "4", "Best Answers:", a},
			[]string{a, a}},
		{"label once", []string{"Location: Brisbane", a}, []string{"Location: Brisbane", a}},
		{"join day", []string{"Oct 27, 2003", a, "spartan14 2 years ago", a}, []string{a, a}},
		{"stamp with time", []string{"Feb 14, 2026 | 9:05 pm", a}, []string{"Feb 14, 2026 | 9:05 pm", a}},
		{"headers", []string{"Thread starter netmender", "Start date Jul 18, 2024", "#2", "Reply 3", "Recommended Posts", a},
			[]string{a}},
		{"ranks and likes", []string{"Senior Member", a, "10+ Year Member", "WiSK, JapesUK and 3 others like this.", "Ann likes this.", "I like this."},
			[]string{a, "I like this."}},
		{"repeated label", []string{"Primary OS: Fedora", a, "Primary OS: MS Windows 10", a, "Primary OS: Mac OS X"},
			[]string{a, a}},
		{"attachments and ranks", []string{"Logs.zip", "(95.79 KiB) Downloaded 478 times", "View attachment 2028258", "Spartan14 Well-Known Member", a},
			[]string{"Logs.zip", a}},
		{"links and clocks", []string{"https://example.org/a", "https://example.org/a", "https://example.org/a", "6:58:36 AM: Deploy site",
			"6:58:37 AM: Upload", "6:58:38 AM: Done"},
			[]string{"https://example.org/a", "https://example.org/a", "https://example.org/a", "6:58:36 AM: Deploy site",
				"6:58:37 AM: Upload", "6:58:38 AM: Done"}},
		{"template", []string{"{{ DiscussionBoard.errors[11793116].message }}", a}, []string{a}},
		{"dated sentence", []string{"We moved on Jan 8, 2012 and never looked back.", a},
			[]string{"We moved on Jan 8, 2012 and never looked back.", a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropPostCards(textBlocks(tt.in)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
