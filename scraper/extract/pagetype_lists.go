package extract

import "github.com/archivist-project/archivist/corpus"

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
// declares itself a list (listTypes) and nothing makes it a story
// (unsignedPage). A recipe site's category, a directory: the model reads
// their intro and the items' titles as an article's text, and weighs the
// declaration among sixty other features, the class words of the items
// ("card", "teaser") among them; where class names are hashed, nothing
// else tells it. A story that declares its own type alongside, or
// names its author, stays the model's.
func (p *page) declaredList(art *corpus.Article) bool {
	return p.hasType(listTypes...) && !p.hasType(newsTypes...) && p.unsignedPage(art)
}
