package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// TestDropPostBars: the bar of controls a thread repeats under each post
// ("I 1 Reply Last reply Reply Quote 0", a share menu) goes, numbers and
// avatars' initials aside; a line said twice, a poster's name over each
// post, a card's "Label: value", a stamp, a sentence, a lone word, a
// phrase of five words or more that several posts say, the rows of one
// post's list (review30fo) and a log pasted as code stay.
func TestDropPostBars(t *testing.T) {
	a := "The ferry leaves the north quay at seven on weekdays."
	b := "Thanks, the timetable on the board matches that now."
	c := "The winter timetable starts in the first week of November."
	bar := func(initial string, n int) string {
		return fmt.Sprintf("%s %d Reply Last reply Reply Quote %d", initial, n, n-1)
	}
	pasted := func(b block) bool { return b.at == 1 } // the log's lines
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"reply bars", []string{a, bar("K", 1), b, bar("H", 2), c, bar("K", 3)}, []string{a, b, c}},
		{"share menus", []string{a, "Share on Facebook", "Copy the link", b, "Share on Facebook", "Copy the link", c, "Share on Facebook", "Copy the link"},
			[]string{a, b, c}},
		{"twice only", []string{a, bar("K", 1), b, bar("H", 2), c}, []string{a, bar("K", 1), b, bar("H", 2), c}},
		{"poster's name", []string{"Ann Lee", a, "Ann Lee", b, "Ann Lee", c}, []string{"Ann Lee", a, "Ann Lee", b, "Ann Lee", c}},
		{"card field", []string{"Money back: 7 days", a, "Money back: 3 days", b, "Money back: 3 days", c},
			[]string{"Money back: 7 days", a, "Money back: 3 days", b, "Money back: 3 days", c}},
		{"stamps", []string{"posted Nov 27, 2024", a, "posted Nov 28, 2024", b, "posted Nov 29, 2024", c},
			[]string{"posted Nov 27, 2024", a, "posted Nov 28, 2024", b, "posted Nov 29, 2024", c}},
		{"sentences", []string{"Same here, thanks.", a, "Same here, thanks.", b, "Same here, thanks.", c},
			[]string{"Same here, thanks.", a, "Same here, thanks.", b, "Same here, thanks.", c}},
		{"lone word", []string{"share", a, "share", b, "share", c}, []string{"share", a, "share", b, "share", c}},
		{"row of labels", []string{a, "Reply Quote Report Share Bookmark", b, "Reply Quote Report Share Bookmark", c, "Reply Quote Report Share Bookmark"},
			[]string{a, b, c}},
		{"a post's rows", []string{a, "Day 1 walked 12 km", "Day 2 walked 15 km", "Day 3 walked 9 km", b},
			[]string{a, "Day 1 walked 12 km", "Day 2 walked 15 km", "Day 3 walked 9 km", b}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropPostBars(textBlocks(tt.in), copyMarks{}))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("phrases", func(t *testing.T) {
		// A phrase three posts write as paragraphs stays; a board's
		// phrase in its own markup ("wrote on ... last edited by") goes.
		para := copyMarks{written: func(b block) bool { return b.at == 1 }}
		in := []block{{text: a}, {text: "same problem here with the new app", at: 1}, {text: "wrote on last edited by"},
			{text: b}, {text: "same problem here with the new app", at: 1}, {text: "wrote on last edited by"},
			{text: c}, {text: "same problem here with the new app", at: 1}, {text: "wrote on last edited by"}}
		got := strings.Join(blockTexts(dropPostBars(in, para)), "|")
		want := strings.Join([]string{a, "same problem here with the new app", b, "same problem here with the new app", c, "same problem here with the new app"}, "|")
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("pasted log", func(t *testing.T) {
		log := []block{{text: "usb device 11 reset", at: 1}, {text: "usb device 12 reset", at: 1},
			{text: "usb device 13 reset", at: 1}, {text: a}}
		if got := dropPostBars(log, copyMarks{pasted: pasted}); len(got) != len(log) {
			t.Errorf("got %q, want the log kept", blockTexts(got))
		}
	})
}

// TestTitleStamps: a board whose class words say nothing, whose posts
// show their stamps as a day without a year and give the full stamp in
// a title attribute (the tooltip), is a run of signed, dated records; a
// title that is no stamp (a control's label, or a long one that names a
// year in a sentence) dates nothing.
func TestTitleStamps(t *testing.T) {
	post := func(name, title, text string) string {
		return fmt.Sprintf(`<div><div><a href="/user/%s">%s</a> <span title="%s">Nov 27</span></div><p>%s</p></div>`, name, name, title, text)
	}
	thread := func(title string) string {
		var b strings.Builder
		b.WriteString(`<html><head><title>Ferry timetable</title></head><body><h1>Ferry timetable</h1><div>`)
		for i, name := range []string{"kedge", "halyard", "kedge", "tiller"} {
			fmt.Fprintf(&b, "%s", post(name, title, fmt.Sprintf("Post %d: the ferry leaves the north quay at seven on weekdays, and at nine on Sundays in the winter.", i)))
		}
		b.WriteString(`</div></body></html>`)
		return b.String()
	}
	long := "Reply to this post about the ferry timetable that the harbour office printed in 2024 for the winter"
	for _, tt := range []struct {
		name    string
		title   string
		records int
	}{
		{"stamp in title", "2024-11-27 10:04", 4},
		{"stamp in words", "Wednesday, November 27, 2024 at 10:04 AM", 4},
		{"control's label", "Reply to this post", 0},
		{"long title", long, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := pageOfString(t, thread(tt.title), "https://board.example/t/ferry-timetable/41")
			defer p.release()
			if c, _ := p.threadPosts(); c.records != tt.records {
				t.Errorf("records %d, want %d", c.records, tt.records)
			}
		})
	}
}

// pageOfString parses src and runs the content walk, as extractedPage
// does for a file.
func pageOfString(t *testing.T, src, rawURL string) *page {
	t.Helper()
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	base, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(goquery.NewDocumentFromNode(root), base, fetchedAt)
	p.extract(Options{})
	return p
}
