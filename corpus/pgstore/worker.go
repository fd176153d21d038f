package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// WorkerOptions configure a crawl worker's frontier.
type WorkerOptions struct {
	// LeaseTTL is how long a host lease lasts without renewal (30s when
	// zero); the worker renews its leases every third of it. A killed
	// worker's hosts go to others after at most that long.
	LeaseTTL time.Duration
	// Delay is the crawl's delay between requests to a host: a host
	// handed over to another worker gets no request sooner than Delay
	// after the last one settled.
	Delay time.Duration
	// ClaimAhead makes the worker claim a host's next batch of URLs as
	// soon as a claim fills its batch, in the background, so that the
	// crawler's next claim for the host finds it answered (see
	// aheadClaim). A crawl worker sets it.
	ClaimAhead bool
	// Log receives what the worker does not return: a claim made ahead
	// that failed (the crawler then claims again). Nil logs nothing.
	Log *slog.Logger
	// Machine and PID name the worker in stats (os.Hostname and
	// os.Getpid when empty).
	Machine string
	PID     int

	// clock is the local clock the start-up check compares with the
	// database server's (time.Now when nil); tests skew it.
	clock func() time.Time
}

// Frontier is one crawl worker's view of the shared frontier: it leases
// hosts (see migration 0003), so that per-host limits and delays hold
// across all workers, and renews its leases until Close. Its method set
// is the crawler's Frontier interface (package scraper).
type Frontier struct {
	s    *Store
	id   int64
	opts WorkerOptions
	stop context.CancelFunc
	wg   sync.WaitGroup

	// beat is when the worker's heartbeat was last written (unix ms):
	// other workers count it gone, and take its hosts, a lease TTL later.
	beat atomic.Int64
	mu   sync.Mutex
	// leases are the hosts this worker leased, as far as it knows: until
	// when (unix ms) and with which delay recorded (see held).
	leases map[string]localLease
	// ahead holds the claims made ahead, by host (ClaimAhead), and
	// aheadWG the goroutines making them.
	ahead   map[string]*aheadClaim
	aheadWG sync.WaitGroup
	share   shareState // the hosts it may hold (share.go)
}

// localLease is what a worker knows of a host lease it holds.
type localLease struct {
	until int64         // lease_until it wrote last
	delay time.Duration // delay_ms it wrote last
	// notBefore is the host's next_at as last read (a claim, a renewal):
	// a pause another worker recorded, which the database answers.
	notBefore int64
}

// StartWorker registers this process as a crawl worker and starts
// renewing its leases. Only one worker per Store.
func (s *Store) StartWorker(ctx context.Context, opts WorkerOptions) (*Frontier, error) {
	if opts.LeaseTTL <= 0 {
		opts.LeaseTTL = 30 * time.Second
	}
	if opts.Machine == "" {
		opts.Machine, _ = os.Hostname()
	}
	if opts.PID == 0 {
		opts.PID = os.Getpid()
	}
	if opts.clock == nil {
		opts.clock = time.Now
	}
	if err := s.checkClock(ctx, opts.LeaseTTL, opts.clock); err != nil {
		return nil, fmt.Errorf("start worker: %w", err)
	}
	now := time.Now().UnixMilli()
	f := &Frontier{s: s, opts: opts, leases: map[string]localLease{}, ahead: map[string]*aheadClaim{}}
	if err := s.pool.QueryRow(ctx, `INSERT INTO workers (machine, pid, started_at, heartbeat_at, lease_ms)
		VALUES ($1, $2, $3, $3, $4) RETURNING id`, opts.Machine, opts.PID, now, opts.LeaseTTL.Milliseconds()).Scan(&f.id); err != nil {
		return nil, fmt.Errorf("start worker: %w", err)
	}
	s.worker.Store(f.id)
	f.beat.Store(now)
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	f.stop = cancel
	f.wg.Add(1)
	go f.heartbeat(hctx)
	return f, nil
}

// ID returns the worker's id.
func (f *Frontier) ID() int64 { return f.id }

func (s *Store) workerID() int64 { return s.worker.Load() }

// heartbeat renews the worker's leases every third of their TTL.
func (f *Frontier) heartbeat(ctx context.Context) {
	defer f.wg.Done()
	t := time.NewTicker(f.opts.LeaseTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := f.renew(ctx); err != nil && ctx.Err() == nil {
				continue // the next beat tries again; the lease lasts three beats
			}
		}
	}
}

