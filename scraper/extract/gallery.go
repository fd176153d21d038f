package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A gallery told by its shape (ex33ga). A photo gallery after a story,
// or inside one of its chunks, captions each picture in a paragraph of its
// own: a dozen captions of two sentences hold more paragraph text than a
// short story split into chunks by ads, and the story's container, or the
// ancestor holding the chunks, takes them in. The class-word rule
// (mediaWords, insert) needs the words "gallery" or "slideshow"; pages
// whose classes name a strip, a slide or nothing at all (hashed CSS
// modules) need the shape: a run of three or more like siblings (one tag
// and class), each an image with a short caption (captionSlide), that
// holds nearly all of its parent's text. Like a named gallery it leaves
// the text only when an ancestor close above it holds prose of its own
// outside it (amidProse): a gallery page, a photo essay whose captions are
// the story, keeps its captions.

// Bounds of a caption slide.
const (
	slideText   = 400 // non-space bytes of caption at most: two sentences, a credit
	slideBlocks = 2   // paragraphs of caption at most
	minSlides   = 3   // captioned slides in a gallery at least
	galleryPara = 600 // paragraph bytes a gallery must hold to be weighed
)

// captionGallery reports whether n is a run of captioned pictures: three
// or more element children of one tag and class that are each a
// captionSlide with text, holding nine tenths of n's text or more.
func (x *contentExtractor) captionGallery(n *html.Node, in *nodeInfo) bool {
	if in.para < galleryPara || in.link*5 > in.text || x.inStoryFlow(n, in) {
		return false
	}
	var first *html.Node
	slides, text := 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		ci := x.info(c)
		if c.Type != html.ElementNode || ci == nil || ci.junk || ci.text == 0 {
			continue
		}
		if first != nil && !sameKind(c, first) || !x.captionSlide(c, ci) {
			continue
		}
		if first == nil {
			first = c
		}
		slides++
		text += ci.text
	}
	return slides >= minSlides && text*10 >= in.text*9
}

// inStoryFlow reports whether a run of pictures is written into the
// story itself rather than set beside it (review33a): an ordered list
// (a recipe's or a how-to's steps, each a photo and a sentence), or a
// run whose own siblings are the story's paragraphs (500 bytes and a
// fifth of the run's: pictured moments listed after the story, steps
// after a recipe's introduction). A gallery that is an insert sits in a
// block of its own beside the story's chunks. Headings beside the run
// are not counted: the perturbation bench lost 4-5 pages a kind to them.
func (x *contentExtractor) inStoryFlow(n *html.Node, in *nodeInfo) bool {
	if n.DataAtom == atom.Ol || n.Parent == nil {
		return n.DataAtom == atom.Ol
	}
	if numberedSteps(n) {
		return true
	}
	prose := 0
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if ci := x.info(c); c != n && c.DataAtom == atom.P && ci != nil && !ci.junk {
			prose += ci.para
		}
	}
	return prose >= 500 && prose*5 >= in.para
}

// numberedSteps reports whether the captions of n's element children
// open with the numbers 1, 2, 3 in order ("1.", "Step 2:", "3)"), three
// or more: a how-to's steps written as photos, which are the story even
// when the rest of it sits in the layout cells around (cellProse), as an
// ordered list's are (review36e). A gallery's counter ("1 of 12") is not
// a step's number.
func numberedSteps(n *html.Node) bool {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if stepNumber(firstBlockText(c)) != k+1 {
			return false
		}
		k++
	}
	return k >= minSlides
}

// stepNumber returns the number that opens t, alone or after one word
// ("Step 3."), when a period, colon or parenthesis follows it; 0 if none.
func stepNumber(t string) int {
	if i := strings.IndexByte(t, ' '); i > 0 && i+1 < len(t) && '0' <= t[i+1] && t[i+1] <= '9' && strings.IndexFunc(t[:i], unicode.IsDigit) < 0 {
		t = t[i+1:]
	}
	j, v := 0, 0
	for j < len(t) && j < 3 && t[j] >= '0' && t[j] <= '9' {
		v = 10*v + int(t[j]-'0')
		j++
	}
	if j == 0 || j >= len(t) || !strings.ContainsRune(".:)", rune(t[j])) {
		return 0
	}
	return v
}

