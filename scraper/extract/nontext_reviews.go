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
	named := false
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
		case "class", "id":
			named = named || indexFold(a.Val, "review") >= 0
		}
	}
	if !named {
		return false
	}
	for _, t := range p.x.nameTokens(n) {
		if t == "review" || t == "reviews" {
			return true
		}
	}
	return false
}

// reviewDepth is how far below a review item its marked element may
// sit: a card that holds the rating, the date and, in a box of its own,
// the marked text.
const reviewDepth = 3

// reviewMarks holds a page's elements marked as reviews (marksReview)
// and the candidates for review items: those elements and their
// ancestors up to reviewDepth levels above them.
type reviewMarks struct {
	marked, cand map[*html.Node]bool
	// dated holds, per parent and kind of item, the first two dated
	// items among its children (datedItems).
	dated map[itemKind][2]*html.Node
}

// itemKind is the parent, tag and class of a review item and the class
// of the element marked as a review in it.
type itemKind struct {
	parent             *html.Node
	tag, class, rclass string
}

// reviewMarks returns the page's review marks, or nil when fewer than
// two elements are marked.
func (p *page) reviewMarks() *reviewMarks {
	var rm *reviewMarks
	n := 0
	for _, e := range p.x.nodes {
		if e.Type != html.ElementNode || !p.marksReview(e) {
			continue
		}
		if rm == nil {
			rm = &reviewMarks{marked: map[*html.Node]bool{}, cand: map[*html.Node]bool{}, dated: map[itemKind][2]*html.Node{}}
		}
		rm.marked[e] = true
		n++
		for a, d := e, 0; a != nil && d <= reviewDepth; a, d = a.Parent, d+1 {
			rm.cand[a] = true
		}
	}
	if n < 2 {
		return nil
	}
	return rm
}

// isItem reports whether n is one customer review among others: an
// element that is, or holds within reviewDepth levels, an element marked
// as a review, with a sibling of the same tag and class that holds one
// of the same class, both holding a date (when they were written: a
// widget dates every review, while a date-like word in one block, a
// song called "Yesterday" in a list of tracks, is no review's date). A
// summary of the ratings, a prompt to write the first review and a
// carousel of undated testimonials are not.
func (rm *reviewMarks) isItem(n *html.Node) bool {
	if !rm.cand[n] || n.Parent == nil {
		return false
	}
	r := rm.below(n, "", false, 0)
	if r == nil || !holdsDate(n, 0) {
		return false
	}
	two := rm.datedItems(itemKind{n.Parent, n.Data, itemClass(n), itemClass(r)})
	return two[0] != nil && two[0] != n || two[1] != nil
}

// datedItems returns the first two children of k's parent of k's tag
// and class that hold, within reviewDepth levels, an element marked as
// a review of k's rclass, and a date; read once per kind, so that a
// page of thousands of reviews, the dated ones after the others, is
// not read once per review.
func (rm *reviewMarks) datedItems(k itemKind) [2]*html.Node {
	if two, ok := rm.dated[k]; ok {
		return two
	}
	var two [2]*html.Node
	for s, i := k.parent.FirstChild, 0; s != nil && i < 2; s = s.NextSibling {
		if s.Type == html.ElementNode && s.Data == k.tag && itemClass(s) == k.class &&
			rm.cand[s] && rm.below(s, k.rclass, true, 0) != nil && holdsDate(s, 0) {
			two[i] = s
			i++
		}
	}
	rm.dated[k] = two
	return two
}

// itemClass returns the first word of n's class, which names the kind
// of item: a comment system prints each review's author, its parity and
// its depth after it ("review byuser comment-author-ann even
// thread-even depth-1" beside "review comment-author-olu odd alt
// thread-odd depth-1", WordPress and WooCommerce), so that whole class
// names never match between two reviews.
func itemClass(n *html.Node) string {
	c := attr(n, "class")
	if f := strings.Fields(c); len(f) > 0 {
		return f[0]
	}
	return c
}

// below returns n or the first marked element within reviewDepth levels
// below it (of class class, when same is set).
func (rm *reviewMarks) below(n *html.Node, class string, same bool, depth int) *html.Node {
	if rm.marked[n] && (!same || itemClass(n) == class) {
		return n
	}
	if depth == reviewDepth {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if r := rm.below(c, class, same, depth+1); r != nil {
				return r
			}
		}
	}
	return nil
}

// reRelativeDay matches a review's date given as a day relative to
// today without a number, which dateLike does not read: "last week",
// "yesterday", "this month" (review widgets print these under each
// review in place of the date); in French, German and Spanish too, as
// a shop's rail headings are read (reShopHead).
var reRelativeDay = lazyRE(`(?i)^(?:today|yesterday|(?:last|this) (?:week|month|year)` +
	`|aujourd['’]hui|hier|la semaine derni[eè]re|le mois dernier|l['’]ann[ée]e derni[eè]re|cette (?:semaine|ann[ée]e)|ce mois(?:-ci)?` +
	`|heute|gestern|(?:letzte|diese) woche|(?:letzten|diesen) monat|(?:letztes|dieses) jahr` +
	`|ayer|la semana pasada|el mes pasado|el año pasado|esta semana|este (?:mes|año))$`)

