package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// kindSignals counts what the markup of a page says about its type,
// gathered in the metadata walk.
type kindSignals struct {
	types     map[string]bool // schema.org types from microdata (JSON-LD is read from page.ld)
	code      int             // <pre> blocks
	cart      int             // add-to-cart and buy-now buttons
	basket    int             // of which add-to-cart buttons (basketWords) outside a rail (inRail)
	price     int             // elements named for a price
	posts     int             // elements named for a forum post, reply or answer
	cards     int             // elements named for a teaser card or list item of a listing
	linkHeads int             // h2-h4 headings that are links, anywhere on the page
	toks      []string        // scratch for class tokens
}

// hasLink reports whether n holds a link.
func hasLink(n *html.Node, depth int) bool {
	if depth > 6 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.A || hasLink(c, depth+1)) {
			return true
		}
	}
	return false
}

// sectionLike reports whether the page URL looks like a section front:
// at most two path segments, the last one a word or two rather than a
// story slug (no digits, at most one hyphen, no file extension).
func (p *page) sectionLike() bool {
	if !p.hasURL() {
		return false
	}
	segs := p.pathSegments()
	if len(segs) == 0 || len(segs) > 2 {
		return len(segs) == 0
	}
	last := segs[len(segs)-1]
	return strings.Count(last, "-") <= 1 && !strings.ContainsAny(last, "0123456789._")
}

// kindWords are the class and id words the page type counts, with the
// attrFlags mark of each: words of posts in a thread (attrPost), of the
// items of a listing (attrCard) and of prices (attrPrice), and the one
// byline word that must be whole (attrByline). One map, so that
// kindMarks looks a token up once.
var kindWords = map[string]uint16{
	"post": attrPost, "posts": attrPost, "message": attrPost, "messages": attrPost, "reply": attrPost,
	"replies": attrPost, "answer": attrPost, "answers": attrPost, "thread": attrPost, "topic": attrPost,
	"forum": attrPost, "discussion": attrPost, "postbody": attrPost, "messagebody": attrPost,
	"usertext": attrPost, "bbcode": attrPost,

	"card": attrCard, "cards": attrCard, "teaser": attrCard, "teasers": attrCard, "tile": attrCard,
	"tiles": attrCard, "excerpt": attrCard, "summary": attrCard, "listing": attrCard, "results": attrCard,
	"result": attrCard, "grid": attrCard, "product": attrCard, "products": attrCard,

	"price": attrPrice, "prices": attrPrice,

	// "writer" is the byline's name on many templates ("news-writer",
	// "article-writer"), Arabic news sites' among them; a whole word
	// only, as "writers-guild", "ghostwriter", "copywriter" and a
	// "typewriter" effect name other things.
	"writer": attrByline,
}

func (k *kindSignals) addType(t string) {
	if t = strings.TrimSpace(t); t == "" {
		return
	}
	if k.types == nil {
		k.types = make(map[string]bool)
	}
	for _, f := range strings.Fields(t) {
		k.types[itemTypeName(f)] = true
	}
}

// itemTypeName returns the name of one of a microdata itemtype's types
// without its vocabulary ("https://schema.org/Product" -> "Product").
func itemTypeName(f string) string {
	if i := strings.LastIndexByte(f, '/'); i >= 0 {
		return f[i+1:]
	}
	return f
}

// collectAttrs counts the class, id and itemprop words of n.
func (k *kindSignals) collectAttrs(n *html.Node, p *page) {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			f := p.attrFlags(a.Val)
			if f&attrPost != 0 {
				k.posts++
			}
			if f&attrCard != 0 {
				k.cards++
			}
			if f&attrPrice != 0 {
				k.price++
			}
		case "itemprop":
			if a.Val == "price" || a.Val == "offers" {
				k.price++
			}
		}
	}
}

// kindMarks returns the attrFlags marks of a class or id value's tokens
// that the page type counts, and the byline's whole word (kindWords).
// The tokens are classTokens' (split on what is not an ASCII letter or
// digit and at lower-to-upper changes), each looked up lower-cased in a
// buffer on the stack rather than copied into a slice
// (TestKindMarksTokens holds the two to the same marks). toks is scratch
// kept for the caller and returned as it came.
func kindMarks(v string, toks []string) (f uint16, _ []string) {
	start := -1
	var prev rune
	for i, r := range v {
		alnum := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		if !alnum {
			if start >= 0 {
				f |= kindWordMark(v[start:i])
				start = -1
			}
			prev = r
			continue
		}
		if start >= 0 && r >= 'A' && r <= 'Z' && prev >= 'a' && prev <= 'z' {
			f |= kindWordMark(v[start:i])
			start = i
		}
		if start < 0 {
			start = i
		}
		prev = r
	}
	if start >= 0 {
		f |= kindWordMark(v[start:])
	}
	return f, toks
}

// kindWordMax is more bytes than the longest of kindWords has.
const kindWordMax = 16

// kindWordMark returns the kindWords mark of an ASCII token, lower-cased.
func kindWordMark(tok string) uint16 {
	var buf [kindWordMax]byte
	if len(tok) > len(buf) {
		return 0
	}
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return kindWords[string(buf[:len(tok)])]
}

