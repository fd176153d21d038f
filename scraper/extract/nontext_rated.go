package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// reRatingScore matches a rating given as a score out of five in words
// that only a rating uses: "Rated 4 out of 5", "4.5 out of 5 stars",
// "4,7 sur 5", "5 von 5 Sternen", "4 de 5 estrellas", "5 su 5".
var reRatingScore = lazyRE(`(?i)(?:^|[^\w.,/])[0-5](?:[.,]\d{1,2})?\s*(?:out of|sur|von|su|из)\s*5(?:[.,]0{1,2})?(?:$|[^\w/]|[.,](?:\s|$))`)

// reRatingStars matches a rating given as a count of stars ("5 stars",
// "4.5 Sterne", "3 étoiles", "5 estrellas"), a score over five beside a
// word that names a rating ("Rating: 4/5", "Rated 5 of 5"), or a row of
// star glyphs.
var reRatingStars = lazyRE(`(?i)(?:^|[^\w.,/])[0-5](?:[.,]\d)?\s*(?:stars?|sterne?n?|étoiles?|estrellas?|stelle)\b` +
	`|\b(?:rated|rating|stars?)\b.{0,12}(?:^|[^\w.,/])[0-5](?:[.,]\d)?\s*(?:/|of|de)\s*5(?:$|[^\w/])` +
	`|[★☆✩✭✮]{3}`)

// isRatingText reports whether a short text gives a rating (reRatingScore,
// reRatingStars).
func isRatingText(t string) bool {
	return len(t) <= 80 && (reRatingScore.MatchString(t) || reRatingStars.MatchString(t))
}

// givesRating reports whether element n gives a rating: schema.org's
// rating fields, an accessible label or title that reads as one (a row
// of star icons labelled "Rated 4 out of 5"), or its text when short
// (infoText bytes, 60 at most).
func givesRating(n *html.Node, infoText int) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "itemprop":
			if strings.EqualFold(a.Val, "ratingValue") || strings.EqualFold(a.Val, "reviewRating") {
				return true
			}
		case "aria-label", "title", "alt":
			if isRatingText(a.Val) {
				return true
			}
		}
	}
	return infoText > 0 && infoText <= 60 && mayRate(n) && isRatingText(shortText(n, 80))
}

// mayRate reports whether n's text holds a byte that every rating
// isRatingText reads has: a digit from 0 to 5, or the first byte of a
// star glyph (U+2000 to U+2FFF). Most short elements hold neither, and
// this walk, unlike shortText and the regexps, allocates nothing.
func mayRate(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			for i := 0; i < len(c.Data); i++ {
				if b := c.Data[i]; b >= '0' && b <= '5' || b == 0xE2 {
					return true
				}
			}
		case c.Type == html.ElementNode && !textless(c.DataAtom) && mayRate(c):
			return true
		}
	}
	return false
}

// ratedDepth is how far above an element that gives a rating the record
// it rates may begin: a card that holds, in boxes of their own, a head
// with the stars, the name and the date, and the text.
const ratedDepth = 6

// ratedKids maps a parent to those of its children that hold an
// element giving a rating (givesRating) within ratedDepth levels.
type ratedKids map[*html.Node]map[*html.Node]bool

// ratedKids reads the page's ratings once for ratedRecords and
// ratedCards; it is nil when the page gives none.
func (p *page) ratedKids() ratedKids {
	var rk ratedKids
	for i, e := range p.x.nodes {
		if e.Type != html.ElementNode || !givesRating(e, p.x.infos[i].text) {
			continue
		}
		if rk == nil {
			rk = ratedKids{}
		}
		for a, d := e, 0; a.Parent != nil && d <= ratedDepth; a, d = a.Parent, d+1 {
			if rk[a.Parent] == nil {
				rk[a.Parent] = map[*html.Node]bool{}
			}
			rk[a.Parent][a] = true
		}
	}
	return rk
}

// ratedRecords returns a product page's customers' reviews that neither
// a class word nor microdata marks as reviews (marksReview; a shop whose
// class names are generated, or say "card" or "feedback"): two children
// or more of one parent, of one tag, each holding a rating of its own
// (givesRating) and a date (holdsDate). A rating with a date is what a
// review widget prints for every review; the product's own rating has
// no date, nor do the cards of other products, and a run of dated
// posts without ratings (questions and answers, a blog's teasers) is
// not read here. A child that holds the page's <h1> is the product
// itself (its buy box may print its rating and a date), never a review.
func (p *page) ratedRecords(rk ratedKids) map[*html.Node]bool { return p.ratedItems(rk, true, 2) }

// ratedCardsMin is the fewest undated rated siblings that make a run of
// cards (ratedCards).
const ratedCardsMin = 3

// ratedCards returns a product page's cards that each give a rating,
// dated or not, three siblings of one tag or more, none holding the
// <h1>: the cards of other products ("You may also like", each with
// its stars) or reviews whose dates the widget leaves out; references
// of product pages leave both out, while the product's own rating is
// one, in the element that holds its name.
func (p *page) ratedCards(rk ratedKids) map[*html.Node]bool {
	return p.ratedItems(rk, false, ratedCardsMin)
}

// ratedItems returns the children of one parent, of one tag, min of
// them or more, that each hold a rating of their own (rk), and a date
// (holdsDate) when dated is set, and not the page's <h1>; only the
// innermost runs: a child that holds a run itself (the section around
// the reviews, beside a description that prints the product's rating
// and a date) is a box of records, not one, and goes only with them.
func (p *page) ratedItems(rk ratedKids, dated bool, min int) map[*html.Node]bool {
	out := p.ratedRuns(rk, dated, min, nil)
	if out == nil {
		return nil
	}
	outer := map[*html.Node]bool{}
	for k := range out {
		for a, d := k.Parent, 0; a != nil && d <= ratedDepth; a, d = a.Parent, d+1 {
			outer[a] = true
		}
	}
	return p.ratedRuns(rk, dated, min, outer)
}

// ratedRuns returns the runs of ratedItems, leaving out the children in
// skip.
func (p *page) ratedRuns(rk ratedKids, dated bool, min int, skip map[*html.Node]bool) map[*html.Node]bool {
	var out map[*html.Node]bool
	for _, kids := range rk {
		if len(kids) < min {
			continue
		}
		byTag := map[string][]*html.Node{}
		for k := range kids {
			if k.Data != "body" && !skip[k] && !p.holdsH1(k) && (!dated || holdsDate(k, 0)) {
				byTag[k.Data] = append(byTag[k.Data], k)
			}
		}
		for _, items := range byTag {
			if len(items) < min {
				continue
			}
			if out == nil {
				out = map[*html.Node]bool{}
			}
			for _, k := range items {
				out[k] = true
			}
		}
	}
	return out
}
