package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Figure captions are not content (classifyTag): most are a photo's
// description beside the story, and references leave them out. A run of
// pictured items whose captions are each a full sentence is different:
// recipe methods and how-to steps are printed as <figure><img>
// <figcaption>step</figcaption></figure>, one per step, and the captions
// are the story's text. A credit, a short label or a copy of the
// picture's alt text stays out, and so does a lone captioned photo.

// stepCaptionRun is how many captioned items in a row make a run of steps.
const stepCaptionRun = 3

// storyCaption reports whether the figcaption n is the story's text: a
// sentence caption of an item in a run of such items.
func storyCaption(n *html.Node, m essayMemo) bool {
	if n.DataAtom != atom.Figcaption {
		return false
	}
	if cardCaption(n) {
		return true
	}
	if !sentenceCaption(n) {
		return false
	}
	if essayCaption(n, m) {
		return true
	}
	it := captionItem(n.Parent)
	if it == nil {
		return false
	}
	return inRun(it, func(s *html.Node) bool { return s.DataAtom == it.DataAtom && itemHasSentenceCaption(s) })
}

// inRun reports whether the element it and the siblings beside it for
// which same holds make a run of stepCaptionRun.
func inRun(it *html.Node, same func(*html.Node) bool) bool {
	near := func(step func(*html.Node) *html.Node) int {
		k := 0
		for s := step(it); s != nil && k < stepCaptionRun-1 && same(s); s = step(s) {
			k++
		}
		return k
	}
	return 1+near(prevElementSibling)+near(nextElementSibling) >= stepCaptionRun
}

// captionItem returns the element that repeats in a run for the figure
// f: the figure itself, or the list item or block that holds only it.
func captionItem(f *html.Node) *html.Node {
	if f == nil || f.DataAtom != atom.Figure {
		return nil
	}
	p := f.Parent
	if p != nil && (p.DataAtom == atom.Li || p.DataAtom == atom.Div) && prevElementSibling(f) == nil && nextElementSibling(f) == nil {
		return p
	}
	return f
}

// itemHasSentenceCaption reports whether the run item it is a figure, or
// holds one, whose caption is a sentence.
func itemHasSentenceCaption(it *html.Node) bool {
	f := it
	if it.DataAtom != atom.Figure {
		f = onlyElementChild(it)
	}
	if f == nil || f.DataAtom != atom.Figure {
		return false
	}
	for c := f.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Figcaption {
			return sentenceCaption(c)
		}
	}
	return false
}

// onlyElementChild returns n's element child when it has just one.
func onlyElementChild(n *html.Node) *html.Node {
	var one *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if one != nil {
			return nil
		}
		one = c
	}
	return one
}

// sentenceCaption reports whether the figcaption c reads as a sentence
// of text: eight words or more, ending like a sentence, not a credit and
// not the figure's alt text again.
func sentenceCaption(c *html.Node) bool {
	t := textOf(c)
	if countWords(t) < 8 || !endsSentence(t) || creditCaption(t) {
		return false
	}
	if f := c.Parent; f != nil {
		for img := f.FirstChild; img != nil; img = img.NextSibling {
			if img.DataAtom == atom.Img && strings.EqualFold(cleanSpace(attr(img, "alt")), t) {
				return false
			}
		}
	}
	return true
}

// creditCaption reports whether t is a picture credit: it holds a
// copyright sign, or opens with a word for a picture followed by a colon,
// a slash, "by" or "courtesy" ("Photo: Ann Lee", "Image courtesy of ...").
// A step that opens with such a word as a verb ("Photograph the wires")
// is not a credit.
func creditCaption(t string) bool {
	l := strings.ToLower(t)
	if strings.Contains(l, "©") || strings.HasPrefix(l, "(c)") {
		return true
	}
	for _, w := range []string{"photos", "photo", "photograph", "image", "picture", "credit", "source"} {
		rest, ok := strings.CutPrefix(l, w)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, " ")
		for _, next := range []string{":", "/", "by ", "courtesy"} {
			if strings.HasPrefix(rest, next) {
				return true
			}
		}
	}
	return false
}

