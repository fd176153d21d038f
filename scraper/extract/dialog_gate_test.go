package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestStreamGateOtherPages: on a page that is not an article, only the
// streamed segments the content walk keeps as content are moved into
// place (completeStreamed's segments); a sponsored rail sent hidden and
// called into the middle of a section's list stays out of its text, as
// it does on an article (TestStreamed's streamed_rail).
func TestStreamGateOtherPages(t *testing.T) {
	art := extractString(t, streamedListing, "https://news.example/local")
	if art.PageType != "listing" {
		t.Errorf("page type %q, want listing", art.PageType)
	}
	checkText(t, art.Text,
		[]string{"Nineteen children, two teachers", "Lifeguards trained over the winter"},
		[]string{"Sponsored", "Compare energy tariffs", "garden sheds", "Loading"})
}

// TestBodyOutsideDialogs: on a page that is not an article whose text is
// the article-shaped body (the block model's text did not win), the
// blocks inside a dialog go, as they go from the model's text: a
// shop's list of boots keeps its items, not its sign-up pop-up's prose.
func TestBodyOutsideDialogs(t *testing.T) {
	art := extractString(t, listingWithDialog, "https://shop.example/boots")
	if art.PageType != "listing" {
		t.Errorf("page type %q, want listing", art.PageType)
	}
	checkText(t, art.Text,
		[]string{"Waterproof leather, Vibram sole.", "Suede and mesh, quick to dry."},
		[]string{"Before you go", "small workshop since 1962", "ten per cent off", "never share your address"})
}

// extractString extracts page, given as a string, fetched from url.
func extractString(t *testing.T, page, url string) corpus.Article {
	t.Helper()
	art, err := Extract(Input{Body: []byte(page), URL: url, ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("text:\n%s", art.Text)
		}
	})
	return art
}

// streamedListing: a section's list of stories, with a sponsored rail
// sent as a hidden segment that a boundary in the middle of the list
// receives.
const streamedListing = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Local news | Valley Weekly</title>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav></header>
<main>
<h1>Local news</h1>
<ul class="stories">
<li><h2><a href="/local/school">A village school reopens after forty years</a></h2><p>Nineteen children, two teachers and a kitchen run by volunteers in the building that stored the parish chairs.</p></li>
<li><h2><a href="/local/ferry">The ferry dog retires after twelve years of crossings</a></h2><p>Passengers signed a card for the terrier that greeted every crossing from the slipway.</p></li>
<li><h2><a href="/local/harbour">Harbour wall repairs finish a month early</a></h2><p>Divers surveyed the foundations at low tide before the last blocks were set in place.</p></li>
</ul>
<!--$?--><template id="B:1"></template><p>Loading…</p><!--/$-->
<ul class="stories">
<li><h2><a href="/local/buses">Night buses to run for six more months</a></h2><p>The trial carried more passengers than planned, most of them shift workers at the hospital.</p></li>
<li><h2><a href="/local/orchard">Community orchard plants its hundredth tree</a></h2><p>Volunteers chose old varieties of apple that grew in the valley a century ago.</p></li>
<li><h2><a href="/local/pool">Outdoor pool to open on weekday evenings</a></h2><p>Lifeguards trained over the winter let the pool stay open until eight from June.</p></li>
</ul>
</main>
<footer><p>© 2025 Valley Weekly</p></footer>
<div hidden id="S:1"><section class="promo"><h2>Sponsored</h2><ol>
<li><a href="https://ads.example/a">Compare energy tariffs in minutes and switch today to save on your winter bills</a></li>
<li><a href="https://ads.example/b">These garden sheds are built to last a lifetime and delivered free this month</a></li>
<li><a href="https://ads.example/c">Holiday cottages by the sea with dates still free in the spring half term</a></li>
</ol></section></div>
<script>$RC("B:1","S:1")</script>
</body></html>
`

// listingWithDialog: a shop's list of walking boots, little prose per
// item, and a sign-up pop-up of three paragraphs.
const listingWithDialog = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Walking boots | Hill & Dale Outfitters</title>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/boots">Boots</a> <a href="/jackets">Jackets</a></nav></header>
<main>
<h1>Walking boots</h1>
<p>Twelve styles, sizes 36 to 48.</p>
<ul class="grid">
<li><a href="/boots/ridge"><h3>Ridge Mid GTX</h3></a><p>Waterproof leather, Vibram sole. £149</p></li>
<li><a href="/boots/fell"><h3>Fell Runner</h3></a><p>Light mesh upper for dry trails. £99</p></li>
<li><a href="/boots/tor"><h3>Tor Classic</h3></a><p>Full-grain leather, resoleable. £189</p></li>
<li><a href="/boots/moor"><h3>Moor Lite</h3></a><p>Wide fit, cushioned midsole. £119</p></li>
<li><a href="/boots/crag"><h3>Crag Pro</h3></a><p>Stiff sole for scrambling. £209</p></li>
<li><a href="/boots/dale"><h3>Dale Walker</h3></a><p>Suede and mesh, quick to dry. £89</p></li>
</ul>
</main>
<div role="dialog" aria-modal="true" class="welcome">
<h2>Before you go</h2>
<p>We have been making and mending walking boots in the same small workshop since 1962, and every pair we sell is checked by hand before it leaves us, so that it reaches you ready for the hills.</p>
<p>Join our list and we will send you a code for ten per cent off your first order, along with our seasonal guide to the best routes in the national parks, written by the people who test our boots.</p>
<p>We write once a month, never share your address with anyone, and you can leave the list whenever you like with a single click at the bottom of any of our letters.</p>
<form><input type="email" placeholder="Your email"><button>Join</button></form>
</div>
<footer><p>© 2025 Hill & Dale Outfitters</p></footer>
</body></html>
`
