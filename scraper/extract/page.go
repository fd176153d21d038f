package extract

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page holds one parsed page and what was collected from it.
type page struct {
	doc     *goquery.Document
	root    *html.Node
	base    *url.URL
	fetched time.Time
	flags   map[string]uint16 // attrFlags' memo, until release
	dates   *dateFacts        // the dates' facts, shared by published and modified
	posts   *postsMemo        // threadPosts' memo
	// bylineNames memoises metaAuthorWords (nil: not worked out yet).
	bylineNames *[]string

	lang        string
	titleTag    string
	metas       map[string][]string // lower-case name, property or http-equiv -> contents
	links       map[string]string   // rel -> first href
	ld          []map[string]any    // JSON-LD objects, flattened
	micro       map[string][]string // microdata itemprop -> values, article scopes first
	microAuth   []string            // microdata author names
	h1s         []string
	h1Nodes     []*html.Node // their elements, parallel to h1s
	logoH1s     []string     // <h1> texts inside a link to the home page: the site's logo
	times       []*html.Node
	bylines     []string     // visible byline texts
	bylineNodes []*html.Node // their elements, parallel to bylines
	authorSlugs []string     // the writers' pages linked (linkAuthorSlug), up to maxAuthorLinks+1
	authorLinks []*html.Node // parallel: the first link to each named as its slug (authorLinkName), or nil
	datelines   []string     // visible date texts
	datelineAt  []*html.Node // their elements, parallel to datelines (nil: from the body text)
	dataDates   []*html.Node // elements with a data-date attribute, up to maxDataDates+1
	scriptDates []string     // publication dates named in script data (page state, analytics)
	dateHints   []string     // short texts of elements whose names hint at a date or post details
	paywall     bool         // a paywall marker element is present
	articles    int          // number of <article> elements
	forms       int          // password fields and login forms
	shownForms  int          // password fields in no hidden element: a login wall's
	consentTxt  int          // elements naming cookies or consent
	kind        kindSignals  // what the markup says about the page type

	blocks    []block
	cited     []block // the body as an article has it, cited links kept (articleBlocks), or nil
	linkHeads int     // headings in the content that are links (teasers)
	body      string
	x         *contentExtractor // the content walk's tables, until release
	bodyNode  *html.Node        // the page's <body>
	ldLang    string            // JSON-LD inLanguage, for choosing the language again
	noscript  int               // bytes of <noscript> markup read as text
	langDone  bool              // fillMeta chose a language (from the body text)
	top       *html.Node
	sel       []*html.Node // the nodes whose text is the article body
	feats     []float64    // the page-type model's input (features.go)
	// shortArt: a short page the rules reject that the model takes for
	// an article (decideType); its text is chosen as a non-article's.
	shortArt bool
	// teaserBody: a page the model takes for an article whose body
	// found is a run of teasers (teaserFront): a listing whose text is
	// that body, chosen as an article's.
	teaserBody bool
	// bare: a page of a few words and nothing else (bareDocument),
	// typed article where pageType would say other; its text is chosen
	// as other's.
	bare bool
}

func newPage(doc *goquery.Document, base *url.URL, fetched time.Time) *page {
	p := &page{
		doc:     doc,
		root:    doc.Get(0),
		base:    base,
		fetched: fetched,
		metas:   make(map[string][]string),
		links:   make(map[string]string),
		micro:   make(map[string][]string),
	}
	p.flags = attrFlagMaps.Get().(map[string]uint16)
	p.collect(p.root, microScope{}, false)
	return p
}

// putFlags gives attrFlags' memo back to the pool. The memo is kept for
// the page's whole life, not only its collect walk: the type and post
// rules ask again for the values collect saw (some hundred a page), and
// attrFlags depends on the value alone.
func (p *page) putFlags() {
	if p.flags == nil {
		return
	}
	if len(p.flags) >= memoMax {
		clear(p.flags)
	}
	attrFlagMaps.Put(p.flags)
	p.flags = nil
}

