package extract

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// TestThreadPosts checks the thread rule on pages of our own: a forum
// thread that declares itself an article (four posts by three people,
// each with a profile link and a posting time) is a forum; an article
// with three short readers' comments under it stays an article.
func TestThreadPosts(t *testing.T) {
	for _, tt := range []struct {
		file, url          string
		records, authors   int
		minShare, maxShare float64
		want               string
	}{
		{"forum_thread.html", "https://board.example/t/ferry-timetable-from-may.4101/", 4, 3, 0.7, 1, corpus.PageTypeForum},
		{"article_comments.html", "https://gazette.example/2026/03/02/harbour-wall-stone/", 3, 3, 0, 0.3, corpus.PageTypeArticle},
	} {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "threads", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			root, err := html.Parse(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			base, _ := url.Parse(tt.url)
			p := newPage(goquery.NewDocumentFromNode(root), base, time.Time{})
			defer p.release()
			p.extract(Options{})
			c, share := p.threadPosts()
			if c.records != tt.records || c.authors != tt.authors || share < tt.minShare || share > tt.maxShare {
				t.Errorf("%d records by %d people, %.2f of the text; want %d by %d, %.2f to %.2f",
					c.records, c.authors, share, tt.records, tt.authors, tt.minShare, tt.maxShare)
			}
			art, err := Extract(Input{Body: body, URL: tt.url, ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tt.want {
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
