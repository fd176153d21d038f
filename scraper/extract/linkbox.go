package extract

import "golang.org/x/net/html"

// linkBoxHeadWords is the most words of the heading of a box of links
// inside a story ("Read also", "More on this story", "Leia também"): a
// box's label is short, a section's title can be a sentence.
const linkBoxHeadWords = 8

// headsLinkBox reports whether the last kept block, a short heading, is
// the label of a box of links inside the story whose first link, bs[i],
// is being dropped: the smallest element holding both the heading and
// that link holds neither the kept text before the heading nor the next
// unlinked text after the links. Such a box ("Read also", "Lire aussi",
// "Читайте также" over one headline or a few teaser cards) is not the
// story, and its heading, left alone, would read as the title of the
// section that follows. The test is the box's shape, not the heading's
// words, so it holds in any language; a heading whose section goes on
// in the same element (a subheading, a linked line, then its prose)
// stays.
func (x *contentExtractor) headsLinkBox(out, bs []block, i int) bool {
	h := out[len(out)-1]
	if h.kind != kindHeading || h.link >= 0.5 || numFields(h.text) > linkBoxHeadWords || i == 0 || bs[i-1].at != h.at {
		return false
	}
	box := x.commonBox(h, bs[i])
	if box == nil {
		return false
	}
	if len(out) > 1 && x.within(box, out[len(out)-2].at) {
		return false
	}
	for _, b := range bs[i+1:] {
		if b.link <= 0.5 {
			return !x.within(box, b.at)
		}
	}
	return true
}

// commonBox returns the smallest element, at most boxLevels levels above
// heading h, that holds where block b began; nil when none does or the
// places are not known.
func (x *contentExtractor) commonBox(h, b block) *html.Node {
	if h.at < 0 || b.at < 0 || int(h.at) >= len(x.nodes) || int(b.at) >= len(x.nodes) {
		return nil
	}
	a := x.nodes[h.at]
	for up := 0; a != nil && up < boxLevels; a, up = a.Parent, up+1 {
		if x.within(a, b.at) {
			return a
		}
	}
	return nil
}
