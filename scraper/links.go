package scraper

import (
	"bytes"
	"mime"
	"net/url"
	"slices"
	"strings"
	"sync"

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
	// cache, when not nil, resolves the links that do not depend on the
	// page's path (see resolveCache); origin is its key for base.
	cache  *resolveCache
	origin string
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
	if u, ok := lc.resolve(href); ok && !lc.seen[u] {
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
				lc.origin = baseOrigin(b)
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

// linksOf is extractLinks on a parsed page; rc (nil: none) remembers
// how links resolve across the pages of a crawl.
func linksOf(root *html.Node, pageURL string, rc *resolveCache) pageLinks {
	lc, ok := newLinkCollector(pageURL)
	if !ok {
		return pageLinks{}
	}
	if rc != nil {
		lc.cache, lc.origin = rc, baseOrigin(lc.base)
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

// resolve makes href absolute against the page's base and normalizes it
// (urlnorm.Resolve), through the crawl's cache when the result does not
// depend on the base's path.
func (lc *linkCollector) resolve(href string) (string, bool) {
	if lc.cache == nil || !pathFree(href) {
		return urlnorm.Resolve(lc.base, href)
	}
	if r, ok := lc.cache.get(lc.origin, href); ok {
		return r.url, r.ok
	}
	u, ok := urlnorm.Resolve(lc.base, href)
	lc.cache.put(lc.origin, href, resolved{u, ok})
	return u, ok
}

// pathFree reports whether href resolves to the same URL against every
// base of the same scheme, user and host: an absolute path ("/news/",
// "//host/", and so "/\\host/", which urlnorm reads as "//host/") or an
// http(s) URL. Relative paths, queries and fragments depend on the
// base's path.
func pathFree(href string) bool {
	return strings.HasPrefix(href, "/") || strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "http://")
}

// baseOrigin is the part of a base URL that a path-free link's
// resolution depends on: its scheme, user and host.
func baseOrigin(b *url.URL) string {
	o := b.Scheme + "://" + b.Host
	if b.User != nil {
		o = b.Scheme + "://" + b.User.String() + "@" + b.Host
	}
	return o
}

// resolveCache remembers, across the pages of a crawl, how path-free
// links resolve (see pathFree): most links of a page (navigation,
// footers, teasers) are on the pages before it, and resolving one
// (parsing, resolving and normalizing a URL) costs several times a map
// lookup. It holds at most about 2*max links per origin kept, in two
// generations: when the current one is full, the older is dropped.
type resolveCache struct {
	mu    sync.Mutex
	max   int
	cur   map[resolveKey]resolved
	older map[resolveKey]resolved
}

// resolveCacheSize is the links a crawl's resolveCache keeps per
// generation: a few megabytes.
const resolveCacheSize = 1 << 14

type resolveKey struct{ origin, href string }

type resolved struct {
	url string
	ok  bool
}

func newResolveCache(max int) *resolveCache {
	return &resolveCache{max: max, cur: map[resolveKey]resolved{}, older: map[resolveKey]resolved{}}
}

func (rc *resolveCache) get(origin, href string) (resolved, bool) {
	k := resolveKey{origin, href}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if r, ok := rc.cur[k]; ok {
		return r, true
	}
	if r, ok := rc.older[k]; ok {
		rc.putLocked(k, r)
		return r, true
	}
	return resolved{}, false
}

func (rc *resolveCache) put(origin, href string, r resolved) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.putLocked(resolveKey{origin, href}, r)
}

func (rc *resolveCache) putLocked(k resolveKey, r resolved) {
	if len(rc.cur) >= rc.max {
		rc.older, rc.cur = rc.cur, make(map[resolveKey]resolved, rc.max/4)
	}
	rc.cur[k] = r
}
