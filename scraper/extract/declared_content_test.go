package extract

import (
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
		{"question and answer at the end", faqLD(testQ, testA), `<button>` + testQ + `</button>` + hidden,
			corpus.PageTypeListing, "Shelf of paints.",
			"Shelf of paints.\n\n" + testQ + "\n\n" + testA},
		{"answer written as markup", faqLD(testQ, `&lt;p&gt;Most coats dry &lt;b&gt;to the touch&lt;/b&gt; in two hours.&lt;/p&gt;&lt;p&gt;They cure within a week.&lt;/p&gt;`),
			`<button>` + testQ + `</button>`, corpus.PageTypeListing, testQ,
			testQ + "\n\nMost coats dry to the touch in two hours.\nThey cure within a week."},
		{"answer's words spread over the text", faqLD(testQ, testA), hidden, corpus.PageTypeService,
			"A week of work. Fully two coats. Most dry in hours. Cure the touch within to and.",
			"A week of work. Fully two coats. Most dry in hours. Cure the touch within to and.\n\n" + testQ + "\n\n" + testA},
		{"howto step", `<script type="application/ld+json">{"@type":"HowTo","step":[{"@type":"HowToStep","name":"Prepare","text":"Sand the wall with fine paper until it is smooth."}]}</script>`,
			`<ol><li hidden>Sand the wall with fine paper until it is smooth.</li></ol>`, corpus.PageTypeDocumentation, "Painting a wall.",
			"Painting a wall.\n\nPrepare\n\nSand the wall with fine paper until it is smooth."},
		// What must be kept.
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