func (f *Frontier) renew(ctx context.Context) error {
	now := time.Now()
	until := now.Add(f.opts.LeaseTTL).UnixMilli()
	var hosts []hostNext
	err := f.s.Update(ctx, func(tx *Tx) error {
		tx.tx.later("heartbeat", "UPDATE workers SET heartbeat_at = $2 WHERE id = $1", f.id, now.UnixMilli())
		// Only leases with URLs in flight are renewed: a host the worker
		// is not fetching lapses a lease after its last claim, so that an
		// idle holder (its own queue for the host spent, while another
		// worker queued more there) does not keep the host from the others.
		rows, err := tx.tx.Query(ctx, "UPDATE frontier_hosts SET lease_until = $2 WHERE worker = $1 AND in_flight > 0 RETURNING host, next_at",
			f.id, until)
		if err != nil {
			return err
		}
		hosts, err = pgx.CollectRows(rows, pgx.RowToStructByPos[hostNext])
		return err
	})
	if err != nil {
		return err
	}
	f.beat.Store(now.UnixMilli())
	f.renewed(hosts, until)
	return nil
}

// hostNext is a host and its next allowed start.
type hostNext struct {
	Host   string
	NextAt int64
}

// renewed records that the worker's leases are hosts, until until: the
// others lapse.
func (f *Frontier) renewed(hosts []hostNext, until int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	keep := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		keep[h.Host] = true
		if l, ok := f.leases[h.Host]; ok {
			l.until = max(l.until, until)
			l.notBefore = max(l.notBefore, h.NextAt)
			f.leases[h.Host] = l
		}
	}
	for h := range f.leases {
		if !keep[h] {
			delete(f.leases, h)
		}
	}
}

// leased records that the worker wrote host's lease until until, with
// delay (-1: delay unknown, as Claim writes it), and read its next allowed
// start notBefore (0: not read).
func (f *Frontier) leased(host string, until int64, delay time.Duration, notBefore int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.leases[host]
	if !ok {
		l.delay = -1
	}
	l.until = max(l.until, until)
	l.notBefore = max(l.notBefore, notBefore)
	if delay >= 0 {
		l.delay = delay
	}
	f.leases[host] = l
}

// log returns the worker's logger (WorkerOptions.Log).
func (f *Frontier) log() *slog.Logger {
	if f.opts.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return f.opts.Log
}

// unleased forgets host's lease.
func (f *Frontier) unleased(host string) {
	f.mu.Lock()
	delete(f.leases, host)
	f.mu.Unlock()
}

// held reports whether a request on host, with delay, may start at now
// without asking the database: the worker wrote host's lease with this
// delay, and the lease provably lasts past now by more than the guard.
// While it lasts no other worker takes the host over (nor requeues its
// claimed URLs), so the worker's own scheduler keeps the host's limits,
// delay and pauses exactly. The lease counts only until a TTL after the
// worker's last heartbeat: past that, others count the worker gone.
func (f *Frontier) held(host string, delay time.Duration, now time.Time) bool {
	f.mu.Lock()
	l, ok := f.leases[host]
	f.mu.Unlock()
	if !ok || l.delay != delay || now.UnixMilli() < l.notBefore {
		return false
	}
	proven := min(l.until, f.beat.Load()+f.opts.LeaseTTL.Milliseconds())
	return proven-now.UnixMilli() > f.guard(delay).Milliseconds()
}

// guard is how long before the end of a lease the worker stops starting
// requests on it without asking the database: the host's delay and its
// margin (the next leaseholder's first request then comes a delay after
// this worker's last), and a tenth of the lease TTL for a stall between
// the check and the request and for clocks that disagree.
func (f *Frontier) guard(delay time.Duration) time.Duration {
	return startSpacing(delay) + f.opts.LeaseTTL/10
}

