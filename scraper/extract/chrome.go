package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromeLines are whole blocks that are the controls of a site rather than
// its content, in any kind of page: account and navigation links,
// buttons, sharing, sorting and filtering widgets, legal footer links. Lower case,
// without end punctuation.
var chromeLines = map[string]bool{
	"sign in": true, "log in": true, "login": true, "sign out": true, "log out": true, "register": true,
	"sign up for free": true, "sign up now": true, "join now": true, "create account": true, "create an account": true,
	"start free trial": true, "start your free trial": true,
	"try it free": true, "try for free": true,
	"skip to main content": true, "skip to content": true, "jump to content": true, "jump to": true, "skip navigation": true,
	"open in app": true, "download the app": true, "get the app": true,
	"sort by": true, "sort": true, "filter": true, "filters": true, "filter & sort": true, "filter and sort": true,
	"sort options": true, "view options": true, "results per page": true, "show filters": true, "hide filters": true,
	"privacy policy": true, "terms of service": true, "terms of use": true, "terms and conditions": true,
	"terms & conditions": true, "cookie policy": true, "cookie settings": true, "all rights reserved": true,
	"log in to reply": true, "reply to this topic": true, "start new topic": true, "post reply": true,
	"click to expand": true, "click to shrink": true, "loading": true,
	// A share menu's entries, which a board repeats under each post.
	"copy link": true, "share on facebook": true, "share on x": true, "share on twitter": true, "share on linkedin": true,
	"share on whatsapp": true, "share on reddit": true, "share on pinterest": true, "share on bluesky": true,
	"share via email": true, "share via e-mail": true, "share by email": true,
	"add to cart": true, "add to bag": true, "add to basket": true, "out of stock": true, "select a size": true,
	"choose options": true, "select options": true, "add to wishlist": true, "add to wish list": true, "apply now": true,
	// A shop's grid and promo tiles repeat these links under each card:
	// a whole line of a link's words, never a line of the shop's text.
	"shop now": true, "shop all": true, "quick view": true, "quick shop": true, "add to compare": true,
	"related products": true, "related searches": true, "customers also bought": true, "customers also viewed": true,
	"trending searches": true, "trending topics": true, "popular searches": true, "more topics": true, "what's trending": true,
	"anmelden": true, "registrieren": true, "einloggen": true, "abmelden": true,
	"filtern": true, "sortieren": true, "sortieren nach": true,
	"filtres": true, "trier par": true, "se connecter": true, "connexion": true, "s'inscrire": true,
	// A basket's label says whose it is: a bare "Cart" or "Panier" may
	// be a product (a garden cart, a wicker basket) or an API's object.
	"shopping cart": true, "your cart": true, "votre panier": true, "mon panier": true, "ihr warenkorb": true, "mein warenkorb": true,
	"tu carrito": true, "mi carrito": true,
	"iniciar sesión": true, "registrarse": true, "ordenar por": true, "filtrar": true,
}

// reChromeLine matches blocks that are site chrome by their form: a
// shop's shipping banner ("Free shipping on orders over $75", "Spend $65
// to get free shipping"), its region and currency picker ("Select your
// region", the whole line: "Select your region and click Next" is a
// step of a how-to; "You are now shopping in the currency AUD"), a
// copyright line (with its year) or a rights line ("All rights
// reserved" in the languages the extractor reads: a site's footer line
// wherever a flat page builder leaves it), the lead-ins of
// other pages' teasers ("You may also like", "Customers also bought"),
// "Keep exploring ..." prompts, the counters of a post or a thread
// ("12 likes", "3 replies", "1.2k views").
var reChromeLine = lazyRE(`(?i)^\d[\d,.]*\s*[km]?\s+(?:likes?|replies|reply|reactions?|views?|votes?|points?|` + countersIntl + `)$|^` + expandIntl + `\s*(?:\.{1,3}|…)?$|^(?:free (?:shipping|delivery|returns|engraving)|spend [^\d\s]{0,3}\d[\d.,]*\s?\S{0,3} (?:more )?(?:to get|for|and get) free (?:shipping|delivery)|you(?:'re| are) [^\d\s]{0,3}\d[\d.,]*\s?\S{0,3} away from free (?:shipping|delivery)|you are now shopping in\b|livraison (?:offerte|gratuite)|kostenlose[rn]? (?:versand|lieferung|rückversand)|versandkostenfrei|envío gratis|spedizione gratuita)\b.{0,40}$|^(?:select|choose|change) (?:your )?(?:country|region|location|country/region)(?:\s*(?:/|,|&|and)\s*(?:language|currency))?\s*:?$|^(?:returns? (?:&|and) exchanges? accepted(?: within \d+ days)?|ships from\b.{0,30})$|^(?:©|\(c\)\s|copyright\b)[^.]{0,60}\b(?:19|20)\d\d\b.{0,40}$|(?:^|[\s.,])` + rightsReserved + `\.?$|^(?:you (?:may|might) also (?:like|be interested in)|customers (?:also|who) (?:bought|viewed)|keep exploring|explore more|more (?:topics|threads|posts) from|(?:sie|du) könnte(?:n|st)? auch\b|das könnte (?:sie|dich) auch|vous aimerez (?:peut-être )?aussi|(?:también )?te puede interesar)\b.{0,40}$`)

