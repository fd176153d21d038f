package scraper

import (
	"context"
	"fmt"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// Frontier stage: the queue of URLs to fetch. The crawler claims a host's
// due URLs, and settles each claimed URL once: done, failed or skipped
// (FrontierTx.Finish, in the transaction that stores its capture), queued
// again (FrontierTx.Retry) or given back (Release). The URLs a page leads
// to are queued in batches by FrontierTx.Enqueue in the same transaction.

// Frontier is the crawler's view of the frontier outside the persist
// stage's transactions. Its methods use only standard and corpus types,
// so that a store in another package implements it without importing
// scraper. NewCrawler adapts a SQLite corpus (sqliteStore).
//
// A frontier shared by several workers leases hosts: Claim takes the
// host's lease (skipping a host another worker holds) and answers no URLs
// with the time the host may next start a request, which the crawler
// waits for as for any URL not due yet; settling or releasing the claimed
// URLs gives back the host's in-flight count, and ResetInFlight returns the
// URLs of leases that expired. Right before each request on a host starts,
// StartRequest confirms the lease is still this worker's (a stalled
// worker's lease may have passed to another) and records the start, so
// that the host's delay and pauses hold across workers.
type Frontier interface {
	// ResetInFlight queues again the URLs a stopped crawl left claimed.
	ResetInFlight(ctx context.Context) (int64, error)
	// Claim claims up to n URLs of host due at now, queued by crawl run
	// run (by any run when run is 0). When it claims none, it returns
	// when host's next URL becomes due, hasDue false when none is queued.
	Claim(ctx context.Context, host string, run int64, n int, now time.Time) (claimed []corpus.FrontierEntry, due time.Time, hasDue bool, err error)
	// Release returns claimed URLs to the queue untouched.
	Release(ctx context.Context, ids []int64) error
	// StartRequest is asked right before a request on host starts: for
	// the claimed URL id, or for robots.txt when id is 0 (which takes the
	// host's lease when it is free). It renews the lease and records the
	// start, with delay the host's delay (--delay or its Crawl-delay):
	// no request on host starts before now+delay on any worker. It
	// returns a non-zero wait when no request may start before then (a
	// pause or delay another worker recorded, a lease another holds), and
	// lost true when the claim of id or the lease is no longer this
	// worker's: the request must not start, and the URL is given back.
	StartRequest(ctx context.Context, host string, id int64, delay time.Duration, now time.Time) (wait time.Time, lost bool, err error)
	// Pause records that no request on host may start before until
	// (Retry-After), for every worker.
	Pause(ctx context.Context, host string, until time.Time) error
	// Skip settles claimed entries that are not fetched as skipped, each
	// for its Reason, and marks every queued URL of hosts skipped for
	// reason, in one transaction. It returns how many queued URLs of each
	// host it skipped.
	Skip(ctx context.Context, entries []corpus.FrontierEntry, hosts []string, reason string, now time.Time) ([]int64, error)
	// QueuedHosts lists the hosts with URLs queued by run (by any run
	// when run is 0).
	QueuedHosts(ctx context.Context, run int64) ([]string, error)
	// HostSettled returns how many of host's URLs were fetched or failed,
	// counted against --max-pages-per-host.
	HostSettled(ctx context.Context, host string) (int, error)
	// Entry returns the entry of URL u, corpus.ErrNotFound when there is
	// none.
	Entry(ctx context.Context, u string) (corpus.FrontierEntry, error)
	// Stats counts the frontier's URLs by state.
	Stats(ctx context.Context) (corpus.FrontierStats, error)
}

var _ Frontier = sqliteStore{}

// ResetInFlight queues again the URLs left in flight.
func (s sqliteStore) ResetInFlight(ctx context.Context) (int64, error) {
	return s.Store.ResetInFlight(ctx)
}

// Claim claims host's due URLs, or reports when the next is due, in one
// transaction.
func (s sqliteStore) Claim(ctx context.Context, host string, run int64, n int, now time.Time) (claimed []corpus.FrontierEntry, due time.Time, hasDue bool, err error) {
	err = s.Store.Update(ctx, func(tx *corpus.Tx) error {
		var err error
		claimed, err = tx.ClaimRun(ctx, host, run, n, now)
		if err != nil || len(claimed) > 0 {
			return err
		}
		due, hasDue, err = tx.NextDueRun(ctx, host, run)
		return err
	})
	return claimed, due, hasDue, err
}

// Release returns claimed URLs to the queue.
func (s sqliteStore) Release(ctx context.Context, ids []int64) error {
	return s.Store.Update(ctx, func(tx *corpus.Tx) error { return tx.Release(ctx, ids) })
}

// StartRequest always allows the request: a SQLite corpus has one crawl
// at a time (the crawl lock), whose scheduler keeps the host's limits.
func (s sqliteStore) StartRequest(context.Context, string, int64, time.Duration, time.Time) (time.Time, bool, error) {
	return time.Time{}, false, nil
}

// Pause does nothing: the crawl's scheduler holds the pause.
func (s sqliteStore) Pause(context.Context, string, time.Time) error { return nil }

// Skip settles entries and hosts' queues as skipped.
func (s sqliteStore) Skip(ctx context.Context, entries []corpus.FrontierEntry, hosts []string, reason string, now time.Time) ([]int64, error) {
	var counts []int64
	err := s.Store.Update(ctx, func(tx *corpus.Tx) error {
		var err error
		counts, err = corpus.SkipAll(ctx, tx, entries, hosts, reason, now)
		return err
	})
	return counts, err
}

// QueuedHosts lists the hosts with queued URLs.
func (s sqliteStore) QueuedHosts(ctx context.Context, run int64) ([]string, error) {
	return s.Store.QueuedHostsRun(ctx, run)
}

// Entry returns the entry of URL u.
func (s sqliteStore) Entry(ctx context.Context, u string) (corpus.FrontierEntry, error) {
	return s.Store.FrontierEntry(ctx, u)
}

// Stats counts the frontier's URLs by state.
func (s sqliteStore) Stats(ctx context.Context) (corpus.FrontierStats, error) {
	return s.Store.FrontierStats(ctx)
}

// claimRun is the run whose URLs the crawl claims: its own when focused,
// 0 (any) otherwise.
func (c *Crawler) claimRun() int64 {
	if c.focused {
		return c.run
	}
	return 0
}

// claim takes a small batch of due URLs of host from the frontier. When
// there are none, it reports when the next one becomes due.
func (c *Crawler) claim(ctx context.Context, host string, now time.Time) (claimed []corpus.FrontierEntry, due time.Time, hasDue bool, err error) {
	batch := min(max(c.cfg.perHost*2, 2), 16)
	claimed, due, hasDue, err = c.frontier.Claim(ctx, host, c.claimRun(), batch, now)
	if err == nil && len(claimed) > 0 && c.scope != nil && !c.scope.contains(claimed[0].URL) {
		c.refreshScope(ctx, host)
	}
	return claimed, due, hasDue, err
}

// refreshScope reads the crawl's scope again from the corpus, once per
// host, when the crawl claimed URLs of a host outside the scope it
// loaded at its start: in a crawl shared by several workers, another
// worker's run may have added the host (its seeds) since, and without it
// the host's links would all be dropped as off-site. A failure only logs:
// the crawl goes on with the scope it has.
func (c *Crawler) refreshScope(ctx context.Context, host string) {
	c.scopeMu.Lock()
	defer c.scopeMu.Unlock()
	if c.scopeRead[host] {
		return
	}
	if err := c.readScope(ctx); err != nil {
		c.log.Warn("could not read the crawl's scope again; links of this host outside it are not followed", "host", host, "err", err)
		return // read again at the host's next claim
	}
	if c.scopeRead == nil {
		c.scopeRead = map[string]bool{}
	}
	c.scopeRead[host] = true
}

// readScope adds the corpus's stored scope to the crawl's. The caller
// holds scopeMu.
func (c *Crawler) readScope(ctx context.Context) error {
	return c.save(ctx, func(tx Tx) error {
		stored, ok, err := tx.Scope(ctx)
		if err != nil || !ok {
			return err
		}
		for _, h := range stored {
			c.scope.addKey(h)
		}
		return nil
	})
}

// scopeCounter is a frontier shared with other workers that counts the
// hosts of the crawl's stored scope (pgstore's, with its count of the
// workers' shares).
type scopeCounter interface {
	ScopeHosts() int64
}

// followScope reads the crawl's scope again when the stored one grew: a
// run that joined the crawl added its seeds' sites, and links into them
// from the sites this worker crawls are followed from then on (before, only
// once the worker claimed a URL of such a site). A focused crawl keeps to
// its own scope.
func (c *Crawler) followScope(ctx context.Context) {
	sc, ok := c.frontier.(scopeCounter)
	if !ok || c.claimRun() != 0 {
		return
	}
	n := sc.ScopeHosts()
	c.scopeMu.Lock()
	defer c.scopeMu.Unlock()
	start := time.Now()
	if n <= c.scopeHosts || start.Before(c.scopeRetry) {
		return
	}
	if err := c.readScope(ctx); err != nil {
		c.log.Warn("could not read the crawl's scope again; links into sites added since are not followed yet", "err", err)
		c.scopeRetry = time.Now().Add(2 * time.Second)
		return
	}
	c.scopeHosts = n
	// A scope that grows all the time (a joining run's long seed list)
	// is read again at most every 50 reads' time: about 2% of the
	// worker's time at worst (a read of 100,000 hosts takes ~0.1 s).
	c.scopeRetry = time.Now().Add(50 * time.Since(start))
}

// hostOfferer is a frontier shared with other workers that offers the
// hosts with queued URLs that no worker holds (pgstore's, as of its last
// count of the workers' shares).
type hostOfferer interface {
	OfferedHosts() []string
}

// takeOffers tells the scheduler of the hosts the frontier offers: hosts
// another worker queued (its own seeds) that this worker would otherwise
// learn of only when it runs out of work.
func (c *Crawler) takeOffers() {
	o, ok := c.frontier.(hostOfferer)
	if !ok {
		return
	}
	hs := o.OfferedHosts()
	if len(hs) == 0 || c.claimRun() != 0 {
		// A focused crawl claims its own run's URLs only: the hosts
		// offered (any run's) are not its work.
		return
	}
	touched := make(map[string]bool, len(hs))
	for _, h := range hs {
		if !c.sched.parked(h) {
			touched[h] = true
		}
	}
	c.sched.touch(touched)
}

// releaseClaimed puts back in the queue what was claimed but not started.
func (c *Crawler) releaseClaimed(ctx context.Context) {
	s := c.sched
	s.mu.Lock()
	var ids []int64
	for _, h := range s.order {
		for _, e := range h.queue {
			ids = append(ids, e.ID)
		}
		h.queue = nil
		h.mayHaveWork = false
		h.wakeAt = time.Time{}
	}
	s.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	if err := c.frontier.Release(ctx, ids); err != nil {
		c.log.Warn("release claimed URLs", "err", err)
	}
}

// saveSkips settles claimed URLs that are not fetched (robots.txt, page
// budget) and marks the rest of the spent hosts' queues skipped.
func (c *Crawler) saveSkips(ctx context.Context, skips []corpus.FrontierEntry, budget []string) error {
	settle := make([]corpus.FrontierEntry, len(skips))
	for i, e := range skips {
		if e.Reason != corpus.ErrKindRobots {
			e.Reason = reasonBudget
		}
		settle[i] = e
	}
	counts, err := c.frontier.Skip(ctx, settle, budget, reasonBudget, time.Now())
	for _, n := range counts {
		c.count(func(k *counters) { k.skipped += int(n); k.skippedBy[reasonBudget] += int(n) })
	}
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	c.count(func(k *counters) {
		k.skipped += len(skips)
		for _, e := range skips {
			if e.Reason == corpus.ErrKindRobots {
				k.skippedBy[corpus.ErrKindRobots]++
			} else {
				k.skippedBy[reasonBudget]++
			}
		}
	})
	for _, e := range skips {
		c.log.Debug("skipped", "url", e.URL, "reason", e.Reason)
	}
	return nil
}

const reasonBudget = "host_budget"

// known reports whether the frontier has u, in any state: a redirect to
// it is not followed, so that it is fetched once, on its own.
func (c *Crawler) known(ctx context.Context, u string) bool {
	_, err := c.frontier.Entry(ctx, u)
	return err == nil
}
