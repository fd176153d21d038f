package extract

import (
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nodeInfo holds what the content scorer knows about one element.
type nodeInfo struct {
	text     int     // non-space bytes of visible text below
	link     int     // of which inside links
	commas   int     // commas below
	para     int     // text bytes inside paragraph elements below
	own      int     // non-link text bytes in text and inline children
	ownComma int     // commas in those
	score    float64 // readability-style content score
	scored   bool    // score was initialised
	junk     bool    // subtree is boilerplate and skipped
	negative bool    // class or id names boilerplate
	picture  bool    // a picture box in the article body (pictureBox): not its text
	positive bool    // class or id names article content
	block    bool    // has block-level element children
	body     bool    // itemprop=articleBody or a strong body class
	comment  bool    // class or id names comments, or a comment heading opens it
	opensCmt bool    // the subtree's first text is a comment section's heading
	cmtLine  bool    // that heading is a line set as no heading (isCommentLine)
	teaser   bool    // dropped only for naming a teaser: content on a listing
	story    bool    // dropped as another story beside the body found (dropOtherStories)
	consent  bool    // class or id names a cookie or consent dialog
	cmtRun   bool    // comment marks a run of comment-shaped children (commentrun.go)
	stamps   int32   // time stamps below (noteCommentSigns)
	replies  int32   // reply controls below (noteCommentSigns)
}

// contentTag classifies element tags for the content walk.
type tagClass uint8

const (
	tagInline tagClass = iota
	tagBlock
	tagSkip // never content: scripts, forms controls, navigation
)

func classifyTag(a atom.Atom) tagClass {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg,
		atom.Iframe, atom.Object, atom.Embed, atom.Canvas, atom.Video, atom.Audio,
		atom.Map, atom.Button, atom.Input, atom.Select, atom.Textarea, atom.Option,
		atom.Nav, atom.Footer, atom.Aside, atom.Header, atom.Figcaption, atom.Head,
		atom.Meta, atom.Link, atom.Title, atom.Label, atom.Dialog, atom.Menu, atom.Picture,
		atom.Source, atom.Track, atom.Img, atom.Frameset, atom.Frame, atom.Applet, atom.Rt, atom.Rp:
		return tagSkip
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Blockquote, atom.Pre, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr,
		atom.Td, atom.Th, atom.Caption, atom.Figure, atom.Hr, atom.Br, atom.Address, atom.Center,
		atom.Form, atom.Fieldset, atom.Details, atom.Summary, atom.Body, atom.Html, atom.Hgroup:
		return tagBlock
	}
	return tagInline
}

// writingForm reports whether n is a form that holds a <textarea>: a
// form to write a comment, a review or a message, whose lines are notes
// to the writer ("Your email address will not be published", "Required
// fields are marked *") and never the page's text. Its labels and
// controls are skipped as every form's are (classifyTag); a form of
// one-line fields (a search, a sign-up, a basket's quantity) may hold
// the page's own lines, and stays (branch ex35cm: a shop's hidden review
// tab put the notes of its review form into a product's text). A form
// around the page (ASP.NET wraps every page in one) holds its headings
// or much text, and is not one; nor is one that holds more than
// writingFormRuns runs of prose, at any depth: a short story or a
// thread's posts in a page's form, under the size limit, its headline
// nested deeper than holdsTag looks or not a heading at all (branch
// review35c: such a story with a comment box lost all its text).
func writingForm(n *html.Node) bool {
	return n.DataAtom == atom.Form && holdsTag(n, 0, atom.Textarea) && !textOver(n, writingFormBytes, nil) &&
		!deepHeading(n) && proseRuns(n, writingFormRuns+1) <= writingFormRuns
}

// writingFormRuns is the most runs of prose (proseRuns) a form to write
// in holds: its notes and a disclaimer; a story has more paragraphs.
const writingFormRuns = 2

// proseRunBytes is the own text of an element that proseRuns counts: a
// paragraph of a story or a post's body; a form's notes, a consent's
// label ("Save my name, email, and website in this browser for the next
// time I comment.") and a line repeated beside a checkbox are shorter.
const proseRunBytes = 120

// deepHeading reports whether n holds an <h1>, <h2>, <main> or
// <article> at any depth (holdsTag stops at depth 8, and a page's
// nested tables reach further).
func deepHeading(n *html.Node) bool {
	found := false
	walkElements(n, func(c *html.Node) bool {
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.Main, atom.Article:
			found = c != n
		}
		return !found
	})
	return found
}

// proseRuns counts the elements under n whose own text, outside their
// child elements, is a paragraph's length (proseRunBytes or more): a
// story's paragraph or a post's body, not a label or a button. It stops
// at max.
func proseRuns(n *html.Node, max int) int {
	k, own := 0, 0
	for c := n.FirstChild; c != nil && k < max; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			own += len(strings.TrimSpace(c.Data))
		case c.Type == html.ElementNode && c.DataAtom != atom.A && !textless(c.DataAtom):
			k += proseRuns(c, max-k)
		}
	}
	if own >= proseRunBytes && k < max {
		k++
	}
	return k
}

// writingFormBytes is the most text outside links of a form writingForm
// takes for one to write in: its notes and a firm's disclaimer, not a
// page's text.
const writingFormBytes = 3000

// skipCustom lists custom elements (AMP and common web components) that
// never hold article text.
var skipCustom = map[string]bool{
	"amp-ad": true, "amp-embed": true, "amp-sticky-ad": true, "amp-sidebar": true, "amp-analytics": true,
	"amp-consent": true, "amp-social-share": true, "amp-user-notification": true, "amp-geo": true,
	"amp-pixel": true, "amp-auto-ads": true, "amp-iframe": true, "amp-video": true, "amp-img": true,
	"amp-carousel": true, "amp-lightbox": true, "amp-list": true, "amp-state": true, "amp-bind-macro": true,
	"amp-script": true, "amp-access": true, "amp-web-push": true,
}

// Class and id words that mark boilerplate.
var negativeWords = map[string]bool{
	"share": true, "sharing": true, "shares": true, "sharebar": true, "social": true, "socials": true,
	"related": true, "recommended": true, "recommendations": true, "recirc": true, "recirculation": true,
	"newsletter": true, "newsletters": true, "subscribe": true, "subscription": true, "signup": true,
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"comment": true, "comments": true, "disqus": true, "respond": true, "reply": true,
	"advert": true, "advertisement": true, "advertising": true, "ad": true, "ads": true, "adslot": true,
	"adunit": true, "dfp": true, "gpt": true, "sponsored": true, "sponsor": true, "promo": true, "promotion": true,
	"promoted": true, "outbrain": true, "taboola": true,
	"byline": true, "bylines": true, "author": true, "authors": true, "bio": true, "contributor": true,
	"caption": true, "captions": true, "credit": true, "credits": true, "figcaption": true,
	"breadcrumb": true, "breadcrumbs": true, "nav": true, "navbar": true, "navigation": true, "menu": true,
	"footer": true, "sidebar": true, "widget": true, "widgets": true, "popup": true, "modal": true,
	"overlay": true, "toolbar": true, "tools": true, "print": true, "skip": true, "hidden": true, "hide": true,
	"sr": true, "tags": true, "tag": true, "keywords": true, "topics": true, "trending": true, "popular": true,
	"readmore": true, "meta": true, "dateline": true, "timestamp": true, "date": true, "header": true,
	"masthead": true, "pagination": true, "pager": true, "login": true, "signin": true,
	"rating": true, "survey": true, "feedback": true, "aside": true, "disclaimer": true, "copyright": true,
	"gallery": true, "slideshow": true, "carousel": true, "follow": true,
	"slider": true, "recent": true, "excerpt": true, "banner": true, "teaser": true, "teasers": true, "newsfeed": true, "offscreen": true, "invisible": true,
}

// Class and id words that mark article content.
var positiveWords = map[string]bool{
	"article": true, "body": true, "content": true, "entry": true, "main": true, "post": true,
	"text": true, "story": true, "blog": true, "articlebody": true, "prose": true, "rich": true,
}

// Class and id words strong enough to pick the article body.
var bodyWords = map[string]bool{"articlebody": true, "storybody": true, "entrycontent": true,
	"postcontent": true, "articlecontent": true, "articletext": true, "storytext": true,
	"bodytext": true, "postbody": true, "contentbody": true, "storycontent": true, "entrybody": true,
	"articlebodytext": true, "textcontent": true, "postentry": true, "richtext": true, "newsbody": true,
}