// countersIntl are the nouns of a post's or a thread's counters ("2
// J’aime", "5 Antworten", "12 respuestas", "318 visualizações") in the
// other languages the extractor reads: boards print them under each
// post in the page's language (a regexp group).
const countersIntl = `(?:j[’']aime|mentions? j[’']aime|réponses?|vues|gefällt mir|antworten|aufrufe|me gusta|respuestas?|visitas|mi piace|risposte|visualizzazioni|curtidas?|respostas?|visualizações|reacties|weergaven|отв[еe]т(?:а|ов)?|просмотр(?:а|ов)?)`

// expandIntl is the link that unfolds a long quote or post ("Click to
// expand..."), in the languages the extractor reads; in a language other
// than English it is often longer than the bytes chromeLines looks up
// (a regexp group).
const expandIntl = `(?:click to expand|cliquez pour (?:agrandir|développer)|zum (?:erweitern|aufklappen) (?:an)?klicken|(?:haz )?clic para (?:expandir|ampliar)|clicca per espandere|clique para expandir|klik om uit te vouwen|нажмите для раскрытия|нажмите, чтобы раскрыть)`

// rightsReserved is the phrase of a rights line, in the languages the
// extractor reads (a regexp group; Go's \b is ASCII-only, so callers
// anchor it on space or punctuation).
const rightsReserved = `(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|alle rechten voorbehouden|wszelkie prawa zastrzeżone|все права защищены|tüm hakları saklıdır|hak cipta dilindungi(?: undang-undang)?)`

// isChromeLine reports whether a short block is a control or label of
// the site rather than content (see chromeLines, reChromeLine).
func isChromeLine(t string) bool {
	if len(t) > 120 {
		return false
	}
	if reChromeLine.MatchString(strings.TrimSpace(t)) {
		return true
	}
	if len(t) > 40 {
		return false
	}
	return chromeLines[bareLower(t)]
}

// dropChrome returns the blocks of a page's main text without the site
// chrome among them: teaser sections (dropRelated), a leading trail of
// links (dropLeadingLinks), controls and legal lines (isChromeLine), the
// lines of comment, rating and login widgets (isWidgetLine) and, on a
// forum page, the labels that every post repeats (isLabel, labelKey),
// unlinked headings among them. Headings stay, but for widget lines: a
// page about its site's terms or its sign-in desk heads its sections
// with those words. own tells a post's own links from a board's list
// (dropRelated). On a forum, said (nil where the markup is not known)
// tells a poster's words from a label: a short reply that three posters
// write ("Count me in", "Thank you") is no card's label.
func dropChrome(bs []block, forum bool, own func(head, last block) bool, said func(block) bool) []block {
	var seen map[string]int
	if forum {
		seen = map[string]int{}
		for _, b := range bs {
			if isLabel(b) {
				seen[labelKey(b.text)]++
			}
		}
	}
	bs = dropRelated(bs, own)
	bs = dropLeadingLinks(bs, forum)
	return dropBlocks(bs, func(b block) bool {
		return isLabel(b) && seen[labelKey(b.text)] >= 3 && (said == nil || !said(b)) || isChromeBlock(b)
	})
}

