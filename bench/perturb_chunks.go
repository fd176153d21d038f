package main

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// chunkPerturbations make the wrong-container failure of the check
// halves (a region with a fifth of the story and much else chosen: P
// near 0.6, R near 0.25): the story split in four chunks, each two
// layout levels deep with a figure between (as CMSs draw a story in
// companion columns around ads and photos), beside a long text that
// outweighs any one chunk: a gallery of captions, a comment thread, a
// second story, a link-free text about the site.
var chunkPerturbations = []perturbation{
	{"chunks-deep", "four chunks, each inside two layout <div>s, a captioned figure between", func(b *html.Node) {
		chunkBody(b, 4)
	}},
	{"chunks-gallery", "the same, then a gallery of twelve photos captioned in paragraphs after the last chunk", func(b *html.Node) {
		insertAfter(chunkBody(b, 4), captionGallery(12))
	}},
	{"chunks-comments", "the same, then twelve readers' comments in unnamed blocks after the last chunk", func(b *html.Node) {
		insertAfter(chunkBody(b, 4), `<div class="thread"><h3>12 responses</h3>`+fillerBlocks(12, "c-item")+`</div>`)
	}},
	{"chunks-second", "the same, then a second story (a heading over ten paragraphs) after the last chunk", func(b *html.Node) {
		insertAfter(chunkBody(b, 4), secondStory("div", "<h2>Another story</h2>"))
	}},
	{"chunks3-deep", "four chunks, each three layout levels deep (section, row, column), a captioned figure between", func(b *html.Node) {
		chunkBodyIn(b, 4, chunkWrap3)
	}},
	{"chunks3-gallery", "the same, then the gallery of twelve captioned photos after the last chunk", func(b *html.Node) {
		insertAfter(chunkBodyIn(b, 4, chunkWrap3), captionGallery(12))
	}},
	{"chunks3-gallery-in", "the same, the gallery inside the first chunk's column after its text", func(b *html.Node) {
		chunkBodyIn(b, 4, chunkWrap3)
		insertAfter(b, captionGallery(12))
	}},
	{"chunks3-second", "the same, then a second story after the last chunk", func(b *html.Node) {
		insertAfter(chunkBodyIn(b, 4, chunkWrap3), secondStory("div", "<h2>Another story</h2>"))
	}},
	{"chunks3-comments", "the same, then twelve readers' comments after the last chunk", func(b *html.Node) {
		insertAfter(chunkBodyIn(b, 4, chunkWrap3), `<div class="thread"><h3>12 responses</h3>`+fillerBlocks(12, "c-item")+`</div>`)
	}},
	{"chunks-about", "the same, then a link-free text of eight paragraphs about the site after the chunks' parent", func(b *html.Node) {
		last := chunkBody(b, 4)
		insertAfter(last.Parent, `<div class="site-info">`+strings.ReplaceAll(fillerBlocks(8, "x"), `<div class="x">`, "<div>")+`</div>`)
	}},
}

// chunkWrap is the layout around each chunk of the story.
const chunkWrap = `<div class="layout-col"><div class="col-inner"></div></div>`

// chunkWrap3 is a deeper layout: a section, a row, a column.
const chunkWrap3 = `<section class="story-section"><div class="row"><div class="col"></div></div></section>`

// chunkBody is chunkBodyIn with chunkWrap.
func chunkBody(b *html.Node, k int) *html.Node { return chunkBodyIn(b, k, chunkWrap) }

// chunkBodyIn cuts b's children into k parts at its paragraphs: b keeps
// the first, each later one moves into a copy of b (tag and class); each
// part goes inside the innermost element of its own copy of the markup
// wrapper, a captioned figure between. It returns the last part's outer
// wrapper.
func chunkBodyIn(b *html.Node, k int, wrapper string) *html.Node {
	kids, ps := bodyParts(b)
	wrap(b, wrapper)
	ref := b
	for ref.Parent.Type == html.ElementNode && ref.Parent.FirstChild == ref.Parent.LastChild {
		ref = ref.Parent
	}
	for part := 1; part < k; part++ {
		from, to := partRange(ps, len(kids), part, k)
		ref = insertAfter(ref, `<figure class="inline-figure"><img src="f.jpg"><figcaption>A photo</figcaption></figure>`)
		w := fragment(wrapper)[0]
		inner := w
		for inner.FirstChild != nil {
			inner = inner.FirstChild
		}
		nb := &html.Node{Type: html.ElementNode, Data: b.Data, DataAtom: b.DataAtom, Attr: append([]html.Attribute(nil), b.Attr...)}
		inner.AppendChild(nb)
		ref.Parent.InsertBefore(w, ref.NextSibling)
		ref = w
		moveNodes(kids[from:to], b, nb)
	}
	return ref
}

// captionGallery returns n photos, each captioned by a paragraph of two
// sentences, in a <div> whose class does not name a gallery.
func captionGallery(n int) string {
	var b strings.Builder
	b.WriteString(`<div class="media-strip">`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<div class="slide"><img src="s%d.jpg"><div class="slide-text"><p>%s %s</p></div></div>`,
			i, fillerSentences[i%3], fillerSentences[(i+1)%3])
	}
	return b.String() + "</div>"
}
