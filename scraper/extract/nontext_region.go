package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// headRegionShare is the share of a page's text (in words) that
// the smallest element around its <h1> must hold for the text outside
// that element to go (keepHeadRegion).
const headRegionShare = 0.75

// productRegionShare is headRegionShare on a product page: a half. A
// shop prints its buy box's widgets (delivery choices, other sellers'
// offers, instalments, a count of baskets) beside the product's box,
// which then holds under three quarters of the words; the product's own
// parts outside that box stay by their headings or tabs (ownParts). On
// the tuning half a half moved 0615 +0.244 and, with an accordion's
// part titles read as headings, 0604 +0.049; ex31sh.
const productRegionShare = 0.5

// headRegionMinWords is the fewest words keepHeadRegion leaves: below
// it the blocks stay as they are.
const headRegionMinWords = 50

// headRegionTypes are the page types whose text keepHeadRegion cuts to
// the region around the <h1>. A manual's page prints its heading and its
// text in one container, a listing its heading and its grid, as a shop
// does its product, and the site's banners, menus and rails beside them
// (ex30wo). Not a service page, whose sections often stand apart from a
// hero that holds the <h1> (ex29rg: mixed on both halves), nor a
// collection's (no page moved) or a forum's (its thread has its own cut).
var headRegionTypes = map[string]bool{
	corpus.PageTypeProduct:       true,
	corpus.PageTypeDocumentation: true,
	corpus.PageTypeListing:       true,
}

// headPlace is where a block stands against the ancestors of the page's
// <h1>: level is how far above the heading the first of them it meets
// stands (-1: the block has no place in the page), branch the element
// below that ancestor that holds the block, inTab whether the block sits
// in a tab panel.
type headPlace struct {
	level  int
	branch *html.Node
	inTab  bool
}

// keepHeadRegion keeps, of a page's blocks (a product's; a manual's
// and a listing's, headRegionTypes), those inside the
// smallest element around the page's first <h1> that holds
// headRegionShare of the text's words or more (productRegionShare on a
// product's page): a shop lays a product out
// in one container, its name, buy box and description, and prints the
// site's other regions (a brand message, a newsletter box, delivery
// options, the rails of other products) beside it, outside. When the
// smallest such element is <body> or above, the heading cuts nothing; a block with no place in the page (a description its
// data gives) stays. So do the product's own parts outside that element,
// a tab panel or a section a heading names as one (ownParts): a
// two-column shop puts the gallery, name and buy box in one column and
// the description and specifications below, and a buy box full of
// bullets can hold three quarters of the words (review29rg). When the
// <h1> gives no cut (it is the site's logo in the header, or the page
// has none), the page's <main> landmark is the anchor in its place: the
// region the page declares its own (ex30wo). The walk is linear: each
// block climbs to the first of the anchor's ancestors it meets.
func (p *page) keepHeadRegion(bs []block, pageType string) []block {
	if len(bs) == 0 {
		return bs
	}
	wide := pageType != corpus.PageTypeProduct
	if at := p.headlineAt(); at >= 0 {
		if out, ok := p.keepRegionOf(bs, p.x.nodes[at], wide); ok {
			return out
		}
	}
	if _, n := p.x.firstMain(); n != nil {
		out, _ := p.keepRegionOf(bs, n, wide)
		return out
	}
	return bs
}

// keepRegionOf keeps the blocks inside the smallest element around
// anchor that holds headRegionShare of their words (productRegionShare
// when wide is false: a product's page; keepHeadRegion);
// ok is false, and bs comes back whole, when there is no such element
// short of the page's frame. wide (a manual's or a listing's page, not a
// product's) keeps more outside the region: the sections another <h1>
// opens (ownParts) and the items shaped as the region's own
// (repeatedShapes).
func (p *page) keepRegionOf(bs []block, anchor *html.Node, wide bool) (kept []block, ok bool) {
	chain, places := p.headPlaces(bs, anchor)
	top := len(chain)
	words := make([]int, top+1)
	all := 0
	for i, b := range bs {
		w := countWords(b.text)
		all += w
		words[max(places[i].level, 0)] += w
	}
	share := headRegionShare
	if !wide {
		share = productRegionShare
	}
	cut, sum := regionLevel(words, all, share)
	if cut < 0 || cut >= top || isPageFrame(chain[cut]) || sum < headRegionMinWords {
		return bs, false
	}
	// Another <h1> only when the anchor is one: under the <main> landmark,
	// the <h1> outside is the one that gave no cut, often the site's logo.
	own := p.ownParts(bs, places, cut, wide && anchor.DataAtom == atom.H1)
	var shapes map[shape]int
	if wide {
		shapes = p.repeatedShapes(bs, places, cut)
	}
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		n := p.blockNode(b)
		if places[i].level <= cut || places[i].inTab || inOwnPart(n, own) || isRepeated(n, shapes) {
			out = append(out, b)
		}
	}
	return out, true
}

