package extract

import (
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestCommentRuns reads the pages of testdata/commentruns: readers'
// comments whose class names say nothing (hashed, as CSS modules serve
// them) are left out of a story and a blog post by their shape (a run
// of signed, stamped blocks with reply controls after the story), while
// the posts of a forum thread, a link board's replies, a Q&A page's
// answers and a product's reviews stay as they were, and a comment
// service's <noscript> notice is no text.
func TestCommentRuns(t *testing.T) {
	const (
		story  = "https://valleycourier.example/2026/11/30/library-roof"
		thread = "https://volunteers.example/threads/running-a-lending-counter.812/"
		board  = "https://board.example/b/librarians/comments/k2x9/running_a_lending_counter/"
	)
	replies := []string{"Good news at last", "story hour", "Six weeks sounds", "volunteers who carried"}
	for _, tt := range []struct {
		file, url, want string
		has             []string // phrases the text must hold
		comments        bool     // the text holds the readers' replies
	}{
		{"story_hashed_thread.html", story, corpus.PageTypeArticle, []string{"four thousand volumes", "petition"}, false},
		{"blog_wp_thread.html", story, corpus.PageTypeArticle, []string{"four thousand volumes", "petition"}, false},
		// "4 comments" beside the list it counts, not around it: the
		// list's stamped blocks need no reply control.
		{"story_heading_beside.html", story, corpus.PageTypeArticle, []string{"four thousand volumes", "petition"}, false},
		{"story_noscript_comments.html", story, corpus.PageTypeArticle, []string{"four thousand volumes"}, false},
		{"forum_thread.html", thread, corpus.PageTypeForum, []string{"Has anyone here run"}, true},
		// The opening post, drawn apart from the replies, has its own
		// reply control: it is no story, and the replies stay.
		{"board_selfpost.html", board, corpus.PageTypeForum, []string{"Has anyone here done this"}, true},
		// Answers are voted on, not replied to. (The page is typed an
		// article at main too: a Q&A page whose question is not named
		// apart is left to the model.)
		{"qa_answers.html", "https://librarians.example/questions/77/how-to-run-a-lending-counter", corpus.PageTypeArticle, []string{"How should loans"}, true},
		{"product_reviews.html", "https://shelfco.example/products/oak-reading-lectern", corpus.PageTypeProduct, []string{"solid oak lectern"}, false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			art := extractTestdata(t, "commentruns/"+tt.file, tt.url)
			if art.PageType != tt.want {
				t.Errorf("page type %q, want %q", art.PageType, tt.want)
			}
			for _, h := range tt.has {
				if !strings.Contains(art.Text, h) {
					t.Errorf("text lacks %q: %q", h, art.Text)
				}
			}
			for _, r := range replies {
				if strings.Contains(art.Text, r) != tt.comments {
					t.Errorf("text holds %q: %v, want %v", r, !tt.comments, tt.comments)
				}
			}
			if strings.Contains(art.Text, "enable JavaScript") {
				t.Errorf("text holds the comment service's notice: %q", art.Text)
			}
		})
	}
}

// TestCommentRunsAsContent reads pages whose content has a comment
// thread's shape (stamped blocks with reply controls) after 400 bytes of
// prose that is no story: a forum's rules notice above a thread whose
// first post is one of the run, a forum's long opening post above its
// replies, and a live blog's entries with reply
// links below its intro. Neither page declares an article, and the run
// outweighs the prose before it: it stays. And a letters page, declared
// an article, whose letters each open with a title and end with a
// "Reply" link: the letters stay.
func TestCommentRunsAsContent(t *testing.T) {
	for _, tt := range []struct {
		file, url string
		has       []string // phrases of the run the text must hold
	}{
		{"forum_rules_notice.html", "https://homerepair.example/threads/roof-leak-over-the-attic.4411/",
			[]string{"Is it time to replace the whole roof", "flashing around the chimney", "cracked vent boot"}},
		{"liveblog_undeclared.html", "https://valleycourier.example/live/council-election",
			[]string{"Queues have formed", "eleven per cent", "Polls are open until ten"}},
		// A forum thread, hashed classes, whose opening post (1,600
		// bytes, no reply control) is drawn apart above the replies,
		// which hold more: a story's length of prose is no story here.
		{"forum_long_op.html", "https://homebaking.example/threads/sourdough-starter-acetone.8812/",
			[]string{"Feed it twice a day", "rye flour brought it back", "stiff starter trick"}},
		{"letters_page.html", "https://valleycourier.example/opinion/2026/12/05/letters",
			[]string{"buckets in the reading room", "last bus from town", "without a single recount"}},
		// Declared a thread (declaresThread) after more prose than
		// the run holds, on a page that also says og:type article.
		{"qa_declared_long.html", "https://bakers.example/questions/5512/why-does-my-sourdough-loaf-spread-flat",
			[]string{"almost certainly overproofing", "lacks surface tension", "supermarket flours"}},
		{"liveblog_declared_long.html", "https://harbourgazette.example/live/2026/12/05/storm-arwen",
			[]string{"six houses on Quay Street", "tree came down on the track", "four thousand homes", "schools on the peninsula"}},
		// A NewsArticle beside the LiveBlogPosting, which lists its
		// updates: a live blog's own markup (liveUpdates).
		{"liveblog_news_updates.html", "https://harbourgazette.example/live/2026/12/05/storm-arwen",
			[]string{"six houses on Quay Street", "tree came down on the track", "four thousand homes", "schools on the peninsula"}},
		// Each entry signed by a linked name beside its stamp: a
		// post's header, not a teaser's dropped title (postSign).
		{"liveblog_declared_signed.html", "https://harbourgazette.example/live/2026/12/05/storm-arwen",
			[]string{"six houses on Quay Street", "tree came down on the track", "four thousand homes", "schools on the peninsula"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			art := extractTestdata(t, "commentruns/"+tt.file, tt.url)
			for _, h := range tt.has {
				if !strings.Contains(art.Text, h) {
					t.Errorf("text lacks %q: %q", h, art.Text)
				}
			}
		})
	}
}

