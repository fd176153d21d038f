package extract

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestNoticePages: pages written for this test (testdata/nocontent)
// that a server sends with status 200 and that hold nothing to keep (a
// soft 404 in English, German, French and Spanish, a blog theme's, a
// verbose one; a login wall in English and Russian; searches that found
// nothing; an error and a maintenance page) are typed other, and the
// pages that must not be touched keep their type: stories about a 404
// error, a login breach, a search engine and a maintenance closure, an
// essay titled "Page not found", a two-paragraph brief, a brief whose
// headline says "not found", an undated brief under a login dialog
// whose <h1> comes first, a review of a play called "Error", a story
// with a login and a search box in its rail, a paywalled teaser (still
// flagged paywall), a product out of stock, a reference page about the
// 404 status, a search that found results, an event's registration page.
// Since review40d also: a brief and a review under a kicker or label
// before a colon, a tag page "Tag: Error", forum threads titled
// "Something went wrong", "Error 500" and "Login" (a login box in the
// header), a product called "Forbidden", a poem, an API class named
// Error, a photo essay with few words, a dated column "Access denied",
// a help page "Sign in" with no password field: none of them typed other.
func TestNoticePages(t *testing.T) {
	const notOther = "not other" // any type but other: the page has content of its own
	const news = "https://gazette.example/news/2026/"
	cases := []struct {
		file, url, want string
		flag            string // a flag the result must carry
	}{
		{"soft404-en", news, corpus.PageTypeOther, ""},
		{"soft404-blog", news, corpus.PageTypeOther, ""},
		{"soft404-de", news, corpus.PageTypeOther, ""},
		{"soft404-fr", news, corpus.PageTypeOther, ""},
		{"soft404-es-h1", news, corpus.PageTypeOther, ""},
		{"soft404-verbose", news, corpus.PageTypeOther, ""},
		{"login-en", "https://gazette.example/account/login", corpus.PageTypeOther, ""},
		{"login-ru", "https://gazette.example/account/login", corpus.PageTypeOther, ""},
		{"search-empty-en", "https://gazette.example/search?q=zebra+crossing", corpus.PageTypeOther, ""},
		{"search-empty-de", "https://anzeiger.example/suche?q=Zebrastreifen", corpus.PageTypeOther, ""},
		{"error-en", news, corpus.PageTypeOther, ""},
		{"maintenance-en", news, corpus.PageTypeOther, ""},

		{"article-about-404", news, corpus.PageTypeArticle, ""},
		{"article-page-not-found-essay", news, corpus.PageTypeArticle, ""},
		{"article-login-breach", news, corpus.PageTypeArticle, ""},
		{"article-search-engine", news, corpus.PageTypeArticle, ""},
		{"article-maintenance", news, corpus.PageTypeArticle, ""},
		{"article-login-rail", news, corpus.PageTypeArticle, ""},
		{"brief-two-paragraphs", news, corpus.PageTypeArticle, ""},
		{"brief-not-found-headline", news, corpus.PageTypeArticle, ""},
		{"brief-login-dialog-first", news, corpus.PageTypeArticle, ""},
		{"review-titled-error", news, corpus.PageTypeArticle, ""},
		{"paywalled-teaser", news, corpus.PageTypeArticle, corpus.FlagPaywall},
		{"product-out-of-stock", "https://shop.example/products/harbour-lantern-brass", corpus.PageTypeProduct, ""},
		{"docs-error-codes", "https://devref.example/docs/http/status/404", corpus.PageTypeDocumentation, ""},
		{"search-results", "https://gazette.example/search?q=crossing", corpus.PageTypeListing, ""},
		{"service-register", "https://festival.example/register", corpus.PageTypeArticle, ""},

		// review40d: a notice's words as a kicker or a label before a
		// colon, a thread or a product under them, a thing named Error
		// or Forbidden.
		{"brief-access-denied-kicker", news, corpus.PageTypeArticle, ""},
		{"review-short-forbidden", news, corpus.PageTypeArticle, ""},
		{"tag-error", "https://devnotes.example/tag/error/", corpus.PageTypeListing, ""},
		{"forum-something-went-wrong", "https://makers.example/threads/something-went-wrong.4411/", corpus.PageTypeForum, ""},
		{"forum-error-500", "https://makers.example/threads/error-500.4412/", corpus.PageTypeForum, ""},
		{"forum-login", "https://makers.example/threads/login.4413/", corpus.PageTypeForum, ""},
		{"product-forbidden", "https://scents.example/products/forbidden-50ml", notOther, ""},
		{"product-access-denied", "https://games.example/products/access-denied", notOther, ""},
		{"column-access-denied-dated", news, corpus.PageTypeArticle, ""},
		{"help-sign-in", "https://help.gazette.example/help/account/sign-in", corpus.PageTypeDocumentation, ""},
		{"poem-forbidden", "https://poetry.example/poems/forbidden", notOther, ""},
		{"docs-error-class", "https://tidewater.example/docs/reference/error", notOther, ""},
		{"photo-essay-not-found", news, notOther, ""},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "nocontent", c.file+".html"))
			if err != nil {
				t.Fatal(err)
			}
			u := c.url
			if u == news {
				u += c.file
			}
			art, err := Extract(Input{Body: body, URL: u, FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if c.want == notOther && art.PageType == corpus.PageTypeOther || c.want != notOther && art.PageType != c.want {
				t.Errorf("typed %s, want %s (%d words):\n%s", art.PageType, c.want, art.WordCount, art.Text)
			}
			if c.flag != "" && !slices.Contains(art.Flags, c.flag) {
				t.Errorf("flags %v lack %s", art.Flags, c.flag)
			}
		})
	}
}

