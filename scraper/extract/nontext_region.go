package extract

import "golang.org/x/net/html"

// headRegionShare is the share of a page's text (in words) that
// the smallest element around its <h1> must hold for the text outside
// that element to go (keepHeadRegion).
const headRegionShare = 0.75

// headRegionMinWords is the fewest words keepHeadRegion leaves: below
// it the blocks stay as they are.
const headRegionMinWords = 50

// keepHeadRegion keeps, of a product page's blocks, those inside the
// smallest element around the page's first <h1> that holds
// headRegionShare of the text's words or more: a shop lays a product out
// in one container, its name, buy box and description, and prints the
// site's other regions (a brand message, a newsletter box, a footer in
// prose, the rails of other products) beside it, outside. When the
// smallest such element is <body> or above, or a page has no <h1>,
// nothing goes; a block with no place in the page (a description its
// data gives) stays. The walk is linear: each block climbs to the first
// of the heading's ancestors it meets.
func (p *page) keepHeadRegion(bs []block) []block {
	at := p.headlineAt()
	if at < 0 || len(bs) == 0 {
		return bs
	}
	// level[n] is how far ancestor n is above the <h1> (0: the <h1>).
	level := make(map[*html.Node]int)
	var chain []*html.Node
	for n := p.x.nodes[at]; n != nil && n.Type == html.ElementNode; n = n.Parent {
		level[n] = len(chain)
		chain = append(chain, n)
	}
	top := len(chain) // a block under no ancestor of the heading: the document
	levels := make([]int, len(bs))
	words := make([]int, top+1)
	all := 0
	for i, b := range bs {
		levels[i] = -1 // no place: always kept
		if n := p.blockNode(b); n != nil {
			levels[i] = top
			for ; n != nil; n = n.Parent {
				if l, ok := level[n]; ok {
					levels[i] = l
					break
				}
			}
		}
		w := countWords(b.text)
		all += w
		words[max(levels[i], 0)] += w
	}
	cut, sum := -1, 0
	for l := 0; l <= top; l++ {
		if sum += words[l]; float64(sum) >= headRegionShare*float64(all) {
			cut = l
			break
		}
	}
	if cut < 0 || cut >= top || isPageFrame(chain[cut]) || sum < headRegionMinWords {
		return bs
	}
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		if levels[i] <= cut {
			out = append(out, b)
		}
	}
	return out
}

// isPageFrame reports whether n is the document's <body> or <html>,
// which hold every region of a page.
func isPageFrame(n *html.Node) bool {
	return n.Data == "body" || n.Data == "html"
}
