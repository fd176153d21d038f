package scraper

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
	"github.com/archivist-project/archivist/scraper/extract"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Frontier kinds (corpus.FrontierEntry.Kind).
const (
	kindPage    = ""        // a page: HTML, or whatever the content turns out to be
	kindSitemap = "sitemap" // listed as a sitemap (robots.txt, sitemap index)
	kindFeed    = "feed"    // advertised as a feed
	kindProbe   = "probe"   // /sitemap.xml tried on a seed host: nothing is recorded unless it is a sitemap
)

// fetchRobots reads host's robots.txt and records its rules. Transient
// failures are retried with backoff like any fetch; when they persist, RFC
// 9309 says "disallow for now": the host is set aside for the rest of the
// run, its URLs stay queued, and the next run reads robots.txt again.
func (c *Crawler) fetchRobots(ctx context.Context, f *fetcher, host string) {
	u := host + "/robots.txt"
	c.sched.mu.Lock()
	h := c.sched.get(host)
	c.sched.mu.Unlock()
	r := f.fetch(ctx, u, nil)
	if errors.Is(r.err, errStopped) {
		c.sched.mu.Lock()
		h.robotsState = robotsUnknown
		c.sched.mu.Unlock()
		return
	}
	status := r.status
	if r.err != nil {
		status = 0
	}
	if r.stopReason != "" {
		// A robots.txt redirected to another host or path we do not
		// follow: treat it as absent.
		status = http.StatusNotFound
	}
	transient := r.err != nil || status >= 500 || status == http.StatusTooManyRequests
	c.sched.mu.Lock()
	h.robotsTries++
	tries := h.robotsTries
	c.sched.mu.Unlock()
	if transient && tries <= c.cfg.retries {
		wait := c.backoff(tries)
		if ra := retryAfter(r.header, time.Now()); ra > wait {
			wait = ra
		}
		c.sched.pause(host, time.Now().Add(wait))
		c.sched.mu.Lock()
		h.robotsState = robotsUnknown
		c.sched.mu.Unlock()
		c.count(func(k *counters) { k.retries++ })
		c.log.Debug("robots.txt: retry", "host", host, "status", status, "err", r.err, "wait", wait)
		return
	}
	if transient {
		c.robotsUnavailable(ctx, host, r, status)
		return
	}
	rules, err := discover.ParseRobots(status, r.body)
	if err != nil {
		c.log.Warn("robots.txt unreadable: allowing everything", "host", host, "err", err)
		rules = nil
	}
	c.sched.setRobots(host, rules, c.cfg.userAgent)
	c.log.Debug("robots.txt", "host", host, "status", status, "crawl_delay", rules.CrawlDelay(c.cfg.userAgent))
	c.saveRobots(ctx, host, status, r.body, c.robotsSitemaps(rules))
}

// robotsSitemaps returns the Sitemap lines of robots.txt on hosts in
// scope, as seeds, when the crawl discovers sitemaps.
func (c *Crawler) robotsSitemaps(rules *discover.Robots) []corpus.FrontierEntry {
	if !c.cfg.discoverSitemaps() {
		return nil
	}
	var entries []corpus.FrontierEntry
	for _, sm := range rules.Sitemaps() {
		n, err := urlnorm.Normalize(sm)
		if err != nil || !c.scope.contains(n) || c.excluded(n) {
			continue
		}
		entries = append(entries, corpus.FrontierEntry{URL: n, Host: origin(n), Source: "robots", Kind: kindSitemap})
	}
	return entries
}

// saveRobots records that host's robots.txt was read and queues the
// sitemaps it lists. When its rules changed since the last read (or on a
// recrawl), the URLs it made the crawl skip are queued again, to be judged
// by the new rules.
func (c *Crawler) saveRobots(ctx context.Context, host string, status int, body []byte, entries []corpus.FrontierEntry) {
	h := sha256.New()
	fmt.Fprintf(h, "%dxx\n", status/100)
	if status >= 200 && status < 300 {
		h.Write(body)
	}
	check := corpus.RobotsCheck{SHA256: hex.EncodeToString(h.Sum(nil)), Status: status}
	now := time.Now()
	var requeued int64
	err := c.save(ctx, func(tx *corpus.Tx) error {
		changed, err := tx.RecordRobots(ctx, host, check, now)
		if err != nil {
			return err
		}
		requeued = 0
		if changed || c.cfg.recrawl && !c.focused {
			if requeued, err = tx.RequeueRobotsSkipped(ctx, host, now); err != nil {
				return err
			}
		}
		_, err = tx.Enqueue(ctx, entries, c.enqueueOptions(now))
		return err
	})
	if err != nil {
		c.setFatal(fmt.Errorf("crawl: %w", err))
		return
	}
	touched := map[string]bool{}
	for _, e := range entries {
		touched[e.Host] = true
	}
	if requeued > 0 {
		c.log.Info("URLs robots.txt made the crawl skip are judged again (it changed, or --recrawl)", "host", host, "count", requeued)
		touched[host] = true
	}
	c.sched.touch(touched)
}

