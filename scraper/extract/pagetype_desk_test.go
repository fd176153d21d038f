package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// TestDeskPages: hand-written pages (testdata/desks), each typed with its
// class and id names as written and hashed, at a URL that says what the
// page is and at one that says nothing. A dental practice's page for
// emergency appointments (steps, opening hours, a phone link, a call-back
// form) with a news box of dated teasers beside it is a service page;
// the pages shaped like it are articles: an unsigned story about a shop
// reopening that gives its hours and phone and ends on a comment form,
// an explainer whose steps give an office's hours and phone above a
// newsletter's sign-up, a how-to of thirty-two steps, a story ending on
// a list of linked sources, a story on the first of its pages beside a
// rail of sixty links; unsigned, undeclared stories whose own content
// holds a form for readers beside a phone link or hours (a story with a
// tip form and the council's phone in a sentence, a blog post with a
// "contact the author" form, an event notice with its hours and a form
// to send events, a restaurant review with the place's box of hours,
// phone and booking form, a story about a shop ending on a form for
// readers' memories); and a garage's and a tax office's pages whose
// hours are written in French and German. Known misses are asserted as they are, so that a
// fix shows: a ranking under a three-paragraph intro with a pager, at a
// bare URL (article), and an index of papers grouped under dates (service
// with its class names; hashed, documentation at its URL and article at a
// bare one; a listing). Hashed at its URL it was an article until
// teaserGroups read a <dt> and its <dd> as one item (branch ex39lc): the
// alternating terms and descriptions broke every run of teasers.
func TestDeskPages(t *testing.T) {
	const bare = "https://example.org/p/4412"
	tests := []struct {
		file, url      string
		classes, hashd string // the type wanted with class names as written, and hashed
	}{
		{"service_news_box.html", "https://riverside.example/emergency-appointments", corpus.PageTypeService, corpus.PageTypeService},
		{"service_news_box.html", bare, corpus.PageTypeService, corpus.PageTypeService},
		{"story_shop_hours.html", "https://valleypost.example/business/bakery-returns-to-mill-street", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_shop_hours.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"explainer_permit_steps.html", "https://valleypost.example/news/how-to-apply-for-a-parking-permit", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"explainer_permit_steps.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"explainer_long_steps.html", "https://homefix.example/plumbing/how-to-replace-an-isolating-valve", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"explainer_long_steps.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_linked_sources.html", "https://valleypost.example/news/rivers-ran-at-record-levels", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_linked_sources.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_paged_rail.html", "https://valleypost.example/news/old-mill-reopens", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_paged_rail.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_tip_form.html", "https://eastbrook.example/news/2026/12/04/flooding-closes-station-road", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_tip_form.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"post_contact_author.html", "https://greenallotments.example/blog/our-first-plant-swap", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"post_contact_author.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_event_notice.html", "https://eastbrook.example/whats-on/christmas-market-returns", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_event_notice.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"review_restaurant_booking.html", "https://valleyeats.example/reviews/the-old-forge-eastbrook", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"review_restaurant_booking.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_shop_memories.html", "https://eastbrook.example/news/hardware-shop-marks-fifty-years", corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"story_shop_memories.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"service_fr_hours.html", "https://garage-tilleuls.example/entretien", corpus.PageTypeService, corpus.PageTypeService},
		{"service_fr_hours.html", bare, corpus.PageTypeService, corpus.PageTypeService},
		{"service_de_hours.html", "https://kanzlei-berger.example/leistungen/selbststaendige", corpus.PageTypeService, corpus.PageTypeService},
		{"service_de_hours.html", bare, corpus.PageTypeService, corpus.PageTypeService},
		{"ranking_paged.html", "https://campus.example/rankings/geology", corpus.PageTypeListing, corpus.PageTypeListing},
		// Known misses (listings): see the comment above.
		{"ranking_paged.html", bare, corpus.PageTypeArticle, corpus.PageTypeArticle},
		{"paper_index.html", "https://papers.example/list/earth/recent", corpus.PageTypeService, corpus.PageTypeDocumentation},
		{"paper_index.html", bare, corpus.PageTypeService, corpus.PageTypeArticle},
	}
	for _, tc := range tests {
		raw, err := os.ReadFile(filepath.Join("testdata", "desks", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []string{"classes", "hashed"} {
			page, want := string(raw), tc.classes
			if mode == "hashed" {
				page, want = hashClassNames(page), tc.hashd
			}
			t.Run(tc.file+"_"+mode+"_"+tc.url, func(t *testing.T) {
				art, err := Extract(Input{Body: []byte(page), URL: tc.url, ContentType: "text/html; charset=utf-8"})
				if err != nil {
					t.Fatal(err)
				}
				if art.PageType != want {
					t.Errorf("page type %q (%d words), want %q", art.PageType, art.WordCount, want)
				}
			})
		}
	}
}

// TestDetailsForm: the forms serviceDesk counts ask for a message or a
// phone number among two fields or more; a search, a login, a comment
// form and a newsletter's sign-up are not counted.
func TestDetailsForm(t *testing.T) {
	tests := []struct {
		name, form string
		want       bool
	}{
		{"contact form", `<form action="/contact"><input name="name"><input name="email" type="email"><textarea name="message"></textarea></form>`, true},
		{"call-back form", `<form><input name="name"><input name="phone" type="tel"></form>`, true},
		{"phone by name", `<form><input name="your-name"><input name="phone_number"></form>`, true},
		{"newsletter", `<form action="/newsletter"><input name="name"><input name="email" type="email"></form>`, false},
		{"search", `<form role="search"><input name="q"><textarea name="x"></textarea></form>`, false},
		{"search field", `<form><input type="search" name="q"><input name="phone"></form>`, false},
		{"login", `<form><input name="user"><input type="password" name="pw"><textarea></textarea></form>`, false},
		{"comment by action", `<form action="/wp-comments-post.php"><input name="author"><textarea name="text"></textarea></form>`, false},
		{"comment by field", `<form><input name="author"><input name="email"><textarea name="comment"></textarea></form>`, false},
		{"one field", `<form><textarea name="message"></textarea></form>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tc.form + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := detailsForm(firstOfAtom(doc, atom.Form)); got != tc.want {
				t.Errorf("detailsForm = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestOpeningHours: a weekday or a span of them beside a span of hours.
func TestOpeningHours(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Monday to Friday 8:00 - 18:00", true},
		{"Sat 9am-12pm", true},
		{"Mon–Fri: 9.00 – 17.30", true},
		{"Saturdays 10am until 4pm", true},
		{"Saturdays 10 until 4", false},
		{"Du lundi au vendredi : 8h00 - 18h30", true},
		{"Samedi de 9h à 12h", true},
		{"Montag bis Donnerstag 8:00 – 17:00 Uhr", true},
		{"Mo.–Fr. 9:00 – 18:00 Uhr", true},
		{"De lunes a viernes de 9:00 a 14:00", true},
		{"Sabato 9:00 - 13:00", true},
		{"Maandag t/m vrijdag 9.00 tot 17.30", true},
		{"Mardi 3 décembre 2026", false},
		{"Am Sonntag gewann der Verein 3:1", false},
		{"On Monday the council met at 6pm", false},
		{"Friday 13 December 2026", false},
		{"The match on Sunday ended 2-1", false},
	}
	for _, tc := range tests {
		if got := reOpeningHours.MatchString(tc.s); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestDeskSignals: a phone link or hours count on a line of their own (an
// item, a table row, a short paragraph), not in a sentence of a story.
func TestDeskSignals(t *testing.T) {
	tests := []struct {
		name, body string
		want       deskSignals
	}{
		{"phone in a step", `<ol><li>Call us on <a href="tel:+1">0123</a> from 8am.</li></ol>`, deskSignals{tel: 1}},
		{"phone on a contact line", `<p>Phone: <a href="tel:+1">0123 456</a></p>`, deskSignals{tel: 1}},
		{"phone in a sentence", `<p>Residents who need sandbags can ring the council's emergency line on <a href="tel:+1">0123</a>.</p>`, deskSignals{}},
		{"hours in a table", `<table><tr><td>Monday to Friday</td><td>8:00 - 18:00</td></tr></table>`, deskSignals{hours: 1}},
		{"hours on a line", `<div>Opening hours<br>Mon-Fri 9:00 - 17:00<br>Sat 9:00 - 12:00</div>`, deskSignals{hours: 2}},
		{"hours in a sentence", `<p>The shop is open Monday to Saturday 8.30am - 5.30pm, and the owner plans a caf&eacute; next year.</p>`, deskSignals{}},
		{"chrome", `<footer><a href="tel:+1">0123</a> Mon-Fri 9:00 - 17:00</footer>`, deskSignals{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tc.body + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			var s deskSignals
			s.walk(doc)
			if s != tc.want {
				t.Errorf("signals %+v, want %+v", s, tc.want)
			}
		})
	}
}
