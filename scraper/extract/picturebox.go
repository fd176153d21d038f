package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pictureBoxMaxText bounds the visible text (non-space bytes) of an
// element pictureBox looks at: a picture's caption, or a gallery's, is
// far shorter than a story.
const pictureBoxMaxText = 4000

// pictureBox reports whether n holds pictures and their captions and
// nothing more: every run of text in it of seven words or more repeats
// one of its images' alt texts (repeatsAlt), those runs hold two thirds
// of its words or more (the rest: credits, counters, "Back to gallery"),
// and it holds at most three times as many words as its alt texts (a
// caption shown in full and cut short). Galleries and figures built
// without <figure> and whose class names say nothing ("caption",
// "gallery" hashed away) otherwise put their captions above the story's
// first paragraph; a caption that repeats the picture's description is
// the page's chrome, whatever the markup. A story whose picture is
// described by its lead has other sentences, and is not a box; a box
// that holds a heading is the story's header or one of its parts (a
// headline over a picture described in the same words), and the caller
// keeps a box holding most of the page's paragraphs. A run whose first
// twelve words are the page's own summary's (summary: its description's
// words, padded with spaces) is the story's standfirst shown under its picture, not a
// caption: some publishers describe the lead picture with it.
func pictureBox(n *html.Node, summary string) bool {
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.Main, atom.Article, atom.P, atom.A:
		return false
	}
	var alts []string
	altWords := 0
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && isHeading(d.DataAtom) {
			return false
		}
		if d.Type == html.ElementNode && d.DataAtom == atom.Img {
			if w := nameWords(attr(d, "alt")); strings.Count(w, " ") >= 5 {
				alts = append(alts, " "+w+" ")
				altWords += strings.Count(w, " ") + 1
			}
		}
	}
	if len(alts) == 0 {
		return false
	}
	captions, other := captionWords(n, alts, summary)
	return captions > 0 && captions >= 2*other && captions+other <= 3*altWords
}

// captionWords counts the words of n's text runs of seven words or more
// (captions) and of the shorter ones (other); a long run that does not
// repeat one of alts (repeatsAlt), or that
// is linked, is no caption, and makes captions -1: a teaser card's
// linked title repeats its thumbnail's alt text, and the card is left
// to the teaser rules.
func captionWords(n *html.Node, alts []string, summary string) (captions, other int) {
	for d := range n.Descendants() {
		if d.Type != html.TextNode || d.Parent.DataAtom == atom.Script || d.Parent.DataAtom == atom.Style {
			continue
		}
		words := strings.Fields(nameWords(d.Data))
		if len(words) < 7 {
			other += len(words)
			continue
		}
		if inLink(d, n) {
			return -1, other // a teaser's linked title, named like its thumbnail
		}
		if strings.Contains(summary, " "+strings.Join(words[:min(len(words), 12)], " ")+" ") {
			return -1, other // the standfirst under the lead picture
		}
		if !repeatsAlt(words, alts) {
			return -1, other
		}
		captions += len(words)
	}
	return captions, other
}

// repeatsAlt reports whether the run of words repeats one of alts (each
// padded with spaces) from its sixth word on, bar a tail of three words
// at most (a credit, a cut word): a caption shown in full or cut short.
// A paragraph that opens with its picture's alt text and goes on is the
// story's (CMSs fill the alt text from the text beside the picture, and
// a photo essay's captions say more than its pictures' descriptions).
func repeatsAlt(words, alts []string) bool {
	for _, a := range alts {
		k := 0
		for k < len(words) && strings.Contains(a, " "+strings.Join(words[:k+1], " ")+" ") {
			k++
		}
		if k >= 6 && len(words)-k <= 3 {
			return true
		}
	}
	return false
}

// markPictures marks the picture boxes (pictureBox; summary as there)
// inside the article body's nodes, which the body's text leaves out. It runs once the body
// is chosen, and changes no count: a box, like any other element, has
// its say in which element is the body, so a misread box can cost a
// caption but never the story.
func (x *contentExtractor) markPictures(nodes []*html.Node, summary string) {
	for _, n := range nodes {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			x.markPicture(c, summary)
		}
	}
}

// markPicture marks n or the picture boxes below it.
func (x *contentExtractor) markPicture(n *html.Node, summary string) {
	in := x.info(n)
	if n.Type != html.ElementNode || in == nil || in.junk {
		return
	}
	if in.text >= 20 && in.text <= pictureBoxMaxText && !in.body && in.para*2 <= x.total && pictureBox(n, summary) {
		in.picture = true
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		x.markPicture(c, summary)
	}
}

// summaryWords returns the words of the page's description (og:, meta or
// JSON-LD), padded with spaces, for pictureBox.
func (p *page) summaryWords() string {
	d := firstNonEmpty(p.meta("og:description"), p.meta("description"))
	if ld := p.ldArticle(); d == "" && ld != nil {
		d = ldString(ld["description"])
	}
	return " " + nameWords(html.UnescapeString(d)) + " "
}
