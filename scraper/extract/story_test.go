package extract

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestStoryOpening: the head of a story of its own (a headline linking to
// another page, a dateline before the text) against a section of the
// same text (a plain heading, a permalink sign, a date inside the prose).
func TestStoryOpening(t *testing.T) {
	long := "<p>" + strings.Repeat("The council met again on Tuesday evening. ", 4) + "</p>"
	tests := []struct {
		name, block string
		want        bool
	}{
		{"linked headline", `<div><h2><a href="/news/other">Harbour museum opens</a></h2>` + long + `</div>`, true},
		{"dateline", `<div><h2>Harbour museum opens</h2><p class="byline">By Tom Berg, <time datetime="2026-12-01">1 December</time></p>` + long + `</div>`, true},
		{"datetime attribute", `<div><h3>Update</h3><span datetime="2026-12-01T10:00Z">10:00</span>` + long + `</div>`, true},
		{"plain heading", `<div><h2>Risks and side effects</h2>` + long + `</div>`, false},
		{"permalink sign", `<section><h2>Basic tutorial <a class="headerlink" href="#basic">¶</a></h2>` + long + `</section>`, false},
		{"time after the prose", `<div><h2>Timeline</h2>` + long + `<p>Since <time>2019</time>.</p></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + tt.block + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			body := firstOfAtom(doc, atom.Body)
			x := getExtractor()
			defer putExtractor(x)
			x.analyzePage(body)
			if got := x.storyOpening(body.FirstChild); got != tt.want {
				t.Errorf("storyOpening = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHeadingOpening: a block that opens with its own heading against
// one whose heading comes after its first lines of text.
func TestHeadingOpening(t *testing.T) {
	long := "<p>" + strings.Repeat("The council met again on Tuesday evening. ", 4) + "</p>"
	tests := []struct {
		name, block string
		want        bool
	}{
		{"heading first", `<div><h2>Harbour museum opens</h2>` + long + `</div>`, true},
		{"heading in a header", `<article><header><div><h3>Harbour museum opens</h3></div></header>` + long + `</article>`, true},
		{"short kicker before", `<div><span>Local</span><h2>Harbour museum opens</h2>` + long + `</div>`, true},
		{"text first", `<div>` + long + `<h2>Harbour museum opens</h2>` + long + `</div>`, false},
		{"h4 only", `<div><h4>Harbour museum opens</h4>` + long + `</div>`, false},
		{"no heading", `<div>` + long + `</div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + tt.block + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := headingOpening(firstOfAtom(doc, atom.Body).FirstChild); got != tt.want {
				t.Errorf("headingOpening = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNextStoriesDeclared: the next stories after the block holding the
// headline go only on a page that declares an article; without the
// declaration (a thread, a front of posts) the blocks stay.
func TestNextStoriesDeclared(t *testing.T) {
	page, err := os.ReadFile("testdata/body/next_stories_scroll.html")
	if err != nil {
		t.Fatal(err)
	}
	undeclared := regexp.MustCompile(`(?s)<meta property="og:type"[^>]*>\s*<script type="application/ld\+json">.*?</script>`).ReplaceAll(page, nil)
	if len(undeclared) == len(page) {
		t.Fatal("declaration not found in the test page")
	}
	for _, tt := range []struct {
		name     string
		page     []byte
		wantNext bool
	}{{"declared", page, false}, {"undeclared", undeclared, true}} {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: tt.page, URL: "https://example.org/local/mill"})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(art.Text, "The bus between the valley"); got != tt.wantNext {
				t.Errorf("next story in the text = %v, want %v", got, tt.wantNext)
			}
			if !strings.Contains(art.Text, "who drew the wheel.") {
				t.Error("the story's own last paragraph is missing")
			}
		})
	}
}
