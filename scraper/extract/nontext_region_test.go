package extract

import (
	"fmt"
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
	// widgets is what a marketplace prints beside the product's box:
	// delivery choices, other sellers' offers, a count of baskets.
	widgets := `<div class="buying"><p>Collect from the workshop on Saturday morning, or choose tracked delivery at checkout for £9.50.</p>
<p>Other sellers on Saltmarsh Market offer this stool from £112.00 with delivery in two to three weeks.</p>
<p>In 40 baskets today. Only 3 left at this price, and the next batch is not due for six weeks.</p>
<p>Pay in three instalments of £40.00 with no interest when you check out with a partner lender.</p></div>`
	// halfBox holds a little over half of a page's words once the
	// product's parts below it are counted.
	halfBox := `<h1>Oak stool</h1><p class="price">£120.00</p>
<p>A three-legged stool of green oak, turned and pegged by hand, with a seat dished to sit well for a long evening by the fire.</p>
<ul><li>Riven legs, so the grain runs their whole length and they will not snap in a busy kitchen.</li>
<li>A seat forty centimetres across, dished by hand with an adze and smoothed with a scraper.</li>
<li>Finished with a coat of linseed oil and seasoned for a month in the workshop before it leaves.</li></ul>
<p>Sent within five working days by tracked courier, free to any mainland address on orders over fifty pounds.</p>`
	tabs := `<div class="tabs"><div role="tabpanel" id="care"><p>Wipe the seat with a damp cloth after use, keep the stool away from a hot stove, and give it a fresh coat of linseed oil once a year.</p></div></div>`
	tests := []regionCase{
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
		{"a box holding half the words: the widgets beside it go", "https://saltmarsh.example/p/oak-stool/",
			regionPage(`<h1>Oak stool</h1><p class="price">£120.00</p>`+desc, widgets), corpus.PageTypeProduct,
			[]string{"A three-legged stool of green oak", "forty-five centimetres tall"},
			[]string{"Collect from the workshop", "Other sellers on Saltmarsh Market", "in 40 baskets"}},
		{"an accordion's part title outside the box keeps its panel", "https://saltmarsh.example/p/oak-stool/",
			regionPage(buyBox, `<div class="accordion"><div class="accordion-item"><div class="accordion-title">Details</div>`+
				`<div class="accordion-content"><p>Seat height forty-five centimetres, seat width forty centimetres, green oak from one storm-felled tree, linseed oil finish.</p></div></div></div>`), corpus.PageTypeProduct,
			[]string{"Riven legs", "one storm-felled tree"}, nil},
		// review31a: a box that holds half of the words, and the
		// product's own parts outside it under names of their own, or
		// marked by microdata as its description with no heading.
		{"a half box's parts under other names stay", "https://saltmarsh.example/p/oak-stool/",
			regionPage(halfBox, `<section><h2>Materials</h2><p>Our stools are made from oak felled by winter storms on the estate, split along the grain and left to dry in the open for a year before the joiners turn the legs on a pole lathe in the yard.</p></section>`+
				`<section><h2>Composition</h2><p>Green oak and linseed oil only, with no glue, screws or varnish. Wipe the seat with a damp cloth and oil it again once a year.</p></section>`+
				`<section><h2>Dimensions</h2><table><tr><th>Height</th><td>45 cm</td></tr><tr><th>Seat</th><td>40 cm across</td></tr><tr><th>Weight</th><td>2.8 kg</td></tr></table></section>`), corpus.PageTypeProduct,
			[]string{"Riven legs", "pole lathe", "no glue, screws or varnish", "2.8 kg"}, nil},
		{"a half box's description marked by microdata stays", "https://saltmarsh.example/p/oak-stool/",
			regionPage(halfBox, `<div class="long-text" itemprop="description"><p>Our stools are made from oak felled by winter storms on the estate, split along the grain and left to dry in the open for a year before the joiners turn the legs on a pole lathe in the yard.</p>`+
				`<p>Green oak and linseed oil only, with no glue, screws or varnish. Wipe the seat with a damp cloth and oil it again once a year.</p></div>`), corpus.PageTypeProduct,
			[]string{"Riven legs", "pole lathe", "no glue, screws or varnish"}, nil},
		{"a brand message below a full buy box goes", "https://saltmarsh.example/p/oak-stool/",
			regionPage(buyBox, part("Made slowly on the marsh", "We began in a boat shed with a stack of windblown oak, and every tree we fell on the marsh is replanted twice over along the river bank by our neighbours.")), corpus.PageTypeProduct,
			[]string{"Riven legs"}, []string{"windblown oak"}},
	}
	runRegionCases(t, tests)
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
			if got := len(p.keepHeadRegion(bs, corpus.PageTypeProduct)); got != tt.want {
				t.Errorf("kept %d blocks, want %d", got, tt.want)
			}
		})
	}
}

