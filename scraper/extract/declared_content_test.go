package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// faqLD is an FAQPage in JSON-LD with the given question and answer.
func faqLD(q, a string) string {
	return `<script type="application/ld+json">{"@context":"https://schema.org","@type":"FAQPage","mainEntity":[` +
		`{"@type":"Question","name":"` + q + `","acceptedAnswer":{"@type":"Answer","text":"` + a + `"}}]}</script>`
}

const (
	testQ = "How long does the paint take to dry?"
	testA = "Most coats dry to the touch in two hours and cure fully within a week."
)

// TestWithDeclaredContent: an FAQ answer or a HowTo step that the page's
// markup holds (in a collapsed panel) and its text found lacks comes back
// from the data, after its question when the text shows the question,
// else at the end; an answer only the data holds, one the text shows
// already, a short one, and those of product and forum pages do not.
func TestWithDeclaredContent(t *testing.T) {
	hidden := `<div hidden><p>` + testA + `</p></div>`
	tests := []struct {
		name, head, body, typ, text, want string
	}{
		{"collapsed answer after its question", faqLD(testQ, testA), `<button>` + testQ + `</button>` + hidden,
			corpus.PageTypeService, "Intro line here.\n\n" + testQ + "\n\nOutro.",
			"Intro line here.\n\n" + testQ + "\n\n" + testA + "\n\nOutro."},
		{"answer under its question, not in the contents", faqLD(testQ, testA), `<button>` + testQ + `</button>` + hidden,
			corpus.PageTypeDocumentation, "Contents\n\n- " + testQ + "\n- Storing paint\n\n" + testQ + "\n\nStoring paint",
			"Contents\n\n- " + testQ + "\n- Storing paint\n\n" + testQ + "\n\n" + testA + "\n\nStoring paint"},
		{"question and answer at the end", faqLD(testQ, testA), `<button>` + testQ + `</button>` + hidden,
			corpus.PageTypeListing, "Shelf of paints.",
			"Shelf of paints.\n\n" + testQ + "\n\n" + testA},
		{"answer written as markup", faqLD(testQ, `&lt;p&gt;Most coats dry &lt;b&gt;to the touch&lt;/b&gt; in two hours.&lt;/p&gt;&lt;p&gt;They cure within a week.&lt;/p&gt;`),
			`<button>` + testQ + `</button><div hidden><p>Most coats dry <b>to the touch</b> in two hours.</p><p>They cure within a week.</p></div>`, corpus.PageTypeListing, testQ,
			testQ + "\n\nMost coats dry to the touch in two hours.\nThey cure within a week."},
		{"answer's words spread over the text", faqLD(testQ, testA), hidden, corpus.PageTypeService,
			"A week of work. Fully two coats. Most dry in hours. Cure the touch within to and.",
			"A week of work. Fully two coats. Most dry in hours. Cure the touch within to and.\n\n" + testQ + "\n\n" + testA},
		{"howto step", `<script type="application/ld+json">{"@type":"HowTo","step":[{"@type":"HowToStep","name":"Prepare","text":"Sand the wall with fine paper until it is smooth."}]}</script>`,
			`<ol><li hidden>Sand the wall with fine paper until it is smooth.</li></ol>`, corpus.PageTypeDocumentation, "Painting a wall.",
			"Painting a wall.\n\nPrepare\n\nSand the wall with fine paper until it is smooth."},
		{"markup holding an entity", faqLD(testQ, `<p>Join the lines with a &lt;br&gt; tag in the editor.</p>`),
			`<div hidden><p>Join the lines with a &lt;br&gt; tag in the editor.</p></div>`, corpus.PageTypeDocumentation, testQ,
			testQ + "\n\nJoin the lines with a <br> tag in the editor."},
		// What must be kept.
		{"FAQ in the site's footer", faqLD(testQ, testA), `<p>Paints.</p><footer><details><summary>` + testQ + `</summary><p>` + testA + `</p></details></footer>`,
			corpus.PageTypeListing, "Paints.", "Paints."},
		{"FAQ in a footer drawn as a div", faqLD(testQ, testA), `<p>Paints.</p><div class="site-footer"><div class="faq"><p>` + testQ + `</p><p>` + testA + `</p></div></div>`,
			corpus.PageTypeListing, "Paints.", "Paints."},
		{"FAQ in a sidebar", faqLD(testQ, testA), `<p>Paints.</p><div role="complementary"><p>` + testQ + `</p><p>` + testA + `</p></div>`,
			corpus.PageTypeService, "Paints.", "Paints."},
		{"question alone shown, as a link", faqLD(testQ, testA), `<ul><li><a href="/help/drying">` + testQ + `</a></li></ul>`,
			corpus.PageTypeListing, testQ, testQ},
		{"only in the data", faqLD(testQ, testA), `<p>Paints.</p>`, corpus.PageTypeService, "Paints.", "Paints."},
		{"shown already", faqLD(testQ, testA), `<p>` + testA + `</p>`, corpus.PageTypeService,
			testQ + "\n\nMost coats dry to the touch in two hours and cure fully within a week!",
			testQ + "\n\nMost coats dry to the touch in two hours and cure fully within a week!"},
		{"short answer", faqLD(testQ, "Two hours."), `<div hidden>Two hours.</div>`, corpus.PageTypeService, "Paints.", "Paints."},
		{"product page", faqLD(testQ, testA), hidden, corpus.PageTypeProduct, "A can of paint.", "A can of paint."},
		{"forum page", faqLD(testQ, testA), hidden, corpus.PageTypeForum, "A thread.", "A thread."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader("<html><head>" + tt.head + "</head><body>" + tt.body + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			p := newPage(goquery.NewDocumentFromNode(root), nil, fetchedAt)
			p.bodyNode = root.FirstChild.LastChild
			art := corpus.Article{PageType: tt.typ, Text: tt.text}
			p.withDeclaredContent(&art)
			if art.Text != tt.want {
				t.Errorf("text = %q\nwant   %q", art.Text, tt.want)
			}
			if art.WordCount != 0 && art.WordCount != countWords(art.Text) {
				t.Errorf("word count %d, want %d", art.WordCount, countWords(art.Text))
			}
		})
	}
}

