package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sigMaxBytes is the most text (non-space bytes) a trailing line may
// hold to be read as a poster's signature (trailingSigs).
const sigMaxBytes = 300

// trailingSigs returns the spans of the posters' signatures of a thread
// whose class names say nothing (hashed or utility classes), where
// dropSignatures finds none by name. A board prints each post's body as
// two boxes, the post's text and the poster's signature after it: three
// or more posts of the thread (threadSpan) whose body is such a pair with
// the same class names, the second box short, holding no quote, and
// saying something else in each post (each poster's own line, not a bar
// of controls every post repeats), are read so. A quote and its answer
// are not such a pair: a box that holds or is a quote does not count.
// Nor is a post's header and its text: the pair's element holds none of
// the signed, dated elements the thread was read from (threadPosts),
// and over the thread the second boxes hold no more text than the first:
// a post's stamp or title box and its text are the other way round (a
// half measured as well as this bound on the tuning half, ex32fh).
func (p *page) trailingSigs() [][2]int32 {
	lo, hi, ok := p.threadSpan()
	if !ok {
		return nil
	}
	c, _ := p.threadPosts()
	marked := map[*html.Node]bool{} // the signed, dated elements and what holds them
	for _, s := range c.sigs {
		for a := s; a != nil && !marked[a]; a = a.Parent {
			marked[a] = true
		}
	}
	type pair struct {
		at  int32
		key string
	}
	var pairs []pair
	groups := map[string]int{}
	texts := map[string]map[string]bool{}
	sizes := map[string][2]int{} // the first boxes' text bytes, the second's
	for i := lo; i <= hi && int(i) < len(p.x.nodes); i++ {
		n := p.x.nodes[i]
		key, first, ok := p.sigPair(n)
		if !ok || marked[n.Parent] {
			continue
		}
		if texts[key] == nil {
			texts[key] = map[string]bool{}
		}
		pairs = append(pairs, pair{i, key})
		groups[key]++
		texts[key][textOf(n)] = true
		sz := sizes[key]
		sizes[key] = [2]int{sz[0] + first, sz[1] + p.x.infos[i].text}
	}
	var spans [][2]int32
	end := lo - 1
	for _, pr := range pairs {
		k := pr.key
		if pr.at > end && groups[k] >= 3 && len(texts[k]) >= 3 && sizes[k][1] <= sizes[k][0] {
			end = int32(p.x.subtreeEnd(int(pr.at)))
			spans = append(spans, [2]int32{pr.at, end})
		}
	}
	return spans
}

// sigPair reports whether n is the second of exactly two boxes with
// class names, not the same, in its parent, short and after a box that
// has text, neither a quote; key names the three elements' classes, and
// first is the first box's text bytes.
func (p *page) sigPair(n *html.Node) (key string, first int, ok bool) {
	if n.Type != html.ElementNode || n.Parent == nil || attr(n, "class") == "" || attr(n.Parent, "class") == "" {
		return "", 0, false
	}
	var kids []*html.Node
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.DataAtom != atom.Br:
			kids = append(kids, c)
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return "", 0, false
		}
	}
	// Two boxes styled alike are two paragraphs of the post, the short
	// second one the poster's own closing words.
	if len(kids) != 2 || kids[1] != n || attr(kids[0], "class") == "" || attr(kids[0], "class") == attr(n, "class") {
		return "", 0, false
	}
	ti, ok1 := p.x.idx[n]
	pi, ok2 := p.x.idx[kids[0]]
	if !ok1 || !ok2 {
		return "", 0, false
	}
	if t := p.x.infos[ti].text; t == 0 || t > sigMaxBytes || p.x.infos[pi].text == 0 || holdsAtom(n, atom.Blockquote) || holdsAtom(kids[0], atom.Blockquote) {
		return "", 0, false
	}
	return attr(n.Parent, "class") + "\x00" + attr(kids[0], "class") + "\x00" + attr(n, "class"), p.x.infos[pi].text, true
}
