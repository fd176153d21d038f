package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reSiteNotice matches the notices a site prints on every page about
// itself rather than about the page's subject, each from the start of
// its block (one anchor for all: an alternation anchored in each branch
// ran ten times slower on lines that match none): a sentence that quotes or discusses one (a forum reply on
// disclosing affiliate links, a licence's own documentation) names it
// further in and stays. A sentence about a subject's licence ("The
// library is licensed under the MIT License") names no page, site or
// text of its own and does not match, nor does a firm's account of its
// fees ("We receive a commission from the insurer when you buy a
// policy"), which names no links.
var reSiteNotice = lazyRE(`(?i)^(?:` +
	// An affiliate disclosure that names the links it is paid for ("We
	// may earn money when you click our links.", "As an Amazon Associate
	// I earn from qualifying purchases", "Disclosure: this post contains
	// affiliate links") and the licence of the site's own text ("Except
	// as otherwise noted, the content of this page is licensed under
	// ..."), after a "Disclosure:" or "Note:" at most.
	`\W*(?:(?:affiliate )?(?:disclosure|disclaimer|note)\s*[:.\-–—]?\s*)?(?:` +
	`we (?:may )?(?:earn|receive|get) (?:money|a (?:small )?commission|commissions|compensation)\b[^.]{0,60}\blinks?\b|` +
	`as an amazon associate\b|` +
	`(?:this|our) (?:post|page|article|site|website|content) (?:may )?contains? affiliate links\b|` +
	`(?:(?:except|unless) (?:as |where )?otherwise (?:noted|stated|indicated),? )?(?:(?:the|all) )?(?:content|text|material|documentation)s? (?:of|on) this (?:page|site|website|wiki) (?:is|are) (?:available|licensed|published) under\b)|` +
	// "Text is available under the Creative Commons ... License".
	`(?:except (?:as|where) otherwise noted,? )?(?:the )?(?:content|text) (?:is|are) (?:available|licensed) under (?:the |a )?(?:creative commons|cc[- ]by)\b|` +
	// An account box's "Already have an account? Sign in".
	`already (?:have|a)\b[^.?]{0,40}\?\s*(?:sign|log) ?in\b|` +
	// The site's app, alone or glued to its slogan ("Download the App
	// Get your news faster ..."; not an instruction that goes on:
	// "Download the app, open the map ...").
	`(?:download|get|install) (?:the|our) (?:free )?(?:[\w+&'-]+ ){0,2}app\b(?:\s+(?-i:\p{Lu})[^.,;?!]{0,60})?[.!]?$|` +
	// What free registration unlocks ("Register for free site membership
	// to access ...", "Unlock advanced filters by registering for free!").
	`(?:register|registering|sign up|signing up|join|joining) (?:for )?free\b[^.]{0,60}\bto (?:access|unlock|save|compare|see|get)\b|` +
	`unlock\b[^.]{0,60}\bby (?:registering|signing up|subscribing|joining)\b|` +
	// A board's notice that a thread is closed, whole ("This topic was
	// automatically closed after 30 days. New replies are no longer
	// allowed."; not a reply that goes on: "This thread was closed by
	// mistake, can a moderator reopen it?").
	`(?:this|the) (?:topic|thread|discussion|question) (?:was|has been|is(?: now)?) (?:automatically )?(?:closed|locked|archived)(?: (?:after|on|since) [^.,?]{1,30})?\.?(?:\s*(?:new )?replies are no longer (?:allowed|accepted)\.?)?$|` +
	`(?:ce sujet|cette discussion) (?:a été|est) (?:automatiquement )?(?:fermée?|verrouillée?)(?:[ ,][^.,?]{0,30})?\.?$|` +
	`(?:dieses thema|dieser thread|diese diskussion) (?:wurde|ist) (?:automatisch )?(?:geschlossen|gesperrt)\b[^.,?]{0,30}\.?$|` +
	`(?:este tema|este hilo|esta discusión) (?:fue|ha sido|está) (?:automáticamente )?(?:cerrad[oa]|bloquead[oa])\b[^.,?]{0,30}\.?$)`)

// reNoticeSubject matches a page title whose subject is what the site's
// notices are about (a licence, copyright, affiliate links, a
// disclosure policy): there the notices' sentences are the text.
var reNoticeSubject = lazyRE(`(?i)\b(?:licen[cs]\w*|copyrights?|affiliates?|disclosures?)\b`)

// isSiteNotice reports whether a block of 60 words or fewer is such a
// notice (reSiteNotice).
func isSiteNotice(t string) bool {
	if len(t) > 500 || numFields(t) > 60 {
		return false
	}
	return reSiteNotice.MatchString(strings.TrimSpace(t))
}