// TestDeclaredContentInPage runs a shop's category page with an FAQPage
// in its JSON-LD through Extract: an FAQ the site shows in its footer
// (an SEO plugin's, on every page) stays out of the text; one the page
// shows in a collapsed accordion comes back once, whether the panels'
// controls (withPanels, before this rule) or the data put it back.
func TestDeclaredContentInPage(t *testing.T) {
	const (
		q1 = "Do you ship to the islands?"
		a1 = "We ship to every island with a ferry service, within five working days."
		q2 = "Can I return a used item?"
		a2 = "Used items can be returned within thirty days if they are clean and dry."
	)
	base, err := os.ReadFile("testdata/chrome/collection_controls.html")
	if err != nil {
		t.Fatal(err)
	}
	ld := `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Shop"},` +
		`{"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"` + q1 + `","acceptedAnswer":{"@type":"Answer","text":"` + a1 + `"}},` +
		`{"@type":"Question","name":"` + q2 + `","acceptedAnswer":{"@type":"Answer","text":"&lt;p&gt;` + a2 + `&lt;/p&gt;"}}]}]}</script></head>`
	page := strings.Replace(string(base), "</head>", ld, 1)
	const footer = `<footer><a href="/terms">Terms and conditions</a> <a href="/privacy">Privacy policy</a></footer>`
	accordion := `<h2>Questions</h2>` +
		`<button aria-expanded="false" aria-controls="f1">` + q1 + `</button><div id="f1" hidden><p>` + a1 + `</p></div>` +
		`<button aria-expanded="false">` + q2 + `</button><div class="panel" style="display:none"><p>` + a2 + `</p></div></main>`
	tests := []struct {
		name, page string
		want, not  []string
	}{
		{"FAQ in the footer", strings.Replace(page, footer, `<footer><h2>Questions</h2><p>`+q1+`</p><p>`+a1+`</p><p>`+q2+`</p><p>`+a2+`</p></footer>`, 1),
			[]string{"Everything for cooking outdoors", "Lantern"}, []string{a1, a2}},
		{"FAQ in a collapsed accordion", strings.Replace(page, "</main>", accordion, 1),
			[]string{"Everything for cooking outdoors", "Lantern", a1, a2}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(tt.page), URL: "https://supplies.example/c/camp-kitchen/"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != corpus.PageTypeListing {
				t.Fatalf("page type %q, want listing", art.PageType)
			}
			checkText(t, art.Text, tt.want, tt.not)
			for _, a := range []string{a1, a2} {
				if n := strings.Count(art.Text, a); n > 1 {
					t.Errorf("%q %d times in the text", a, n)
				}
			}
		})
	}
}

// BenchmarkDeclaredContentBig: a long documentation page whose JSON-LD
// declares 80 questions, each shown with its answer collapsed, the
// answers put back after their questions (one pass over the text, not
// one per answer).
func BenchmarkDeclaredContentBig(b *testing.B) {
	var ld, body, text strings.Builder
	ld.WriteString(`<script type="application/ld+json">{"@type":"FAQPage","mainEntity":[`)
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&text, "Paragraph %d about paint, brushes and walls, with a few more words to read on.\n\n", i)
	}
	for i := 0; i < 80; i++ {
		if i > 0 {
			ld.WriteString(",")
		}
		q := fmt.Sprintf("Question number %d about paint?", i)
		a := fmt.Sprintf("Answer number %d says the coat dries in %d hours and cures in a week.", i, i)
		fmt.Fprintf(&ld, `{"@type":"Question","name":%q,"acceptedAnswer":{"@type":"Answer","text":%q}}`, q, a)
		body.WriteString(`<button>` + q + `</button><div hidden><p>` + a + `</p></div>`)
		text.WriteString(q + "\n\n")
	}
	ld.WriteString(`]}</script>`)
	root, err := html.Parse(strings.NewReader("<html><head>" + ld.String() + "</head><body>" + body.String() + "</body></html>"))
	if err != nil {
		b.Fatal(err)
	}
	p := newPage(goquery.NewDocumentFromNode(root), nil, fetchedAt)
	p.bodyNode = root.FirstChild.LastChild
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		art := corpus.Article{PageType: corpus.PageTypeDocumentation, Text: text.String()}
		p.withDeclaredContent(&art)
		if n := strings.Count(art.Text, "Answer number"); n != maxDeclaredPieces {
			b.Fatalf("%d answers put back, want %d", n, maxDeclaredPieces)
		}
	}
}
