package extract

import "strings"

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
	`unlock\b[^.]{0,60}\bby (?:registering|signing up|subscribing|joining)\b)`)

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
// "Affiliate disclosure") nothing goes.
func (p *page) dropSiteNotices(bs []block) []block {
	if reNoticeSubject.MatchString(p.titleTag) {
		return bs
	}
	return dropBlocks(bs, func(b block) bool {
		return !b.heads() && !(b.kind == kindItem && !b.item) && isSiteNotice(b.text)
	})
}
