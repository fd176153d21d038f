package extract

import (
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestTypeMisfires types pages that the thread rules misread
// (testdata/typemisfire), each at its own kind of URL and at a
// story-shaped one, and the pages that tempt the fixes. want is the type
// the page must get; with not set, the type it must not get.
//
//   - A shop's product whose signed, dated reviews hold most of its text,
//     which the model calls an article: its reviews, not a thread.
//     A thread whose first post names its price is no shop.
//   - A video's story (a headline, a byline, a video and its caption)
//     above readers' comments: the body found is under 20 words, and the
//     byline apart from the comments, signed in another template, says a
//     story stands there. A link post's submission line is signed as its
//     comments are (engines/linkpost.html in TestEngineThreads).
//   - One message of a mailing list's archive (pipermail): its body in a
//     <pre> under the archive's links to the messages before and after.
//     A blog post with code and links to the posts before and after it
//     is no message.
//     The labels must open the short texts that carry them: a story's
//     sentences that speak of the next message are none, and an archive
//     in French or German has labels in its language.
//   - Two signed sections of a story (two numbered columns; two named
//     as posts but numbered by no id), and a blog's front page with two
//     numbered posts under their headlines, are no thread of two posts
//     (engines/two_posts.html in TestEngineThreads is, and is numbered),
//     nor are two readers' comments named for posts and comments.
func TestTypeMisfires(t *testing.T) {
	const thread = "https://board.example/comments/x9k/the-old-swing-bridge-opens/"
	for _, tt := range []struct {
		file, url, want string
		not             bool
		text            string
	}{
		{"product_signed_reviews.html", "https://coppicetools.example/folding-saw-21cm", corpus.PageTypeProduct, false, "hedge laying"},
		{"product_signed_reviews.html", storyURL, corpus.PageTypeProduct, false, "hedge laying"},
		// A thread whose first post sells something: its price is the
		// post's, not a shop's beside the posts.
		{"thread_for_sale.html", storyURL, corpus.PageTypeForum, false, "charger included"},
		{"video_story_comments.html", storyURL, corpus.PageTypeArticle, false, ""},
		{"video_story_comments.html", "https://valleycourier.example/news/", corpus.PageTypeArticle, false, ""},
		{"video_story_comments.html", thread, corpus.PageTypeForum, false, "winding gear"},
		{"list_message.html", "https://lists.turners.example/pipermail/lathe-users/2026-November/004413.html", corpus.PageTypeForum, false, "gib strip"},
		{"list_message.html", storyURL, corpus.PageTypeForum, false, "gib strip"},
		{"post_code_nav.html", storyURL, corpus.PageTypeArticle, false, "carriage return"},
		// The labels open the archive's links: a story with a <pre> whose
		// sentences, cut short by links, speak of the next message is no
		// message. An archive in French or German names them in its own.
		{"news_code_nav.html", storyURL, corpus.PageTypeArticle, false, "bin collection"},
		{"fr_list_message.html", "https://listes.atelier.example/pipermail/tourneurs/2026-November/000813.html", corpus.PageTypeForum, false, "queue"},
		{"fr_list_message.html", storyURL, corpus.PageTypeForum, false, "queue"},
		{"de_list_message.html", storyURL, corpus.PageTypeForum, false, "queue"},
		{"story_two_sections.html", storyURL, corpus.PageTypeArticle, false, "old oak wood"},
		// Two columns named as posts, but numbered by no id: a debate.
		{"opinion_two_columns.html", storyURL, corpus.PageTypeArticle, false, "old depot site"},
		{"opinion_two_columns.html", slugURL, corpus.PageTypeArticle, false, "old depot site"},
		// A thread's two posts numbered inside, on their first element.
		{"two_posts_numbered_inside.html", storyURL, corpus.PageTypeForum, false, "fresh login"},
		{"blog_front_two_posts.html", "https://allotmentdiary.example/", corpus.PageTypeForum, true, "shed roof"},
		// A photo story's caption above two readers' comments, numbered
		// and named for posts and for comments: comments, not a thread
		// of two posts (postPair). Typed service, not article, on main
		// too (left: the text found is the comments').
		{"photo_two_comments.html", storyURL, corpus.PageTypeForum, true, "winding gear"},
		// Code whose comments, highlighted one per span, read "previous
		// message" and "next message": the labels in a <pre> are code.
		{"post_code_message_comments.html", storyURL, corpus.PageTypeArticle, false, "empty mailbox"},
	} {
		t.Run(tt.file+" "+tt.url, func(t *testing.T) {
			art := extractTestdata(t, "typemisfire/"+tt.file, tt.url)
			if got := art.PageType; (got == tt.want) == tt.not {
				t.Errorf("page type %q (%d words), want %q (not: %v)", got, art.WordCount, tt.want, tt.not)
			}
			if !strings.Contains(art.Text, tt.text) {
				t.Errorf("text lacks %q: %q", tt.text, art.Text)
			}
		})
	}
}
