package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockKind tells how a text block was marked up.
type blockKind uint8

const (
	kindPara blockKind = iota
	kindHeading
	kindItem
	kindRow
	kindQuote
	kindTitle // an h1 inside the content, normally the headline again
)

// block is one paragraph of output text.
type block struct {
	text       string
	kind       blockKind
	link       float64 // share of the text inside links
	italic     float64 // share of the text inside <em> or <i>
	afterImage bool    // an image came between this block and the previous text
	altText    bool    // the text repeats that image's alt text: a caption
	aside      bool    // inside an <aside> kept in the content (a pull quote)
	at         int32   // doc-order index of the last element entered before its text began
	item       bool    // the line of an item of a list that is not numbered (markItem)
	shut       bool    // an accordion's header over a panel the walk dropped (shutHeader)
}

// heads reports whether b is a heading or the title: what opens a
// section of the text.
func (b block) heads() bool { return b.kind == kindHeading || b.kind == kindTitle }

// emitter turns a content subtree into text blocks.
type emitter struct {
	x      *contentExtractor
	broad  bool // main content of a page that is not an article: teasers are content
	buf    strings.Builder
	chars  int
	links  int
	kinds  []blockKind
	inLink int
	inEm   int
	ems    int
	asides int    // depth of <aside> elements being walked
	mute   int    // depth of links walked but not printed (selfAnchor)
	image  bool   // an image was seen since the last block
	alt    string // its alt text
	cur    int32  // doc-order index of the last element entered
	at     int32  // cur when the current block's text began
	blocks []block
	// barParent is the parent last checked by gluedLink, barOK its answer.
	barParent *html.Node
	barOK     bool
	// feat, when set, walks the parts the content walk dropped too (but
	// not consent dialogs, never content) and records each block's
	// context for the block model (blockmodel.go).
	feat *featWalk
}

func (e *emitter) flush() {
	if e.buf.Len() == 0 {
		return
	}
	t := cleanSpace(e.buf.String())
	e.buf.Reset()
	if t != "" {
		ld := 0.0
		if e.chars > 0 {
			ld = float64(e.links) / float64(e.chars)
		}
		k := kindPara
		if len(e.kinds) > 0 {
			k = e.kinds[len(e.kinds)-1]
		}
		it := 0.0
		if e.chars > 0 {
			it = float64(e.ems) / float64(e.chars)
		}
		alt := e.image && e.alt != "" && normName(e.alt) == normName(t)
		e.blocks = append(e.blocks, block{text: t, kind: k, link: ld, italic: it, afterImage: e.image, altText: alt, aside: e.asides > 0, at: e.at})
		if e.feat != nil {
			e.feat.record()
		}
		e.image, e.alt = false, ""
	}
	e.chars, e.links, e.ems = 0, 0, 0
	if e.feat != nil {
		e.feat.junkChars = 0
		e.feat.labels = e.feat.labels[:0]
	}
}

func (e *emitter) text(s string) {
	if e.mute == 0 {
		e.buf.WriteString(s)
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] > ' ' {
			n++
		}
	}
	if e.chars == 0 && n > 0 {
		e.at = e.cur
	}
	if e.feat != nil {
		if e.chars == 0 && n > 0 {
			e.feat.start()
		}
		if e.feat.junk > 0 {
			e.feat.junkChars += n
		}
	}
	e.chars += n
	if e.inLink > 0 {
		e.links += n
	}
	if e.inEm > 0 {
		e.ems += n
	}
}

func (e *emitter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		e.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if n.DataAtom == atom.Img || n.DataAtom == atom.Picture || n.DataAtom == 0 && n.Data == "amp-img" {
		e.image = true
		if a := attr(n, "alt"); a != "" {
			e.alt = a
		}
	}
	i, ok := e.x.idx[n]
	if !ok {
		return
	}
	in := &e.x.infos[i]
	if in.junk && !(e.broad && in.teaser) && e.feat == nil {
		return
	}
	if in.picture && !e.broad && e.feat == nil {
		return
	}
	e.cur = i
	if e.feat != nil {
		if in.consent || featSkip(n, e.x.essays) {
			return
		}
		e.feat.enter(n, in)
		defer e.feat.leave(n, in)
	}
	if classifyTag(n.DataAtom) == tagInline {
		e.walkInline(n)
		return
	}
	if e.walkBreakOrCell(n, in) {
		return
	}
	e.flush()
	if n.DataAtom == atom.Aside {
		e.asides++
		defer func() { e.asides-- }()
	}
	k, pushed := blockKindOf(n.DataAtom)
	if pushed {
		e.kinds = append(e.kinds, k)
	}
	first := len(e.blocks)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		e.walk(c)
	}
	e.flush()
	if pushed {
		e.kinds = e.kinds[:len(e.kinds)-1]
	}
	if n.DataAtom == atom.Button && e.x.shutHeader(n) {
		for j := first; j < len(e.blocks); j++ {
			e.blocks[j].shut = true
		}
	}
	if n.DataAtom == atom.Li {
		markItem(e.blocks[first:], n)
	}
}