// collect walks the tree once and gathers metadata sources. sc is the
// innermost microdata item around n.
func (p *page) collect(n *html.Node, sc microScope, inComment bool) {
	if n.Type == html.ElementNode {
		if !p.collectElement(n, inComment) {
			return
		}
		if p.collectAttrs(n, inComment) {
			inComment = true
		}
		if prop := attr(n, "itemprop"); prop != "" {
			p.collectMicro(n, prop, sc)
		}
		p.kind.collectAttrs(n, p)
		if n.DataAtom == atom.A && !inComment {
			p.collectAuthorLink(n)
		}
		if hasAttr(n, "itemscope") {
			p.kind.addType(attr(n, "itemtype"))
			sc = sc.enter(attr(n, "itemtype"), attr(n, "itemprop"))
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode || c.Type == html.DocumentNode {
			p.collect(c, sc, inComment)
		}
	}
}

// microScope is the innermost microdata item around an element: its
// itemtype and the itemprop it is the value of.
type microScope struct {
	typ, prop string
	// part: the item is part of one whose properties are not the page's
	// (a product's review, a list's element, a book's author), and so
	// are its own.
	part bool
}

// enter returns the scope of an item of type t that is the value of
// prop, opened inside sc. The parts of an article, a post, a comment, a
// blog or a web page may describe the page (its author, its image);
// those of a product or a list do not: the reviews' authors and dates
// on a product page, the authors of a list's books or recipes. An item
// with no itemprop is no part of the one around it (microdata's
// top-level item: a post inside a <body> typed WebSite).
func (sc microScope) enter(t, prop string) microScope {
	part := prop != "" && (sc.part || sc.typ != "" && !authorsScope(sc.typ))
	return microScope{typ: t, prop: prop, part: part}
}

// collectElement gathers what the element n is by its tag (the language,
// the title, metas, links, scripts' data, headings, times, counts of
// kinds of elements). It reports whether collect goes on into n: not
// into scripts, styles, templates, SVG, nor a <noscript> read as text.
func (p *page) collectElement(n *html.Node, inComment bool) (descend bool) {
	switch n.DataAtom {
	case atom.Html:
		if l := attr(n, "lang"); l != "" {
			p.lang = l
		} else if l := attr(n, "xml:lang"); l != "" {
			p.lang = l
		}
	case atom.Title:
		if p.titleTag == "" && n.FirstChild != nil {
			p.titleTag = shortText(n, 2000)
		}
	case atom.Meta:
		p.collectMeta(n)
	case atom.Link:
		p.collectLink(n)
	case atom.Script:
		if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
			p.parseLD(n.FirstChild.Data)
		} else if n.FirstChild != nil && len(p.scriptDates) < 5 {
			p.scriptDates = appendScriptDates(p.scriptDates, n.FirstChild.Data)
		}
		return false
	case atom.Style, atom.Template, atom.Svg:
		return false
	case atom.Noscript:
		if !hasElementChild(n) {
			// Read as text: markup for browsers without scripts.
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				p.noscript += len(c.Data)
			}
			return false
		}
	case atom.H1:
		if len(p.h1s) < 5 {
			if t := shortText(n, 1000); t != "" {
				p.h1s = append(p.h1s, t)
				p.h1Nodes = append(p.h1Nodes, n)
				if p.homeLinked(n) {
					p.logoH1s = append(p.logoH1s, t)
				}
			}
		}
	case atom.Time:
		// Comments carry their own dates.
		if len(p.times) < 50 && !inComment && !inQuote(n) {
			p.times = append(p.times, n)
		}
	default:
		p.countKind(n)
	}
	return true
}

// countKind counts the elements that tell a page's kind: articles, code,
// linked headings, cart buttons, password fields.
func (p *page) countKind(n *html.Node) {
	switch n.DataAtom {
	case atom.Article:
		p.articles++
	case atom.Pre:
		p.kind.code++
	case atom.H2, atom.H3, atom.H4:
		if linkedHeading(n) {
			p.kind.linkHeads++
		}
	case atom.Button:
		if t := strings.ToLower(shortText(n, 80)); isCartText(t) {
			p.kind.cart++
			if hasBasketWord(t) && !inRail(n) {
				p.kind.basket++
			}
		}
	case atom.Input:
		if strings.EqualFold(attr(n, "type"), "password") {
			p.forms++
			if !inHidden(n) {
				p.shownForms++
			}
		}
	}
}

