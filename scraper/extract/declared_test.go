package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
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
		{"ld truncated", `<script type="application/ld+json">{"@type":"NewsArticle",</script>`, true},
		{"ld not json", `<script type="application/ld+json">@type NewsArticle</script>`, false},
		{"none", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(`<html><head>` + tt.head + `</head><body><div><p>Text.</p></div></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			p := newPage(goquery.NewDocumentFromNode(doc), nil, fetchedAt)
			if got := p.declaresArticleMeta(); got != tt.want {
				t.Errorf("declaresArticleMeta = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDeclaresOnce: the content walk has the page's declaration from
// its metadata before it starts, without a walk of its own (review14b: a
// hostile page of thousands of asides asked it for each, a walk of the
// whole tree every time: 1.5 -> 10.4 s of CPU); a re-walk of the page
// keeps it, the next page does not.
func TestDeclaresOnce(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><head><meta property="og:type" content="article"></head><body><p>x</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(goquery.NewDocumentFromNode(doc), nil, fetchedAt)
	p.extract(Options{})
	x := p.x
	if !x.declared {
		t.Fatal("og:type article: not declared")
	}
	meta := doc.FirstChild.FirstChild.FirstChild // <html><head><meta>
	meta.Attr = nil
	x.reset() // analyzePage's re-walk of an unhidden wrapper
	if !x.declared {
		t.Error("after a re-walk of the page: the declaration lost")
	}
	p.release()
	y := getExtractor()
	defer putExtractor(y)
	if y.declared {
		t.Error("the next page's walk: the first page's answer")
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
