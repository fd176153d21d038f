package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/bench/score"
	"golang.org/x/net/html"
)

// perturbPageHTML is a page whose body holds eight paragraphs.
const perturbPageHTML = `<html><body><div class="nav"><a href="/">Home</a></div>
<article><h1>Title</h1><div class="story-body">
<p>One one one.</p><p>Two two two.</p><p>Three three three.</p><p>Four four four.</p>
<p>Five five five.</p><p>Six six six.</p><p>Seven seven seven.</p><p>Eight eight eight.</p>
</div></article></body></html>`

// TestPerturbationsKeepBody: every perturbation keeps the body's words in
// order (the reference stays right, what is added goes between or after)
// and finds the body element.
func TestPerturbationsKeepBody(t *testing.T) {
	want := "One one one. Two two two. Three three three. Four four four. Five five five. Six six six. Seven seven seven. Eight eight eight."
	for _, pt := range perturbations {
		t.Run(pt.Name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(perturbPageHTML))
			if err != nil {
				t.Fatal(err)
			}
			b := bodyElement(doc)
			if b == nil || attrOf(b, "class") != "story-body" {
				t.Fatalf("body element: got %v, want div.story-body", b)
			}
			pt.Apply(b)
			var buf bytes.Buffer
			if err := html.Render(&buf, doc); err != nil {
				t.Fatal(err)
			}
			toks := score.Tokens(textOfHTML(t, buf.Bytes()))
			got := strings.Join(toks, " ")
			if !subsequence(score.Tokens(want), toks) {
				t.Errorf("page text after %s lost the body's order:\n%s", pt.Name, got)
			}
			if addsFiller[pt.Name] && !strings.Contains(got, "council") {
				t.Errorf("%s added no filler text", pt.Name)
			}
		})
	}
}

// addsFiller are the perturbations that add blocks of filler prose.
var addsFiller = map[string]bool{
	"comments-unnamed": true, "rail-prose": true, "second-story": true, "second-article": true, "second-dated": true,
	"second-linked": true, "gallery-inside": true, "comments-long": true, "next-stories-dated": true,
	"chunks-gallery": true, "chunks-comments": true, "chunks-second": true, "chunks-about": true,
}

// subsequence reports whether want's tokens appear in got in order.
func subsequence(want, got []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

// textOfHTML returns the text nodes of page, joined by spaces.
func textOfHTML(tb testing.TB, page []byte) string {
	tb.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// TestSplitBodyChunks: splitBody makes k parts, the later ones after the
// markup between them, and moves every paragraph once.
func TestSplitBodyChunks(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(perturbPageHTML))
	if err != nil {
		t.Fatal(err)
	}
	b := bodyElement(doc)
	splitBody(b, 4, "div", "chunk", `<div class="ad-slot"></div>`, true)
	var buf bytes.Buffer
	if err := html.Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if got := strings.Count(s, `<div class="row"><div class="chunk">`); got != 3 {
		t.Errorf("wrapped chunks: got %d, want 3\n%s", got, s)
	}
	if got := strings.Count(s, `<div class="ad-slot">`); got != 3 {
		t.Errorf("ad slots: got %d, want 3", got)
	}
	if got := strings.Count(s, "<p>"); got != 8 {
		t.Errorf("paragraphs: got %d, want 8", got)
	}
}

func TestParsePerturbFlags(t *testing.T) {
	var stderr bytes.Buffer
	if _, err := parsePerturbFlags([]string{"-sets", "page-types"}, &stderr); err == nil {
		t.Error("-sets page-types: no error, want one (no article bodies)")
	}
	o, err := parsePerturbFlags([]string{"-only", "archivist", "-drop", "0.2"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Sets) != 2 || o.Drop != 0.2 || len(o.Only) != 1 {
		t.Errorf("options: got %+v", o)
	}
}

// TestWebPerturbationShapes: each shape of a real page is where it should
// be in the perturbed page.
func TestWebPerturbationShapes(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"wrap-widget", []string{`<section class="widget widget_text"><div class="textwidget"><div class="story-body">`}},
		{"unclosed-aside", []string{`<aside class="sidebar"><ul><li><a href="/a">Most read</a></li><li><a href="/b">Podcasts</a></li></ul><article><h1>Title</h1>`}},
		{"table-cell", []string{`<td class="main"><div class="story-body">`}},
		{"lead-links", []string{`<p><a href="/topic/0">One one one.</a> </p>`}},
		{"br-text", []string{`<div class="story-body">`, `One one one.<br/><br/>`}},
		{"hydration-hidden", []string{`<template id="B:0"></template>`, `<div hidden="" id="S:0"><div class="story-body">`, `$RC(`}},
		{"noscript-copy", []string{`</div><noscript><div class="story-body">`}},
		{"paywall-teaser", []string{`<div class="article-teaser"><p>One one one.</p><p>Two two two.</p></div><div class="story-body">`}},
		{"header-article", []string{`</header></article><div class="story-body">`}},
		{"split-newsletter", []string{`<div class="newsletter-signup">`}},
		{"next-stories", []string{`</article><div class="next-story"><h2>Another story</h2>`}},
		{"next-stories-parent", []string{`<div class="next-story"><h2>Another story</h2>`}},
		{"chunks-deep", []string{`<div class="layout-col"><div class="col-inner"><div class="story-body"><p>One one one.</p><p>Two two two.</p></div></div></div><figure class="inline-figure">`,
			`<figure class="inline-figure"><img src="f.jpg"/><figcaption>A photo</figcaption></figure><div class="layout-col"><div class="col-inner"><div class="story-body"><p>Seven seven seven.</p><p>Eight eight eight.</p></div></div></div></article>`}},
		{"chunks3-gallery-in", []string{`<div class="col"><div class="story-body"><p>One one one.</p><p>Two two two.</p></div><div class="media-strip"><div class="slide"><img src="s0.jpg"/>`}},
		{"chunks-about", []string{`</article><div class="site-info"><div><p>The council`}},
		{"next-stories-dated", []string{`</article><article class="next-story"><h2>Another story</h2><p class="byline">By Jane Doe</p><time datetime="2026-11-30T09:00:00Z">`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(strings.ReplaceAll(perturbPageHTML, "\n", "")))
			if err != nil {
				t.Fatal(err)
			}
			selectPerturbations([]string{tt.name})[0].Apply(bodyElement(doc))
			var buf bytes.Buffer
			if err := html.Render(&buf, doc); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("%s: no %q in\n%s", tt.name, w, buf.String())
				}
			}
		})
	}
}

