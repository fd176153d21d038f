package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

func TestBlockWeights(t *testing.T) {
	if len(blockWeights) != nFeat {
		t.Fatalf("blockWeights has %d weights for %d features: retrain (see blockmodel_train_test.go)", len(blockWeights), nFeat)
	}
	if blockThreshold <= 0 || blockThreshold >= 1 {
		t.Fatalf("blockThreshold %v outside (0, 1)", blockThreshold)
	}
}

// TestModelText checks the block model on pages that are not articles:
// the intro and the items' teasers are the text, the menus, footer and
// consent dialog are not. (The linked item names are dropped today: the
// model weighs linked headings down; see docs/EXTRACTION.md.)
func TestModelText(t *testing.T) {
	nav := `<header><nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop the collection</a></li><li><a href="/about">About our company</a></li></ul></nav></header>`
	foot := `<footer><p>Copyright 2026 Example Outfitters. All rights reserved.</p><ul><li><a href="/privacy">Privacy policy and data use</a></li><li><a href="/terms">Terms of service</a></li></ul></footer>`
	consent := `<div class="cookie-consent"><p>We use cookies to improve your experience on our site and to show you relevant advertising.</p></div>`
	var cards strings.Builder
	for _, name := range []string{"Alpine trail jacket", "Summit down parka", "Ridge rain shell", "Canyon fleece pullover", "Harbor wind breaker", "Meadow hiking vest"} {
		cards.WriteString(`<div class="product-card"><h3><a href="/p/` + strings.ReplaceAll(name, " ", "-") + `">` + name + `</a></h3><p>A light layer for cold mornings on the trail, made from recycled fibres and built to last for years.</p><span class="price">$129.00</span></div>`)
	}
	page := `<!doctype html><html><head><title>Jackets | Example Outfitters</title></head><body>` + nav +
		`<main><h1>Jackets</h1><p>Our jackets keep you warm and dry on every kind of trip, from a walk in the park to a week in the mountains.</p><div class="grid">` +
		cards.String() + `</div></main>` + foot + consent + `</body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://shop.example/c/jackets", ContentType: "text/html; charset=utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	if art.PageType == corpus.PageTypeArticle {
		t.Fatalf("page type %q, want a page that is not an article", art.PageType)
	}
	for _, want := range []string{"Our jackets keep you warm", "A light layer for cold mornings"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, art.Text)
		}
	}
	for _, not := range []string{"Shop the collection", "All rights reserved", "We use cookies", "Privacy policy"} {
		if strings.Contains(art.Text, not) {
			t.Errorf("text holds %q:\n%s", not, art.Text)
		}
	}
}

func TestTakeModel(t *testing.T) {
	for _, c := range []struct {
		model, body int
		extra       float64
		want        bool
	}{
		{150, 100, 0, false},             // half as much again is needed ...
		{151, 100, 0, true},              // ... and enough, however unsure the model
		{130, 100, 0.6, false},           // a fifth more, the additions unsure: the body
		{130, 100, modelExtraConf, true}, // a fifth more, the additions sure: the model
		{120, 100, 0.9, false},           // not a fifth more
		{0, 0, 0.9, false},               // nothing either way
	} {
		if got := takeModel(c.model, c.body, c.extra); got != c.want {
			t.Errorf("takeModel(%d, %d, %.2f) = %v, want %v", c.model, c.body, c.extra, got, c.want)
		}
	}
}

// TestModelOverFragment checks takeModel on a page of our own: a service
// page whose article body is its first section, while the block model
// adds the questions section with high scores. The model's text holds
// under half as much again as the body, so size alone keeps the body;
// the confidence of what the model adds gives the page its whole text.
func TestModelOverFragment(t *testing.T) {
	page, err := os.ReadFile("testdata/blockmodel/service_sections.html")
	if err != nil {
		t.Fatal(err)
	}
	art, err := Extract(Input{Body: page, URL: "https://gardens.example/", ContentType: "text/html; charset=utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	if art.PageType == corpus.PageTypeArticle {
		t.Fatalf("page type %q, want a page that is not an article", art.PageType)
	}
	for _, want := range []string{"We design gardens for the small plots", "Shade is the rule behind city houses"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, art.Text)
		}
	}
	for _, not := range []string{"All rights reserved", "Projects"} {
		if strings.Contains(art.Text, not) {
			t.Errorf("text holds %q:\n%s", not, art.Text)
		}
	}
}