// basketWords are the labels of buttons that put a product in the
// page's own basket: only a shop has one.
var basketWords = []string{"add to cart", "add to bag", "add to basket", "add to trolley",
	"in den warenkorb", "ajouter au panier", "añadir al carrito", "aggiungi al carrello", "in winkelwagen",
	"adicionar ao carrinho", "в корзину"}

// isCartText reports whether a button's label sells a product: a
// basket's (basketWords) or "Buy now", which a review's link to a shop
// says too.
func isCartText(t string) bool {
	t = strings.ToLower(t)
	return strings.Contains(t, "buy now") || hasBasketWord(t)
}

// hasBasketWord reports whether lower-cased t holds one of basketWords.
func hasBasketWord(t string) bool {
	for _, w := range basketWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// inRail reports whether n sits in an <aside>, a <nav> or a <footer>:
// a shop's widget there sells beside a story, not the page's product.
func inRail(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Aside || a.DataAtom == atom.Nav || a.DataAtom == atom.Footer {
			return true
		}
	}
	return false
}

// hasType reports whether JSON-LD or microdata gives the page one of
// types.
func (p *page) hasType(types ...string) bool {
	for _, t := range types {
		if p.kind.types[t] {
			return true
		}
	}
	for _, m := range p.ld {
		for _, t := range ldTypes(m) {
			// A type may be written as its URL
			// ("https://schema.org/CollectionPage").
			if slices.Contains(types, bareLDType(t)) {
				return true
			}
		}
	}
	return false
}

// docSegments are URL path segments of documentation.
var docSegments = map[string]bool{"docs": true, "doc": true, "documentation": true, "reference": true,
	"api": true, "manual": true, "guide": true, "guides": true, "tutorial": true, "tutorials": true,
	"handbook": true, "kb": true, "knowledge-base": true, "knowledgebase": true, "wiki": true, "learn": true,
	"developer": true, "developers": true, "sdk": true, "howto": true, "faq": true}

// listSegments are URL path segments of listings.
var listSegments = map[string]bool{"tag": true, "tags": true, "category": true, "categories": true,
	"topic": true, "topics": true, "section": true, "author": true, "authors": true, "archive": true,
	"archives": true, "search": true, "page": true, "collections": true, "collection": true, "shop": true,
	"catalog": true, "catalogue": true, "events": true, "jobs": true, "blog": true, "news": true, "stories": true}

// listURLSegments are URL path segments that name a listing when they
// end the path or come one segment before its end.
var listURLSegments = map[string]bool{"tag": true, "tags": true, "topic": true, "topics": true,
	"category": true, "categories": true, "author": true, "authors": true, "search": true, "archive": true,
	"archives": true, "page": true, "section": true, "sections": true}

// listURL reports whether the page URL is that of a tag, topic, category,
// author, search or archive page: one of listURLSegments at most one
// segment from the end, followed by a name rather than a story slug.
func (p *page) listURL() bool {
	segs := p.pathSegments()
	for i, s := range segs {
		if listURLSegments[s] && len(segs)-i <= 2 {
			last := segs[len(segs)-1]
			return strings.Count(last, "-") < 3 && !strings.HasSuffix(last, ".html") && !strings.HasSuffix(last, ".htm")
		}
	}
	return false
}

// forumSegments are URL path segments of forums.
var forumSegments = map[string]bool{"forum": true, "forums": true, "thread": true, "threads": true,
	"topic": true, "t": true, "questions": true, "community": true, "discussion": true, "discussions": true, "board": true, "boards": true,
	"comments": true, "d": true}

// forumURL reports whether the page URL has the shape of a forum thread:
// a forum path segment, a thread script (viewtopic.php, showthread.php),
// or a topic or thread parameter.
func (p *page) forumURL() bool {
	segs := p.pathSegments()
	if anySegment(segs, forumSegments) {
		return true
	}
	if len(segs) > 0 {
		last := segs[len(segs)-1]
		for _, pre := range []string{"viewtopic", "showthread", "showtopic", "thread-", "topic-"} {
			if strings.HasPrefix(last, pre) {
				return true
			}
		}
	}
	if p.base != nil {
		q := p.base.Query()
		return q.Has("topic") || q.Has("t") || q.Has("threadid")
	}
	return false
}

// errorWords are words of an error page's title ("Page not found",
// "404", "This topic does not exist").
var errorWords = []string{"not found", "404", "doesn't exist", "does not exist", "no longer exists", "no longer available"}

// errorTitle reports whether title is an error page's (errorWords).
func errorTitle(title string) bool {
	t := strings.ToLower(title)
	for _, w := range errorWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// inHidden reports whether n or an element around it is hidden from
// readers (isHidden).
func inHidden(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && isHidden(a) {
			return true
		}
	}
	return false
}

// pathSegments returns the lower-case segments of the page URL's path.
func (p *page) pathSegments() []string {
	if p.base == nil {
		return nil
	}
	return strings.FieldsFunc(strings.ToLower(p.base.Path), func(r rune) bool { return r == '/' })
}

func anySegment(segs []string, set map[string]bool) bool {
	for _, s := range segs {
		if set[s] {
			return true
		}
	}
	return false
}

// productTypes are the schema.org types that declare a page a product.
var productTypes = []string{"Product", "ProductGroup", "IndividualProduct", "Car", "Book"}

