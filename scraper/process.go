package scraper

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// page is one claimed frontier entry on its way through the stages:
// fetched, judged, captured, handled, then persisted in one transaction.
type page struct {
	job
	r      *fetchResult
	now    time.Time // when the fetch ended
	prevID int64     // the capture a conditional request refers to
	status int
	kind   string // corpus.ErrKind* of a failure, "" for a success
	capt   *corpus.Capture
	dk     discover.Kind // what the body is

	// What handling the body found.
	art      *corpus.Article
	artKey   string
	dup      bool // art was already stored (same body, or a variant of its URL)
	same     bool // art is that page's article, fetched again unchanged
	found    []corpus.FrontierEntry
	hub      bool
	revisit  bool
	newScope string   // a host a seed's redirect adds to the scope
	chain    []string // the redirect chain, normalized
}

// process takes one frontier entry through the stages and saves all it
// produced in one transaction: the capture, the article, the frontier
// state and the URLs found. A non-nil error means the corpus could not be
// written.
func (c *Crawler) process(ctx context.Context, f *fetcher, j job) error {
	p := c.fetchPage(ctx, f, j)
	if errors.Is(p.r.err, errStopped) {
		return c.unsent(ctx, p)
	}
	transient, retryWait := c.judge(p)
	if transient && p.entry.Attempts < c.cfg.retries {
		return c.retry(ctx, p, retryWait)
	}
	c.capture(p)
	if !c.handle(p) {
		return c.skipProbe(ctx, p)
	}
	c.followRedirect(p)
	added, err := c.commit(ctx, p)
	if err != nil {
		return err
	}
	c.settled(p, added)
	return nil
}

// fetchPage fetches the entry, conditionally when it was captured before
// and is recrawled or a hub.
func (c *Crawler) fetchPage(ctx context.Context, f *fetcher, j job) *page {
	e := j.entry
	cond, prevID := c.conditionalHeaders(ctx, e)
	f.limit = c.bodyLimit(e)
	f.claim = e.ID
	r := f.fetch(ctx, e.URL, cond)
	f.claim = 0
	p := &page{job: j, r: r, now: time.Now(), prevID: prevID, status: r.status}
	if c.cfg.afterFetch != nil {
		c.cfg.afterFetch(e.URL)
	}
	return p
}

// unsent gives back an entry whose request was never sent (the crawl
// stopped): it is queued again for the next run.
func (c *Crawler) unsent(ctx context.Context, p *page) error {
	if err := c.save(ctx, func(tx Tx) error { return tx.Release(ctx, []int64{p.entry.ID}) }); err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	return nil
}

// judge sets the page's error kind, and reports whether the failure may
// pass (it is retried) and how long the server asked to wait. A
// Retry-After on 429 or 503 pauses the whole host.
func (c *Crawler) judge(p *page) (transient bool, retryWait time.Duration) {
	r, status := p.r, p.status
	switch {
	case r.err != nil:
		p.kind, transient = classify(r.err)
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		transient = true
		p.kind = corpus.ErrKindHTTP5xx
		if status == http.StatusTooManyRequests {
			p.kind = corpus.ErrKindHTTP4xx
		}
		if ra := retryAfter(r.header, p.now); ra > 0 {
			retryWait = ra
			c.sched.pause(p.host, p.now.Add(ra))
		}
	case status >= 500:
		p.kind, transient = corpus.ErrKindHTTP5xx, true
	case status == http.StatusRequestTimeout:
		p.kind, transient = corpus.ErrKindHTTP4xx, true
	case status >= 400:
		p.kind = corpus.ErrKindHTTP4xx
	case r.truncated:
		p.kind = corpus.ErrKindTooLarge
	}
	return transient, retryWait
}

// retry queues the entry again after a backoff (or the server's
// Retry-After, when longer).
func (c *Crawler) retry(ctx context.Context, p *page, retryWait time.Duration) error {
	e := p.entry
	wait := max(c.backoff(e.Attempts+1), retryWait)
	var reason string
	if p.r.err != nil {
		reason = p.kind + ": " + p.r.err.Error()
	} else {
		reason = p.kind + ": " + strconv.Itoa(p.status)
	}
	if err := c.save(ctx, func(tx Tx) error {
		return tx.Retry(ctx, e.ID, p.now.Add(wait), reason, p.now)
	}); err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	c.sched.touch(map[string]bool{p.host: true})
	c.count(func(k *counters) { k.retries++ })
	c.log.Debug("retry", "url", e.URL, "attempt", e.Attempts+1, "reason", reason, "wait", wait)
	return nil
}

