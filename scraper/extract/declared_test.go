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

// TestDeclaresOnce: the content walk asks the page's declaration once a
// page (review14b: a hostile page of thousands of asides asked it for
// each, a walk of the whole tree every time: 1.5 -> 10.4 s of CPU), and
// asks again for the next page.
func TestDeclaresOnce(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><head><meta property="og:type" content="article"></head><body><p>x</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	x := getExtractor()
	defer putExtractor(x)
	if !x.declares(doc) {
		t.Fatal("og:type article: not declared")
	}
	meta := doc.FirstChild.FirstChild.FirstChild // <html><head><meta>
	meta.Attr = nil
	if !x.declares(doc) {
		t.Error("asked again within the page: the tree was walked twice")
	}
	x.reset()
	if x.declares(doc) {
		t.Error("after reset (the next page): the first page's answer")
	}
}

// BenchmarkHostileAsides: review14b's page of 2,000 unclosed asides, each
// the last of its parent with 2,000 bytes of paragraphs.
func BenchmarkHostileAsides(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>t</title></head><body>`)
	for range 2000 {
		sb.WriteString(`<div><aside><a href="/a">Most read</a><div class="text">`)
		for range 4 {
			sb.WriteString(`<p>` + strings.Repeat("The council met again and the vote was put off until spring. ", 8) + `</p>`)
		}
		sb.WriteString(`</div>` + strings.Repeat("<b></b>", 314) + `</aside></div>`)
	}
	sb.WriteString(`</body></html>`)
	page := []byte(sb.String())
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Extract(Input{Body: page, URL: "https://x.example/", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
			b.Fatal(err)
		}
	}
}
