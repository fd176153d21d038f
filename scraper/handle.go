package scraper

import (
	"errors"
	"net/url"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
	"github.com/archivist-project/archivist/scraper/extract"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Handle stage: one parse per page. The body is sniffed once (HTML, a
// sitemap, a feed) and parsed once: for HTML, the same document gives the
// page type, the article and the links to follow.

// Frontier kinds (corpus.FrontierEntry.Kind).
const (
	kindPage    = ""        // a page: HTML, or whatever the content turns out to be
	kindSitemap = "sitemap" // listed as a sitemap (robots.txt, sitemap index)
	kindFeed    = "feed"    // advertised as a feed
	kindProbe   = "probe"   // /sitemap.xml tried on a seed host: nothing is recorded unless it is a sitemap
)

// handleHTML extracts the article and the links of an HTML page. It
// returns the article (nil for pages that are not articles), its key, the
// frontier entries for the links to follow, and whether the page is a hub
// (a listing of links: a front or section page), checked again when the
// crawl runs again.
func (c *Crawler) handleHTML(e corpus.FrontierEntry, capt *corpus.Capture, r *fetchResult) (art *corpus.Article, key string, found []corpus.FrontierEntry, hub bool) {
	ct := r.header.Get("Content-Type")
	// One parse serves the article and the links.
	var pl pageLinks
	doc, err := extract.Parse(extract.Input{Body: r.body, URL: capt.URL, ContentType: ct,
		FetchedAt: capt.FetchedAt, SHA256: capt.SHA256}, extract.Options{})
	if err != nil {
		if errors.Is(err, extract.ErrTooDeep) || errors.Is(err, extract.ErrTooLarge) {
			// HTML that may hold an article, beyond what the extractor
			// takes: say so, as the crawl counts it as no error.
			c.log.Warn("no article extracted (the capture is kept)", "url", capt.URL, "err", err)
		} else {
			c.log.Debug("extract", "url", capt.URL, "err", err)
		}
		page, _, err := extract.DecodeHTML(r.body, ct)
		if err != nil {
			page = r.body
		}
		pl = extractLinks(page, capt.URL)
	} else {
		if e.Depth < c.cfg.depth {
			// Links of pages at the depth limit are not followed: spare
			// resolving them.
			pl = linksOf(doc.Root(), capt.URL, c.resolved)
		}
		a := doc.Article()
		// A listing, or a seed that is not an article (a front page),
		// is a hub.
		hub = a.PageType == corpus.PageTypeListing || e.Source == "seed" && a.PageType != corpus.PageTypeArticle
		if c.cfg.keepTypes[a.PageType] {
			art = &a
			art.ExtractorVersion = extract.Version
			key = articleKey(a, capt.URL)
		} else {
			c.count(func(k *counters) {
				if k.notKept == nil {
					k.notKept = map[string]int{}
				}
				k.notKept[a.PageType]++
			})
		}
	}
	if art != nil && art.PageType == corpus.PageTypeArticle && !c.cfg.since.IsZero() && art.Published != nil && art.Published.Before(c.cfg.since) {
		// An article from before --since: do not page further back
		// through the archive from it.
		pl.links = nil
	}
	return art, key, c.follow(e, capt, pl), hub
}

// articleKey is the key an article is stored under: its canonical URL
// when on the same site, else the URL it was fetched from.
func articleKey(a corpus.Article, pageURL string) string {
	if a.CanonicalURL != "" && urlnorm.SameSite(a.CanonicalURL, pageURL) {
		if n, err := urlnorm.Normalize(a.CanonicalURL); err == nil {
			return n
		}
	}
	if n, err := urlnorm.Normalize(pageURL); err == nil {
		return n
	}
	return pageURL
}

// follow returns the frontier entries for the links and feeds of a page
// that the crawl follows.
func (c *Crawler) follow(e corpus.FrontierEntry, capt *corpus.Capture, pl pageLinks) []corpus.FrontierEntry {
	var found []corpus.FrontierEntry
	if !pl.nofollow && e.Depth < c.cfg.depth {
		for _, l := range pl.links {
			// The links are normalized already (urlnorm.Resolve): one
			// offered before is dropped without normalizing it again.
			if !c.seen.fresh(l, e.Depth+1) {
				continue
			}
			if fe, ok := c.discovered(l, e.Depth+1, capt.URL, kindPage); ok {
				found = append(found, fe)
			}
		}
	}
	if e.Depth == 0 && c.cfg.depth > 0 {
		// The feeds a page near a seed advertises count as seeds, when
		// the crawl follows links at all.
		for _, fl := range pl.feeds {
			if fe, ok := c.discovered(fl, e.Depth, capt.URL, kindFeed); ok {
				found = append(found, fe)
			}
		}
	}
	return found
}

// sniffBytes is how much of a body that was left coded is decoded to
// tell what it is (discover.Sniff looks at 64 KiB).
const sniffBytes = 64 << 10

// handleSitemap queues the pages and child sitemaps a sitemap lists, at
// the sitemap's own depth: sitemap entries count as seeds. The sitemap is
// parsed as a stream from the body as received (decoded as it is read),
// each entry turned into a frontier entry as it comes, so that a 50 MiB
// sitemap holds neither a decoded copy nor a list of parsed entries.
func (c *Crawler) handleSitemap(e corpus.FrontierEntry, capt *corpus.Capture, r *fetchResult) []corpus.FrontierEntry {
	rd, err := r.reader()
	if err != nil {
		c.log.Warn("sitemap", "url", capt.URL, "err", err)
		return nil
	}
	defer rd.Close()
	var found []corpus.FrontierEntry
	err = discover.ScanSitemap(rd, func(en discover.Entry, child bool) error {
		if !c.cfg.since.IsZero() && en.Before(c.cfg.since) {
			return nil
		}
		kind := kindPage
		if child {
			kind = kindSitemap
		}
		if fe, ok := c.discovered(en.URL, e.Depth, "sitemap", kind); ok {
			found = append(found, fe)
		}
		return nil
	})
	if err != nil {
		c.log.Warn("sitemap", "url", capt.URL, "err", err)
	}
	return found
}

// handleFeed queues the items of a feed at the feed's own depth.
func (c *Crawler) handleFeed(e corpus.FrontierEntry, capt *corpus.Capture, body []byte) []corpus.FrontierEntry {
	items, err := discover.ParseFeed(body)
	if err != nil {
		c.log.Warn("feed", "url", capt.URL, "err", err)
	}
	items = discover.Since(items, c.cfg.since)
	base, _ := url.Parse(capt.URL)
	var found []corpus.FrontierEntry
	for _, it := range items {
		u, ok := urlnorm.Resolve(base, it.URL)
		if !ok {
			continue
		}
		if fe, ok := c.discovered(u, e.Depth, "feed", kindPage); ok {
			found = append(found, fe)
		}
	}
	return found
}

// discovered turns a URL found on a page, a sitemap or a feed into a
// frontier entry, or reports false when the crawl does not follow it (out
// of scope, excluded, already offered). Trap URLs become skipped entries.
func (c *Crawler) discovered(raw string, depth int, source, kind string) (corpus.FrontierEntry, bool) {
	u, err := urlnorm.Normalize(raw)
	if err != nil {
		return corpus.FrontierEntry{}, false
	}
	// Most links of a page were offered already (navigation, teasers):
	// the seen cache, a map lookup, answers before the scope and the
	// expressions, which parse and match the URL. Only offered URLs are
	// in it, and those passed the checks below.
	if !c.seen.fresh(u, depth) {
		return corpus.FrontierEntry{}, false
	}
	if !c.scope.contains(u) {
		return corpus.FrontierEntry{}, false
	}
	if c.excluded(u) {
		return corpus.FrontierEntry{}, false
	}
	if len(c.cfg.include) > 0 && kind == kindPage {
		ok := false
		for _, re := range c.cfg.include {
			if re.MatchString(u) {
				ok = true
				break
			}
		}
		if !ok {
			return corpus.FrontierEntry{}, false
		}
	}
	fe := corpus.FrontierEntry{URL: u, Host: origin(u), Depth: depth, Priority: -depth, Source: source, Kind: kind}
	if why := urlnorm.TrapCheck(u); why != "" {
		fe.State, fe.Reason = corpus.StateSkipped, "trap: "+why
	}
	return fe, true
}

// excluded reports whether u matches an --exclude expression.
func (c *Crawler) excluded(u string) bool {
	for _, re := range c.cfg.exclude {
		if re.MatchString(u) {
			return true
		}
	}
	return false
}

// foundKind returns the frontier kind that a page queued as a plain page
// turned out to have (a hub, a sitemap, a feed), "" when there is nothing
// to record.
func foundKind(e corpus.FrontierEntry, dk discover.Kind, hub bool) string {
	if e.Kind != kindPage {
		return ""
	}
	switch {
	case hub:
		return corpus.KindHub
	case dk == discover.KindSitemap || dk == discover.KindSitemapIndex:
		return kindSitemap
	case dk == discover.KindFeed:
		return kindFeed
	}
	return ""
}

// isHub reports whether a frontier kind is one of the hubs checked again
// when a finished crawl runs again (see corpus.Tx.RequeueHubs).
func isHub(kind string) bool {
	return kind == corpus.KindHub || kind == kindSitemap || kind == kindFeed || kind == kindProbe
}
