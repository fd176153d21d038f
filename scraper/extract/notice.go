package extract

import (
	"strings"
	"unicode"

	"github.com/archivist-project/archivist/corpus"
)

// A notice page is a page a server sends with status 200 that holds
// nothing to keep: a "page not found" page (a soft 404) with the site's
// navigation, a login or registration wall, a search that found nothing,
// an error or a maintenance page. The page names itself so in its title
// or its first heading, and says little more: a line or two of apology
// and links. noticePage types it other, so that a crawl does not store
// it as an article.

// noticeProseMax is the most words of prose (proseText: unlinked
// paragraphs of ten words or more) a notice page's body holds: an
// apology and a hint ("Try a search or go back to the home page") are
// a sentence or two. A short story about an outage holds more.
const noticeProseMax = 60

// noticeSearchMax is the most words of a search page's text that says
// nothing was found: results would make it longer.
const noticeSearchMax = 100

// noticePage reports whether the page is a notice page: its title, the
// title found or its first <h1> (when no other title was found) is a
// notice's heading (noticeHeading; for a search page, its text says
// that nothing was found; for a login wall, a password field is on the
// page), its body holds little prose (noticeProseMax), no code block (a
// reference page about an error code), no paywall (a teaser under a
// subscription box), no basket button or thread of posts (a product's
// or a forum's own content) and no declared publication date (a story,
// even one titled "Page not found", states when it was published; a
// site's error template does not).
func (p *page) noticePage(art *corpus.Article, paywalled bool) bool {
	heads := [3]string{p.titleTag, art.Title}
	if h1 := p.firstH1(); art.Title == "" || art.Title == h1 || art.Title == art.SiteName {
		// The first <h1> is the page's own heading, not a dialog's
		// over a story the title names ("Sign in" in a login box).
		heads[2] = h1
	}
	kind := noticeNone
	for _, h := range heads {
		if kind = noticeHeading(h); kind != noticeNone {
			break
		}
	}
	switch {
	case kind == noticeNone, kind == noticeLogin && p.forms == 0,
		kind == noticeSearch && (art.WordCount >= noticeSearchMax || !p.searchURL() || !noResults(art.Text)):
		return false
	case paywalled || p.paywall || p.kind.code > 0 || p.declaredDate():
		return false
	case p.kind.basket > 0 || p.isThread():
		// A product called "Forbidden" beside its basket button, a
		// support thread titled "Something went wrong" or "Login":
		// their own content, short as it is, under a notice's words.
		return false
	}
	return proseWords(p.blocks) <= noticeProseMax
}

// proseWords counts the words of proseText(bs) without joining them.
func proseWords(bs []block) int {
	n := 0
	for _, b := range bs {
		if (b.kind == kindPara || b.kind == kindQuote) && b.link < 0.3 && numFields(b.text) >= 10 {
			n += countWords(b.text)
		}
	}
	return n
}

// declaredDate reports whether the page's metadata states a publication
// date: article:published_time, a JSON-LD article's datePublished or a
// microdata datePublished.
func (p *page) declaredDate() bool {
	if p.meta("article:published_time") != "" || len(p.micro["datePublished"]) > 0 {
		return true
	}
	ld := p.ldArticle()
	return ld != nil && ldString(ld["datePublished"]) != ""
}

// searchURL reports whether the page URL is a search's: a search path
// segment or a search query parameter.
func (p *page) searchURL() bool {
	if !p.hasURL() {
		return false
	}
	if anySegment(p.pathSegments(), searchSegments) {
		return true
	}
	q := p.base.Query()
	return q.Has("q") || q.Has("s") || q.Has("query") || q.Has("search") || q.Has("keyword") || q.Has("keywords")
}

// searchSegments are path segments of a site's search page.
var searchSegments = map[string]bool{"search": true, "suche": true, "recherche": true, "buscar": true, "busqueda": true,
	"ricerca": true, "cerca": true, "pesquisa": true, "zoeken": true, "szukaj": true, "poisk": true, "arama": true}