// cardCaption reports whether the figcaption n is a card's text: its
// figure is a link to another page, the caption inside the link
// (<figure><a href><img><figcaption>), and the figures beside it are
// such cards too (stepCaptionRun in a row). A portfolio's or a
// gallery's grid prints each item's name and summary so; the page is
// those items (branch ex35cm: a portfolio's text was its intro alone). A
// photo's caption is not inside a link, and a lightbox's link leads to
// the picture, not to a page.
func cardCaption(n *html.Node) bool {
	a := n.Parent
	if a == nil || a.DataAtom != atom.A || !pageLink(a) {
		return false
	}
	f := a.Parent
	if f == nil || f.DataAtom != atom.Figure {
		return false
	}
	return inRun(f, func(s *html.Node) bool { return s.DataAtom == atom.Figure && linkedCaption(s) })
}

// linkedCaption reports whether the figure f's only element child is a
// link to a page holding a figcaption.
func linkedCaption(f *html.Node) bool {
	a := onlyElementChild(f)
	if a == nil || a.DataAtom != atom.A || !pageLink(a) {
		return false
	}
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Figcaption {
			return true
		}
	}
	return false
}

// pageLink reports whether the link a leads to a page: not to an anchor
// and not to a picture (a lightbox's).
func pageLink(a *html.Node) bool {
	h := strings.ToLower(strings.TrimSpace(attr(a, "href")))
	if h == "" || strings.HasPrefix(h, "#") || strings.HasPrefix(h, "javascript:") {
		return false
	}
	h, _, _ = strings.Cut(h, "?")
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"} {
		if strings.HasSuffix(h, ext) {
			return false
		}
	}
	return true
}

// A photo essay tells its story in its captions: long ones, several of
// them, among few paragraphs. A news story's photos carry captions of a
// line or two beside many paragraphs, and those stay out.

const (
	essayCaptionWords = 20 // the words of a caption that tells, not labels
	essayCaptions     = 3  // such captions in one container
	essayClimb        = 6  // levels above the caption to look for them
)

// essayCaption reports whether the sentence caption n is a photo
// essay's text: it has essayCaptionWords words or more, and the closest
// ancestor (up to essayClimb levels) that holds essayCaptions such
// captions holds at least half as many words in them as in its
// paragraphs. m keeps each ancestor's counts for the page's other
// captions (nil: none kept): a gallery of a hundred captions would
// otherwise count its container a hundred times.
func essayCaption(n *html.Node, m essayMemo) bool {
	if countWords(textOf(n)) < essayCaptionWords {
		return false
	}
	a := n.Parent
	for k := 0; a != nil && k < essayClimb; k, a = k+1, a.Parent {
		c := m.counts(a)
		if c.caps >= essayCaptions {
			return c.capWords*2 >= c.paraWords
		}
	}
	return false
}

// essayCount is what essayCounts finds under a node.
type essayCount struct{ caps, capWords, paraWords int }

// essayMemo holds the page's essayCounts by node; the content walk
// keeps one per page (contentExtractor.essays).
type essayMemo map[*html.Node]essayCount

// counts returns essayCounts(a), computed once per node when m is not
// nil.
func (m essayMemo) counts(a *html.Node) essayCount {
	if c, ok := m[a]; ok {
		return c
	}
	var c essayCount
	c.caps, c.capWords, c.paraWords = essayCounts(a)
	if m != nil {
		m[a] = c
	}
	return c
}

// essayCounts counts, under a, the long sentence captions and their
// words, and the words of the paragraphs.
func essayCounts(a *html.Node) (caps, capWords, paraWords int) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Figcaption:
				if w := countWords(textOf(c)); w >= essayCaptionWords && sentenceCaption(c) {
					caps, capWords = caps+1, capWords+w
				}
			case atom.P:
				paraWords += countWords(textOf(c))
			default:
				walk(c)
			}
		}
	}
	walk(a)
	return caps, capWords, paraWords
}
