package extract

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// marksReview reports whether an element is marked as a customer review
// or a list of them: by schema.org microdata (itemprop="review", an
// itemtype of Review) or by a class or id word ("review", "reviews").
func (p *page) marksReview(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "itemprop":
			if strings.EqualFold(a.Val, "review") {
				return true
			}
		case "itemtype":
			if strings.HasSuffix(strings.ToLower(a.Val), "/review") {
				return true
			}
		}
	}
	x := p.x
	x.toks = x.toks[:0]
	x.toks = roleClassTokens(x.toks, attr(n, "class"))
	x.toks = classTokens(x.toks, attr(n, "id"))
	for _, t := range x.toks {
		if t == "review" || t == "reviews" {
			return true
		}
	}
	return false
}

// isReviewItem reports whether n is one customer review among others: an
// element marked as a review (marksReview) with a sibling of the same tag
// and class, holding a date (when it was written). A summary of the
// ratings, a prompt to write the first review and a carousel of undated
// testimonials are not.
func (p *page) isReviewItem(n *html.Node) bool {
	if n.Parent == nil || !p.marksReview(n) || !holdsDate(n, 0) {
		return false
	}
	class := attr(n, "class")
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s != n && s.Type == html.ElementNode && s.Data == n.Data && attr(s, "class") == class && p.marksReview(s) {
			return true
		}
	}
	return false
}

// holdsDate reports whether a short text of n's subtree reads as a date
// (dateLike: a year, a time of day, "... ago").
func holdsDate(n *html.Node, depth int) bool {
	if depth > 12 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if t := strings.TrimSpace(c.Data); len(t) >= 4 && len(t) <= 60 && dateLike(t) {
				return true
			}
		case html.ElementNode:
			if c.Data == "time" || holdsDate(c, depth+1) {
				return true
			}
		}
	}
	return false
}

// dropReviews drops from a page's main text the blocks inside its
// customers' reviews (isReviewItem): what buyers wrote, with their
// names, dates and votes, is not the product's description. The blocks
// stay as they are when fewer than 50 words would be left.
func (p *page) dropReviews(bs []block) []block {
	return dropSpans(bs, p.markedSpans(p.isReviewItem), 50)
}

// shopText returns the blocks of a page that is not an article without
// its customers' dated reviews (dropReviews; a forum's posts are its
// text, reviews or not) and, on a page typed product, without the second
// copies of its blocks (dropSecondCopies).
func (p *page) shopText(bs []block, pageType string) []block {
	if pageType == corpus.PageTypeForum {
		return bs
	}
	bs = p.dropReviews(bs)
	if pageType == corpus.PageTypeProduct {
		bs = dropSecondCopies(bs)
	}
	return bs
}