// holdsDate reports whether a short text of n's subtree reads as a date
// (dateLike: a year, a time of day, "... ago"; reRelativeDay).
func holdsDate(n *html.Node, depth int) bool {
	if depth > 12 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if t := strings.TrimSpace(c.Data); len(t) >= 4 && len(t) <= 60 && (dateLike(t) || reRelativeDay.MatchString(t)) {
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
// customers' reviews (reviewMarks.isItem; on a product page also the
// rated, dated records no class word marks, ratedRecords): what buyers
// wrote, with their names, dates and votes, is not the product's
// description. On a product page it then drops the runs of rated cards
// (ratedCards: other products, undated reviews), unless that leaves
// under half of the words, where the cards are the page's own grid.
// The blocks stay as they are when fewer than 50 words would be left.
func (p *page) dropReviews(bs []block, pageType string) []block {
	rm := p.reviewMarks()
	var rk ratedKids
	var rated map[*html.Node]bool
	if pageType == corpus.PageTypeProduct {
		rk = p.ratedKids()
		rated = p.ratedRecords(rk)
	}
	if rm != nil || rated != nil {
		bs = dropSpans(bs, p.markedSpans(func(n *html.Node) bool {
			return rated[n] || rm != nil && rm.isItem(n)
		}), 50)
	}
	if rk == nil {
		return bs
	}
	cards := p.ratedCards(rk)
	if cards == nil {
		return bs
	}
	out := dropSpans(bs, p.markedSpans(func(n *html.Node) bool { return cards[n] }), 50)
	if 2*blocksWords(out) < blocksWords(bs) {
		return bs
	}
	return out
}

// shopText returns the blocks of a page that is not an article without
// its customers' dated reviews (dropReviews; a forum's posts are its
// text, reviews or not), the shop's sections of other products and of
// the visitor's history (dropShopSections), the lines of a sort menu
// (dropSortLines), the labels of a filter panel (dropFilterLines), a
// sign-up form's fine print (dropSignupLines), a cart drawer's lines
// (dropCartLines), its widgets' status messages (dropStatusLines:
// "Loading...", "... Please try again."), the choices of a star rating
// input (dropRatingInputs: "1 of 5 stars2 of 5 stars...") and the second copies of its blocks (dropSecondCopies,
// from copyMinWords words on; on a product page or a listing, the
// blocks that a longer block holds too, dropContainedCopies; on a product page, whole runs of blocks
// printed again first, dropRepeatedRuns, the cells of a size chart,
// dropCellRuns, a delivery widget's lines, dropFulfilmentLines, a
// review widget's, dropReviewChrome, the lines of stock,
// dropStockLines, a histogram of ratings, dropRatingBars, and the shop's
// offers of its experts' help and of protection plans, dropHelpOffers,
// and a marketplace's seller card, dropSellerLines, and the shop's
// pitch of itself as the place to buy, dropShopPitches, then its lists
// of standing perks, dropPerkLists; on a
// listing, its filter panels first, dropFacets, and those named so whatever
// their controls, dropFilterBoxes, then the cards printed
// twice in a row, dropCardEchoes, or apart, dropPairedCopies, the lines every card prints alike,
// dropCardBadges, the cards' merchandising badges, dropBadgeLines,
// the embed codes of their share widgets, dropEmbedCodes, and a price
// said again on the next line, dropRepeatedPrices; and last, on a listing
// or a product page, the list of links to other categories that closes
// the text, dropClosingLinks).
func (p *page) shopText(bs []block, pageType string) []block {
	if pageType == corpus.PageTypeForum {
		return bs
	}
	if pageType == corpus.PageTypeProduct {
		for _, drop := range productDrops {
			bs = drop(bs)
		}
		// The perks go after the pitches: a pitch's box ends its run
		// (dropShopPitches), and a list of perks may be that box.
		bs = dropPerkLists(p.dropShopPitches(bs))
	}
	if pageType == corpus.PageTypeListing {
		// The cards printed twice, in a row (dropCardEchoes) or
		// apart, before dropSecondCopies takes a
		// long teaser out of the run around a copy's shorter lines;
		// then the labels and badges all cards share, and the badges
		// ("New", "Top rated") that only some cards wear.
		for _, drop := range []func([]block) []block{p.dropFacets, p.dropFilterBoxes, dropCardEchoes, dropPairedCopies,
			p.dropCardBadges, dropBadgeLines, p.dropEmbedCodes, dropRepeatedPrices} {
			bs = drop(bs)
		}
	}
	bs = dropShopSections(p.dropReviews(bs, pageType), pageType)
	for _, drop := range shopDrops {
		bs = drop(bs)
	}
	bs = dropSecondCopies(bs, copyMinWords(pageType))
	if pageType == corpus.PageTypeProduct || pageType == corpus.PageTypeListing {
		bs = dropClosingLinks(dropContainedCopies(bs))
	}
	return bs
}

// shopDrops are the steps of shopText on every page it reads, in their
// order, after the reviews and the shop's sections.
var shopDrops = []func([]block) []block{dropSortLines, dropFilterLines, dropSignupLines, dropCartLines,
	dropStatusLines, dropRatingInputs}

// productDrops are the steps of shopText on a product page alone, in
// their order; p.dropShopPitches, which reads the page's elements (a
// pitch's box), comes after them.
var productDrops = []func([]block) []block{dropRepeatedRuns, dropCellRuns, dropFulfilmentLines,
	dropReviewChrome, dropStockLines, dropLoyaltyLines, dropSizeHelp, dropRatingBars, dropHelpOffers, dropSellerLines, dropDemandLines}

// reReviewChrome matches the lines of a review widget around the
// reviews, not what anyone wrote: its summary ("Based on 407 reviews",
// "81% of customers would recommend this", "Rating snapshot"), its
// prompts ("Write a review", "Be the first to review this item",
// "Adding a review will require a valid email ..."), its section and
// gallery labels ("Reviews for this item (76)", "Photos from reviews",
// "Customer images", "Why are these reviews shown?"), the fit read from
// the reviews ("Fits slightly large based on reviews", "On average 279
// reviewers say ..."), a machine summary's label ("Reviews summary",
// "Buyer highlights, summarized by AI") and its averages' labels
// ("Average Overall Fit Rating"). A rating given ("4.4 out of 5 stars",
// "1,113 ratings") and a "Customer Reviews" heading stay: references
// keep them. The summary and the prompts are read in French, German and
// Spanish too ("Basé sur 12 avis", "Bewertung schreiben", "Escribir una
// opinión").
var reReviewChrome = lazyRE(`(?i)^(?:based on [\d,.]+k? (?:reviews?|ratings?)|[\d.]+% of (?:customers|reviewers|buyers|respondents) (?:would )?recommend\b.{0,30}|rating snapshot|write an? review|be the first to (?:write an? )?review\b.{0,30}|reviews? for this (?:item|product)(?: \(\d[\d,]*\))?|why are these reviews shown\??|photos from reviews|customer (?:images|photos)|average (?:overall )?[\w ]{0,20} rating|adding a review will\b.{0,80}|(?:on average )?[\d,]+ reviewers say\b.{0,60}|customers say (?:it|this|the|this product|product) ?(?:item |product )?(?:fits|runs)\b.{0,80}|(?:fits|runs) (?:slightly |a bit )?(?:large|small|big|true to size) based on reviews|reviews summary|buyer highlights,? summari[sz]ed by ai` +
	`|basé sur [\d\s,.]+ avis|(?:é|e)crire un avis|rédiger un avis|donnez votre avis|soyez (?:le )?premier à (?:donner|laisser|écrire|rédiger) (?:votre|un) avis\b.{0,30}` +
	`|basierend auf [\d.,]+ bewertungen|(?:eine )?bewertung (?:schreiben|abgeben|verfassen)|(?:seien sie|sei) (?:der|die) erste\b.{0,40}\bbewert\w*` +
	`|basado en [\d.,]+ (?:opiniones|reseñas|valoraciones)|escrib(?:ir|e) una (?:opinión|reseña)|sé el primero en (?:opinar|escribir una (?:opinión|reseña))\b.{0,30})[.!]?$`)

// dropReviewChrome drops the lines of a product page's review widget
// (reReviewChrome, 20 words or fewer).
func dropReviewChrome(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return countWords(b.text) <= 20 && reReviewChrome.MatchString(strings.TrimSpace(b.text))
	})
}

