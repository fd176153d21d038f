package scraper

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// The steps that open and close a crawl run: its record, its scope, the
// seeds and what is queued again.

// loadScope builds the crawl's scope from the one stored in the corpus,
// the seeds and --allow-host, and stores what is new, so that a crawl
// resumed without seeds follows the same hosts.
func (c *Crawler) loadScope(ctx context.Context, tx Tx, seeds []string, now time.Time) error {
	stored, ok, err := tx.Scope(ctx)
	if err != nil {
		return err
	}
	c.scope = newScope(nil, nil)
	var legacy []string
	for _, h := range stored {
		if ok {
			c.scope.addKey(h)
		} else if k := scopeKey(h); k != "" {
			// A corpus crawled before the scope was stored: its seeds'
			// hosts are its scope.
			c.scope.addKey(k)
			legacy = append(legacy, k)
		}
	}
	if err := tx.AddScope(ctx, legacy, corpus.ScopeSeed, now); err != nil {
		return err
	}
	var keys []string
	for _, u := range seeds {
		keys = append(keys, c.scope.add(u))
	}
	if err := tx.AddScope(ctx, keys, corpus.ScopeSeed, now); err != nil {
		return err
	}
	keys = keys[:0]
	for _, h := range c.cfg.allowHosts {
		keys = append(keys, c.scope.addKey(allowKey(h)))
	}
	c.scopeHosts = int64(c.scope.size()) // what the stored scope holds once this commits
	return tx.AddScope(ctx, keys, corpus.ScopeAllowHost, now)
}

// requeueSeedHubs queues again, in a focused crawl, the seeds that are
// hubs (a sitemap, a feed, a front page) fetched by an earlier run.
func (c *Crawler) requeueSeedHubs(ctx context.Context, tx Tx, seeds []string, now time.Time) error {
	if !c.focused || c.cfg.carryOn {
		return nil
	}
	_, err := tx.RequeueHubURLs(ctx, c.run, seeds, now)
	return err
}

// requeue queues again, when the crawl is not focused, the URLs whose
// failure may pass (an unreachable host) and the hubs of the hosts whose
// crawl finished, so that a crawl run again finds what is new.
func (c *Crawler) requeue(ctx context.Context, tx Tx, now time.Time) error {
	if c.focused || c.cfg.carryOn {
		return nil
	}
	if c.cfg.watch == nil {
		// Hubs first: RequeueHubs looks at hosts with nothing queued. A
		// watch queues each hub itself, when it is due.
		n, err := tx.RequeueHubs(ctx, c.run, c.cfg.depth, now)
		if err != nil {
			return err
		}
		if n > 0 {
			c.log.Info("checking hubs again (seeds, section pages, sitemaps, feeds)", "count", n)
		}
	}
	n, err := tx.RequeueUnreachable(ctx, now)
	if err != nil {
		return err
	}
	if n > 0 {
		c.log.Info("URLs that failed for a cause that may pass are queued again", "count", n)
	}
	return nil
}

func (c *Crawler) settings(seeds []string) map[string]any {
	s := map[string]any{
		"seeds": seeds, "depth": c.cfg.depth, "max_pages": c.cfg.maxPages, "parallel": c.cfg.parallel,
		"per_host": c.cfg.perHost, "delay": c.cfg.delay.String(), "timeout": c.cfg.timeout.String(),
		"user_agent": c.cfg.userAgent, "ignore_robots": c.cfg.ignoreRobots, "retries": c.cfg.retries,
		"recrawl": c.cfg.recrawl, "max_body": c.cfg.maxBody, "max_pages_per_host": c.cfg.maxPerHost,
		"keep_all": c.cfg.keepAll, "allow_hosts": c.cfg.allowHosts,
	}
	if l := c.cfg.seedList; l != nil {
		// The list itself may be long: record where it came from.
		s["seed_file"] = map[string]any{"name": l.Name, "lines": l.Lines, "sha256": l.SHA256}
	}
	if c.cfg.recrawlAfter > 0 {
		s["recrawl_after"] = c.cfg.recrawlAfter.String()
	}
	if !c.cfg.since.IsZero() {
		s["since"] = c.cfg.since.Format(time.RFC3339)
	}
	var inc, exc []string
	for _, re := range c.cfg.include {
		inc = append(inc, re.String())
	}
	for _, re := range c.cfg.exclude {
		exc = append(exc, re.String())
	}
	s["include"], s["exclude"] = inc, exc
	return s
}

func (c *Crawler) enqueueOptions(now time.Time) corpus.EnqueueOptions {
	o := corpus.EnqueueOptions{Run: c.run, Now: now, Revisit: c.cfg.recrawl, Adopt: c.focused}
	if c.cfg.recrawlAfter > 0 {
		o.RevisitBefore = now.Add(-c.cfg.recrawlAfter)
	}
	return o
}