// collectMeta files a <meta>'s content under each of its names,
// properties and http-equiv values, lower-cased.
func (p *page) collectMeta(n *html.Node) {
	content, hasContent := "", false
	for _, a := range n.Attr {
		if a.Key == "content" {
			content, hasContent = a.Val, true
		}
	}
	if !hasContent {
		return
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "name", "property", "http-equiv":
			for _, k := range strings.Fields(strings.ToLower(a.Val)) {
				p.metas[k] = append(p.metas[k], content)
			}
		}
	}
}

// collectLink files a <link>'s href under each of its rel values, the
// first of each kept.
func (p *page) collectLink(n *html.Node) {
	href := attr(n, "href")
	if href == "" {
		return
	}
	for _, r := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
		if _, ok := p.links[r]; !ok {
			p.links[r] = href
		}
	}
}

// collectAttrs looks at class, id and rel for bylines, datelines and
// paywall or consent markers.
// It reports whether n is a comment section, whose bylines are not the
// article's.
func (p *page) collectAttrs(n *html.Node, inComment bool) (comment bool) {
	var byline, dateline, hint bool
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			if a.Val == "" {
				continue
			}
			f := p.attrFlags(a.Val)
			if f&attrComment != 0 {
				comment = true
			}
			if f&attrPaywall != 0 {
				p.paywall = true
			}
			if f&attrConsent != 0 {
				p.consentTxt++
			}
			if f&attrByline != 0 {
				byline = true
			}
			if f&attrDateline != 0 {
				dateline = true
			}
			if !dateline && !hint && len(p.dateHints) < 20 && f&attrDateHint != 0 {
				hint = true
			}
		case "rel":
			if strings.Contains(a.Val, "author") {
				byline = true
			}
		case "data-date":
			if len(p.dataDates) <= maxDataDates && strings.TrimSpace(a.Val) != "" {
				p.dataDates = append(p.dataDates, n)
			}
		}
	}
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html {
		comment = false // "comments-open" and the like describe the page
	}
	if byline && !inComment && !comment && len(p.bylines) < 10 && n.DataAtom != atom.Body && n.DataAtom != atom.Html && n.DataAtom != atom.Meta && n.DataAtom != atom.Link {
		if t := shortText(n, 200); t != "" {
			p.bylines = append(p.bylines, t)
			p.bylineNodes = append(p.bylineNodes, n)
		}
	}
	if dateline && !inComment && !comment && len(p.datelines) < 10 && n.DataAtom != atom.Body && n.DataAtom != atom.Html {
		if t := datelineText(n); t != "" {
			p.datelines = append(p.datelines, t)
			p.datelineAt = append(p.datelineAt, n)
		}
	}
	if (hint || n.DataAtom == atom.Small) && !inComment && !comment && len(p.dateHints) < 20 {
		if t := shortText(n, 120); t != "" && hasDigit(t) {
			p.dateHints = append(p.dateHints, t)
		}
	}
	return comment
}

// datelineText is the text of an element named for a date: its title when
// it is an <abbr> whose title is a machine date. The hAtom microformat
// (abbr.published, as blog and CMS templates print it without itemprop)
// shows a local date and keeps the full instant with its zone in the
// title.
func datelineText(n *html.Node) string {
	if n.DataAtom == atom.Abbr {
		if v := strings.TrimSpace(attr(n, "title")); v != "" {
			if _, ok := parseMachineDate(v); ok {
				return v
			}
		}
	}
	return shortText(n, 120)
}

// Marks of a class or id value, read by collectAttrs.
const (
	attrComment  = 1 << iota // a comment section
	attrPaywall              // a paywall marker
	attrConsent              // a cookie consent notice
	attrByline               // a byline
	attrDateline             // a dateline
	attrDateHint             // an element that may hold the date among other details
	attrPost                 // a forum post (kindSignals)
	attrCard                 // a product or listing card (kindSignals)
	attrPrice                // a price (kindSignals)
)

