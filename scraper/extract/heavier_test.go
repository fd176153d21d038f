package extract

import (
	"bytes"
	"net/url"
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
	p := extractedPage(t, filepath.Join("testdata", "body", "related_cards.html"), "")
	defer p.release()
	checkText(t, p.body, []string{"takes place for the sixth time", "Entries go to the harbour office"},
		[]string{"Drink tap water", "Save the spit", "Regatta week"})
	if t.Failed() {
		t.Logf("body:\n%s", p.body)
	}
}

// extractedPage parses the page in file (with opts) and runs the
// extraction on it as served at rawURL ("": no URL), for tests that read
// the page's state (the caller releases it).
func extractedPage(t *testing.T, file, rawURL string, opts ...html.ParseOption) *page {
	t.Helper()
	root, err := html.ParseWithOptions(bytes.NewReader(mustReadFile(t, file)), opts...)
	if err != nil {
		t.Fatal(err)
	}
	var base *url.URL
	if rawURL != "" {
		if base, err = url.Parse(rawURL); err != nil {
			t.Fatal(err)
		}
	}
	p := newPage(goquery.NewDocumentFromNode(root), base, fetchedAt)
	p.extract(Options{})
	return p
}