// isChromeBlock reports whether b is a line of a widget (isWidgetLine),
// a control or legal line that heads nothing (isChromeLine) or a cookie
// notice: the lines dropChrome and dropPanelChrome drop wherever they
// stand. A server's error report is dropped by the page (serverReport),
// which can tell it from one a writer quotes.
func isChromeBlock(b block) bool {
	return isWidgetLine(b.text) || !b.heads() && isChromeLine(b.text) || isCookieNotice(b.text)
}

// reCookieNotice matches what a cookie banner or its settings dialog
// says: that the site uses cookies and why, what each kind of cookie
// does, that browsing on is consent. Text about cookies that is not the
// site's notice (documentation of HTTP cookies, a page saying it sets
// none) does not match.
var reCookieNotice = lazyRE(`(?i)\buses? (?:first[- ]and third[- ]party |third[- ]party |essential |analytics? )?cookies\b|\bwe use (?:technologies like )?cookies\b|\b(?:these|such|our|the) cookies (?:allow|track|collect|help|are used|enable|remember|may|do not|cannot)\b|^cookies (?:collect|are small|help|allow)\b|\btechnical storage or access\b|\byou (?:agree|consent) to (?:our|the) (?:use of )?cookie|\bby (?:clicking|continuing)\b[^.]{0,60}\b(?:consent|agree)\b[^.]{0,40}\bcookies?\b|\bincluding cookie policy\b`)

// isCookieNotice reports whether a block of 120 words or fewer is a line
// of a cookie notice (reCookieNotice) that the page's markup did not name
// as one.
func isCookieNotice(t string) bool {
	if len(t) > 1000 || indexFold(t, "cookie") < 0 && indexFold(t, "technical storage") < 0 {
		return false
	}
	return numFields(t) <= 120 && reCookieNotice.MatchString(t)
}

// dropCookieNotices returns the blocks without the lines of a cookie
// notice (isCookieNotice): all the cleaning that the body found for an
// article gets when it is the main text of another page.
func dropCookieNotices(bs []block) []block {
	return dropBlocks(bs, func(b block) bool { return isCookieNotice(b.text) })
}

// keepUndropped returns the blocks of bs whose drop mark is false, in
// order: the last step of the rules that mark a run of blocks first.
func keepUndropped(bs []block, drop []bool) []block {
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		if !drop[i] {
			out = append(out, b)
		}
	}
	return out
}

// dropBlocks returns a new slice of the blocks of bs for which drop is
// false; bs itself is left as it is.
func dropBlocks(bs []block, drop func(block) bool) []block {
	out := make([]block, 0, len(bs))
	for _, b := range bs {
		if !drop(b) {
			out = append(out, b)
		}
	}
	return out
}

// isLabel reports whether a block could be a label of a forum post's
// author card or of its buttons ("New Member", "Reaction score",
// "Posts: 1,077", "Link to comment"): four words or fewer, 40 bytes at
// most, not the title nor a linked heading (a poster's name), not ending
// in punctuation as the lines of a post do ("Hello,", "Thanks!"). Such a
// line that three posts repeat (labelKey) is the card's, not the posts'.
func isLabel(b block) bool {
	if b.kind == kindTitle || len(b.text) > 40 || numFields(b.text) > 4 {
		return false
	}
	if b.kind == kindHeading && b.link >= 0.5 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(b.text)
	return !strings.ContainsRune(",.!?;:…", r)
}

// labelKey returns what makes a label the same on every post: the label
// of a "Label: value" line ("Posts: 1,077" and "Posts: 12" give
// "Posts:"), else the whole text.
func labelKey(t string) string {
	if i := strings.Index(t, ": "); i > 0 && numFields(t[:i]) <= 2 {
		return t[:i+1]
	}
	return t
}

// isWidgetLine reports whether a block is a line of a comment, rating or
// login widget ("Leave a comment", "You must be logged in to post a
// comment", "How would you rate this article?"): twelve words at most,
// matched by reClosingUI. An article body drops them at its end
// (isClosingChrome); the main text of other pages, wherever they stand.
func isWidgetLine(t string) bool {
	return len(t) <= 200 && numFields(t) <= 12 && reClosingUI.MatchString(t)
}

