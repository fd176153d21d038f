package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// selfAnchor reports whether n is a link to a place on its own page whose
// text is a lone mark: a heading's permalink ("¶", "#", "§", an icon
// font's glyph), a footnote's way back ("^", "↑"). It marks a place for
// the reader to copy, is not text, and printed it runs into the heading
// ("Basic Usage¶"). Links with a letter or digit ("[1]", "Top") stay.
func selfAnchor(n *html.Node) bool {
	if n.DataAtom != atom.A || !strings.HasPrefix(attr(n, "href"), "#") {
		return false
	}
	t := strings.TrimSpace(textOf(n))
	if t == "" || utf8.RuneCountInString(t) > 2 {
		return false
	}
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// headingAnchor reports whether n is a link of a heading to a place on
// its own page ("#section-2") around words: a section's permalink written
// around the heading's words, which are the section's title and not a
// teaser's linked headline. Its text is not counted as linked. A lone
// mark (selfAnchor) still is.
func (e *emitter) headingAnchor(n *html.Node) bool {
	if len(e.kinds) == 0 || !strings.HasPrefix(attr(n, "href"), "#") || selfAnchor(n) {
		return false
	}
	k := e.kinds[len(e.kinds)-1]
	return k == kindHeading || k == kindTitle
}
