package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestIsCommentHeading: the plural or a count opens a comment section;
// the singular heads an opinion piece, and a sentence is text. The
// order a thread is sorted in may lead the plural ("Top rated comments");
// recent comments are a sidebar's links to other pages' threads.
func TestIsCommentHeading(t *testing.T) {
	tests := []struct {
		heading string
		want    bool
	}{
		{"Leserkommentare", true},
		{"Kommentare (12)", true},
		{"Reader comments", true},
		{"Top Rated Comments", true},
		{"Best comments (40)", true},
		{"27 commentaires", true},
		{"No comments yet", true},
		{"1 Antwort", true},
		{"5 thoughts on “The harbour ferry”", true},
		{"Comments:", true},
		{"Kommentar", false},
		{"Comment", false},
		{"Commentaires du ministre", false},
		{"Comments from the council meeting were mixed", false},
		{"Recent comments", false},
	}
	for _, tt := range tests {
		if got := isCommentHeading(tt.heading); got != tt.want {
			t.Errorf("isCommentHeading(%q) = %v, want %v", tt.heading, got, tt.want)
		}
	}
}

// TestIsCommentLine: a line that is no heading opens a comment section
// with the plural of "comment", alone, after a verb that shows them or
// with their count; a forum's count of replies, a label and a sentence
// do not.
func TestIsCommentLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"View comments (27)", true},
		{"Show all comments", true},
		{"Comments (4)", true},
		{"12 Kommentare", true},
		{"Voir les commentaires", true},
		{"5 replies", false},
		{"1 Antwort", false},
		{"Comments:", false},
		{"Comment", false},
		{"Recent comments", false},
		{"Comments from the council meeting were mixed", false},
	}
	for _, tt := range tests {
		if got := isCommentLine(tt.line); got != tt.want {
			t.Errorf("isCommentLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestLinksInText: a lead's inline link keeps it prose; a linked
// headline or a link around a card makes it a teaser.
func TestLinksInText(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		{`<div><p>The operator told the <a href="/c">harbour council</a> on Tuesday that a second boat pays.</p></div>`, true},
		{`<div><p>The operator told the <b><a href="/c">harbour council</a></b> on Tuesday.</p></div>`, true},
		{`<div><h3><a href="/b">Bridge reopens</a></h3><p>The mayor said on Friday that the bridge would reopen.</p></div>`, false},
		{`<div><a href="/b"><p>The mayor said on Friday that the bridge would reopen.</p></a></div>`, false},
	}
	for _, tt := range tests {
		n := mustParseFragment(t, tt.html)
		if got := linksInText(n, 0); got != tt.want {
			t.Errorf("linksInText(%s) = %v, want %v", tt.html, got, tt.want)
		}
	}
}

// mustParseFragment parses s as the body of a page and returns its first
// element.
func mustParseFragment(tb testing.TB, s string) *html.Node {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + s + "</body></html>"))
	if err != nil {
		tb.Fatal(err)
	}
	var body *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
		}
		for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	tb.Fatal("no element")
	return nil
}
