package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestOffersService: a page of prose that invites the reader to buy a
// service outside its menus is a service's page, even when the model
// reads it as an article; a story whose site asks for a subscription, a
// contact or a follow, or which gives a number to call, stays an
// article, as does any page whose chrome alone invites.
func TestOffersService(t *testing.T) {
	const prose = `<h1>Moving your gym equipment</h1>
<p>Treadmills, rowing machines and weight stacks are heavy, awkward and easy to damage when they are moved without care.</p>
<p>Our crews take each machine apart, wrap every part and put it together again in its new room, tested and level.</p>`
	tests := []struct {
		name, body string
		want       bool
	}{
		{"a quote button", prose + `<p><a class="btn" href="/quote">Get a free quote</a></p>`, true},
		{"a consultation heading", prose + `<h2>Book a consultation</h2><p>We answer within a day.</p>`, true},
		{"let's talk", prose + `<div><button>Let's talk</button></div>`, true},
		{"get in touch, long", prose + `<h3>Get in touch for a free moving consultation</h3>`, true},
		{"a council's appointment, German", prose + `<div><a class="btn" href="/termine">Termin online buchen</a></div>`, true},
		{"a quote, German", prose + `<p><a href="/angebot">Jetzt unverbindliches Angebot anfordern</a></p>`, true},
		{"a clinic's appointment, French", prose + `<p><a href="/rdv">Prendre rendez-vous</a></p>`, true},
		{"a quote, Spanish", prose + `<p><button>Solicitar presupuesto</button></p>`, true},
		{"an appointment, Italian", prose + `<p><a class="btn" href="/prenota">Prenota un appuntamento</a></p>`, true},
		{"a German story's short paragraph", prose + `<p>Termin buchen? Fehlanzeige.</p>`, false},
		{"a French story's subhead", prose + `<h2>Prendre rendez-vous en ligne</h2>`, false},
		{"a Spanish story's subhead", prose + `<h2>Pedir cita previa</h2>`, false},
		{"an Italian heading", prose + `<h3>Prenota un appuntamento</h3>`, false},
		{"an appointment, Dutch", prose + `<p><a href="/afspraak">Maak een afspraak</a></p>`, true},
		{"a sentence of a German story", prose + `<p>Termin buchen konnten die Bürger nur online, und das Portal war am Montag stundenlang nicht erreichbar.</p>`, false},
		{"a French newsletter", prose + `<p><a href="/lettre">Inscrivez-vous à la newsletter</a></p>`, false},
		{"in the header only", `<header><a href="/quote">Get a free quote</a></header>` + prose, false},
		{"in the footer only", prose + `<footer><a href="/contact">Get in touch</a></footer>`, false},
		{"in the menu only", `<nav><a href="/demo">Request a demo</a></nav>` + prose, false},
		{"in an aside", prose + `<aside><p>Book a call</p></aside>`, false},
		{"a newsletter", prose + `<p><a href="/newsletter">Sign up now</a></p>`, false},
		{"contact us", prose + `<p><a href="/contact">Contact us</a></p>`, false},
		{"a number to call", prose + `<p>Call us on 0800 123 456</p>`, false},
		{"a sentence of the story", prose + `<p>Get a quote from at least three movers before you choose one, the consumer office advises, and ask each one what the price leaves out.</p>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := pageOfString(t, "<html><body>"+tc.body+"</body></html>", "https://movers.example/services/gym-equipment/")
			if got := p.offersService(); got != tc.want {
				t.Errorf("offersService = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestServiceOverModel: correctModel takes a page the model calls an
// article, with a service's page as its runner-up, for a service's page
// when it invites the reader to buy; not when the runner-up is another
// type, nor when the page declares a news article.
func TestServiceOverModel(t *testing.T) {
	const prose = `<h1>Business formation</h1>
<p>Choosing the form of a new company decides how its owners are taxed and what they risk of their own.</p>
<p>A partnership is quick to set up; a corporation takes longer but keeps the owners' homes apart from its debts.</p>`
	const invite = `<p><a href="/consult">Request a free consultation</a></p>`
	const news = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Business formation"}</script>`
	tests := []struct {
		name, head, body, other string
		wantArticle             bool
	}{
		{"service runner-up, an invite", "", prose + invite, corpus.PageTypeService, false},
		{"service runner-up, no invite", "", prose, corpus.PageTypeService, true},
		{"documentation runner-up", "", prose + invite, corpus.PageTypeDocumentation, true},
		{"a news article declared", news, prose + invite, corpus.PageTypeService, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := pageOfString(t, "<html><head>"+tc.head+"</head><body>"+tc.body+"</body></html>", "https://lawfirm.example/business-formation/")
			art := &corpus.Article{WordCount: 40}
			article, other := p.correctModel(art, true, tc.other)
			if article != tc.wantArticle {
				t.Errorf("article = %v (other %q), want %v", article, other, tc.wantArticle)
			}
		})
	}
}

// TestInviteStories: stories of waiting lists whose subheads or short
// paragraphs name the act of booking in German, French and Spanish
// ("Termin online vereinbaren", "Prendre rendez-vous en ligne", "Pedir
// cita previa") stay articles; pages written for branch review35c.
func TestInviteStories(t *testing.T) {
	for _, f := range []string{"story-de-termin.html", "story-fr-rdv.html", "story-es-cita.html"} {
		t.Run(f, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "invitestories", f))
			if err != nil {
				t.Fatal(err)
			}
			art, err := Extract(Input{Body: body, URL: "https://zeitung.example/lokales/" + f})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != corpus.PageTypeArticle {
				t.Errorf("page type %q, want article", art.PageType)
			}
		})
	}
}
