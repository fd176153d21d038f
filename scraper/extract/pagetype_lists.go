package extract

import (
	"slices"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// listTypes are the schema.org types with which a page declares itself
// a list of other pages: a section or tag page, a directory, a shop's
// category, a site's search results. They are types of the page itself;
// ItemList is left out, as a listicle declares its items with it (and
// a carousel in a story's markup), and so are Blog and ProfilePage,
// which a blog's single post and an author's page with their bio
// declare too.
var listTypes = []string{"CollectionPage", "SearchResultsPage"}

// unsignedPage reports whether nothing on the page makes it a story: no
// author found, no article declared in JSON-LD or by a microdata
// headline, and no single post named by the CMS's template (cmsPost).
// OpenGraph's og:type "article" does not count: many templates give it
// to every page of a site, its category pages too.
func (p *page) unsignedPage(art *corpus.Article) bool {
	return len(art.Authors) == 0 && p.ldArticle() == nil && len(p.micro["headline"]) == 0 && !p.cmsPost()
}

// declaredList reports whether a page the model takes for an article
// declares itself a list (listTypes) that names its items
// (declaredItems) and nothing makes it a story (unsignedPage). A recipe
// site's category, a directory: the model reads their intro and the
// items' titles as an article's text, and weighs the declaration among
// sixty other features, the class words of the items ("card",
// "teaser") among them; where class names are hashed, nothing else
// tells it. A story that declares its own type alongside, or names its
// author, stays the model's.
func (p *page) declaredList(art *corpus.Article) bool {
	if !p.hasType(listTypes...) || p.hasType(newsTypes...) || !p.unsignedPage(art) {
		return false
	}
	n := p.declaredItems()
	return n >= minDeclaredItems && 2*p.proseSections() < n
}

// proseSections counts the linked h2-h4 headings in the body found that
// lead to another page and have a paragraph of prose (80 text bytes or
// more, under a fifth of it linked) before the next heading: a
// listicle's items, each a section of the story under a heading that
// links the place, the product or the piece it is about. A collection's
// items are titles with a line of summary at most, in items of their
// own; SEO plugins declare a listicle a CollectionPage and its items an
// ItemList all the same.
func (p *page) proseSections() int {
	x := p.x
	k, open := 0, false
	for _, s := range p.sel {
		start, ok := x.idx[s]
		if !ok {
			continue
		}
		x.walkSkipping(int(start), s, func(i int, n *html.Node) bool {
			in := &x.infos[i]
			if in.junk {
				return true
			}
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				sub := n.DataAtom == atom.H2 || n.DataAtom == atom.H3 || n.DataAtom == atom.H4
				open = sub && linkedHeading(n) && leadsAway(headingHref(n), p.base)
			case atom.P:
				if open && in.text >= 80 && in.link*5 < in.text {
					k++
					open = false
				}
			}
			return false
		})
	}
	return k
}

// minDeclaredItems is the fewest items a declared list must name for
// declaredList: a list of a few is a story's carousel or breadcrumb.
const minDeclaredItems = 4

// declaredItems returns the most items a JSON-LD object of a listTypes
// type names: its itemListElement, its mainEntity's, or its hasPart.
// SEO plugins and themes declare a CollectionPage carelessly (a whole
// site's pages, a headless site's every story with the front's schema,
// a press release), but those declarations name no items; a category
// or search page that does list its items in its markup is one.
func (p *page) declaredItems() int {
	n := 0
	for _, m := range p.ld {
		if !ldIs(m, func(t string) bool { return slices.Contains(listTypes, bareLDType(t)) }) {
			continue
		}
		n = max(n, len(ldList(m["itemListElement"])), len(ldList(m["hasPart"])))
		if e, ok := m["mainEntity"].(map[string]any); ok {
			n = max(n, len(ldList(e["itemListElement"])))
		}
	}
	return n
}
