package scraper

import (
	"bytes"
	"mime"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// pageLinks is what a page links to.
type pageLinks struct {
	links     []string // normalized, absolute, without duplicates, in document order
	canonical string   // normalized rel=canonical, "" when none
	feeds     []string // normalized <link rel=alternate> feeds (RSS, Atom, JSON Feed)
	nofollow  bool     // <meta name="robots" content="nofollow">
}

// linkCollector gathers the links of one page, tag by tag, whether the
// tags come from a tokenizer or a parsed tree.
type linkCollector struct {
	out     pageLinks
	base    *url.URL
	baseSet bool
	seen    map[string]bool
}

func newLinkCollector(pageURL string) (*linkCollector, bool) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, false
	}
	return &linkCollector{base: base, seen: make(map[string]bool)}, true
}

// wants reports whether tags a carry links or settings the collector reads.
func (lc *linkCollector) wants(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Area, atom.Frame, atom.Iframe, atom.Link, atom.Base, atom.Meta:
		return true
	}
	return false
}

func (lc *linkCollector) add(href string) {
	if u, ok := urlnorm.Resolve(lc.base, href); ok && !lc.seen[u] {
		lc.seen[u] = true
		lc.out.links = append(lc.out.links, u)
	}
}

// tag records one start tag a with its attributes.
func (lc *linkCollector) tag(a atom.Atom, at *tagAttrs) {
	switch a {
	case atom.A, atom.Area:
		if at.has&hasHref != 0 {
			lc.add(at.href)
		}
	case atom.Frame, atom.Iframe:
		if at.has&hasSrc != 0 {
			lc.add(at.src)
		}
	case atom.Base:
		if at.has&hasHref != 0 && !lc.baseSet {
			lc.baseSet = true
			if b, err := lc.base.Parse(strings.TrimSpace(at.href)); err == nil {
				lc.base = b
			}
		}
	case atom.Link:
		for _, rel := range strings.Fields(strings.ToLower(at.rel)) {
			switch rel {
			case "canonical":
				if u, ok := urlnorm.Resolve(lc.base, at.href); ok && lc.out.canonical == "" {
					lc.out.canonical = u
				}
			case "next", "prev", "previous":
				lc.add(at.href)
			case "alternate":
				if feedType(at.typ) {
					if u, ok := urlnorm.Resolve(lc.base, at.href); ok && !slices.Contains(lc.out.feeds, u) {
						lc.out.feeds = append(lc.out.feeds, u)
					}
				}
			}
		}
	case atom.Meta:
		if strings.EqualFold(strings.TrimSpace(at.name), "robots") {
			for _, d := range strings.Split(strings.ToLower(at.content), ",") {
				if d = strings.TrimSpace(d); d == "nofollow" || d == "none" {
					lc.out.nofollow = true
				}
			}
		}
	}
}

// extractLinks tokenizes a UTF-8 HTML page and returns the URLs it links
// to (a, area, frame and iframe, link rel=next/prev), resolved against the
// page's <base href> or pageURL and normalized. The crawler takes links
// from the extractor's tree (linksOf); this is for pages that do not
// parse.
func extractLinks(page []byte, pageURL string) pageLinks {
	lc, ok := newLinkCollector(pageURL)
	if !ok {
		return pageLinks{}
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return lc.out
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		a := atom.Lookup(name)
		if !lc.wants(a) {
			continue
		}
		var at tagAttrs
		for {
			k, v, more := z.TagAttr()
			at.set(k, v)
			if !more {
				break
			}
		}
		lc.tag(a, &at)
	}
}

// linksOf is extractLinks on a parsed page.
func linksOf(root *html.Node, pageURL string) pageLinks {
	lc, ok := newLinkCollector(pageURL)
	if !ok {
		return pageLinks{}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && len(n.Attr) > 0 && lc.wants(n.DataAtom) {
			var at tagAttrs
			for _, a := range n.Attr {
				if a.Namespace == "" {
					at.setString(a.Key, a.Val)
				}
			}
			lc.tag(n.DataAtom, &at)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return lc.out
}

// feedType reports whether a <link type> names a feed.
func feedType(t string) bool {
	mt, _, err := mime.ParseMediaType(t)
	if err != nil {
		return false
	}
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/feed+json":
		return true
	}
	return false
}

// tagAttrs holds the attributes extractLinks reads, first value wins.
type tagAttrs struct {
	has                                uint8
	href, src, rel, name, content, typ string
}

const (
	hasHref = 1 << iota
	hasSrc
	hasRel
	hasName
	hasContent
	hasType
)

func (t *tagAttrs) set(key, v []byte) {
	if dst, bit := t.field(string(key)); dst != nil && t.has&bit == 0 {
		t.has |= bit
		*dst = string(v)
	}
}

func (t *tagAttrs) setString(key, v string) {
	if dst, bit := t.field(key); dst != nil && t.has&bit == 0 {
		t.has |= bit
		*dst = v
	}
}

// field returns where attribute key goes, nil for attributes not read.
func (t *tagAttrs) field(key string) (*string, uint8) {
	switch key {
	case "href":
		return &t.href, hasHref
	case "src":
		return &t.src, hasSrc
	case "rel":
		return &t.rel, hasRel
	case "name":
		return &t.name, hasName
	case "content":
		return &t.content, hasContent
	case "type":
		return &t.typ, hasType
	}
	return nil, 0
}
