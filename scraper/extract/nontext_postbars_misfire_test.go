package extract

import (
	"fmt"
	"strings"
	"testing"
)

// barThread returns a thread whose posts are signed and dated in plain
// markup; bodies[i] is the i-th post's body (HTML), bar what each post
// repeats under its body ("" for none).
func barThread(bodies []string, bar string) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry timetable - Harbour board</title></head><body>`)
	b.WriteString(`<h1>Ferry timetable</h1><div class="thread">`)
	names := []string{"kedge", "halyard", "tiller", "bosun", "jib", "keel"}
	for i := range names {
		body := ""
		if i < len(bodies) {
			body = bodies[i]
		}
		n := names[i]
		fmt.Fprintf(&b, `<article class="post"><div class="author"><a href="/u/%s">%s</a></div><time datetime="2024-11-%02dT10:04">Nov %d, 2024</time><div class="body"><p>%s</p><p>%s</p>%s</div>`, n, n, 10+i, 10+i, ownWords[i], moreWords[i], body)
		if bar != "" {
			fmt.Fprintf(&b, `<div>%s</div>`, bar)
		}
		b.WriteString(`</article>`)
	}
	b.WriteString(`</div></body></html>`)
	return []byte(b.String())
}

var ownWords = []string{
	"The ferry leaves the north quay at seven on weekdays, and at nine on Sundays in the winter months.",
	"I took the early boat last week and it left the quay ten minutes late because of the fog.",
	"The harbour office says the winter timetable starts in the first week of November this year.",
	"On Sundays the late boat does not run at all, so plan on the afternoon crossing instead.",
	"Bikes go free on the morning crossings but cost two euros on the evening ones.",
	"The car deck fills up early on Fridays in the summer, so book a place online.",
}

var moreWords = []string{
	"Last winter the timetable changed twice in one month, and the notices on the quay were not updated until weeks later.",
	"The crew told me the fog delays are common in October, so leave some margin if you have a train to catch on the mainland.",
	"They also said the printed leaflets will be ready at the ticket office by the end of the month, along with the new fares.",
	"The afternoon crossing is usually quiet, and the café on the upper deck stays open until the boat reaches the island.",
	"If you carry a folding bike in a bag it counts as luggage, which is free on every crossing, morning or evening alike.",
	"Booking online also lets you change the date once without paying the fee that the ticket office charges for it.",
}

// TestPosterRanks: a poster's rank that a board sets as a <p> in each
// poster's card ("Big Board Owner", every word capitalized) is a label,
// not a reply three posters write (saidInPost), and goes.
func TestPosterRanks(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry timetable - Harbour board</title></head><body>`)
	b.WriteString(`<h1>Ferry timetable</h1><div>`)
	for i, n := range []string{"kedge", "halyard", "tiller", "bosun"} {
		fmt.Fprintf(&b, `<div><div><a href="/u/%s">%s</a><span><p>Big Board Owner</p></span></div><time datetime="2024-11-%02dT10:04">Nov %d, 2024</time><div><p>%s</p><p>%s</p></div></div>`,
			n, n, 10+i, 10+i, ownWords[i], moreWords[i])
	}
	b.WriteString(`</div></body></html>`)
	art, err := Extract(Input{Body: []byte(b.String()), URL: "https://board.example/t/ferry-timetable/41", ContentType: "text/html", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(art.Text, "north quay") || strings.Contains(art.Text, "Big Board Owner") {
		t.Errorf("want the posts without the posters' rank (type %s):\n%s", art.PageType, art.Text)
	}
}

// TestPostBarsMisfires: in a thread whose posts are signed and dated in
// plain markup, what dropPostBars must not take for a post's bar of
// controls (review30fo): a phrase of five words or more that three
// posters write as paragraphs, the rows of one post's list or of its
// paragraphs that differ only in their numbers ("Day 1 - 12 km"), a
// table's cells; the bar itself goes.
func TestPostBarsMisfires(t *testing.T) {
	const postBar = "Reply Quote Report Share Bookmark" // what each post repeats, and which goes
	long := ""
	for _, c := range []struct {
		name   string
		bodies []string
		keep   string
	}{
		{"short replies", []string{long, "<p>Same problem here with the new app</p>", "<p>Same problem here with the new app</p>", "<p>Same problem here with the new app</p>"}, "Same problem here"},
		{"phrase in a post written with line breaks", []string{long, "<div>Same problem here with the new app<br>It started after the update and the timetable screen stays blank now.</div>", "<div>Same problem here with the new app<br>Mine shows last year's sailings instead.</div>", "<div>Same problem here with the new app<br>Reinstalling did not help either.</div>"}, "Same problem here"},
		{"a short reply three posters write", []string{long, "<p>Count me in</p>", "<p>Count me in</p>", "<p>Count me in</p>"}, "Count me in"},
		{"table cells", []string{long + "<table><tr><td>Monday</td><td>Not running</td></tr><tr><td>Tuesday</td><td>Not running</td></tr><tr><td>Friday</td><td>Not running</td></tr></table>", long}, "Not running"},
		{"trip log", []string{long + "<ul><li>Day 1 - 12 km</li><li>Day 2 - 15 km</li><li>Day 3 - 9 km</li></ul>", long}, "Day 2 - 15 km"},
		{"results rows", []string{long + "<p>Week 1 ran 12 km in 3 runs</p><p>Week 2 ran 15 km in 4 runs</p><p>Week 3 ran 9 km in 2 runs</p>", long}, "Week 2 ran 15 km"},
	} {
		t.Run(c.name, func(t *testing.T) {
			art, err := Extract(Input{Body: barThread(c.bodies, postBar), URL: "https://board.example/t/ferry-timetable/41", ContentType: "text/html", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(art.Text, c.keep) {
				t.Errorf("lost %q (type %s):\n%s", c.keep, art.PageType, art.Text)
			}
			if strings.Contains(art.Text, postBar) {
				t.Errorf("kept the posts' bar %q", postBar)
			}
		})
	}
}
