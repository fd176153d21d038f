package extract

import (
	"testing"
	"time"
)

// TestYearlessDate checks that a day and month printed without a year
// are completed with the year nearest the fetch time, or else nearest
// the latest date in the page's attribute values.
func TestYearlessDate(t *testing.T) {
	const css = `<link rel="stylesheet" href="/css/site.min.css?v=2022-10-22"><script src="/js/site.js?v=2022-06-15-12-15"></script>`
	tests := []struct {
		name, title, head, body string
		noFetch                 bool
		fetched                 time.Time // zero: fetchedAt
		pub, pubPrec            string
	}{
		{name: "a day and month in the heading, the year of the stylesheet's version", noFetch: true,
			title: "Site | Kultur | 30.11. | Buch der Woche", head: css,
			body: `<h1>Literatur</h1><div><h2>30.11. | Buch der Woche</h2><h3>A. Author • Title</h3></div>` + para,
			pub:  "2022-11-30T00:00:00Z", pubPrec: "day"},
		{name: "a day and month early in the year, after a late version stamp", noFetch: true,
			title: "Buch der Woche", head: `<link rel="stylesheet" href="/css/site.css?v=2022-12-20">`,
			body: `<h1>Literatur</h1><div><h2>05.01. | Buch der Woche</h2></div>` + para,
			pub:  "2023-01-05T00:00:00Z", pubPrec: "day"},
		{name: "a day and month completed from the fetch time",
			title: "Buch der Woche", head: css,
			body: `<h1>Literatur</h1><div><h2>30.11. | Buch der Woche</h2></div>` + para,
			pub:  "2024-11-30T00:00:00Z", pubPrec: "day"},
		{name: "a day just after the fetch's day is last year's",
			title: "01.01. | Neujahrskonzert", fetched: time.Date(2026, 12, 31, 8, 0, 0, 0, time.UTC),
			body: `<h1>Neujahrskonzert</h1><div><h2>01.01. | Neujahrskonzert</h2></div>` + para,
			pub:  "2026-01-01T00:00:00Z", pubPrec: "day"},
		{name: "a day more than a month after the fetch's day is last year's",
			title: "20.11. | Buch der Woche", fetched: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC),
			body: `<h1>Literatur</h1><div><h2>20.11. | Buch der Woche</h2></div>` + para,
			pub:  "2025-11-20T00:00:00Z", pubPrec: "day"},
		{name: "the fetch's day itself",
			title: "15.01. | Buch der Woche",
			body:  `<h1>Literatur</h1><div><h2>15.01. | Buch der Woche</h2></div>` + para,
			pub:   "2025-01-15T00:00:00Z", pubPrec: "day"},
		{name: "a link's date is no version stamp", noFetch: true,
			title: "30.11. | Buch der Woche",
			body:  `<h1>Literatur</h1><div><h2>30.11. | Buch der Woche</h2></div>` + para + `<a href="/archiv/2019-01-20/alt">Archiv</a><img src="/img/x.jpg?v=2019-01-20">`},
		{name: "a script's path is no version stamp", noFetch: true,
			title: "30.11. | Buch der Woche", head: `<script src="/2019-01-20/site.js"></script>`,
			body: `<h1>Literatur</h1><div><h2>30.11. | Buch der Woche</h2></div>` + para},
		{name: "an offer's end is no date",
			title: "Frühbucherrabatt | bis 30.11.",
			body:  `<h1>Frühbucherrabatt</h1>` + para},
		{name: "Uhr capitalised after the time",
			title: "Lesung",
			body:  `<h1>Lesung</h1><div><h2>Mo, 30.11., 18:00 Uhr | Lesung</h2></div>` + para,
			pub:   "2024-11-30T00:00:00Z", pubPrec: "day"},
		{name: "no reference year, no date", noFetch: true,
			title: "Buch der Woche",
			body:  `<h1>Literatur</h1><div><h2>30.11. | Buch der Woche</h2></div>` + para},
		{name: "a version number is no day", noFetch: true,
			title: "Release notes", head: css,
			body: `<h1>Release notes</h1><div><h2>Version 2.1.3 | What changed</h2></div>` + para},
		{name: "a cjk month and day in brackets with a time, under the headline",
			title: "ニュース",
			body:  `<h1>見出し</h1><div><p>[06月24日 11時30分]</p></div>` + para,
			pub:   "2024-06-24T00:00:00Z", pubPrec: "day"},
		{name: "a cjk month and day with the weekday in brackets and a time",
			title: "ニュース",
			body:  `<h1>見出し</h1><div><p>6月24日(月) 11:30</p></div>` + para,
			pub:   "2024-06-24T00:00:00Z", pubPrec: "day"},
		{name: "a korean month and day with the weekday in brackets",
			title: "뉴스",
			body:  `<h1>제목</h1><div><p>6월 24일(월)</p></div>` + para,
			pub:   "2024-06-24T00:00:00Z", pubPrec: "day"},
		{name: "a korean month and day in full-width digits",
			title: "뉴스",
			body:  `<h1>제목</h1><div><p>１２월 ３일</p></div>` + para,
			pub:   "2024-12-03T00:00:00Z", pubPrec: "day"},
		{name: "a cjk month and day after an event's date label is no date",
			title: "ニュース",
			body:  `<h1>見出し</h1><div><p>開催日</p><p>3月20日</p></div>` + para},
		{name: "a korean month and day after an event's date label and colon is no date",
			title: "뉴스",
			body:  `<h1>제목</h1><div><p>일시：</p><p>3월 20일</p></div>` + para},
		{name: "a cjk month and day inside a sentence is no date",
			title: "ニュース",
			body:  `<h1>見出し</h1><div><p>6月24日に開催</p></div>` + para},
		{name: "a full date elsewhere is taken first", noFetch: true,
			title: "Buch der Woche", head: css,
			body: `<h1>Literatur</h1><div><h2>30.11. | Buch der Woche</h2><p class="date">28.11.2022</p></div>` + para,
			pub:  "2022-11-28T00:00:00Z", pubPrec: "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<!DOCTYPE html><html lang="de"><head><title>` + tt.title + `</title>` + tt.head + `</head><body>` + tt.body + `</body></html>`
			in := Input{Body: []byte(page), URL: "https://example.org/kultur/buch", FetchedAt: fetchedAt}
			if !tt.fetched.IsZero() {
				in.FetchedAt = tt.fetched
			}
			if tt.noFetch {
				in.FetchedAt = time.Time{}
			}
			art, err := Extract(in)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
		})
	}
}

