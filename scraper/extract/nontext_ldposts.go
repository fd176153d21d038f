package extract

import (
	"strings"

	"github.com/archivist-project/archivist/corpus"
)

// A thread served as a script's shell holds none of its posts in its
// markup: the text found is empty. Some boards still write the posts in
// the page's schema.org data for search engines: a DiscussionForumPosting
// with its text and its comments, or a QAPage whose Question holds its
// answers. That text is the page's own, in its HTML; withDeclaredPosts
// takes it for such a page when the markup gave nothing. A shell that
// states no posts stays empty (no description or title is put in their
// place: the references of such shells are empty too, see
// docs/BENCHMARKS.md, ex25fm).

// maxDeclaredPosts bounds the posts read from one page's data, and
// maxPostDepth the nesting of replies followed.
const (
	maxDeclaredPosts = 200
	maxPostDepth     = 4
)

// withDeclaredPosts sets art's text, when it is empty on a page that is
// not an article, to the posts its schema.org data states (ldPosts).
func (p *page) withDeclaredPosts(art *corpus.Article) {
	if art.WordCount > 0 || art.PageType != corpus.PageTypeForum && art.PageType != corpus.PageTypeOther {
		return
	}
	posts := p.ldPosts()
	if len(posts) == 0 {
		return
	}
	art.Text = strings.Join(posts, "\n\n")
	art.WordCount = countWords(art.Text)
	if art.WordCount >= ShortWords {
		// The flags were set on the empty text: a long thread is not short.
		dropFlag(art, corpus.FlagShort)
	}
}

// ldPosts returns the texts of the posts of the page's JSON-LD threads
// in their order: each DiscussionForumPosting (or a QAPage's Question)
// and then its comments and answers, replies after the post they answer.
// Texts of fewer than minDeclaredAnswer words ("+1", a lone link) are
// left out, and so is a text stated twice (a QAPage's Question is also
// read alone, boards print the same data in two scripts).
//
// A Question outside a QAPage is not a thread: an FAQPage's or a
// product's questions are the shop's, not posts. A page that declares a
// news or blog article states no thread of its own: its postings are the
// comments under an article whose body did not come out, and they are not
// its text; so are the postings about an article (aboutArticle).
func (p *page) ldPosts() []string {
	if p.ldStatesArticle() {
		return nil
	}
	var out []string
	seen := make(map[string]bool)
	for _, m := range p.ld {
		switch {
		case ldIs(m, isLDType("DiscussionForumPosting")) && !aboutArticle(m):
			out = appendPosts(out, seen, m, 0)
		case ldIs(m, isLDType("QAPage")):
			for _, e := range ldList(m["mainEntity"]) {
				if q, ok := e.(map[string]any); ok && ldIs(q, isLDType("Question")) {
					out = appendPosts(out, seen, q, 0)
				}
			}
		}
	}
	return out
}

// ldStatesArticle reports whether the page's JSON-LD states an article
// (a social network's posting, which is a thread's opening post, aside).
func (p *page) ldStatesArticle() bool {
	for _, m := range p.ld {
		if ldIs(m, statedArticle) {
			return true
		}
	}
	return false
}

// statedArticle reports whether the JSON-LD type t is a news or blog
// article's: a social network's posting is a thread's opening post.
func statedArticle(t string) bool { return isArticleType(t) && bareLDType(t) != "SocialMediaPosting" }

// aboutArticle reports whether the posting m is about a news or blog
// article (its "about" states one): the comments under a post whose body
// did not come out, as when the page states the article itself.
func aboutArticle(m map[string]any) bool {
	for _, e := range ldList(m["about"]) {
		if a, ok := e.(map[string]any); ok && ldIs(a, statedArticle) {
			return true
		}
	}
	return false
}

// appendPosts appends to out the text of the post m (its text, else its
// articleBody) unless seen holds it, and then its replies' (comment,
// acceptedAnswer, suggestedAnswer), depth levels deep.
func appendPosts(out []string, seen map[string]bool, m map[string]any, depth int) []string {
	if len(out) >= maxDeclaredPosts || depth > maxPostDepth {
		return out
	}
	t := ldText(m["text"])
	if t == "" {
		t = ldText(m["articleBody"])
	}
	if countWords(t) >= minDeclaredAnswer && !seen[t] {
		seen[t] = true
		out = append(out, t)
	}
	for _, k := range []string{"acceptedAnswer", "suggestedAnswer", "comment"} {
		for _, e := range ldList(m[k]) {
			if r, ok := e.(map[string]any); ok {
				out = appendPosts(out, seen, r, depth+1)
			}
		}
	}
	return out
}