// Close stops renewing, gives back the worker's hosts and the URLs it
// still had in flight, and records that it stopped.
func (f *Frontier) Close(ctx context.Context) error {
	f.stop()
	f.wg.Wait()
	f.aheadWG.Wait() // the URLs claimed ahead and not taken are queued again below
	now := time.Now().UnixMilli()
	// One round trip: the three statements go with COMMIT.
	return f.s.Update(ctx, func(tx *Tx) error {
		tx.tx.later("queue again", "UPDATE frontier SET state = 'queued', worker = NULL WHERE state = 'in_flight' AND worker = $1", f.id)
		tx.tx.later("give back hosts", "UPDATE frontier_hosts SET worker = NULL, in_flight = 0, lease_until = 0 WHERE worker = $1", f.id)
		tx.tx.later("worker stopped", "UPDATE workers SET stopped_at = $2, heartbeat_at = $2 WHERE id = $1", f.id, now)
		return nil
	})
}

// ResetInFlight queues again the URLs in flight for workers that are gone
// (stopped, or silent for longer than a lease), and frees their hosts.
func (f *Frontier) ResetInFlight(ctx context.Context) (int64, error) {
	var n int64
	dead := time.Now().Add(-f.opts.LeaseTTL).UnixMilli()
	// One round trip: both statements go with COMMIT.
	err := f.s.Update(ctx, func(tx *Tx) error {
		const gone = `(SELECT id FROM workers WHERE id <> $1 AND (stopped_at <> 0 OR heartbeat_at < $2))`
		tx.tx.laterThen("queue again", `UPDATE frontier SET state = 'queued', worker = NULL WHERE state = 'in_flight'
			AND (worker IS NULL OR worker IN `+gone+`)`, func(tag pgconn.CommandTag) error {
			n = tag.RowsAffected()
			return nil
		}, f.id, dead)
		tx.tx.later("free hosts", `UPDATE frontier_hosts SET worker = NULL, in_flight = 0, lease_until = 0
			WHERE worker IN `+gone, f.id, dead)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reset in-flight: %w", err)
	}
	return n, nil
}

// leasePoll is how soon a worker asks again for a host another worker
// holds.
const leasePoll = 500 * time.Millisecond

// claimRetry is how soon a worker tries again a host whose row another
// worker is locking at that moment.
const claimRetry = 100 * time.Millisecond

// Claim takes host's lease (or renews it) and claims up to n of its URLs
// due at now, queued by run (any run when 0). When another worker holds
// the lease, or a handed-over host is not yet allowed a request, or no URL
// is due, it claims none and returns when to try again (hasDue false when
// the host has nothing queued). It is one statement, one round trip
// (qClaim, which lease describes), two for a host never claimed before.
func (f *Frontier) Claim(ctx context.Context, host string, run int64, n int, now time.Time) (claimed []corpus.FrontierEntry, due time.Time, hasDue bool, err error) {
	if entries, ok := f.takeAhead(ctx, host, run, n); ok {
		f.claimAhead(ctx, host, run, n, now, len(entries))
		return entries, time.Time{}, false, nil
	}
	c, err := f.claimRetrying(ctx, host, run, n, now)
	if err != nil {
		return nil, time.Time{}, false, fmt.Errorf("claim %s: %w", host, err)
	}
	claimed, due, hasDue, err = f.answer(host, c, now)
	if err == nil {
		f.claimAhead(ctx, host, run, n, now, len(claimed))
	}
	return claimed, due, hasDue, err
}

// claimRetrying runs qClaim, again at once when it made the host's row,
// and again when PostgreSQL aborted it for a serialisation failure or a
// deadlock.
func (f *Frontier) claimRetrying(ctx context.Context, host string, run int64, n int, now time.Time) (c claim, err error) {
	for attempt := 0; ; attempt++ {
		c, err = f.claim(ctx, host, run, n, now)
		if err == nil && c.status == "new" && attempt < 5 {
			continue // the host's row is made: claim again at once
		}
		if err == nil || attempt >= 5 || !retryable(err) {
			return c, err
		}
	}
}

// answer records what claim c, made at now, did to host's lease, and
// returns Claim's answer.
func (f *Frontier) answer(host string, c claim, now time.Time) (claimed []corpus.FrontierEntry, due time.Time, hasDue bool, err error) {
	switch c.status {
	case "locked", "new": // another worker is claiming it this moment
		return nil, now.Add(claimRetry), true, nil
	case "busy": // look again soon: the holder gives the host back when it is done
		return nil, time.UnixMilli(min(c.at, now.Add(leasePoll).UnixMilli())).UTC(), true, nil
	case "empty":
		f.unleased(host)
		return nil, time.Time{}, false, nil
	case "full", "yield": // beyond the worker's share (share.go)
		f.unleased(host)
		return nil, now.Add(sharePoll), true, nil
	}
	f.leased(host, now.Add(f.opts.LeaseTTL).UnixMilli(), -1, c.next)
	switch c.status {
	case "wait", "due":
		return nil, time.UnixMilli(c.at).UTC(), true, nil
	case "drain": // given back once its URLs in flight are settled
		return nil, now.Add(leasePoll), true, nil
	case "claimed":
		return c.entries, time.Time{}, false, nil
	}
	return nil, time.Time{}, false, fmt.Errorf("claim %s: unknown answer %q", host, c.status)
}

// hostRow is a host's row as a worker reads it, locked, to take the
// host's lease (lockHost).
type hostRow struct {
	holder     *int64
	leaseUntil int64
	nextAt     int64
	delayMS    int64
}

// lockHost locks host's row in tx, which it makes first when the host has
// none, waiting for another transaction holding the lock, and reads it: one
// round trip with the statements waiting in tx (and the queries tx
// prefetches, which run under the lock). It is pgx.ErrNoRows when the row
// is gone.
func (f *Frontier) lockHost(ctx context.Context, tx *Tx, host string) (hostRow, error) {
	tx.tx.later("lease "+host, "INSERT INTO frontier_hosts (host, delay_ms) VALUES ($1, $2) ON CONFLICT DO NOTHING",
		host, f.opts.Delay.Milliseconds())
	var r hostRow
	err := tx.tx.QueryRow(ctx, "SELECT worker, lease_until, next_at, delay_ms FROM frontier_hosts WHERE host = $1 FOR UPDATE",
		host).Scan(&r.holder, &r.leaseUntil, &r.nextAt, &r.delayMS)
	return r, err
}

// lease takes or renews host's lease for this worker in tx, whose row r
// lockHost locked and read, as qClaim does. It returns a zero time when
// the worker holds the lease and may request, else when to try again, and
// whether it wrote the lease (now + TTL, and the host's delay raised to
// --delay) for this worker. Its writes wait in tx for the next round trip.
func (f *Frontier) lease(tx *Tx, host string, r hostRow, now time.Time) (time.Time, bool) {
	ms := now.UnixMilli()
	mine := r.holder != nil && *r.holder == f.id
	if r.holder != nil && !mine && r.leaseUntil > ms {
		// Look again soon: the holder gives the host back when it is done.
		return time.UnixMilli(min(r.leaseUntil, now.Add(leasePoll).UnixMilli())).UTC(), false
	}
	if !mine {
		// A free host, or a lease that expired: its URLs still in flight
		// belong to a worker that is gone.
		tx.tx.later("lease "+host, `UPDATE frontier SET state = 'queued', worker = NULL
			WHERE host = $1 AND state = 'in_flight'`, host)
	}
	inFlight := "in_flight"
	if !mine {
		inFlight = "0"
	}
	tx.tx.later("lease "+host, `UPDATE frontier_hosts SET worker = $2, lease_until = $3, delay_ms = GREATEST(delay_ms, $4), in_flight = `+
		inFlight+` WHERE host = $1`, host, f.id, now.Add(f.opts.LeaseTTL).UnixMilli(), f.opts.Delay.Milliseconds())
	if !mine && r.nextAt > ms {
		return time.UnixMilli(r.nextAt).UTC(), true
	}
	return time.Time{}, true
}

// StartRequest confirms, right before a request on host starts, that the
// host's lease is this worker's and, for a URL (id not 0), that the URL is
// still in flight for it; for robots.txt (id 0) it takes the lease when it
// is free or expired. It then renews the lease and records the start: no
// request on host starts before now+delay on any worker, and delay (the
// host's Crawl-delay when larger than --delay) is the delay a later
// leaseholder keeps after the host's last request settles. All under the
// host row's lock, so that two workers never both start: the one that
// took the lease over requeued the URLs of the one that lost it.
//
// While the worker provably holds the lease (held) a request on a claimed
// URL asks nothing of the database: the lease was written by this worker
// and lasts past the guard, the claim is this worker's, and its own
// scheduler spaces the host's requests. The database learns the spacing
// for the next leaseholder when each URL settles (next_at).
func (f *Frontier) StartRequest(ctx context.Context, host string, id int64, delay time.Duration, now time.Time) (wait time.Time, lost bool, err error) {
	if id != 0 {
		if f.held(host, delay, now) {
			return time.Time{}, false, nil
		}
		wait, lost, err = f.startClaimed(ctx, host, id, delay, now)
		switch {
		case err != nil:
		case lost:
			f.unleased(host)
		default:
			f.leased(host, now.Add(f.opts.LeaseTTL).UnixMilli(), delay, 0)
			if wait.IsZero() && f.stalled(now) {
				wait = time.Now() // ask again: the lease may have run out meanwhile
			}
		}
		return wait, lost, err
	}
	// Two round trips: the host's row locked and read, then the lease and
	// the start written with COMMIT.
	var leased bool
	err = f.s.Update(ctx, func(tx *Tx) error {
		wait, lost, leased = time.Time{}, false, false
		r, err := f.lockHost(ctx, tx, host)
		if errors.Is(err, pgx.ErrNoRows) {
			wait = now.Add(claimRetry)
			return nil
		}
		if err != nil {
			return err
		}
		if wait, leased = f.lease(tx, host, r, now); !wait.IsZero() {
			return nil
		}
		// robots.txt is read before this worker knows the host's
		// Crawl-delay: keep the one recorded (which the lease raised to
		// --delay).
		delay = max(delay, time.Duration(max(r.delayMS, f.opts.Delay.Milliseconds()))*time.Millisecond)
		ms := now.UnixMilli()
		until := now.Add(f.opts.LeaseTTL).UnixMilli()
		if r.nextAt > ms {
			wait = time.UnixMilli(r.nextAt).UTC()
			tx.tx.later("start "+host, "UPDATE frontier_hosts SET lease_until = GREATEST(lease_until, $2) WHERE host = $1", host, until)
			return nil
		}
		tx.tx.later("start "+host, `UPDATE frontier_hosts SET lease_until = GREATEST(lease_until, $2), next_at = $3, delay_ms = $4
			WHERE host = $1`, host, until, ms+startSpacing(delay).Milliseconds(), delay.Milliseconds())
		return nil
	})
	if err != nil {
		return time.Time{}, false, fmt.Errorf("start request on %s: %w", host, err)
	}
	if leased {
		f.leased(host, now.Add(f.opts.LeaseTTL).UnixMilli(), -1, 0)
	}
	if err == nil && wait.IsZero() && f.stalled(now) {
		wait = time.Now()
	}
	return wait, lost, nil
}

// stalled reports whether the database's answer to a request start asked
// at now came too late to send the request: the worker stalled (a pause,
// a slow database) for longer than a lease's guard allows, so the lease it
// renewed at now may have passed to another worker before the request
// would reach the server. The caller asks again.
func (f *Frontier) stalled(now time.Time) bool {
	return time.Since(now) > f.opts.LeaseTTL/10
}

// startClaimed is StartRequest for the claimed URL id, in one statement
// (one round trip: it runs before every request): no row when the lease
// or the claim is lost, else the host's next allowed start before this one.
func (f *Frontier) startClaimed(ctx context.Context, host string, id int64, delay time.Duration, now time.Time) (time.Time, bool, error) {
	ms := now.UnixMilli()
	var prev int64
	err := f.s.pool.QueryRow(ctx, `UPDATE frontier_hosts h SET lease_until = GREATEST(h.lease_until, $3),
		next_at = CASE WHEN old.next_at > $4 THEN h.next_at ELSE $5 END,
		delay_ms = CASE WHEN old.next_at > $4 THEN h.delay_ms ELSE $6 END
		FROM (SELECT host, next_at FROM frontier_hosts WHERE host = $1 FOR UPDATE) old
		WHERE h.host = old.host AND h.worker = $2
		  AND EXISTS (SELECT 1 FROM frontier WHERE id = $7 AND state = 'in_flight' AND worker = $2)
		RETURNING old.next_at`, host, f.id, now.Add(f.opts.LeaseTTL).UnixMilli(), ms,
		ms+startSpacing(delay).Milliseconds(), delay.Milliseconds(), id).Scan(&prev)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return time.Time{}, true, nil
	case err != nil:
		return time.Time{}, false, fmt.Errorf("start request on %s: %w", host, err)
	case prev > ms:
		return time.UnixMilli(prev).UTC(), false, nil
	}
	return time.Time{}, false, nil
}