// bemContent are the element names of a BEM class ("block__element")
// that name the block's own content: "article-body__content" is the
// article body's text, where "article-body__share" is a part of it that
// is not.
var bemContent = map[string]bool{"content": true, "text": true, "inner": true, "wrapper": true, "wrap": true, "container": true, "main": true, "body": true}

// bemBody reports whether a class name is a BEM element of a body block
// that holds the block's content ("article-body__content",
// "story-body__inner--wide"): the joined name is not a body word, the
// block's name is.
func bemBody(f string) bool {
	i := strings.Index(f, "__")
	if i <= 0 {
		return false
	}
	el := f[i+2:]
	if j := strings.Index(el, "--"); j >= 0 {
		el = el[:j]
	}
	return bodyWords[joinedLower(f[:i])] && bemContent[joinedLower(el)]
}

// paragraph is a scored text unit: a paragraph element, or the loose
// text of a container (self) as in <div>text<br>text<div>..</div></div>.
type paragraph struct {
	n      *html.Node
	text   int
	commas int
	self   bool
}

type contentExtractor struct {
	idx   map[*html.Node]int32
	infos []nodeInfo
	nodes []*html.Node // element nodes in document order, parallel to infos
	h1s   []int32      // indices in nodes of the <h1> elements
	// essays keeps the page's photo-essay counts by node (essayCaption).
	essays essayMemo
	// df keeps pageDF's counts: three rules weigh words by them, some on
	// every candidate, and the paragraphs change only with a new analysis.
	df dfMemo
	// declared tells whether the page declares an article in its
	// metadata (declaresArticleMeta; see declares).
	declared bool
	// thread tells whether the page declares itself a thread or a live
	// blog (declaresThread): its signed, stamped pieces are its content.
	thread     bool
	paras      []paragraph
	toks       []string
	memo       attrMemosByClassOrID // class and id values seen, across pages
	memoToks   []string             // the tokens of memo's entries
	memoMarks  []tokMark            // their marks, parallel to memoToks
	marks      []tokMark            // classify's tokens' marks
	total      int                  // page text bytes in paragraphs outside comment sections
	fullTotal  int                  // page text bytes in paragraphs
	hiddenTop  *html.Node           // largest hidden subtree the walk dropped (hydrate.go)
	hiddenText int                  // its text bytes
	segments   []*html.Node         // hidden streamed segments kept as content (stream.go)
	copyrights []*html.Node         // parents of short copyright notices (footer.go)
	footers    [][2]int32           // document-order spans of the footers markFooters dropped
	mainNode   *html.Node           // the page's first <main> (holdsMain), once mainFound
	mainFound  bool
	// host is the page's site (siteOf: its registrable domain), or ""
	// when the page has no address: links elsewhere lead to other sites
	// (otherSiteItems).
	host string
	// core is the best candidate before it was moved to the ancestor of
	// a split body or widened (coherence.go).
	core *html.Node
	// picked is the candidate before widen moved it (coherence.go).
	picked *html.Node
	// dropActions is set once the page is typed an article: the
	// recall nets' blocks then lose the site's calls to action too
	// (dropActionLines).
	dropActions actionDrop
	// actionTopic is the headline's subject on an undated article: a
	// call to action that names it stays (namesTopic).
	actionTopic map[string]bool
	// stamps and replies count the comment signs seen so far in the
	// walk (noteCommentSigns).
	stamps, replies int32
}

// extractors recycles the scorer's tables between pages: they are sized
// by the page and would otherwise be the largest allocation after the
// parse tree.
var extractors = sync.Pool{New: func() any {
	return &contentExtractor{idx: make(map[*html.Node]int32, 2048), infos: make([]nodeInfo, 0, 2048), essays: essayMemo{}}
}}

func getExtractor() *contentExtractor { return extractors.Get().(*contentExtractor) }

// putExtractor clears x, dropping its references to the page, and
// returns it to the pool. Tables grown past 64k nodes are not kept.
func putExtractor(x *contentExtractor) {
	if len(x.infos) > 1<<16 {
		return
	}
	clear(x.idx)
	clear(x.nodes)
	clear(x.paras)
	clear(x.essays)
	x.infos, x.nodes, x.paras, x.toks, x.h1s = x.infos[:0], x.nodes[:0], x.paras[:0], x.toks[:0], x.h1s[:0]
	x.total, x.fullTotal, x.df = 0, 0, dfMemo{}
	x.hiddenTop, x.hiddenText = nil, 0
	clear(x.segments)
	x.segments = x.segments[:0]
	x.declared, x.thread = false, false
	x.host = ""
	clear(x.copyrights)
	x.copyrights, x.footers = x.copyrights[:0], x.footers[:0]
	x.mainNode, x.mainFound = nil, false
	x.core, x.picked = nil, nil
	x.stamps, x.replies = 0, 0
	x.dropActions, x.actionTopic = keepActions, nil
	extractors.Put(x)
}

func (x *contentExtractor) info(n *html.Node) *nodeInfo {
	i, ok := x.idx[n]
	if !ok {
		return nil
	}
	return &x.infos[i]
}

// collapsedPanel reports whether an element hidden from assistive
// technology is the panel of an accordion or a disclosure, labelled by
// the control that opens it (aria-labelledby): its text is shown on a
// click, as the answers of a page's questions are.
func collapsedPanel(n *html.Node) bool {
	return hasAttr(n, "aria-labelledby") && n.DataAtom != atom.Nav && attr(n, "role") != "menu" && attr(n, "role") != "dialog"
}

// isHidden reports whether the element is hidden from readers.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" && !collapsedPanel(n) && !isShownCopyLink(n) {
				return true
			}
		case "style":
			if styleHides(a.Val) {
				return true
			}
		}
	}
	return false
}

// copyLinkMaxBytes bounds the text isShownCopyLink reads of a link and
// of its neighbours; copyLinkMinWords is the fewest words of a teaser
// it reads (a shorter hidden link is a name or a button's words, a copy
// of what the card shows elsewhere); copyLinkSiblings is how many
// neighbours on each side it compares.
const (
	copyLinkMaxBytes = 2000
	copyLinkMinWords = 8
	copyLinkSiblings = 3
)

// isShownCopyLink reports whether an element hidden from assistive
// technology is a link taken out of the tab order (tabindex -1) that the
// eye still reads: a card's teaser (copyLinkMinWords words or more)
// linked a second time to the story its linked title opens, hidden from
// screen readers only so that they do not read two links to one place.
// It is not when a neighbour of the link, or of the wrappers that hold
// the link alone (an overlay's <div>), says its text already or most of
// it (a heading's words wrapped again in an overlay link, "Read more:"
// and the title): a copy for the mouse. Nor is it when the link sits
// beside another such link: the slides of a carousel, whose clones say
// the real slides' text again, or the items of a closed menu. A few
// neighbours, their text bounded: linear.
func isShownCopyLink(n *html.Node) bool {
	if !isTabHiddenLink(n) {
		return false
	}
	t := strings.ToLower(textUpTo(n))
	words := countWords(t)
	if words < copyLinkMinWords {
		return false
	}
	for _, s := range []*html.Node{nonBlank(n.PrevSibling, false), nonBlank(n.NextSibling, true)} {
		if s != nil && isTabHiddenLink(s) {
			return false
		}
	}
	w := n
	for w.Parent != nil && w.Parent.Type == html.ElementNode && w.Parent.DataAtom != atom.Body &&
		nonBlank(w.PrevSibling, false) == nil && nonBlank(w.NextSibling, true) == nil {
		w = w.Parent
	}
	return !neighbourSays(w.PrevSibling, false, t, words) && !neighbourSays(w.NextSibling, true, t, words)
}

// isTabHiddenLink reports whether n is a link hidden from assistive
// technology and taken out of the tab order.
func isTabHiddenLink(n *html.Node) bool {
	return n.DataAtom == atom.A && attr(n, "tabindex") == "-1" && attr(n, "aria-hidden") == "true"
}

