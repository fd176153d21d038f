package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A picture in a story is drawn with labels over or beside it: its
// credit ("Image copyright Getty Images", "Photo: AP"), a count of the
// gallery behind it ("6"), a control ("Enlarge", "Play video"). The
// caption itself sits in the <figcaption>, which the content walk never
// takes; the labels sit beside the picture inside the <figure>, and only
// their class words ("copyright", "credit", "off-screen", "count") drop
// them in the content walk. Where class names are hashed (CSS modules)
// or utility classes they stayed in the story's text (issue 8: seen on
// the hashed tuning pages). What tells them is the element: a short line
// with no sentence, inside a <figure> that holds a picture, a
// <figcaption> and little other text outside it, not inside a quote, a
// table, a list or code that the figure may frame. The <figcaption> is
// required: where a figure has none, a short line beside its picture may
// be the caption itself ("The harbour at dawn"), which stays as before.

// figLabelMax is the most text a picture's label holds.
const figLabelMax = 60

// figOwnMax is the most text a <figure> holds outside its <figcaption>
// for its short lines to be a picture's labels: a figure that frames a
// passage of text is not a picture with labels.
const figOwnMax = 120

// dropFigureLabels drops the blocks of an article that are a picture's
// labels (figureLabel), unless fewer than 50 words would be left.
func (p *page) dropFigureLabels(bs []block) []block {
	var out []block
	for i, b := range bs {
		if !p.figureLabel(b) {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		if out == nil {
			out = append(make([]block, 0, len(bs)), bs[:i]...)
		}
	}
	if out == nil || blocksWords(out) < 50 {
		return bs
	}
	return out
}

// figureLabel reports whether b is a short line without a sentence whose
// element lies in a <figure> (at most six levels up) that holds a
// <figcaption> and at most figOwnMax bytes of text outside it, the line
// among them, and whose child on the way up holds a picture with the
// line: a label is drawn in the picture's own wrapper, over or beside
// it; a line set apart from the picture, a sibling of its wrapper, may
// be a standfirst set with the lead picture, a chart's figures, a photo
// essay's title, and stays. The <figcaption> must hold more text than the
// line: a figure that sets its caption beside the picture and only the
// credit in the <figcaption> ("Photo: Jane Doe") keeps its caption. A
// line in a <p> stays: a template draws a picture's labels in spans and
// divs, while a <p> in a figure is text someone wrote beside the picture
// (a standfirst set with the lead picture, a quoted post, a recipe's
// step, a statistic, a caption over a longer credit), no label.
func (p *page) figureLabel(b block) bool {
	if b.at < 0 || int(b.at) >= len(p.x.nodes) {
		return false
	}
	// The walk up comes first: most blocks lie in no figure, and it
	// allocates nothing.
	fig, child := figureAbove(p.x.nodes[b.at])
	if fig == nil {
		return false
	}
	t := cleanSpace(b.text)
	if t == "" || len(t) > figLabelMax || b.heads() || holdsSentence(t) || !holdsPicture(child) || !holdsTag(fig, 0, atom.Figcaption) {
		return false
	}
	own, caption, ok := figureOwnText(fig)
	return ok && len(caption) > len(t) && strings.Contains(own, t)
}

// figureAbove returns the <figure> at most six levels above n, n
// included, and its child on the way up from n (nil when n is the
// figure), or nil when a paragraph, a quote, code, a table, a list, a
// caption or the article's own element comes first.
func figureAbove(n *html.Node) (fig, child *html.Node) {
	for up := 0; n != nil && up < 6; up, child, n = up+1, n, n.Parent {
		switch n.DataAtom {
		case atom.Figure:
			if child == nil {
				return nil, nil
			}
			return n, child
		case atom.P, atom.Blockquote, atom.Q, atom.Pre, atom.Code, atom.Table, atom.Ul, atom.Ol, atom.Dl,
			atom.Figcaption, atom.Article, atom.Main, atom.Body:
			return nil, nil
		}
	}
	return nil, nil
}

// figureOwnText returns the text of fig outside its <figcaption>
// children and the text inside them; ok is false when the text outside
// is longer than figOwnMax.
func figureOwnText(fig *html.Node) (own, caption string, ok bool) {
	var b, c strings.Builder
	for n := fig.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Figcaption {
			nodeText(&c, n)
			c.WriteByte(' ')
			continue
		}
		if !boundedText(&b, n, figOwnMax*4+64) {
			return "", "", false
		}
		b.WriteByte(' ')
	}
	own = cleanSpace(b.String())
	return own, cleanSpace(c.String()), len(own) <= figOwnMax
}

// holdsPicture reports whether n holds a picture: an <img>, <picture>,
// <video> or <amp-img>, or an element that a script fills with one
// (lazy loading: a data-src or data-srcset attribute).
func holdsPicture(n *html.Node) bool {
	found := false
	walkElements(n, func(c *html.Node) bool {
		switch {
		case c.DataAtom == atom.Img, c.DataAtom == atom.Picture, c.DataAtom == atom.Video, c.DataAtom == 0 && c.Data == "amp-img":
			found = true
		case hasAttr(c, "data-src"), hasAttr(c, "data-srcset"):
			found = true
		}
		return !found
	})
	return found
}
