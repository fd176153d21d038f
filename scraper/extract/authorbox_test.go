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
		// A tech story about an outage that shows the PHP errors the
		// shops printed, set as code and as a quotation: the writer's
		// text, which stays (review38b). The same in German.
		{name: "quoted_server_errors",
			wantInText: []string{"Call to undefined function str_contains()", "Cannot modify header information", "turn the display of errors off."}},
		{name: "quoted_server_errors_de",
			wantInText: []string{"Call to undefined function str_contains()", "die Anzeige von Fehlern abzuschalten."}},
		// A byline marked as a Person with a one-sentence bio, inline at
		// the head of the lead paragraph: the lead runs on past the box
		// and stays (review38b). The same in French.
		{name: "byline_bio_lead",
			wantInText: []string{"The county council voted on Tuesday night", "moved to the library in the market town."}},
		{name: "byline_bio_lead_fr",
			wantInText: []string{"Le conseil départemental a voté mardi soir", "rejoindront la médiathèque de la ville."}},
		// Stories whose short sections are headed by a sign-up prompt
		// (an agency's flood alerts; a media story on newsletters; a
		// German story on phishing mails quoting the scam's line), with
		// "our"/"uns" only in a source's quoted words: they stay
		// (review38b).
		{name: "alerts_section",
			wantInText: []string{"Sign up for the flood alerts by e-mail", "saved a lot of furniture", "register on the agency's website"}},
		{name: "newsletter_media_story",
			wantInText: []string{"Subscribe to the newsletter, then to the paper", "came through the newsletter.", "written by a reporter rather than a machine."}},
		{name: "phishing_story_de",
			wantInText: []string{"Klicken Sie hier, um Ihr Newsletter-Abonnement", "jeden Tag Betroffene", "nie per E-Mail nach Passwörtern fragt."}},
		// Date lines over a story whose class names say nothing (hashed):
		// a <time> with a label, a <time> alone. They go; the lead, a
		// paragraph that opens with a <time>, and the last paragraph stay.
		{name: "head_date_lines",
			wantInText: []string{"Die Reederei streicht ab Januar", "Am 15. Dezember stellt", "bis zum späten Nachmittag am Hafen."},
			notInText:  []string{"Aktualisiert", "30.11.2026, 10:27", "29. Nov. 2026"}},
		// A short lead that opens with a <time> and a sentence of its
		// own ("Thursday, 4 p.m. — Turnout is low."): no date line, it
		// stays.
		{name: "head_time_lead",
			wantInText: []string{"Thursday, 4 p.m. — Turnout is low.", "Voters in the harbour ward", "shortly after midnight."}},
		// An event's page, hashed classes: its <time> line names no
		// year ("Saturday 12 June, 19:00"), the date the page is
		// about, not its stamp: it stays (review39e).
		{name: "event_time_line",
			wantInText: []string{"Saturday 12 June, 19:00", "The Choir of St Anne's returns", "step-free access to every seat"}},
		// A story's pictures in <figure>s with hashed classes: a credit
		// ("Image copyright" and the agency) and a gallery's count ("6")
		// beside a picture with a <figcaption> go. A pull quote framed by
		// a figure, a figure with no <figcaption> whose short line is its
		// caption, and a caption beside the picture whose <figcaption>
		// holds only the shorter credit, stay; so does the text around
		// them.
		{name: "figure_overlay_labels",
			wantInText: []string{"Eleven locks lift the upper canal", "“Forty boats before lunch”", "The keeper's cottage at lock 4", "The keepers' van on the towpath", "check a notebook of water levels."},
			notInText:  []string{"Image copyright", "Harbour Photo Agency", "\n6\n"}},
		// Lines someone wrote in a <p> beside a picture in a <figure>
		// with a longer <figcaption> are no labels and stay: a
		// standfirst set with the lead picture, a statistic, a quoted
		// post, a caption over a longer credit (review40e); in Japanese
		// too, where holdsSentence sees no sentence.
		{name: "figure_prose_lines",
			wantInText: []string{"Councillors reverse the fortnightly plan", "3 in 4 households", "sort their food waste every week", "Weekly it stays. Thank you all!", "The depot at Mill Lane", "any library."}},
		{name: "figure_prose_lines_ja",
			wantInText: []string{"桜の下で昼食をとる家族。", "午後六時から九時まで"}},
		// Short lines in <div>s beside the picture's wrapper, not in it:
		// a standfirst set with the lead picture, a chart's figures, a
		// photo essay's titles, a standfirst in Arabic. They are no
		// labels drawn on the picture and stay (review40e).
		{name: "figure_apart_lines",
			wantInText: []string{"Councillors reverse the fortnightly plan", "2019 41%", "2026 74%", "any library."}},
		{name: "figure_photo_titles",
			wantInText: []string{"Alfama, July 1987", "Mouraria, August 1987", "end of March."}},
		{name: "figure_apart_lines_ar",
			wantInText: []string{"المجلس يتراجع عن الخطة", "ألفين وواحد وثلاثين"}},
		// A <figure> a CMS wraps around the picture and the whole story
		// holds more than a picture's labels: its short line stays.
		{name: "figure_layout_wrapper",
			wantInText: []string{"Ice on the summit pound", "In January the summit pound froze", "a winter like it."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "body", tt.name, "https://notes.example/2026/11/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
		})
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