// neighbourSays reports whether one of the copyLinkSiblings siblings
// from s on (next) or back says t (lower-case, of words words) or most
// of it, in any case.
func neighbourSays(s *html.Node, next bool, t string, words int) bool {
	for i := 0; i < copyLinkSiblings; i++ {
		if s = nonBlank(s, next); s == nil {
			return false
		}
		st := strings.ToLower(textUpTo(s))
		if strings.Contains(st, t) || 2*countWords(st) >= words && strings.Contains(t, st) {
			return true
		}
		if next {
			s = s.NextSibling
		} else {
			s = s.PrevSibling
		}
	}
	return false
}

// nonBlank returns s or, if it is white space, the first sibling after
// it (next) or before it that is not; nil when none is.
func nonBlank(s *html.Node, next bool) *html.Node {
	for s != nil && s.Type == html.TextNode && strings.TrimSpace(s.Data) == "" {
		if next {
			s = s.NextSibling
		} else {
			s = s.PrevSibling
		}
	}
	return s
}

// textUpTo returns the whitespace-normalised text of n, its first
// copyLinkMaxBytes bytes.
func textUpTo(n *html.Node) string {
	var b strings.Builder
	nodeTextUpTo(&b, n, copyLinkMaxBytes)
	return cleanSpace(b.String())
}

// styleHides reports whether an inline style hides its element.
func styleHides(s string) bool {
	if !strings.Contains(s, "none") && !strings.Contains(s, "hidden") {
		return false
	}
	v := compactStyle(s)
	return strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden")
}

// compactStyle returns an inline style in lower case without spaces,
// so that "Display: None" reads as "display:none".
func compactStyle(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), " ", "")
}

// classify sets negative, positive and body marks from the class, id and
// itemprop of n.
func (x *contentExtractor) classify(n *html.Node, in *nodeInfo) {
	x.marks = x.marks[:0]
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			id := a.Key == "id"
			if id && isHeading(n.DataAtom) {
				// Heading ids are anchors made from the heading's words
				// ("nav_nur_die_folie"), not roles.
				continue
			}
			m := x.attrTokens(a.Val, id)
			k := len(x.marks)
			x.marks = append(x.marks, x.memoMarks[m.start:m.end]...)
			if isHeading(n.DataAtom) && inArticle(n) {
				headingHeader(x.marks[k:], x.memoToks[m.start:m.end])
			}
			in.body = in.body || m.body
			in.negative = in.negative || m.negative
		case "itemprop":
			if a.Val == "articleBody" || a.Val == "text" {
				in.body = true
			}
			in.negative = in.negative || machineStamp(n, a.Val)
		case "role":
			switch a.Val {
			case "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu", "menubar", "toolbar", "search":
				in.negative = true
			}
		}
	}
	x.markTokens(in)
}

// headingHeader clears the boilerplate mark of "header" among the class
// words of a heading inside an <article> or <main>: on an <h2> there
// ("section-header", "b-header") it names what the element is, a heading
// of the story, not the page's banner, whose word sits on a container.
// (Outside them, "block-header" heads a sidebar's or a thread's boxes.)
func headingHeader(marks []tokMark, toks []string) {
	for i, t := range toks {
		if t == "header" {
			marks[i] &^= markNegative
		}
	}
}

// markTokens sets in's negative, comment, consent and positive marks from
// the marks of the class and id tokens classify gathered.
func (x *contentExtractor) markTokens(in *nodeInfo) {
	var all tokMark
	for _, k := range x.marks {
		all |= k
	}
	embed := all&markEmbed != 0
	positive := all&markPositive != 0
	for _, k := range x.marks {
		if embed && k&markEmbedSocial != 0 {
			continue
		}
		if positive && k&markWidget != 0 {
			// "widget Blog", "widget-text": a widget that holds the post.
			continue
		}
		if k&markNegative != 0 {
			in.negative = true
			in.comment = in.comment || k&markComment != 0
			in.consent = in.consent || k&markConsent != 0
		}
		if k&markPositive != 0 {
			in.positive = true
		}
	}
}

// tokMark says what one class or id token means to classify.
type tokMark uint8

const (
	markPositive    tokMark = 1 << iota // in positiveWords
	markNegative                        // in negativeWords
	markComment                         // a comment section's word
	markConsent                         // a cookie banner's word
	markEmbed                           // an embedded post's word
	markEmbedSocial                     // not negative inside an embed
	markWidget                          // not negative beside a positive word
)

// markOf works out t's marks.
func markOf(t string) tokMark {
	var k tokMark
	if positiveWords[t] {
		k |= markPositive
	}
	if negativeWords[t] {
		k |= markNegative
	}
	switch t {
	case "comment", "comments", "disqus", "respond", "reply":
		k |= markComment
	case "cookie", "cookies", "consent", "gdpr":
		k |= markConsent
	case "embed", "embedded", "tweet":
		k |= markEmbed
	case "social", "share", "twitter", "media":
		k |= markEmbedSocial
	case "widget", "widgets":
		k |= markWidget
	}
	return k
}

// attrMemosByClassOrID holds the memos of class values (index 0) and of
// id values (1): two maps keyed by the string alone, which Go looks up
// faster than a map keyed by a struct of the value and a flag.
type attrMemosByClassOrID [2]map[string]attrMemo

// attrMemo is what classify reads from one class or id value: its tokens
// (memoToks[start:end]) and whether a joined form marks a body or a
// negative block.
type attrMemo struct {
	start, end     int32
	body, negative bool
}

// memoMax bounds the class and id values an extractor remembers; a site's
// templates repeat far fewer.
const memoMax = 4096

// attrTokens returns the tokens and marks of a class or id value, worked
// out once per value: pages of a site repeat their templates' values.
func (x *contentExtractor) attrTokens(v string, id bool) attrMemo {
	memo := &x.memo[0]
	if id {
		memo = &x.memo[1]
	}
	if m, ok := (*memo)[v]; ok {
		return m
	}
	if *memo == nil {
		*memo = make(map[string]attrMemo, 256)
	}
	if len(x.memo[0])+len(x.memo[1]) >= memoMax || len(x.memoToks) >= 8*memoMax {
		// Keeps the tables: the next pages fill them again.
		clear(x.memo[0])
		clear(x.memo[1])
		x.memoToks = x.memoToks[:0]
		x.memoMarks = x.memoMarks[:0]
	}
	start := len(x.memoToks)
	if id {
		x.memoToks = classTokens(x.memoToks, v)
	} else {
		x.memoToks = roleClassTokens(x.memoToks, v)
	}
	for _, t := range x.memoToks[start:] {
		x.memoMarks = append(x.memoMarks, markOf(t))
	}
	m := attrMemo{start: int32(start), end: int32(len(x.memoToks))}
	// Joined forms such as "article-body" or "entry_content", and a BEM
	// element of a body block ("article-body__content", bemBody). A "read
	// more" name followed by a content word ("read-more-content",
	// "read-more__text") is the expander that holds the rest of the
	// text, not a link to more.
	for _, f := range strings.Fields(v) {
		if bemBody(f) {
			m.body = true
		}
		f = joinedLower(f)
		if bodyWords[f] {
			m.body = true
		}
		if strings.HasPrefix(f, "share") || strings.HasPrefix(f, "related") || strings.HasPrefix(f, "social") || strings.HasPrefix(f, "newsletter") || strings.HasPrefix(f, "readmore") && !positiveWords[f[len("readmore"):]] || strings.HasPrefix(f, "mostread") || strings.HasPrefix(f, "mostpopular") {
			m.negative = true
		}
	}
	(*memo)[v] = m
	return m
}