// captionSlide reports whether s is one picture and its caption: an image
// below it (two at most), no heading (a listicle's item or a teaser card
// is headed), at most slideText bytes of text in slideBlocks paragraphs or
// fewer, a fifth of it linked at most (a credit's link).
func (x *contentExtractor) captionSlide(s *html.Node, si *nodeInfo) bool {
	if si.text > slideText || si.link*5 > si.text {
		return false
	}
	imgs, blocks := 0, 0
	ok := walkUntil(s, func(c *html.Node) bool {
		switch {
		case c.DataAtom == atom.Img || c.DataAtom == atom.Picture:
			imgs++
		case isHeading(c.DataAtom):
			return false
		case c.DataAtom == atom.P:
			blocks++
		}
		return imgs <= 2 && blocks <= slideBlocks
	})
	return ok && imgs > 0 && endsSentence(firstBlockText(s))
}

// firstBlockText returns the text of the block holding s's first words:
// a caption opens with its sentence, a card with its title.
func firstBlockText(s *html.Node) string {
	t := firstText(s)
	if t == nil {
		return ""
	}
	b := t.Parent
	for b != s && classifyTag(b.DataAtom) == tagInline {
		b = b.Parent
	}
	return strings.TrimSpace(textOf(b))
}

// firstText returns the first text node below n holding more than
// spaces, outside elements never read as text.
func firstText(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return c
		case c.Type == html.ElementNode && classifyTag(c.DataAtom) != tagSkip:
			if t := firstText(c); t != nil {
				return t
			}
		}
	}
	return nil
}

// walkUntil calls f on every element below n (not n), depth first,
// skipping what a <picture> holds, and stops at the first false.
func walkUntil(n *html.Node, f func(*html.Node) bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if !f(c) {
			return false
		}
		if c.DataAtom != atom.Picture && !walkUntil(c, f) {
			return false
		}
	}
	return true
}

// galleryAmidProse is amidProse for a gallery told by its shape, which
// also looks past the closest larger ancestor when that holds too little
// prose: a gallery set in the column of a story's first chunk sits beside
// that chunk alone, and the story goes on in the chunk's twins (elements
// of its tag and class) in the layout around (chunkProse), once the story
// has begun before the gallery (storyStart).
func (x *contentExtractor) galleryAmidProse(n *html.Node, in *nodeInfo) bool {
	amid := x.amidProse(n, in)
	if !amid && !x.chunksBeside(n, in) {
		return false
	}
	before := x.proseBeforeIn(n, layoutUp(n, 5))
	if !amid && before < storyStart {
		return false // the chunks do not go on a story begun before the gallery
	}
	return before >= essayIntro || !x.captionsNameHeadline(n)
}

// chunksBeside reports whether the story's text stands in the twins of
// the element beside the gallery n (chunkProse): a thousand bytes or
// more, a fifth of the gallery's region's paragraphs or more. Told
// before it, the story goes on around the gallery (galleryAmidProse,
// storyStart).
func (x *contentExtractor) chunksBeside(n *html.Node, in *nodeInfo) bool {
	other := x.chunkProse(n, in)
	return other >= 1000 && other*5 >= in.para
}

// essayIntro is the paragraph text (non-space bytes) of a photo essay's
// introduction before its pictures: none, or a sentence or two ("Our
// photographer spent the winter on the north quay ..."). A gallery set
// after so little of a story, or before it, is the page's photo essay
// when its captions name the headline's subject (captionsNameHeadline),
// whatever text follows it.
const essayIntro = 200

// captionsNameHeadline reports whether the captions of the gallery n name
// half the subject of the page's headline (the first <h1>, above n):
// its topic words, three or more (headlineTopic, weighed by the page's
// <p> elements: the paragraph counts of pageDF are not taken yet when a
// gallery is weighed). A photo essay's pictures show what its headline
// names; a gallery inserted into a story shows other news, or the place
// from other sides, and names less of it.
func (x *contentExtractor) captionsNameHeadline(n *html.Node) bool {
	if len(x.h1s) == 0 || x.h1s[0] >= x.idx[n] {
		return false
	}
	df, docs := make(map[string]int, 256), 0
	for _, p := range x.nodes {
		if p.DataAtom == atom.P && x.info(p).text >= 25 {
			docs++
			for w := range contentWords(textOf(p), nil) {
				df[w]++
			}
		}
	}
	topic := headlineTopic(textOf(x.nodes[x.h1s[0]]), df, docs)
	return len(topic) >= 3 && topicShare(contentWords(textOf(n), nil), topic) >= 0.5
}

