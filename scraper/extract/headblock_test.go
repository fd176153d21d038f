package extract

import "testing"

// TestHeadlineBlock checks that a block holding the page's headline is
// its header, not a teaser (holdsHeadline, itemLink).
func TestHeadlineBlock(t *testing.T) {
	player := `<div class="player"><ul><li><a href="/a/1001.html">Morning programme for Serbia, episode 1001</a></li>` +
		`<li><a href="/a/1000.html">Morning programme for Serbia, episode 1000</a></li></ul></div>`
	tests := []struct {
		name, title, body string
		pub, pubPrec      string
	}{
		{name: "the headline's own time beside links to other episodes",
			title: "Morning programme for Serbia",
			body: `<div><div><h1><span class="badge">Live</span> <span>Morning programme for Serbia</span></h1></div>` +
				`<div><span class="date"><time datetime="2020-06-22T09:30:00+02:00">28 minutes ago</time></span></div>` + player + `</div>`,
			pub: "2020-06-22T09:30:00+02:00", pubPrec: "second"},
		{name: "a teaser's time beside a body heading that is not the title",
			title: "Morning programme for Serbia",
			body: `<article><h2>Morning programme for Serbia</h2>` + para + `<div><h1>What the report says</h1>` +
				`<span class="date"><time datetime="2020-06-19T09:30:00+02:00">19 June</time></span>` + player + `</div></article>`,
			pub: "", pubPrec: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := smallDatePage(t, "", tt.title, "", tt.body)
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
		})
	}
}