// analyze computes text sizes below n, post-order.
func (x *contentExtractor) analyze(n *html.Node, inLink bool) (text, link, commas, para int) {
	switch n.Type {
	case html.TextNode:
		text, commas = textSize(n.Data)
		if inLink {
			link = text
		}
		x.noteCopyright(n)
		x.noteCommentSigns(n, text)
		return text, link, commas, 0
	case html.ElementNode, html.DocumentNode:
	default:
		return 0, 0, 0, 0
	}
	i := int32(len(x.infos))
	x.infos = append(x.infos, nodeInfo{})
	x.nodes = append(x.nodes, n)
	if n.DataAtom == atom.H1 {
		x.h1s = append(x.h1s, i)
	}
	x.idx[n] = i
	stamps, replies := x.stamps, x.replies
	// Page regions (asides, navigation, banners) and hidden elements are
	// judged after their children are counted: malformed markup can nest
	// the whole body in an unclosed <aside>, and streaming renderers send
	// the body hidden until a script moves it into place.
	deferred, hiddenAttr := false, false
	if n.Type == html.ElementNode {
		skip := classifyTag(n.DataAtom) == tagSkip && !(n.DataAtom == atom.Header && inArticle(n)) && !accordionButton(n) && !storyCaption(n, x.essays) || n.DataAtom == 0 && skipCustom[n.Data] || writingForm(n)
		if skip && !isRegion(n.DataAtom) && !(n.DataAtom == atom.Noscript && hasElementChild(n)) {
			x.infos[i].junk = true
			if n.DataAtom == atom.Button {
				x.noteCommentSigns(n, 0)
			}
			return 0, 0, 0, 0
		}
		hidden := isHidden(n)
		if hidden && !hasAttr(n, "hidden") {
			// Hidden by style or for assistive technology: copies of the
			// text for machines, menus, dialogs; or the whole page
			// before hydration (hydrate.go).
			x.infos[i].junk = true
			t, l := hiddenSize(n, inLink)
			x.noteHidden(n, t, l)
			return 0, 0, 0, 0
		}
		deferred, hiddenAttr = skip || hidden, hidden && !skip
		if n.DataAtom == atom.A {
			inLink = true
		}
	}
	var block bool
	var own, ownComma int
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t, l, cm, p := x.analyze(c, inLink)
		text += t
		link += l
		commas += cm
		para += p
		if c.Type == html.ElementNode && classifyTag(c.DataAtom) != tagInline && c.DataAtom != atom.Br {
			block = true
		} else {
			own += t - l
			ownComma += cm
		}
	}
	in := &x.infos[i]
	in.text, in.link, in.commas, in.block = text, link, commas, block
	in.own, in.ownComma = own, ownComma
	if n.Type == html.ElementNode {
		x.noteCommentSigns(n, text)
		in.stamps, in.replies = x.stamps-stamps, x.replies-replies
		x.classify(n, in)
		x.noteCommentHeading(n, in)
		x.noteCommentRun(n, in)
		if deferred && !x.holdsContent(n, in, para) {
			if hiddenAttr {
				x.noteHidden(n, text, link)
			}
			in.junk = true
			return 0, 0, 0, 0
		}
		if hiddenAttr && strings.HasPrefix(attr(n, "id"), "S:") {
			// A streamed segment kept as content (stream.go).
			x.segments = append(x.segments, n)
		}
		para = paraSize(n.DataAtom, text-link, own, para, block)
	}
	in.para = para
	return text, link, commas, para
}

// textSize counts a text's bytes that are not white space or control
// characters, and its commas (Latin, Arabic and CJK ones).
func textSize(d string) (text, commas int) {
	for i := 0; i < len(d); i++ {
		c := d[i]
		if c > ' ' {
			text++
			switch {
			case c == ',':
				commas++
			case c == 0xd8 && i+1 < len(d) && d[i+1] == 0x8c: // ، Arabic comma
				commas++
			case c == 0xe3 && i+2 < len(d) && d[i+1] == 0x80 && d[i+2] == 0x81: // 、
				commas++
			case c == 0xef && i+2 < len(d) && d[i+1] == 0xbc && d[i+2] == 0x8c: // ，
				commas++
			}
		}
	}
	return text, commas
}

// paraSize gives an element's paragraph text: all its unlinked text for
// a paragraph or a container of inline content only; for a container of
// blocks, its children's paragraph text (para) plus its own loose text
// when that is a sentence's worth (25 bytes).
func paraSize(a atom.Atom, unlinked, own, para int, block bool) int {
	switch a {
	case atom.P, atom.Pre:
		return unlinked
	case atom.Div, atom.Section, atom.Td, atom.Blockquote, atom.Article, atom.Main, atom.Span, atom.Font, atom.Center:
		if !block {
			return unlinked
		} else if own >= 25 {
			return para + own
		}
	}
	return para
}

// isRegion reports whether a never-content tag names a region of the
// page that malformed markup can wrap around the content.
func isRegion(a atom.Atom) bool {
	return a == atom.Aside || a == atom.Nav || a == atom.Header || a == atom.Footer
}

// holdsContent reports whether a page region or a hidden element, whose
// subtree is counted in in (para: its paragraph text), holds content after all: a region that wraps
// the page's <main> (an unclosed <aside> before it), an unlinked short
// aside inside an article (a pull quote), or an element with the hidden
// attribute made of paragraphs of prose rather than menus and dialogs (a
// body sent ahead of the script that moves it into place).
func (x *contentExtractor) holdsContent(n *html.Node, in *nodeInfo, para int) bool {
	if n.DataAtom == atom.Noscript {
		return para >= 400 && in.link*4 < in.text && !x.copiesPrevious(n, in)
	}
	if isRegion(n.DataAtom) {
		if hasMain(n, 0) {
			return true
		}
		// An <aside> left unclosed before the article swallowed all
		// after it, up to its parent's end: it is its parent's last
		// element, and holds the headline or the body under a quarter
		// linked, or, on a page that declares an article, a story's
		// worth of paragraphs (strongBody: the body's block without a
		// name or a headline) under half linked (the site's column of
		// links swallowed with it).
		if n.DataAtom == atom.Aside && para >= 400 && !in.comment && nextElementSibling(n) == nil {
			if in.link*4 < in.text && x.holdsArticle(n, 0, x.proseBefore(n)) || para >= strongBody && in.link*2 < in.text && x.declared {
				return true
			}
		}
		return n.DataAtom == atom.Aside && in.link == 0 && in.text > 0 && in.text < 400 && !in.negative && (inArticle(n) || betweenParagraphs(n))
	}
	return para >= 400 && in.link*4 < in.text && !in.negative
}

// hasElementChild reports whether n has an element child: a <noscript>
// read as markup rather than as text.
func hasElementChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return true
		}
	}
	return false
}

// copiesPrevious reports whether a <noscript> holds the same text as
// the element before it (the same length within a fiftieth, the same
// first and last edgeBytes bytes, spaces aside): the text sent twice,
// once for scripts and once for readers without them.
func (x *contentExtractor) copiesPrevious(n *html.Node, in *nodeInfo) bool {
	p := prevElementSibling(n)
	if p == nil {
		return false
	}
	pi := x.info(p)
	if pi == nil || pi.junk {
		return false
	}
	d := pi.text - in.text
	if d*50 > in.text || -d*50 > in.text {
		return false
	}
	return string(x.edgeText(p, false, nil)) == string(x.edgeText(n, false, nil)) &&
		string(x.edgeText(p, true, nil)) == string(x.edgeText(n, true, nil))
}

// edgeBytes is how much text at each end of two elements copiesPrevious
// compares.
const edgeBytes = 200

// edgeText appends to b the first edgeBytes bytes of the text of n
// outside junk subtrees, spaces left out; fromEnd: the last ones, in
// reverse order.
func (x *contentExtractor) edgeText(n *html.Node, fromEnd bool, b []byte) []byte {
	c := n.FirstChild
	if fromEnd {
		c = n.LastChild
	}
	for ; c != nil && len(b) < edgeBytes; c = nextChild(c, fromEnd) {
		switch c.Type {
		case html.TextNode:
			b = appendEdge(b, c.Data, fromEnd)
		case html.ElementNode:
			if ci := x.info(c); ci != nil && !ci.junk {
				b = x.edgeText(c, fromEnd, b)
			}
		}
	}
	return b
}

// nextChild returns the sibling after c, or before it when backwards.
func nextChild(c *html.Node, backwards bool) *html.Node {
	if backwards {
		return c.PrevSibling
	}
	return c.NextSibling
}

// appendEdge appends the non-space bytes of s to b, up to edgeBytes in
// all, from the end of s backwards when fromEnd.
func appendEdge(b []byte, s string, fromEnd bool) []byte {
	for i := 0; i < len(s) && len(b) < edgeBytes; i++ {
		ch := s[i]
		if fromEnd {
			ch = s[len(s)-1-i]
		}
		if ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' {
			b = append(b, ch)
		}
	}
	return b
}

