package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// TestSiteNotice: a site's notices about itself (affiliate disclosures,
// the licence of its own text, an account box's sign-in prompt, its app
// and its free registration advertised) are chrome; sentences about a subject's licence, commissions or accounts
// are not.
func TestSiteNotice(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"We may earn money when you click our links.", true},
		{"We may earn a commission when you buy through links on our site.", true},
		{"As an Amazon Associate I earn from qualifying purchases.", true},
		{"This post contains affiliate links.", true},
		{"Except as otherwise noted, the content of this page is licensed under the Creative Commons Attribution 4.0 License, and code samples are licensed under the Apache 2.0 License.", true},
		{"Text is available under the Creative Commons Attribution-ShareAlike License; additional terms may apply.", true},
		{"Already have an account? Sign in", true},
		{"Already a subscriber?Log in", true},
		{"Download the App Get your news faster with our mobile experience", true},
		{"Get our free app", true},
		{"Register for free site membership to access direct comparisons and more", true},
		{"Unlock advanced filters by registering for free!", true},
		{"Download the app, open the map and pick the layer you want to print.", false},
		{"Download the app and open the map to pick a layer.", false},
		{"Registration is free for members of the society.", false},
		{"The library is licensed under the MIT License.", false},
		{"Chardet has always been licensed under the LGPL.", false},
		{"Our agents earn a commission of 3% on every sale they close.", false},
		{"We receive a commission from the insurer when you buy a policy through us.", false},
		{"This topic was automatically closed after 30 days. New replies are no longer allowed.", true},
		{"This thread has been locked.", true},
		{"Ce sujet a été verrouillé", true},
		{"Dieses Thema wurde automatisch geschlossen", true},
		{"Este tema fue cerrado.", true},
		{"This thread was closed by mistake, can a moderator reopen it?", false},
		{"The topic was closed after the vote, and the board moved on to the budget.", false},
		{"Students may earn Yellow, Green, and Black Belts.", false},
		{"Already have a website? We move it for you at no cost.", false},
		{"Disclosure: We may earn a commission when you buy through links on our site.", true},
		{"Unless otherwise noted, content on this site is licensed under CC BY-SA 4.0.", true},
		{"On my blog we earn a commission on the shop links and I have never said so.", false},
		{"Amazon wants the words \"As an Amazon Associate I earn from qualifying purchases\" on the page.", false},
		{"I would register for free to access the archive, it is worth it.", false},
	} {
		if got := isSiteNotice(tt.line); got != tt.want {
			t.Errorf("isSiteNotice(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestSiteNoticePage: on a page that is not an article, the site's
// notices go with its chrome (dropChrome); the page's own sentence about
// a licence stays.
func TestSiteNoticePage(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "documentation_notices", url: "https://docs.lanternkit.example/guide/install", typ: corpus.PageTypeDocumentation,
			wantInText: []string{"pip install lanternkit", "Lanternkit is licensed under the MIT License",
				"lanternkit --version"},
			notInText: []string{"We may earn", "Creative Commons", "Already have an account"}},
		// Replies that discuss disclosures quote them in their sentences:
		// they stay; the account box's prompt goes.
		{name: "forum_affiliate_talk", url: "https://kitchen-bloggers.example/t/disclosure-on-recipe-posts.88/", typ: corpus.PageTypeForum,
			wantInText: []string{"we earn a commission on the shop links", "As an Amazon Associate I earn from qualifying purchases",
				"This post contains affiliate links", "I have added the line to the footer"},
			notInText: []string{"Already have an account"}},
		// A page whose subject is the licence line: its sentences are the text.
		{name: "documentation_licensing", url: "https://docs.lanternkit.example/guide/licensing", typ: corpus.PageTypeDocumentation,
			wantInText: []string{"Text is available under the Creative Commons Attribution 4.0 License",
				"The content of this site is licensed under the licence you name"}},
		// A how-to's numbered step names an app; the site's advert for its
		// own app goes.
		{name: "documentation_app_steps", url: "https://help.harbour-bank.example/security/two-step", typ: corpus.PageTypeDocumentation,
			wantInText: []string{"Install the Authenticator app\nOpen Settings"},
			notInText:  []string{"Get the Harbour Bank app"}},
	})
}

