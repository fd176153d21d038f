package extract

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// TestHeavierRelated: a short post whose text sits mostly in headings,
// over a "related" section of teaser cards that holds more paragraph
// text than the post (kept for holding most of the page's paragraphs):
// the body is the post, not a card.
func TestHeavierRelated(t *testing.T) {
	p := extractedPage(t, filepath.Join("testdata", "body", "related_cards.html"))
	defer p.release()
	checkText(t, p.body, []string{"takes place for the sixth time", "Entries go to the harbour office"},
		[]string{"Drink tap water", "Save the spit", "Regatta week"})
	if t.Failed() {
		t.Logf("body:\n%s", p.body)
	}
}

// extractedPage parses the page in file and runs the extraction on it,
// for tests that read the page's state (the caller releases it).
func extractedPage(t *testing.T, file string) *page {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(mustReadFile(t, file)))
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(goquery.NewDocumentFromNode(root), nil, fetchedAt)
	p.extract(Options{})
	return p
}
