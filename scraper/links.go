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
		attrs := map[string]string{}
		for {
			k, v, more := z.TagAttr()
			key := string(k)
			switch key {
			case "href", "src", "rel", "name", "content", "type":
				if _, dup := attrs[key]; !dup {
					attrs[key] = string(v)
				}
			}
			if !more {
				break
			}
		}
		switch a {
		case atom.A, atom.Area:
			if h, ok := attrs["href"]; ok {
				add(h)
			}
		case atom.Frame, atom.Iframe:
			if s, ok := attrs["src"]; ok {
				add(s)
			}
		case atom.Base:
			if h, ok := attrs["href"]; ok && !baseSet {
				baseSet = true
				if b, err := base.Parse(strings.TrimSpace(h)); err == nil {
					base = b
				}
			}
		case atom.Link:
			for _, rel := range strings.Fields(strings.ToLower(attrs["rel"])) {
				switch rel {
				case "canonical":
					if u, ok := urlnorm.Resolve(base, attrs["href"]); ok && out.canonical == "" {
						out.canonical = u
					}
				case "next", "prev", "previous":
					add(attrs["href"])
				case "alternate":
					if feedType(attrs["type"]) {
						if u, ok := urlnorm.Resolve(base, attrs["href"]); ok && !slices.Contains(out.feeds, u) {
							out.feeds = append(out.feeds, u)
						}
					}
				}
			}
		case atom.Meta:
			if strings.EqualFold(strings.TrimSpace(attrs["name"]), "robots") {
				for _, d := range strings.Split(strings.ToLower(attrs["content"]), ",") {
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