// pageType tells what a page that is not an article is, from its
// declared types, its URL and the shape of its markup. It never answers
// article.
func (p *page) pageType(words int) string {
	segs := p.pathSegments()
	query := p.base != nil && p.base.RawQuery != ""
	switch {
	case p.hasType("DiscussionForumPosting", "QAPage", "Question"):
		return corpus.PageTypeForum
	case p.productGroup():
		// OpenGraph's product.group says the page is a category of
		// products, whose cards may each declare a Product.
		return corpus.PageTypeListing
	case p.hasType(productTypes...) && !p.hasType("ItemList", "CollectionPage", "OfferCatalog", "SearchResultsPage"):
		return corpus.PageTypeProduct
	case p.hasType("TechArticle", "APIReference", "SoftwareSourceCode", "HowTo"):
		return corpus.PageTypeDocumentation
	case p.hasType("CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage", "OfferCatalog", "Blog"):
		return corpus.PageTypeListing
	}
	switch {
	case words < 20 && p.forumURL() && !p.listURL() && p.consentTxt == 0 && p.shownForms == 0 && !errorTitle(p.titleTag):
		// A thread's page whose posts a script draws: the markup holds
		// none of them, the URL says what the page is. Not a login wall
		// (a password field shown: a shell's login form is hidden) nor
		// a page whose title says the thread is not there.
		return corpus.PageTypeForum
	case words < 20 || p.consentTxt > 0 && words < 100:
		return corpus.PageTypeOther // empty, or a consent wall
	case p.kind.posts >= 3 && p.forumURL() || p.kind.posts >= 20 && !p.pricedGrid():
		return corpus.PageTypeForum
	case (p.kind.cart > 0 || strings.EqualFold(p.meta("og:type"), "product")) && p.kind.price < 6:
		// A basket button or og:type product on a page of a few
		// prices: one product. With six prices or more it is a shop's
		// grid of them (the listing case below), whatever og:type the
		// shop gives all its pages.
		return corpus.PageTypeProduct
	case p.kind.code >= 3 || anySegment(segs, docSegments):
		return corpus.PageTypeDocumentation
	case p.productGroup() || p.linkHeads >= 4 || p.articles >= 4 || p.kind.cards >= 6 || p.kind.price >= 6 ||
		anySegment(segs, listSegments) || query && strings.Contains(p.base.RawQuery, "page="):
		return corpus.PageTypeListing
	}
	return corpus.PageTypeService
}

// otherKind reports whether a page taken for an article by its text is
// another kind of page by stronger evidence: a declared forum, product
// or listing type, a shop's basket button, code blocks or a
// documentation path without any article metadata, or no date, no
// author, no article metadata and the shape of a shop or listing.
func (p *page) otherKind(art *corpus.Article) bool {
	declared := p.ldArticle() != nil && !p.hasType("WebPage", "ItemPage") || strings.EqualFold(p.meta("og:type"), "article") ||
		p.meta("article:published_time") != "" || len(p.micro["headline"]) > 0
	if p.hasType("DiscussionForumPosting", "QAPage", "Product", "ProductGroup", "CollectionPage", "ItemList", "SearchResultsPage") && !p.hasType(newsTypes...) {
		return true
	}
	if strings.EqualFold(p.meta("og:type"), "product") {
		return true
	}
	if p.pageSchemaOnly() && len(art.Authors) == 0 && p.meta("article:published_time") == "" && len(p.micro["headline"]) == 0 {
		return true // a CMS page, not a post: its schema describes a web page or a business
	}
	if p.forumURL() && p.kind.posts >= 3 && !p.hasType(newsTypes...) {
		return true // posts in a thread
	}
	if p.listURL() && (p.kind.linkHeads >= 4 || p.articles >= 4 || p.kind.cards >= 4) && !p.hasType(newsTypes...) {
		return true // a tag, topic or author page, whatever its og:type says
	}
	if declared {
		return false
	}
	if p.kind.cart > 0 || p.kind.linkHeads >= 6 && p.sectionLike() {
		return true // a shop, or teaser headlines on a section's URL
	}
	code, docPath := p.kind.code >= 3, anySegment(p.pathSegments(), docSegments)
	if code && docPath || (code || docPath) && art.Published == nil {
		return true // documentation; but a dated post with code is a blog post
	}
	// Undated and unsigned, with the shape of a shop or a listing. Linked
	// headings below a story are other stories' (a "more stories" grid
	// after a short undated story), not the teasers of a listing.
	return art.Published == nil && len(art.Authors) == 0 &&
		(p.kind.cards >= 6 || p.kind.price >= 3 || p.kind.linkHeads >= 8 && !p.storyBeforeHeads())
}

// basketOnBarePage reports whether a button outside the page's rails adds
// to the page's own basket (basketWords, kindSignals.basket) on a page
// that declares no article and is not both dated and signed. decideType
// holds it over the page-type model, which weighs otherKind's evidence
// among its features and types some shops' pages of prose articles.
// The rest of that evidence stays the model's to weigh: it comes
// innocently to articles too (a story's related cards or teaser
// headlines, an undated blog post's code blocks, og:type product on a
// review, web-page-only or list schema, priced items in a roundup), as
// does a shop's widget in a story's <aside> or in the body of a dated,
// signed story; the model types those articles (TestFirmMisfires). On the
// tuning halves none of it moved a page when held firm (ex26ty).
func (p *page) basketOnBarePage(art *corpus.Article) bool {
	return p.kind.basket > 0 && !p.declaresArticle() && (art.Published == nil || len(art.Authors) == 0 || p.itemDated(art))
}

