package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestArticleChromeShapes: pieces of chrome inside an article's body told
// by their shape (an author box declared in microdata, a server's error
// reports, a newsletter box), while the story's lead and last paragraph
// stay.
func TestArticleChromeShapes(t *testing.T) {
	tests := []struct {
		name       string
		wantInText []string
		notInText  []string
	}{
		// A blog post whose author box (a Person in microdata, a bio of
		// two sentences) follows the last paragraph: the box goes, the
		// byline's name in the post's meta line is no box.
		{name: "author_box_microdata",
			wantInText: []string{"After twelve years of silence", "grows too old to climb the stairs."},
			notInText:  []string{"has walked the valley's paths", "far too many maps", "Follow her on"}},
		// PHP warnings printed before the headline and between two
		// paragraphs: they go, the paragraphs around them stay.
		{name: "server_errors",
			wantInText: []string{"Wer im Sommer an die Nordküste", "im Dunst liegen sahen."},
			notInText:  []string{"Creating default object", "preg_replace", "on line"}},
		// A dated news story with a newsletter box between two
		// paragraphs: a heading inviting to sign up, two lines in the
		// site's voice, a link: the box goes, the paragraphs stay.
		{name: "newsletter_box",
			wantInText: []string{"The county council will decide", "before the vote in March.", "the summer timetable."},
			notInText:  []string{"Sign up for the Courier", "Never miss a story", "straight to you"}},
		// A story about a newsletter, whose section heading reads as a
		// prompt over the story's own paragraphs (no site voice, more
		// than a box holds): it stays.
		{name: "newsletter_story",
			wantInText: []string{"Sign up for the parish newsletter", "four hundred readers", "printed on the church's old copier."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "body", tt.name, "https://notes.example/2026/11/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
		})
	}
}

func TestIsServerError(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Warning: Creating default object from empty value in /www/htdocs/w0094d70/wp-includes/classes.php on line 407", true},
		{"Strict Standards: Only variables should be passed by reference in /www/htdocs/wp-includes/wp-db.php on line 785", true},
		{"Deprecated: preg_replace(): The /e modifier is deprecated, use preg_replace_callback instead in /www/x/formatting.php on line 82\nNotice: Undefined index: q in /srv/site/index.php on line 3", true},
		{"Fatal error: Allowed memory size of 134217728 bytes exhausted in /var/www/html/wp-includes/plugin.php on line 179", true},
		// Prose that speaks of warnings and lines is no report.
		{"Warning: the bridge on line 4 of the tram network will close in March.", false},
		{"The warning was printed in the log on line 12, the engineers said.", false},
		{"Deprecated: preg_replace() in /www/x/formatting.php on line 82\nThe rest of the story.", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isServerError(tt.text); got != tt.want {
			t.Errorf("isServerError(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestIsAuthorBox(t *testing.T) {
	tests := []struct {
		name, markup string
		want         bool
	}{
		{"bio", `<div itemscope itemtype="https://schema.org/Person" itemprop="author"><span itemprop="name">Ruth Abel</span><p>Ruth Abel writes about the valley's mills and bridges. She lives in the old schoolhouse.</p></div>`, true},
		{"byline", `<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ruth Abel</span>, Staff Writer</span>`, false},
		{"long byline, no sentence", `<span itemprop="author" itemscope><span itemprop="name">Ruth Abel</span> and Tom Hale and Ann Marsh of the Coast Gazette news desk reporting</span>`, false},
		{"no itemscope", `<div itemprop="author"><p>Ruth Abel writes about the valley's mills and bridges. She lives in the old schoolhouse.</p></div>`, false},
		{"other property", `<div itemscope itemprop="publisher"><p>The Coast Gazette is the county's paper since 1880. It is owned by its readers.</p></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.markup + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			n := doc.FirstChild.LastChild.FirstChild // html > body > the element
			if got := isAuthorBox(n); got != tt.want {
				t.Errorf("isAuthorBox = %v, want %v", got, tt.want)
			}
		})
	}
}