// walkInline walks an inline element: a screen reader's label or a
// self-linking anchor read but not printed, glued spans spaced, and the
// link and emphasis depths kept while its children are walked.
func (e *emitter) walkInline(n *html.Node) {
	if e.broad && srLabel(n) {
		// Not printed; the block model still reads it (featText).
		if e.feat != nil {
			e.feat.label(n)
		}
		e.mute++
		defer func() { e.mute-- }()
	} else if selfAnchor(n) {
		// Counted as the link it is, so that the block's link
		// share and the block model's features stay, but not
		// printed.
		e.mute++
		defer func() { e.mute-- }()
	}
	if gluedSpan(n) || gluedTwin(n) || e.gluedLink(n) {
		e.buf.WriteByte(' ')
	}
	if e.broad && barGlyph(n) {
		e.buf.WriteByte(' ')
		defer e.buf.WriteByte(' ')
	}
	link := n.DataAtom == atom.A && !e.headingAnchor(n)
	switch {
	case link:
		e.inLink++
	case n.DataAtom == atom.Em || n.DataAtom == atom.I:
		e.inEm++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		e.walk(c)
	}
	switch {
	case link:
		e.inLink--
	case n.DataAtom == atom.Em || n.DataAtom == atom.I:
		e.inEm--
	}
}

// walkBreakOrCell handles the elements that end a line (br, hr) and the
// table cells that are no block of their own, and reports whether it did.
func (e *emitter) walkBreakOrCell(n *html.Node, in *nodeInfo) bool {
	switch n.DataAtom {
	case atom.Br, atom.Hr:
		e.flush()
		return true
	case atom.Td, atom.Th:
		if in.text > 200 {
			// A layout cell holding running text: its lines are
			// paragraphs, not table rows.
			e.flush()
			e.kinds = append(e.kinds, kindPara)
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				e.walk(c)
			}
			e.flush()
			e.kinds = e.kinds[:len(e.kinds)-1]
			return true
		}
		if !in.block {
			e.buf.WriteByte(' ')
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				e.walk(c)
			}
			e.buf.WriteByte(' ')
			return true
		}
	}
	return false
}

// blockKindOf gives the kind of block an element opens, if it opens one.
func blockKindOf(a atom.Atom) (blockKind, bool) {
	switch a {
	case atom.H1:
		return kindTitle, true
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return kindHeading, true
	case atom.Li, atom.Dt, atom.Dd:
		return kindItem, true
	case atom.Tr:
		return kindRow, true
	case atom.Blockquote:
		return kindQuote, true
	}
	return 0, false
}

// gluedSpan reports whether n is a classed span set right after another
// with no white space between, the first ending in a letter or digit and
// n starting with a capital: two labelled values that a style sheet
// shows apart (a brand and a product's name, "Merrell" "Moab 3"), which
// run together would make one word. Spans of two classes that meet
// letter to digit or digit to letter are so too (unitSpans).
func gluedSpan(n *html.Node) bool {
	if n.DataAtom != atom.Span || attr(n, "class") == "" || n.PrevSibling == nil || attr(n.PrevSibling, "class") == "" {
		return false
	}
	r, f, ok := meetingRunes(n)
	return ok && (unicode.IsLetter(r) || unicode.IsDigit(r)) && unicode.IsUpper(f) || ok && unitSpans(n, r, f)
}

