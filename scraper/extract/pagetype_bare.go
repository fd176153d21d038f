package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// bareWordsMin is the fewest words of a bare document (bareDocument):
// under it, a page's whole text is a label ("It works!", "Coming soon").
const bareWordsMin = 5

// bareDocument reports whether a page of fewer than 20 words found is a
// document of those words and nothing else: its body holds no script,
// frame, embedded object, form control, navigation landmark or link to
// another page, its head no redirect, its title and <h1> name no error,
// and the body found holds all the body's text (bareWordsMin words at
// least). pageType calls a page of under 20 words other, as an empty
// page, an app's shell or a consent wall is: those come with scripts,
// forms, links or a consent text, and a redirect notice or an error page
// says so. A plain page that says a sentence and nothing more is a short
// text of its own: otherPage types it article (flagged short), keeping
// the text it chose for it as for an empty page, every line of the page
// (the article path would trim a heading that ends it).
func (p *page) bareDocument(art *corpus.Article) bool {
	if art.WordCount < bareWordsMin || art.WordCount >= 20 || p.bodyNode == nil || p.consentTxt > 0 || p.forms > 0 {
		return false
	}
	if p.meta("refresh") != "" || errorTitle(p.titleTag) || len(p.h1s) > 0 && errorTitle(p.h1s[0]) {
		return false
	}
	if statusText(p.titleTag, art.Text) {
		return false
	}
	words, ok := bareText(p.bodyNode)
	return ok && words <= art.WordCount
}

// bareText returns the words of the text under n, and false as soon as
// n holds an element that makes a page more than a text (bareDocument):
// a script, a frame, an embedded object, a form control, a navigation
// landmark, or a link that leads somewhere (not a "javascript:" one or
// an anchor in the page).
func bareText(n *html.Node) (words int, ok bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			words += countWords(c.Data)
			continue
		case html.ElementNode:
		default:
			continue
		}
		switch c.DataAtom {
		case atom.Script, atom.Noscript, atom.Iframe, atom.Frame, atom.Object, atom.Embed, atom.Form, atom.Input,
			atom.Button, atom.Select, atom.Textarea, atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Menu:
			return 0, false
		case atom.Style, atom.Template:
			continue
		case atom.A:
			if h := strings.TrimSpace(attr(c, "href")); h != "" && !strings.HasPrefix(h, "#") &&
				!strings.HasPrefix(strings.ToLower(h), "javascript:") {
				return 0, false
			}
		}
		w, ok := bareText(c)
		if !ok {
			return 0, false
		}
		words += w
	}
	return words, true
}

// statusWords are phrases of a server's or an app's notice served as a
// page: an access or a rate limit, a geographic block, an expired
// session, a maintenance or a launch notice, a browser check, a host's
// placeholder. A bare page that says one is that notice, not a text of
// its own (review31a: each of these was typed article).
var statusWords = []string{
	"forbidden", "access denied", "permission to access", "unauthorized", "not authorized",
	"unavailable", "not available in your", "too many requests", "rate limit", "request blocked",
	"an error occurred", "unexpected error", "internal server error", "bad gateway", "bad request",
	"went wrong", "try again", "session has expired", "session expired", "maintenance",
	"coming soon", "under construction", "enable javascript", "javascript is required",
	"javascript is disabled", "suspended", "default web page", "lorem ipsum",
}

// statusText reports whether a bare page's title or text is a notice
// rather than a text (bareDocument): it names a status (statusWords or
// an HTTP error's code in the title: "503 Service Unavailable"), or its
// text is data or an unfilled template, not prose (a JSON error body
// shown as a page, "{{ page.title }}").
func statusText(title, text string) bool {
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") || strings.Contains(t, "{{") || strings.Contains(t, "{%") {
		return true
	}
	if f := strings.Fields(title); len(f) > 0 && len(f[0]) == 3 && (f[0][0] == '4' || f[0][0] == '5') &&
		strings.Trim(f[0][1:], "0123456789") == "" {
		return true
	}
	all := strings.ToLower(title + " " + t)
	for _, w := range statusWords {
		if strings.Contains(all, w) {
			return true
		}
	}
	return false
}
