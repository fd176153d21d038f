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