// robotsUnavailable sets host aside for the rest of the run: its
// robots.txt gave no answer or a server error after the retries. Its URLs
// stay queued for the next run, and the cause is counted as an error.
func (c *Crawler) robotsUnavailable(ctx context.Context, host string, r *fetchResult, status int) {
	kind, why := corpus.ErrKindHTTP5xx, fmt.Sprintf("robots.txt answered %d %s", status, http.StatusText(status))
	switch {
	case r.err != nil:
		kind, _ = classify(r.err)
		why = cause(r.err)
	case status == http.StatusTooManyRequests:
		kind = corpus.ErrKindHTTP4xx
	}
	ids := c.sched.park(host)
	name := hostName(host)
	c.count(func(k *counters) {
		k.errors++
		k.byKind[kind]++
		k.unreachable[name] = why
	})
	c.log.Warn("robots.txt could not be read: the host's URLs stay queued for the next run",
		"host", host, "err", why)
	now := time.Now()
	err := c.save(ctx, func(tx *corpus.Tx) error {
		if err := tx.Release(ctx, ids); err != nil {
			return err
		}
		_, err := tx.RecordRobots(ctx, host, corpus.RobotsCheck{Status: status, Error: why}, now)
		return err
	})
	if err != nil {
		c.setFatal(fmt.Errorf("crawl: %w", err))
	}
}

// retryAfter parses a Retry-After header (seconds or an HTTP date) into a
// wait, 0 when absent; it is capped at an hour.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// outcome is what became of one fetch, for the counters.
type outcome struct {
	revisit bool
	hosts   map[string]bool // hosts that got new queued URLs
}

