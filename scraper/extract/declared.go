package extract

import "strings"

// declaresArticleMeta reports whether the page's metadata, as collect
// gathered it, says the page is an article: og:type "article", or a
// JSON-LD object of an article type (at the top, in an array, in @graph,
// as a mainEntity). Narrower than page.declaresArticle, used in typing
// (pagetype.go), which also reads article:published_time and microdata.
//
// page.extract hands the answer to the content walk before it starts
// (contentExtractor.declared): the walk's rules that ask it (an unclosed
// aside, widening a strong body, the next stories of an endless scroll)
// neither walk the tree nor decode JSON-LD again.
func (p *page) declaresArticleMeta() bool {
	return p.ldArticle() != nil || strings.EqualFold(p.meta("og:type"), "article")
}

// declaresThread reports whether the page declares itself a thread whose
// signed, time-stamped pieces are its content, not readers' comments
// under it: a live blog (LiveBlogPosting: its entries), a Q&A page
// (QAPage: the answers) or a forum posting (DiscussionForumPosting: the
// replies), in JSON-LD or microdata. Those types are also stamped on
// stories by CMS plugins: a comment plugin marks up the comments under a
// story as a DiscussionForumPosting, a "live" plugin adds LiveBlogPosting
// beside the story's NewsArticle. So a page that states a news or blog
// article besides (articleBeside), unless its live blog lists its
// updates (liveUpdates: a live blog's own markup, which a plugin
// stamping a story has nothing to fill with), or whose posting is about one
// (aboutArticle), declares the comments under that article, not a thread
// of its own; and a posting counts only on a page whose og:type is not
// "article", since a forum's own thread is not typed an article.
func (p *page) declaresThread() bool {
	switch {
	case p.hasType("LiveBlogPosting"):
		return !p.articleBeside("LiveBlogPosting") || p.liveUpdates()
	case p.hasType("QAPage"):
		return !p.articleBeside("")
	case !p.hasType("DiscussionForumPosting") || p.articleBeside("") || strings.EqualFold(p.meta("og:type"), "article"):
		return false
	}
	for _, m := range p.ld {
		if ldIs(m, isLDType("DiscussionForumPosting")) && aboutArticle(m) {
			return false
		}
	}
	return true
}

// articleBeside reports whether the page's JSON-LD or microdata states a
// news or blog article of a type other than but (statedArticle).
func (p *page) articleBeside(but string) bool {
	other := func(t string) bool { return statedArticle(t) && bareLDType(t) != but }
	for t := range p.kind.types {
		if other(t) {
			return true
		}
	}
	for _, m := range p.ld {
		if ldIs(m, other) {
			return true
		}
	}
	return false
}

// liveUpdates reports whether a JSON-LD LiveBlogPosting lists its
// entries (liveBlogUpdate).
func (p *page) liveUpdates() bool {
	for _, m := range p.ld {
		if ldIs(m, isLDType("LiveBlogPosting")) && len(ldList(m["liveBlogUpdate"])) > 0 {
			return true
		}
	}
	return false
}

// asksHeadline reports whether a JSON-LD QAPage's question (its
// mainEntity's name) is the page's headline: its first <h1>, or the
// start of its <title>. A Q&A page is its question; a QAPage that a
// plugin stamps on a recipe's, a product's or a story's block of
// readers' questions names one of them, not the page.
func (p *page) asksHeadline() bool {
	h1 := strings.ToLower(cleanSpace(p.firstH1()))
	title := strings.ToLower(cleanSpace(p.titleTag))
	for _, m := range p.ld {
		if !ldIs(m, isLDType("QAPage")) {
			continue
		}
		for _, e := range ldList(m["mainEntity"]) {
			q, ok := e.(map[string]any)
			name := strings.ToLower(cleanSpace(ldString(q["name"])))
			if ok && name != "" && (name == h1 || strings.HasPrefix(title, name)) {
				return true
			}
		}
	}
	return false
}

// postsBySeveral reports whether the page's signed records (threadPosts)
// link two people's profiles or more: a question's answerers.
func (p *page) postsBySeveral() bool {
	c, _ := p.threadPosts()
	return c.authors >= 2
}