// attrFlags returns the marks of a class or id value, worked out once per
// value and page: a page's templates repeat their values.
func (p *page) attrFlags(val string) uint16 {
	if f, ok := p.flags[val]; ok {
		return f
	}
	f, toks := kindMarks(val, p.kind.toks)
	p.kind.toks = toks
	f |= attrWordMarks(strings.ToLower(val))
	if p.flags != nil && len(p.flags) < memoMax {
		p.flags[val] = f
	}
	return f
}

// attrWords are the words whose presence anywhere in a lower-cased class
// or id value gives it a mark (dateHintWords give attrDateHint).
var attrWords = []attrWord{
	{"comment", attrComment}, {"disqus", attrComment}, {"respond", attrComment},
	{"paywall", attrPaywall}, {"regwall", attrPaywall}, {"subscriber-only", attrPaywall},
	{"premium-content", attrPaywall}, {"metered", attrPaywall},
	{"cookie", attrConsent}, {"consent", attrConsent}, {"gdpr", attrConsent},
	// "writer" marks a byline only as a whole word (kindWords).
	{"byline", attrByline}, {"author", attrByline},
	{"date", attrDateline}, {"time", attrDateline}, {"publish", attrDateline},
	{"datum", attrDateline}, {"fecha", attrDateline},
}

type attrWord struct {
	w string
	f uint16
}

// attrWordsByByte holds attrWords and dateHintWords by their first byte,
// so that attrWordMarks reads a value once instead of running some thirty
// substring searches over it (attrFlags' misses were 3% of the CPU).
var attrWordsByByte = sync.OnceValue(func() *[256][]attrWord {
	var t [256][]attrWord
	words := slices.Clone(attrWords)
	for _, w := range dateHintWords {
		words = append(words, attrWord{w, attrDateHint})
	}
	for _, w := range words {
		t[w.w[0]] = append(t[w.w[0]], w)
	}
	return &t
})

// attrWordMarks returns the marks of the attrWords and dateHintWords that
// the lower-cased value v contains.
func attrWordMarks(v string) uint16 {
	t := attrWordsByByte()
	var f uint16
	for i := 0; i < len(v); i++ {
		for _, w := range t[v[i]] {
			if f&w.f == 0 && strings.HasPrefix(v[i:], w.w) {
				f |= w.f
			}
		}
	}
	return f
}

// attrFlagMaps recycles the pages' attrFlags memos, which also serve the
// next pages of a site.
var attrFlagMaps = sync.Pool{New: func() any { return make(map[string]uint16, 256) }}

// inQuote reports whether n sits in a <blockquote>: an embedded post
// (tweet, Instagram) or a quotation, dated by its own author.
func inQuote(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Blockquote {
			return true
		}
	}
	return false
}

// dateHintWords are parts of class and id names of elements that hold a
// post's date among other details (German "datum", Spanish "fecha",
// "submitted" in Drupal, "entry-meta" and "post-info" in blog themes,
// calendar icons).
var dateHintWords = []string{"datum", "fecha", "posted", "submitted", "created", "authored", "calendar", "clock", "meta", "info", "subline", "byline", "dateline"}

