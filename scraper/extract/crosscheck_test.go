package extract

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestCrossCheckArticleBody: a page whose visible text missed the article
// (a short teaser) while its JSON-LD articleBody holds it gets the
// articleBody's paragraphs, whether that is plain text or markup; a page
// whose text holds the article keeps its own.
func TestCrossCheckArticleBody(t *testing.T) {
	var paras []string
	for i := 0; i < 6; i++ {
		paras = append(paras, fmt.Sprintf("Paragraph %d: the harbour board voted on Tuesday to extend the ferry's winter timetable to %d crossings, after the islands' councils asked for an earlier boat on school days.", i+1, 10+i))
	}
	plain := strings.Join(paras, "\n\n")
	markup := "<p>" + strings.Join(paras, "</p><p>") + "</p>"
	teaser := `<p>The harbour board voted on the ferry timetable. Subscribers can read the full story.</p>`
	full := markup
	tests := []struct {
		name, visible, body string
		want                []string
	}{
		{"plain articleBody, teaser page", teaser, plain, paras},
		{"markup articleBody, teaser page", teaser, markup, paras},
		{"markup articleBody, full page", full, markup, paras},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ld, err := json.Marshal(map[string]any{
				"@context": "https://schema.org", "@type": "NewsArticle",
				"headline": "Ferry timetable extended", "datePublished": "2024-11-02T08:00:00Z",
				"articleBody": tt.body,
			})
			if err != nil {
				t.Fatal(err)
			}
			page := `<html><head><title>Ferry timetable extended</title><script type="application/ld+json">` + string(ld) +
				`</script></head><body><article><h1>Ferry timetable extended</h1>` + tt.visible + `</article></body></html>`
			art, err := Extract(Input{URL: "https://news.example/2024/11/02/ferry.html", Body: []byte(page)})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.want {
				if strings.Count(art.Text, p) != 1 {
					t.Errorf("paragraph %.14q is %d times in the text, want once; text:\n%s", p, strings.Count(art.Text, p), art.Text)
				}
			}
			if strings.Contains(art.Text, "<p>") {
				t.Errorf("markup in the text:\n%s", art.Text)
			}
		})
	}
}
