package extract

import (
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

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

// TestEventDateNodes checks which date texts eventDate reads as an
// event's: by the label before them, their line, or their markup.
func TestEventDateNodes(t *testing.T) {
	long := strings.Repeat("The council met on Tuesday and argued about the budget. ", 4)
	tests := []struct {
		name, html, date string
		want             bool
	}{
		{"a label in the element before", `<dl><dt>Wann</dt><dd>12.03.2024</dd></dl>`, "12.03.2024", true},
		{"a label at the line's start", `<p>Termin: <span>12.03.2024</span></p>`, "12.03.2024", true},
		{"a span of times on the date's own line", `<div>12.03.2024, 19:00–21:00 Uhr<p>` + long + `</p></div>`, "12.03.2024", true},
		{"a span of times in a long block is not the date's line",
			`<div>Posted 12.03.2024<p>The market opens 9:00–18:00 daily. ` + long + `</p></div>`, "12.03.2024", false},
		{"a span of times in a long inline parent", `<p><span>12.03.2024</span> ` + long + ` 9:00–18:00</p>`, "12.03.2024", false},
		{"itemprop startDate", `<p><span itemprop="startDate">12.03.2024</span></p>`, "12.03.2024", true},
		{"hCalendar dtstart", `<p><span class="dtstart">12.03.2024</span></p>`, "12.03.2024", true},
		{"a class word holding enddate", `<p class="meta"><span class="sendDate">12.03.2024</span></p>`, "12.03.2024", false},
		{"a plain dateline", `<p class="date">12.03.2024, 19:00 Uhr</p>`, "12.03.2024", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := xhtml.Parse(strings.NewReader(`<html><body>` + tt.html + `</body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			var n *xhtml.Node
			for d := range doc.Descendants() {
				if d.Type == xhtml.TextNode && strings.Contains(d.Data, tt.date) {
					n = d
					break
				}
			}
			if n == nil {
				t.Fatalf("no text holds %q", tt.date)
			}
			if got := eventDate(n); got != tt.want {
				t.Errorf("eventDate = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestBoundedLine checks that boundedLine gives textOf's text up to the
// limit and nothing past it.
func TestBoundedLine(t *testing.T) {
	tests := []struct {
		html  string
		limit int
		want  string
	}{
		{`<p> Mo, <b>12.03.</b>  <i>19:00</i><br>Uhr </p>`, 120, "Mo, 12.03. 19:00 Uhr"},
		{`<div>a<div>b</div><p>c</p>d<span>e</span></div>`, 120, "a b c de"},
		{`<p>12345 678</p>`, 9, "12345 678"},
		{`<p>12345 6789</p>`, 9, ""},
		{`<p>x<script>var a = 1;</script>y</p>`, 120, "xy"},
	}
	for _, tt := range tests {
		doc, err := xhtml.Parse(strings.NewReader(`<html><body>` + tt.html + `</body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		body := doc.LastChild.LastChild
		if got := boundedLine(body, tt.limit); got != tt.want {
			t.Errorf("boundedLine(%q, %d) = %q, want %q", tt.html, tt.limit, got, tt.want)
		}
		if tt.want != "" && textOf(body) != tt.want {
			t.Errorf("textOf(%q) = %q, boundedLine differs", tt.html, textOf(body))
		}
	}
}
