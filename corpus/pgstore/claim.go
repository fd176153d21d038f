package pgstore

import (
	"context"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
)

// claim is qClaim's answer: its status, its time, the host's next allowed
// start, and the URLs claimed.
type claim struct {
	status   string
	at, next int64
	entries  []corpus.FrontierEntry
}

// qClaim is a worker's claim in one statement: take or renew the host's
// lease, then take its due URLs. It was the PL/pgSQL function
// frontier_claim (migrations 0005 and 0008) until migration 0010: a
// function costs each new connection the loading of PL/pgSQL and the
// compiling of its body on its first call, and the database's creation
// the same (docs/BENCHMARKS.md, "The start of a PostgreSQL crawl"). The
// parameters are the host, the worker, the run (0: any), how many URLs,
// now, the lease's end, the delay (milliseconds) and the worker's share
// of hosts (0: no limit; see shareState).
//
// The host row is inserted when there is none (ins) before anything else:
// as in the function, the insert waits for a transaction that is writing
// the row (a page's transaction settling one of the host's URLs) to end,
// so that the claim is not told the host is locked and put off for
// claimRetry (a crawl of 200 pages was told so up to seven times without
// it). Then the host row is locked (h), FOR UPDATE SKIP LOCKED, then the
// URLs. One row answers with status:
//
//	new     the host had no row: it is inserted, and the claim is made
//	        again at once (a row inserted by a statement is not seen by
//	        the same statement);
//	locked  another worker is claiming the host this moment (the host row
//	        is locked): nothing else happens;
//	busy    another worker holds an unexpired lease; at is its end;
//	full    the host is free or its lease expired, but the worker holds
//	        its share of hosts already (the other unexpired leases it
//	        holds): nothing happens (empty when the host has no URL
//	        queued or in flight: nothing to ask again for);
//	drain   the lease is this worker's, beyond its share (as many of its
//	        other unexpired leases sort before the host as its share): no
//	        URL is claimed, the lease is renewed for the URLs in flight;
//	yield   the same, with none in flight: the lease is given back;
//	wait    the lease was free or expired and is now this worker's (the
//	        URLs the last holder had in flight are queued again), but the
//	        host allows no request before at (its next_at);
//	claimed one row per URL claimed, in flight for this worker;
//	due     the lease is this worker's, no URL is due before at;
//	empty   nothing is queued: the lease is given back unless URLs are in
//	        flight.
//
// next is the host's next allowed start as read under the row's lock, 0
// on new, locked, busy and full. Each URL claimed comes with whether, being a
// hub (its kind set), it has no capture LatestCapture would return (see
// uncapturedSet). A lease taken over from a worker that is gone
// queues its URLs again in the claim (rq) and claims them in the next one:
// the statement reads the frontier as it was when it started.
const qClaim = `WITH ins AS (
	INSERT INTO frontier_hosts (host, delay_ms) VALUES ($1::text, $7::bigint)
	ON CONFLICT DO NOTHING RETURNING 1),
h AS (
	SELECT lease_until, next_at, in_flight,
		worker IS NOT NULL AND worker = $2::bigint AS mine,
		worker IS NOT NULL AND worker <> $2::bigint AND lease_until > $5::bigint AS busy,
		$8::bigint > 0 AND (SELECT count(*) FROM frontier_hosts o WHERE o.worker = $2::bigint AND o.lease_until > $5::bigint
			AND o.host <> $1::text AND (o.host < $1::text OR frontier_hosts.worker IS DISTINCT FROM $2::bigint)) >= $8::bigint AS over
	FROM frontier_hosts WHERE host = $1::text AND NOT EXISTS (SELECT FROM ins) FOR UPDATE SKIP LOCKED),
l AS (SELECT mine, NOT mine AND next_at > $5::bigint AS wait, mine AND over AS drain FROM h WHERE NOT busy AND (mine OR NOT over)),
pick AS (SELECT ARRAY(SELECT q.id FROM frontier q
	WHERE q.host = $1::text AND q.state = 'queued' AND q.not_before <= $5::bigint
	  AND ($3::bigint = 0 OR q.run = $3::bigint) AND (SELECT NOT wait AND NOT drain FROM l)
	ORDER BY q.priority DESC, q.id LIMIT GREATEST($4::int, 0) FOR UPDATE SKIP LOCKED) AS ids),
rq AS (SELECT ARRAY(SELECT q.id FROM frontier q
	WHERE q.host = $1::text AND q.state = 'in_flight' AND (SELECT NOT mine FROM l)) AS ids),
c AS (
	UPDATE frontier f SET
		state = CASE WHEN f.id = ANY (pick.ids) THEN 'in_flight' ELSE 'queued' END,
		worker = CASE WHEN f.id = ANY (pick.ids) THEN $2::bigint END,
		updated_at = CASE WHEN f.id = ANY (pick.ids) THEN $5::bigint ELSE f.updated_at END
	FROM pick
	WHERE f.id = ANY ((SELECT ids FROM pick) || (SELECT ids FROM rq))
	  AND CASE WHEN f.id = ANY (pick.ids) THEN true ELSE f.state = 'in_flight' END
	RETURNING f.id, f.url, f.host, f.depth, f.source, f.kind, f.state, f.priority, f.attempts, f.not_before,
		f.reason, COALESCE(f.capture_id, 0) AS capture_id, f.run, f.redirect_to, f.panics, f.id = ANY (pick.ids) AS picked,
		f.kind <> '' AND NOT EXISTS (SELECT 1 FROM captures x WHERE (x.url = f.url OR (x.requested_url = f.url AND x.requested_url <> x.url))
			AND x.error_kind = '' AND x.status BETWEEN 200 AND 399) AS uncaptured),
e AS (
	SELECT l.mine, l.wait, l.drain, n.n, CASE WHEN l.wait OR l.drain OR n.n > 0 THEN NULL ELSE LEAST(
			(SELECT MIN(q.not_before) FROM frontier q WHERE q.host = $1::text AND q.state = 'queued'
				AND ($3::bigint = 0 OR q.run = $3::bigint)),
			CASE WHEN NOT l.mine THEN (SELECT MIN(q.not_before) FROM frontier q WHERE q.host = $1::text
				AND q.state = 'in_flight' AND ($3::bigint = 0 OR q.run = $3::bigint)) END) END AS due
	FROM l, (SELECT count(*) AS n FROM c WHERE c.picked) n),
fl AS (SELECT EXISTS (SELECT 1 FROM frontier q WHERE q.host = $1::text AND q.state = 'in_flight'
	AND q.worker = $2::bigint) AS busy),
u AS (
	UPDATE frontier_hosts fh SET
		worker = CASE WHEN e.n = 0 AND NOT e.wait AND e.due IS NULL AND NOT (e.mine AND fl.busy) THEN NULL ELSE $2::bigint END,
		lease_until = CASE WHEN e.n = 0 AND NOT e.wait AND e.due IS NULL AND NOT (e.mine AND fl.busy) THEN 0
			WHEN e.mine THEN GREATEST(fh.lease_until, $6::bigint) ELSE $6::bigint END,
		delay_ms = GREATEST(fh.delay_ms, $7::bigint),
		in_flight = CASE WHEN e.mine THEN fh.in_flight ELSE 0 END + e.n
	FROM e, fl WHERE fh.host = $1::text),
st AS (
	SELECT CASE WHEN h.busy IS NULL THEN
			CASE WHEN EXISTS (SELECT 1 FROM frontier_hosts WHERE host = $1::text) THEN 'locked' ELSE 'new' END
		WHEN h.busy THEN 'busy'
		WHEN e.mine IS NULL THEN CASE WHEN EXISTS (SELECT 1 FROM frontier q WHERE q.host = $1::text
			AND (q.state = 'in_flight' OR (q.state = 'queued' AND ($3::bigint = 0 OR q.run = $3::bigint)))) THEN 'full' ELSE 'empty' END
		WHEN e.drain THEN
			CASE WHEN fl.busy THEN 'drain' ELSE 'yield' END
		WHEN e.wait THEN 'wait' WHEN e.n > 0 THEN 'claimed'
		WHEN e.due IS NOT NULL THEN 'due' ELSE 'empty' END AS status,
		CASE WHEN h.busy THEN h.lease_until WHEN e.wait THEN h.next_at ELSE COALESCE(e.due, 0) END AS at,
		CASE WHEN h.busy IS NULL OR h.busy OR e.mine IS NULL THEN 0 ELSE h.next_at END AS next
	FROM (SELECT) one LEFT JOIN h ON true LEFT JOIN e ON true, fl)
SELECT st.status, st.at, st.next, COALESCE(c.id, 0), COALESCE(c.url, ''), COALESCE(c.host, ''), COALESCE(c.depth, 0),
	COALESCE(c.source, ''), COALESCE(c.kind, ''), COALESCE(c.state, ''), COALESCE(c.priority, 0), COALESCE(c.attempts, 0),
	COALESCE(c.not_before, 0), COALESCE(c.reason, ''), COALESCE(c.capture_id, 0), COALESCE(c.run, 0),
	COALESCE(c.redirect_to, ''), COALESCE(c.panics, 0), COALESCE(c.uncaptured, false)
FROM st LEFT JOIN c ON c.picked ORDER BY c.priority DESC, c.id
`