// itemDated reports whether the date found is the one the page's JSON-LD
// gives the product or book it declares (productTypes): the date, and
// the author found with it, are then the item's (a book's publication
// day and writer), not those of a post. basketOnBarePage reads them as a
// post's otherwise, and a bookshop's page with its basket button, whose
// Book names an author and a date, was typed an article and lost its
// details. A review that declares the book it reviews, or a post with a
// shop's widget, is dated on another day and stays an article.
func (p *page) itemDated(art *corpus.Article) bool {
	if art.Published == nil {
		return false
	}
	day := art.Published.UTC().Format("2006-01-02")
	isItem := func(t string) bool { return slices.Contains(productTypes, bareLDType(t)) }
	for _, m := range p.ld {
		if ldIs(m, isItem) && strings.HasPrefix(ldString(m["datePublished"]), day) {
			return true
		}
	}
	return false
}

// commentsAfterStory returns how many of the elements counted as posts
// (kindSignals.posts) are readers' comments below a story: their class or
// id names a comment too ("comment reply"), and three paragraphs of prose
// come before the first element named for a post, the story's wrapper
// (named for a post, holding the <h1>) aside, which then counts out too.
// A thread's first post is named as its replies are, so nothing comes
// before it.
func (p *page) commentsAfterStory() int {
	if p.kind.posts == 0 {
		return 0
	}
	x := p.x
	long, comments, wrappers, story := 0, 0, 0, false
	for i, n := range x.nodes {
		in := &x.infos[i]
		if n.DataAtom == atom.P && !in.junk && in.text >= 80 && in.link*5 < in.text {
			long++
		}
		for _, a := range n.Attr {
			if a.Key != "class" && a.Key != "id" {
				continue
			}
			f := p.attrFlags(a.Val)
			if f&attrPost == 0 {
				continue
			}
			if !story && f&attrComment == 0 && holdsH1(n) {
				// The story's own wrapper, named for a post and holding
				// the headline (a CMS's <article class="post ...">): a
				// thread's posts sit under its title.
				wrappers++
				continue
			}
			if !story {
				if long < storyProseParas {
					return 0 // posts first: a thread
				}
				story = true
			}
			if f&attrComment != 0 {
				comments++
			}
		}
	}
	if comments == 0 {
		return 0
	}
	return min(comments+wrappers, p.kind.posts)
}

// storyProseParas is how many paragraphs of prose make a story.
const storyProseParas = 3

// storyBeforeHeads reports whether the page opens with a story: three
// paragraphs of prose (80 bytes of text or more, some fifteen words,
// under a fifth of it in links) before its first linked h2-h4 heading. A
// listing's teasers come first, under an intro of a line or two, and
// their summaries follow their headings.
func (p *page) storyBeforeHeads() bool {
	x := p.x
	long := 0
	for i, n := range x.nodes {
		switch n.DataAtom {
		case atom.H2, atom.H3, atom.H4:
			if linkedHeading(n) {
				return false
			}
		case atom.P:
			if in := &x.infos[i]; !in.junk && in.text >= 80 && in.link*5 < in.text {
				if long++; long >= storyProseParas {
					return true
				}
			}
		}
	}
	return false
}

// newsTypes are the schema.org types of news and blog articles.
var newsTypes = []string{"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
	"BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report"}

// pageSchemaOnly reports whether the page's JSON-LD describes a web page,
// a business or a service and no article: CMS and SEO plugins give posts
// an Article or BlogPosting and plain pages only a WebPage.
func (p *page) pageSchemaOnly() bool {
	if len(p.ld) == 0 || p.ldArticle() != nil {
		return false
	}
	return p.hasType("WebPage", "LocalBusiness", "Service", "FAQPage", "OfferCatalog", "ProfessionalService", "AboutPage", "ContactPage")
}