// TestPiecePerturbations: each piece lands at its place in the body, and
// the reference of a story piece holds the piece's text at that place
// (the page's text, read in order, holds the adjusted reference), while
// a chrome piece leaves the reference as it was.
func TestPiecePerturbations(t *testing.T) {
	ref := "Title One one one. Two two two. Three three three. Four four four. Five five five. Six six six. Seven seven seven. Eight eight eight."
	tests := []struct {
		name  string
		want  string // markup in the perturbed page
		story string // text the reference gains; "" for chrome
	}{
		{"tweet-embed", `<p>Two two two.</p><blockquote class="twitter-tweet">`, "The bridge will stay closed"},
		{"tiktok-embed", `<p>Three three three.</p><blockquote class="tiktok-embed"`, "Water reached the top step"},
		{"pullquote-aside", `<p>Four four four.</p><aside class="pullquote"><p>“Three three three.”</p></aside><p>Five`, "Three three three"},
		{"pullquote-blockquote", `<p>Four four four.</p><blockquote class="pullquote"><p>“Three three three.”</p></blockquote>`, "Three three three"},
		{"correction-note", `<p>Eight eight eight.</p><p><em>Correction:`, "Correction An earlier version"},
		{"credit-list", `<p>Two two two.</p><ul><li>Ana Ruiz <a href="/people/ana-ruiz">`, "Tom Berg collected the river gauge readings"},
		{"kicker-related", `<p>Three three three.</p><ul class="related"><li>Local politics <a`, ""},
		{"label-related", `<p>Three three three.</p><ul><li>Also read <a`, ""},
		{"photo-caption", `<div class="story-body"><figure class="wp-block-image"><img src="photo.jpg" alt=""/><figcaption>Workers`, ""},
		{"photo-caption-p", `<div class="story-body"><div class="photo"><img src="photo.jpg" alt=""/><p class="caption">Workers`, ""},
		{"read-more", `<p>Two two two.</p><p><strong>Read more:</strong> <a href="/news/council-delays-vote">`, ""},
		{"click-here", `<p>Four four four.</p><p><a href="/subscribe">Click here</a>`, ""},
		{"newsletter-blurb", `<p>Three three three.</p><p><em><a href="/newsletters">Sign up`, ""},
		{"player-block", `<p>Two two two.</p><div class="video-player"><h3>Watch:`, ""},
		{"ad-label", `<p>Three three three.</p><div class="ad-container"><p>Advertisement</p>`, ""},
		{"author-box", `<p>Eight eight eight.</p><div class="box-wrap" itemscope`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(strings.ReplaceAll(perturbPageHTML, "\n", "")))
			if err != nil {
				t.Fatal(err)
			}
			b := bodyElement(doc)
			got := storyReference(tt.name, b, ref)
			selectPerturbations([]string{tt.name})[0].Apply(b)
			var buf bytes.Buffer
			if err := html.Render(&buf, doc); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("no %q in\n%s", tt.want, buf.String())
			}
			if tt.story == "" {
				if got != ref {
					t.Errorf("chrome piece changed the reference:\n%s", got)
				}
				return
			}
			if !strings.Contains(got, tt.story) {
				t.Errorf("reference lacks %q:\n%s", tt.story, got)
			}
			if page := score.Tokens(textOfHTML(t, buf.Bytes())); !subsequence(score.Tokens(got), page) {
				t.Errorf("reference out of the page's order:\n%s\npage:\n%s", got, strings.Join(page, " "))
			}
		})
	}
}

func TestExpectStory(t *testing.T) {
	tests := []struct {
		name, ref, anchor string
		before            bool
		story, want       string
	}{
		{"after", "a b c d e f g", "a b c d e", false, "X Y", "a b c d e X Y f g"},
		{"before", "t a b c d e f", "a b c d e", true, "X", "t X a b c d e f"},
		{"short anchor", "a b c", "b", false, "X", "a b X c"},
		{"missing after", "a b c", "q r", false, "X", "a b c X"},
		{"missing before", "a b c", "q r", true, "X", "X a b c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := expectStory(tt.ref, tt.anchor, tt.before, tt.story); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