// qGenericPlan sets plan_cache_mode and enable_seqscan until the end of
// the transaction: sent in one batch with qClaim, the two in one implicit
// transaction (one Sync), the claim runs its cached generic plan instead
// of planning anew at every call. Left to choose, PostgreSQL plans qClaim
// for every call (a plan for the call's n and run looks cheaper than the
// generic one), which costs more than the claim itself: 1.4-2.1 ms of
// server CPU a claim against 0.54-0.69 ms with the generic plan (and
// 0.87-1.3 ms for the function before; 100 claims each on a
// 300,000-row frontier, three rounds). The generic plan is made once per
// connection, at its first claim, when a new crawl's frontier has a few
// rows: without enable_seqscan off it reads the whole frontier on every
// claim once the frontier has grown; with it, every table is read by an
// index, which is the plan for a frontier of any size.
const qGenericPlan = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true)"

// claim runs qClaim, in a transaction of its own, with its generic plan
// (qGenericPlan): one round trip. Every shareEvery one claim also counts
// the workers and hosts (qShare) for the worker's share.
func (f *Frontier) claim(ctx context.Context, host string, run int64, n int, now time.Time) (c claim, err error) {
	b := &pgx.Batch{}
	// The count comes first: after qGenericPlan, without a sequential
	// scan, the plan of its scan of workers would cost enough to be
	// compiled (JIT), half a second.
	share := f.shareDue(now)
	if share {
		f.queueShare(b, now)
	}
	b.Queue(qGenericPlan)
	b.Queue(qClaim, host, f.id, run, n, now.UnixMilli(), now.Add(f.opts.LeaseTTL).UnixMilli(), f.opts.Delay.Milliseconds(),
		f.share.limit.Load())
	br := f.s.pool.SendBatch(ctx, b)
	defer br.Close()
	if share {
		if err := f.readShare(br); err != nil {
			return c, err
		}
	}
	if _, err := br.Exec(); err != nil {
		return c, err
	}
	rows, err := br.Query()
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var e corpus.FrontierEntry
		var nb int64
		var uncaptured bool
		if err := rows.Scan(append(append([]any{&c.status, &c.at, &c.next}, frontierDest(&e, &nb)...), &uncaptured)...); err != nil {
			return c, err
		}
		if c.status == "claimed" {
			e.NotBefore = unixMilli(nb)
			c.entries = append(c.entries, e)
			if uncaptured {
				f.s.uncaptured.add(e.URL)
			} else {
				f.s.uncaptured.drop(e.URL)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}
	return c, br.Close()
}