// startSpacing is how far after a recorded start the host's next request
// may start on another worker: the delay and a margin for the time between
// the record and the request reaching the server (the worker's round trip
// to the database), a tenth of the delay, at least 5ms, at most 50ms.
func startSpacing(delay time.Duration) time.Duration {
	if delay <= 0 {
		return 0
	}
	return delay + min(max(delay/10, 5*time.Millisecond), 50*time.Millisecond)
}

// Pause records that no request on host starts before until, on any
// worker (Retry-After).
func (f *Frontier) Pause(ctx context.Context, host string, until time.Time) error {
	_, err := f.s.pool.Exec(ctx, `INSERT INTO frontier_hosts (host, delay_ms, next_at) VALUES ($1, $2, $3)
		ON CONFLICT (host) DO UPDATE SET next_at = GREATEST(frontier_hosts.next_at, $3)`,
		host, f.opts.Delay.Milliseconds(), until.UnixMilli())
	if err != nil {
		return fmt.Errorf("pause %s: %w", host, err)
	}
	return nil
}

// Release returns claimed URLs to the queue untouched.
func (f *Frontier) Release(ctx context.Context, ids []int64) error {
	return f.s.Update(ctx, func(tx *Tx) error { return tx.Release(ctx, ids) })
}

// Skip settles claimed entries as skipped, each for its Reason, and marks
// every queued URL of hosts skipped for reason, in one transaction.
func (f *Frontier) Skip(ctx context.Context, entries []corpus.FrontierEntry, hosts []string, reason string, now time.Time) ([]int64, error) {
	// URLs claimed ahead for those hosts were queued for the crawler:
	// they count as the hosts' queued URLs skipped.
	ahead, per := f.dropAhead(ctx, hosts, reason)
	entries = append(entries, ahead...)
	var counts []int64
	err := f.s.Update(ctx, func(tx *Tx) error {
		var err error
		counts, err = corpus.SkipAll(ctx, tx, entries, hosts, reason, now)
		return err
	})
	for i := range counts {
		counts[i] += per[i]
	}
	return counts, err
}