// reRelatedHead matches the heading of a section of other pages' teasers
// on a page that is not an article: related products, what other
// customers bought, trending or popular searches and topics.
var reRelatedHead = lazyRE(`(?i)^(?:(?:(?:check out|see|browse) )?(?:other |more )?(?:related|similar|suggested) (?:products|items|searches|posts|topics|threads|articles|discussions|questions)|(?:customers|shoppers|people) (?:also|who) (?:bought|viewed|searched)|(?:you (?:may|might) also (?:like|need|be interested in))|(?:trending|popular|related|recent) (?:searches|topics|threads)|(?:keep exploring|explore more)\b.{0,30}|more (?:topics|threads|posts) from\b.{0,30}|(?:sie|du) könnte(?:n|st)? auch\b.{0,40}|das könnte (?:sie|dich) auch interessieren|ähnliche (?:produkte|artikel|themen)|produits (?:similaires|associés)|vous aimerez (?:peut-être )?aussi|productos relacionados|(?:también )?te puede interesar)[\s:.!?]*$`)

// dropRelated drops from a page's main text each section that a
// reRelatedHead heading opens: the heading and the blocks after it up to
// the next heading, when they are short (30 words or fewer each, the
// names and prices of teasers) and hold a quarter of the text or less
// (a page made of such a section is that section). A board often sets
// the head as a plain line ("Check out other Related discussions",
// "Similar threads"): its section is the run of links after it, two or
// more, unless own (nil where the blocks' elements are not known) finds
// them a post's own (ownLinks).
func dropRelated(bs []block, own func(head, last block) bool) []block {
	total := 0
	for _, b := range bs {
		total += len(b.text)
	}
	out := make([]block, 0, len(bs))
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if len(b.text) > 80 || !reRelatedHead.MatchString(strings.TrimSpace(b.text)) {
			out = append(out, b)
			continue
		}
		j, sec := relatedEnd(bs, i), 0
		for k := i; k < j; k++ {
			sec += len(bs[k].text)
		}
		if j < 0 || sec*4 > total || !b.heads() && own != nil && own(b, bs[j-1]) {
			out = append(out, b) // prose follows, most of the page, a post's own: not a teaser section
			continue
		}
		i = j - 1
	}
	return out
}

// relatedLinks is the least share of a block's text in links that makes
// it a line of a related section under a plain-line head.
const relatedLinks = 0.9

// relatedEnd returns the end of the related section that bs[i] heads
// (see dropRelated), or -1 when what follows is not one: prose under a
// heading, fewer than two links under a plain line.
func relatedEnd(bs []block, i int) int {
	j := i + 1
	if bs[i].heads() {
		for j < len(bs) && !bs[j].heads() && numFields(bs[j].text) <= 30 {
			j++
		}
		if j < len(bs) && !bs[j].heads() {
			return -1
		}
		return j
	}
	for j < len(bs) && !bs[j].heads() && bs[j].link >= relatedLinks && numFields(bs[j].text) <= 30 {
		j++
	}
	if j-i-1 < 2 {
		return -1
	}
	return j
}

// relatedSlack is the most text, in bytes, outside links beside a
// plain-line head in its box: "This discussion is now closed.", a "Show
// more" control.
const relatedSlack = 60

// ownLinks reports whether a plain-line head and the last link of its
// run sit in an element holding more unlinked text than the head and
// relatedSlack: a post's own lead-in and the threads its poster means
// ("Similar threads:" after the post's paragraphs), not a board's box
// of other threads. Links do not count, as the box's links the earlier
// steps dropped would not be in the run.
func (p *page) ownLinks(head, last block) bool {
	if head.at < 0 || int(head.at) >= len(p.x.nodes) || last.at < 0 || int(last.at) >= len(p.x.nodes) {
		return false
	}
	box, l := p.x.nodes[head.at], p.x.nodes[last.at]
	for box != nil && box != l && !isAncestor(box, l) {
		box = box.Parent
	}
	return box == nil || textOver(box, len(head.text)+relatedSlack, nil)
}

// textOver reports whether the text of n outside links and outside the
// elements skip reports (nil: none) is longer than limit bytes. It stops
// reading there: a box that holds a whole thread's posts costs the first
// few of them, not the thread.
func textOver(n *html.Node, limit int, skip func(*html.Node) bool) bool {
	size := 0
	var over func(*html.Node) bool
	over = func(n *html.Node) bool {
		switch {
		case n.Type == html.TextNode:
			size += len(strings.TrimSpace(n.Data))
			return size > limit
		case n.Type == html.ElementNode && (n.DataAtom == atom.A || textless(n.DataAtom) || skip != nil && skip(n)):
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if over(c) {
				return true
			}
		}
		return false
	}
	return over(n)
}

