package extract

import (
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// Addresses of the engine pages: each thread is read at its own board's
// URL and at a story-shaped one, where the model leans to `article` and
// only the markup says what the page is.
const (
	storyURL = "https://news.example/2026/11/30/a-page-whose-address-reads-as-a-story"
	slugURL  = "https://news.example/a-page-whose-address-reads-as-a-story"
)

// TestEngineThreads types pages written in the markup of common forum
// engines and habits (testdata/engines): phpBB, XenForo, vBulletin,
// Discourse's crawler view in <noscript> and its bare script shell, a
// Q&A page whose question sits apart from its answers, a mailing-list
// archive's thread, a link post with a nested comment tree, a thread of
// two posts and one whose first post is as long as a story. And the pages
// they must not be confused with: a board's index of threads (a
// listing), a story whose byline sits in its body above readers'
// comments or responses (an article), a shop's product with signed reviews (a
// product), the bare shell at a topic list's URL (nothing says what
// it is), and a thread's URL that serves a "not found" notice or a login
// wall.
func TestEngineThreads(t *testing.T) {
	for _, tt := range []struct {
		file, url, want, text string
	}{
		{"phpbb.html", "https://forum.oldsaloons.example/viewtopic.php?t=2841", corpus.PageTypeForum, "cavity wax"},
		{"phpbb.html", slugURL, corpus.PageTypeForum, "cavity wax"},
		{"xenforo.html", "https://allotmenttalk.example/threads/best-way-to-overwinter-dahlia-tubers.9021/", corpus.PageTypeForum, "under the spare bed"},
		{"xenforo.html", slugURL, corpus.PageTypeForum, "under the spare bed"},
		{"vbulletin.html", "https://estatecars.example/showthread.php?41077-Clicking-noise", corpus.PageTypeForum, "dust shield"},
		{"vbulletin.html", slugURL, corpus.PageTypeForum, "dust shield"},
		{"discourse.html", "https://community.quietmeters.example/t/sensor-readings-drop-to-zero/5512", corpus.PageTypeForum, "Moved it to midday"},
		{"discourse.html", slugURL, corpus.PageTypeForum, "Moved it to midday"},
		// The posts are drawn by a script: no word of them in the markup.
		{"discourse_shell.html", "https://community.quietmeters.example/t/sensor-readings-drop-to-zero/5512", corpus.PageTypeForum, ""},
		{"discourse_shell.html", "https://community.quietmeters.example/topic/sensors", corpus.PageTypeOther, ""},
		{"discourse_shell.html", slugURL, corpus.PageTypeOther, ""},
		// A few words at a thread's URL say what the page is: the thread
		// is gone, or one must log in to read it. Not a thread.
		{"thread_not_found.html", "https://community.quietmeters.example/t/sensor-readings-drop-to-zero/5512", corpus.PageTypeOther, "doesn't exist"},
		{"thread_not_found.html", "https://news.example/2026/11/30/pier?t=1733050000", corpus.PageTypeOther, "doesn't exist"},
		{"thread_login.html", "https://estatecars.example/threads/clicking-noise.41077/", corpus.PageTypeOther, "logged in"},
		// The question is classed apart from its answers (.question,
		// .answer) but signed in the same template.
		{"qa.html", "https://baking.example/questions/7712/why-does-my-bread-dough-collapse", corpus.PageTypeForum, "over-proofed"},
		{"qa.html", slugURL, corpus.PageTypeForum, "over-proofed"},
		{"mailthread.html", "https://lists.turners.example/archives/list/lathe-users@lists.turners.example/thread/AB11/", corpus.PageTypeForum, "gib is loose"},
		// A link post: the body found is the post's linked title, the
		// comments (named so) dropped by the content walk.
		{"linkpost.html", "https://board.example/r/localnews/comments/x8k2p/town_council_approves_cycle_lane/", corpus.PageTypeForum, "wide berth"},
		{"linkpost.html", slugURL, corpus.PageTypeForum, "wide berth"},
		{"linkpost.html", storyURL, corpus.PageTypeForum, "wide berth"},
		{"two_posts.html", "https://readerdevices.example/threads/does-the-6-2-update-break-the-sync.4410/", corpus.PageTypeForum, "fresh login"},
		// Two posts, each named for a post (postPair), at a story's URL.
		{"two_posts.html", storyURL, corpus.PageTypeForum, "fresh login"},
		{"two_posts.html", slugURL, corpus.PageTypeForum, "fresh login"},
		{"long_first_post.html", "https://canalboaters.example/forum/projects/2288-build-log/", corpus.PageTypeForum, "tidal Trent"},
		{"long_first_post.html", slugURL, corpus.PageTypeForum, "tidal Trent"},
		{"board_index.html", "https://forum.oldsaloons.example/viewforum.php?f=7", corpus.PageTypeListing, "Blasting media for thin panels"},
		{"board_index.html", "https://oldsaloons.example/restoration/", corpus.PageTypeListing, "Blasting media for thin panels"},
		{"story_byline_apart.html", storyURL, corpus.PageTypeArticle, "regional transport fund"},
		{"story_byline_apart.html", slugURL, corpus.PageTypeArticle, "regional transport fund"},
		// The same story with three responses not named for comments:
		// its body, signed by a byline unlike the responses' signatures,
		// is not a thread's opening post (openingApart).
		{"story_byline_responses.html", storyURL, corpus.PageTypeArticle, "kerb between cyclists"},
		// Reviews named as comments: the body found is the product's
		// name and price, and the signed, dated reviews are no thread.
		{"product_reviews.html", "https://trailkit.example/enamel-camping-kettle-1-5-litres", corpus.PageTypeProduct, ""},
	} {
		t.Run(tt.file+" "+tt.url, func(t *testing.T) {
			art := extractTestdata(t, "engines/"+tt.file, tt.url)
			if art.PageType != tt.want {
				t.Errorf("page type %q (%d words), want %q", art.PageType, art.WordCount, tt.want)
			}
			if !strings.Contains(art.Text, tt.text) {
				t.Errorf("text lacks %q: %q", tt.text, art.Text)
			}
		})
	}
}