// capture builds the page's capture with its error, and notes why a seed
// failed.
func (c *Crawler) capture(p *page) {
	e, r, kind := p.entry, p.r, p.kind
	p.capt = c.newCapture(e, r)
	p.capt.ErrorKind = kind
	if r.err != nil {
		p.capt.Error = r.err.Error()
	} else if kind != "" {
		p.capt.Error = http.StatusText(p.status)
		if kind == corpus.ErrKindTooLarge {
			p.capt.Error = fmt.Sprintf("body larger than %d bytes, cut", c.bodyLimit(e))
		}
	}
	if kind != "" && kind != corpus.ErrKindTooLarge && e.Source == "seed" {
		switch {
		case errors.Is(r.err, ErrRedirectLoop), errors.Is(r.err, ErrTooManyRedirects):
			c.noteSeedFailure(e.URL, e.URL+": "+cause(r.err)) // the URL's fault, not its host's
		case r.err != nil:
			c.noteSeedFailure(e.URL, hostName(origin(e.URL))+": "+cause(r.err))
		default:
			c.noteSeedFailure(e.URL, e.URL+": "+strconv.Itoa(p.status)+" "+http.StatusText(p.status))
		}
	}
}

// handle sniffs the body and hands it to its handler: an HTML page, a
// sitemap or a feed. A 304 is recorded as a revisit. It reports false for
// a /sitemap.xml probe that found no sitemap, which is not worth a
// capture.
func (c *Crawler) handle(p *page) bool {
	e, r, kind := p.entry, p.r, p.kind
	p.dk = discover.KindOther
	if b := r.prefix(sniffBytes); len(b) > 0 && kind != corpus.ErrKindTooLarge {
		p.dk = discover.Sniff(b, r.header.Get("Content-Type"), p.capt.URL)
	}
	if p.dk != discover.KindSitemap && p.dk != discover.KindSitemapIndex && r.decodeCoded() {
		// Left coded as a possible sitemap, not one, and too large
		// decoded: as the fetch judges any other body.
		p.capt.Truncated, p.capt.BodySize, p.dk = true, r.size, discover.KindOther
		if kind == "" {
			kind, p.kind = corpus.ErrKindTooLarge, corpus.ErrKindTooLarge
			p.capt.ErrorKind = kind
			p.capt.Error = fmt.Sprintf("body larger than %d bytes, cut", r.maxBody)
		}
	}
	switch {
	case kind == "" && p.status == http.StatusNotModified && p.prevID != 0:
		p.capt.RevisitOf = p.prevID
		p.revisit = true
	case e.Kind == kindProbe && (p.status >= 300 || kind != "" ||
		p.dk != discover.KindSitemap && p.dk != discover.KindSitemapIndex):
		return false
	case kind == "" && p.status >= 200 && p.status < 300:
		switch p.dk {
		case discover.KindHTML:
			p.art, p.artKey, p.found, p.hub = c.handleHTML(e, p.capt, r)
		case discover.KindSitemap, discover.KindSitemapIndex:
			p.found = c.handleSitemap(e, p.capt, r)
		case discover.KindFeed:
			p.found = c.handleFeed(e, p.capt, r.body)
		}
		c.warnNotListing(e, p)
	}
	if p.dk == discover.KindOther && kind != corpus.ErrKindTooLarge && !c.cfg.keepAll {
		// Not HTML, a sitemap or a feed: recorded without its body.
		p.capt.Body = nil
	}
	return true
}

// warnNotListing warns when a URL known as a feed or a sitemap answers
// with something else (a redesigned site, a feed moved away): it lists no
// URLs any more, and nothing else would say so.
func (c *Crawler) warnNotListing(e corpus.FrontierEntry, p *page) {
	if e.Kind != kindFeed && e.Kind != kindSitemap {
		return
	}
	switch p.dk {
	case discover.KindFeed, discover.KindSitemap, discover.KindSitemapIndex:
		return
	}
	c.log.Warn("not a feed or sitemap any more: no URLs read from it", "url", p.capt.URL, "kind", e.Kind,
		"is", p.dk.String(), "content_type", p.r.header.Get("Content-Type"), "bytes", p.capt.BodySize)
}

// skipProbe settles a /sitemap.xml tried on a hunch and not there.
func (c *Crawler) skipProbe(ctx context.Context, p *page) error {
	if err := c.save(ctx, func(tx Tx) error {
		return tx.Finish(ctx, p.entry.ID, corpus.StateSkipped, 0, "no sitemap", p.now)
	}); err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	return nil
}

