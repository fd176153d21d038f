package pgstore

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// Hosts are shared out among the live workers: a worker holds at most its
// share of the hosts that have work, ceil(hosts / workers), so that a
// worker that joins a crawl gets hosts instead of waiting for the first
// worker to finish them (issue 12). The worker counts, at most every
// shareEvery, the live workers (a heartbeat within the lease TTL, not
// stopped) and the hosts with URLs queued or in flight: the count rides
// the claim's round trip (qShare, in the claim's batch). qClaim then
// answers
//
//	full   the host is free, but the worker holds its share already:
//	       nothing happens, the worker asks again after sharePoll;
//	drain  the worker holds the host beyond its share (its hosts ranked
//	       by name, the last ones beyond the share): no URL is claimed,
//	       the lease is kept while URLs are in flight;
//	yield  the same, with nothing in flight: the lease is given back,
//	       for a worker under its share to take.
//
// A single worker (or a count not made yet) has no limit: it crawls as
// before. The lease, next_at and the in-flight count are untouched by the
// share: politeness holds across workers as before, and a killed worker
// loses nothing (its hosts go to the others when its leases run out).
type shareState struct {
	// limit is the hosts this worker may hold, 0 for no limit.
	limit atomic.Int64
	// next is when (unix ms) the worker counts again; a claim that
	// moves it forward makes the count.
	next atomic.Int64
	// offered are hosts with queued URLs and no live lease, as of the
	// last count, for the crawl to try (OfferedHosts): a host that only
	// a worker at its share knows (its own new seeds) is taken by
	// another, which would not learn of it before going idle.
	mu      sync.Mutex
	offered []string
	// scopeHosts is the number of hosts in the crawl's stored scope, as
	// of the last count (ScopeHosts).
	scopeHosts atomic.Int64
}

// shareEvery is how often a worker counts the live workers and the hosts
// with work: a worker that joins gets hosts about that soon.
const shareEvery = 2 * time.Second

// sharePoll is how soon a worker asks again for a host it may not take
// (full) or gave back (yield): about when its share may have changed.
const sharePoll = time.Second

// qShare counts the live workers ($1: this worker, live whatever its
// heartbeat; $2: the oldest heartbeat of a live worker) and the hosts with
// URLs queued or in flight, and lists (up to 256) the hosts with URLs
// queued whose lease is free or ran out before $3 (now), and counts the
// hosts of the crawl's stored scope (a run that joins adds its seeds'). The hosts are read off the frontier's index on
// (state, host), skipping from one host to the next (a recursive query:
// one index probe a host, whatever the number of URLs), since a host has
// work before any worker made its frontier_hosts row.
const qShare = `WITH RECURSIVE qh AS (
	SELECT (SELECT host FROM frontier WHERE state = 'queued' ORDER BY host LIMIT 1) AS host
	UNION ALL
	SELECT (SELECT q.host FROM frontier q WHERE q.state = 'queued' AND q.host > qh.host ORDER BY q.host LIMIT 1)
	FROM qh WHERE qh.host IS NOT NULL),
fh AS (
	SELECT (SELECT host FROM frontier WHERE state = 'in_flight' ORDER BY host LIMIT 1) AS host
	UNION ALL
	SELECT (SELECT q.host FROM frontier q WHERE q.state = 'in_flight' AND q.host > fh.host ORDER BY q.host LIMIT 1)
	FROM fh WHERE fh.host IS NOT NULL)
SELECT (SELECT count(*) FROM workers WHERE id = $1::bigint OR (stopped_at = 0 AND heartbeat_at > $2::bigint)),
	(SELECT count(*) FROM (SELECT host FROM qh UNION SELECT host FROM fh) x WHERE host IS NOT NULL),
	ARRAY(SELECT qh.host FROM qh LEFT JOIN frontier_hosts h ON h.host = qh.host
		WHERE qh.host IS NOT NULL AND (h.host IS NULL OR h.worker IS NULL OR h.lease_until <= $3::bigint)
		ORDER BY qh.host LIMIT 256),
	(SELECT count(*) FROM crawl_scope)`

// shareDue reports whether a claim made at now should count the workers
// and hosts again (qShare); only one claim at a time is told so.
func (f *Frontier) shareDue(now time.Time) bool {
	next := f.share.next.Load()
	ms := now.UnixMilli()
	return ms >= next && f.share.next.CompareAndSwap(next, ms+shareEvery.Milliseconds())
}

// queueShare adds qShare to a claim's batch b.
func (f *Frontier) queueShare(b *pgx.Batch, now time.Time) {
	b.Queue(qShare, f.id, now.Add(-f.opts.LeaseTTL).UnixMilli(), now.UnixMilli())
}

// readShare reads qShare's answer from br and sets the worker's share.
func (f *Frontier) readShare(br pgx.BatchResults) error {
	var workers, hosts, scope int64
	var free []string
	if err := br.QueryRow().Scan(&workers, &hosts, &free, &scope); err != nil {
		f.share.next.Store(0) // count again at the next claim
		return err
	}
	limit := shareOf(workers, hosts)
	f.share.limit.Store(limit)
	f.share.scopeHosts.Store(scope)
	if limit > 0 {
		f.share.mu.Lock()
		f.share.offered = free
		f.share.mu.Unlock()
	}
	return nil
}

// OfferedHosts returns, once, the hosts with queued URLs that no live
// lease held at the last count, when other workers share the crawl:
// the crawl tries them as hosts that may have work.
func (f *Frontier) OfferedHosts() []string {
	f.share.mu.Lock()
	defer f.share.mu.Unlock()
	hs := f.share.offered
	f.share.offered = nil
	return hs
}

// ScopeHosts returns the number of hosts in the crawl's stored scope as
// of the last count (every shareEvery), 0 before the first: when it
// grows, another run added seeds, and the crawl reads its scope again so
// that links into the new sites are followed.
func (f *Frontier) ScopeHosts() int64 { return f.share.scopeHosts.Load() }

// shareOf is the hosts a worker may hold among workers live workers
// sharing hosts hosts with work: ceil(hosts / workers), at least 1; 0 (no
// limit) for a single worker.
func shareOf(workers, hosts int64) int64 {
	if workers <= 1 {
		return 0
	}
	return max((hosts+workers-1)/workers, 1)
}

// Share returns the hosts this worker may hold as last counted, 0 for no
// limit.
func (f *Frontier) Share() int64 { return f.share.limit.Load() }

// refreshShare counts the workers and hosts now (qShare), outside a
// claim; tests use it.
func (f *Frontier) refreshShare(ctx context.Context, now time.Time) error {
	b := &pgx.Batch{}
	f.queueShare(b, now)
	br := f.s.pool.SendBatch(ctx, b)
	defer br.Close()
	if err := f.readShare(br); err != nil {
		return err
	}
	return br.Close()
}