// decideType tells whether the page is an article and, if not, its most
// probable type ("" when the rules decided: pageType then tells). The page-type model (typemodel.go) decides, with the
// hand-written rules (isArticle, otherKind) among its features; a page
// of under 20 words is left to the rules, which know empty pages and
// consent walls.
func (p *page) decideType(art *corpus.Article, paywalled bool) (article bool, other string) {
	p.kind.posts -= p.commentsAfterStory()
	ruleArt := p.isArticle(art, paywalled)
	ruleOther := p.otherKind(art)
	p.feats = p.features(art, paywalled, ruleArt, ruleOther)
	modelFits := len(pageTypeModel.Features) == len(p.feats)
	modelReady := art.WordCount >= 20 && modelFits
	p.bare = p.bareDocument(art) // read by otherPage, once the text is chosen
	if p.noticePage(art, paywalled) {
		// A page that names itself a notice (not found, an error, a
		// login wall, a search that found nothing) and says little
		// more: nothing to keep, whatever its chrome looks like.
		p.bare = false
		return false, corpus.PageTypeOther
	}
	if !ruleArt && art.WordCount < 100 && art.Published == nil && !p.declaresArticle() {
		// A short page with no date and no article metadata that the
		// rules reject: about, contact and privacy pages, calendars, but
		// also short undated notes. The training sets hold too few of
		// them for the model to judge alone: it decides only for a body
		// of prose (a calendar's grid or a contact page's lines are not),
		// and the body the rules rejected is not trusted over the block
		// model's text (fillFlags). Its other class is the page's type
		// either way: it knows that better than pageType's rules.
		if !modelReady {
			return false, ""
		}
		article, _, other = pageTypeModel.classify(p.feats)
		p.shortArt = article && p.proseBody(art.WordCount)
		return p.shortArt, other
	}
	if p.pagedURL() && !p.declaresArticle() && p.kind.linkHeads >= 2 {
		// A numbered page of a list (/page/3/, ?page=3) with linked
		// headlines on it: the training sets hold few of them, and the
		// last pages of a list, with two or three teasers, read as short
		// articles.
		return false, corpus.PageTypeListing
	}
	if art.WordCount < 20 && ruleArt && !ruleOther && modelFits && p.pageText()/6 >= 100 {
		// A body of a few words on a page of a hundred or more: the
		// article rules' verdict rests on metadata alone (an encyclopedia
		// declares its lists articles), so the model must agree.
		if article, _, other := pageTypeModel.classify(p.feats); !article {
			return false, other
		}
	}
	if !modelReady && !p.listURL() && p.isThread() && (p.forumURL() || !p.storyBeside() && !p.shopBesidePosts() && !p.bylineApart()) {
		// A thread whose posts the content walk dropped as comments: the
		// body found is its title, or a link post's linked title. At a
		// thread's URL, or at another with no story beside the posts
		// (they would be its readers' comments), no shop's markup (they
		// would be a product's reviews) and no byline apart from them (a
		// video's story: a headline, a byline and a caption).
		return false, corpus.PageTypeForum
	}
	if !modelReady {
		// Too little text to judge, or a model trained on other features
		// (while the trainer runs after a change of features.go; a test
		// fails on it otherwise).
		return ruleArt && !ruleOther, ""
	}
	article, _, other = pageTypeModel.classify(p.feats)
	if article && !p.declaresArticle() && (art.Published == nil || len(art.Authors) == 0) && p.appOffered() {
		// An app store's page (or a game's): it declares the application
		// with its offer, free or priced, and no article, and has no
		// basket button; the model reads its description as an
		// article's prose, and its reviews stayed as a story's quotes.
		// A dated and signed page is a story about the app, whose
		// site declares the app it writes of.
		return false, corpus.PageTypeProduct
	}
	if article && p.basketOnBarePage(art) {
		// A shop's basket button in the page's body, on a page that
		// declares no article and is not both dated and signed: the
		// model weighs the button among the rest and types some shops'
		// pages of prose articles. A CMS's single post is still one
		// (correctModel).
		article = false
	}
	article, other = p.correctModel(art, article, other)
	if !article && other == corpus.PageTypeListing && p.productBesideRail() {
		// One product's page whose grid of other products ("You may
		// also like", "Complete the look") holds more cards, prices
		// and words than the product's own box: the model and the
		// grid rules read a shop's category page.
		return false, corpus.PageTypeProduct
	}
	return article, other
}

// railBasketMax is the most basket buttons of a product page beside a
// rail (productBesideRail): its own and a sticky bar's copy. A category
// page's cards have one each.
const railBasketMax = 2

// productBesideRail reports whether the page sells one product beside a
// shop's rail of others: one <h1>, one or two basket buttons outside any
// aside, nav or footer (railBasketMax), and after the <h1> an element of
// text of its own, a heading or a styled <div>, that opens a section of
// other products (isShopHead as on a product page), with fewer than
// railCardsBefore cards' linked headings between the two.
// A category page's own grid has no such heading over it, and its cards
// each carry a basket button when they carry one; its "Recently viewed"
// comes after its cards, and one featured product's button is no
// product page's (review38c).
func (p *page) productBesideRail() bool {
	if p.kind.basket == 0 || p.kind.basket > railBasketMax {
		return false
	}
	h1, cards := 0, 0
	for _, n := range p.x.nodes {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.H1:
			h1++
		case atom.A, atom.Button, atom.Option, atom.Script, atom.Style:
		default:
			if h1 == 1 && isHeading(n.DataAtom) && linkedHeading(n) {
				cards++
			} else if h1 == 1 && ownText(n) && isShopHead(shortText(n, 80), corpus.PageTypeProduct) {
				return cards < railCardsBefore
			}
		}
	}
	return false
}

// railCardsBefore is the fewest cards' linked headings between a page's
// <h1> and a rail's heading that make the cards the page's own grid
// (productBesideRail): a product's box holds none.
const railCardsBefore = 3