// crumbWords is the most words of a link in the trail dropLeadingLinks
// drops; on a forum, forumCrumbWords: a board's trail names its forums
// and subforums, whose names run longer ("Physician and Resident
// Communities (MD / DO)").
const crumbWords, forumCrumbWords = 6, 8

// dropLeadingLinks drops the run of short linked blocks that opens a
// page's main text before its first heading: a breadcrumb trail or the
// links of a section's menu, two or more.
func dropLeadingLinks(bs []block, forum bool) []block {
	most := crumbWords
	if forum {
		most = forumCrumbWords
	}
	j := 0
	for j < len(bs) && !bs[j].heads() && bs[j].link >= 0.99 && numFields(bs[j].text) <= most {
		j++
	}
	if j < 2 || j == len(bs) {
		return bs
	}
	return bs[j:]
}

// markedSpans returns the document-order spans of the outermost
// elements that marks reports.
func (p *page) markedSpans(marks func(*html.Node) bool) [][2]int32 {
	var spans [][2]int32
	x := p.x
	for i := 0; i < len(x.nodes); i++ {
		n := x.nodes[i]
		if n.Type != html.ElementNode || !marks(n) {
			continue
		}
		end := x.subtreeEnd(i)
		spans = append(spans, [2]int32{int32(i), int32(end)})
		i = end
	}
	return spans
}

// subtreeEnd returns the document-order index of the last node of the
// subtree of nodes[i].
func (x *contentExtractor) subtreeEnd(i int) int {
	end := i
	for end+1 < len(x.nodes) && isAncestor(x.nodes[i], x.nodes[end+1]) {
		end++
	}
	return end
}

// dropSpans drops the blocks whose text began inside one of spans,
// unless fewer than minWords words would be left.
func dropSpans(bs []block, spans [][2]int32, minWords int) []block {
	return dropSpansIf(bs, spans, minWords, func(block, [2]int32) bool { return true })
}

// dropSpansIf drops the blocks whose text began inside one of spans and
// for which also holds, given that span, unless fewer than minWords
// words would be left.
func dropSpansIf(bs []block, spans [][2]int32, minWords int, also func(block, [2]int32) bool) []block {
	if len(spans) == 0 {
		return bs
	}
	out := make([]block, 0, len(bs))
	words := 0
	for _, b := range bs {
		if s, in := spanOf(b, spans); !in || !also(b, s) {
			out = append(out, b)
			words += countWords(b.text)
		}
	}
	if words < minWords {
		return bs
	}
	return out
}

// spanOf returns the span of spans that b's text began inside. The
// spans are markedSpans': in document order and disjoint, so a binary
// search finds it (a page of 16,000 product cards has as many spans as
// blocks).
func spanOf(b block, spans [][2]int32) ([2]int32, bool) {
	i := sort.Search(len(spans), func(i int) bool { return spans[i][1] >= b.at })
	if i < len(spans) && spans[i][0] <= b.at {
		return spans[i], true
	}
	return [2]int32{}, false
}

// classWord reports whether a class or id word of n holds one of words.
func (p *page) classWord(n *html.Node, words ...string) bool {
	for _, t := range p.x.nameTokens(n) {
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
	}
	return false
}

// dropSignatures drops from a forum page's main text the blocks inside
// the posters' signatures: elements with a class or id word holding
// "signature" (the lines each member appends to every post), or a role
// attribute that does (data-role="memberSignature": the class names
// only say how it looks). When no element is named so, the boxes that
// end each post the same way stand in (trailingSigs). The blocks stay as
// they are when fewer than 20 words would be left.
func (p *page) dropSignatures(bs []block) []block {
	spans := p.markedSpans(func(n *html.Node) bool { return p.classWord(n, "signature") || roleSignature(n) })
	if len(spans) == 0 {
		spans = p.trailingSigs()
	}
	return dropSpans(bs, spans, 20)
}

// roleSignature reports whether a role attribute of n (roleAttrs) names
// a signature, in any case.
func roleSignature(n *html.Node) bool {
	for _, a := range n.Attr {
		if roleAttrs[a.Key] && indexFold(a.Val, "signature") >= 0 {
			return true
		}
	}
	return false
}
