package extract

import (
	"slices"

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
	return p.hasType(listTypes...) && !p.hasType(newsTypes...) && p.declaredItems() >= minDeclaredItems && p.unsignedPage(art)
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
		if !ldIs(m, func(t string) bool { return slices.Contains(listTypes, t) }) {
			continue
		}
		n = max(n, len(ldList(m["itemListElement"])), len(ldList(m["hasPart"])))
		if e, ok := m["mainEntity"].(map[string]any); ok {
			n = max(n, len(ldList(e["itemListElement"])))
		}
	}
	return n
}
