package extract

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr returns the value of the attribute key of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n carries the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// textless reports whether an element's content is no text of the page:
// scripts, styles, templates and ruby readings (the kana printed over
// kanji, in <rt> and <rp>).
func textless(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Rt, atom.Rp:
		return true
	}
	return false
}

// nodeText appends the text of the subtree of n to b, skipping textless
// elements. The result is not whitespace-normalised.
func nodeText(b *strings.Builder, n *html.Node) { nodeTextUpTo(b, n, math.MaxInt) }

// nodeTextUpTo is nodeText that stops once b holds more than limit
// bytes, and then reports false.
func nodeTextUpTo(b *strings.Builder, n *html.Node, limit int) bool {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return b.Len() <= limit
	case html.ElementNode:
		if textless(n.DataAtom) {
			return true
		}
		switch n.DataAtom {
		case atom.Br, atom.P, atom.Div, atom.Li:
			b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !nodeTextUpTo(b, c, limit) {
			return false
		}
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.P, atom.Div, atom.Li, atom.Td, atom.Th:
			b.WriteByte(' ')
		}
	}
	return true
}

// shortText returns the whitespace-normalised text of n, or "" when the
// text is longer than limit (textWidth: letters, not bytes, so a dateline
// in Bengali or Thai, three bytes a letter, is no longer than the same
// dateline in Latin letters). It stops walking once past four bytes a
// character, so calling it on many nested elements stays linear.
func shortText(n *html.Node, limit int) string {
	var b strings.Builder
	if !boundedText(&b, n, limit*4+64) {
		return ""
	}
	t := cleanSpace(b.String())
	if len(t) > limit && textWidth(t) > limit {
		return ""
	}
	return t
}

// textWidth is the length of t in letters, a CJK ideograph, kana or
// Hangul syllable counting three (as in bytes): one of them writes a
// word or most of one, so a 200-letter byline limit in CJK would take a
// 90-character author's biography for a byline, where the same
// biography in Latin letters is far over the limit.
func textWidth(t string) int {
	w := 0
	for _, r := range t {
		if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			w += 3
		} else {
			w++
		}
	}
	return w
}

func boundedText(b *strings.Builder, n *html.Node, limit int) bool {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return b.Len() <= limit
	case html.ElementNode:
		if textless(n.DataAtom) {
			return true
		}
		switch n.DataAtom {
		case atom.Br, atom.P, atom.Div, atom.Li:
			b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !boundedText(b, c, limit) {
			return false
		}
	}
	if n.Type == html.ElementNode {
		b.WriteByte(' ')
	}
	return true
}

// textOf returns the whitespace-normalised text of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	nodeText(&b, n)
	return cleanSpace(b.String())
}

// isInvisible reports whether r is a character to drop from text: soft
// hyphens, zero-width characters, byte order marks and other format or
// control characters (tab and newline excepted, they count as space).
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ufffd':
		return true
	}
	if r < 0x20 {
		return r != '\t' && r != '\n' && r != '\r' && r != '\f'
	}
	return r == 0x7f || (r >= 0x80 && r < 0xa0)
}

// cleanSpace collapses runs of white space to one space, trims both ends and
// drops invisible characters.
func cleanSpace(s string) string {
	// Fast path: already clean ASCII.
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			clean = false
			break
		}
		sp := c == ' '
		if c < 0x20 || c == 0x7f || (sp && prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		// ASCII bytes are told apart without decoding a rune: most
		// text is ASCII, and this loop runs over every text of the page.
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if isInvisible(r) {
			continue
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if size == 1 {
			b.WriteByte(byte(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// classTokens splits class and id values into lower-case words on any
// character that is not a letter or digit, and at lower-to-upper case
// changes ("articleBody" gives "article", "body").
func classTokens(dst []string, s string) []string {
	start := -1
	var prev rune
	for i, r := range s {
		alnum := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		if !alnum {
			if start >= 0 {
				dst = append(dst, strings.ToLower(s[start:i]))
				start = -1
			}
			prev = r
			continue
		}
		if start >= 0 && r >= 'A' && r <= 'Z' && prev >= 'a' && prev <= 'z' {
			dst = append(dst, strings.ToLower(s[start:i]))
			start = i
		}
		if start < 0 {
			start = i
		}
		prev = r
	}
	if start >= 0 {
		dst = append(dst, strings.ToLower(s[start:]))
	}
	return dst
}

// isSpaceless reports whether r is of a script written without spaces
// between words: Han, Hiragana or Katakana. (Thai is one too, but
// countWords has never counted it so: its test below 0x3040 left it out.)
func isSpaceless(r rune) bool {
	return r >= 0x3040 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// countWords counts words in s: runs of letters and digits, where each
// character of a script written without spaces (isSpaceless) counts as a
// word of its own.
func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			// ASCII, most of most pages: a word character is a letter, a
			// digit or '_' (as below, without the tables' lookups).
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
				if !in {
					n++
					in = true
				}
			} else {
				in = false
			}
			continue
		}
		if isSpaceless(r) {
			n++
			in = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r) {
			if !in {
				n++
				in = true
			}
			continue
		}
		in = false
	}
	return n
}

// numFields returns len(strings.Fields(s)) without building the slice.
func numFields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || c >= '\t' && c <= '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			in = false
		} else if !in {
			n++
			in = true
		}
	}
	return n
}

// fragmentText returns the text of an HTML fragment (a JSON-LD
// articleBody or product description written as markup), a line for
// each paragraph, item or line break.
func fragmentText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return s
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type != html.ElementNode || n.DataAtom == atom.Script || n.DataAtom == atom.Style:
			return
		case classifyTag(n.DataAtom) != tagInline || n.DataAtom == atom.Br:
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && classifyTag(n.DataAtom) != tagInline {
			b.WriteByte('\n')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

// prevElementSibling returns the element before n among its siblings, or
// nil.
func prevElementSibling(n *html.Node) *html.Node {
	p := n.PrevSibling
	for p != nil && p.Type != html.ElementNode {
		p = p.PrevSibling
	}
	return p
}

// nextElementSibling returns the element after n among its siblings, or
// nil.
func nextElementSibling(n *html.Node) *html.Node {
	p := n.NextSibling
	for p != nil && p.Type != html.ElementNode {
		p = p.NextSibling
	}
	return p
}

// walkSkipping calls visit on x.nodes from index from on, in document
// order, and leaves out the subtree of each node for which visit returns
// true. With within set, the walk ends at the first node outside its
// subtree.
func (x *contentExtractor) walkSkipping(from int, within *html.Node, visit func(i int, n *html.Node) (skip bool)) {
	var skip *html.Node
	for i := from; i < len(x.nodes); i++ {
		n := x.nodes[i]
		if within != nil && n != within && !isAncestor(within, n) {
			return
		}
		if skip != nil && isAncestor(skip, n) {
			continue
		}
		skip = nil
		if visit(i, n) {
			skip = n
		}
	}
}
