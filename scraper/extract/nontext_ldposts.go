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
}

// ldPosts returns the texts of the posts of the page's JSON-LD threads
// in their order: each DiscussionForumPosting (or Question, also as a
// QAPage's mainEntity) and then its comments and answers, replies after
// the post they answer. Texts of fewer than minDeclaredAnswer words
// ("+1", a lone link) are left out.
func (p *page) ldPosts() []string {
	var out []string
	for _, m := range p.ld {
		switch {
		case ldIs(m, isThreadType):
			out = appendPosts(out, m, 0)
		case ldIs(m, func(t string) bool { return bareLDType(t) == "QAPage" }):
			for _, e := range ldList(m["mainEntity"]) {
				if q, ok := e.(map[string]any); ok {
					out = appendPosts(out, q, 0)
				}
			}
		}
	}
	return out
}

// isThreadType reports whether t names a thread's opening post.
func isThreadType(t string) bool {
	switch bareLDType(t) {
	case "DiscussionForumPosting", "Question":
		return true
	}
	return false
}

// appendPosts appends to out the text of the post m (its text, else its
// articleBody) and then its replies' (comment, acceptedAnswer,
// suggestedAnswer), depth levels deep.
func appendPosts(out []string, m map[string]any, depth int) []string {
	if len(out) >= maxDeclaredPosts || depth > maxPostDepth {
		return out
	}
	t := ldText(m["text"])
	if t == "" {
		t = ldText(m["articleBody"])
	}
	if countWords(t) >= minDeclaredAnswer {
		out = append(out, t)
	}
	for _, k := range []string{"acceptedAnswer", "suggestedAnswer", "comment"} {
		for _, e := range ldList(m[k]) {
			if r, ok := e.(map[string]any); ok {
				out = appendPosts(out, r, depth+1)
			}
		}
	}
	return out
}
