package extract

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// Blog platforms (HubSpot, WordPress themes, Ghost, many newsroom
// systems) print the author as a bare link to the author's page, with no
// byline class or rel="author" around it: <a href="/author/noor-al-fayed">
// Noor Al-Fayed</a>. Such a link names the author only when its text is
// the name its path spells, and only when nothing else names a person.
// Links to writers' pages come elsewhere too, and those name no author
// of the page: a section front's or a rail's teasers each carry their
// writer's link (so the links must share one parent, a byline's: "By A
// and B"), a story links the page of a columnist it quotes (so the link
// must not sit in prose), and a writer's own page links itself.

// maxAuthorLinks is the most author links one byline holds.
const maxAuthorLinks = 4

// bylineLinkWords is the most words a byline holds beside its links
// ("By", "and", a date and a reading time); prose holds more.
const bylineLinkWords = 12

// authorPathWords are the path segments before an author's slug.
var authorPathWords = map[string]bool{
	"author": true, "authors": true, "autor": true, "autoren": true, "auteur": true, "auteurs": true,
	"autore": true, "autori": true, "autores": true,
}

// authorLinkName returns the text of the link a when it links an
// author's page (linkAuthorSlug) whose slug spells that text.
func authorLinkName(a *html.Node) string {
	slug := linkAuthorSlug(a)
	t := cleanSpace(textOf(a))
	if slug == "" || len(strings.Fields(t)) < 2 || !looksLikeName(t) || !slugSpells(slug, t) {
		return ""
	}
	return t
}

// linkAuthorSlug returns the slug (normName) of the author's page the
// link a goes to: its href's last two path segments are an author word
// and the slug.
func linkAuthorSlug(a *html.Node) string {
	href := attr(a, "href")
	if indexFold(href, "/aut") < 0 { // every author word opens so; most links go no further
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	return normName(authorSlug(u.Path))
}

// authorSlug returns the last segment of path when the one before it is
// an author word (authorPathWords): "/author/noor-al-fayed/".
func authorSlug(path string) string {
	segs := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	if len(segs) < 2 || !authorPathWords[strings.ToLower(segs[len(segs)-2])] {
		return ""
	}
	return segs[len(segs)-1]
}

// slugSpells reports whether slug (a normName) spells the name t, its
// accents dropped ("Löw": "low") or written out as German writes them
// ("loew").
func slugSpells(slug, t string) bool {
	if normName(t) == slug {
		return true
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(t) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return normName(b.String()) == slug || normName(germanFold.Replace(strings.ToLower(t))) == slug
}

// germanFold writes out German's umlauts and sharp s as slugs spell them.
var germanFold = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")

// collectAuthorLink notes the author's page the link a goes to, and
// the first link to it whose text its slug spells. Writers' pages are
// counted by slug: a byline's writer is linked again from an avatar or
// a "More from this author" rail, and a rail's writers whose slugs spell
// no name ("/author/jdoe") still tell a rail from a byline.
func (p *page) collectAuthorLink(a *html.Node) {
	slug := linkAuthorSlug(a)
	if slug == "" {
		return
	}
	i := slices.Index(p.authorSlugs, slug)
	if i < 0 {
		if len(p.authorSlugs) > maxAuthorLinks {
			return
		}
		i = len(p.authorSlugs)
		p.authorSlugs, p.authorLinks = append(p.authorSlugs, slug), append(p.authorLinks, nil)
	}
	if p.authorLinks[i] == nil && authorLinkName(a) != "" {
		p.authorLinks[i] = a
	}
}

// addAuthorLink adds the names of the page's author links when they
// make one byline (byAuthorLinks) and reports whether they named a person.
func (s *authorSet) addAuthorLink(p *page) bool {
	if !p.byAuthorLinks() {
		return false
	}
	for _, a := range p.authorLinks {
		s.add(authorLinkName(a))
	}
	return len(s.people) > 0
}

// byAuthorLinks reports whether the page's links to writers' pages make
// a byline: at most maxAuthorLinks writers, each with a link named as
// its slug, all those links under one parent that holds few words
// beside them, on a page that is not itself a writer's page.
func (p *page) byAuthorLinks() bool {
	n := len(p.authorLinks)
	if n == 0 || n > maxAuthorLinks || p.base != nil && authorSlug(p.base.Path) != "" || slices.Contains(p.authorLinks, nil) {
		return false
	}
	parent := p.authorLinks[0].Parent
	for _, a := range p.authorLinks[1:] {
		if a.Parent != parent {
			return false
		}
	}
	return parent == nil || numFields(textOutsideLinks(parent)) <= bylineLinkWords
}

// textOutsideLinks is the text under n but for the text of its links.
func textOutsideLinks(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
				b.WriteByte(' ')
			case c.Type == html.ElementNode && c.DataAtom != atom.A:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}