// holdsArticle reports whether the subtree of n holds a headline (an
// <h1> mostly of unlinked text), an element named as an article body, or
// an <article> element of a story's paragraphs (storyArticle) with more
// of them than the page has before n (before): what an unclosed <aside>
// before an article nests inside it, and a sidebar does not hold. A
// story already told before the aside makes its <article> a box after
// it ("Read next" with the next story's first paragraphs), not the
// story the aside swallowed. Junk subtrees are passed over.
func (x *contentExtractor) holdsArticle(n *html.Node, depth, before int) bool {
	if depth > 24 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		ci := x.info(c)
		if ci == nil || ci.junk {
			continue
		}
		if c.DataAtom == atom.H1 && ci.link*2 < ci.text || ci.body && ci.para >= 500 || storyArticle(c, ci) && ci.para > before || x.holdsArticle(c, depth+1, before) {
			return true
		}
	}
	return false
}

// storyArticle reports whether n, with info in, is an <article> element
// that holds a story's paragraphs: 500 bytes of them or more, under a
// quarter of its text linked, and no class or id word of boilerplate.
// HTML's <article> is a composition that stands on its own; a sidebar's
// are teaser cards of a line or two, mostly linked. A story whose
// headline sits above the unclosed <aside> and whose body has no named
// wrapper is found by this alone.
func storyArticle(n *html.Node, in *nodeInfo) bool {
	return n.DataAtom == atom.Article && in.para >= 500 && in.link*4 < in.text && !in.negative
}

// proseBefore sums the paragraph bytes of the page before n: its
// ancestors' earlier siblings and its own, all analyzed by the time n is
// (analyze runs in document order).
func (x *contentExtractor) proseBefore(n *html.Node) int {
	return x.proseBeforeIn(n, nil)
}

// proseBeforeIn is proseBefore below scope: the earlier siblings of n and
// of its ancestors up to scope (not scope's own).
func (x *contentExtractor) proseBeforeIn(n, scope *html.Node) int {
	sum := 0
	for a := n; a != nil && a != scope; a = a.Parent {
		for s := a.PrevSibling; s != nil; s = s.PrevSibling {
			if si := x.info(s); si != nil && !si.junk {
				sum += si.para
			}
		}
	}
	return sum
}

// hasMain reports whether the subtree of n holds the page's <main>.
func hasMain(n *html.Node, depth int) bool {
	if depth > 24 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Main || attr(c, "role") == "main" || hasMain(c, depth+1)) {
			return true
		}
	}
	return false
}

// commentPara returns the paragraph text held in comment sections below
// n, counting each outermost comment section once.
func (x *contentExtractor) commentPara(n *html.Node) int {
	in := x.info(n)
	if in == nil || in.junk {
		return 0
	}
	if in.comment && n.DataAtom != atom.Body && n.DataAtom != atom.Html {
		return in.para
	}
	sum := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			sum += x.commentPara(c)
		}
	}
	return sum
}

// prune marks boilerplate subtrees top-down and collects paragraphs.
func (x *contentExtractor) prune(n *html.Node) {
	in := x.info(n)
	if in == nil || in.junk {
		return
	}
	if n.Type == html.ElementNode && in.para >= 160 && x.teaserCopy(n, in) {
		x.drop(n, in)
		return
	}
	if n.Type == html.ElementNode && in.negative && !in.body && n.DataAtom != atom.Body && n.DataAtom != atom.Html && n.DataAtom != atom.Main &&
		(classifyTag(n.DataAtom) != tagInline || in.block || !inParagraph(n)) {
		// A wrapper holding most of the page's paragraphs is kept even
		// when its name sounds like boilerplate.
		protected := (in.para*2 > x.total || x.twinsHoldContent(n, in) || x.storyInWrapper(in)) && !in.consent && !x.insert(n, in) // a consent dialog is never the content
		if in.comment {
			protected = in.para*10 > x.fullTotal*9 && !x.followsStory(n)
			if in.cmtLine {
				// Opened by a line, not a heading: a tab or a count
				// above the story can open the story's wrapper.
				protected = in.para*2 > x.fullTotal && !x.followsStory(n)
			}
			if in.cmtRun {
				// Recognised by its shape after a story (commentrun.go).
				protected = false
			}
		}
		if !protected && in.text >= 80 && x.leadOnly(n) && unlinkedProse(n, in) {
			// An unlinked "teaser" or "excerpt" is the article's lead,
			// not a teaser for another page.
			protected = true
		}
		if !protected && in.link == 0 && in.text >= 200 && expanderOnly(n) {
			// The text a "read more" button unfolds: prose, no link.
			protected = true
		}
		if !protected {
			x.drop(n, in)
			in.teaser = in.comment || x.leadOnly(n)
			return
		}
	}
	// A run of captioned pictures amid a story's prose is an insert,
	// whatever its class names (gallery.go).
	if n.Type == html.ElementNode && !in.body && x.captionGallery(n, in) && x.galleryAmidProse(n, in) {
		x.drop(n, in)
		return
	}
	if n.DataAtom == atom.Header {
		// An article's own header: only its lead paragraphs are text;
		// headline, kicker, byline and date are metadata.
		x.keepParagraphs(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			x.prune(c)
		}
	}
	// Paragraphs are taken after the children, whose dropped parts
	// (hidden spans, inline widgets) no longer count.
	if n.Type == html.ElementNode {
		x.collect(n, in)
	}
}

// twinsHoldContent reports whether n, a wrapper named like boilerplate,
// is one chunk of a body split around ads or a "show more" button into
// elements of its tag and class (twins): n holds a fifth of the page's
// paragraph text or more, under a quarter of its text linked, and n and
// its twins of the same kind together hold more than half of it, as one
// wrapper must to be kept (prune). The twins are n's siblings; a chunk
// named only for how it is shown (shownNameOnly: "hideOnInit") has its
// twins looked for under its ancestor four levels up too, and counts
// from a tenth of the page when it holds two <p> or more: a CMS that
// draws the story in companion columns puts each chunk inside its own
// layout section, row and column, so the chunks are cousins, four of
// them a tenth of the page each. A box named for its role (an author's
// bio, a newsletter, "about the company") repeated down a short story
// stays under the sibling rule: several such boxes can outweigh the
// story without being it.
func (x *contentExtractor) twinsHoldContent(n *html.Node, in *nodeInfo) bool {
	if !x.declared || in.para*10 < x.total || in.link*4 >= in.text || n.Parent == nil || attr(n, "class") == "" {
		return false
	}
	shown := shownNameOnly(n)
	if in.para*5 < x.total && (!shown || pChildren(n) < 2) {
		// Under a fifth of the page, a chunk is paragraphs: a teaser
		// card, a slide or a styled <p> repeated down a listing is not.
		return false
	}
	scope, levels := n.Parent, 1
	if shown {
		for i := 0; i < 3 && scope.Parent != nil && scope.Parent.DataAtom != atom.Body; i++ {
			scope = scope.Parent
		}
		levels = twinLevels
	}
	return x.kindProse(scope, n, levels)*2 > x.total
}

// shownNameOnly reports whether the boilerplate words of n's class all
// say how n is shown ("hidden", "hideOnInit", "read-more"), not what it
// is: the folded rest of a story is named for its display, a box
// repeated in a story for its role ("author-bio", "newsletter-box").
func shownNameOnly(n *html.Node) bool {
	shown := false
	for _, f := range strings.Fields(attr(n, "class")) {
		if hasAnyPrefix(joinedLower(f), negativePrefixes) {
			return false
		}
		for _, t := range classTokens(nil, f) {
			switch t = strings.ToLower(t); {
			case displayWords[t]:
				shown = true
			case negativeWords[t]:
				return false
			}
		}
	}
	return shown
}

// displayWords are the boilerplate words of negativeWords that name how
// an element is shown, not its role.
var displayWords = map[string]bool{"hide": true, "hidden": true, "invisible": true, "offscreen": true, "readmore": true}

// pChildren counts n's <p> children.
func pChildren(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P {
			k++
		}
	}
	return k
}

// twinLevels bounds the search for a shown-named chunk's cousins below
// its scope: layout nests a chunk a few levels deep, not a dozen, and the
// bound keeps the walks of nested wrappers from each other's depths.
const twinLevels = 12

// kindProse returns the paragraph text of the elements of n's tag and
// class below scope, at most levels deep, that are under a quarter
// linked, not looking inside them (a twin does not nest in a twin). Few
// wrappers ask (each holds a tenth of the page's paragraphs), each
// walking one region once.
func (x *contentExtractor) kindProse(scope, n *html.Node, levels int) int {
	sum := 0
	for c := scope.FirstChild; c != nil && levels > 0; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if sameKind(c, n) {
			if ci := x.info(c); ci != nil && ci.link*4 < ci.text {
				sum += ci.para
			}
			continue
		}
		sum += x.kindProse(c, n, levels-1)
	}
	return sum
}

