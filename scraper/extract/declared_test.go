package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestDeclaresArticle: og:type and JSON-LD article types anywhere in the
// page declare an article; a website, a web page or a product do not.
func TestDeclaresArticle(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"og article", `<meta property="og:type" content="article">`, true},
		{"og article by name", `<meta name="og:type" content=" Article ">`, true},
		{"og website", `<meta property="og:type" content="website">`, false},
		{"ld news article", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"x"}</script>`, true},
		{"ld graph", `<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":["BlogPosting"]}]}</script>`, true},
		{"ld main entity", `<script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"Article"}}</script>`, true},
		{"ld array", `<script type="application/ld+json">[{"@type":"Organization"},{"@type":"https://schema.org/ReportageNewsArticle"}]</script>`, true},
		{"ld web page", `<script type="application/ld+json">{"@type":"WebPage","name":"x"}</script>`, false},
		{"ld product", `<script type="application/ld+json">{"@type":"Product","name":"x"}</script>`, false},
		{"ld broken", `<script type="application/ld+json">{"@type":"NewsArticle",</script>`, false},
		{"none", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(`<html><head>` + tt.head + `</head><body><div><p>Text.</p></div></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			p := doc.LastChild.LastChild.FirstChild.FirstChild // html > body > div > p
			if got := declaresArticle(p); got != tt.want {
				t.Errorf("declaresArticle = %v, want %v", got, tt.want)
			}
		})
	}
}