// dropSiteNotices returns the blocks of a page that is not an article
// without the site's notices (isSiteNotice), as its other chrome goes
// (dropChrome). Headings stay, and so do the items of a numbered list:
// "Install the Authenticator app" is a step of a how-to. On a page whose
// title names their subject (reNoticeSubject: "Licensing your docs",
// "Affiliate disclosure") nothing goes. A quoted block stays too: a
// notice in a <blockquote> is one a writer quotes (a poster asking why
// their thread was closed), not the site printing it.
func (p *page) dropSiteNotices(bs []block) []block {
	if reNoticeSubject.MatchString(p.titleTag) {
		return bs
	}
	return dropBlocks(bs, func(b block) bool {
		return !b.heads() && b.kind != kindQuote && !(b.kind == kindItem && !b.item) && isSiteNotice(b.text)
	})
}

// reClosingNotice matches a site's legal notice that sends the reader to
// the site's own policies ("For more information, please review our
// Terms of Service.", "... consultez notre politique de
// confidentialité"), as the last sentence of its block: the site's words
// about itself, printed at the foot of every page. A sentence that only
// names a policy ("The new privacy policy takes effect in May") does not
// match, nor does one that goes on after the policy's name.
var reClosingNotice = lazyRE(`(?i)(?:\b(?:for (?:more|further) (?:information|details)|(?:please )?(?:see|review|read|refer to|visit|consult) our|learn more in our)\b[^.]{0,40}\b(?:privacy (?:policy|notice|statement)|terms (?:of (?:service|use)|and conditions|& conditions)|cookie policy)|\b(?:consultez|voir|lisez) notre (?:politique de confidentialité|politique (?:relative aux|de) cookies|conditions générales(?: d'utilisation| de vente)?)|\b(?:siehe|lesen sie) unsere (?:datenschutzerklärung|nutzungsbedingungen|agb)|\b(?:consulta|lee|visita) nuestr[ao]s? (?:política de privacidad|política de cookies|términos y condiciones))[.!)\s]*$`)

// reLegalSubject matches the title of a page whose subject is the site's
// policies or legal notices (a privacy policy, a refund policy, terms,
// an imprint, in en, fr, de, es; "Politique" or "Política" alone is a
// politics section): there such sentences are the text.
var reLegalSubject = lazyRE(`(?i)\b(?:privacy|polic(?:y|ies)|terms|cookies?|legal|conditions|licen[cs]\w*|disclaimer|imprint|gdpr|confidentialit|mentions légales|politique (?:de|des|d'|relative)|datenschutz\w*|impressum|agb|nutzungsbedingungen|richtlinie\w*|privacidad|política de|términos|condiciones|aviso legal)\b`)

// dropClosingNotice returns the blocks of a page that is not an article
// without their last block when it is such a notice (reClosingNotice)
// of 80 words and two sentences or fewer, and no heading or quote: where
// a page's main text runs on into its footer, the footer's legal line
// (what the firm is or collects, then where its policies are) is the
// last thing it takes, and the block must lie in that footer (inFooter):
// the last answer of an FAQ that ends "For details, see our Terms of
// Use." is the page's own; a paragraph of three sentences or more that ends
// by pointing to the terms (an answer about refunds) is the page's own.
// The same sentence higher up is the page's own (a service explaining
// its terms) and stays, as it does on a page about the policies
// (reLegalSubject).
func (p *page) dropClosingNotice(bs []block) []block {
	if n := len(bs); p.closingNotice(bs) && p.inFooter(bs[n-1]) {
		return bs[:n-1]
	}
	return bs
}

// closingNotice reports whether the last block of bs reads as such a
// notice, wherever it lies.
func (p *page) closingNotice(bs []block) bool {
	n := len(bs)
	if n < 2 || bs[n-1].heads() || bs[n-1].kind == kindQuote || reLegalSubject.MatchString(p.titleTag) {
		return false
	}
	t := bs[n-1].text
	return numFields(t) <= 80 && sentenceBreaks(t, 2) < 2 && reClosingNotice.MatchString(t)
}

// inFooter reports whether block b lies in the page's footer: a
// <footer> that is no article's or section's own, an element of role
// contentinfo, or one named as the page's footer (isFooterBox).
func (p *page) inFooter(b block) bool {
	if p.x == nil {
		return false
	}
	for n := p.blockNode(b); n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.DataAtom == atom.Article || n.DataAtom == atom.Section:
			return false
		case n.DataAtom == atom.Footer, attr(n, "role") == "contentinfo", isFooterBox(n):
			return true
		}
	}
	return false
}
