package extract

import (
	"strings"
	"testing"
)

// TestFooterNoticeInStory: a sentence about copyright that names a year,
// and captions each closing with a photo credit, are the story's text,
// not a footer's notice; the page's real footer still goes.
func TestFooterNoticeInStory(t *testing.T) {
	para := "<p>" + strings.Repeat("The museum opened its new wing to visitors on Saturday after three years of work. ", 3) + "</p>"
	footer := `<div><div><a href="/a">About</a> <a href="/j">Jobs</a> <a href="/p">Privacy</a> <a href="/t">Terms</a></div>` +
		`<p>© 2026 Harbour Gazette Ltd</p></div>`
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"a sentence about copyright", para + "<p>The copyright on the first cartoon expired in 2024, the museum's lawyer said on Monday.</p>" + para,
			[]string{"The copyright on the first cartoon expired in 2024"}},
		{"a sentence opening with copyright", "<p>Copyright in the cartoon, first drawn in 1928, ran out this week.</p>" + para + para,
			[]string{"Copyright in the cartoon, first drawn in 1928"}},
		{"captions with credits", para + strings.Repeat(`<p>Visitors in the new hall on Saturday morning, the first of many. © 2026 Jane Roe</p>`, 5) +
			`<p>The last room holds the museum's oldest prints, shown for the first time. © 2026 Jane Roe</p>`,
			[]string{"Visitors in the new hall on Saturday morning", "The last room holds the museum's oldest prints"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><head><title>New wing</title><meta property="og:type" content="article"></head><body>` +
				`<div><div><h1>The museum's new wing opens</h1>` + tc.body + `</div>` + footer + `</div></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://news.example/2026/12/05/new-wing"})
			if err != nil {
				t.Fatal(err)
			}
			checkText(t, art.Text, tc.want, []string{"Harbour Gazette Ltd", "Privacy"})
		})
	}
}