// noResultWords are what a search page says when it found nothing, in
// the languages whose dates the extractor reads.
var noResultWords = []string{
	"no results", "0 results", "zero results", "nothing matched", "nothing found", "did not match any",
	"keine ergebnisse", "keine treffer", "ergab keine", "nichts gefunden", "aucun résultat", "aucun resultat", "no se encontraron", "sin resultados", "ningún resultado", "nessun risultato", "nenhum resultado",
	"geen resultaten", "geen zoekresultaten", "brak wyników", "ничего не найдено", "нет результатов", "sonuç bulunamadı",
	"لا توجد نتائج", "لم يتم العثور على نتائج",
}

// noResults reports whether a search page's text says it found nothing.
func noResults(text string) bool {
	return holdsAny(strings.ToLower(text), noResultWords)
}

// noticeKind is what a heading names a page (noticeHeading).
type noticeKind int

const (
	noticeNone    noticeKind = iota
	noticeFailure            // not found, an error, a maintenance notice
	noticeLogin              // a login or registration form
	noticeSearch             // a search page (a notice only when it found nothing)
)

// noticeHeading tells what a page's heading names the page, by its
// parts (a title is "Page not found | Site" or "Site - Login"): a part
// that is a notice's phrase and nothing else (noticePhrases), bar an
// HTTP error's code and interjections ("Oops!", "Error 404"), while the
// other parts are short, as a site's name is. A story's headline about
// such a thing says more ("Why so many links end in a 404 error"; "Down
// for maintenance: the harbour bridge closes until Monday").
func noticeHeading(h string) noticeKind {
	parts := headingParts(h)
	kind := noticeNone
	for _, part := range parts {
		if k := noticePart(part); k != noticeNone && kind == noticeNone {
			kind = k
		} else if len(strings.Fields(part)) >= noticeNameWords {
			return noticeNone // a headline beside the notice's words
		}
	}
	return kind
}

// noticeNameWords is the fewest words of a heading's part that is more
// than a site's name (noticeHeading).
const noticeNameWords = 6