// TestNoticeHeading: a heading is a notice's when one of its parts is
// a notice's phrase, bar an error's code and interjections, and the
// others are as short as a site's name; a headline about such a thing
// is not one.
func TestNoticeHeading(t *testing.T) {
	cases := []struct {
		h    string
		want noticeKind
	}{
		{"Page not found | The Harbour Gazette", noticeFailure},
		{"404", noticeFailure},
		{"Error 404 - Page Not Found - Kitchen Notes", noticeFailure},
		{"Oops! That page can’t be found.", noticeFailure},
		{"Error", noticeNone}, // a play, a poem, a class, a tag (review40d)
		{"Forbidden | Harbour Poetry Review", noticeNone},
		{"403 Forbidden", noticeFailure},
		{"Oops! Error", noticeNone},
		{"Tag: Error | Quayside Dev Notes", noticeNone},
		{"Access denied: residents locked out of park | The Harbour Gazette", noticeNone},
		{"Not found: the shopfronts that vanished", noticeNone},
		{"404: Page not found | The Harbour Gazette", noticeFailure},
		{"Seite nicht gefunden – Stadtanzeiger", noticeFailure},
		{"Erreur 404 - Le Quotidien", noticeFailure},
		{"Página no encontrada", noticeFailure},
		{"Страница не найдена", noticeFailure},
		{"Something went wrong", noticeFailure},
		{"500 Internal Server Error", noticeFailure},
		{"Unexpected error | The Harbour Gazette", noticeFailure},
		{"Error 404: page not found", noticeFailure},
		{"Down for maintenance | The Harbour Gazette", noticeFailure},
		{"Sign in | The Harbour Gazette", noticeLogin},
		{"The Harbour Gazette - Login", noticeLogin},
		{"Вход — Городские новости", noticeLogin},
		{"Anmelden", noticeLogin},
		{"Search results for “zebra crossing” | The Harbour Gazette", noticeSearch},
		{"Suche - Stadtanzeiger", noticeSearch},

		{"Why so many old links now end in a 404 error", noticeNone},
		{"Login breach exposes two million accounts at city utility", noticeNone},
		{"Down for maintenance: Harbour bridge closed for maintenance until Monday | Gazette", noticeNone},
		{"Missing kayaker not found after two-day search", noticeNone},
		{"Forbes 400: the richest people", noticeNone},
		{"Fahrenheit 451", noticeNone},
		{"Oops!", noticeNone},
		{"Maintenance | Acme Heating", noticeNone},
		{"", noticeNone},
	}
	for _, c := range cases {
		if got := noticeHeading(c.h); got != c.want {
			t.Errorf("noticeHeading(%q) = %d, want %d", c.h, got, c.want)
		}
	}
}
