package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// PaywallWords is the body length, in words, under which a page that
// declares restricted access counts as a teaser cut short.
const PaywallWords = 150

// isPaywalled reports whether the body is a teaser cut short by a paywall.
// The page must carry a paywall marker: JSON-LD isAccessibleForFree false
// or a locked content tier (strong), or paywall class names (weak, often
// just login furniture). The cut must show: the text ends in an ellipsis,
// or is much shorter than the JSON-LD articleBody, or, with a strong
// marker, is under PaywallWords.
func (p *page) isPaywalled(art *corpus.Article) bool {
	strong := false
	abWords := 0
	for _, m := range p.ld {
		if notFree(m["isAccessibleForFree"]) {
			strong = true
		}
		if parts, ok := m["hasPart"].([]any); ok {
			for _, part := range parts {
				if pm, ok := part.(map[string]any); ok && notFree(pm["isAccessibleForFree"]) {
					strong = true
				}
			}
		} else if pm, ok := m["hasPart"].(map[string]any); ok && notFree(pm["isAccessibleForFree"]) {
			strong = true
		}
		if ldIs(m, isArticleType) {
			abWords = max(abWords, countWords(ldString(m["articleBody"])))
		}
	}
	switch strings.ToLower(p.meta("article:content_tier")) {
	case "locked", "metered":
		strong = true
	}
	if !strong && !p.paywall {
		return false
	}
	t := strings.TrimSpace(art.Text)
	cut := strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") || abWords > art.WordCount*13/10+20
	return cut || strong && art.WordCount < PaywallWords
}

func notFree(v any) bool {
	switch t := v.(type) {
	case bool:
		return !t
	case string:
		return strings.EqualFold(strings.TrimSpace(t), "false")
	}
	return false
}

// consentWords appear on cookie and consent walls.
var consentWords = []string{"cookie", "consent", "gdpr", "datenschutz", "einwillig", "zustimm", "privacy", "confidentialité", "consentement", "privacidad", "consenso", "accept"}

// isArticle reports whether the page is an article rather than a listing,
// a front page, a consent, block or login page, or an empty page.
// A paywalled page that declares an article stays one even without text:
// its metadata is still worth keeping.
func (p *page) isArticle(art *corpus.Article, paywalled bool) bool {
	signal := p.ldArticle() != nil || strings.EqualFold(p.meta("og:type"), "article") ||
		p.meta("article:published_time") != "" || len(p.micro["headline"]) > 0 || len(p.micro["datePublished"]) > 0
	if art.WordCount == 0 {
		return signal && paywalled
	}
	short := art.WordCount < ShortWords
	if short && !signal && p.wall(art) {
		// A consent or login wall. Pages that declare an article are
		// exempt, so short news about privacy stays.
		return false
	}
	listing := p.declaresList()
	dated := art.Published != nil && p.articles <= 2
	front := p.hasURL() && (p.base.Path == "" || p.base.Path == "/") && p.base.RawQuery == ""
	paras := 0
	for _, b := range p.blocks {
		if b.kind == kindPara {
			paras++
		}
	}
	// Teaser headlines with short summaries: a listing. A page that
	// declares an article needs more of them, and short ones, so that a
	// list of linked products with real text stays an article.
	if !signal && p.linkHeads >= 5 && p.linkHeads*2 >= paras ||
		p.linkHeads >= 8 && p.linkHeads >= paras && art.WordCount < 40*p.linkHeads {
		return false
	}
	if !signal {
		if front || listing || art.WordCount < 40 || art.WordCount < 100 && !dated {
			return false
		}
		if p.articles >= 6 && art.WordCount < 400 && !p.ownArticle() {
			return false
		}
		return true
	}
	if front && strings.EqualFold(p.meta("og:type"), "website") {
		return false
	}
	if listing && p.ldArticle() == nil {
		return false
	}
	if p.articles >= 8 && short && !p.ownArticle() {
		return false
	}
	return true
}

// wall reports whether a short page is a consent or login wall: little
// text about cookies, consent and privacy, or a password field.
func (p *page) wall(art *corpus.Article) bool {
	lt := strings.ToLower(art.Text + " " + art.Title)
	hits := 0
	for _, w := range consentWords {
		if strings.Contains(lt, w) {
			hits++
		}
	}
	return hits >= 2 || hits == 1 && p.consentTxt > 0 || p.forms > 0 && art.WordCount < 50
}

// declaresList reports whether the page's JSON-LD declares a collection,
// search results or a profile.
func (p *page) declaresList() bool {
	for _, m := range p.ld {
		if ldIs(m, func(t string) bool {
			return t == "CollectionPage" || t == "SearchResultsPage" || t == "ProfilePage"
		}) {
			return true
		}
	}
	return false
}

// ownArticle reports whether the body sits in an <article> element of its
// own that holds no other <article> and at least twice the text of any
// other <article> on the page: the other ones are teasers around the
// article (related stories, sidebars), not a listing that the body is
// one item of.
func (p *page) ownArticle() bool {
	var own *html.Node
	for a := p.top; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && a.DataAtom == atom.Article {
			own = a
			break
		}
	}
	if own == nil {
		return false
	}
	ownText, other, nested := 0, 0, false
	var walk func(n *html.Node, inOwn bool) int
	walk = func(n *html.Node, inOwn bool) int {
		switch n.Type {
		case html.TextNode:
			k := 0
			for i := 0; i < len(n.Data); i++ {
				if n.Data[i] > ' ' {
					k++
				}
			}
			return k
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return 0
			case atom.Article:
				if inOwn {
					nested = true
				}
			}
		}
		sum := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			sum += walk(c, inOwn || n == own)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Article {
			if n == own {
				ownText = sum
			} else {
				other = max(other, sum)
			}
		}
		return sum
	}
	walk(p.root, false)
	return !nested && ownText > 0 && ownText >= 2*other
}