// storyStart is the paragraph text (non-space bytes) a story has told
// before a gallery set in its layout is an insert: a sentence or more.
// A photo essay drawn in page-builder cells opens with its pictures and
// closes with its text in a twin cell: that text does not surround the
// gallery, and the captions stay (review36e's photo essay, about 1300
// bytes of closing text). A story's gallery comes after its first
// chunk's text; a photo essay may open with a sentence of introduction
// too, and is then told by its captions' words (essayIntro). A story
// whose first chunk is only a picture loses its story instead.
const storyStart = 40

// chunkProse returns the most paragraph text that the twins of one
// element beside n hold: the elements of a named tag and class in the
// closest ancestor of n holding more paragraph text than n, summed under
// that ancestor's own ancestor three layout levels up (layoutUp,
// kindProse). The layout cells holding n count too (cellProse): a story
// whose chunks are unnamed goes on in the twins of the column, row or
// section that holds its first chunk and the gallery.
func (x *contentExtractor) chunkProse(n *html.Node, in *nodeInfo) int {
	a := n.Parent
	for i := 0; a != nil && i < 4 && a.DataAtom != atom.Body; a, i = a.Parent, i+1 {
		if ai := x.info(a); ai == nil || ai.para > in.para+in.para/20 {
			break
		}
	}
	if a == nil || a.DataAtom == atom.Body || x.info(a) == nil {
		return 0
	}
	scope := layoutUp(a, 3)
	best := x.cellProse(scope, a)
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		ci := x.info(c)
		if c.Type != html.ElementNode || ci == nil || ci.junk || ci.para == 0 || attr(c, "class") == "" || c == n || isAncestor(c, n) {
			continue
		}
		best = max(best, x.kindProse(scope, c, twinLevels))
	}
	return best
}

// cellProse returns the most paragraph text that the twins of a or of
// one of its ancestors below scope hold, each named by a class, itself
// not counted: a page builder repeats one section, row and column for
// every chunk of a story, and a gallery set in the first chunk's column
// has the rest of the story in that column's twins.
func (x *contentExtractor) cellProse(scope, a *html.Node) int {
	best := 0
	for c := a; c != nil && c != scope; c = c.Parent {
		ci := x.info(c)
		if ci == nil || attr(c, "class") == "" {
			continue
		}
		sum := x.kindProse(scope, c, twinLevels)
		if ci.link*4 < ci.text {
			sum -= ci.para
		}
		best = max(best, sum)
	}
	return best
}

// layoutUp returns the ancestor of a k levels up, below <body>: a step
// from an element that is its parent's only element child is not
// counted (a wrapper holding nothing else adds depth, not layout), and
// 2k steps are taken at most. A CMS that wraps a story's first chunk in
// a section, a row and a column, each alone in the one above, sets the
// later chunks' layout beside the outermost wrapper.
func layoutUp(a *html.Node, k int) *html.Node {
	for i, lvl := 0, 0; lvl < k && i < 2*k && a.Parent != nil && a.Parent.DataAtom != atom.Body; i++ {
		if onlyElementChild(a.Parent) != a {
			lvl++
		}
		a = a.Parent
	}
	return a
}

// amidProse reports whether the closest ancestor of n (four levels up at
// most) that holds more paragraph text than n holds prose of its own
// outside it: 1000 bytes or more and a fifth of n's, comments not counted.
func (x *contentExtractor) amidProse(n *html.Node, in *nodeInfo) bool {
	for a, i := n.Parent, 0; a != nil && i < 4 && a.DataAtom != atom.Body; a, i = a.Parent, i+1 {
		ai := x.info(a)
		if ai == nil {
			return false
		}
		if ai.para <= in.para+in.para/20 {
			continue
		}
		other := ai.para - in.para - x.commentPara(a)
		return other >= 1000 && other*5 >= in.para
	}
	return false
}