// correctModel corrects the page-type model's verdict (article, other)
// where the rules know better: a CMS's single post, threads, mailing
// lists, section fronts and tag pages, shops' category pages, a
// business's page for a service (serviceDeskPage), dated and signed
// posts it calls documentation (signedPost) and documentation hosts.
func (p *page) correctModel(art *corpus.Article, article bool, other string) (bool, string) {
	if !article && p.cmsPost() {
		// The CMS says it rendered a single post: content management
		// systems name the template in the <body>'s classes, and none
		// gives a listing, a shop or a plain page these names.
		article = true
	}
	if t := p.threadType(article, other); t != "" {
		return false, t
	}
	if article && !p.cmsPost() && !p.hasType(newsTypes...) && (p.teaserFront(art.WordCount, art.Published != nil && len(art.Authors) > 0) || p.itemRunBody(art.WordCount)) {
		// Linked headlines with a line of summary each, dated excerpts
		// that link their story again ("Continue reading"), or dated
		// plain links with a line each, and no story of the page's own:
		// a section front, a tag page or a blog's index, whatever
		// metadata its template gives it. The body found is
		// the teasers: fillFlags keeps it as the text.
		p.teaserBody = true
		return false, corpus.PageTypeListing
	}
	if article && p.unsignedPage(art) && !p.hasType(newsTypes...) && p.undatedCardPage(art) {
		// An undated page that nothing signs or declares a story, made
		// of a grid of undated cards by shape under an intro: a shop's
		// category or a directory, whose intro the model reads as an
		// article's prose once class names say nothing of the cards
		// ("card", "product"). A story is dated or signed, and holds its
		// paragraphs outside any grid; a brief's related stories below
		// it are dated one by one.
		return false, corpus.PageTypeListing
	}
	if article && p.serviceDeskPage(art) {
		// A form to reach the business beside a phone link or opening
		// hours on lines of their own, on a page of few paragraphs that
		// nothing signs or declares a story: a business's page for a
		// service, whose lines the model read as an article's prose.
		return false, corpus.PageTypeService
	}
	if !article && other == corpus.PageTypeService && p.cardPage(art) {
		// The same grid of cards that the model, reading a page of few
		// linked headings, took for a business's plain page: a shop's
		// or a collection's page whose class names say nothing.
		return false, corpus.PageTypeListing
	}
	if !article && other == corpus.PageTypeService && p.priceGrid() {
		// A grid of priced items: a shop's category page, which the
		// model, reading a long page of few linked headings and no
		// basket button, takes for a plain page of a business.
		return false, corpus.PageTypeListing
	}
	if p.productGroup() && !p.hasType(newsTypes...) {
		// OpenGraph's product.group: a shop's category page, whatever
		// prose it opens with.
		return false, corpus.PageTypeListing
	}
	if !article && other == corpus.PageTypeDocumentation && p.signedPost(art) {
		// A dated, signed post of prose at a URL that is not
		// documentation's: a tutorial on a blog, whose code blocks the
		// model reads as a manual's. Manuals are rarely both dated and
		// signed, and those that are say so by their path, host or
		// declared type.
		article = true
	}
	if article && other == corpus.PageTypeService && !p.cmsPost() && !p.hasType(newsTypes...) && p.offersService() {
		// A business's page of prose (a service, a consultancy, a law
		// firm's practice) that asks the reader for a quote, a
		// consultation or a call outside its menus: the model sees the
		// prose of an article and a service page as its runner-up. A
		// story does not sell its writer's time.
		article = false
	}
	if article && p.declaredList(art) {
		// A page that declares itself a list, with nothing that makes
		// it a story: the model read the list's intro and summaries as
		// an article's prose.
		return false, corpus.PageTypeListing
	}
	if (article || other == corpus.PageTypeService || other == corpus.PageTypeListing) && p.docHost() {
		// A page of a documentation host (docs.example.org): the model
		// knows documentation paths, not hosts. Threads and products
		// keep their type (a support host's forum).
		return false, corpus.PageTypeDocumentation
	}
	return article, other
}

// threadType gives the type of a page whose body is a thread of posts
// the model took for an article or a plain page (forum, or product when
// the posts are a shop's reviews), or "" when it is none.
func (p *page) threadType(article bool, other string) string {
	if article && p.hasType("QAPage") && !p.articleBeside("") && p.asksHeadline() && p.postsBySeveral() {
		// A page that declares itself a question with its answers, the
		// question being its headline, shows posts by several people and
		// states no news or blog article beside it: a thread, whatever
		// og:type its template prints (Q&A software types every page an
		// article) and however long its question is. A QAPage stamped on
		// a recipe's or a story's block of readers' questions asks
		// something else than the headline, and a one-byline explainer
		// that declares its headline a question shows no answerers.
		return corpus.PageTypeForum
	}
	if article && p.isThread() && !p.storyBeside() {
		// Posts by several people make up the page: a thread, whatever
		// its metadata says (forum software declares its threads
		// articles), and the training sets hold too few such threads for
		// the model to learn it. Unless a story stands beside them: then
		// they are its readers' comments. On a page with a shop's markup
		// they are a product's reviews.
		if p.shopBesidePosts() {
			return corpus.PageTypeProduct
		}
		return corpus.PageTypeForum
	}
	if article && p.replyThread() {
		// Replies titled with the thread's headline ("Re: ..."): a
		// thread, whatever signs its posts, and whatever their linked
		// titles would say to teaserFront.
		return corpus.PageTypeForum
	}
	if article && p.kind.code > 0 && p.listMessage() {
		// One message of a mailing list's archive: its body in a <pre>,
		// under the archive's links to the messages before and after
		// it. A post of a discussion, as a thread's page is.
		return corpus.PageTypeForum
	}
	if (other == corpus.PageTypeListing || other == corpus.PageTypeService) && !article && p.forumURL() && !p.listURL() && p.isThread() {
		// The same posts at a thread's URL, where the model saw a list
		// of items or a plain page. Not at a list's URL (/topic/name):
		// a news site's topic page whose teasers link their writers'
		// profiles is a run of signed, dated records too.
		return corpus.PageTypeForum
	}
	return ""
}

