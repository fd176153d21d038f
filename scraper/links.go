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

// extractLinks tokenizes a UTF-8 HTML page and returns the URLs it links
// to (a, area, frame and iframe, link rel=next/prev), resolved against the
// page's <base href> or pageURL and normalized.
func extractLinks(page []byte, pageURL string) pageLinks {
	var out pageLinks
	base, err := url.Parse(pageURL)
	if err != nil {
		return out
	}
	seen := make(map[string]bool)
	add := func(href string) {
		if u, ok := urlnorm.Resolve(base, href); ok && !seen[u] {
			seen[u] = true
			out.links = append(out.links, u)
		}
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	baseSet := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		a := atom.Lookup(name)
		switch a {
		case atom.A, atom.Area, atom.Frame, atom.Iframe, atom.Link, atom.Base, atom.Meta:
		default:
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
		switch a {
		case atom.A, atom.Area:
			if at.has&hasHref != 0 {
				add(at.href)
			}
		case atom.Frame, atom.Iframe:
			if at.has&hasSrc != 0 {
				add(at.src)
			}
		case atom.Base:
			if at.has&hasHref != 0 && !baseSet {
				baseSet = true
				if b, err := base.Parse(strings.TrimSpace(at.href)); err == nil {
					base = b
				}
			}
		case atom.Link:
			for _, rel := range strings.Fields(strings.ToLower(at.rel)) {
				switch rel {
				case "canonical":
					if u, ok := urlnorm.Resolve(base, at.href); ok && out.canonical == "" {
						out.canonical = u
					}
				case "next", "prev", "previous":
					add(at.href)
				case "alternate":
					if feedType(at.typ) {
						if u, ok := urlnorm.Resolve(base, at.href); ok && !slices.Contains(out.feeds, u) {
							out.feeds = append(out.feeds, u)
						}
					}
				}
			}
		case atom.Meta:
			if strings.EqualFold(strings.TrimSpace(at.name), "robots") {
				for _, d := range strings.Split(strings.ToLower(at.content), ",") {
					if d = strings.TrimSpace(d); d == "nofollow" || d == "none" {
						out.nofollow = true
					}
				}
			}
		}
	}
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
	var bit uint8
	var dst *string
	switch string(key) {
	case "href":
		bit, dst = hasHref, &t.href
	case "src":
		bit, dst = hasSrc, &t.src
	case "rel":
		bit, dst = hasRel, &t.rel
	case "name":
		bit, dst = hasName, &t.name
	case "content":
		bit, dst = hasContent, &t.content
	case "type":
		bit, dst = hasType, &t.typ
	default:
		return
	}
	if t.has&bit == 0 {
		t.has |= bit
		*dst = string(v)
	}
}