// storyInWrapper reports whether a wrapper named like boilerplate holds
// a story's worth of prose on a page that declares an article: strongBody
// bytes of paragraphs or more, a quarter of the page's paragraph text or
// more, and under a tenth of its text linked. A promo or related box
// is short or made of links; the story's text inside a wrapper whose
// name a CMS or a CSS module chose ("PromoArea_x1y2", "content-related-wrap")
// is neither.
func (x *contentExtractor) storyInWrapper(in *nodeInfo) bool {
	return x.declared && in.para >= strongBody && in.para*4 >= x.total && in.link*10 < in.text
}

// collect adds element n to the page's paragraphs when it is one: a
// paragraph tag, or a container of inline text (25 bytes of its own at
// least when it also holds blocks).
func (x *contentExtractor) collect(n *html.Node, in *nodeInfo) {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Td, atom.Blockquote:
		x.paras = append(x.paras, paragraph{n: n, text: in.text, commas: in.commas})
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Span, atom.Font, atom.Center:
		if !in.block && in.text > 0 {
			x.paras = append(x.paras, paragraph{n: n, text: in.text, commas: in.commas})
		} else if in.block && in.own >= 25 {
			x.paras = append(x.paras, paragraph{n: n, text: in.own, commas: in.ownComma, self: true})
		}
	}
}

// teaserCopy reports whether n is a teaser of the text that follows it:
// its paragraphs (two or more) are, word for word, the first paragraphs
// of the next element, which holds twice its paragraph text or more (a
// paywall's teaser above the full text sent with it).
func (x *contentExtractor) teaserCopy(n *html.Node, in *nodeInfo) bool {
	next := nextElementSibling(n)
	if next == nil {
		return false
	}
	ni := x.info(next)
	if ni == nil || ni.junk || ni.para < 2*in.para {
		return false
	}
	var own []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P {
			own = append(own, c)
		}
	}
	if len(own) < 2 {
		return false
	}
	later := firstParagraphs(next, len(own), nil)
	if len(later) < len(own) {
		return false
	}
	for i, p := range own {
		if t := strings.TrimSpace(textOf(p)); len(t) < 40 || t != strings.TrimSpace(textOf(later[i])) {
			return false
		}
	}
	return true
}

// firstParagraphs appends to ps the first k <p> elements under n, in
// document order.
func firstParagraphs(n *html.Node, k int, ps []*html.Node) []*html.Node {
	for c := n.FirstChild; c != nil && len(ps) < k; c = c.NextSibling {
		if c.DataAtom == atom.P {
			ps = append(ps, c)
		} else if c.Type == html.ElementNode {
			ps = firstParagraphs(c, k, ps)
		}
	}
	return ps
}

// insert reports whether n, named as a gallery, slideshow or carousel, is
// an insert in the text rather than the wrapper of it: its closest ancestor that holds more
// than n has, outside n and its comment sections, paragraph text of its
// own (a fifth of n's, and 1000 bytes at least), as a gallery or a
// slideshow of captions set inside a story is.
func (x *contentExtractor) insert(n *html.Node, in *nodeInfo) bool {
	return x.namesMedia(n) && x.amidProse(n, in)
}

// mediaWords are class words that name a media insert: a gallery of
// captioned images, which can hold more text than the story around it.
var mediaWords = map[string]bool{"gallery": true, "slideshow": true, "carousel": true, "slider": true}

// nameTokens returns the words of the class and id of n (in x.toks,
// valid until the next call).
func (x *contentExtractor) nameTokens(n *html.Node) []string {
	x.toks = roleClassTokens(x.toks[:0], attr(n, "class"))
	x.toks = classTokens(x.toks, attr(n, "id"))
	return x.toks
}

// namesMedia reports whether the class or id of n holds a mediaWords word.
func (x *contentExtractor) namesMedia(n *html.Node) bool {
	for _, t := range x.nameTokens(n) {
		if mediaWords[t] {
			return true
		}
	}
	return false
}

// unlinkedProse reports whether n holds no link, or prose that links a
// few words inside its sentences: under a tenth of its text linked, no
// link in or around a heading or a block (a teaser's linked headline or
// card), and ending like a sentence (a teaser's "Read more" does not).
func unlinkedProse(n *html.Node, in *nodeInfo) bool {
	return in.link == 0 || in.link*10 < in.text && endsSentence(textOf(n)) && linksInText(n, 0)
}

// linksInText reports whether every link below n is inline: in no
// heading and around no block.
func linksInText(n *html.Node, depth int) bool {
	if depth > 12 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isHeading(c.DataAtom) && hasLink(c, 0) || c.DataAtom == atom.A && hasBlock(c) {
			return false
		}
		if c.DataAtom != atom.A && !linksInText(c, depth+1) {
			return false
		}
	}
	return true
}

// hasBlock reports whether n has a child element that is not inline.
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && classifyTag(c.DataAtom) != tagInline {
			return true
		}
	}
	return false
}

// leadWords are class words that name a lead paragraph on an article
// page and a teaser for another page on a listing.
var leadWords = map[string]bool{"teaser": true, "teasers": true, "excerpt": true}

// leadOnly reports whether the only boilerplate words in the class and id
// of n are leadWords.
func (x *contentExtractor) leadOnly(n *html.Node) bool {
	if attr(n, "role") != "" {
		return false
	}
	lead := false
	for _, t := range x.nameTokens(n) {
		if leadWords[t] {
			lead = true
		} else if negativeWords[t] {
			return false
		}
	}
	return lead
}

// expanderOnly reports whether the class and id of n name a "read
// more" expander ("js_readmore", "read-more") and nothing else that
// marks boilerplate. Holding prose and no link, such an element is the
// text the button unfolds (a description cut after two lines), not a
// link to more.
func expanderOnly(n *html.Node) bool {
	if attr(n, "role") != "" {
		return false
	}
	expander := false
	for _, key := range [...]string{"class", "id"} {
		for _, f := range strings.Fields(attr(n, key)) {
			j := joinedLower(f)
			if strings.Contains(j, "readmore") {
				expander = true
				continue
			}
			if hasAnyPrefix(j, negativePrefixes) {
				return false
			}
			for _, t := range classTokens(nil, f) {
				if negativeWords[t] {
					return false
				}
			}
		}
	}
	return expander
}

// negativePrefixes mark boilerplate as the start of a joined class or id
// name ("sharebuttons", "relatedposts"; attrTokens).
var negativePrefixes = []string{"share", "related", "social", "newsletter", "mostread", "mostpopular"}

func linkDensity(in *nodeInfo) float64 {
	if in.text == 0 {
		return 0
	}
	return float64(in.link) / float64(in.text)
}

func (x *contentExtractor) initScore(n *html.Node, in *nodeInfo) {
	if in.scored {
		return
	}
	in.scored = true
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main:
		in.score += 5
	case atom.Pre, atom.Td, atom.Blockquote:
		in.score += 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		in.score -= 3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		in.score -= 5
	}
	if in.positive {
		in.score += 25
	}
	if in.negative {
		in.score -= 25
	}
	if in.body {
		in.score += 40
	}
}

// candidate picks the element most likely to hold the article body.
func (x *contentExtractor) candidate() *html.Node {
	top := x.pick()
	if top == nil {
		return nil
	}
	x.picked = top
	top = x.widen(top)
	x.dropAfterChunks(top)
	return top
}

// pick scores the paragraphs' ancestors and returns the best one, moved
// to an enclosing body element or to the ancestor of a split body.
func (x *contentExtractor) pick() *html.Node {
	cands := x.scoreParas()
	var top *html.Node
	best := 0.0
	for _, c := range cands {
		ci := x.info(c)
		ci.score *= 1 - linkDensity(ci)
		if top == nil || ci.score > best {
			top, best = c, ci.score
		}
	}
	if top == nil {
		return nil
	}
	top, best = x.heavier(top, best, cands)
	x.dropOtherStories(top)
	x.dropNextStories(top)
	x.core = top
	// Prefer an enclosing article body element holding the top candidate.
	for a := top; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if ai := x.info(a); ai != nil && ai.body && ai.para > 0 {
			if a != top && float64(ai.para) >= float64(x.info(top).para)*0.9 || a == top {
				top = a
			}
			break
		}
	}
	return x.splitBody(top, best, cands)
}

