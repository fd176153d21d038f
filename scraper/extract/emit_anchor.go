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