// TestDeclaredQATyped: a page that declares a QAPage asking its
// headline, shows several answerers and states no article beside it is
// a thread (threadType), though its template says og:type article and
// its question is long; a story that states a NewsArticle beside a
// posting stays an article, and so do a news explainer that declares
// only a QAPage (its question not the headline; or the headline, but
// one byline and no answerers) and a recipe whose readers' questions
// are declared a QAPage; a shop's product with its customers' questions
// declared so stays a product.
func TestDeclaredQATyped(t *testing.T) {
	for _, tt := range []struct {
		file, url, want string
	}{
		{"qa_declared_long.html", "https://bakers.example/questions/5512/why-does-my-sourdough-loaf-spread-flat", corpus.PageTypeForum},
		{"qa_declared_long.html", "https://bakers.example/2026/12/05/why-does-my-sourdough-loaf-spread-flat", corpus.PageTypeForum},
		{"story_declared_posting.html", "https://valleycourier.example/news/2026/12/05/ferry-fares", corpus.PageTypeArticle},
		{"qa_news_explainer.html", "https://valleycourier.example/news/2026/12/05/ferry-fares-explained", corpus.PageTypeArticle},
		{"qa_news_headline.html", "https://valleycourier.example/news/2026/12/05/ferry-fares-explained", corpus.PageTypeArticle},
		{"qa_recipe_block.html", "https://hazelthyme.example/2026/11/20/brown-butter-pear-cake/", corpus.PageTypeArticle},
		{"qa_product_block.html", "https://northpeak.example/packs/trailhead-38l", corpus.PageTypeProduct},
	} {
		t.Run(tt.file, func(t *testing.T) {
			art := extractTestdata(t, "commentruns/"+tt.file, tt.url)
			if art.PageType != tt.want {
				t.Errorf("page type %q, want %q", art.PageType, tt.want)
			}
		})
	}
}

// TestCommentSigns checks the lines that stamp a comment with its time
// and the labels of the control that answers it.
func TestCommentSigns(t *testing.T) {
	for _, tt := range []struct {
		line         string
		stamp, reply bool
	}{
		{"3 hours ago", true, false},
		{"vor 2 Tagen", true, false},
		{"il y a 5 minutes", true, false},
		{"hace 1 hora", true, false},
		{"yesterday at 18:40", true, false},
		{"November 22, 2026 at 10:12 am", true, false},
		{"22.11.2026", true, false},
		{"12 Mär 2026", true, false},
		{"12 juin 2026", true, false},
		{"3 juil.", true, false},
		{"2026-12-05", true, false},
		{"5. Mai", true, false},
		{"1.5 million", false, false},
		{"3-2 win", false, false},
		{"Rating: 7 votes", false, false},
		{"£340.00", false, false},
		{"Chapter 3", false, false},
		{"Reply", false, true},
		{"Antworten (3)", false, true},
		{"Répondre", false, true},
		{"Leave a Reply", false, false},
		{"Replying to a comment from the minister about the budget", false, false},
		{"Share", false, false},
		{"Like 3", false, false},
	} {
		if got := isStampLine(tt.line); got != tt.stamp {
			t.Errorf("isStampLine(%q) = %v, want %v", tt.line, got, tt.stamp)
		}
		if got := isReplyControl(tt.line); got != tt.reply {
			t.Errorf("isReplyControl(%q) = %v, want %v", tt.line, got, tt.reply)
		}
	}
}

// TestCommentRunsUnderDeclaredPosting reads stories that declare, beside
// themselves, a posting the way CMS plugins do: a DiscussionForumPosting
// about the article (its comment section), a LiveBlogPosting beside the
// NewsArticle, a posting with no "about" on a page typed an article by
// og:type or by microdata. None declares a thread of its own
// (declaresThread), and the readers' comments stay out of the text.
func TestCommentRunsUnderDeclaredPosting(t *testing.T) {
	for _, file := range []string{"story_declared_posting.html", "story_liveblog_careless.html",
		"story_posting_plugin.html", "story_posting_microdata.html"} {
		t.Run(file, func(t *testing.T) {
			art := extractTestdata(t, "commentruns/"+file, "https://harbourgazette.example/news/2026/12/03/ferry-fares")
			if !strings.Contains(art.Text, "public meeting before the new fares") {
				t.Errorf("text lacks the story's end: %q", art.Text)
			}
			for _, c := range []string{"is a scandal", "raised the subsidy years ago", "half our visitors", "weekday afternoon"} {
				if strings.Contains(art.Text, c) {
					t.Errorf("text holds the comment %q", c)
				}
			}
		})
	}
}
