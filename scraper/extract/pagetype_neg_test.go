package extract

import (
	"bytes"
	"net/url"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// TestArticlesTemptingOtherTypes: articles written to look like the
// pages of another type (testdata/typeneg): prices set apart in a fact
// box, signed and dated comments under a /community/ URL (and again with
// each comment named "comment reply"), numbered steps, timestamped posts
// of a live blog, the turns of an interview, a long comment thread, a
// /tag/ or /category/ URL, a grid of eight other stories after an undated
// story, a shopping roundup (a price and a shop's link per item), the
// second page of a story with a pager, an undated review with a price and
// a "Buy now" button, a short story after a rail of eight linked
// headlines, an undated recipe. Typing an article as another kind loses
// it from the corpus (crawl stores articles only), so each must stay an
// article whatever rule of the page type changes (review17b found the
// first two typed service and forum).
func TestArticlesTemptingOtherTypes(t *testing.T) {
	tests := []struct{ file, url string }{
		{"travel_prices_undated.html", "https://slowroads.example/europe/three-days-in-porto-on-a-small-budget"},
		{"community_comments_dated.html", "https://millbrook.example/community/the-library-reopens"},
		{"factbox_prices.html", "https://valleypost.example/money/heating-oil-prices-fall-for-a-third-month"},
		{"howto_steps.html", "https://greenwindowsill.example/houseplants/how-to-repot-an-orchid"},
		{"liveblog.html", "https://coastnews.example/news/storm-freya-live"},
		{"interview_qa.html", "https://openwater.example/interviews/mara-lind"},
		{"long_comments.html", "https://riversidevoices.example/opinion/keep-the-14"},
		{"tag_url_article.html", "https://harbournotes.example/tag/history/the-night-the-harbour-lights-went-out"},
		{"tag_url_article.html", "https://harbournotes.example/category/history/night-lights"},
		{"tag_url_article.html", "https://harbournotes.example/blog/night-lights"},
		{"related_grid_undated.html", "https://northsound.example/news/the-ferry-that-keeps-an-island-alive"},
		{"shopping_roundup.html", "https://kitchenbench.example/reviews/best-kettles"},
		{"story_page2.html", "https://coaststories.example/stories/the-last-lighthouse-keeper?page=2"},
		{"review_buy_undated.html", "https://gadgetshelf.example/reviews/quiet-pods-3-review"},
		{"rail_first_brief.html", "https://valleytimes.example/news/bridge-closed-for-repairs-until-march"},
		{"recipe.html", "https://smallkitchen.example/recipes/grandmothers-apple-cake"},
		{"comments_reply_class.html", "https://millbrook.example/community/the-library-reopens"},
		// The same story wrapped, as WordPress does, in an element named
		// for a post that holds the headline (review18b).
		{"comments_post_wrapper.html", "https://millbrook.example/community/the-library-reopens"},
		// A brief of two paragraphs and, in the same <main>, six cards
		// of other stories with a summary each under a heading of their
		// own (teaserFront must not fire: a story comes first).
		{"brief_related_cards.html", "https://quayside.example/ships/night-ferry-cancelled-for-a-second-week"},
		// A listicle whose entries each sit in an item of their own under
		// a linked heading, with two paragraphs and a second link to the
		// same page: not excerpts (no entry is dated), so an article.
		{"listicle_linked_entries.html", "https://northsound.example/food/six-harbour-cafes-worth-the-ferry"},
		{"listicle_linked_entries.html", "https://northsound.example/food"},
		// A reading list: one paragraph, then five linked titles with a
		// line each, none dated (itemRunBody wants dated teasers).
		{"reading_list_undated.html", "https://northsound.example/books/books-for-a-winter-on-the-islands"},
		// A story of two paragraphs, then four dated links to the
		// earlier stories (itemRunBody allows one paragraph of intro).
		{"story_then_dated_links.html", "https://northsound.example/news/ferry-back-in-service-after-repairs"},
		// A brief of one paragraph, then "Earlier coverage" over six
		// dated links: the heading says the list is not the page's.
		{"brief_dated_links_heading.html", "https://northsound.example/news/harbour-dues-to-rise-in-the-spring"},
		// The same brief with the six dated links right under it, no
		// heading between: a page that declares an article keeps its one
		// paragraph as its own story.
		{"brief_dated_links_bare.html", "https://northsound.example/news/harbour-dues-to-rise-in-the-spring"},
		// The three at a URL that says nothing (an id): undated and
		// unsigned, their dated links are a story's related stories, not
		// a grid of cards (undatedCardPage).
		{"story_then_dated_links.html", "https://northsound.example/p/4412"},
		{"brief_dated_links_heading.html", "https://northsound.example/p/4412"},
		{"brief_dated_links_bare.html", "https://northsound.example/p/4412"},
		// The same brief with undated, unsigned links to other stories
		// under "More news": a story's related stories under a label of
		// their own (headedRun), not a collection under its intro. (At a
		// story's URL it is typed listing since before undatedCardPage.)
		{"brief_undated_cards.html", "https://valleynews.example/p/4412"},
		// Undated, unsigned pages a rule for grids of cards could take:
		// a wire story of short paragraphs beside two rails of cards, a
		// photo gallery whose pictures link their own pages, a review
		// whose comparison cards link out to shops.
		{"wire_undated_rails.html", "https://portal.example/p/4412"},
		{"gallery_photo_pages.html", "https://northsound.example/p/4412"},
		{"review_compare_cards.html", "https://hometested.example/p/4412"},
		// A timeline: dated sections of two paragraphs under headings
		// that link to the earlier stories, with no "Read more": the
		// sections are the story's own, not excerpts.
		{"timeline_linked_sections.html", "https://northsound.example/news/how-the-night-ferry-broke-down"},
		// A story's key events: one paragraph, then dated links into the
		// page (#anchors), not to other pages (itemRunBody's first link).
		{"key_events_anchors.html", "https://northsound.example/news/the-night-ferry-every-update"},
		// A live blog: timed entries under headings that link to the
		// entry's permalink, the page's own path with a query, and link
		// it again ("Link to this post"): no excerpts of other stories.
		{"live_blog_permalinks.html", "https://northsound.example/news/live-night-ferry-crossing"},
	}
	wantArticles(t, tests)
}

// wantArticles extracts each testdata/typeneg page at its URL and fails
// the test unless it is typed an article.
func wantArticles(t *testing.T, tests []struct{ file, url string }) {
	for _, tc := range tests {
		t.Run(tc.file+" "+tc.url, func(t *testing.T) {
			art, err := Extract(Input{Body: mustReadFile(t, "testdata/typeneg/"+tc.file), URL: tc.url,
				ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != corpus.PageTypeArticle {
				t.Errorf("page type %q (%d words), want article", art.PageType, art.WordCount)
			}
		})
	}
}

// TestPagesBesideTemptingArticles: the listings and threads the articles
// above must not be confused with (testdata/typepos): undated section
// fronts whose linked teaser headings follow an intro of one line or
// three, with a pager and without, at a section's URL and at one shaped
// like a story's; threads whose posts are named "post reply" and
// "comment reply" (a thread's first post comes before any story), and
// the pages that tempt the two rules of this file's third test.
func TestPagesBesideTemptingArticles(t *testing.T) {
	tests := []struct{ file, url, want string }{
		{"section_front_undated.html", "https://northsound.example/islands", corpus.PageTypeListing},
		{"section_front_undated.html", "https://northsound.example/news/islands-and-people", corpus.PageTypeListing},
		{"section_front_short.html", "https://northsound.example/islands", corpus.PageTypeListing},
		{"section_front_short.html", "https://northsound.example/news/islands-and-people-of-the-sound", corpus.PageTypeListing},
		// Three lines of intro (typed article at a story's URL, before
		// and after storyBeforeHeads).
		{"hub_intro.html", "https://smallkitchen.example/recipes/soup", corpus.PageTypeListing},
		// The same at a URL that says nothing: undated, unsigned, ten
		// undated cards under its intro (undatedCardPage; article before).
		{"hub_intro.html", "https://smallkitchen.example/p/4412", corpus.PageTypeListing},
		{"thread_reply.html", "https://bakingforum.example/forum/threads/sourdough-starter-smells.4412", corpus.PageTypeForum},
		{"thread_comment_reply.html", "https://bakingforum.example/forum/threads/sourdough-starter-smells.4412", corpus.PageTypeForum},
		// The two rules' own temptations: a thread whose first post is
		// unnamed and three paragraphs long, its replies named "comment
		// reply" (P(article) 0.04 on main, 0.22 here); a front whose lead
		// story's excerpt of three paragraphs comes before eight linked
		// headings (0.06 on main, 0.25 here at a story-shaped URL).
		{"thread_op_unnamed.html", "https://bakingforum.example/forum/threads/sourdough-starter-smells.4412", corpus.PageTypeForum},
		{"front_lead_excerpt.html", "https://northsound.example/islands", corpus.PageTypeListing},
		{"front_lead_excerpt.html", "https://northsound.example/news/islands-and-people-of-the-sound", corpus.PageTypeListing},
		// A blog's index whose template declares it an article
		// (og:type), each teaser a card with a linked headline, a dated
		// byline and a line of summary: typed article on main at either
		// URL (teaserFront).
		{"blog_index_dated.html", "https://quayside.example/dispatches", corpus.PageTypeListing},
		{"blog_index_dated.html", "https://quayside.example/ports/harbour-trade-dispatches-from-the-quay", corpus.PageTypeListing},
		// A blog's category page whose posts show two paragraphs each,
		// dated, with "Continue reading": excerpts, not sections of a
		// story (typed article on main at both URLs).
		{"blog_index_excerpts.html", "https://quayside.example/ports", corpus.PageTypeListing},
		{"blog_index_excerpts.html", "https://quayside.example/ports/harbour-trade-dispatches-from-the-quay", corpus.PageTypeListing},
		// A section front whose body found is its lead story's excerpt,
		// under a headline that links to the story, ending in "Read
		// more" (typed article on main at a story's URL).
		{"front_lead_readmore.html", "https://northsound.example/news/islands-and-people-of-the-sound", corpus.PageTypeListing},
		// A tag page whose titles are plain links, each dated with a
		// line of summary, in no heading (typed article on main at a
		// story's URL).
		{"tag_plain_links.html", "https://northsound.example/news/islands-and-people-of-the-sound", corpus.PageTypeListing},
	}
	for _, tc := range tests {
		t.Run(tc.file+" "+tc.url, func(t *testing.T) {
			art, err := Extract(Input{Body: mustReadFile(t, "testdata/typepos/"+tc.file), URL: tc.url,
				ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tc.want {
				t.Errorf("page type %q (%d words), want %s", art.PageType, art.WordCount, tc.want)
			}
		})
	}
}

// TestStoryBeforeHeads: otherKind's linked headings on an undated,
// unsigned page speak for a listing only when no story comes before
// them (three paragraphs of prose before the first linked heading); and
// posts named for comments too are not counted after a story.
func TestStoryBeforeHeads(t *testing.T) {
	tests := []struct {
		file     string
		want     bool
		comments int // commentsAfterStory
	}{
		{"typeneg/related_grid_undated.html", true, 0}, // a story, then eight linked headings
		{"typepos/section_front_undated.html", false, 0},
		{"typepos/section_front_short.html", false, 0},
		{"typeneg/tag_url_article.html", true, 0}, // a story, no linked heading
		{"typeneg/comments_reply_class.html", true, 5},
		{"typeneg/comments_post_wrapper.html", true, 6}, // five comments and the story's wrapper
		{"typepos/thread_comment_reply.html", true, 0},  // no linked heading; the first post comes first
		{"typepos/thread_reply.html", true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			root, err := html.Parse(bytes.NewReader(mustReadFile(t, "testdata/"+tc.file)))
			if err != nil {
				t.Fatal(err)
			}
			base, _ := url.Parse("https://pages.test/news/a-story")
			p := newPage(goquery.NewDocumentFromNode(root), base, time.Time{})
			defer p.release()
			p.extract(Options{})
			if got := p.storyBeforeHeads(); got != tc.want {
				t.Errorf("storyBeforeHeads = %v, want %v", got, tc.want)
			}
			if got := p.commentsAfterStory(); got != tc.comments {
				t.Errorf("commentsAfterStory = %d, want %d", got, tc.comments)
			}
		})
	}
}
