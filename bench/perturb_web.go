package main

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// webPerturbations put the body in the shapes real pages give it: cut by
// ad slots, newsletter boxes and related links, wrapped in an element
// whose name holds a boilerplate word, written as <br>-separated text or
// in a table cell, hidden until a script hydrates it, repeated in a
// <noscript> or a paywall teaser, followed by a long comment section.
var webPerturbations = []perturbation{
	{"split-newsletter", "three chunks of the body's tag and class, a newsletter sign-up box between", func(b *html.Node) {
		splitBody(b, 3, b.Data, attrOf(b, "class"), newsletterBox, false)
	}},
	{"split-related", "three chunks, a related-links list between", func(b *html.Node) {
		splitBody(b, 3, b.Data, attrOf(b, "class"), relatedLinks, false)
	}},
	{"wrap-widget", "the body inside <section class=\"widget widget_text\"><div class=\"textwidget\">", func(b *html.Node) {
		wrap(b, `<section class="widget widget_text"><div class="textwidget"></div></section>`)
	}},
	{"wrap-meta", "the body inside a CMS rich-text wrapper named meta_field", func(b *html.Node) {
		wrap(b, `<div class="hs_cos_wrapper hs_cos_wrapper_meta_field hs_cos_wrapper_type_rich_text" id="hs_cos_wrapper_post_body"></div>`)
	}},
	{"wrap-sidebar", "the body inside a sidebar-named layout column (a layout with content left of the sidebar)", func(b *html.Node) {
		wrap(b, `<div class="col-md-8 with-sidebar"></div>`)
	}},
	{"wrap-promo", "the body inside a <div> whose class names a promo module", func(b *html.Node) {
		wrap(b, `<div class="PromoArea_x1y2 module"></div>`)
	}},
	{"wrap-related", "the body inside a <div> whose id holds related", func(b *html.Node) {
		wrap(b, `<div id="content-related-wrap"></div>`)
	}},
	{"next-stories", "three more stories (a heading over ten paragraphs each) after the block holding the headline, as an endless scroll loads them", func(b *html.Node) {
		at := headlineBlock(b)
		for i := 0; i < 3; i++ {
			at = insertAfter(at, secondStory("div", "<h2>Another story</h2>"))
		}
	}},
	{"next-stories-parent", "the same three stories after the body's parent, as second-story places one", func(b *html.Node) {
		at := b.Parent
		for i := 0; i < 3; i++ {
			at = insertAfter(at, secondStory("div", "<h2>Another story</h2>"))
		}
	}},
	{"next-stories-dated", "three more stories after the block holding the headline, each an <article> with its own heading, byline and <time>, as a news site's endless scroll loads whole articles", func(b *html.Node) {
		at := headlineBlock(b)
		for i := 0; i < 3; i++ {
			at = insertAfter(at, secondStory("article", `<h2>Another story</h2><p class="byline">By Jane Doe</p>`+
				`<time datetime="2026-11-30T09:00:00Z">30 November 2026</time>`))
		}
	}},
	{"unclosed-aside", "an unclosed <aside> of site links before the article: the headline's block and all after it nested inside", func(b *html.Node) {
		swallow(headlineBlock(b), `<aside class="sidebar"><ul><li><a href="/a">Most read</a></li><li><a href="/b">Podcasts</a></li></ul></aside>`)
	}},
	{"lead-links", "the body's first paragraph written mostly as links", func(b *html.Node) {
		linkLead(b)
	}},
	{"br-text", "the body as <br>-separated text in its one element, no <p>", func(b *html.Node) {
		unwrapParagraphs(b)
	}},
	{"table-cell", "the body inside a table cell", func(b *html.Node) {
		wrap(b, `<table class="layout"><tbody><tr><td class="main"></td></tr></tbody></table>`)
	}},
	{"gallery-inside", "a gallery of four captioned photos after the body's second paragraph", func(b *html.Node) {
		insertAfter(nthParagraph(b, 2), gallery)
	}},
	{"header-article", "an <article> holding only a header (headline, byline, date) before the body, its sibling", func(b *html.Node) {
		insertBefore(b, `<article class="post-header"><header><h1>Headline</h1><p class="byline">By Jane Doe</p>`+
			`<time datetime="2026-11-30T09:00:00Z">30 November 2026</time></header></article>`)
	}},
	{"hydration-hidden", "the body moved to <div hidden id=\"S:0\"> at the end of <body>, a template and a script in its place", func(b *html.Node) {
		hideForHydration(b)
	}},
	{"hydration-hidden-article", "the same with the block holding the <h1> and the body (the whole article) moved", func(b *html.Node) {
		hideForHydration(headlineBlock(b))
	}},
	{"noscript-copy", "a copy of the body inside a <noscript> after it", func(b *html.Node) {
		insertAfter(b, "<noscript>"+withoutNoscript(renderNode(b))+"</noscript>")
	}},
	{"paywall-teaser", "a teaser (the body's first two paragraphs, copied) before the body", func(b *html.Node) {
		insertBefore(b, `<div class="article-teaser">`+renderNode(nthParagraph(b, 1))+renderNode(nthParagraph(b, 2))+`</div>`)
	}},
	{"comments-long", "a comment section as long as the body (one comment per paragraph, three more) after it", func(b *html.Node) {
		insertAfter(b, `<section id="comments" class="comments-area"><h2>Comments</h2><ol class="comment-list">`+
			comments(countParagraphs(b)+3)+`</ol></section>`)
	}},
}

