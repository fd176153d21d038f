package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// A story split into chunks (ex35cs): a CMS that draws a story around
// ads, photos and layout columns repeats the same markup for every chunk
// of it (the tag and class of the element holding the paragraphs,
// chunkKind). When scoring settles on the chunks' common ancestor, or
// widens to it, a next story placed after the last chunk comes with them:
// a plain heading over ten paragraphs, which neither dropOtherStories (no
// link, no dateline) nor dropNextStories (inside the block holding the
// headline) nor dropOffTopic (a split body's ancestor is not weighed)
// takes out. What a reader sees is a new heading after the story's last
// chunk over text drawn in other markup; a section of the same story is
// drawn in the chunks' markup.

// storyChunks returns the story's chunks inside top: the elements that
// hold paragraphs (a paragraph's parent, or a container of loose text)
// of the kind (chunkKind) of the holder of top's first paragraph of 80
// bytes or more (the story opens top; a byline or a caption is shorter),
// in document order, none inside another. None when top holds that
// paragraph itself. What the content walk dropped is skipped.
func (x *contentExtractor) storyChunks(top *html.Node) []*html.Node {
	first := ""
	var g []*html.Node
	for _, p := range x.paras {
		c := p.n
		if !p.self {
			c = p.n.Parent
		}
		if p.text < 25 || c == nil || !isAncestor(top, c) || x.junkUnder(top, c) {
			continue
		}
		if first == "" {
			if p.text < 80 {
				continue
			}
			if c == top {
				return nil
			}
			first = chunkKind(top, c)
		}
		if chunkKind(top, c) == first && (len(g) == 0 || g[len(g)-1] != c && !isAncestor(g[len(g)-1], c)) {
			g = append(g, c)
		}
	}
	return g
}

// chunkKind is n's tag and class, and where n has no class, those of
// its ancestors up to the first that has one (three levels at most,
// not above top): the markup a CMS repeats for each chunk of a story.
// An unclassed <div> is told by the named block it sits in.
func chunkKind(top, n *html.Node) string {
	var b strings.Builder
	for a, lvl := n, 0; a != nil && a != top && lvl < 3; a, lvl = a.Parent, lvl+1 {
		b.WriteString(a.Data)
		b.WriteByte('.')
		c := attr(a, "class")
		b.WriteString(c)
		b.WriteByte('/')
		if c != "" {
			break
		}
	}
	return b.String()
}

// junkUnder reports whether n or one of its ancestors below top was
// dropped by the content walk.
func (x *contentExtractor) junkUnder(top, n *html.Node) bool {
	for a := n; a != nil && a != top; a = a.Parent {
		if ai := x.info(a); ai == nil || ai.junk {
			return true
		}
	}
	return false
}

// dropAfterChunks drops the blocks after the last of the story's chunks
// (storyChunks, two or more) inside top that open with a heading
// (headingOpening) over a story's worth of paragraphs (ownStory) and
// hold no element of the chunks' kind: the later siblings of the last
// chunk and of each of its ancestors below top. A story's own closing
// boxes are drawn in other markup too and open with a heading ("What
// happens next", a timeline, a methodology note, a live blog's entries
// after its summary), but they are shorter than a story: at 500 bytes
// such boxes went (review35a). The chunks must hold two thirds of top's
// paragraph text outside those blocks: the story is the chunks, not a
// rail's items or a list's that open top (a page's rail before its
// story lost a fact box that way). Perturbation bench: chunks-second
// 0.768 -> 0.931, chunks3-second 0.801 -> 0.897; no page of any set
// moves (at 500 bytes one trafilatura check page lost a "without"
// snippet).
func (x *contentExtractor) dropAfterChunks(top *html.Node) {
	chunks := x.storyChunks(top)
	if len(chunks) < 2 {
		return
	}
	kind := chunkKind(top, chunks[0])
	held := 0
	for _, c := range chunks {
		held += x.info(c).para
	}
	var drop []*html.Node
	dropped := 0
	for a := chunks[len(chunks)-1]; a != top && a.Parent != nil; a = a.Parent {
		for s := a.NextSibling; s != nil; s = s.NextSibling {
			si := x.info(s)
			if s.Type != html.ElementNode || si == nil || si.junk || si.para < ownStory {
				continue
			}
			if headingOpening(s) && !holdsKind(top, s, kind) {
				drop = append(drop, s)
				dropped += si.para
			}
		}
	}
	if len(drop) == 0 || 3*held < 2*(x.info(top).para-dropped) {
		return
	}
	for _, n := range drop {
		x.drop(n, x.info(n))
	}
}

// holdsKind reports whether n or an element inside it is of kind
// (chunkKind below top): the story's own markup, a section of it.
func holdsKind(top, n *html.Node, kind string) bool {
	found := false
	walkElements(n, func(c *html.Node) bool {
		found = found || chunkKind(top, c) == kind
		return !found
	})
	return found
}
