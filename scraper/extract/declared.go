package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// declares is declaresArticle for the page being analyzed, walked once:
// a hostile page of thousands of asides asks it for each.
func (x *contentExtractor) declares(n *html.Node) bool {
	if x.declared == 0 {
		x.declared = -1
		if declaresArticle(n) {
			x.declared = 1
		}
	}
	return x.declared > 0
}

// declaresArticle reports whether the page holding n declares itself an
// article in its metadata: og:type "article", or a JSON-LD object of an
// article type (isArticleType) at the top, in an array, in @graph or as
// a mainEntity. It walks the whole tree: callers ask it only on the rare
// path where the answer changes the output.
func declaresArticle(n *html.Node) bool {
	root := n
	for root.Parent != nil {
		root = root.Parent
	}
	found := false
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		for ; c != nil && !found; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Meta:
				found = (strings.EqualFold(attr(c, "property"), "og:type") || strings.EqualFold(attr(c, "name"), "og:type")) && strings.EqualFold(strings.TrimSpace(attr(c, "content")), "article")
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(c, "type")), "application/ld+json") && c.FirstChild != nil {
					for _, v := range decodeLD([]byte(c.FirstChild.Data)) {
						if ldDeclares(v, 0) {
							found = true
						}
					}
				}
			default:
				walk(c.FirstChild)
			}
		}
	}
	walk(root.FirstChild)
	return found
}

// ldDeclares reports whether a decoded JSON-LD value holds an object of
// an article type, as page.addLD collects them.
func ldDeclares(v any, depth int) bool {
	if depth > 4 {
		return false
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if ldDeclares(e, depth+1) {
				return true
			}
		}
	case map[string]any:
		if ldIs(t, isArticleType) {
			return true
		}
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
			if e, ok := t[k]; ok && ldDeclares(e, depth+1) {
				return true
			}
		}
	}
	return false
}
