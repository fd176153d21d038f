package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// dekLook is how many elements after the headline's subtree dekOf reads
// for the first one that holds text.
const dekLook = 12

// dekOf returns the page's dek: the short paragraph that follows its
// first <h1> in the page and says in a sentence or two what the page is
// about (a standfirst, a hero's subtitle). Page builders put it in the
// headline's <header> or banner, which the content walk and the block
// model read as chrome, so the text loses it. Only an unlinked
// paragraph of prose of five words or more, closed by a full stop or an
// exclamation mark, counts: a byline, a date, a kicker or a button does
// not read so. Nor does a line in a region the walk drops (an aside), a
// call to action ("Sign up for our newsletter."), or the tagline under
// an <h1> that is the site's logo (siteLogo). Work: the headline's
// subtree (subtreeEnd, its size times its depth) and dekLook elements
// past it, whatever the page's size.
func (x *contentExtractor) dekOf(siteName string) string {
	if len(x.h1s) == 0 {
		return ""
	}
	h := int(x.h1s[0])
	i := x.subtreeEnd(h) + 1
	if x.siteLogo(h, i, siteName) {
		return ""
	}
	for end := min(len(x.nodes), i+dekLook); i < end; i++ {
		in := &x.infos[i]
		if in.junk {
			// A region the walk drops (an aside, a nav) opens after the
			// headline. Not every element with a class word of chrome:
			// a hero's "header-description" is the dek.
			return ""
		}
		if in.text == 0 || in.block {
			continue // empty, or a wrapper: its first leaf follows
		}
		n := x.nodes[i]
		if in.link > 0 || in.text > 400 || !isProseTag(n.DataAtom) {
			return ""
		}
		if t := textOf(n); numFields(t) >= 5 && closesSentence(t) && !reCallToAction.MatchString(t) {
			return t
		}
		return ""
	}
	return ""
}

// siteLogo reports whether the <h1> at index h (its subtree ending
// before end) is the site's logo, not the page's headline: an image with
// no text, the site's name, or a link to the home page (a theme's site
// title). The line under such an <h1> is the site's tagline, the same on
// every page.
func (x *contentExtractor) siteLogo(h, end int, siteName string) bool {
	in := &x.infos[h]
	if in.text == 0 || siteName != "" && normName(textOf(x.nodes[h])) == normName(siteName) {
		return true
	}
	if in.link < in.text {
		return false
	}
	for _, a := range x.nodes[h:end] {
		if a.DataAtom == atom.A {
			return isHomeHref(attr(a, "href"))
		}
	}
	return false
}

// isHomeHref reports whether href links to a site's home page ("/",
// "https://example.com/", "index.html").
func isHomeHref(href string) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || u.RawQuery != "" {
		return false
	}
	switch strings.TrimPrefix(u.Path, "/") {
	case "", "index.html", "index.htm", "index.php":
		return u.Path != "" || u.Host != ""
	}
	return false
}

// withDek puts the dek (dekOf) at the top of the text of a page that is
// not an article, when the text does not hold it. An article's lead is
// the body's business (addLead): tried on articles too, the line cost
// precision on extraction-bench and the readability sets, whose bodies
// leave such lines out more often than not.
func (p *page) withDek(art *corpus.Article) {
	if p.x == nil || art.WordCount == 0 || art.PageType == corpus.PageTypeOther || art.PageType == corpus.PageTypeArticle {
		return
	}
	d := p.x.dekOf(art.SiteName)
	if d == "" || strings.Contains(cleanSpace(art.Text), d) { // lines broken inside it count
		return
	}
	art.Text = d + "\n\n" + art.Text
	art.WordCount = countWords(art.Text)
}

// isProseTag reports whether an element with no block inside may be a
// paragraph of prose.
func isProseTag(a atom.Atom) bool {
	return a == atom.P || a == atom.Div || a == atom.Span
}

// closesSentence reports whether t ends with a full stop or an
// exclamation mark (quotes and brackets aside): narrower than
// endsSentence, as a line under a headline that ends with a question or
// a colon is a prompt or a label, not the page's dek.
func closesSentence(t string) bool {
	t = strings.TrimRight(t, " \"'”’»)")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!")
}