// process fetches one frontier entry and saves all it produced in one
// transaction: the capture, the article, the frontier state and the URLs
// found. A non-nil error means the corpus could not be written.
func (c *Crawler) process(ctx context.Context, f *fetcher, j job) error {
	e := j.entry
	cond, prevID := c.conditionalHeaders(ctx, e)
	f.limit = c.bodyLimit(e)
	r := f.fetch(ctx, e.URL, cond)
	now := time.Now()
	if c.cfg.afterFetch != nil {
		c.cfg.afterFetch(e.URL)
	}
	if errors.Is(r.err, errStopped) {
		// Never sent: back to the queue for the next run.
		if err := c.save(ctx, func(tx *corpus.Tx) error { return tx.Release(ctx, []int64{e.ID}) }); err != nil {
			return fmt.Errorf("crawl: %w", err)
		}
		return nil
	}
	out := outcome{hosts: map[string]bool{}}

	status := r.status
	kind, transient := "", false
	retryWait := time.Duration(0)
	switch {
	case r.err != nil:
		kind, transient = classify(r.err)
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		transient = true
		kind = corpus.ErrKindHTTP5xx
		if status == http.StatusTooManyRequests {
			kind = corpus.ErrKindHTTP4xx
		}
		if ra := retryAfter(r.header, now); ra > 0 {
			retryWait = ra
			c.sched.pause(j.host, now.Add(ra))
		}
	case status >= 500:
		kind, transient = corpus.ErrKindHTTP5xx, true
	case status == http.StatusRequestTimeout:
		kind, transient = corpus.ErrKindHTTP4xx, true
	case status >= 400:
		kind = corpus.ErrKindHTTP4xx
	case r.truncated:
		kind = corpus.ErrKindTooLarge
	}

	if transient && e.Attempts < c.cfg.retries {
		wait := max(c.backoff(e.Attempts+1), retryWait)
		reason := kind
		if r.err != nil {
			reason = kind + ": " + r.err.Error()
		} else {
			reason = kind + ": " + strconv.Itoa(status)
		}
		if err := c.save(ctx, func(tx *corpus.Tx) error {
			return tx.Retry(ctx, e.ID, now.Add(wait), reason, now)
		}); err != nil {
			return fmt.Errorf("crawl: %w", err)
		}
		c.sched.touch(map[string]bool{j.host: true})
		c.count(func(k *counters) { k.retries++ })
		c.log.Debug("retry", "url", e.URL, "attempt", e.Attempts+1, "reason", reason, "wait", wait)
		return nil
	}

	capt := c.newCapture(e, r)
	capt.ErrorKind = kind
	if r.err != nil {
		capt.Error = r.err.Error()
	} else if kind != "" {
		capt.Error = http.StatusText(status)
		if kind == corpus.ErrKindTooLarge {
			capt.Error = fmt.Sprintf("body larger than %d bytes, cut", c.bodyLimit(e))
		}
	}
	if kind != "" && kind != corpus.ErrKindTooLarge && e.Source == "seed" {
		if r.err != nil {
			c.noteSeedFailure(e.URL, hostName(origin(e.URL))+": "+cause(r.err))
		} else {
			c.noteSeedFailure(e.URL, e.URL+": "+strconv.Itoa(status)+" "+http.StatusText(status))
		}
	}

	var (
		art     *corpus.Article
		artKey  string
		aliases []string
		found   []corpus.FrontierEntry
		hub     bool
	)
	dk := discover.KindOther
	if len(r.body) > 0 && kind != corpus.ErrKindTooLarge {
		dk = discover.Sniff(r.body, r.header.Get("Content-Type"), capt.URL)
	}
	switch {
	case kind == "" && status == http.StatusNotModified && prevID != 0:
		capt.RevisitOf = prevID
		out.revisit = true
	case e.Kind == kindProbe && (status >= 300 || kind != "" ||
		dk != discover.KindSitemap && dk != discover.KindSitemapIndex):
		// /sitemap.xml tried on a hunch and not there: not worth a capture.
		if err := c.save(ctx, func(tx *corpus.Tx) error {
			return tx.Finish(ctx, e.ID, corpus.StateSkipped, 0, "no sitemap", now)
		}); err != nil {
			return fmt.Errorf("crawl: %w", err)
		}
		return nil
	case kind == "" && status >= 200 && status < 300:
		switch dk {
		case discover.KindHTML:
			art, artKey, found, hub = c.handleHTML(e, capt, r)
		case discover.KindSitemap, discover.KindSitemapIndex:
			found = c.handleSitemap(e, capt, r.body)
		case discover.KindFeed:
			found = c.handleFeed(e, capt, r.body)
		}
	}
	if dk == discover.KindOther && kind != corpus.ErrKindTooLarge && !c.cfg.keepAll {
		// Not HTML, a sitemap or a feed: recorded without its body.
		capt.Body = nil
	}
	var newScope string
	if r.stopAt != "" {
		if r.stopReason == stopOtherHost && e.Source == "seed" && !c.scope.contains(r.stopAt) {
			// Only the redirect of a seed widens the crawl's scope.
			newScope = c.scope.add(r.stopAt)
		}
		st := corpus.FrontierEntry{URL: r.stopAt, Host: origin(r.stopAt), Depth: e.Depth,
			Priority: -e.Depth, Source: e.URL, Kind: e.Kind}
		if r.stopReason == stopRobots {
			st.State, st.Reason = corpus.StateSkipped, corpus.ErrKindRobots
		}
		if c.scope.contains(r.stopAt) || e.Depth == 0 {
			found = append(found, st)
		}
	}
	var chainNorm []string
	for _, u := range r.chain {
		if n, err := urlnorm.Normalize(u); err == nil && !slices.Contains(chainNorm, n) {
			chainNorm = append(chainNorm, n)
		}
	}
	if art != nil {
		aliases = chainNorm
	}

	state := corpus.StateDone
	if kind != "" && kind != corpus.ErrKindTooLarge {
		state = corpus.StateFailed
	}
	var added int
	c.db.Pack(capt) // compress here, in parallel, not in the single writer
	err := c.save(ctx, func(tx *corpus.Tx) error {
		id, err := tx.AddCapture(ctx, capt)
		if err != nil {
			return err
		}
		if art != nil {
			art.CaptureID = id
			if err := c.saveArticle(ctx, tx, art, artKey, aliases); err != nil {
				return err
			}
		}
		if r.stopAt != "" {
			// The redirect leads to a URL fetched on its own: its article,
			// now or when it is stored, takes the chain's URLs as names.
			if err := tx.SetRedirectTo(ctx, e.ID, r.stopAt); err != nil {
				return err
			}
			if aid, err := tx.ArticleIDByURL(ctx, r.stopAt); err == nil {
				if err := addNames(ctx, tx, aid, chainNorm); err != nil {
					return err
				}
			} else if !errors.Is(err, corpus.ErrNotFound) {
				return err
			}
		}
		if err := tx.Finish(ctx, e.ID, state, id, kind, now); err != nil {
			return err
		}
		if k := foundKind(e, dk, hub); k != "" && kind == "" && status >= 200 && status < 300 {
			if err := tx.SetKind(ctx, e.ID, k); err != nil {
				return err
			}
		}
		if newScope != "" {
			if err := tx.AddScope(ctx, []string{newScope}, corpus.ScopeRedirect, now); err != nil {
				return err
			}
		}
		found := found[:len(found):len(found)] // appends below must not leak out of a retried function
		// Every URL of the redirect chain was fetched: the visited set
		// must know them, and not fetch again those that were queued.
		for _, u := range chainNorm {
			if u == e.URL {
				continue
			}
			fe, err := tx.FrontierEntry(ctx, u)
			switch {
			case errors.Is(err, corpus.ErrNotFound):
				found = append(found, corpus.FrontierEntry{URL: u, Host: origin(u), Depth: e.Depth,
					Priority: -e.Depth, Source: e.URL, State: corpus.StateDone, CaptureID: id, RedirectTo: r.stopAt})
			case err != nil:
				return err
			case fe.State == corpus.StateQueued:
				if err := tx.Finish(ctx, fe.ID, corpus.StateDone, id, "redirect", now); err != nil {
					return err
				}
				if r.stopAt != "" {
					if err := tx.SetRedirectTo(ctx, fe.ID, r.stopAt); err != nil {
						return err
					}
				}
			}
		}
		added, err = tx.Enqueue(ctx, found, c.enqueueOptions(now))
		if err != nil || c.cfg.watch == nil {
			return err
		}
		k := e.Kind
		if fk := foundKind(e, dk, hub); fk != "" && kind == "" && status >= 200 && status < 300 {
			k = fk
		}
		return c.cfg.watch(ctx, tx, fetched(e, k, art != nil, state == corpus.StateFailed, added, c.cfg.depth))
	})
	if err != nil {
		return fmt.Errorf("crawl: save %s: %w", e.URL, err)
	}
	for _, fe := range found {
		c.seen.add(fe.URL, fe.Depth)
		if fe.State == "" || fe.State == corpus.StateQueued {
			out.hosts[fe.Host] = true
		}
	}
	if added > 0 {
		c.sched.touch(out.hosts)
	}
	c.count(func(k *counters) {
		k.fetched++
		if kind != "" {
			k.errors++
			k.byKind[kind]++
		}
		if art != nil {
			k.articles++
		}
		if out.revisit {
			k.revisits++
		}
	})
	c.log.Debug("fetched", "url", e.URL, "status", status, "error_kind", kind, "bytes", len(r.body),
		"duration", r.duration.Round(time.Millisecond), "links", len(found), "article", art != nil)
	if art != nil && c.cfg.onArticle != nil {
		c.cfg.onArticle(art)
	}
	return nil
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

// newCapture builds the capture of a fetch.
func (c *Crawler) newCapture(e corpus.FrontierEntry, r *fetchResult) *corpus.Capture {
	capt := &corpus.Capture{
		RequestedURL:  e.URL,
		URL:           r.final(),
		Method:        http.MethodGet,
		RequestHeader: r.reqHeader,
		Status:        r.status,
		Proto:         r.proto,
		Header:        r.header,
		FetchedAt:     r.start,
		Duration:      r.duration,
		Truncated:     r.truncated,
		Depth:         e.Depth,
		Source:        e.Source,
		RemoteIP:      r.remoteIP,
		RequestHead:   r.reqHead,
		ResponseHead:  r.respHead,
	}
	if capt.URL == "" {
		capt.URL = e.URL
	}
	if len(r.chain) > 1 {
		capt.Redirects = append([]string(nil), r.chain[:len(r.chain)-1]...)
	}
	if r.err == nil && r.status != 0 {
		capt.Body, capt.BodyForm = r.wire, corpus.BodyWire
		if capt.Body == nil {
			capt.Body = []byte{}
		}
		sum := sha256.Sum256(capt.Body)
		capt.SHA256 = hex.EncodeToString(sum[:])
		capt.BodySize = int64(len(capt.Body))
		if r.truncated {
			capt.BodySize = r.size
		}
	}
	if ct := r.header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			capt.ContentType = strings.ToLower(mt)
		} else {
			capt.ContentType = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
		}
	}
	return capt
}

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
		c.log.Debug("extract", "url", capt.URL, "err", err)
		page, _, err := extract.DecodeHTML(r.body, ct)
		if err != nil {
			page = r.body
		}
		pl = extractLinks(page, capt.URL)
	} else {
		if e.Depth < c.cfg.depth {
			// Links of pages at the depth limit are not followed: spare
			// resolving them.
			pl = linksOf(doc.Root(), capt.URL)
		}
		a := doc.Article()
		// A listing, or a seed that is not an article (a front page),
		// is a hub.
		hub = a.PageType == corpus.PageTypeListing || e.Source == "seed" && a.PageType != corpus.PageTypeArticle
		if c.cfg.keepTypes[a.PageType] {
			art = &a
			art.ExtractorVersion = extract.Version
			key = ""
			if a.CanonicalURL != "" && urlnorm.SameSite(a.CanonicalURL, capt.URL) {
				if n, err := urlnorm.Normalize(a.CanonicalURL); err == nil {
					key = n
				}
			}
			if key == "" {
				if n, err := urlnorm.Normalize(capt.URL); err == nil {
					key = n
				} else {
					key = capt.URL
				}
			}
		}
	}
	if art != nil && art.PageType == corpus.PageTypeArticle && !c.cfg.since.IsZero() && art.Published != nil && art.Published.Before(c.cfg.since) {
		// An article from before --since: do not page further back
		// through the archive from it.
		pl.links = nil
	}
	if !pl.nofollow && e.Depth < c.cfg.depth {
		for _, l := range pl.links {
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
	return art, key, found, hub
}

// handleSitemap queues the pages and child sitemaps a sitemap lists, at
// the sitemap's own depth: sitemap entries count as seeds.
func (c *Crawler) handleSitemap(e corpus.FrontierEntry, capt *corpus.Capture, body []byte) []corpus.FrontierEntry {
	pages, children, err := discover.ParseSitemap(body)
	if err != nil {
		c.log.Warn("sitemap", "url", capt.URL, "err", err)
	}
	pages = discover.Since(pages, c.cfg.since)
	children = discover.Since(children, c.cfg.since)
	var found []corpus.FrontierEntry
	for _, p := range pages {
		if fe, ok := c.discovered(p.URL, e.Depth, "sitemap", kindPage); ok {
			found = append(found, fe)
		}
	}
	for _, ch := range children {
		if fe, ok := c.discovered(ch.URL, e.Depth, "sitemap", kindSitemap); ok {
			found = append(found, fe)
		}
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
	if !c.seen.fresh(u, depth) {
		return corpus.FrontierEntry{}, false
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

// saveArticle stores art under key, or, when an article was already
// extracted from an identical body, records the URLs under that one.
func (c *Crawler) saveArticle(ctx context.Context, tx *corpus.Tx, art *corpus.Article, key string, aliases []string) error {
	id, err := tx.ArticleIDByContent(ctx, art.ContentSHA256)
	switch {
	case err == nil:
		art.ID = id
		if err := tx.AddArticleURL(ctx, id, art.URL); err != nil {
			return err
		}
	case errors.Is(err, corpus.ErrNotFound):
		// A duplicate under another URL (a print version, a variant)
		// whose rel=canonical names an article we have does not replace
		// it: the page at the canonical URL itself wins.
		existing, err := tx.ArticleIDByKey(ctx, key)
		switch {
		case err == nil && !slices.Contains(aliases, key):
			art.ID = existing
			if err := tx.AddArticleURL(ctx, existing, art.URL); err != nil {
				return err
			}
		case err == nil || errors.Is(err, corpus.ErrNotFound):
			if _, err := tx.PutArticle(ctx, art, key); err != nil {
				return err
			}
		default:
			return err
		}
	default:
		return err
	}
	return addNames(ctx, tx, art.ID, aliases)
}

// addNames records urls as names of article id, with the URLs whose
// redirects lead to them (an old URL, a short link), a few hops back.
func addNames(ctx context.Context, tx *corpus.Tx, id int64, urls []string) error {
	names := append([]string(nil), urls...)
	seen := map[string]bool{}
	for hop := 0; hop < maxRedirects && len(names) > 0; hop++ {
		var next []string
		for _, u := range names {
			if seen[u] {
				continue
			}
			seen[u] = true
			if err := tx.AddArticleURL(ctx, id, u); err != nil {
				return err
			}
			from, err := tx.RedirectsTo(ctx, u)
			if err != nil {
				return err
			}
			next = append(next, from...)
		}
		names = next
	}
	return nil
}
