package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gluedLink reports whether n is a link set right against the link
// before it (no white space between), in a parent that holds no text of
// its own, the first ending in a letter, digit or punctuation and n
// starting with a capital: two buttons or items of a bar that a browser
// lays out apart ("Get Started" "Explore products", a card's title
// after the card before). Run together they made one word of two. A
// lower-case start may go on a word ("P" "acking"), so it stays glued,
// but in a run of three links or more (linkRun), each piece meeting
// the other with two letters or digits or more, the links are a list of
// tags ("machine learning" "psychology"), each a word or more.
func (e *emitter) gluedLink(n *html.Node) bool {
	if !e.broad || n.DataAtom != atom.A {
		return false
	}
	r, f, ok := meetingRunes(n)
	if !ok || unicode.IsSpace(r) || !unicode.IsUpper(f) && !tagLink(n, r, f) {
		return false
	}
	p := n.Parent
	if p != e.barParent {
		e.barParent, e.barOK = p, p != nil && !ownText(p)
	}
	return e.barOK
}

// tagLink reports whether n, a link meeting the link before it at
// runes r and f with nothing between, is a tag of a list of them: both
// runes letters or digits, each side's text two runes or more where
// they meet, and three links or more in the run (linkRun).
func tagLink(n *html.Node, r, f rune) bool {
	if !wordRune(r) || !wordRune(f) {
		return false
	}
	if utf8.RuneCountInString(strings.TrimSpace(edgeText(prevShown(n), true))) < 2 ||
		utf8.RuneCountInString(strings.TrimSpace(edgeText(n, false))) < 2 {
		return false
	}
	return linkRun(n) >= 3
}

// linkRun counts the links in the run of siblings around n that holds
// nothing else (white space, comments and elements that print nothing
// aside).
func linkRun(n *html.Node) int {
	skip := func(s *html.Node) bool { return s.Type == html.TextNode && blank(s.Data) || printsNothing(s) }
	k := 1
	for s := n.PrevSibling; s != nil && (s.DataAtom == atom.A || skip(s)); s = s.PrevSibling {
		if s.DataAtom == atom.A {
			k++
		}
	}
	for s := n.NextSibling; s != nil && (s.DataAtom == atom.A || skip(s)); s = s.NextSibling {
		if s.DataAtom == atom.A {
			k++
		}
	}
	return k
}

// barGlyphs are the marks a bar of links or labels prints between its
// items ("Productivity • Developer Tools • GitHub", "Home › Docs").
// Dashes and slashes are left out: between two numbers they write a
// range, a rating or a date.
const barGlyphs = "•·|›»‹«∙⋅◦▪‧"

// barGlyph reports whether n is an element that prints one of barGlyphs
// and nothing else, between two elements of a parent that holds no text
// of its own: the separator of a bar, which a style sheet spaces from
// the items on both sides. Written against them, it glued the items
// into one word with it ("Productivity•Developer Tools").
func barGlyph(n *html.Node) bool {
	if n.DataAtom == atom.A || n.FirstChild == nil || n.FirstChild != n.LastChild || n.FirstChild.Type != html.TextNode {
		return false
	}
	t := strings.TrimSpace(n.FirstChild.Data)
	r, size := utf8.DecodeRuneInString(t)
	if size == 0 || size != len(t) || !strings.ContainsRune(barGlyphs, r) {
		return false
	}
	prev, next := prevShown(n), nextPrinting(n)
	return prev != nil && prev.Type == html.ElementNode && next != nil && next.Type == html.ElementNode &&
		n.Parent != nil && !ownText(n.Parent)
}

// gluedTwin reports whether n is a span or a link set
// right against a twin (the sibling before it: the same tag and the same
// class attribute, not empty) with no white space between, in a run of
// three twins or more under a parent without text of its own, the two
// meeting letter or digit to letter or digit with a digit on one side
// at least, and each holding two runes or more there: the values of one
// list that a style sheet lays out apart (a film's "2026" "1h 54m" "R",
// a chart's years "1990" "1991" "1992"). gluedSpan and gluedLink ask for
// a capital; a number is a value of its own whatever follows it. Two
// letters meeting may be the styled pieces of one word ("Hel" "lo"), a
// pair may be a price's ("12" "99"), one-rune pieces are a word or a
// number cut for an animation, and twins inside running text may be a
// number's groups: all stay glued. Unlike gluedLink it holds in an
// article's body too (no article set's page moved).
func gluedTwin(n *html.Node) bool {
	if n.DataAtom != atom.Span && n.DataAtom != atom.A {
		return false
	}
	c := attr(n, "class")
	if c == "" || n.PrevSibling == nil || attr(n.PrevSibling, "class") != c {
		return false
	}
	r, f, ok := meetingRunes(n)
	if !ok || !wordRune(r) || !wordRune(f) || !unicode.IsDigit(r) && !unicode.IsDigit(f) {
		return false
	}
	if utf8.RuneCountInString(strings.TrimSpace(edgeText(n.PrevSibling, true))) < 2 ||
		utf8.RuneCountInString(strings.TrimSpace(edgeText(n, false))) < 2 {
		return false
	}
	return n.Parent != nil && !ownText(n.Parent) && twinRun(n) >= 3
}

// twinRun counts the elements of n's tag and class attribute in the run
// of siblings around n that holds nothing else (white space aside).
func twinRun(n *html.Node) int {
	c := attr(n, "class")
	twin := func(s *html.Node) bool {
		return s.Type == html.ElementNode && s.DataAtom == n.DataAtom && attr(s, "class") == c
	}
	k := 1
	for s := n.PrevSibling; s != nil && (twin(s) || s.Type == html.TextNode && blank(s.Data)); s = s.PrevSibling {
		if twin(s) {
			k++
		}
	}
	for s := n.NextSibling; s != nil && (twin(s) || s.Type == html.TextNode && blank(s.Data)); s = s.NextSibling {
		if twin(s) {
			k++
		}
	}
	return k
}

// wordRune reports whether r is a letter or a digit.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ownText reports whether n has a child text node that is not white space.
func ownText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && !blank(c.Data) {
			return true
		}
	}
	return false
}

// blank reports whether s is empty or white space only.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
		default:
			return false
		}
	}
	return true
}
