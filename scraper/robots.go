package scraper

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Politeness stage, robots.txt: the dispatcher fetches a host's
// robots.txt before any of its pages (see planRobots); its rules gate
// every URL of the host, its Crawl-delay lengthens the host's delay, and
// its Sitemap lines are queued.

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
	status := robotsStatus(r)
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
	err := c.save(ctx, func(tx Tx) error {
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
	err := c.save(ctx, func(tx Tx) error {
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

// robotsStatus is the status robots.txt is judged by: 0 for no response,
// 404 for a redirect the fetch did not follow (another host or path).
func robotsStatus(r *fetchResult) int {
	if r.stopReason != "" {
		return http.StatusNotFound
	}
	if r.err != nil {
		return 0
	}
	return r.status
}
