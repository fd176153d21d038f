package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// TestAppOffered: a page that declares an application with its offer
// and no article is a product (an app store's page); a blog post that
// declares the app it reviews beside its own BlogPosting stays an
// article, and so does a page that declares the application without
// an offer.
func TestAppOffered(t *testing.T) {
	para := "<p>Tidepool shows the next high and low tide for thousands of stations around the coast, with a curve you can scrub through to see the height of the water at any minute of the day, and it draws sunrise, sunset and the moon beside it so that a paddler or an angler knows at a glance when to set out.</p>"
	app := `{"@context":"https://schema.org","@type":"SoftwareApplication","name":"Tidepool","operatingSystem":"iOS","offers":{"@type":"Offer","price":"0","priceCurrency":"USD"}}`
	noOffer := `{"@context":"https://schema.org","@type":"SoftwareApplication","name":"Tidepool","operatingSystem":"iOS"}`
	post := `{"@context":"https://schema.org","@type":"BlogPosting","headline":"Three weeks with Tidepool","datePublished":"2026-11-02T09:00:00Z","author":{"@type":"Person","name":"Ann Lee"}}`
	for _, tt := range []struct {
		name, ld string
		want     bool
	}{
		{"app store page", app, true},
		{"review post", post + "</script><script type=\"application/ld+json\">" + app, false},
		{"no offer", noOffer, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := fmt.Sprintf(`<html><head><title>Tidepool</title><script type="application/ld+json">%s</script></head><body><main><h1>Tidepool</h1>%s%s%s</main></body></html>`, tt.ld, para, para, para)
			art, err := Extract(Input{Body: []byte(page), URL: "https://apps.example/app/tidepool/id158", FetchedAt: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if got := art.PageType == corpus.PageTypeProduct; got != tt.want {
				t.Errorf("page type %q, want product: %v", art.PageType, tt.want)
			}
		})
	}
}

// TestSellerRulesSpareStories: stories that declare what they write of
// stay articles with their whole text. A newspaper's book review, dated
// and signed, declares the book in microdata beside a bookshop's "Add to
// basket" button, on another day than the review's (itemDated); a tech
// story declares the app it reports on, with its offer, in JSON-LD
// (appOffered). Neither page declares itself an article.
func TestSellerRulesSpareStories(t *testing.T) {
	for _, tt := range []struct{ file, url string }{
		{"book_review_basket.html", "https://daily.example/books/2026/nov/20/the-salt-road-ines-varga-review"},
		{"app_story_offer.html", "https://tech.example/2026/11/02/tidepool-storm-surge-warnings"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			art := extractTestdata(t, "typemisfire/"+tt.file, tt.url)
			if art.PageType != corpus.PageTypeArticle {
				t.Errorf("page type %q (%d words), want article", art.PageType, art.WordCount)
			}
			if !strings.Contains(art.Text, "the ferry captain, who has seen the water rise") {
				t.Errorf("text lacks its last paragraph: %q", art.Text)
			}
		})
	}
}
