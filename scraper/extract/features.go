package extract

import (
	"fmt"
	"math"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// Page-level features of the page-type model (pagetype_model.go). Each
// is a number read from the page's markup, metadata, URL shape and the
// content walk; counts go through log1p so that one huge page does not
// dominate. None names a site or a page's class names: the class words
// counted are the general ones of kindSignals.
//
// The order is the model's: the trainer (bench, `go run . train-pagetype`)
// writes the names it trained on into the model, and a test checks them
// against featureNames, so that a changed feature list cannot run with
// stale weights.
var featureNames = []string{
	// Today's hand-written rules, as evidence among the rest.
	"rule_is_article", "rule_other_kind",
	// Declared types and metadata.
	"ld_article", "ld_news_type", "ld_page_only", "og_article", "og_website", "og_product",
	"meta_published", "micro_headline", "type_forum", "type_product", "type_listing", "type_doc",
	"dated", "authors", "paywalled",
	// URL shape.
	"url_front", "url_depth", "url_last_hyphens", "url_last_digits", "url_digit_run", "url_html",
	"url_query", "url_query_page", "url_list", "url_forum", "url_doc_seg", "url_list_seg", "url_section",
	// Markup counts gathered in the metadata walk.
	"code", "cart", "price", "posts", "cards", "link_heads_page", "articles", "h1s",
	"times",
	"consent", "forms",
	// The content walk: text, links, paragraphs, the body chosen.
	"page_words", "link_density", "para_share", "body_words", "body_share", "prose_share",
	"body_paras", "body_items", "body_heads", "body_link_heads", "body_link_share", "body_para_words",
	"link_heads_per_para",
	// Repeated structure: sibling groups of short linked blocks (teasers).
	"teaser_items", "teaser_groups", "teaser_max", "long_paras", "link_paras",
	// The share of the page's text in those runs, and a pager (numbered
	// links to the other pages of a list, or a rel=next link).
	"teaser_share", "pager",
}

// ProbeFeatures returns the page-type features of a probe page, one of
// the hand-written pages in scraper/extract/testdata/pagetype, named by
// its file name and read at a fixed URL made from that name. The trainer
// (bench, train-pagetype) records them in the model it writes, and a
// test compares them with what the feature code computes now: a change
// that moves any feature of those pages calls for retraining.
func ProbeFeatures(name string, body []byte) ([]float64, error) {
	d, err := Parse(Input{Body: body, URL: "https://probe.example/pages/" + name, ContentType: "text/html; charset=utf-8"}, Options{})
	if err != nil {
		return nil, fmt.Errorf("probe %s: %w", name, err)
	}
	return d.PageTypeFeatures(), nil
}

// numFeatures is the length of a feature vector.
var numFeatures = len(featureNames)

// FeatureNames returns the names of the page-type model's features, in
// the order of PageTypeFeatures' vectors.
func FeatureNames() []string { return append([]string(nil), featureNames...) }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func lg(n int) float64 { return math.Log1p(float64(max(n, 0))) }

// ratio is a/b, 0 when b is 0, capped at 1.
func ratio(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	return min(float64(a)/float64(b), 1)
}

// hasURL reports whether the page came with a URL: without one, the URL
// features say nothing (a page read from a file is not a front page).
func (p *page) hasURL() bool {
	return p.base != nil && (p.base.Host != "" || p.base.Path != "" || p.base.RawQuery != "" || p.base.Opaque != "")
}

// features returns the feature vector of the page, whose article-shaped
// body is in art, before the page type is chosen; ruleArt and ruleOther
// are the hand-written rules' verdicts (isArticle, otherKind).
func (p *page) features(art *corpus.Article, paywalled, ruleArt, ruleOther bool) []float64 {
	f := make([]float64, 0, numFeatures)
	f = append(f, b2f(ruleArt), b2f(ruleOther))
	f = p.metaFeatures(f, art, paywalled)
	f = p.urlFeatures(f)
	k := &p.kind
	f = append(f, lg(k.code), b2f(k.cart > 0), lg(k.price), lg(k.posts), lg(k.cards), lg(k.linkHeads))
	f = append(f, lg(p.articles), lg(len(p.h1s)), lg(len(p.times)))
	f = append(f, b2f(p.consentTxt > 0), b2f(p.forms > 0))
	f = p.contentFeatures(f, art)
	f = p.teaserFeatures(f)
	return append(f, b2f(p.hasPager()))
}

func (p *page) metaFeatures(f []float64, art *corpus.Article, paywalled bool) []float64 {
	og := strings.ToLower(p.meta("og:type"))
	return append(f,
		b2f(p.ldArticle() != nil), b2f(p.hasType(newsTypes...)), b2f(p.pageSchemaOnly()),
		b2f(og == "article"), b2f(og == "website"), b2f(og == "product"),
		b2f(p.meta("article:published_time") != ""), b2f(len(p.micro["headline"]) > 0),
		b2f(p.hasType("DiscussionForumPosting", "QAPage", "Question")),
		b2f(p.hasType("Product", "ProductGroup", "IndividualProduct", "Offer")),
		b2f(p.hasType("CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage", "OfferCatalog", "Blog")),
		b2f(p.hasType("TechArticle", "APIReference", "SoftwareSourceCode", "HowTo", "SoftwareApplication")),
		b2f(art.Published != nil), lg(len(art.Authors)), b2f(paywalled))
}

func (p *page) urlFeatures(f []float64) []float64 {
	segs := p.pathSegments()
	last := ""
	if len(segs) > 0 {
		last = segs[len(segs)-1]
	}
	digits, run, best := 0, 0, 0
	for _, s := range segs {
		for i := 0; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				run++
				best = max(best, run)
			} else {
				run = 0
			}
		}
		run = 0
	}
	for i := 0; i < len(last); i++ {
		if last[i] >= '0' && last[i] <= '9' {
			digits++
		}
	}
	query := p.hasURL() && p.base.RawQuery != ""
	front := p.hasURL() && len(segs) == 0 && !query
	return append(f,
		b2f(front), lg(len(segs)), lg(min(strings.Count(last, "-"), 12)), b2f(digits > 0), b2f(best >= 4),
		b2f(strings.HasSuffix(last, ".html") || strings.HasSuffix(last, ".htm")),
		b2f(query), b2f(query && strings.Contains(p.base.RawQuery, "page=")),
		b2f(p.listURL()), b2f(p.forumURL()), b2f(anySegment(segs, docSegments)), b2f(anySegment(segs, listSegments)),
		b2f(p.hasURL() && p.sectionLike()))
}