func (c *Crawler) normalizeSeeds(seeds []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, s := range seeds {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		n, err := urlnorm.Normalize(s)
		if err != nil {
			return nil, fmt.Errorf("crawl: seed: %w", err)
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// seedEntries queues the seeds and, when the crawl discovers sitemaps,
// /sitemap.xml of each seed host as a probe (robots.txt Sitemap lines are
// queued when robots.txt is read).
func (c *Crawler) seedEntries(seeds []string) []corpus.FrontierEntry {
	var out []corpus.FrontierEntry
	probed := c.probed
	for _, s := range seeds {
		out = append(out, corpus.FrontierEntry{URL: s, Host: origin(s), Source: "seed"})
	}
	if !c.cfg.discoverSitemaps() {
		return out
	}
	for _, s := range seeds {
		h := origin(s)
		if probed[h] {
			continue
		}
		probed[h] = true
		if c.excluded(h + "/sitemap.xml") {
			continue
		}
		out = append(out, corpus.FrontierEntry{URL: h + "/sitemap.xml", Host: h, Source: "seed", Kind: kindProbe})
	}
	return out
}

// begin opens the crawl run: it queues again what an earlier run left in
// flight, records the run with its scope, queues the seeds (and what is
// due again), and wakes the hosts with queued URLs.
func (c *Crawler) begin(ctx context.Context, seeds []string, started time.Time) error {
	if n, err := c.frontier.ResetInFlight(ctx); err != nil {
		return fmt.Errorf("crawl: %w", err)
	} else if n > 0 {
		c.log.Info("resuming: requests that were in flight are queued again", "count", n)
	}
	norm, err := c.normalizeSeeds(seeds)
	if err != nil {
		return err
	}
	c.focused = c.cfg.depth == 0 && (len(norm) > 0 || c.cfg.seedList != nil)
	c.seedsToCheck = slices.Clone(norm[:min(len(norm), maxSeedsChecked)])
	if err := c.store.Update(ctx, func(tx Tx) error { return c.beginRun(ctx, tx, norm, started) }); err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	listed, err := c.enqueueSeedList(ctx, started)
	if err != nil {
		return err
	}
	hosts, err := c.frontier.QueuedHosts(ctx, c.claimRun())
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	touched := map[string]bool{}
	for _, h := range hosts {
		touched[h] = true
	}
	c.sched.touch(touched)
	c.log.Info("crawl started", "run", c.run, "seeds", len(norm)+listed, "hosts", len(hosts))
	return nil
}

// beginRun records the run, its scope and its seeds in one transaction.
func (c *Crawler) beginRun(ctx context.Context, tx Tx, seeds []string, started time.Time) error {
	id, err := c.beginWatchRun(ctx, tx, c.settings(seeds), started)
	if err != nil {
		return err
	}
	c.run = id
	if err := c.loadScope(ctx, tx, seeds, started); err != nil {
		return err
	}
	if err := c.requeue(ctx, tx, started); err != nil {
		return err
	}
	if _, err := tx.Enqueue(ctx, c.seedEntries(seeds), c.enqueueOptions(started)); err != nil {
		return err
	}
	return c.requeueSeedHubs(ctx, tx, seeds, started)
}

// end closes the crawl run: it records the run's summary and tells
// whether any seed could be fetched.
func (c *Crawler) end(ctx context.Context, started time.Time, interrupted bool, dispatchErr error) (Summary, error) {
	sum := c.summary(started)
	sum.Interrupted = interrupted
	st, err := c.frontier.Stats(context.WithoutCancel(ctx))
	if err == nil {
		sum.Queued = st.Queued + st.InFlight
	}
	c.meter.finish(sum.Queued, err == nil)
	if p := c.fatal.Load(); p != nil {
		return sum, *p
	}
	// Record the run's end even after Ctrl-C: the context is cancelled
	// then, and the run must not look killed.
	saveCtx := context.WithoutCancel(ctx)
	c.saveWatch()
	recorded := c.runSummary(sum)
	if err := c.store.Update(saveCtx, func(tx Tx) error {
		return tx.EndRun(saveCtx, c.run, recorded, time.Now())
	}); err != nil {
		return sum, fmt.Errorf("crawl: %w", err)
	}
	c.log.Info("crawl finished", "run", c.run, "fetched", sum.Fetched, "articles", sum.Articles,
		"errors", sum.Errors, "duration", sum.Duration.Round(time.Millisecond))
	if dispatchErr != nil {
		return sum, dispatchErr
	}
	if interrupted && ctx.Err() != nil {
		return sum, ctx.Err()
	}
	if !interrupted {
		if err := c.checkSeeds(saveCtx); err != nil {
			return sum, err
		}
	}
	return sum, nil
}