// unitSpans reports whether n and the span before it, of another class,
// meet a letter against a digit (or a price's currency sign against a
// letter), two runes or more on each side: a label and its value
// ("Height" "22 cm"), a price and its terms ("$499" "or 4 payments of
// $124.75", "39,90 €" "oppure 3 rate"), which a style sheet lays out apart and
// which run together made one word of two. After a figure the letters
// must start a phrase: one word there is the figure's unit or suffix,
// written glued to it ("5" "bn", "21" "st", "10" "px"). One-rune pieces
// ("5" "kg"), twins of one class (gluedTwin) and one value's variants
// (valueVariants) stay as they are.
func unitSpans(n *html.Node, r, f rune) bool {
	prev := n.PrevSibling
	if attr(n, "class") == attr(prev, "class") {
		return false
	}
	a, b := strings.TrimSpace(edgeText(prev, true)), strings.TrimSpace(edgeText(n, false))
	amount := unicode.IsDigit(r) || unicode.Is(unicode.Sc, r)
	label := unicode.IsLetter(r) && unicode.IsDigit(f)
	if !(label || amount && unicode.IsLetter(f) && strings.ContainsFunc(b, unicode.IsSpace)) {
		return false
	}
	return utf8.RuneCountInString(a) >= 2 && utf8.RuneCountInString(b) >= 2 && !valueVariants(prev, n)
}

// valueVariants reports whether two elements print the same words about
// other figures ("188 points" "189 points" "190 points", or "1 point"
// "2 points", a word in the singular and the plural): one value's
// variants (a score before a vote, after an up vote and a down vote), of
// which a style sheet shows one. Spaced they would read as three values.
func valueVariants(a, b *html.Node) bool {
	fa, fb := strings.Fields(textOf(a)), strings.Fields(textOf(b))
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if singular(stripDigits(fa[i])) != singular(stripDigits(fb[i])) {
			return false
		}
	}
	return true
}

// stripDigits returns w without its digits.
func stripDigits(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, w)
}

// singular returns an English plural's singular, roughly: "points"
// "point", "replies" "reply"; a count's word agrees with its figure.
func singular(w string) string {
	if s, ok := strings.CutSuffix(w, "ies"); ok && s != "" {
		return s + "y"
	}
	return strings.TrimSuffix(w, "s")
}

// meetingRunes returns, when the sibling right before n is an element of
// n's own tag, the last rune of its text and the first rune of n's: where
// the two run together in the text when nothing is written between them.
// A comment or an element that prints nothing (a style sheet a
// component writes before each button, a script) between the two does
// not part them (prevShown).
func meetingRunes(n *html.Node) (last, first rune, ok bool) {
	prev := prevShown(n)
	if prev == nil || prev.Type != html.ElementNode || prev.DataAtom != n.DataAtom {
		return 0, 0, false
	}
	a, b := edgeText(prev, true), edgeText(n, false)
	if a == "" || b == "" {
		return 0, 0, false
	}
	last, _ = utf8.DecodeLastRuneInString(a)
	first, _ = utf8.DecodeRuneInString(b)
	return last, first, true
}

// prevShown returns the sibling before n, past the comments and the
// elements that print no text (printsNothing).
func prevShown(n *html.Node) *html.Node {
	p := n.PrevSibling
	for p != nil && printsNothing(p) {
		p = p.PrevSibling
	}
	return p
}

// nextPrinting returns the sibling after n, past what prints nothing:
// prevShown's counterpart (nextShown, for labels, skips blank text
// instead).
func nextPrinting(n *html.Node) *html.Node {
	s := n.NextSibling
	for s != nil && printsNothing(s) {
		s = s.NextSibling
	}
	return s
}

// printsNothing reports whether n is a comment or an element that prints
// no text (textless: style, script, template).
func printsNothing(n *html.Node) bool {
	return n.Type == html.CommentNode || n.Type == html.ElementNode && textless(n.DataAtom)
}

// edgeText returns the last (or first) text node's data in n's subtree.
func edgeText(n *html.Node, last bool) string {
	c := n.FirstChild
	if last {
		c = n.LastChild
	}
	for c != nil {
		if c.Type == html.TextNode {
			return c.Data
		}
		if c.Type == html.ElementNode {
			if t := edgeText(c, last); t != "" {
				return t
			}
		}
		if last {
			c = c.PrevSibling
		} else {
			c = c.NextSibling
		}
	}
	return ""
}