// contentFeatures reads the text of the page and of the body chosen. The
// page's text counts the teasers the content walk dropped for their
// class names ("teaser", "excerpt"): they are a listing's content. The
// body's linked headings are p.linkHeads (bodyBlocks drops them from
// p.blocks); body_link_heads counts them over short paragraphs only.
func (p *page) contentFeatures(f []float64, art *corpus.Article) []float64 {
	var text, link, prose int
	if bi := p.x.info(p.bodyNode); bi != nil {
		text, link = bi.text, bi.link
	}
	if p.bodyNode != nil {
		prose = p.x.proseBytes(p.bodyNode)
	}
	tt, tl := p.x.teaserText()
	text, link = text+tt, link+tl
	paras, items, heads, paraWords := 0, 0, 0, 0
	linked := 0.0
	for _, b := range p.blocks {
		switch b.kind {
		case kindPara:
			paras++
			paraWords += numFields(b.text)
		case kindItem:
			items++
		case kindHeading:
			heads++
		}
		linked += b.link * float64(len(b.text))
	}
	bodyBytes := len(p.body)
	linkShare := 0.0
	if bodyBytes > 0 {
		linkShare = min(linked/float64(bodyBytes), 1)
	}
	perPara := 0.0
	if paras > 0 {
		perPara = float64(paraWords) / float64(paras)
	}
	// Linked headings over paragraphs of a line or two are teasers; over
	// paragraphs of prose they are the sections of a roundup article.
	teaserHeads := 0
	if perPara < 30 {
		teaserHeads = p.linkHeads
	}
	return append(f,
		lg(text/6), ratio(link, text), ratio(p.x.fullTotal, text), lg(art.WordCount), ratio(bodyBytes, text),
		ratio(prose, text), lg(paras), lg(items), lg(heads), lg(teaserHeads), linkShare, math.Log1p(perPara),
		math.Log1p(float64(p.linkHeads)/float64(paras+1)))
}

