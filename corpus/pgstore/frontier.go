package pgstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The frontier's writes, as corpus.Tx makes them on SQLite (see
// corpus/frontier.go for what each one means), on PostgreSQL.

const frontierColumns = `id, url, host, depth, source, kind, state, priority, attempts, not_before, reason,
	COALESCE(capture_id, 0), run, redirect_to, panics`

func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func scanFrontier(row corpus.RowScanner) (corpus.FrontierEntry, error) {
	var e corpus.FrontierEntry
	var nb int64
	err := row.Scan(frontierDest(&e, &nb)...)
	e.NotBefore = unixMilli(nb)
	return e, err
}

// frontierDest returns the scan destinations of frontierColumns, with
// not_before in nb.
func frontierDest(e *corpus.FrontierEntry, nb *int64) []any {
	return []any{&e.ID, &e.URL, &e.Host, &e.Depth, &e.Source, &e.Kind, &e.State, &e.Priority, &e.Attempts,
		nb, &e.Reason, &e.CaptureID, &e.Run, &e.RedirectTo, &e.Panics}
}

// unixMilli is the time of ms unix milliseconds, zero for 0.
func unixMilli(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const qEnqueue = `INSERT INTO frontier AS f
	(url, host, depth, source, kind, state, priority, not_before, reason, capture_id, run, redirect_to, added_at, updated_at)
	SELECT u.*, $13::bigint, $13::bigint FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[],
		$6::text[], $7::int[], $8::bigint[], $9::text[], $10::bigint[], $11::bigint[], $12::text[]) AS u
	ON CONFLICT (url) DO UPDATE SET
	  depth = excluded.depth, priority = excluded.priority, source = excluded.source,
	  kind = CASE WHEN excluded.kind <> '' THEN excluded.kind ELSE f.kind END,
	  attempts = CASE WHEN f.state = 'queued' THEN f.attempts ELSE 0 END,
	  panics = CASE WHEN f.state = 'queued' THEN f.panics ELSE 0 END,
	  not_before = CASE WHEN f.state = 'queued' THEN f.not_before ELSE excluded.not_before END,
	  state = 'queued', reason = '', run = excluded.run, updated_at = excluded.updated_at
	WHERE excluded.state = 'queued' AND (
	  (f.state = 'queued' AND excluded.depth < f.depth)
	  OR ($16 AND f.state = 'queued' AND excluded.depth <= f.depth AND f.run <> excluded.run)
	  OR ($14 AND f.state IN ('done', 'failed') AND f.run < excluded.run AND f.updated_at < $15))`

// Enqueue adds entries to the frontier in one statement (a batch with ON
// CONFLICT on the normalized URL: no duplicates across workers) and
// returns how many rows it queued or changed.
func (tx *Tx) Enqueue(ctx context.Context, entries []corpus.FrontierEntry, opts corpus.EnqueueOptions) (int, error) {
	args, n, err := tx.enqueueArgs(entries, opts)
	if err != nil || n == 0 {
		return 0, err
	}
	tag, err := tx.tx.Exec(ctx, qEnqueue, args...)
	if err != nil {
		return 0, fmt.Errorf("enqueue %d URLs: %w", n, err)
	}
	return int(tag.RowsAffected()), nil
}

// EnqueueLater is Enqueue sent with the transaction's next statement that
// needs an answer, or with its COMMIT, when nothing waits for the count:
// a crawled page's transaction needs one round trip fewer. *added is set
// to the count once the server has answered, before the transaction
// commits; its error is the error of the statement it went with.
func (tx *Tx) EnqueueLater(ctx context.Context, entries []corpus.FrontierEntry, opts corpus.EnqueueOptions, added *int) error {
	*added = 0
	args, n, err := tx.enqueueArgs(entries, opts)
	if err != nil || n == 0 {
		return err
	}
	tx.tx.laterThen(fmt.Sprintf("enqueue %d URLs", n), qEnqueue, func(tag pgconn.CommandTag) error {
		*added = int(tag.RowsAffected())
		return nil
	}, args...)
	return nil
}

// enqueueArgs returns qEnqueue's arguments for entries, one row per URL,
// and the number of rows.
func (tx *Tx) enqueueArgs(entries []corpus.FrontierEntry, opts corpus.EnqueueOptions) ([]any, int, error) {
	tx.frontierWritten() // the statement writes redirect_to
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	before := int64(1<<62 - 1)
	if !opts.RevisitBefore.IsZero() {
		before = opts.RevisitBefore.UnixMilli()
	}
	seen := map[string]bool{}
	var (
		urls, hosts, sources, kinds, states, reasons, redirects []string
		depths, prios                                           []int32
		nbs, runs                                               []int64
		caps                                                    []*int64
	)
	for _, e := range entries {
		if e.URL == "" || seen[e.URL] { // one row per URL: ON CONFLICT cannot touch a row twice
			continue
		}
		seen[e.URL] = true
		state := e.State
		if state == "" {
			state = corpus.StateQueued
		}
		switch state {
		case corpus.StateQueued, corpus.StateDone, corpus.StateFailed, corpus.StateSkipped:
		default:
			return nil, 0, fmt.Errorf("enqueue %s: bad state %q", e.URL, state)
		}
		var capID *int64
		if e.CaptureID != 0 {
			capID = &e.CaptureID
		}
		urls, hosts, sources, kinds = append(urls, e.URL), append(hosts, e.Host), append(sources, e.Source), append(kinds, e.Kind)
		states, reasons, redirects = append(states, state), append(reasons, e.Reason), append(redirects, e.RedirectTo)
		depths, prios = append(depths, int32(e.Depth)), append(prios, int32(e.Priority))
		nbs, caps, runs = append(nbs, millis(e.NotBefore)), append(caps, capID), append(runs, opts.Run)
	}
	return []any{urls, hosts, depths, sources, kinds, states, prios, nbs, reasons, caps, runs, redirects,
		now.UnixMilli(), opts.Revisit, before, opts.Adopt}, len(urls), nil
}

// ClaimRun moves up to n queued URLs of host due at now, queued by run
// (any run when 0), to in flight for this worker, and returns them,
// highest priority first. It does not look at the host's lease: the
// crawler claims through Frontier.Claim, which does.
func (tx *Tx) ClaimRun(ctx context.Context, host string, run int64, n int, now time.Time) ([]corpus.FrontierEntry, error) {
	if n <= 0 {
		return nil, nil
	}
	rows, err := tx.tx.Query(ctx, `UPDATE frontier SET state = 'in_flight', updated_at = $1, worker = $5
		WHERE id IN (SELECT id FROM frontier WHERE host = $2 AND state = 'queued' AND not_before <= $1
		             AND ($4 = 0 OR run = $4) ORDER BY priority DESC, id LIMIT $3 FOR UPDATE SKIP LOCKED)
		RETURNING `+frontierColumns, now.UnixMilli(), host, n, run, nullID(tx.s.workerID()))
	if err != nil {
		return nil, fmt.Errorf("claim %s: %w", host, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.FrontierEntry, error) { return scanFrontier(r) })
	if err != nil {
		return nil, fmt.Errorf("claim %s: %w", host, err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Priority != out[j].Priority {
			return out[i].Priority > out[j].Priority
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// NextDueRun returns when host's earliest queued URL of run becomes due,
// false when none is queued.
func (tx *Tx) NextDueRun(ctx context.Context, host string, run int64) (time.Time, bool, error) {
	var nb *int64
	err := tx.tx.QueryRow(ctx, "SELECT MIN(not_before) FROM frontier WHERE host = $1 AND state = 'queued' AND ($2 = 0 OR run = $2)",
		host, run).Scan(&nb)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next due %s: %w", host, err)
	}
	if nb == nil {
		return time.Time{}, false, nil
	}
	return time.UnixMilli(*nb).UTC(), true, nil
}

// qSettled gives back the host's in-flight count for a claimed URL that is
// settled, and moves its next allowed start past the delay. The last
// settled URL of a host with nothing queued ends the lease: an idle
// holder must not keep the host from workers that queue URLs on it.
const qSettled = `UPDATE frontier_hosts SET in_flight = GREATEST(in_flight - 1, 0),
		next_at = GREATEST(next_at, $2 + delay_ms),
		worker = CASE WHEN in_flight <= 1 AND NOT EXISTS (SELECT 1 FROM frontier WHERE host = $1 AND state = 'queued')
			THEN NULL ELSE worker END
		WHERE host = $1`

// settled sends qSettled with the transaction's next statement.
func (tx *Tx) settled(host string, now time.Time) {
	tx.tx.later("settle "+host, qSettled, host, now.UnixMilli())
}

// qFinish settles a frontier row and, when it was in flight, its host
// (qSettled) and the worker's page count, in one statement: the crawl
// runs it for every page. $7, when not empty, is the row's kind (SetKind
// of the row just settled). It returns the row's host, none when there is
// no such row.
const qFinish = `WITH old AS (SELECT id, state, host FROM frontier WHERE id = $5 FOR UPDATE),
	f AS (UPDATE frontier f SET state = $1, capture_id = COALESCE($2, f.capture_id), reason = $3,
		updated_at = $4, worker = NULL, kind = COALESCE(NULLIF($7::text, ''), f.kind) FROM old WHERE f.id = old.id RETURNING old.host, old.state = 'in_flight' AS settles),
	h AS (UPDATE frontier_hosts SET in_flight = GREATEST(in_flight - 1, 0),
		next_at = GREATEST(next_at, $4 + delay_ms),
		worker = CASE WHEN in_flight <= 1 AND NOT EXISTS (SELECT 1 FROM frontier q WHERE q.host = frontier_hosts.host
			AND q.state = 'queued' AND q.id <> $5) THEN NULL ELSE worker END
		WHERE host = (SELECT host FROM f WHERE settles)),
	w AS (UPDATE workers SET pages = pages + 1 WHERE id = $6 AND EXISTS (SELECT 1 FROM f WHERE settles))
	SELECT host FROM f`

// Finish settles the frontier row id: done, failed or skipped.
func (tx *Tx) Finish(ctx context.Context, id int64, state string, captureID int64, reason string, now time.Time) error {
	switch state {
	case corpus.StateDone, corpus.StateFailed, corpus.StateSkipped:
	default:
		return fmt.Errorf("finish %d: bad state %q", id, state)
	}
	// Sent with the next statement: nothing waits for its answer, and
	// a row not found fails the transaction there.
	tx.tx.laterOne(fmt.Sprintf("finish %d", id), qFinish, state, nullID(captureID), reason, now.UnixMilli(), id, tx.s.workerID(), "")
	return nil
}

// pendingFinish returns the arguments of the Finish of row id still
// waiting to be sent, nil when there is none.
func (tx *Tx) pendingFinish(id int64) []any {
	for i := len(tx.tx.pending) - 1; i >= 0; i-- {
		if d := tx.tx.pending[i]; d.sql == qFinish && d.args[4] == id {
			return d.args
		}
	}
	return nil
}

// Retry queues the claimed row id again after a transient failure,
// counting the attempt, not before notBefore.
func (tx *Tx) Retry(ctx context.Context, id int64, notBefore time.Time, reason string, now time.Time) error {
	var host string
	err := tx.tx.QueryRow(ctx, `UPDATE frontier SET state = 'queued', attempts = attempts + 1, not_before = $1,
		reason = $2, updated_at = $3, worker = NULL WHERE id = $4 RETURNING host`,
		millis(notBefore), reason, now.UnixMilli(), id).Scan(&host)
	if err != nil {
		return fmt.Errorf("retry %d: %w", id, notFound(err))
	}
	tx.settled(host, now)
	return nil
}

// RecordPanic counts a panic on the claimed row id: queued again below
// limit panics, failed at limit.
func (tx *Tx) RecordPanic(ctx context.Context, id, captureID int64, limit int, reason string, notBefore, now time.Time) (string, int, error) {
	var (
		state, host string
		panics      int
	)
	err := tx.tx.QueryRow(ctx, `UPDATE frontier SET panics = panics + 1,
		state = CASE WHEN panics + 1 >= $1 THEN 'failed' ELSE 'queued' END,
		capture_id = COALESCE($2, capture_id), not_before = $3, reason = $4, updated_at = $5, worker = NULL
		WHERE id = $6 RETURNING state, panics, host`, limit, nullID(captureID), millis(notBefore), reason,
		now.UnixMilli(), id).Scan(&state, &panics, &host)
	if err != nil {
		return "", 0, fmt.Errorf("record panic %d: %w", id, notFound(err))
	}
	tx.settled(host, now)
	return state, panics, nil
}

// Release puts claimed rows back in the queue without counting an
// attempt.
func (tx *Tx) Release(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	// Only this worker's claims: a URL whose host passed to another
	// worker may be that worker's claim now.
	rows, err := tx.tx.Query(ctx, `UPDATE frontier SET state = 'queued', worker = NULL
		WHERE id = ANY($1) AND state = 'in_flight' AND worker IS NOT DISTINCT FROM $2 RETURNING host`, ids, nullID(tx.s.workerID()))
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	hosts, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	counts := map[string]int{}
	for _, h := range hosts {
		counts[h]++
	}
	for h, n := range counts {
		if _, err := tx.tx.Exec(ctx, "UPDATE frontier_hosts SET in_flight = GREATEST(in_flight - $2, 0) WHERE host = $1", h, n); err != nil {
			return fmt.Errorf("release: %w", err)
		}
	}
	return nil
}

// SkipQueued marks every queued URL of host skipped for reason.
func (tx *Tx) SkipQueued(ctx context.Context, host, reason string, now time.Time) (int64, error) {
	tag, err := tx.tx.Exec(ctx, `UPDATE frontier SET state = 'skipped', reason = $1, updated_at = $2
		WHERE host = $3 AND state = 'queued'`, reason, now.UnixMilli(), host)
	if err != nil {
		return 0, fmt.Errorf("skip queued %s: %w", host, err)
	}
	return tag.RowsAffected(), nil
}

// SetKind records what the row id turned out to be. Right after the
// row's Finish (a hub page's commit), it rides in Finish's statement.
func (tx *Tx) SetKind(ctx context.Context, id int64, kind string) error {
	if args := tx.pendingFinish(id); args != nil && kind != "" {
		args[6] = kind
		return nil
	}
	tx.tx.later(fmt.Sprintf("set kind %d", id), "UPDATE frontier SET kind = $1 WHERE id = $2", kind, id)
	return nil
}

// prefetchRedirects asks RedirectsTo for target with the transaction's
// next statement that needs an answer.
func (tx *Tx) prefetchRedirects(target string) {
	tx.redirects = nil
	if target == "" {
		return
	}
	tx.tx.prefetch("redirects to "+target, qRedirectsTo, []any{target}, func(rows pgx.Rows) error {
		r := &redirectLookup{url: target}
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				return err
			}
			r.urls = append(r.urls, u)
		}
		tx.redirects = r
		return nil
	})
}

// SetRedirectTo records where the row id's redirect led.
func (tx *Tx) SetRedirectTo(ctx context.Context, id int64, target string) error {
	tx.frontierWritten()
	tx.tx.later(fmt.Sprintf("set redirect %d", id), "UPDATE frontier SET redirect_to = $1 WHERE id = $2", target, id)
	return nil
}

const qRedirectsTo = "SELECT url FROM frontier WHERE redirect_to = $1 AND redirect_to <> '' ORDER BY url"

// RedirectsTo returns the URLs whose redirect led to target, sorted.
func (tx *Tx) RedirectsTo(ctx context.Context, target string) ([]string, error) {
	if err := tx.askDue(ctx, "", target); err != nil {
		return nil, err
	}
	if r := tx.redirects; r != nil && r.url == target {
		tx.redirects = nil
		return r.urls, nil
	}
	out, err := tx.strings(ctx, qRedirectsTo, target)
	if err != nil {
		return nil, fmt.Errorf("redirects to %s: %w", target, err)
	}
	return out, nil
}

func (tx *Tx) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := tx.tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// FrontierEntry returns the frontier row of u, or ErrNotFound.
func (tx *Tx) FrontierEntry(ctx context.Context, u string) (corpus.FrontierEntry, error) {
	e, err := scanFrontier(tx.tx.QueryRow(ctx, "SELECT "+frontierColumns+" FROM frontier WHERE url = $1", u))
	if err != nil {
		return e, fmt.Errorf("frontier %s: %w", u, notFound(err))
	}
	return e, nil
}

// AddScope records hosts in the crawl's scope.
func (tx *Tx) AddScope(ctx context.Context, hosts []string, source string, now time.Time) error {
	for _, h := range hosts {
		if h == "" {
			continue
		}
		tx.tx.later("add scope "+h, "INSERT INTO crawl_scope (host, source, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
			h, source, now.UnixMilli())
	}
	return nil
}

// Scope returns the crawl's scope, sorted, with stored true; without one,
// the seed URLs' origins with stored false. One statement, one round trip
// (a crawl's start asks it).
func (tx *Tx) Scope(ctx context.Context) ([]string, bool, error) {
	rows, err := tx.tx.Query(ctx, `SELECT host, true FROM crawl_scope
		UNION ALL
		SELECT host, false FROM (SELECT DISTINCT host FROM frontier WHERE source = 'seed') seeds
		WHERE NOT EXISTS (SELECT 1 FROM crawl_scope)
		ORDER BY 1`)
	if err != nil {
		return nil, false, err
	}
	var (
		hosts  []string
		host   string
		stored bool
	)
	_, err = pgx.ForEachRow(rows, []any{&host, &stored}, func() error {
		hosts = append(hosts, host)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	// The stored scope's rows, or else the seeds': each row says which.
	return hosts, stored, nil
}

// RecordRobots records a read of origin's robots.txt and reports whether
// its rules changed.
func (tx *Tx) RecordRobots(ctx context.Context, origin string, check corpus.RobotsCheck, now time.Time) (bool, error) {
	var prev string
	err := tx.tx.QueryRow(ctx, "SELECT robots_sha256 FROM crawl_hosts WHERE host = $1 FOR UPDATE", origin).Scan(&prev)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return false, fmt.Errorf("record robots %s: %w", origin, err)
	}
	sum := check.SHA256
	if check.Error != "" {
		sum = prev
	}
	// With the transaction's next statement (the crawl queues the
	// robots.txt's sitemaps next) or its COMMIT.
	tx.tx.later("record robots "+origin, `INSERT INTO crawl_hosts (host, robots_sha256, robots_status, robots_error, checked_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (host) DO UPDATE SET robots_sha256 = $2, robots_status = $3,
		robots_error = $4, checked_at = $5`, origin, sum, check.Status, check.Error, now.UnixMilli())
	return check.Error == "" && sum != prev, nil
}

func (tx *Tx) execCount(ctx context.Context, what, q string, args ...any) (int64, error) {
	tag, err := tx.tx.Exec(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return tag.RowsAffected(), nil
}

// RequeueRobotsSkipped queues again origin's URLs skipped by robots.txt.
func (tx *Tx) RequeueRobotsSkipped(ctx context.Context, origin string, now time.Time) (int64, error) {
	return tx.execCount(ctx, "requeue robots "+origin, `UPDATE frontier SET state = 'queued', reason = '', attempts = 0,
		not_before = 0, updated_at = $1 WHERE host = $2 AND state = 'skipped' AND reason = $3`,
		now.UnixMilli(), origin, corpus.ErrKindRobots)
}

// RequeueUnreachable queues again the URLs that failed for a cause that
// may pass.
func (tx *Tx) RequeueUnreachable(ctx context.Context, now time.Time) (int64, error) {
	return tx.execCount(ctx, "requeue unreachable", `UPDATE frontier SET state = 'queued', attempts = 0, not_before = 0,
		updated_at = $1 WHERE state = 'failed' AND reason IN ($2, $3, $4, $5)`, now.UnixMilli(),
		corpus.ErrKindDNS, corpus.ErrKindConnection, corpus.ErrKindTimeout, corpus.ErrKindHTTP5xx)
}

// RequeueHubs queues again, for run, the hubs of hosts whose crawl
// finished.
func (tx *Tx) RequeueHubs(ctx context.Context, run int64, maxDepth int, now time.Time) (int64, error) {
	return tx.execCount(ctx, "requeue hubs", `UPDATE frontier SET state = 'queued', attempts = 0,
		panics = 0, not_before = 0, reason = '', run = $1, updated_at = $2
		WHERE kind IN ('sitemap', 'feed', 'probe', $3) AND kind <> '' AND state = 'done' AND run < $1
		AND (kind <> $3 OR depth < $4)
		AND host NOT IN (SELECT host FROM frontier WHERE state IN ('queued', 'in_flight'))`,
		run, now.UnixMilli(), corpus.KindHub, maxDepth)
}

// RequeueHubURLs queues again, for run, those of urls that are hubs.
func (tx *Tx) RequeueHubURLs(ctx context.Context, run int64, urls []string, now time.Time) (int64, error) {
	return tx.execCount(ctx, "requeue hubs", `UPDATE frontier SET state = 'queued', attempts = 0, panics = 0,
		not_before = 0, reason = '', run = $1, updated_at = $2
		WHERE url = ANY($3) AND state = 'done' AND run < $1 AND kind IN ('sitemap', 'feed', 'probe', $4)`,
		run, now.UnixMilli(), urls, corpus.KindHub)
}