// signedPost reports whether the page is dated and signed, with a body
// of prose (sentenceProse), and neither its URL (a documentation path or
// host) nor its declared type says it is documentation.
func (p *page) signedPost(art *corpus.Article) bool {
	segs := p.pathSegments()
	return art.Published != nil && len(art.Authors) > 0 && !anySegment(segs, docSegments) && !anySegment(segs, helpSegments) &&
		!p.docHost() && !p.hasType("TechArticle", "APIReference", "SoftwareSourceCode", "HowTo") && p.sentenceProse(art.WordCount)
}

// helpSegments are path segments of documentation and help centres that
// docSegments lacks: help and support centres' (whose articles are dated
// and signed: "Updated ... by ...") and other languages' words for
// documentation, help, guides and tutorials. Only signedPost reads
// them: docSegments is one of the page-type model's features, which
// the model was trained on as it is.
var helpSegments = map[string]bool{"help": true, "support": true, "help-center": true, "helpcenter": true,
	"help-centre": true, "support-center": true, "knowledge": true, "aide": true, "assistance": true,
	"tutoriel": true, "tutoriels": true, "manuel": true, "hilfe": true, "dokumentation": true, "doku": true,
	"anleitung": true, "anleitungen": true, "handbuch": true, "ayuda": true, "documentacion": true,
	"documentación": true, "guia": true, "guias": true, "tutoriales": true, "soporte": true, "aiuto": true,
	"supporto": true, "documentazione": true, "ajuda": true, "suporte": true, "documentacao": true, "documentação": true}

// sentenceProse reports whether at least half of the body's words are in
// paragraphs of prose that end a sentence (ten words or more, under
// 30% linked). proseBody's paragraphs of ten words take in a code
// block's lines too; a line of code seldom ends as a sentence does.
// Words are counted as the body's are (countWords: a CJK character is
// one), or a Chinese or Japanese paragraph, of few spaces, would count
// as one word.
func (p *page) sentenceProse(words int) bool {
	n := 0
	for _, b := range p.blocks {
		if (b.kind == kindPara || b.kind == kindQuote) && b.link < 0.3 && endsSentence(b.text) {
			if w := countWords(b.text); w >= 10 {
				n += w
			}
		}
	}
	return n*2 >= words
}

// cmsPostClasses are the <body> classes with which content management
// systems mark the page of one post or news article: WordPress
// (single-post, post-template-default), Drupal (page-node-type-article,
// node-type-article), Shopify (template-article) and Ghost
// (post-template). Their listings, shops and plain pages get other
// names (archive, category, page-template, single-product).
var cmsPostClasses = map[string]bool{"single-post": true, "post-template-default": true,
	"page-node-type-article": true, "node-type-article": true, "template-article": true, "post-template": true}

// cmsPost reports whether the <body>'s classes mark the page of a post.
func (p *page) cmsPost() bool {
	if p.bodyNode == nil || p.bodyNode.Data != "body" {
		return false
	}
	for _, c := range strings.Fields(strings.ToLower(attr(p.bodyNode, "class"))) {
		if cmsPostClasses[c] {
			return true
		}
	}
	return false
}

// shopLike reports whether the page has a shop's markup: a basket
// button, an element named for a price, a declared product or offer, or
// og:type product.
func (p *page) shopLike() bool {
	return p.kind.price > 0 || p.shopDeclared()
}

// shopDeclared reports whether the page has a shop's markup other than
// an element named for a price: a basket button, a declared product or
// offer, or og:type product.
func (p *page) shopDeclared() bool {
	return p.kind.cart > 0 || strings.EqualFold(p.meta("og:type"), "product") ||
		p.hasType("Product", "ProductGroup", "IndividualProduct", "Offer", "AggregateOffer")
}

// shopBesidePosts reports whether the page has a shop's markup beside
// its run of records (shopLike): a declared product or offer, og:type
// product, a basket button, or an element named for a price outside the
// element that holds the records. A thread whose posts sell things
// (a price in a for-sale post) has no price of its own.
func (p *page) shopBesidePosts() bool {
	if p.shopDeclared() {
		return true
	}
	if p.kind.price == 0 {
		return false
	}
	c, _ := p.threadPosts()
	for _, n := range p.x.nodes {
		if n.Type != html.ElementNode || c.most != nil && (n == c.most || isAncestor(c.most, n)) {
			continue
		}
		if attr(n, "itemprop") == "offers" || p.namesPrice(n) {
			return true
		}
	}
	return false
}

// pricedGrid reports whether the page names twenty prices and has no
// basket button: a shop's grid, whose cards' ratings and review counts
// are named as posts, not a thread (a for-sale post's price is one).
func (p *page) pricedGrid() bool {
	return p.kind.price >= 20 && p.kind.cart == 0
}

// priceGridItems is how many priced siblings make a grid of products.
// On the tuning half of page-types a product page holds at most eight
// (its related products), a service page six, and shops' category
// pages eleven or more.
const priceGridItems = 10

