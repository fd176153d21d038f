package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// TestPostSiblingPages: on a thread whose posts are comments by their
// markup (the content walk drops them; the block model gives the text),
// a post's paragraphs the model scores under its threshold come back
// beside a kept paragraph of the same post, and a reply of one short
// paragraph beside the other posts' kept text (an element of the same
// tag and class); a post's stamp, the sidebar's notices, the
// posters' cards and the post's buttons do not. A story with readers'
// comments stays an article without them: the rule runs on forums only.
func TestPostSiblingPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "forum_post_siblings", url: "https://allotments.example/topic/4410-shed-roof-leaking-at-the-ridge/",
			typ: corpus.PageTypeForum,
			wantInText: []string{"Photos to follow.", "Check the soft corner first.",
				"ring road.\n\nWill report back after the weekend.\n\nThe forecast says dry until Thursday",
				"ladder round.\n\noldspade\n\nApril 19, 2026\n\nGood job, that roof should see out a few winters now.\n\nharbourcat\n\nApril 19, 2026\n\nCheers for the advice",
				"seed potatoes are back in.\n\nPictures of the finished roof are below."},
			notInText: []string{"Plot inspections start in May.", "The seed swap is on Sunday.", "40 posts",
				"Share this post", "Powered by a board", "6:05 PM"}},
	})
	// The same thread with each post's text element stripped of its
	// class: the one-paragraph reply comes back by the kind of the
	// element a level up (postKind), where every post's text sits.
	runTextPages(t, []textPage{
		{name: "forum_post_bare", url: "https://allotments.example/topic/4410-shed-roof-leaking-at-the-ridge/",
			typ:        corpus.PageTypeForum,
			wantInText: []string{"ladder round.\n\noldspade\n\nApril 19, 2026\n\nGood job, that roof should see out a few winters now.\n\nharbourcat\n\nApril 19, 2026\n\nCheers for the advice"},
			notInText:  []string{"Plot inspections start in May.", "40 posts", "Share this post", "6:05 PM"}},
	})
	art := extractTestPage(t, "threads", "article_comments", "https://gazette.example/2026/03/02/harbour-wall-stone/")
	if art.PageType != corpus.PageTypeArticle {
		t.Errorf("story with comments: page type %q, want article", art.PageType)
	}
	checkText(t, art.Text, []string{"The harbour wall that the January storms broke"},
		[]string{"About time.", "Good that the herring season is kept free of the works."})
}

// TestIsStamp: a post's short line with a date is a stamp, which the
// sibling rule leaves to the model; a sentence with a date is not.
func TestIsStamp(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Dec 31, 2025, 10:15 PM", true},
		{"April 12, 2026", true},
		{"Will report back after the weekend.", false},
		{"The works start on 4 May 2026 and last two summers at the harbour.", false},
	}
	for _, tt := range tests {
		if got := isStamp(tt.in); got != tt.want {
			t.Errorf("isStamp(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestIsPostProse: a paragraph brought back for the kind of its element
// alone is a sentence or ten words or more, without a date; a poster's
// card line or a post's header is not.
func TestIsPostProse(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Good job, that roof should see out a few winters now.", true},
		{"Another option that is also good but cheaper is the smaller model", true},
		{"Analyst 3+ in Banking - Cov", false},
		{"dusty32309 Jun 8, 2017 at 5:26 am", false},
		{"I re-felted it on 12 April 2026 and it has held since.", false},
	}
	for _, tt := range tests {
		if got := isPostProse(tt.in); got != tt.want {
			t.Errorf("isPostProse(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestKeepPostSiblingsStamp: a post's stamp beside its kept paragraph,
// scored over postSiblingScore, stays out (isStamp), where a sentence
// beside it of as few words comes back.
func TestKeepPostSiblingsStamp(t *testing.T) {
	const page = `<html><body><main><article class="post"><div class="post-text">` +
		`<p>The new felt went on in an afternoon and the shed stayed dry through the rain on Tuesday night.</p>` +
		`<p>April 12, 2026, 6:05 PM</p><p>Pictures of it follow.</p></div></article></main></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(goquery.NewDocumentFromNode(root), nil, fetchedAt)
	defer p.release()
	p.extract(Options{})
	bs, _ := p.x.featureBlocks(p.bodyNode, p.sel)
	keep := make([]bool, len(bs))
	score := make([]float64, len(bs))
	for i, b := range bs {
		keep[i] = strings.HasPrefix(b.text, "The new felt")
		score[i] = postSiblingScore + 0.05
	}
	p.keepPostSiblings(bs, keep, score)
	got := map[string]bool{}
	for i, b := range bs {
		got[b.text] = keep[i]
	}
	if !got["Pictures of it follow."] || got["April 12, 2026, 6:05 PM"] {
		t.Errorf("kept %v: want the sentence back and the stamp out", got)
	}
}

// TestIsDeclaredText: a paragraph is a post's or a comment's text by the
// page's microdata when its element, or one of its two nearest
// ancestors, is itemprop="text" of an item typed a post; itemprop="text"
// outside any item, another property, a text four levels down, and the
// text of an item of another type or of none (a theme's page body) is not.
func TestIsDeclaredText(t *testing.T) {
	tests := []struct {
		name, frag string
		want       bool
	}{
		{"comment text", `<div itemscope itemtype="https://schema.org/Comment"><div class="x"><p itemprop="text">the link is also complex</p></div></div>`, true},
		{"paragraph in text", `<div itemscope itemtype="https://schema.org/Answer"><div itemprop="text"><section><p>Try the other port first</p></section></div></div>`, true},
		{"no item", `<div><p itemprop="text">Sign in to reply</p></div>`, false},
		{"other property", `<div itemscope><p itemprop="name">oldspade</p></div>`, false},
		{"too deep", `<div itemscope itemtype="https://schema.org/Comment"><div itemprop="text"><div><div><div><p>deep</p></div></div></div></div></div>`, false},
		{"forum post", `<article itemscope itemtype="http://schema.org/DiscussionForumPosting"><div itemprop="text"><p>Same here</p></div></article>`, true},
		{"page body", `<article itemscope itemtype="https://schema.org/CreativeWork"><div class="entry-content" itemprop="text"><p>Sign up for our newsletter today</p></div></article>`, false},
		{"other question", `<div class="related" itemscope itemtype="https://schema.org/Question"><a itemprop="url" href="/q/81">Rye starter too slow</a><p itemprop="text">My rye starter barely doubles in a day</p></div>`, false},
		{"untyped item", `<div itemscope><p itemprop="text">Sign up for our newsletter today</p></div>`, false},
		{"nearest item not a post", `<div itemscope itemtype="https://schema.org/Comment"><div itemscope itemtype="https://schema.org/WebPageElement"><p itemprop="text">Share this</p></div></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := firstElement(mustParseFragment(t, tt.frag), "p")
			if got := isDeclaredText(n); got != tt.want {
				t.Errorf("isDeclaredText(%s) = %v, want %v", tt.frag, got, tt.want)
			}
		})
	}
}
