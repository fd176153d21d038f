package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// The last net (issue 8: a page that holds a body must never come out
// empty). Every rule above reads the page through its regions, class
// words and dialogs; when they all leave next to nothing, a page whose
// markup still holds one clear block of prose (paragraphs of sentences,
// mostly unlinked, side by side under one element) has its story in a
// place those rules read as chrome: a wrapper named like a consent box,
// a <footer> or a closed <dialog> around the whole article (the text is
// then empty, or a blurb or a teaser the rules found). An empty
// text is the worst outcome for a reader of the corpus, so that prose
// is taken, wherever it sits. Pages that hold no such block (an app's
// shell, a bot wall, a crawl cut short, a cookie notice alone) stay
// empty.
const (
	// tinyWords: a text under this many words is next to nothing: an
	// empty page (pageType's bound is 20), a caption, a teaser, a blurb
	// about the site picked over the story.
	tinyWords = 50
	// lastProseWords: the block of prose must hold this many words at
	// least, in lastProseParas paragraphs or more (or one paragraph of
	// lastProseOne words: a story set as one run of <br> lines).
	lastProseWords = 50
	lastProseParas = 2
	lastProseOne   = 80
)

// proseSkip lists the elements whose content is never read as prose:
// what the browser does not print as text, form controls and embeds.
func proseSkip(a atom.Atom) bool {
	switch a {
	case atom.Head, atom.Textarea, atom.Select, atom.Option, atom.Button, atom.Svg, atom.Math, atom.Iframe, atom.Object:
		return true
	}
	return textless(a)
}

// proseBlockTags are the elements that start a block of their own: an
// element holding one is not a paragraph but a container.
var proseBlockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Aside: true,
	atom.Header: true, atom.Footer: true, atom.Nav: true, atom.Form: true, atom.Ul: true, atom.Ol: true,
	atom.Li: true, atom.Dl: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Blockquote: true,
	atom.Body: true, atom.Center: true, atom.Figure: true, atom.Pre: true, atom.Dialog: true, atom.Details: true, atom.Fieldset: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// proseGroup is the prose paragraphs whose parent is one element, in
// document order.
type proseGroup struct {
	parent *html.Node
	paras  []string
	words  int
}

// largestProse returns the page's largest block of prose below root, or
// nil when it holds none.
func largestProse(root *html.Node) *proseGroup {
	byParent := make(map[*html.Node]*proseGroup)
	var best *proseGroup
	var walk func(n *html.Node)
	add := func(parent *html.Node, t string, w int) {
		g := byParent[parent]
		if g == nil {
			g = &proseGroup{parent: parent}
			byParent[parent] = g
		}
		g.paras, g.words = append(g.paras, t), g.words+w
		if best == nil || g.words > best.words {
			best = g
		}
	}
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && proseSkip(n.DataAtom) {
			return
		}
		if n.Type == html.ElementNode && n.Parent != nil && proseBlockTags[n.DataAtom] && !holdsBlock(n) {
			if t, w := proseParagraph([]*html.Node{n}); w > 0 {
				add(n.Parent, t, w)
			}
			return
		}
		// The inline content between n's blocks (text set with <br>
		// beside a box) makes paragraphs of n too.
		var run []*html.Node
		flush := func() {
			if t, w := proseParagraph(run); w > 0 {
				add(n, t, w)
			}
			run = run[:0]
		}
		blocks := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && proseBlockTags[c.DataAtom] {
				flush()
				blocks = true
			} else {
				run = append(run, c)
			}
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
		if blocks {
			flush()
		}
	}
	walk(root)
	if best == nil || best.words < lastProseWords || len(best.paras) < lastProseParas && best.words < lastProseOne {
		return nil
	}
	return best
}

// headedByTitle reports whether the block of prose g sits under the
// page's headline: a heading beside it (in its parent or the element
// around that) whose words are mostly the title's. A story the rules
// lost still carries its headline; the prose of chrome (a site's blurb
// in a footer, a consent or login box in any language, an apology for a
// missing page) sits under a heading of its own, or none, which the
// title does not repeat.
func headedByTitle(g *proseGroup, title string) bool {
	tw := lowerWords(title)
	for n, up := g.parent, 0; n != nil && up < 2; n, up = n.Parent, up+1 {
		if n.DataAtom == atom.Body || n.DataAtom == atom.Html {
			return false
		}
		for h := range n.Descendants() {
			if h.Type == html.ElementNode && (h.DataAtom == atom.H1 || h.DataAtom == atom.H2 || h.DataAtom == atom.H3) && mostlyIn(textOf(h), tw) {
				return true
			}
		}
	}
	return false
}

// lowerWords returns s's words in lower case, without punctuation.
func lowerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), notWordRune)
}

// mostlyIn reports whether two thirds of s's words or more are among
// words (lowerWords).
func mostlyIn(s string, words []string) bool {
	sw := lowerWords(s)
	in := 0
	for _, w := range sw {
		if slices.Contains(words, w) {
			in++
		}
	}
	return len(sw) > 0 && in*3 >= len(sw)*2
}

// holdsBlock reports whether one of n's children starts a block.
func holdsBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && proseBlockTags[c.DataAtom] {
			return true
		}
	}
	return false
}

// proseParagraph returns the text of nodes (a leaf block, or a run of
// inline content among a block's children) and its words when it reads
// as a paragraph of prose: ten words or more, under 30% of them linked,
// ending as a sentence, and not a notice about cookies.
func proseParagraph(nodes []*html.Node) (string, int) {
	var b strings.Builder
	for _, c := range nodes {
		nodeText(&b, c)
	}
	t := cleanSpace(b.String())
	w := countWords(t)
	if w < 10 || !endsSentence(t) || reCookieNotice.MatchString(t) {
		return "", 0
	}
	linked := 0
	for _, c := range nodes {
		linked += linkedWords(c)
	}
	if linked*10 >= w*3 {
		return "", 0
	}
	return t, w
}

// linkedWords counts the words of n's text inside links.
func linkedWords(n *html.Node) int {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		return countWords(textOf(n))
	}
	w := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !proseSkip(c.DataAtom) {
			w += linkedWords(c)
		}
	}
	return w
}

// lastProseNet gives art the page's clear block of prose (largestProse)
// when its text is next to nothing (under tinyWords), that block holds
// three times as many words and it sits under the page's headline
// (headedByTitle). A page typed other for want of text becomes an article,
// as a page that says a few sentences of its own is (otherPage's bare
// page).
func lastProseNet(root *html.Node, art *corpus.Article) {
	if art.WordCount >= tinyWords || art.PageType == corpus.PageTypeOther && noticeHeading(art.Title) != noticeNone {
		return // enough text, or a notice page's apology (noticePage)
	}
	g := largestProse(root)
	if g == nil || g.words <= art.WordCount*3 || !headedByTitle(g, art.Title) {
		return
	}
	text, words := strings.Join(g.paras, "\n\n"), g.words
	art.Text, art.WordCount = text, words
	art.Language = ChooseLanguage(art.Language, text)
	if art.PageType == corpus.PageTypeOther {
		art.PageType = corpus.PageTypeArticle
		dropFlag(art, corpus.FlagNotArticle)
	}
	if words >= ShortWords {
		dropFlag(art, corpus.FlagShort)
	}
}