// scoreParas adds each paragraph's score (one, its commas, a point per
// 100 bytes up to three) to its first five ancestors, less the higher
// they are, and returns the ancestors scored, in the order first scored.
func (x *contentExtractor) scoreParas() []*html.Node {
	var cands []*html.Node
	for _, p := range x.paras {
		if p.text < 25 {
			continue
		}
		s := 1 + float64(p.commas)
		if add := p.text / 100; add < 3 {
			s += float64(add)
		} else {
			s += 3
		}
		level := 0
		start := p.n.Parent
		if p.self {
			start = p.n
		}
		for a := start; a != nil && level < 5; a = a.Parent {
			if a.Type != html.ElementNode {
				break
			}
			ai := x.info(a)
			if ai == nil {
				break
			}
			if !ai.scored {
				x.initScore(a, ai)
				cands = append(cands, a)
			}
			div := 1.0
			switch level {
			case 0:
			case 1:
				div = 2
			default:
				div = float64(level * 3)
			}
			ai.score += s / div
			level++
		}
	}
	return cands
}

// splitBody moves top up to a close ancestor (three levels at most) that
// holds two or more strong candidates outside top (scored three quarters
// of the best or more): the content is split over them.
func (x *contentExtractor) splitBody(top *html.Node, best float64, cands []*html.Node) *html.Node {
	// Only candidates outside the top one count, and a handful is enough.
	var strong []*html.Node
	for _, c := range cands {
		if c != top && x.info(c).score >= best*0.75 && !isAncestor(top, c) && !isAncestor(c, top) {
			strong = append(strong, c)
			if len(strong) == 10 {
				break
			}
		}
	}
	if len(strong) < 2 {
		return top
	}
	for a, lvl := top.Parent, 0; a != nil && lvl < 3 && a.DataAtom != atom.Body; a, lvl = a.Parent, lvl+1 {
		k := 0
		for _, s := range strong {
			if isAncestor(a, s) {
				k++
			}
		}
		if k >= 2 {
			return a
		}
	}
	return top
}

// widen moves the top candidate up to an ancestor whose paragraph text
// is much larger and still nearly free of links: the article's own
// container, when scoring settled on one of its sections (page-builder
// rows, accordions).
// An article body element (articleBody, a strong body class) of
// strongBody bytes of paragraphs or more on a page that declares an
// article is the story itself and stays: what widening would add to it
// is other stories (an endless scroll, a next story under its own
// heading), not the rest of its text.
func (x *contentExtractor) widen(top *html.Node) *html.Node {
	ti := x.info(top)
	strong := ti.body && ti.para >= strongBody
	for a, lvl := top.Parent, 0; a != nil && lvl < 3 && a.DataAtom != atom.Body && a.DataAtom != atom.Html; a, lvl = a.Parent, lvl+1 {
		ai := x.info(a)
		if ai == nil || ai.junk {
			break
		}
		if ai.negative || ai.comment {
			break
		}
		if float64(ai.para) >= 1.5*float64(ti.para) && linkDensity(ai) < 0.2 {
			if strong && x.declared {
				break
			}
			strong = false // asked once: not declared
			top, ti = a, ai
		}
	}
	return top
}

// strongBody is the paragraph text, in bytes (about 250 words), from
// which an article body element is the whole story for widen.
const strongBody = 1500

// heavier returns, in place of the top candidate, a candidate in another
// branch of the page that scores at least half as high and holds at
// least twice its paragraph text, mostly unlinked: a class-name bonus
// ("content" on a footer) must not make a short box beat the article.
// A candidate inside a region named as boilerplate (a "related" section,
// a modal, kept for holding most of the page's paragraphs) must also hold
// three times the top one's unlinked text: a short post set in headings
// has little paragraph text beside the teaser cards under it.
func (x *contentExtractor) heavier(top *html.Node, best float64, cands []*html.Node) (*html.Node, float64) {
	ti := x.info(top)
	var alt *html.Node
	altPara, altScore := 2*ti.para, 0.0
	for _, c := range cands {
		ci := x.info(c)
		if ci.score < best*0.5 || ci.para < altPara || linkDensity(ci) > 0.25 || ci.negative || x.underNegative(c, top) && ci.text-ci.link < 3*(ti.text-ti.link) {
			continue
		}
		if isAncestor(top, c) || isAncestor(c, top) {
			continue
		}
		alt, altPara, altScore = c, ci.para, ci.score
	}
	if alt == nil {
		return top, best
	}
	return alt, altScore
}

// underNegative reports whether n sits inside an element named as
// boilerplate that does not also hold top: a "related" section kept
// for holding most of the page's paragraphs.
func (x *contentExtractor) underNegative(n, top *html.Node) bool {
	for a := n.Parent; a != nil && a.DataAtom != atom.Body; a = a.Parent {
		if isAncestor(a, top) {
			return false
		}
		if ai := x.info(a); ai != nil && ai.negative {
			return true
		}
	}
	return false
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// joinedLower lower-cases s and drops '-' and '_'.
func joinedLower(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '-' || c == '_' || c >= 'A' && c <= 'Z' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' || c == '_':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+32)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// inParagraph reports whether n sits inside a paragraph, where class
// names on inline elements (tag links, highlighted terms) do not make
// them boilerplate. A <pre> counts: syntax highlighters name their
// tokens "comment", "meta" or "tag" ("token comment", "hljs-meta").
func inParagraph(n *html.Node) bool {
	for p, i := n.Parent, 0; p != nil && i < 4; p, i = p.Parent, i+1 {
		switch p.DataAtom {
		case atom.P, atom.Li, atom.Blockquote, atom.Td, atom.Dd, atom.H2, atom.H3, atom.H4, atom.Pre:
			return true
		case atom.Div, atom.Section, atom.Article, atom.Body:
			return false
		}
	}
	return false
}

// stateClassPrefixes start class names that describe what an element
// holds or how it is set up rather than what it is: WordPress
// post_class() taxonomy and state names ("tag-politics", "category-news",
// "format-standard", "has-post-thumbnail") and feature switches
// ("enable-pin-share", "no-sidebar").
var stateClassPrefixes = []string{"tag-", "tags-", "category-", "categories-", "post_tag-", "topic-", "format-", "status-",
	"type-", "has-", "enable-", "enabled-", "with-", "no-", "show-"}

// builderPrefixes start class names of page builders, whose every content
// block is a "widget" or "module".
var builderPrefixes = []string{"elementor", "et_pb", "et-pb", "vc_", "wpb_", "fl-", "so-widget", "siteorigin", "wp-block", "brxe", "kb-", "tdb-", "td_block", "td-block"}

// roleClassTokens appends the words of the class names in s, as
// classTokens does, leaving out the names and parts of names that do not
// say what role an element plays: state and taxonomy names
// (stateClassPrefixes), BEM modifiers ("field--label-hidden" counts as
// "field"), "widget" in page-builder names, and the layout words of a
// wrapper named for both content and furniture ("content-sidebar-wrap").
func roleClassTokens(dst []string, s string) []string {
	for len(s) > 0 {
		i := indexHTMLSpace(s)
		f := s
		if i >= 0 {
			f, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if f == "" {
			continue
		}
		// lowerASCII keeps byte offsets: lf's "--" index cuts f below.
		lf := lowerASCII(f)
		if hasAnyPrefix(lf, stateClassPrefixes) && len(lf) > strings.IndexByte(lf, '-')+1 {
			continue
		}
		if i := strings.Index(lf, "--"); i > 0 {
			f, lf = f[:i], lf[:i]
		}
		start := len(dst)
		dst = classTokens(dst, f)
		if hasAnyPrefix(lf, builderPrefixes) {
			dst = dropTokens(dst, start, "widget", "widgets", "module", "container")
		}
		dst = dropQualifiers(dst, start)
		if hasWrapSuffix(dst[start:]) {
			pos := false
			for _, t := range dst[start:] {
				if positiveWords[t] {
					pos = true
				}
			}
			if pos {
				dst = dst[:start]
			}
		}
	}
	return dst
}

// hasAnyPrefix reports whether s starts with one of prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		// The first bytes are compared before the rest: every class name
		// meets this test, and most share no first byte with a prefix.
		if p == "" || len(s) >= len(p) && s[0] == p[0] && s[:len(p)] == p {
			return true
		}
	}
	return false
}

// indexHTMLSpace is strings.IndexAny(s, " \t\n\r\f"), the white space
// that separates class names, without IndexAny's set built on every call
// (roleClassTokens runs on every class value the memo misses).
func indexHTMLSpace(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
			return i
		}
	}
	return -1
}