// QueuedHosts lists the hosts with URLs queued by run (any run when 0),
// and the hosts with URLs in flight for another worker: a worker that is
// killed may leave them, and the others must not finish before its lease
// runs out and they take them back.
func (f *Frontier) QueuedHosts(ctx context.Context, run int64) ([]string, error) {
	out, err := f.s.strings(ctx, `SELECT DISTINCT host FROM frontier WHERE (state = 'queued' AND ($1 = 0 OR run = $1))
		OR (state = 'in_flight' AND worker IS DISTINCT FROM $2) ORDER BY host`, run, f.id)
	if err != nil {
		return nil, fmt.Errorf("queued hosts: %w", err)
	}
	return out, nil
}

// HostSettled returns how many of host's URLs were fetched or failed.
func (f *Frontier) HostSettled(ctx context.Context, host string) (int, error) {
	return f.s.HostSettled(ctx, host)
}

// Entry returns the entry of URL u, or ErrNotFound.
func (f *Frontier) Entry(ctx context.Context, u string) (corpus.FrontierEntry, error) {
	return f.s.FrontierEntry(ctx, u)
}

// Stats counts the frontier's URLs by state.
func (f *Frontier) Stats(ctx context.Context) (corpus.FrontierStats, error) {
	return f.s.FrontierStats(ctx)
}

