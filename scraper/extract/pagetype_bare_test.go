package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestBareDocument: a plain page whose markup holds one short text and
// nothing else is an article of those words (bareDocument), not the
// "other" of an empty page. Kept other: the same words beside a script, a
// link to another page, a navigation bar or a form field, under a
// redirect or an error's title, a label of a few words, and a page with
// text the body found leaves out.
func TestBareDocument(t *testing.T) {
	const note = `<p>The reading room opens an hour later on Mondays while the stacks are moved.</p>`
	page := func(head, body string) string {
		return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>"
	}
	tests := []struct {
		name, page, want string
	}{
		{"a paragraph", page("<title>Notice</title>", note), corpus.PageTypeArticle},
		{"a list item's paragraph", page("", "<ol><li>"+note+"</li></ol>"), corpus.PageTypeArticle},
		{"text in divs", page("<title>Notice</title>", "<main><section><div><div>The reading room opens an hour later on Mondays.</div></div></section></main>"), corpus.PageTypeArticle},
		{"a heading at the end", page("", "<h2>Reading room</h2>"+note+"<h2>Stacks</h2>"), corpus.PageTypeArticle},
		{"a stylesheet", page(`<link rel="stylesheet" href="/site.css"><style>p{margin:0}</style>`, note), corpus.PageTypeArticle},
		{"a script", page("<script>var x = 1;</script>", note+"<script>load()</script>"), corpus.PageTypeOther},
		{"a link out", page("", note+`<p><a href="/hours">Opening hours</a></p>`), corpus.PageTypeOther},
		{"a navigation bar", page("", `<nav><span>Home</span></nav>`+note), corpus.PageTypeOther},
		{"a form field", page("", note+`<input type="text" name="q">`), corpus.PageTypeOther},
		{"a redirect", page(`<meta http-equiv="refresh" content="0; url=/new">`, note), corpus.PageTypeOther},
		{"an error's title", page("<title>404 Not Found</title>", note), corpus.PageTypeOther},
		{"an error's heading", page("", "<h1>Page not found</h1>"+note), corpus.PageTypeOther},
		{"a label", page("<title>Soon</title>", "<h1>Coming soon</h1>"), corpus.PageTypeOther},
		// Notices served as pages (review31a): each was typed article.
		{"a JSON error shown as a page", page("", `<pre>{"status":500,"error":"Internal Server Error","message":"Upstream did not respond in time"}</pre>`), corpus.PageTypeOther},
		{"an unfilled template", page("<title>Notice</title>", `<p>{{ notice.summary }} {{ notice.body }} {{ notice.author }}</p>`), corpus.PageTypeOther},
		{"a geographic block", page("<title>Notice</title>", `<p>This content is not available in your country due to legal restrictions.</p>`), corpus.PageTypeOther},
		{"a browser check", page("<title>Notice</title>", `<p>Please enable JavaScript in your browser to read this site.</p>`), corpus.PageTypeOther},
		{"an expired session", page("<title>Notice</title>", `<p>Your session has expired. Please sign in again to continue reading.</p>`), corpus.PageTypeOther},
		{"a status code's title", page("<title>403 Reading room</title>", note), corpus.PageTypeOther},
		{"a line the body found leaves out", page("", note+`<p><a href="#top">Back to the top</a></p>`), corpus.PageTypeOther},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(tc.page), URL: "https://library.example/notice", ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tc.want {
				t.Errorf("page type %q (%d words: %q), want %q", art.PageType, art.WordCount, art.Text, tc.want)
			}
			// Typed article or not, the text is the one an empty page
			// gets: every line of the page, a heading at its end too.
			if tc.want == corpus.PageTypeArticle && (!strings.Contains(art.Text, "Mondays") || strings.Contains(tc.page, "Stacks") && !strings.Contains(art.Text, "Stacks")) {
				t.Errorf("text %q: a line of the page is missing", art.Text)
			}
			if notArticle := slices.Contains(art.Flags, corpus.FlagNotArticle); notArticle != (tc.want != corpus.PageTypeArticle) {
				t.Errorf("flags %v with page type %q", art.Flags, art.PageType)
			}
		})
	}
}