func hasDateHint(v string) bool {
	for _, w := range dateHintWords {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// microValue returns the value of a microdata property element.
func microValue(n *html.Node) string {
	switch n.DataAtom {
	case atom.Meta:
		return attr(n, "content")
	case atom.Img, atom.Audio, atom.Video, atom.Source, atom.Embed, atom.Iframe:
		return attr(n, "src")
	case atom.A, atom.Link, atom.Area:
		return attr(n, "href")
	case atom.Time:
		if v := attr(n, "datetime"); v != "" {
			return v
		}
	case atom.Data, atom.Meter:
		return attr(n, "value")
	case atom.Abbr:
		// Microformat templates (hAtom's abbr.published, as blog engines
		// print it) put the full value in the title and show a short
		// form, such as the clock time alone.
		if v := attr(n, "title"); v != "" {
			return v
		}
	}
	if v := attr(n, "content"); v != "" {
		return v
	}
	return shortText(n, 2000)
}

func (p *page) collectMicro(n *html.Node, prop string, sc microScope) {
	scoped := hasAttr(n, "itemscope")
	// Properties of the article item (or of no item, a common slip);
	// those of related items, breadcrumbs or the publisher are not the
	// article's.
	scopeType, scopeProp := sc.typ, sc.prop
	inArticle := !sc.part && articleScope(scopeType)
	for _, pr := range strings.Fields(prop) {
		switch pr {
		case "articleBody", "text":
			continue // read by the content extractor
		case "author", "creator":
			if !scoped && inArticle {
				if v := microValue(n); v != "" && len(v) < 200 {
					p.microAuth = append(p.microAuth, v)
				}
			}
			continue
		case "name":
			if strings.Contains(scopeProp, "author") || strings.Contains(scopeProp, "creator") {
				if v := microValue(n); v != "" && len(v) < 200 && !sc.part {
					p.microAuth = append(p.microAuth, v)
				}
				continue
			}
			if scopeType == "" || !isArticleType(scopeType) {
				continue
			}
		case "url":
			if strings.Contains(scopeProp, "image") {
				pr, inArticle = "image", true // the url of an image object
			}
		}
		if scoped || !inArticle {
			continue // an item of its own; its url is read inside it
		}
		if v := microValue(n); v != "" && len(v) < 2000 {
			if len(p.micro[pr]) < 10 {
				p.micro[pr] = append(p.micro[pr], v)
			}
		}
	}
}

// articleScope reports whether microdata properties in an item of type
// t (the innermost itemscope's, "" for none) describe the page's
// article: no item (a common slip), an article or a web page.
func articleScope(t string) bool {
	return t == "" || isArticleType(t) || strings.HasSuffix(t, "WebPage")
}

// authorsScope reports whether the authors of an item of type t, and the
// items that are its properties (microScope.enter), are the page's: an
// article's or a page's (a web page, a Q&A page), a post's of a thread,
// a comment's, a question's or an answer's, a blog's, or a
// CreativeWork's (the type popular blog themes give a post); not a
// book's, a recipe's or a product's in a list of them.
func authorsScope(t string) bool {
	switch bare := bareLDType(t); bare {
	case "Comment", "Question", "Answer", "Blog", "CreativeWork":
		return true
	default:
		return articleScope(t) || strings.HasSuffix(bare, "Posting") || strings.HasSuffix(bare, "Page")
	}
}

// isArticleType reports whether a schema.org type names an article.
func isArticleType(t string) bool {
	switch t = bareLDType(t); t {
	case "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
		"BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting",
		"ScholarlyArticle", "TechArticle", "Report", "SatiricalArticle", "AskPublicNewsArticle", "Review", "Posting":
		return true
	}
	return strings.HasSuffix(t, "Article")
}

// bareLDType returns the JSON-LD type t without its schema.org prefix
// ("http://schema.org/Recipe" -> "Recipe").
func bareLDType(t string) string {
	return strings.TrimPrefix(strings.TrimPrefix(t, "http://schema.org/"), "https://schema.org/")
}

// parseLD parses one JSON-LD script and keeps its objects.
func (p *page) parseLD(s string) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<!--")
	s = strings.TrimSuffix(s, "-->")
	s = strings.TrimSuffix(strings.TrimSpace(s), ";")
	if s == "" || len(s) > 2<<20 {
		return
	}
	vs, ok := decodeLD([]byte(s))
	if !ok {
		// A template broke the script: read the repaired text when it
		// gives at least the values read up to the fault (repairLD).
		if rs, _ := decodeLD(repairLD([]byte(s))); len(rs) >= len(vs) {
			vs = rs
		}
	}
	for _, v := range vs {
		p.addLD(v, 0)
	}
}

// decodeLD returns the JSON values at the start of b, one after another,
// up to the first that does not parse, and whether it read them all: sites
// print two objects in one script (browsers never parse the script; search
// engines read it as leniently).
func decodeLD(b []byte) ([]any, bool) {
	var vs []any
	dec := json.NewDecoder(bytes.NewReader(b))
	for len(vs) < 16 {
		var v any
		if err := dec.Decode(&v); err != nil {
			return vs, err == io.EOF
		}
		vs = append(vs, v)
	}
	return vs, true
}

func (p *page) addLD(v any, depth int) {
	if depth > 4 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			p.addLD(e, depth+1)
		}
	case map[string]any:
		if g, ok := t["@graph"]; ok {
			p.addLD(g, depth+1)
		}
		if _, ok := t["@type"]; ok {
			p.ld = append(p.ld, t)
		}
		for _, k := range []string{"mainEntity", "mainEntityOfPage", "itemListElement"} {
			if m, ok := t[k].(map[string]any); ok {
				if _, ok := m["@type"]; ok {
					p.addLD(m, depth+1)
				}
			}
		}
	}
}