// QueuedHosts lists the hosts with URLs queued by run (any run when 0),
// sorted.
func (s *Store) QueuedHosts(ctx context.Context, run int64) ([]string, error) {
	out, err := s.strings(ctx, "SELECT DISTINCT host FROM frontier WHERE state = 'queued' AND ($1 = 0 OR run = $1) ORDER BY host", run)
	if err != nil {
		return nil, fmt.Errorf("queued hosts: %w", err)
	}
	return out, nil
}

// HostSettled returns how many of host's URLs are done or failed.
func (s *Store) HostSettled(ctx context.Context, host string) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT COUNT(*) FROM frontier WHERE host = $1 AND state IN ('done', 'failed')", host).Scan(&n); err != nil {
		return 0, fmt.Errorf("host pages %s: %w", host, err)
	}
	return n, nil
}

// FrontierEntry returns the frontier row of u, or ErrNotFound.
func (s *Store) FrontierEntry(ctx context.Context, u string) (corpus.FrontierEntry, error) {
	e, err := scanFrontier(s.pool.QueryRow(ctx, "SELECT "+frontierColumns+" FROM frontier WHERE url = $1", u))
	if err != nil {
		return e, fmt.Errorf("frontier %s: %w", u, notFound(err))
	}
	return e, nil
}