// teaserFeatures counts repeated structure in the content walk: groups of
// three or more sibling elements with the same tag and class, each a
// short block that holds a link (the teasers of a listing, the items of
// a shop grid, the posts of a thread); and paragraphs by length and links.
func (p *page) teaserFeatures(f []float64) []float64 {
	x := p.x
	items, groups, most, runText := 0, 0, 0, 0
	longParas, linkParas := 0, 0
	for i, n := range x.nodes {
		in := &x.infos[i]
		if in.junk && !droppedTeaser(in) || n.Type != html.ElementNode {
			continue
		}
		if n.DataAtom == atom.P {
			if in.text >= 200 && in.link*5 < in.text {
				longParas++
			}
			if in.text > 0 && in.link*2 >= in.text {
				linkParas++
			}
		}
		if !in.block {
			continue
		}
		c := teaserGroups(x, n, nil)
		if c.items > 0 {
			items += c.items
			groups += c.groups
			most = max(most, c.most)
			runText += c.text
		}
	}
	return append(f, lg(items), lg(groups), lg(most), lg(longParas), lg(linkParas), ratio(runText, p.pageText()))
}

type teaserCount struct{ items, groups, most, text int }

// teaserGroups counts the runs of like siblings among n's children that
// are short linked blocks: a run is three or more consecutive element
// children of the same tag that are alike in class (other siblings in
// between do not break it). Siblings are alike when neither has a class
// or when they share a class name: the items of a list often carry their
// own ids and categories as classes ("post-123 category-food"), so their
// class attributes differ. A <dd> after a <dt> of the run is that term's
// description, part of its item: the two alternate in a description list
// and would break every run. each, when not nil, is called with every
// item of the runs counted.
func teaserGroups(x *contentExtractor, n *html.Node, each func(*html.Node)) teaserCount {
	var tc teaserCount
	var sig string
	var tag atom.Atom
	run, runText := 0, 0
	var runItems []*html.Node
	flush := func() {
		if run >= 3 {
			tc.items += run
			tc.groups++
			tc.most = max(tc.most, run)
			tc.text += runText
			for _, it := range runItems {
				each(it)
			}
		}
		run, runText, runItems = 0, 0, runItems[:0]
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		in := x.info(c)
		if c.DataAtom == atom.Dd && tag == atom.Dt && run > 0 {
			// A description list's term and its description are one
			// item: a list of papers links each title in the term and
			// its authors in the description, and the two alternate.
			if in != nil && !in.junk {
				runText += in.text
			}
			continue
		}
		if in == nil || in.junk && !droppedTeaser(in) || !isTeaser(in) {
			continue
		}
		cls := attr(c, "class")
		if run > 0 && c.DataAtom == tag && alikeClass(cls, sig) {
			run++
			runText += in.text
			if each != nil {
				runItems = append(runItems, c)
			}
			continue
		}
		flush()
		tag, sig, run, runText = c.DataAtom, cls, 1, in.text
		if each != nil {
			runItems = append(runItems, c)
		}
	}
	flush()
	return tc
}

// alikeClass reports whether two class attributes mark like items: both
// empty, or sharing a class name. Any shared name counts, digits or not:
// an item's own id ("post-123") is never shared, and on a site whose
// class names are hashed (CSS modules, "c3fa9b1") every name holds
// digits, so asking for names without digits found no run there.
func alikeClass(a, b string) bool {
	if a == b {
		return true
	}
	for len(a) > 0 {
		var name string
		name, a = nextField(a)
		if name == "" {
			continue
		}
		for rest := b; len(rest) > 0; {
			var other string
			other, rest = nextField(rest)
			if other == name {
				return true
			}
		}
	}
	return false
}