// headingParts splits a heading at the separators titles put between
// the page's name and the site's, and normalises each part
// (normalNotice). A colon is no such separator: what stands before it
// is a kicker or a label ("Access denied: residents locked out of
// park", "Tag: Error", "Review: Unauthorized"), and a notice's own
// "Error 404: page not found" needs no split (noticePart trims it).
func headingParts(h string) []string {
	parts := strings.FieldsFunc(h, func(r rune) bool {
		switch r {
		case '|', '–', '—', '·', '»', '«', '•', '/', '\\':
			return true
		}
		return false
	})
	out := parts[:0]
	for _, part := range parts {
		for _, q := range strings.Split(part, " - ") {
			if n := normalNotice(q); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// normalNotice lower-cases s, drops apostrophes ("can't" is "cant") and
// turns every other character that is no letter or digit into a space,
// the spaces collapsed.
func normalNotice(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == '`':
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// noticePart tells what one normalised part of a heading names: the
// part stripped of an HTTP error's code and interjections, or then of
// the word error too (noticeFillers: "Error 404 - Page not found"), is
// a notice's phrase (noticePhrases), or nothing is left but a code
// ("404", "Error 500"). The word error alone, or one of namePhrases,
// counts only beside a code: a play, a poem, a product, a class in an
// API's reference or a blog's tag is called "Error" or "Forbidden".
func noticePart(part string) noticeKind {
	f, code := trimWords(strings.Fields(part), interjections)
	if k := phraseKind(f, code); k != noticeNone {
		return k // "500 Internal Server Error": the phrase holds the word error
	}
	f, code2 := trimWords(f, noticeFillers)
	if len(f) == 0 {
		if code || code2 {
			return noticeFailure
		}
		return noticeNone // an interjection or the word error alone
	}
	return phraseKind(f, code || code2)
}

// trimWords drops from both ends of f the words of set and HTTP error
// codes, and reports whether it dropped a code.
func trimWords(f []string, set map[string]bool) ([]string, bool) {
	code := false
	for len(f) > 0 && (set[f[0]] || httpErrorCode(f[0])) {
		code = code || httpErrorCode(f[0])
		f = f[1:]
	}
	for len(f) > 0 && (set[f[len(f)-1]] || httpErrorCode(f[len(f)-1])) {
		code = code || httpErrorCode(f[len(f)-1])
		f = f[:len(f)-1]
	}
	return f, code
}

// phraseKind tells what the words f name: a notice's phrase (one of
// namePhrases only beside an HTTP error's code), or a search's heading
// that names the query.
func phraseKind(f []string, code bool) noticeKind {
	if len(f) == 0 {
		return noticeNone
	}
	rest := strings.Join(f, " ")
	if k, ok := noticePhrases[rest]; ok && (code || !namePhrases[rest]) {
		return k
	}
	for _, pre := range searchPrefixes {
		if strings.HasPrefix(rest, pre) {
			return noticeSearch // "Search results for zebra crossing"
		}
	}
	return noticeNone
}

// searchPrefixes open a search page's heading that names the query.
var searchPrefixes = []string{"search results for ", "you searched for ", "search for ", "results for ",
	"suchergebnisse für ", "suche nach ", "ergebnisse für ", "résultats de recherche pour ", "résultats pour ",
	"resultados de búsqueda para ", "resultados para ", "risultati della ricerca per ", "risultati per ",
	"resultados da pesquisa para ", "zoekresultaten voor ", "wyniki wyszukiwania dla ", "результаты поиска по ",
	"arama sonuçları ", "نتائج البحث عن "}

// httpErrorCode reports whether w is an HTTP error's status code (4xx,
// 5xx).
func httpErrorCode(w string) bool {
	return len(w) == 3 && (w[0] == '4' || w[0] == '5') && isDigits(w)
}

// noticeFillers are the words around a notice's phrase that do not
// change it: interjections and "error" ("Oops! Page not found", "Error
// 404 - Page not found"), in the languages whose dates the extractor
// reads.
var noticeFillers = map[string]bool{"oops": true, "ooops": true, "whoops": true, "sorry": true, "uh": true, "oh": true,
	"hmm": true, "error": true, "http": true, "ups": true, "oups": true, "hoppla": true, "fehler": true, "erreur": true,
	"errore": true, "erro": true, "fout": true, "błąd": true, "ошибка": true, "упс": true, "hata": true, "خطأ": true}

// namePhrases are the noticePhrases that name things too (a film, a
// poem, a perfume, a class, a tag): a notice only beside an HTTP
// error's code ("403 Forbidden", "Error 500").
var namePhrases = map[string]bool{"error": true, "forbidden": true, "unauthorized": true}

// interjections are the noticeFillers that do not mean error.
var interjections = map[string]bool{"oops": true, "ooops": true, "whoops": true, "sorry": true, "uh": true, "oh": true,
	"hmm": true, "http": true, "ups": true, "oups": true, "hoppla": true, "упс": true}

// noticePhrases are what a notice page's heading says, normalised
// (normalNotice), by kind: not found, an error or a maintenance
// notice; a login or registration form; a search page.
var noticePhrases = func() map[string]noticeKind {
	m := map[string]noticeKind{}
	add := func(k noticeKind, ps ...string) {
		for _, p := range ps {
			m[p] = k
		}
	}
	add(noticeFailure, notFoundPhrases()...)
	add(noticeFailure,
		"error", "an error occurred", "an error has occurred", "something went wrong", "unexpected error",
		"internal server error", "server error", "service unavailable", "bad gateway", "gateway timeout",
		"temporarily unavailable", "site temporarily unavailable", "access denied", "forbidden", "unauthorized",
		"too many requests", "under maintenance", "down for maintenance", "maintenance mode", "scheduled maintenance",
		"site under maintenance", "we ll be back soon", "well be back soon", "be right back",
		"ein fehler ist aufgetreten", "wartungsarbeiten", "wartungsmodus", "zugriff verweigert",
		"une erreur est survenue", "une erreur sest produite", "site en maintenance", "maintenance en cours", "accès refusé",
		"se ha producido un error", "ha ocurrido un error", "algo salió mal", "sitio en mantenimiento", "en mantenimiento", "acceso denegado",
		"si è verificato un errore", "qualcosa è andato storto", "sito in manutenzione", "in manutenzione", "accesso negato",
		"ocorreu um erro", "algo deu errado", "em manutenção", "acesso negado",
		"er is iets misgegaan", "er ging iets mis", "toegang geweigerd",
		"wystąpił błąd", "coś poszło nie tak", "przerwa techniczna",
		"произошла ошибка", "что то пошло не так", "технические работы", "доступ запрещен", "доступ запрещён",
		"bir hata oluştu", "bakımdayız", "حدث خطأ", "الموقع تحت الصيانة")
	add(noticeLogin,
		"log in", "login", "sign in", "signin", "log on", "logon", "sign up", "register", "registration",
		"create account", "create an account", "create your account", "member login", "members login", "user login",
		"account login", "customer login", "subscriber login", "login required", "please log in", "please sign in",
		"log in to continue", "sign in to continue", "log in to your account", "sign in to your account",
		"login to your account", "my account",
		"anmelden", "anmeldung", "einloggen", "registrieren", "konto erstellen", "mein konto",
		"connexion", "se connecter", "identifiez vous", "identification", "inscription", "créer un compte", "mon compte",
		"iniciar sesión", "inicia sesión", "regístrate", "crear cuenta", "mi cuenta",
		"accedi", "registrati", "il mio account",
		"fazer login", "iniciar sessão", "minha conta", "criar conta",
		"inloggen", "registreren", "mijn account",
		"logowanie", "zaloguj się", "zaloguj", "rejestracja", "moje konto",
		"вход", "войти", "авторизация", "регистрация", "личный кабинет", "вход в личный кабинет",
		"giriş yap", "üye girişi", "kayıt ol", "تسجيل الدخول", "إنشاء حساب")
	add(noticeSearch,
		"search", "search results", "suche", "suchergebnisse", "recherche", "résultats de recherche", "búsqueda",
		"resultados de búsqueda", "ricerca", "risultati della ricerca", "pesquisa", "resultados da pesquisa",
		"zoeken", "zoekresultaten", "wyniki wyszukiwania", "szukaj", "поиск", "результаты поиска", "arama sonuçları",
		"بحث", "نتائج البحث")
	return m
}()

// notFoundPhrases are a missing page's headings: "page not found", "the
// page could not be found", "this page does not exist", in the
// languages whose dates the extractor reads.
func notFoundPhrases() []string {
	var out []string
	for _, det := range []string{"", "the ", "this ", "that "} {
		for _, noun := range []string{"page", "file", "document", "article", "story", "post", "content", "resource", "url"} {
			for _, vp := range []string{"not found", "cannot be found", "cant be found", "could not be found",
				"couldnt be found", "was not found", "does not exist", "doesnt exist", "no longer exists",
				"is no longer available", "no longer available", "is not available", "not available"} {
				out = append(out, det+noun+" "+vp)
			}
		}
	}
	return append(out, "not found", "nothing found", "nothing was found", "we cant find that page",
		"we couldnt find that page", "we cant find the page you are looking for",
		"we cant find the page youre looking for", "the page you requested could not be found",
		"the page you are looking for does not exist", "the page youre looking for doesnt exist",
		"seite nicht gefunden", "nicht gefunden", "diese seite existiert nicht", "seite existiert nicht",
		"die seite wurde nicht gefunden", "page introuvable", "page non trouvée", "cette page nexiste pas",
		"page inexistante", "página no encontrada", "no encontrado", "no encontrada", "esta página no existe",
		"la página no existe", "pagina non trovata", "non trovato", "questa pagina non esiste",
		"la pagina non esiste", "página não encontrada", "não encontrado", "esta página não existe",
		"a página não existe", "pagina niet gevonden", "niet gevonden", "deze pagina bestaat niet",
		"nie znaleziono strony", "strona nie została znaleziona", "nie znaleziono", "strona nie istnieje",
		"страница не найдена", "не найдено", "страница не существует", "sayfa bulunamadı", "bulunamadı",
		"sayfa mevcut değil", "الصفحة غير موجودة", "الصفحة غير موجوده", "لم يتم العثور على الصفحة")
}