// FrontierStats counts the frontier by state (zero when it is empty).
func (s *Store) FrontierStats(ctx context.Context) (corpus.FrontierStats, error) {
	var st corpus.Stats
	if err := s.frontierStats(ctx, &st); err != nil || st.Frontier == nil {
		return corpus.FrontierStats{}, err
	}
	return *st.Frontier, nil
}

// WorkerInfo is one crawl worker, as stats shows it. JSON names are part
// of `archivist stats --json`.
type WorkerInfo struct {
	ID          int64     `json:"id"`
	Machine     string    `json:"machine"`
	PID         int       `json:"pid"`
	Started     time.Time `json:"started"`
	Heartbeat   time.Time `json:"heartbeat"`
	Stopped     bool      `json:"stopped"`
	Gone        bool      `json:"gone"`          // not stopped, silent for longer than its host lease: killed or cut off
	LeaseTTL    float64   `json:"lease_s"`       // its --host-lease in seconds (0: not recorded, an older archivist)
	Pages       int64     `json:"pages"`         // URLs it settled
	PagesPerSec float64   `json:"pages_per_sec"` // Pages over its time from start to its stop, its last heartbeat if gone, or now
}

// HostLease is a host leased by a worker.
type HostLease struct {
	Host     string    `json:"host"`
	Worker   int64     `json:"worker"`
	Until    time.Time `json:"until"`
	InFlight int       `json:"in_flight"`
	NextAt   time.Time `json:"next_at"`
}

// Workers returns the workers that ran in the last day, newest first,
// and the hosts leased now.
func (s *Store) Workers(ctx context.Context) ([]WorkerInfo, []HostLease, error) {
	now := time.Now()
	rows, err := s.pool.Query(ctx, `SELECT id, machine, pid, started_at, heartbeat_at, stopped_at, pages, lease_ms
		FROM workers WHERE heartbeat_at > $1 ORDER BY id DESC`, now.Add(-24*time.Hour).UnixMilli())
	if err != nil {
		return nil, nil, fmt.Errorf("workers: %w", err)
	}
	ws, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (WorkerInfo, error) {
		var w WorkerInfo
		var started, beat, stopped, lease int64
		err := r.Scan(&w.ID, &w.Machine, &w.PID, &started, &beat, &stopped, &w.Pages, &lease)
		w.Started, w.Heartbeat, w.Stopped = time.UnixMilli(started).UTC(), time.UnixMilli(beat).UTC(), stopped != 0
		w.LeaseTTL = float64(lease) / 1000
		w.Gone = !w.Stopped && lease > 0 && now.UnixMilli()-beat > lease
		// The page count is current (each page's commit adds to it), so
		// the rate of a running worker runs to now, or to the stop; not
		// to the last heartbeat, which would overstate it by up to a
		// beat's pages. A worker that is gone settled its last pages
		// within a beat after its last heartbeat: its rate runs to that
		// heartbeat (slightly high) rather than to now (ever lower).
		end := now
		switch {
		case w.Stopped:
			end = time.UnixMilli(stopped)
		case w.Gone:
			end = time.UnixMilli(beat)
		}
		if d := end.Sub(w.Started).Seconds(); d > 0 {
			w.PagesPerSec = float64(w.Pages) / d
		}
		return w, err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("workers: %w", err)
	}
	rows, err = s.pool.Query(ctx, `SELECT host, worker, lease_until, in_flight, next_at FROM frontier_hosts
		WHERE worker IS NOT NULL ORDER BY host`)
	if err != nil {
		return nil, nil, fmt.Errorf("host leases: %w", err)
	}
	ls, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (HostLease, error) {
		var l HostLease
		var until, next int64
		err := r.Scan(&l.Host, &l.Worker, &until, &l.InFlight, &next)
		l.Until, l.NextAt = time.UnixMilli(until).UTC(), time.UnixMilli(next).UTC()
		return l, err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("host leases: %w", err)
	}
	return ws, ls, nil
}
