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
// the heading's box stays when the box holds less, and the product's
// parts outside a box that holds more (a section headed as one, in any
// of the languages, a tab panel) stay.
func TestKeepHeadRegion(t *testing.T) {
	desc := `<p>A three-legged stool of green oak, turned and pegged by hand, with a seat dished to sit well for a long evening by the fire or at the bench.</p>
<p>The legs are riven rather than sawn, so the grain runs their whole length and they will not snap however the stool is treated in a busy kitchen.</p>
<p>Each one is finished with a coat of linseed oil and left to season for a month in the workshop before it is wrapped in paper and sent out.</p>
<p>It stands forty-five centimetres tall and weighs a little under three kilograms, light enough to carry from room to room with one hand.</p>`
	brand := `<section class="story"><h2>Made slowly on the marsh</h2>
<p>We began in a boat shed with a stack of windblown oak, and every tree we fell is replanted twice over along the river.</p></section>`
	// buyBox is a box that holds three quarters of a page's words by
	// itself: the name, a price, a summary and a list of points.
	buyBox := `<h1>Oak stool</h1><p class="price">£120.00</p>
<p>A three-legged stool of green oak, turned and pegged by hand, with a seat dished to sit well for a long evening by the fire.</p>
<ul><li>Riven legs, so the grain runs their whole length and they will not snap in a busy kitchen.</li>
<li>A seat forty centimetres across, dished by hand with an adze and smoothed with a scraper.</li>
<li>Finished with a coat of linseed oil and seasoned for a month in the workshop before it leaves.</li>
<li>Light enough to carry from room to room with one hand, at a little under three kilograms.</li>
<li>Made to order in a small workshop by two joiners who have built stools for twenty years.</li>
<li>Each stool is signed and dated under the seat with the name of the wood it came from.</li></ul>
<p>Sent within five working days by tracked courier, free to any mainland address on orders over fifty pounds.</p>`
	part := func(head, body string) string {
		return `<section><h2>` + head + `</h2><p>` + body + `</p></section>`
	}
	specs := `<section><h2>Specifications</h2><table><tr><th>Height</th><td>45 cm</td></tr><tr><th>Seat</th><td>40 cm across</td></tr><tr><th>Wood</th><td>Green oak</td></tr></table></section>`
	tabs := `<div class="tabs"><div role="tabpanel" id="care"><p>Wipe the seat with a damp cloth after use, keep the stool away from a hot stove, and give it a fresh coat of linseed oil once a year.</p></div></div>`
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
		{"description and specifications below a full buy box stay", "https://saltmarsh.example/p/oak-stool/",
			regionPage(buyBox, `<div class="below">`+part("Description", "The oak for these stools comes from one storm-felled tree on the marsh, split and left to dry under cover for a whole winter.")+specs+`</div>`), corpus.PageTypeProduct,
			[]string{"Riven legs", "one storm-felled tree", "Green oak"}, nil},
		{"a title row's heading opens the section around it", "https://saltmarsh.example/p/oak-stool/",
			regionPage(buyBox, `<div class="below"><div class="row"><div class="title"><h2>Description</h2></div><div class="text"><p>The oak for these stools comes from one storm-felled tree on the marsh, split and left to dry under cover for a whole winter.</p></div></div></div>`), corpus.PageTypeProduct,
			[]string{"Riven legs", "one storm-felled tree"}, nil},
		{"beside the product's part, the rest of its branch goes", "https://saltmarsh.example/p/oak-stool/",
			regionPage(buyBox, `<div class="below">`+part("Description", "The oak comes from one storm-felled tree, split and dried for a winter.")+part("Made slowly on the marsh", "We began in a boat shed with a stack of windblown oak and replant every tree we fell.")+`</div>`), corpus.PageTypeProduct,
			[]string{"Riven legs", "one storm-felled tree"}, []string{"windblown oak"}},
		{"a heading in another language opens the part", "https://saltmarsh.example/p/oak-stool/",
			regionPage(buyBox, part("Produktbeschreibung:", "Die Eiche für diese Hocker stammt von einem einzigen Baum am Marschland, gespalten und einen ganzen Winter lang getrocknet.")), corpus.PageTypeProduct,
			[]string{"Riven legs", "einem einzigen Baum"}, nil},
		{"a tab panel below a full buy box stays", "https://saltmarsh.example/p/oak-stool/",
			regionPage(buyBox, tabs), corpus.PageTypeProduct,
			[]string{"Riven legs", "damp cloth"}, nil},
		{"a brand message below a full buy box goes", "https://saltmarsh.example/p/oak-stool/",
			regionPage(buyBox, part("Made slowly on the marsh", "We began in a boat shed with a stack of windblown oak, and every tree we fell on the marsh is replanted twice over along the river bank by our neighbours.")), corpus.PageTypeProduct,
			[]string{"Riven legs"}, []string{"windblown oak"}},
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
