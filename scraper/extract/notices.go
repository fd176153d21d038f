package extract

import "strings"

// reSiteNotice matches the notices a site prints on every page about
// itself rather than about the page's subject: an affiliate disclosure,
// which names the links it is paid for ("We may earn money when you
// click our links.", "As an Amazon
// Associate I earn from qualifying purchases", "This post contains
// affiliate links"), the licence of the site's own text ("Except as
// otherwise noted, the content of this page is licensed under the
// Creative Commons Attribution 4.0 License", "Text is available under
// the Creative Commons ... License") and the sign-in prompt of an
// account box ("Already have an account? Sign in"), the site's app
// advertised, alone or glued to its slogan ("Download the App Get your
// news faster ..."; not an instruction that goes on: "Download the app,
// open the map ...") and the
// features free registration unlocks ("Register for free site
// membership to access ...", "Unlock advanced filters by registering for
// free!"). A sentence about a
// subject's licence ("The library is licensed under the MIT License")
// names no page, site or text of its own and does not match, nor does
// a firm's account of its fees ("We receive a commission from the
// insurer when you buy a policy"), which names no links.
var reSiteNotice = lazyRE(`(?i)\bwe (?:may )?(?:earn|receive|get) (?:money|a (?:small )?commission|commissions|compensation)\b[^.]{0,60}\blinks?\b|\bas an amazon associate\b|\b(?:this|our) (?:post|page|article|site|website|content) (?:may )?contains? affiliate links\b|\b(?:content|text|material|documentation)s? (?:of|on) this (?:page|site|website|wiki) (?:is|are) (?:available|licensed|published) under\b|^(?:except (?:as|where) otherwise noted,? )?(?:the )?(?:content|text) (?:is|are) (?:available|licensed) under (?:the |a )?(?:creative commons|cc[- ]by)\b|^already (?:have|a)\b[^.?]{0,40}\?\s*(?:sign|log) ?in\b|^(?:download|get|install) (?:the|our) (?:free )?(?:[\w+&'-]+ ){0,2}app\b(?:\s+(?-i:\p{Lu})[^.,;?!]{0,60})?[.!]?$|\b(?:register|registering|sign up|signing up|join|joining) (?:for )?free\b[^.]{0,60}\bto (?:access|unlock|save|compare|see|get)\b|^unlock\b[^.]{0,60}\bby (?:registering|signing up|subscribing|joining)\b`)

// isSiteNotice reports whether a block of 60 words or fewer is such a
// notice (reSiteNotice): the page's text leaves it out with the rest of
// the site's chrome (dropChrome).
func isSiteNotice(t string) bool {
	if len(t) > 500 || numFields(t) > 60 {
		return false
	}
	return reSiteNotice.MatchString(strings.TrimSpace(t))
}

// dropSiteNotices returns the blocks without the site's notices
// (isSiteNotice) but for headings: the cleaning dropChrome gives the
// block model's text, for a body that is the main text of a page that
// is not an article.
func dropSiteNotices(bs []block) []block {
	return dropBlocks(bs, func(b block) bool { return !b.heads() && isSiteNotice(b.text) })
}
