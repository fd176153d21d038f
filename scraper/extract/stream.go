package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Streaming server rendering (React's) sends a page's shell first, with a
// placeholder where content is still being rendered: a boundary, the
// comment <!--$?-->, a <template id="B:0"> and a fallback ("Loading…") up
// to the comment <!--/$-->, or a segment placeholder <template id="P:1">.
// The content comes later, at the end of the body, inside
// <div hidden id="S:0">, followed by a script call that moves it into
// place: $RC("B:0","S:0") replaces the boundary's fallback with the
// segment's children, $RS("S:1","P:1") puts a segment where its
// placeholder stands ($RR is $RC with style sheets). With React's external
// runtime the calls are <template data-rci data-bid data-sid> and
// <template data-rsi data-sid data-pid> instead. Read as sent, the story
// sits hidden after the footer, split from its headline, or cut in
// pieces of which only some are visible; completeStreamed does what the
// calls do, in their order, for the segments the content walk keeps as
// content, and the page is walked again (analyzePage). The calls are read
// from scripts only: an article that quotes them in its text moves
// nothing.

// streamCall matches one of the runtime's calls in a script.
var streamCall = lazyRE(`\$R([CRS])\(\s*"([^"\\]+)"\s*,\s*"([^"\\]+)"`)

// streamOp is one call: kind 'C' or 'R' (a boundary completed: a, the
// boundary's template id; b, the segment's id) or 'S' (a segment
// completed: a, the segment's id; b, the placeholder's id).
type streamOp struct {
	kind byte
	a, b string
}

// completeStreamed carries out the streaming runtime's calls found below
// root that move one of segments, and reports whether it moved anything.
// The content walk gives it the segments it kept as content (holdsContent:
// 400 bytes of paragraphs or more, under a quarter linked, no boilerplate
// name), which it would otherwise read at the end of the page. Segments it
// drops as hidden (a streamed rail of linked cards, a newsletter box, a
// menu, short pieces) stay where they are, as before: moving every
// segment, as the browser does, changed what the models that type a page
// and weigh its blocks read on streamed shop and product pages (learnt
// from pages read as sent) and cost their text (docs/BENCHMARKS.md,
// exread18).
func completeStreamed(root *html.Node, segments []*html.Node) bool {
	ids := make(map[string]*html.Node)
	var ops []streamOp
	gatherStreamed(root, ids, &ops, 0)
	moved := false
	for _, op := range ops {
		switch op.kind {
		case 'C', 'R':
			b, s := ids[op.a], ids[op.b]
			if b == nil || s == nil || !slices.Contains(segments, s) || b.Parent == nil || s.Parent == nil || s == b || isAncestor(s, b) {
				continue
			}
			fillBoundary(b, s)
			moved = true
		case 'S':
			s, p := ids[op.a], ids[op.b]
			if s == nil || p == nil || !slices.Contains(segments, s) || p.Parent == nil || s.Parent == nil || s == p || isAncestor(s, p) {
				continue
			}
			moveChildren(s, p)
			p.Parent.RemoveChild(p)
			s.Parent.RemoveChild(s)
			moved = true
		}
	}
	return moved
}

// gatherStreamed records below n the elements whose ids name boundaries,
// segments and placeholders ("B:", "S:", "P:"; the first of each id) and
// the runtime's calls in document order.
func gatherStreamed(n *html.Node, ids map[string]*html.Node, ops *[]streamOp, depth int) {
	if depth > 512 {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if id := attr(c, "id"); len(id) > 2 && id[1] == ':' && (id[0] == 'B' || id[0] == 'S' || id[0] == 'P') {
			if _, ok := ids[id]; !ok {
				ids[id] = c
			}
		}
		switch c.DataAtom {
		case atom.Script:
			if t := c.FirstChild; t != nil && t.Type == html.TextNode && strings.Contains(t.Data, "$R") {
				d := t.Data
				for _, m := range streamCall.FindAllStringSubmatchIndex(d, -1) {
					*ops = append(*ops, streamOp{d[m[2]], d[m[4]:m[5]], d[m[6]:m[7]]})
				}
			}
			continue
		case atom.Template:
			switch {
			case hasAttr(c, "data-rci") || hasAttr(c, "data-rri"):
				*ops = append(*ops, streamOp{'C', attr(c, "data-bid"), attr(c, "data-sid")})
			case hasAttr(c, "data-rsi"):
				*ops = append(*ops, streamOp{'S', attr(c, "data-sid"), attr(c, "data-pid")})
			}
		}
		gatherStreamed(c, ids, ops, depth+1)
	}
}

// fillBoundary replaces the fallback of the boundary whose template is b
// with the children of the segment s, and removes b and s. The fallback
// runs from b to the comment closing the boundary (<!--/$-->, nested
// boundaries counted) when the comment <!--$?--> opens it just before b;
// without those marks only b goes and the segment takes its place.
func fillBoundary(b, s *html.Node) {
	var end *html.Node
	if start := b.PrevSibling; start != nil && start.Type == html.CommentNode && start.Data == "$?" {
		depth := 0
	scan:
		for c := b.NextSibling; c != nil; c = c.NextSibling {
			if c.Type != html.CommentNode {
				continue
			}
			switch c.Data {
			case "/$":
				if depth == 0 {
					end = c
					break scan
				}
				depth--
			case "$", "$?", "$!":
				depth++
			}
		}
		if end != nil {
			for c := b.NextSibling; c != end; {
				next := c.NextSibling
				c.Parent.RemoveChild(c)
				c = next
			}
			start.Data = "$"
		}
	}
	moveChildren(s, b)
	b.Parent.RemoveChild(b)
	if s.Parent != nil { // nil when s stood in the fallback
		s.Parent.RemoveChild(s)
	}
}

// moveChildren moves the children of s before at, in their order.
func moveChildren(s, at *html.Node) {
	for c := s.FirstChild; c != nil; c = s.FirstChild {
		s.RemoveChild(c)
		at.Parent.InsertBefore(c, at)
	}
}