// BenchmarkIsSiteNotice: lines that are no notice, as nearly every block
// of a page is; a long one costs most (the rule runs on every block of
// a 3 MB thread). With an anchor in each branch instead of one for all,
// 10x slower; unanchored branches (before review25b), 30x.
func BenchmarkIsSiteNotice(b *testing.B) {
	lines := []string{"Coat number 1234", "Mended for free", "£120.00",
		"A waxed cotton jacket cut long in the back, with a hood that rolls into the collar and two pockets, sewn in our workshop by the estuary and repaired there for as long as you wear them, which we promise."}
	b.ReportAllocs()
	for range b.N {
		for _, l := range lines {
			isSiteNotice(l)
		}
	}
}

// TestClosingNotice: a legal line that sends the reader to the site's
// policies goes when it ends the text; the same line higher up, a
// heading, a sentence that only names a policy, and any line on a page
// about the policies stay.
func TestClosingNotice(t *testing.T) {
	notice := "Harbour Movers is a licensed broker. For more information about our operations, please review our Terms of Service."
	p := block{text: "We carry boxes up four floors without a lift."}
	tests := []struct {
		name, title string
		bs          []block
		want        int
	}{
		{"closing notice", "Movers in Leith", []block{p, {text: notice}}, 1},
		{"French", "Déménageurs", []block{p, {text: "Pour en savoir plus, consultez notre politique de confidentialité."}}, 1},
		{"German", "Umzug", []block{p, {text: "Weitere Hinweise: siehe unsere Datenschutzerklärung."}}, 1},
		{"Spanish", "Mudanzas", []block{p, {text: "Para más detalles, consulta nuestra política de privacidad."}}, 1},
		{"higher up", "Movers in Leith", []block{{text: notice}, p}, 2},
		{"heading", "Movers in Leith", []block{p, {text: "Please see our Privacy Policy", kind: kindHeading}}, 2},
		{"names a policy", "Movers in Leith", []block{p, {text: "The new privacy policy takes effect in May."}}, 2},
		{"page about the terms", "Terms of Service", []block{p, {text: notice}}, 2},
		{"alone", "Movers in Leith", []block{{text: notice}}, 1},
		{"long notice", "Socks", []block{p, {text: "Notice to customers: the shop may collect identifiers, commercial information and network activity " +
			"when you visit this website, and may use such information to draw inferences about your tastes and for other operational " +
			"and commercial purposes across its shops and its partners. For more information, please see our Privacy Policy."}}, 1},
		{"long answer", "Pricing", []block{p, {text: "Yes, you can cancel at any time from your account page, and the month you are in is refunded to the day. " +
			"Credits you bought and did not use carry over for a year after you leave. For more details, see our Terms of Service."}}, 2},
		{"goes on", "Pricing", []block{p, {text: "For more details, see our Terms of Use and the fair-use rules below."}}, 2},
		{"quoted", "Movers in Leith", []block{p, {text: notice, kind: kindQuote}}, 2},
		{"refund policy page", "Refund policy | Harbour Shop", []block{p, {text: notice}}, 2},
		{"German privacy page", "Datenschutzerklärung – Umzug GmbH", []block{p, {text: "Weitere Hinweise: siehe unsere Nutzungsbedingungen."}}, 2},
		{"French legal page", "Mentions légales", []block{p, {text: "Pour vos données, consultez notre politique de confidentialité."}}, 2},
		{"French privacy page", "Politique de confidentialité", []block{p, {text: "Pour le reste, consultez notre politique de cookies."}}, 2},
		{"politics section", "Politique – Le Quotidien", []block{p, {text: "Pour en savoir plus, consultez notre politique de confidentialité."}}, 1},
		{"French returns page", "Politique de retour", []block{p, {text: "Pour le reste, consultez notre politique de cookies."}}, 2},
		{"Spanish terms page", "Términos y condiciones", []block{p, {text: "Para más detalles, consulta nuestra política de privacidad."}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := &page{titleTag: tt.title}
			if got, want := pg.closingNotice(tt.bs), tt.want < len(tt.bs); got != want {
				t.Errorf("closingNotice = %v, want %v", got, want)
			}
		})
	}
}