// reviewPanel reports whether a hidden tab panel holds customers'
// reviews: two or more sibling elements marked as reviews (marksReview)
// of one kind (tag and itemClass), each dated, whose text makes half
// the panel's or more. withPanels puts hidden panels back after
// dropReviews has read the shown text, and a shop's "Reviews (2)" tab
// (WooCommerce's, Shopware's) came back whole beside the description.
func (p *page) reviewPanel(n *html.Node) bool {
	items := p.reviewItemBytes(n, 0)
	return items > 0 && 2*items >= len(textOf(n))
}

// reviewItemBytes returns the text bytes of the dated review items
// below n (reviewPanel), looking reviewPanelDepth levels down at most.
func (p *page) reviewItemBytes(n *html.Node, depth int) int {
	if depth > reviewPanelDepth {
		return 0
	}
	kinds := map[string]int{}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && p.marksReview(c) && holdsDate(c, 0) {
			kinds[c.Data+" "+itemClass(c)]++
		}
	}
	sum := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if kinds[c.Data+" "+itemClass(c)] >= 2 && p.marksReview(c) && holdsDate(c, 0) {
			sum += len(textOf(c))
		} else {
			sum += p.reviewItemBytes(c, depth+1)
		}
	}
	return sum
}

// reviewPanelDepth is how deep below a panel reviewPanel looks for its
// review items: a widget nests its list in a few boxes.
const reviewPanelDepth = 8