// ldTypes returns the @type values of a JSON-LD object.
func ldTypes(m map[string]any) []string {
	switch t := m["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldIs reports whether one of m's types (ldTypes) passes pred.
func ldIs(m map[string]any, pred func(string) bool) bool {
	for _, t := range ldTypes(m) {
		if pred(t) {
			return true
		}
	}
	return false
}

// isLDType returns a test for the schema.org type name, with or
// without its vocabulary's prefix (bareLDType).
func isLDType(name string) func(string) bool {
	return func(t string) bool { return bareLDType(t) == name }
}

// ldArticle returns the JSON-LD article object, the WebPage object when
// there is no article, or nil.
func (p *page) ldArticle() map[string]any {
	var best map[string]any
	for _, m := range p.ld {
		if ldIs(m, isArticleType) {
			if best == nil || ldString(m["articleBody"]) != "" && ldString(best["articleBody"]) == "" {
				best = m
			}
		}
	}
	return best
}

func (p *page) ldPage() map[string]any {
	for _, m := range p.ld {
		if ldIs(m, func(t string) bool { return t == "WebPage" || t == "ItemPage" }) {
			return m
		}
	}
	return nil
}

// ldString returns a JSON-LD value as a string: strings as they are,
// objects by their name, @value, url or @id, arrays by their first element.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case float64:
		if t == float64(int64(t)) {
			return strconv.FormatInt(int64(t), 10)
		}
	case []any:
		for _, e := range t {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range []string{"name", "@value", "url", "contentUrl", "@id"} {
			if s := ldString(t[k]); s != "" {
				return s
			}
		}
	}
	return ""
}

// ldURL returns a JSON-LD value naming a URL: a string, or the url,
// contentUrl or @id of an object, or the first of an array.
func ldURL(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		for _, e := range t {
			if s := ldURL(e); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range []string{"url", "contentUrl", "@id"} {
			if s := ldURL(t[k]); s != "" {
				return s
			}
		}
	}
	return ""
}

// ldStrings returns every string of a JSON-LD value.
func ldStrings(v any) []string {
	switch t := v.(type) {
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldStrings(e)...)
		}
		return out
	default:
		if s := ldString(t); s != "" {
			return []string{s}
		}
	}
	return nil
}