const newsletterBox = `<div class="newsletter-signup"><h3>Get the morning briefing</h3>` +
	`<p>Sign up for our free newsletter and get the day's top stories in your inbox every weekday morning.</p>` +
	`<form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>`

const relatedLinks = `<aside class="related-links"><h3>Related</h3><ul>` +
	`<li><a href="/r1">Council delays the vote on the new bus routes until spring</a></li>` +
	`<li><a href="/r2">What the new timetable means for commuters in the north</a></li>` +
	`<li><a href="/r3">Opinion: older residents deserve a say on public transport</a></li></ul></aside>`

var gallery = func() string {
	var b strings.Builder
	b.WriteString(`<div class="gallery">`)
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, `<figure><img src="g%d.jpg"><figcaption>%s</figcaption></figure>`, i, fillerSentences[i%3])
	}
	return b.String() + "</div>"
}()

// comments returns n readers' comments as <li class="comment">.
func comments(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<li class="comment"><div class="comment-author">Reader %d</div><div class="comment-content"><p>%s %s</p></div></li>`,
			i+1, fillerSentences[i%3], fillerSentences[(i+2)%3])
	}
	return b.String()
}

// wrap puts b inside the innermost first element of the markup s (after
// whatever that element already holds).
func wrap(b *html.Node, s string) {
	w := fragment(s)[0]
	inner := w
	for {
		var last *html.Node
		for c := inner.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom != atom.Ul {
				last = c
			}
		}
		if last == nil {
			break
		}
		inner = last
	}
	b.Parent.InsertBefore(w, b)
	b.Parent.RemoveChild(b)
	inner.AppendChild(b)
}

// headlineBlock returns the closest ancestor of b (b itself at most four
// levels up) that holds an <h1>, or b when none does: the article whose
// start an unclosed tag before it would swallow.
func headlineBlock(b *html.Node) *html.Node {
	for a, i := b, 0; a.Parent != nil && a.DataAtom != atom.Body && i <= 4; a, i = a.Parent, i+1 {
		if holdsAtom(a, atom.H1) {
			return a
		}
	}
	return b
}

func holdsAtom(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == a || holdsAtom(c, a) {
			return true
		}
	}
	return false
}

// swallow opens the element of s (an unclosed tag) before n: n and its
// later siblings move inside it, after what it holds, as the parser
// nests them when the tag is never closed.
func swallow(n *html.Node, s string) {
	w := fragment(s)[0]
	parent := n.Parent
	parent.InsertBefore(w, n)
	for c := n; c != nil; {
		next := c.NextSibling
		parent.RemoveChild(c)
		w.AppendChild(c)
		c = next
	}
}

// insertBefore inserts the nodes of s before ref.
func insertBefore(ref *html.Node, s string) {
	for _, n := range fragment(s) {
		ref.Parent.InsertBefore(n, ref)
	}
}

// nthParagraph returns b's k-th <p> child (1-based), or its last.
func nthParagraph(b *html.Node, k int) *html.Node {
	var last *html.Node
	for c := b.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P {
			last = c
			if k--; k == 0 {
				break
			}
		}
	}
	return last
}

func countParagraphs(b *html.Node) int {
	n := 0
	for c := b.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P {
			n++
		}
	}
	return n
}

// renderNode returns n as HTML.
func renderNode(n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		return ""
	}
	return b.String()
}

// withoutNoscript removes the <noscript> elements of the markup s (the
// fallback images of lazy loading), which cannot nest in a copy of the
// body inside a <noscript>: the first </noscript> would end the copy.
func withoutNoscript(s string) string {
	for {
		i := strings.Index(s, "<noscript>")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "</noscript>")
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+j+len("</noscript>"):]
	}
}

// linkLead rewrites the first paragraph's text so that three words in
// four are inside links (to other pages), in their order.
func linkLead(b *html.Node) {
	p := nthParagraph(b, 1)
	words := strings.Fields(textOf(p))
	for p.FirstChild != nil {
		p.RemoveChild(p.FirstChild)
	}
	for i := 0; i < len(words); i += 4 {
		end := min(i+3, len(words))
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: fmt.Sprintf("/topic/%d", i)}}}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: strings.Join(words[i:end], " ")})
		p.AppendChild(a)
		rest := " "
		if end < len(words) {
			rest = " " + strings.Join(words[end:min(i+4, len(words))], " ") + " "
		}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: rest})
	}
}

// textOf returns n's text.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// unwrapParagraphs replaces each <p> child of b by its children and two
// <br>.
func unwrapParagraphs(b *html.Node) {
	for c := b.FirstChild; c != nil; {
		next := c.NextSibling
		if c.DataAtom == atom.P {
			for k := c.FirstChild; k != nil; k = c.FirstChild {
				c.RemoveChild(k)
				b.InsertBefore(k, c)
			}
			for i := 0; i < 2; i++ {
				b.InsertBefore(&html.Node{Type: html.ElementNode, Data: "br", DataAtom: atom.Br}, c)
			}
			b.RemoveChild(c)
		}
		c = next
	}
}

// hideForHydration moves b into <div hidden id="S:0"> at the end of the
// document's <body>, leaves a <template id="B:0"> where it was and adds
// the script that would move it back (React's streaming rendering).
func hideForHydration(b *html.Node) {
	body := b.Parent
	for body.Parent != nil && body.DataAtom != atom.Body {
		body = body.Parent
	}
	insertBefore(b, `<template id="B:0"></template><p class="loading">Loading…</p>`)
	b.Parent.RemoveChild(b)
	h := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div, Attr: []html.Attribute{{Key: "hidden"}, {Key: "id", Val: "S:0"}}}
	h.AppendChild(b)
	body.AppendChild(h)
	for _, n := range fragment(`<script>$RC("B:0","S:0")</script>`) {
		body.AppendChild(n)
	}
}

// knownPerturbation reports whether name is a perturbation.
func knownPerturbation(name string) bool {
	for _, pt := range perturbations {
		if pt.Name == name {
			return true
		}
	}
	return false
}

// selectPerturbations returns the perturbations named in kinds, all when
// kinds is empty.
func selectPerturbations(kinds []string) []perturbation {
	if len(kinds) == 0 {
		return perturbations
	}
	var out []perturbation
	for _, pt := range perturbations {
		for _, k := range kinds {
			if pt.Name == k {
				out = append(out, pt)
			}
		}
	}
	return out
}
