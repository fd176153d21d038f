package extract

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// TestThreadPosts checks the thread rule on pages of our own: a forum
// thread that declares itself an article (four posts by three people,
// each with a profile link and a posting time) is a forum; an article
// with three short readers' comments under it stays an article. A
// thread whose opening post is classed apart from the replies but
// shares their role attribute is one run (forum_roles); posters named
// without a profile link are people (forum_names), and a profile link
// inside an element named for the author keys its poster even in posts
// classed as comments (forum_comment_class); but readers'
// comments signed by names alone are not (article_named_comments), nor
// are the writers of a listing's teasers (listing_named_teasers); a
// thread split into two lists holds the page's text all the same
// (forum_split).
func TestThreadPosts(t *testing.T) {
	for _, tt := range []struct {
		file, url          string
		records, authors   int
		minShare, maxShare float64
		thread             bool
		want               string
	}{
		{"forum_thread.html", "https://board.example/t/ferry-timetable-from-may.4101/", 4, 3, 0.7, 1, true, corpus.PageTypeForum},
		// Posters linked as index.php?action=profile;u=881: parameters
		// separated by ";".
		{"forum_semicolon.html", "https://board.example/index.php?topic=4101.0", 4, 3, 0.7, 1, true, corpus.PageTypeForum},
		{"article_comments.html", "https://gazette.example/2026/03/02/harbour-wall-stone/", 3, 3, 0, 0.3, false, corpus.PageTypeArticle},
		{"forum_roles.html", "https://plots.example/shared-rotavator-for-the-society-41", 4, 4, 0.7, 1, true, corpus.PageTypeForum},
		// The model does not call this page an article (so the thread
		// rule does not decide its type): only the detector is tested.
		{"forum_comment_class.html", "https://plots.example/shared-rotavator-for-the-society-41", 4, 4, 0.7, 1, true, ""},
		{"forum_names.html", "https://plots.example/shared-rotavator-for-the-society-41", 5, 4, 0.7, 1, true, corpus.PageTypeForum},
		{"forum_split.html", "https://plots.example/shared-rotavator-for-the-society-41", 5, 3, 0.7, 1.2, true, corpus.PageTypeForum},
		// No class names: the body found holds the board's menu and a list
		// of similar threads around the posts. Their links are not the
		// thread's text, nor its rival: the posts hold the page's text and
		// the body's outside links.
		{"forum_menus.html", "https://board.example/t/4101/", 4, 3, 0.7, 1, true, ""},
		// A page this small is the model's to call (an article, today);
		// only the thread rule is tested: not a forum.
		{"listing_named_teasers.html", "https://valley.example/village", 5, 0, 0.7, 1.2, false, "!" + corpus.PageTypeForum},
		{"article_named_comments.html", "https://valley.example/2026/04/03/village-mill-wheel-turns-again", 6, 0, 0.5, 1.2, false, corpus.PageTypeArticle},
	} {
		t.Run(tt.file, func(t *testing.T) {
			p := extractedPage(t, filepath.Join("testdata", "threads", tt.file), tt.url)
			defer p.release()
			c, share := p.threadPosts()
			if c.records != tt.records || c.authors != tt.authors || share < tt.minShare || share > tt.maxShare {
				t.Errorf("%d records by %d people, %.2f of the text; want %d by %d, %.2f to %.2f",
					c.records, c.authors, share, tt.records, tt.authors, tt.minShare, tt.maxShare)
			}
			if got := p.isThread(); got != tt.thread {
				t.Errorf("isThread() = %v, want %v", got, tt.thread)
			}
			art := extractTestdata(t, "threads/"+tt.file, tt.url)
			if not, ok := strings.CutPrefix(tt.want, "!"); tt.want != "" && (ok && art.PageType == not || !ok && art.PageType != tt.want) {
				t.Errorf("page type %q, want %q", art.PageType, tt.want)
			}
		})
	}
}