// manualPage is a made-up manual's page: a site's bar, a side menu, and
// a main column holding top, the section with the <h1> (sec) and a
// closing note.
func manualPage(top, sec string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Configuring the cache - Lanternfish 4.2 documentation</title></head>
<body><header><a href="/">Lanternfish</a> <a href="/docs/">Docs</a> <a href="/blog/">Blog</a> <a href="/download/">Download</a></header>
<div class="wrap"><nav class="sidebar"><ul><li><a href="/docs/4.2/install/">Installing</a></li><li><a href="/docs/4.2/cache/">Configuring the cache</a></li><li><a href="/docs/4.2/logging/">Logging</a></li></ul></nav>
<div class="main"><div class="body" role="main">` + top + `<section id="cache">` + sec + `
<p>The cache keeps the results of recent queries in memory, so that a query asked twice in a short while is answered without reading the tables again.</p>
<p>Its size is set with the <code>cache.size</code> option, in megabytes. The default of 256 suits a small server; a server with many clients asking the same questions gains from a larger cache.</p>
<h2>Expiry</h2>
<p>An entry expires after <code>cache.ttl</code> seconds, or as soon as a table it was read from changes. Set the option to zero to keep entries until the next change.</p>
<pre><code>cache.size = 512
cache.ttl = 600</code></pre>
<p>Changes to either option take effect when the server is restarted; the cache starts empty each time.</p>
<h2>Watching the cache</h2>
<p>The <code>stats</code> command prints the number of entries, the share of queries answered from the cache and the memory it holds.</p>
</section></div></div></div>
<footer><a href="/privacy">Privacy</a> <a href="/license">License</a></footer></body></html>`
}

// notesPage is a made-up listing of a garden's notes: eight cards in a
// grid under the <h1>, laid out by layout (the heading and the grid,
// then what stands beside them).
func notesPage(layout func(h1, grid string) string) string {
	cards := [][2]string{
		{"The winter garden at dusk", "A walk among the hellebores and the witch hazel, with notes on what to plant for scent in the cold months."},
		{"Pruning old apple trees", "How to bring a neglected tree back to fruit over three winters without shocking it into water shoots."},
		{"A pond for frogs", "Digging a small pond with shallow edges, and the plants that give tadpoles shelter from the birds."},
		{"Saving seed from beans", "Which beans come true from seed, how to dry the pods, and how long the seed keeps in a cool tin."},
		{"Compost in a small yard", "Two bins, a fork and a little patience: making good compost where there is room for little else."},
		{"Growing garlic in pots", "Planting cloves in autumn, feeding them through spring and lifting the bulbs when the leaves turn."},
		{"The hedge as a habitat", "Laying a hedge the old way, and what nests in it once it thickens up over the following years."},
		{"Tomatoes under glass", "Sowing, pricking out and training cordons in a cold greenhouse, with the varieties that ripen early."},
	}
	var grid strings.Builder
	for i, c := range cards {
		fmt.Fprintf(&grid, "<article class=\"card\"><h2><a href=\"/notes/%d/\">%s</a></h2><p>%s</p><p class=\"meta\">March %d, 2026</p></article>\n", i, c[0], c[1], i+2)
	}
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Garden notes - Fieldfare</title></head>
<body><header><a href="/">Fieldfare</a> <a href="/notes/">Notes</a> <a href="/shop/">Shop</a> <a href="/about/">About</a></header>
<div class="page">` + layout(`<h1>Garden notes</h1>`, `<div class="grid">`+grid.String()+`</div>`) + `</div>
<footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>`
}