// regionLevel returns the first level whose words, summed from the
// heading up, reach share of all, and that sum.
func regionLevel(words []int, all int, share float64) (int, int) {
	sum := 0
	for l := range words {
		if sum += words[l]; float64(sum) >= share*float64(all) {
			return l, sum
		}
	}
	return -1, sum
}

// isRepeated reports whether n, outside the region, is shaped as an item
// the region holds twice or more (repeatedShapes).
func isRepeated(n *html.Node, shapes map[shape]int) bool {
	if n == nil || len(shapes) == 0 {
		return false
	}
	s, ok := nodeShape(n)
	return ok && shapes[s] >= 2
}

// repeatedShapes counts the shapes (nodeShape) of the blocks inside the
// region (level up to cut). A shape met twice or more there is an
// item's: a listing's card, a manual's entry. The same item outside the
// region belongs with them: a second grid under its own heading, the
// cards a "load more" button appended below the first grid (review30wo).
func (p *page) repeatedShapes(bs []block, places []headPlace, cut int) map[shape]int {
	shapes := make(map[shape]int)
	for i, b := range bs {
		if n := p.blockNode(b); n != nil && places[i].level >= 0 && places[i].level <= cut {
			if s, ok := nodeShape(n); ok {
				shapes[s]++
			}
		}
	}
	return shapes
}

// shape is a node's tag with its parent's and grandparent's tags and
// classes (nodeShape); a struct, so that a map keyed by it allocates no
// string per block.
type shape struct{ tag, up, upClass, top, topClass string }

// nodeShape is what a template prints the same for each item it
// repeats, and not for a band of different markup beside them: n's tag,
// its parent's and grandparent's. Without a class on either, ok is
// false: bare wrappers match anything.
func nodeShape(n *html.Node) (s shape, ok bool) {
	s.tag = n.Data
	if a := n.Parent; a != nil && a.Type == html.ElementNode {
		s.up, s.upClass = a.Data, attr(a, "class")
		if g := a.Parent; g != nil && g.Type == html.ElementNode {
			s.top, s.topClass = g.Data, attr(g, "class")
		}
	}
	return s, s.upClass != "" || s.topClass != ""
}

// headPlaces returns the ancestors of the heading h (h first) and each
// block's place against them (headPlace).
func (p *page) headPlaces(bs []block, h *html.Node) ([]*html.Node, []headPlace) {
	level := make(map[*html.Node]int)
	var chain []*html.Node
	for n := h; n != nil && n.Type == html.ElementNode; n = n.Parent {
		level[n] = len(chain)
		chain = append(chain, n)
	}
	places := make([]headPlace, len(bs))
	for i, b := range bs {
		places[i].level = -1 // no place: always kept
		n := p.blockNode(b)
		if n == nil {
			continue
		}
		places[i].level = len(chain) // under none of them: the document
		for ; n != nil; n = n.Parent {
			if l, ok := level[n]; ok {
				places[i].level = l
				break
			}
			places[i].branch = n
			if attr(n, "role") == "tabpanel" {
				places[i].inTab = true
			}
		}
	}
	return chain, places
}

