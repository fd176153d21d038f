package extract

import (
	"slices"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// withTeaserTitles gives a listing whose text is the run of teasers
// found as its body (teaserFront: the text an article would get) the
// titles of those teasers that the block model keeps (withListingTitles),
// unless a net chose another text.
func (p *page) withTeaserTitles(art *corpus.Article) {
	if art.Text != p.body {
		return
	}
	kept, _, _ := p.modelKeptOf(art.PageType)
	if bs := p.withListingTitles(p.blocks, kept); len(bs) > len(p.blocks) {
		art.Text = joinBlocks(bs)
		art.WordCount = countWords(art.Text)
	}
}

// withListingTitles returns bs, a listing's article-shaped body, with
// its cards' titles put back (withCardTitles) from the block model's
// text kept (kept) without its filter panels, filter labels and sort
// menus (dropFacets, dropFilterLines, dropSortLines), which the body
// lost to the same rules: a panel's heading ("Refine") is no card's
// title.
func (p *page) withListingTitles(bs, kept []block) []block {
	return withCardTitles(bs, dropFilterLines(dropSortLines(p.dropFacets(kept))), p.bodyTail(bs))
}

// bodyTail returns the document-order index of the last node inside the
// selected element (page.sel) that holds bs's last block, -1 when none
// does. A listing's body can stop short of its container's end: the
// content walk drops the later cards as link-dense teasers, while they
// are the same list.
func (p *page) bodyTail(bs []block) int32 {
	if len(bs) == 0 {
		return -1
	}
	last := bs[len(bs)-1].at
	if last < 0 || int(last) >= len(p.x.nodes) {
		return -1
	}
	for _, s := range p.sel {
		if i, ok := p.x.idx[s]; ok && p.x.within(s, last) {
			return int32(p.x.subtreeEnd(int(i)))
		}
	}
	return -1
}

// withCardTitles returns bs, the article-shaped body kept as a
// listing's text, with the titles the content walk left out of it put
// back in their places from the blocks the block model keeps (kept): the
// headings between the body's first and last block, linked or not, the
// linked lines of titleWords words or more there, and a linked heading
// right before the body's first block (the first card's title when the
// body opens with its teaser). The walk drops a card's linked headline as
// an article's teaser, while on a listing the headlines are the content.
// After the body's last block, up to the document-order index tail (the
// end of the body's container, bodyTail; -1 for none), the linked
// headings and lines come back too: the cards the walk cut off the end of
// the list. An unlinked heading there opens nothing the body holds (an
// "Explore more" over the site's links).
func withCardTitles(bs, kept []block, tail int32) []block {
	if len(bs) == 0 {
		return bs
	}
	last := bs[len(bs)-1].at
	return withKept(bs, kept, func(k block, inside, before bool) bool {
		linked := k.link > 0.5
		if k.at > last && k.at <= tail {
			return linked && (k.heads() || isLinkedLine(k))
		}
		return k.heads() && (inside || before && linked) || linked && inside && isLinkedLine(k)
	})
}

// withLinkedLines returns bs, the article-shaped body kept as a forum's
// text, with the linked lines of titleWords words or more between its
// first and last block put back from the blocks the block model keeps
// (kept): a reply that is one link (an address, a linked title) reads as
// a teaser's headline to the content walk, which drops it. Headings are
// not put back: on a forum they are posters' names and posts' permalink
// headers; nor is a linked line with a date (a post's header: the
// poster's linked name and its day). A post's stamp with its time of day
// ("2019-02-24, 02:31 AM", isPostStamp) the model keeps comes back, linked
// or not: the content walk drops it with the post's header, and the
// forum references keep it, as dropCardLines does (isPostDate).
func withLinkedLines(bs, kept []block) []block {
	return withKept(bs, kept, func(k block, inside, _ bool) bool {
		return inside && (k.link > 0.5 && isLinkedLine(k) && !dateLike(k.text) || isPostStamp(k.text))
	})
}

// innerSentenceTypes are the page types whose kept body gets back the
// model's sentences inside it (withInnerSentences). A manual's and a
// service page's body is their prose, and what the content walk drops
// between its paragraphs is prose too. Not a product's (its body's
// neighbours are offers and rails: tried, product word F1 fell on both
// halves), a listing's (its cards come back by withListingTitles) or a
// forum's (withLinkedLines).
var innerSentenceTypes = map[string]bool{
	corpus.PageTypeDocumentation: true,
	corpus.PageTypeService:       true,
}

// innerSentenceWords is the fewest words of a sentence that
// withInnerSentences puts back: shorter ones are a page's buttons and
// prompts ("Start learning. Already have an account?").
const innerSentenceWords = 6

// innerSentenceLink is the largest share of a sentence's text inside
// links for withInnerSentences: a cross-reference ("For more
// information, see Overview of storage.") is half link; a line that is
// all link is a call to act ("Learn about our plans.").
const innerSentenceLink = 0.6

// withInnerSentences returns bs, the article-shaped body a manual's or a
// service page keeps (cleanedChoice), with the sentences of the model's
// cleaned text (kept) that lie between its first and last block put back
// in their places: a cross-reference whose link made the content walk
// drop it, a section or a pitch it left out between two it kept. A
// sentence ends like one (endsSentence), holds innerSentenceWords words
// or more and innerSentenceLink of links at most; the blocks before the
// body's first and after its last (menus, footers, other pages' teasers)
// do not come back.
func withInnerSentences(bs, kept []block) []block {
	return withKept(bs, kept, func(k block, inside, _ bool) bool {
		return inside && endsSentence(k.text) && k.link <= innerSentenceLink && countWords(k.text) >= innerSentenceWords
	})
}

// insetWords are the class and id words of the boxes a page sets
// between two sections of its text: a newsletter's sign-up, an advert,
// a cookie notice, a feedback prompt, a call to act. Not negativeWords
// whole: its "header", "meta" or "teaser" name the cards and rows of a
// service page's own pitch, which withInnerSentences is for; not "ad",
// an abbreviation a manual's classes and ids use for other things
// (measured: a check documentation page fell 0.040 with it).
var insetWords = map[string]bool{
	"newsletter": true, "newsletters": true, "subscribe": true, "subscription": true, "signup": true,
	"advert": true, "advertisement": true, "advertising": true, "ads": true, "adslot": true,
	"adunit": true, "sponsored": true, "cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"feedback": true, "survey": true, "cta": true,
}

// outsideBoilerplate returns the blocks of kept that do not sit inside
// an inset box (insetBox) below the element that holds bs's first
// block: withInnerSentences puts back a cross-reference or a paragraph
// the content walk left out, not the newsletter box, the advert, the
// call to act or the feedback prompt that a page sets between two
// sections (review31a: each came back).
func (p *page) outsideBoilerplate(kept, bs []block) []block {
	if len(bs) == 0 {
		return kept
	}
	anchor := p.blockNode(bs[0])
	if anchor == nil {
		return kept
	}
	return slices.DeleteFunc(slices.Clone(kept), func(k block) bool {
		n := p.blockNode(k)
		return n != nil && inInset(n, anchor)
	})
}

// inInset reports whether n, or an element around it short of one that
// also holds anchor, is an inset box: an <aside>, a <form>, a
// complementary or a dialog landmark, or an element whose class or id
// holds one of insetWords.
func inInset(n, anchor *html.Node) bool {
	var toks []string
	for a := n; a != nil && a.DataAtom != atom.Body; a = a.Parent {
		if a.Type != html.ElementNode {
			continue
		}
		if a == anchor || isAncestor(a, anchor) {
			return false
		}
		switch {
		case a.DataAtom == atom.Aside, a.DataAtom == atom.Form:
			return true
		case slices.Contains([]string{"complementary", "dialog", "alertdialog"}, attr(a, "role")):
			return true
		}
		toks = classTokens(classTokens(toks[:0], attr(a, "class")), attr(a, "id"))
		for _, t := range toks {
			if insetWords[t] {
				return true
			}
		}
	}
	return false
}

// isPostStamp reports whether t is a post's stamp with its time of day: six
// words or fewer with a date and a clock.
func isPostStamp(t string) bool {
	return isStamp(t) && reClock.MatchString(t)
}

// isLinkedLine reports whether k is a line of text (not a heading, an
// item or a row) of titleWords words or more.
func isLinkedLine(k block) bool {
	return k.kind == kindPara && countWords(k.text) >= titleWords
}

// withKept returns bs with the blocks of kept that take accepts put back
// in their places (block.at), those bs holds already left out. take is
// told whether the block lies between bs's first and last block
// (inside) or right before its first one, with no other kept block
// between (before).
func withKept(bs, kept []block, take func(k block, inside, before bool) bool) []block {
	if len(bs) == 0 {
		return bs
	}
	first, last := bs[0].at, bs[len(bs)-1].at
	have := make(map[int32]bool, len(bs))
	for _, b := range bs {
		have[b.at] = true
	}
	var add []block
	for i, k := range kept {
		inside := k.at > first && k.at < last
		before := k.at < first && i+1 < len(kept) && kept[i+1].at == first
		if !have[k.at] && take(k, inside, before) {
			add = append(add, k)
		}
	}
	if len(add) == 0 {
		return bs
	}
	out := append(slices.Clip(bs), add...)
	slices.SortStableFunc(out, func(a, b block) int { return int(a.at - b.at) })
	return out
}

// titleWords is the fewest words of a linked line that is not a heading
// for withCardTitles to take it as a card's title: shorter ones are
// buttons ("More", "Star") and menus.
const titleWords = 4