// meta returns the first non-empty content of the first key present.
func (p *page) meta(keys ...string) string {
	for _, k := range keys {
		for _, v := range p.metas[k] {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}

// abs resolves ref against the page URL; it returns "" for anything but
// http and https URLs.
func (p *page) abs(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "data:") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if p.base != nil {
		u = p.base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// scriptDateKeys are the keys under which page state and analytics
// objects in scripts commonly carry the publication date, in trust order.
var scriptDateKeys = []string{"datePublished", "published_at", "publishedAt", "publishDate", "publish_date",
	"pubDate", "date_published", "publication_date", "publicationDate", "publishedDate", "firstPublishedDate",
	"firstPublishedAt", "first_published_at", "publishedOn", "published_on"}

// scriptDateAnchors are substrings one of which every key of
// scriptDateKeys holds: a script is scanned once for each, not once per
// key (inline scripts run to megabytes).
var scriptDateAnchors = []string{"ublish", "ubDate", "ublication"}

// scriptDateKey maps each of scriptDateKeys to its rank.
var scriptDateKey = func() map[string]int {
	m := make(map[string]int, len(scriptDateKeys))
	for i, k := range scriptDateKeys {
		m[k] = i
	}
	return m
}()

// appendScriptDates appends the string values of scriptDateKeys found in
// the script source s ("key": "value"), the first of each key, in the
// keys' order.
func appendScriptDates(dst []string, s string) []string {
	var found []string
	for _, a := range scriptDateAnchors {
		for i := 0; ; {
			j := strings.Index(s[i:], a)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(a)
			k, v, ok := scriptDateAt(s, at)
			if !ok {
				continue
			}
			if found == nil {
				found = make([]string, len(scriptDateKeys))
			}
			if found[k] == "" {
				found[k] = v
			}
		}
	}
	for _, v := range found {
		if v != "" {
			dst = append(dst, v)
		}
	}
	return dst
}

// scriptDateAt reads the quoted key around s[at] and its quoted value:
// the key's rank in scriptDateKeys and the value, when the key is one of
// them and the value a short string.
func scriptDateAt(s string, at int) (int, string, bool) {
	from := max(0, at-len("firstPublished"))
	q := strings.LastIndexByte(s[from:at], '"')
	e := strings.IndexByte(s[at:min(len(s), at+len("ublication_date")+1)], '"')
	if q < 0 || e < 0 {
		return 0, "", false
	}
	k, ok := scriptDateKey[s[from+q+1:at+e]]
	if !ok {
		return 0, "", false
	}
	v := strings.TrimLeft(s[at+e+1:], " \t\n\r:")
	if !strings.HasPrefix(v, `"`) {
		return 0, "", false
	}
	v = v[1:]
	j := strings.IndexByte(v[:min(len(v), 64)], '"')
	if j <= 0 {
		return 0, "", false
	}
	return k, v[:j], true
}

// homeLinked reports whether the heading n is a link to the site's home
// page, or sits in one: the logo heading, which names the site on every
// page, not the page.
func (p *page) homeLinked(n *html.Node) bool {
	a := n
	for i := 0; i < 3 && a != nil && a.DataAtom != atom.A; i++ {
		a = a.Parent
	}
	if a == nil || a.DataAtom != atom.A {
		// The link inside the heading, holding all its text.
		c := n.FirstChild
		for c != nil && c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
			c = c.NextSibling
		}
		if c == nil || c.DataAtom != atom.A || strings.TrimSpace(textOf(c)) != strings.TrimSpace(textOf(n)) {
			return false
		}
		a = c
	}
	return p.isHome(attr(a, "href"))
}

// isHome reports whether href leads to the site's home page: its root or
// a bare index page (a board's or a section's, whose name is not the
// page's title either).
func (p *page) isHome(href string) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	if p.base != nil {
		if u.Host != "" && !strings.EqualFold(strings.TrimPrefix(u.Host, "www."), strings.TrimPrefix(p.base.Host, "www.")) {
			return false
		}
		u = p.base.ResolveReference(u)
		// A link to the page itself (an article's <h1> to its own
		// index.html, a one-post site's home page) names the page.
		if indexDir(u.Path) == indexDir(p.base.Path) {
			return false
		}
	}
	if u.Path == "" || u.Path == "/" {
		return true
	}
	switch path.Base(u.Path) {
	case "index.php", "index.html", "index.htm":
		return true
	}
	return false
}

// indexDir returns a URL path without a trailing index page's name, so
// that "/a/b/" and "/a/b/index.html" compare equal.
func indexDir(p string) string {
	switch path.Base(p) {
	case "index.php", "index.html", "index.htm":
		return strings.TrimSuffix(p, path.Base(p))
	}
	if p == "" {
		return "/"
	}
	return p
}