// TestKeepHeadRegionTypes: a manual's and a listing's text is cut to
// the region around the <h1> as a product's is (headRegionTypes): a
// release note above a manual's section and a shop's offer below a
// listing's grid, in the container the content walk takes, go; a
// heading in a title bar keeps the text beside it. Without an <h1>,
// the <main> landmark is the anchor; a <main> holding less than three
// quarters of the text cuts nothing. Kept outside the region: cards
// shaped as the grid's (a second grid) and a second <h1>'s section
// (review30wo).
func TestKeepHeadRegionTypes(t *testing.T) {
	older := `<section class="more"><h2>Older notes</h2><div class="grid"><article class="card"><h2><a href="/notes/20/">Leeks for winter</a></h2><p>Sowing leeks in spring and trenching them for long white stems by the first frosts.</p><p class="meta">February 2, 2026</p></article>` +
		`<article class="card"><h2><a href="/notes/21/">A bed of strawberries</a></h2><p>Runners, straw and nets: a bed that gives fruit for four summers before it needs renewing.</p><p class="meta">February 9, 2026</p></article></div></section>`
	offer := `<div class="band"><h3>Our spring catalogue is here</h3><p>Order seed potatoes, onion sets and fruit bushes before the end of the month and we send them at the right time for planting.</p></div>`
	tests := []regionCase{
		{"a release note above a manual's section goes", "https://lanternfish.example/docs/4.2/cache/",
			manualPage(`<div class="deck"><p>These pages describe release 4.2 of Lanternfish. The pages for the release in development are kept apart, with the options it adds.</p></div>`, `<h1>Configuring the cache</h1>`),
			corpus.PageTypeDocumentation, []string{"answered without reading the tables", "The stats command prints"}, []string{"These pages describe release 4.2"}},
		{"a manual's heading in a title bar keeps the section beside it", "https://lanternfish.example/docs/4.2/cache/",
			manualPage(`<div class="titlebar"><h1>Configuring the cache</h1></div>`, ``),
			corpus.PageTypeDocumentation, []string{"answered without reading the tables", "The stats command prints"}, nil},
		{"an offer below a listing's grid goes", "https://fieldfare.example/notes/",
			notesPage(func(h1, grid string) string {
				return `<div class="content"><section class="notes">` + h1 + grid + `</section>` + offer + `</div>`
			}),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "Tomatoes under glass"}, []string{"spring catalogue", "seed potatoes"}},
		{"a listing's heading in a hero keeps the grid beside it", "https://fieldfare.example/notes/",
			notesPage(func(h1, grid string) string { return `<div class="hero">` + h1 + `</div>` + grid }),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "Tomatoes under glass", "Laying a hedge"}, nil},
		{"without an <h1>, an offer outside the <main> landmark goes", "https://fieldfare.example/notes/",
			notesPage(func(_, grid string) string {
				return `<div class="content"><main class="notes"><h2>Garden notes</h2>` + grid + `</main>` + offer + `</div>`
			}),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "Tomatoes under glass"}, []string{"spring catalogue", "seed potatoes"}},
		{"under the <main> landmark, a logo's <h1> opens no section of the page's own", "https://fieldfare.example/notes/",
			strings.Replace(notesPage(func(_, grid string) string {
				return `<div class="content"><main class="notes"><h2>Garden notes</h2>` + grid + `</main>` + offer + `</div>`
			}), `<div class="page">`, `<div class="top"><h1 class="logo">Fieldfare</h1><p>Seeds, bulbs and fruit bushes sent from our nursery to your door, with a planting guide in every parcel.</p></div><div class="page">`, 1),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "Tomatoes under glass"}, []string{"spring catalogue", "Fieldfare"}},
		{"so it does outside an element of role main", "https://fieldfare.example/notes/",
			notesPage(func(_, grid string) string {
				return `<div class="content"><div role="main" class="notes">` + grid + `</div>` + offer + `</div>`
			}),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "Tomatoes under glass"}, []string{"spring catalogue", "seed potatoes"}},
		{"a grid beside a small <main> stays", "https://fieldfare.example/notes/",
			notesPage(func(_, grid string) string {
				return `<div class="content"><main><h2>Garden notes</h2><p>What we grew and how, season by season.</p></main>` + grid + `</div>`
			}),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "Tomatoes under glass", "Laying a hedge"}, nil},
		{"a second grid below the first keeps its cards", "https://fieldfare.example/notes/",
			notesPage(func(h1, grid string) string {
				return `<div class="content"><section class="notes">` + h1 + grid + `</section>` + older + `</div>`
			}),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "Leeks for winter", "A bed of strawberries"}, nil},
		{"a bare wrapper's paragraphs are no item: an offer shaped as the intro goes", "https://fieldfare.example/notes/",
			notesPage(func(h1, grid string) string {
				return `<div class="content"><section class="notes">` + h1 + `<div><div><p>What we grew this year.</p><p>And how it fared.</p></div></div>` + grid + `</section>` +
					`<div><div><p>Order seed potatoes, onion sets and fruit bushes before the end of the month and we send them in time.</p></div></div></div>`
			}),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "Tomatoes under glass"}, []string{"seed potatoes"}},
		{"a second <h1>'s section stays", "https://fieldfare.example/notes/",
			notesPage(func(h1, grid string) string {
				return `<div class="content"><section class="notes">` + h1 + grid + `</section><section class="about"><h1>About these notes</h1><p>They come from a small garden on clay soil in a cold valley; what works here may need changing where you garden.</p></section>` + offer + `</div>`
			}),
			corpus.PageTypeListing, []string{"The winter garden at dusk", "About these notes", "clay soil in a cold valley"}, []string{"spring catalogue"}},
	}
	runRegionCases(t, tests)
}

// regionCase is a page for the region cut's tests: the type it must get,
// the texts its text must hold (want) and must not (not).
type regionCase struct {
	name, url, page, typ string
	want, not            []string
}

// runRegionCases extracts each case's page and checks its type and text.
func runRegionCases(t *testing.T, tests []regionCase) {
	t.Helper()
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
