package extract

import "testing"

// TestTimeRange checks which date lines read as an event's span of times
// or days.
func TestTimeRange(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Samstag, 12. März 2022, 19:00–21:00 Uhr", true},
		{"19 - 22 Uhr", true},
		{"7pm-9pm", true},
		{"10.–12. März 2022", true},
		{"March 10-12, 2022", true},
		{"12.03.2022 - 14:30", false},
		{"14:30 - 12.03.2022", false},
		{"Updated March 10 - 14:30", false},
		{"12.03.2022, 14:30 Uhr", false},
		{"Mar 10, 2022 2:30 pm - 3 min read", false},
		{"2022-03-12 10:30", false},
	}
	for _, tt := range tests {
		if got := reTimeRange.MatchString(tt.line); got != tt.want {
			t.Errorf("reTimeRange(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestEventDatePages checks that an event's date in the article's header
// is not the publication date of a page without metadata.
func TestEventDatePages(t *testing.T) {
	tests := []struct {
		name, body   string
		pub, pubPrec string
	}{
		{name: "an event's time element is passed over for the dateline",
			body: `<article><h1>Konzert im Park</h1><p><time itemprop="startDate" datetime="2022-03-12T19:00">12. März, 19 Uhr</time></p>` +
				`<p class="date">01.02.2022</p>` + para + `</article>`,
			pub: "2022-02-01T00:00:00Z", pubPrec: "day"},
		{name: "a dateline with a span of times is passed over",
			body: `<article><h1>Konzert im Park</h1><p class="date">12.03.2022, 19:00 - 21:00 Uhr</p>` + para + `</article><footer><time datetime="2022-02-01">1. Februar 2022</time></footer>`,
			pub:  "2022-02-01T00:00:00Z", pubPrec: "day"},
		{name: "a deadline's dateline is passed over",
			body: `<article><h1>Sprungbrett</h1><div class="deadline">Deadline: 15. März 2022</div>` + para + `</article><footer><time datetime="2022-02-01">1. Februar 2022</time></footer>`,
			pub:  "2022-02-01T00:00:00Z", pubPrec: "day"},
		{name: "a dateline with one time is the publication",
			body: `<article><h1>Headline</h1><p class="date">12.01.2022, 19:00 Uhr</p>` + para + `</article>`,
			pub:  "2022-01-12T00:00:00Z", pubPrec: "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := smallDatePage(t, "", "Page", "", tt.body)
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
		})
	}
}