// TestClosingNoticeInFooter: the notice goes only from the page's footer;
// an FAQ's last answer that ends by pointing to the terms is the page's
// own, in a <section> or in the main text's flow.
func TestClosingNoticeInFooter(t *testing.T) {
	const answer = "Yes, you can cancel at any time from your account page. For more details, see our Terms of Use."
	tests := []struct {
		name, in string
		want     bool
	}{
		{"site footer", `<main><p>We carry boxes.</p></main><footer><p id="n">` + answer + `</p></footer>`, true},
		{"contentinfo", `<main><p>We carry boxes.</p></main><div role="contentinfo"><p id="n">` + answer + `</p></div>`, true},
		{"named footer", `<main><p>We carry boxes.</p></main><div class="site-footer legal"><p id="n">` + answer + `</p></div>`, true},
		{"FAQ answer", `<main><h3>Can I cancel?</h3><div class="answer"><p id="n">` + answer + `</p></div></main>`, false},
		{"FAQ section", `<section class="faq"><h3>Can I cancel?</h3><p id="n">` + answer + `</p></section><footer><p>© Movers</p></footer>`, false},
		{"a card's footer", `<main><div class="card-footer"><p id="n">` + answer + `</p></div></main>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader("<html><body>" + tt.in + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			x := getExtractor()
			defer putExtractor(x)
			x.analyze(root, false)
			var n *html.Node
			for m := range root.Descendants() {
				if attr(m, "id") == "n" {
					n = m
				}
			}
			at, ok := x.idx[n]
			if !ok {
				t.Fatal("the notice's paragraph was not analyzed")
			}
			p := &page{x: x, titleTag: "Movers in Leith"}
			bs := []block{{text: "We carry boxes up four floors without a lift."}, {text: answer, at: at}}
			if got := len(p.dropClosingNotice(bs)) == 1; got != tt.want {
				t.Errorf("notice dropped = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestQuotedSiteNotice: a thread's closure notice that a poster quotes
// stays in the thread's text; the board's own, after the posts, goes.
func TestQuotedSiteNotice(t *testing.T) {
	const closed = "This topic was automatically closed after 7 days. New replies are no longer allowed."
	page := `<html><head><title>Can a moderator reopen my thread? - Boiler Forums</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Can a moderator reopen my thread?"}</script></head><body>
<main><h1>Can a moderator reopen my thread?</h1>
<article class="post"><p>My thread about the boiler fault got this message after a week:</p><blockquote><p>` + closed + `</p></blockquote>
<p>But the fault came back and I have new readings from the gauge. Can someone reopen it?</p></article>
<article class="post"><p>Just start a new one and link the old one, that is what the rule is for.</p></article>
<p>This topic was automatically closed after 30 days. New replies are no longer allowed.</p></main></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://forum.boilers.example/t/can-a-moderator-reopen/123", ContentType: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	if art.PageType != corpus.PageTypeForum {
		t.Fatalf("type %q, want forum", art.PageType)
	}
	if !strings.Contains(art.Text, closed) {
		t.Errorf("the quoted notice is lost:\n%s", art.Text)
	}
	if strings.Contains(art.Text, "after 30 days") {
		t.Errorf("the board's own notice is kept:\n%s", art.Text)
	}
}