// ownParts returns the sections outside the heading's box that a
// heading naming a part of the product opens (isPartHeading): the
// description or the specifications laid out below the buy box, under a
// heading or an accordion's title of three words or fewer (a <div> or a
// <button> that names the panel it opens: "Details"); with
// h1s (keepRegionOf), also those another <h1> opens: a page with two <h1>s
// declares two parts of its own (review30wo). A
// section is the heading's first ancestor that holds more than the
// heading (a title row's wrapper holds the heading alone), below the
// branch the block joins the heading's ancestors by: not the whole
// branch, which may hold the reviews and the rails of other products.
func (p *page) ownParts(bs []block, places []headPlace, cut int, h1s bool) map[*html.Node]bool {
	own := make(map[*html.Node]bool)
	for i, b := range bs {
		n := p.blockNode(b)
		if places[i].level <= cut || n == nil {
			continue
		}
		if d := describedBy(n, places[i].branch); d != nil {
			own[d] = true
			continue
		}
		part := isPartHeading(b.text)
		if !b.heads() && !(part && countWords(b.text) <= 3) || !part && !(h1s && n.DataAtom == atom.H1) {
			continue
		}
		words := p.x.infos[b.at].text
		for n != places[i].branch && n.Parent != nil {
			n = n.Parent
			if at, ok := p.x.idx[n]; ok && p.x.infos[at].text > words {
				break
			}
		}
		own[n] = true
	}
	return own
}

// describedBy returns the element around n, up to branch, that
// schema.org's microdata marks as the product's description
// (itemprop="description", of the product's item: ofProduct): a shop's
// long text below the buy box with no heading over it (review31a), or
// nil.
func describedBy(n, branch *html.Node) *html.Node {
	for a := n; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && slices.Contains(strings.Fields(attr(a, "itemprop")), "description") && ofProduct(a) {
			return a
		}
		if a == branch {
			break
		}
	}
	return nil
}

// ofProduct reports whether the microdata item n's property belongs to
// is a product (productTypes), or n stands in no item: a review's or an
// offer's description is not the product's.
func ofProduct(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type != html.ElementNode || !hasAttr(a, "itemscope") {
			continue
		}
		return typesProduct(attr(a, "itemtype"))
	}
	return true
}

// inOwnPart reports whether n sits in one of the sections own holds.
func inOwnPart(n *html.Node, own map[*html.Node]bool) bool {
	if len(own) == 0 {
		return false
	}
	for ; n != nil; n = n.Parent {
		if own[n] {
			return true
		}
	}
	return false
}

// partHeadings are the headings, lower-cased, under which a shop prints
// a part of its product's own text (en, fr, de, es, it, nl).
var partHeadings = map[string]bool{
	"description": true, "product description": true, "details": true, "product details": true,
	"specifications": true, "specs": true, "technical specifications": true, "features": true,
	"description du produit": true, "détails": true, "caractéristiques": true, "fiche technique": true,
	"beschreibung": true, "produktbeschreibung": true, "technische daten": true, "produktdetails": true, "eigenschaften": true,
	"descripción": true, "descripción del producto": true, "detalles": true, "características": true, "especificaciones": true, "ficha técnica": true,
	"descrizione": true, "dettagli": true, "caratteristiche": true, "specifiche": true, "scheda tecnica": true,
	"beschrijving": true, "productbeschrijving": true, "specificaties": true, "kenmerken": true,
	// A product's own parts under other names: its measures, its
	// materials, its contents (review31a: with the region at half of
	// the words, each of these went). Not "About this item", "More
	// information" or "Care instructions": a large shop heads with them
	// a tab area that holds its rails and reviews too (tried: a tuning
	// product page took its rails' headings back, 0619 -0.043).
	"dimensions": true, "measurements": true, "size and fit": true, "size & fit": true, "materials": true,
	"material": true, "composition": true, "ingredients": true, "what's in the box": true, "in the box": true,
	"maße": true, "abmessungen": true, "dimensiones": true, "materiales": true, "dimensioni": true,
	"materiali": true, "afmetingen": true, "materiaal": true,
}

// isPartHeading reports whether t, a heading, is one of partHeadings,
// its case and a closing colon aside.
func isPartHeading(t string) bool {
	return len(t) <= 40 && partHeadings[strings.ToLower(strings.TrimRight(strings.TrimSpace(t), ": "))]
}

// isPageFrame reports whether n is the document's <body> or <html>,
// which hold every region of a page.
func isPageFrame(n *html.Node) bool {
	return n.DataAtom == atom.Body || n.DataAtom == atom.Html
}
