package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/archivist-project/archivist/corpus"
	"golang.org/x/net/html"
)

// regionPage is a product page of a made-up shop: the <h1>'s box (the
// product's name, price and description) then, as its siblings in
// <main>, what the page puts around it (other), then a footer.
func regionPage(box, other string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Oak stool - Saltmarsh Joinery</title>
<meta property="og:type" content="product">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Oak stool","offers":{"@type":"Offer","price":"120.00","priceCurrency":"GBP"}}</script>
</head><body><header><a href="/">Saltmarsh Joinery</a> <a href="/c/seating/">Seating</a> <a href="/basket">Basket</a></header>
<main><div class="product">` + box + `</div>` + other + `</main>
<footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>`
}

// TestKeepHeadRegion: on a product page, the text outside the smallest
// element around the <h1> that holds three quarters of it goes (a
// brand's message in prose beside the product); a description outside
// the heading's box stays when the box holds less.
func TestKeepHeadRegion(t *testing.T) {
	desc := `<p>A three-legged stool of green oak, turned and pegged by hand, with a seat dished to sit well for a long evening by the fire or at the bench.</p>
<p>The legs are riven rather than sawn, so the grain runs their whole length and they will not snap however the stool is treated in a busy kitchen.</p>
<p>Each one is finished with a coat of linseed oil and left to season for a month in the workshop before it is wrapped in paper and sent out.</p>
<p>It stands forty-five centimetres tall and weighs a little under three kilograms, light enough to carry from room to room with one hand.</p>`
	brand := `<section class="story"><h2>Made slowly on the marsh</h2>
<p>We began in a boat shed with a stack of windblown oak, and every tree we fell is replanted twice over along the river.</p></section>`
	tests := []struct {
		name      string
		url, page string
		typ       string
		want, not []string
	}{
		{"brand message beside the product goes", "https://saltmarsh.example/p/oak-stool/",
			regionPage(`<h1>Oak stool</h1><p class="price">£120.00</p>`+desc, brand), corpus.PageTypeProduct,
			[]string{"A three-legged stool of green oak", "forty-five centimetres tall"},
			[]string{"Made slowly on the marsh", "windblown oak", "replanted twice"}},
		{"description outside the heading's box stays", "https://saltmarsh.example/p/oak-stool/",
			regionPage(`<h1>Oak stool</h1><p class="price">£120.00</p>`, `<section class="details">`+desc+`</section>`+brand), corpus.PageTypeProduct,
			[]string{"A three-legged stool of green oak", "forty-five centimetres tall", "windblown oak"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(tt.page), URL: tt.url, ContentType: "text/html"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tt.typ {
				t.Fatalf("page type %q, want %q; text:\n%s", art.PageType, tt.typ, art.Text)
			}
			checkText(t, art.Text, tt.want, tt.not)
			if t.Failed() {
				t.Logf("text:\n%s", art.Text)
			}
		})
	}
}

// TestKeepHeadRegionBlocks: the cut itself on a page's blocks: what no
// place in the page holds (a description from the page's data) stays,
// and a page without an <h1> keeps all.
func TestKeepHeadRegionBlocks(t *testing.T) {
	long := strings.Repeat("oak ", 60)
	tests := []struct {
		name, page string
		want       int // blocks kept of the body's blocks plus one without a place
	}{
		{"outside goes, placeless stays", `<html><body><div><h1>Oak stool</h1><p>` + long + `</p></div><section><p>Our story in a few words.</p></section></body></html>`, 3},
		{"no h1 keeps all", `<html><body><div><h2>Oak stool</h2><p>` + long + `</p></div><section><p>Our story in a few words.</p></section></body></html>`, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			p := newPage(goquery.NewDocumentFromNode(root), nil, fetchedAt)
			p.extract(Options{})
			defer p.release()
			bs, _ := p.x.featureBlocks(p.bodyNode, p.sel)
			bs = append(bs, block{text: "From the data: a stool.", at: -1})
			if got := len(p.keepHeadRegion(bs)); got != tt.want {
				t.Errorf("kept %d blocks, want %d", got, tt.want)
			}
		})
	}
}