// TestDayMonth checks which texts hold a day and month without a year.
func TestDayMonth(t *testing.T) {
	tests := []struct {
		text       string
		day, month int
	}{
		{"30.11. | Buch der Woche", 30, 11},
		{"Site | Kultur | 30.11. | Buch der Woche", 30, 11},
		{"Mo, 30.11. - Lesung", 30, 11},
		{"Montag, 05.01., 18:00", 5, 1},
		{"Angebote bis 03.04. gültig", 0, 0},
		{"Version 2.1.", 0, 0},
		{"5.1. More on Lists", 0, 0},
		{"5.1.", 0, 0},
		{"30.11.2022", 0, 0},
		{"Version 2.1.3", 0, 0},
		{"32.11. | Buch", 0, 0},
		{"12.13.", 0, 0},
		{"Preis: 3.50 Euro", 0, 0},
		{"Frühbucherrabatt | bis 30.11.", 0, 0},
		{"ab 01.12.", 0, 0},
		{"Nr. 12.10.", 0, 0},
		{"Mo, 30.11., 18:00 Uhr", 30, 11},
		{"Sa. 05.12.", 5, 12},
		{"Thu, 03.12.", 3, 12},
		{"Sonntag, 06.12., 11:00 Uhr | Matinee", 6, 12},
	}
	for _, tt := range tests {
		if d, m := dayMonth(tt.text); d != tt.day || m != tt.month {
			t.Errorf("dayMonth(%q) = %d, %d; want %d, %d", tt.text, d, m, tt.day, tt.month)
		}
	}
}