// dropTokens removes the words in drop from dst[start:].
func dropTokens(dst []string, start int, drop ...string) []string {
	out := dst[:start]
	for _, t := range dst[start:] {
		keep := true
		for _, d := range drop {
			if t == d {
				keep = false
			}
		}
		if keep {
			out = append(out, t)
		}
	}
	return out
}

// hasWrapSuffix reports whether the words of one class name end in a
// wrapper word and have at least three words ("content-sidebar-wrap").
func hasWrapSuffix(toks []string) bool {
	if len(toks) < 3 {
		return false
	}
	switch toks[len(toks)-1] {
	case "wrap", "wrapper", "container", "inner", "outer":
		return true
	}
	return false
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// breakpointWords name screen sizes and media in responsive visibility
// classes ("hidden-xs" is shown on larger screens).
var breakpointWords = map[string]bool{"xs": true, "sm": true, "md": true, "lg": true, "xl": true, "xxl": true,
	"mobile": true, "desktop": true, "tablet": true, "phone": true, "print": true, "small": true, "medium": true, "large": true}

// hideSubjects are the words before "hidden" that hide the element
// itself ("is-hidden", "visually-hidden", "element-invisible").
var hideSubjects = map[string]bool{"is": true, "visually": true, "element": true, "u": true, "js": true, "sr": true,
	"screen": true, "ui": true, "d": true, "vh": true, "a11y": true, "ng": true, "util": true, "hidden": true, "hide": true}

// dropQualifiers removes, from the words of one class name in
// dst[start:], those that do not name the element's own role: "hidden"
// for some screen sizes only ("hidden-xs") or said of a part of it
// ("field-label-hidden"), and "header" of an article's own header
// ("article__header", "entry-header"), which holds its headline and
// lead.
func dropQualifiers(dst []string, start int) []string {
	toks := dst[start:]
	pos := false
	for _, t := range toks {
		if positiveWords[t] {
			pos = true
		}
	}
	out := dst[:start]
	for i, t := range toks {
		switch t {
		case "hidden", "hide", "invisible":
			if i+1 < len(toks) && breakpointWords[toks[i+1]] || i > 0 && !hideSubjects[toks[i-1]] {
				continue
			}
		case "header":
			if pos {
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// betweenParagraphs reports whether n sits between two paragraphs, its
// previous and next element siblings, and holds a line of five words or
// more that repeats the story: a pull quote in the flow of a story's
// text, as an <aside> sets it on pages without an <article> (a shorter
// aside is a label). An aside there that holds a <blockquote> is a forum
// post quoting another under its author's name, whose name line is no
// text of the post.
func betweenParagraphs(n *html.Node) bool {
	p, q := prevElementSibling(n), nextElementSibling(n)
	return p != nil && q != nil && p.DataAtom == atom.P && q.DataAtom == atom.P &&
		numFields(textOf(n)) >= 5 && !holdsBlockquote(n) && repeatsSiblings(n)
}

// repeatsSiblings reports whether four in five of the content words of n
// are in the text of its siblings. A pull quote is lifted from the story
// around it; a box between paragraphs that says something else is the
// site's (a newsletter form, a membership appeal, "Article continues
// below this advertisement") or a fact box the story does not tell.
func repeatsSiblings(n *html.Node) bool {
	quote := contentWords(textOf(n), nil)
	story := make(map[string]bool, 256)
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode {
			contentWords(textOf(c), story)
		}
	}
	found := 0
	for w := range quote {
		if story[w] {
			found++
		}
	}
	return len(quote) > 0 && found*5 >= len(quote)*4
}

// holdsBlockquote reports whether n has a <blockquote> descendant.
func holdsBlockquote(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Blockquote || holdsBlockquote(c) {
			return true
		}
	}
	return false
}

// inArticle reports whether n sits inside an <article> or <main>
// element: a <header> there is the article's own, with its headline and
// lead, not the page's banner.
func inArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article || p.DataAtom == atom.Main {
			return true
		}
	}
	return false
}

// drop marks n as boilerplate and takes its text out of its ancestors'
// counts.
// The loose text of the ancestors reached through inline elements
// (counted in their own) loses it too.
func (x *contentExtractor) drop(n *html.Node, in *nodeInfo) {
	in.junk = true
	inline := classifyTag(n.DataAtom) == tagInline
	for p := n.Parent; p != nil; p = p.Parent {
		if pi := x.info(p); pi != nil {
			pi.text -= in.text
			pi.link -= in.link
			pi.commas -= in.commas
			pi.para -= in.para
			if inline {
				pi.own -= in.text - in.link
				pi.ownComma -= in.commas
			}
		}
		inline = inline && classifyTag(p.DataAtom) == tagInline
	}
}

// keepParagraphs drops the element children of n that are not paragraphs
// and hold none.
func (x *contentExtractor) keepParagraphs(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom == atom.P {
			continue
		}
		ci := x.info(c)
		if ci == nil || ci.junk || isLeadBlock(c, ci) {
			continue
		}
		if hasParagraph(c, 0) || x.holdsLead(c, 0) {
			x.keepParagraphs(c)
		} else {
			x.drop(c, ci)
		}
	}
}

// isLeadBlock reports whether an element of an article's header is a
// lead set in a <div> rather than a <p>: no block children, no links, 120
// bytes or more (two sentences; a byline or a kicker is shorter), ending
// like a sentence.
func isLeadBlock(n *html.Node, in *nodeInfo) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Span:
	default:
		return false
	}
	return !in.block && in.link == 0 && in.text >= 120 && !in.negative && endsSentence(textOf(n))
}

// holdsLead reports whether a lead block (isLeadBlock) sits inside n,
// under the wrappers of a header's layout.
func (x *contentExtractor) holdsLead(n *html.Node, depth int) bool {
	if depth > 8 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if ci := x.info(c); ci != nil && !ci.junk && (isLeadBlock(c, ci) || ci.block && x.holdsLead(c, depth+1)) {
			return true
		}
	}
	return false
}

func hasParagraph(n *html.Node, depth int) bool {
	if depth > 8 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P || c.Type == html.ElementNode && hasParagraph(c, depth+1) {
			return true
		}
	}
	return false
}

// stampProps are schema.org's date properties.
var stampProps = map[string]bool{"datePublished": true, "dateCreated": true, "dateModified": true, "uploadDate": true}

// reMachineStamp matches a date and time in the form written for
// machines only, with a "T" between date and clock or a zone:
// "2010-10-17 01:03:31 +00:00", "2024-05-03T10:09:38Z". A bare
// "2024-05-03 10:09" or "2024-05-03 10:09:38" is how many sites print
// the stamp readers see, and is not matched.
var reMachineStamp = lazyRE(`^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z| ?[+-]\d\d:?\d\d)?| \d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z| ?[+-]\d\d:?\d\d))$`)

// machineStamp reports whether n, carrying itemprop prop, is a
// schema.org date property stated as an element's text in the form
// written for machines, outside a <time>, beside the stamp readers see:
// the copy a page keeps for crawlers (a post's or a comment's date, set
// invisible beside "Commented Oct 17, 2010 at 1:03"), not a line to
// read. A <time> is what readers see, a stamp without a clock is left
// to the date rules, and a stamp with no other stamp beside it (no
// sibling with a digit) is the one readers see, whatever its form.
func machineStamp(n *html.Node, prop string) bool {
	if !stampProps[prop] || n.DataAtom == atom.Time || n.FirstChild == nil || n.FirstChild != n.LastChild {
		return false
	}
	t := n.FirstChild
	return t.Type == html.TextNode && len(t.Data) <= 40 && reMachineStamp.MatchString(strings.TrimSpace(t.Data)) && stampBeside(n)
}

// stampBeside reports whether a sibling of n holds a digit: another
// stamp, the one readers see.
func stampBeside(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s != n && (s.Type == html.ElementNode || s.Type == html.TextNode) && hasDigit(textOf(s)) {
			return true
		}
	}
	return false
}