// priceGrid reports whether the page holds a grid of priced items:
// priceGridItems siblings of one tag and class under one parent that
// each hold an element named for a price (class or id words, or
// itemprop price).
func (p *page) priceGrid() bool {
	type key struct {
		parent     *html.Node
		tag, class string
	}
	items := map[key]map[*html.Node]bool{}
	for _, n := range p.x.nodes {
		if !p.namesPrice(n) {
			continue
		}
		a := n
		for d := 0; d < 8 && a.Parent != nil && a.Parent.Type == html.ElementNode; d, a = d+1, a.Parent {
			k := key{a.Parent, a.Data, attr(a, "class")}
			if items[k] == nil {
				items[k] = map[*html.Node]bool{}
			}
			if items[k][a] = true; len(items[k]) >= priceGridItems {
				return true
			}
		}
	}
	return false
}

// namesPrice reports whether element n is named for a price, as
// kindSignals.collectAttrs counts it.
func (p *page) namesPrice(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if v := attr(n, "itemprop"); v == "price" {
		return true
	}
	return p.attrFlags(attr(n, "class"))&attrPrice != 0 || p.attrFlags(attr(n, "id"))&attrPrice != 0
}

// productGroup reports whether og:type names a group of products
// (OpenGraph's product.group, written product:group too): a shop's
// category or collection page.
func (p *page) productGroup() bool {
	og := strings.ToLower(strings.TrimSpace(p.meta("og:type")))
	return og == "product.group" || og == "product:group"
}

// docHostWords are first labels of the host names of documentation sites.
var docHostWords = map[string]bool{"docs": true, "doc": true, "learn": true, "developer": true,
	"developers": true, "wiki": true, "kb": true, "help": true, "support": true, "api": true}

// postSegments are path segments under which a documentation host
// publishes posts rather than documentation.
var postSegments = map[string]bool{"blog": true, "blogs": true, "news": true, "stories": true,
	"articles": true, "press": true, "changelog": true, "release-notes": true}

// docHost reports whether the page sits on a documentation host (its
// first label one of docHostWords), outside a blog, news or forum path,
// and declares no news or blog article.
func (p *page) docHost() bool {
	if !p.hasURL() {
		return false
	}
	host := strings.ToLower(p.base.Hostname())
	first, _, ok := strings.Cut(host, ".")
	return ok && docHostWords[first] && !anySegment(p.pathSegments(), postSegments) && !p.forumURL() && !p.hasType(newsTypes...)
}

// pageText returns the text bytes of the page: its body's and the
// teasers' the content walk dropped (page_words is a sixth of it).
func (p *page) pageText() int {
	text := 0
	if bi := p.x.info(p.bodyNode); bi != nil {
		text = bi.text
	}
	tt, _ := p.x.teaserText()
	return text + tt
}

// proseBody reports whether at least half the words of the body found
// are in paragraphs of prose (proseText: unlinked, ten words or more).
func (p *page) proseBody(words int) bool {
	return countWords(proseText(p.blocks))*2 >= words
}

// declaresArticle reports whether the page's metadata says it is an
// article: a JSON-LD article type, og:type article, an
// article:published_time or a microdata headline or date.
func (p *page) declaresArticle() bool {
	return p.ldArticle() != nil && !p.hasType("WebPage", "ItemPage") || strings.EqualFold(p.meta("og:type"), "article") ||
		p.meta("article:published_time") != "" || len(p.micro["headline"]) > 0 || len(p.micro["datePublished"]) > 0
}

// pageParams are query parameters that number the pages of a list (not
// "p", WordPress's post id).
var pageParams = []string{"page", "pg", "paged", "pagenum", "pageno"}

// pagedURL reports whether the URL is a numbered page of a list: a
// /page/N path or a numeric page parameter, on a path that does not end
// in a story's slug (the second page of a long article is
// /a-story-of-many-words?page=2).
func (p *page) pagedURL() bool {
	if !p.hasURL() {
		return false
	}
	segs := p.pathSegments()
	paged := false
	for i := 0; i+1 < len(segs); i++ {
		if segs[i] == "page" && isDigits(segs[i+1]) {
			paged, segs = true, segs[:i]
			break
		}
	}
	q := p.base.Query()
	for _, k := range pageParams {
		paged = paged || isDigits(q.Get(k))
	}
	return paged && (len(segs) == 0 || !storySlug(segs[len(segs)-1]))
}

// storySlug reports whether a path segment names one story: three or
// more hyphens ("a-story-of-words") or an .html file.
func storySlug(seg string) bool {
	return strings.Count(seg, "-") >= 3 || strings.HasSuffix(seg, ".html") || strings.HasSuffix(seg, ".htm")
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// appOffered reports whether the page's JSON-LD declares an application
// or a game together with its offer (schema.org's "offers"): the thing
// the page sells, as a shop's Product does.
func (p *page) appOffered() bool {
	isApp := func(t string) bool {
		switch bareLDType(t) {
		case "SoftwareApplication", "MobileApplication", "VideoGame":
			return true
		}
		return false
	}
	for _, m := range p.ld {
		if m["offers"] != nil && ldIs(m, isApp) {
			return true
		}
	}
	return false
}