// followRedirect queues the target of a redirect the fetch did not follow
// (another host, robots.txt) and normalizes the redirect chain, whose
// URLs become names of the page's article.
func (c *Crawler) followRedirect(p *page) {
	e, r := p.entry, p.r
	if r.stopAt != "" {
		if r.stopReason == stopOtherHost && e.Source == "seed" && !c.scope.contains(r.stopAt) {
			// Only the redirect of a seed widens the crawl's scope.
			p.newScope = c.scope.add(r.stopAt)
		}
		st := corpus.FrontierEntry{URL: r.stopAt, Host: origin(r.stopAt), Depth: e.Depth,
			Priority: -e.Depth, Source: e.URL, Kind: e.Kind}
		if r.stopReason == stopOtherHost && e.Source == "seed" && urlnorm.Site(r.stopAt) == urlnorm.Site(e.URL) {
			// Where a seed leads on its own site is a seed: its redirect
			// to yet another host (example.com -> news.example.com ->
			// example.org) widens the scope too. A redirect off the
			// site widens it once and no further, so that a chain of
			// hosts (a login wall, a platform) cannot carry the crawl
			// away.
			st.Source = "seed"
		}
		if r.stopReason == stopRobots {
			st.State, st.Reason = corpus.StateSkipped, corpus.ErrKindRobots
		}
		if c.scope.contains(r.stopAt) || e.Depth == 0 {
			p.found = append(p.found, st)
		}
	}
	for _, u := range r.chain {
		if n, err := urlnorm.Normalize(u); err == nil && !slices.Contains(p.chain, n) {
			p.chain = append(p.chain, n)
		}
	}
}

// settled updates the crawl after the page's commit: the hosts that got
// URLs wake up, and the counters, the log and --on-article learn of it.
func (c *Crawler) settled(p *page, added int) {
	hosts := map[string]bool{}
	for _, fe := range p.found {
		c.seen.add(fe.URL, fe.Depth)
		if fe.State == "" || fe.State == corpus.StateQueued {
			hosts[fe.Host] = true
		}
	}
	if added > 0 {
		c.sched.touch(hosts)
	}
	kind, art, dup := p.kind, p.art, p.dup
	c.count(func(k *counters) {
		k.fetched++
		if kind != "" {
			k.errors++
			k.byKind[kind]++
		}
		switch {
		case art != nil && p.same:
			// The same payload as the article's capture: a revisit,
			// as stats counts it.
			k.revisits++
		case art != nil && dup:
			k.duplicates++
		case art != nil:
			k.articles++
		}
		if p.revisit {
			k.revisits++
		}
	})
	c.log.Debug("fetched", "url", p.entry.URL, "status", p.status, "error_kind", kind, "bytes", len(p.r.body),
		"duration", p.r.duration.Round(time.Millisecond), "links", len(p.found), "article", art != nil)
	if art != nil && c.cfg.onArticle != nil {
		c.cfg.onArticle(art)
	}
}

// conditionalHeaders returns If-None-Match / If-Modified-Since for a
// recrawl of e, for a hub checked again, or for a URL a watch fetches
// again, and the capture they refer to.
func (c *Crawler) conditionalHeaders(ctx context.Context, e corpus.FrontierEntry) (http.Header, int64) {
	if !c.cfg.recrawl && !isHub(e.Kind) && (c.cfg.watch == nil || e.CaptureID == 0) {
		return nil, 0
	}
	u := e.URL
	prev, err := c.store.LatestCapture(ctx, u)
	if err != nil {
		return nil, 0
	}
	h := http.Header{}
	if et := prev.Header.Get("ETag"); et != "" {
		h.Set("If-None-Match", et)
	}
	if lm := prev.Header.Get("Last-Modified"); lm != "" {
		h.Set("If-Modified-Since", lm)
	}
	if len(h) == 0 {
		return nil, 0
	}
	id := prev.ID
	if prev.RevisitOf != 0 {
		id = prev.RevisitOf
	}
	return h, id
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
		Truncated:     r.truncated || r.overlong,
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
		if r.truncated || r.overlong {
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

// maxSitemapBody is how much of a sitemap is read: the 50 MB the sitemap
// protocol allows, uncompressed (the parser's own limit).
const maxSitemapBody = discover.MaxDecompressed

// bodyLimit is the largest body read for e: --max-body, or, for what
// may be a sitemap, the sitemap limit when it is larger.
func (c *Crawler) bodyLimit(e corpus.FrontierEntry) int64 {
	if e.Kind == kindSitemap || e.Kind == kindProbe || strings.Contains(e.URL, "sitemap") ||
		strings.Contains(e.URL, "Sitemap") || strings.Contains(e.URL, "SITEMAP") {
		return max(c.cfg.maxBody, maxSitemapBody)
	}
	return c.cfg.maxBody
}
