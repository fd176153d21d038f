package extract

import (
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Blog platforms (HubSpot, WordPress themes, Ghost, many newsroom
// systems) print the author as a bare link to the author's page, with no
// byline class or rel="author" around it: <a href="/author/noor-al-fayed">
// Noor Al-Fayed</a>. Such a link names the author only when its text is
// the name its path spells; a link "All posts by our team" or a teaser's
// author in a rail further down is not taken, since only the first link
// of the page counts and only when nothing else names a person.

// authorPathWords are the path segments before an author's slug.
var authorPathWords = map[string]bool{
	"author": true, "authors": true, "autor": true, "autoren": true, "auteur": true, "auteurs": true,
	"autore": true, "autori": true, "autores": true,
}

// authorLinkName returns the text of the link a when its href's last two
// path segments are an author word and a slug spelling that text.
func authorLinkName(a *html.Node) string {
	href := attr(a, "href")
	if indexFold(href, "/aut") < 0 { // every author word opens so; most links go no further
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if len(segs) < 2 || !authorPathWords[strings.ToLower(segs[len(segs)-2])] {
		return ""
	}
	t := cleanSpace(textOf(a))
	if len(strings.Fields(t)) < 2 || !looksLikeName(t) || slugKey(t) != slugKey(segs[len(segs)-1]) {
		return ""
	}
	return t
}

// slugKey is s lower-cased with all but letters and digits dropped.
func slugKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// addAuthorLink adds the name of the page's first author link and reports
// whether it named a person.
func (s *authorSet) addAuthorLink(p *page) bool {
	if p.authorLink == "" {
		return false
	}
	s.add(p.authorLink)
	return len(s.people) > 0
}