func TestProfileHref(t *testing.T) {
	for _, tt := range []struct {
		href string
		want bool
	}{
		{"/members/anna.41/", true},
		{"https://board.example/u/anna", true},
		{"./memberlist.php?mode=viewprofile&u=12", true},
		{"/profile.php?id=3", true},
		{"https://social.example/@anna", true},
		{"/~anna/", true},
		{"/index.php?showuser=8", true},
		{"https://board.example/index.php?action=profile;u=261870", true},
		{"/index.php?action=profile", true},
		{"/index.php?topic=5.0;sort=u", false},
		{"/news/2026/03/harbour-wall", false},
		{"/users-guide-to-the-ferry", false},
		{"https://gazette.example", false},
		{"#m4101", false},
		{"/search?q=user", false},
	} {
		if got := profileHref(tt.href); got != tt.want {
			t.Errorf("profileHref(%q) = %v, want %v", tt.href, got, tt.want)
		}
	}
}

func TestDateLike(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"Posted 2 Mar 2026, 08:14", true},
		{"Tue Mar 03, 2009 8:30 pm", true},
		{"3 hours ago", true},
		{"vor 2 Stunden", true},
		{"il y a 3 jours", true},
		{"hace 5 días", true},
		{"3 дня назад", true},
		{"3 giorni fa", true},
		// Every language of relStampIntl, through relStampWords' cheap test.
		{"Há 2 dias", true},
		{"2 dagen geleden", true},
		{"3 dni temu", true},
		{"Il y a une heure", true},
		{"vor dem Haus", false},
		{"il y a du monde", false},
		{"#2", false},
		{"12345 views", false},
		{"Call 555 2026 1234", true}, // a year-like group alone reads as a date: the other marks must agree
		{"page 1 of 20", false},
		{"10:305", false},
	} {
		if got := dateLike(tt.s); got != tt.want {
			t.Errorf("dateLike(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestThreadInNoscript: a board that draws its thread by script and
// serves the posts to crawlers inside <noscript> (read as markup by
// extractArticle's second parse, with scripting off) is a thread to the
// detector, at a story-shaped URL where the model calls it an article;
// an article served the same way, with readers' comments under it, is
// not. The thread's text is not trimmed to its signed posts there (a
// crawler's view holds little else): the last, short reply stays.
func TestThreadInNoscript(t *testing.T) {
	for _, tt := range []struct {
		file, url        string
		records, authors int
		thread           bool
		want             string
	}{
		{"forum_noscript.html", "https://circle.example/winter-feeding-for-the-hives-on-the-north-slope", 4, 3, true, corpus.PageTypeForum},
		{"article_noscript_comments.html", "https://gazette.example/2026/11/28/bees-wet-autumn", 3, 3, false, corpus.PageTypeArticle},
	} {
		t.Run(tt.file, func(t *testing.T) {
			p := extractedPage(t, filepath.Join("testdata", "threads", tt.file), tt.url, html.ParseOptionEnableScripting(false))
			defer p.release()
			if c, _ := p.threadPosts(); c.records != tt.records || c.authors != tt.authors {
				t.Errorf("%d records by %d people, want %d by %d", c.records, c.authors, tt.records, tt.authors)
			}
			if got := p.isThread(); got != tt.thread {
				t.Errorf("isThread() = %v, want %v", got, tt.thread)
			}
			art := extractTestdata(t, "threads/"+tt.file, tt.url)
			if art.PageType != tt.want {
				t.Errorf("page type %q, want %q", art.PageType, tt.want)
			}
			if tt.thread && !strings.Contains(art.Text, "Good luck with them.") {
				t.Errorf("the last reply was dropped: %q", art.Text)
			}
		})
	}
}

// fixedTypeModel returns a page-type model with the features of the
// committed one that gives every page the calibrated P(article) p and
// other as its most probable other type: decideType's rules around the
// model, tested whatever the committed model says of a test page.
func fixedTypeModel(p float64, other string) *typeModel {
	m := pageTypeModel
	n := len(m.Features)
	w := make([][]float64, len(m.Classes))
	bias := make([]float64, len(m.Classes))
	for c, name := range m.Classes {
		w[c] = make([]float64, n)
		if name == other {
			bias[c] = 1
		}
	}
	scale := make([]float64, n)
	for i := range scale {
		scale[i] = 1
	}
	return &typeModel{Features: m.Features, Classes: m.Classes, Mean: make([]float64, n), Scale: scale,
		Weights: w, Bias: bias, CalibB: math.Log(p / (1 - p)), Threshold: m.Threshold}
}

// TestThreadTypedOtherByModel: a thread at a thread's URL that the model
// calls a listing or a plain page is a forum when the thread detector
// finds its posts; not at another URL (a list of signed, dated items
// elsewhere), and not when the detector finds no thread (a listing's
// teasers with their writers' names).
func TestThreadTypedOtherByModel(t *testing.T) {
	saved := pageTypeModel
	t.Cleanup(func() { pageTypeModel = saved })
	tests := []struct{ file, url, model, want string }{
		{"forum_thread.html", "https://board.example/forum/threads/ferry-timetable.4101/", corpus.PageTypeListing, corpus.PageTypeForum},
		{"forum_thread.html", "https://board.example/forum/threads/ferry-timetable.4101/", corpus.PageTypeService, corpus.PageTypeForum},
		{"forum_thread.html", "https://board.example/ferry-timetable-from-may", corpus.PageTypeListing, corpus.PageTypeListing},
		{"listing_named_teasers.html", "https://board.example/forum/threads/village.4101/", corpus.PageTypeListing, corpus.PageTypeListing},
		// A news site's topic page ("topic" names lists as well as a
		// board's threads) whose teasers link their writers' profiles.
		{"listing_linked_bylines.html", "https://gazette.example/topic/village-news", corpus.PageTypeListing, corpus.PageTypeListing},
		{"forum_thread.html", "https://board.example/topic/4101/ferry-timetable", corpus.PageTypeListing, corpus.PageTypeForum},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.model+" "+tt.url, func(t *testing.T) {
			pageTypeModel = fixedTypeModel(0.05, tt.model)
			defer func() { pageTypeModel = saved }()
			art := extractTestdata(t, "threads/"+tt.file, tt.url)
			if art.PageType != tt.want {
				t.Errorf("page type %q, want %q", art.PageType, tt.want)
			}
		})
	}
}

// TestStoryWithReadersComments: a news story followed by readers'
// comments, each signed with a profile link and dated, is an article,
// and its text is the story, however the comments are served: in a
// section named for comments, in a class-less <div> under a "Comments"
// heading, in a page served whole inside <noscript>, under a story that
// sits in no <article> of its own, under a story of two paragraphs that
// they outweigh ten to one (typed forum before storyBeside). And the
// threads that tempt the rule: a thread whose first post is as long as a
// story, in the replies' markup; a thread under two notices of prose
// above its title (isThread's four fifths leave out the text above the
// title, textAboveTitle: at a story's URL the notices had kept it an
// article); a thread whose opening post sits apart from the replies,
// under the title. Each
// at a story's URL (where the model calls them articles) and, for the
// threads, at a board's.
func TestStoryWithReadersComments(t *testing.T) {
	const story = "https://valleyecho.example/news/2026/05/12/mill-lane-baths-to-close-at-the-end-of-summer"
	const board = "https://valleyforum.example/forum/threads/where-to-swim.4412"
	const storyLine = "The county council voted on Tuesday night to close the old swimming baths"
	const commentLine = "I learned to swim there in the seventies"
	for _, tt := range []struct {
		file, url, want string
		text, notText   string // a line the text holds, and one it must not ("" for none)
	}{
		{"typeneg/story_comments_section.html", story, corpus.PageTypeArticle, storyLine, commentLine},
		{"typeneg/story_comments_div.html", story, corpus.PageTypeArticle, storyLine, commentLine},
		{"typeneg/story_comments_noscript.html", story, corpus.PageTypeArticle, storyLine, commentLine},
		{"typeneg/story_comments_loose.html", story, corpus.PageTypeArticle, storyLine, commentLine},
		{"typeneg/short_story_long_comments.html", story, corpus.PageTypeArticle, storyLine, commentLine},
		// No class and no heading says the comments are comments: the
		// content walk keeps them in the text (not this rule's to
		// decide), but the page is an article.
		{"typeneg/short_story_bare_comments.html", story, corpus.PageTypeArticle, storyLine, ""},
		{"typepos/thread_long_first_post.html", story, corpus.PageTypeForum, "Closing before the new pool", ""},
		{"typepos/thread_long_first_post.html", board, corpus.PageTypeForum, "Closing before the new pool", ""},
		{"typepos/thread_notices.html", board, corpus.PageTypeForum, "Has anyone found somewhere to swim", ""},
		{"typepos/thread_notices.html", story, corpus.PageTypeForum, "Has anyone found somewhere to swim", ""},
		{"typepos/thread_op_apart.html", story, corpus.PageTypeForum, "Has anyone found somewhere to swim", ""},
		{"typepos/thread_op_apart.html", board, corpus.PageTypeForum, "Has anyone found somewhere to swim", ""},
	} {
		t.Run(tt.file+" "+tt.url, func(t *testing.T) {
			art := extractTestdata(t, tt.file, tt.url)
			if art.PageType != tt.want {
				t.Errorf("page type %q (%d words), want %q", art.PageType, art.WordCount, tt.want)
			}
			if !strings.Contains(art.Text, tt.text) {
				t.Errorf("text lacks %q", tt.text)
			}
			if tt.notText != "" && strings.Contains(art.Text, tt.notText) {
				t.Errorf("text holds a comment, %q", tt.notText)
			}
		})
	}
}

// TestStoryBeside checks the rule itself on the pages above: a story
// stands beside the records on the story pages, not on the threads (the
// first post in the run, notices above the title, an opening post apart
// that does not hold the title).
func TestStoryBeside(t *testing.T) {
	for _, tt := range []struct {
		file string
		want bool
	}{
		{"typeneg/story_comments_section.html", true},
		{"typeneg/story_comments_div.html", true},
		{"typeneg/story_comments_loose.html", true},
		{"typeneg/short_story_long_comments.html", true},
		{"typeneg/short_story_bare_comments.html", true},
		{"threads/article_comments.html", true},
		{"typepos/thread_long_first_post.html", false},
		{"typepos/thread_notices.html", false},
		{"typepos/thread_op_apart.html", false},
		{"typepos/thread_op_unnamed.html", false},
		{"threads/forum_roles.html", false},
		{"threads/forum_thread.html", false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			p := extractedPage(t, "testdata/"+tt.file, "https://pages.test/news/2026/05/12/a-story-of-the-town")
			defer p.release()
			if got := p.storyBeside(); got != tt.want {
				t.Errorf("storyBeside() = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestReplyThread: a thread whose replies are titled "Re: " and the
// thread's headline, each title linking to the post's own page (/post/N,
// ?p=N on the thread's path) or to its anchor (#post-N), its posters
// named in plain text or in an element named for the user: typed listing
// (teaserFront read the linked titles as teasers) or article at a story's
// URL before replyThread; a forum at a story's URL and at a board's. And
// the page that tempts the rule: a blog post whose readers' comments are
// titled "Re: " and the post's headline is an article.
func TestReplyThread(t *testing.T) {
	const story = "https://orchardboard.example/grafting-onto-old-rootstock-which-knife"
	const board = "https://orchardboard.example/forum/t/grafting-onto-old-rootstock.1201"
	for _, tt := range []struct{ file, url, want string }{
		{"threads/forum_reply_titles_path.html", story, corpus.PageTypeForum},
		{"threads/forum_reply_titles_path.html", board, corpus.PageTypeForum},
		{"threads/forum_reply_titles_query.html", story, corpus.PageTypeForum},
		{"threads/forum_reply_titles_query.html", board, corpus.PageTypeForum},
		{"threads/forum_reply_titles_anchor.html", story, corpus.PageTypeForum},
		{"threads/forum_reply_titles_anchor.html", board, corpus.PageTypeForum},
		{"threads/forum_post_permalinks.html", story, corpus.PageTypeForum},
		{"typeneg/story_reply_titles.html", "https://orchardiary.example/2026/12/02/grafting-onto-old-rootstock-which-knife", corpus.PageTypeArticle},
	} {
		t.Run(tt.file+" "+tt.url, func(t *testing.T) {
			art := extractTestdata(t, tt.file, tt.url)
			if art.PageType != tt.want {
				t.Errorf("page type %q (%d words), want %q", art.PageType, art.WordCount, tt.want)
			}
		})
	}
}

func TestCutReplyPrefix(t *testing.T) {
	for _, tt := range []struct {
		in, rest string
		ok       bool
	}{
		{"Re: Grafting onto old rootstock", "Grafting onto old rootstock", true},
		{"RE[2]: Which knife?", "Which knife?", true},
		{"  Aw:  Welches Messer? ", "Welches Messer?", true},
		{"Sv: Vilken kniv?", "Vilken kniv?", true},
		{"Update: the knife arrived", "Update: the knife arrived", false},
		{"Review: Which knife?", "Review: Which knife?", false},
		{"Which knife?", "Which knife?", false},
		{"Read: a long prefix before the colon: no", "Read: a long prefix before the colon: no", false},
	} {
		rest, ok := cutReplyPrefix(tt.in)
		if rest != tt.rest || ok != tt.ok {
			t.Errorf("cutReplyPrefix(%q) = %q, %v; want %q, %v", tt.in, rest, ok, tt.rest, tt.ok)
		}
	}
}

// TestThreadOfCommentPosts: a thread at a board's URL whose posts are
// named for comments, so that the content walk drops them all and the
// body found is the thread's title (under 20 words: too little for the
// model), is a forum; it was typed by pageType's rules (service). At a
// topic's list URL (/topic/NAME) the rule does not hold, as for the
// model's listings.
func TestThreadOfCommentPosts(t *testing.T) {
	for _, tt := range []struct{ file, url, want string }{
		{"threads/forum_comment_posts.html", "https://valleyforum.example/forum/threads/where-to-swim.4412", corpus.PageTypeForum},
		{"threads/forum_comment_class.html", "https://plots.example/forum/t/shared-rotavator.41", corpus.PageTypeForum},
		{"threads/forum_comment_posts.html", "https://valleyforum.example/topic/swimming", "!" + corpus.PageTypeForum},
	} {
		t.Run(tt.file+" "+tt.url, func(t *testing.T) {
			art := extractTestdata(t, tt.file, tt.url)
			if not, ok := strings.CutPrefix(tt.want, "!"); ok && art.PageType == not || !ok && art.PageType != tt.want {
				t.Errorf("page type %q (%d words), want %q", art.PageType, art.WordCount, tt.want)
			}
		})
	}
}

// extractTestdata extracts testdata/file as served at url.
func extractTestdata(t *testing.T, file, url string) corpus.Article {
	t.Helper()
	art, err := Extract(Input{Body: mustReadFile(t, "testdata/"+file), URL: url,
		ContentType: "text/html; charset=utf-8"})
	if err != nil {
		t.Fatal(err)
	}
	return art
}

// TestShortLastReply: a board signs each post twice, with the poster's
// card (a profile link and a join date) and with the post's header (the
// name again and a <time>). A short last reply, under a linked subject
// line, is left out of the run of records as mostly links, and the
// thread's span used to end with its poster's card, cutting off its
// words; the post is the run's sibling that holds the card (runSibling).
// A box of similar topics after the posts, in the same element and with
// the same tag, has its posters and days too; it is not like the posts
// and stays out, with the board's statistics under it.
func TestShortLastReply(t *testing.T) {
	for _, tt := range []struct {
		file    string
		must    []string
		mustNot []string
	}{
		{"threads/board_short_last_reply.html",
			[]string{"A seed tin on a heat mat works too", "The oven light did it, the loaf doubled by lunch."},
			[]string{"Who is online", "Powered by phpBB"}},
		{"threads/board_similar_topics.html",
			[]string{"A seed tin on a heat mat works too", "The oven light did it, the loaf doubled by lunch."},
			[]string{"Similar topics", "smell sharp, like acetone", "a dark rye", "our newest member", "spring meet-up", "Who is online"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			art := extractTestdata(t, tt.file, "https://crumbclub.example/forum/viewtopic.php?t=5120")
			if art.PageType != corpus.PageTypeForum {
				t.Errorf("page type %q, want forum", art.PageType)
			}
			for _, s := range tt.must {
				if !strings.Contains(art.Text, s) {
					t.Errorf("reply lost: %q", s)
				}
			}
			for _, s := range tt.mustNot {
				if strings.Contains(art.Text, s) {
					t.Errorf("kept: %q", s)
				}
			}
		})
	}
}
