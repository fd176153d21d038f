package extract

import "testing"

// TestBannerHints checks that a date hint in the site's banner (today's
// date in the top bar) does not date the article (bannerHints).
func TestBannerHints(t *testing.T) {
	topbar := `<header><div class="topbar"><ul class="topbar-info"><li>Baku</li><li>Tuesday, (08 Dec 2020)</li></ul></div><nav><a href="/">Home</a></nav></header>`
	own := `<div class="post"><div class="title"><h1>Headline of the story</h1></div>` +
		`<ul class="nav meta"><li><a href="/time/2020-10-13" title="13 Oct 2020 18:29">13 Oct 2020 18:29</a></li><li>1479</li></ul></div>`
	tests := []struct {
		name, body   string
		pub, pubPrec string
	}{
		{name: "the top bar's date is skipped for the post's own details",
			body: topbar + `<main>` + own + para + `</main>`,
			pub:  "2020-10-13T00:00:00Z", pubPrec: "day"},
		{name: "details outside any banner are read",
			body: `<div class="topbar-info">Tuesday, (08 Dec 2020)</div>` + own + para,
			pub:  "2020-12-08T00:00:00Z", pubPrec: "day"},
		{name: "an article's own header is no banner",
			body: `<article><header><p class="post-info">Tuesday, (08 Dec 2020)</p><h1>Headline of the story</h1></header>` + para + `</article>`,
			pub:  "2020-12-08T00:00:00Z", pubPrec: "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := smallDatePage(t, "", "Page", "", tt.body)
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
		})
	}
}