// nextField returns the first space-separated field of s and the rest.
func nextField(s string) (field, rest string) {
	s = strings.TrimLeft(s, " \t\n\r\f")
	i := indexHTMLSpace(s)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// hasPager reports whether the page links to the other pages of a list:
// a rel=next or rel=prev link, or two or more links numbered 2 to 999 in
// one container (outside tables, where calendars number their days, and
// not to anchors on the page, as footnotes do).
func (p *page) hasPager() bool {
	if p.links["next"] != "" || p.links["prev"] != "" {
		return true
	}
	var seen map[*html.Node]int
	found := false
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Table, atom.Script, atom.Style, atom.Svg, atom.Head:
				continue
			case atom.A:
				if href := attr(c, "href"); href == "" || href[0] == '#' {
					continue
				}
				if relNext(c) {
					found = true
					continue
				}
				if num, ok := linkNumber(c); ok && num >= 2 {
					if seen == nil {
						seen = make(map[*html.Node]int)
					}
					found = countPagerLink(seen, c)
				}
				continue
			}
			if depth < 200 {
				walk(c, depth+1)
			}
		}
	}
	walk(p.root, 0)
	return found
}

// relNext reports whether an anchor's rel names the next or previous page.
func relNext(a *html.Node) bool {
	for _, r := range strings.Fields(strings.ToLower(attr(a, "rel"))) {
		if r == "next" || r == "prev" {
			return true
		}
	}
	return false
}

// linkNumber reads the text below anchor a as a number of one to three digits
// (white space around it allowed); ok is false for any other text. It
// allocates nothing: most links are not numbers, and a page has hundreds.
func linkNumber(a *html.Node) (num int, ok bool) {
	val, digits := 0, 0
	var read func(n *html.Node, depth int) bool
	read = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				for i := 0; i < len(c.Data); i++ {
					switch b := c.Data[i]; {
					case b >= '0' && b <= '9':
						val, digits = val*10+int(b-'0'), digits+1
					case b == ' ' || b == '\t' || b == '\n' || b == '\r':
					case b == 0xc2 && i+1 < len(c.Data) && c.Data[i+1] == 0xa0: // no-break space
						i++
					default:
						return false
					}
				}
			case html.ElementNode:
				if depth >= 3 || !read(c, depth+1) {
					return false
				}
			}
			if digits > 3 {
				return false
			}
		}
		return true
	}
	if !read(a, 0) || digits == 0 {
		return 0, false
	}
	return val, true
}

// countPagerLink counts a numbered link under its parent and grandparent
// (a pager's links are siblings, or each in a list item) and reports
// whether either now holds two.
func countPagerLink(seen map[*html.Node]int, a *html.Node) bool {
	for n, i := a.Parent, 0; n != nil && i < 2; n, i = n.Parent, i+1 {
		seen[n]++
		if seen[n] >= 2 {
			return true
		}
	}
	return false
}

// droppedTeaser reports whether the content walk dropped the subtree only
// for naming a teaser or an excerpt: a listing's content. Comments, also
// marked teaser for the broad text, are an article's chrome here.
func droppedTeaser(in *nodeInfo) bool { return in.junk && in.teaser && !in.comment }

// teaserText returns the text and link bytes of the subtrees the content
// walk dropped only for naming a teaser or an excerpt.
func (x *contentExtractor) teaserText() (text, link int) {
	for i := range x.infos {
		if in := &x.infos[i]; droppedTeaser(in) {
			text += in.text
			link += in.link
		}
	}
	return text, link
}

// isTeaser reports whether an element is a short block with a link in it:
// a headline and a line or two of summary, not a paragraph of prose.
func isTeaser(in *nodeInfo) bool {
	return in.link >= 10 && in.text >= 15 && in.text <= 600 && in.link*5 >= in.text
}
