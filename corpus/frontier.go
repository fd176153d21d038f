package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Frontier states (FrontierEntry.State).
const (
	StateQueued   = "queued"    // waiting to be fetched
	StateInFlight = "in_flight" // claimed by a running crawl
	StateDone     = "done"      // captured
	StateFailed   = "failed"    // captured as an error after the retries
	StateSkipped  = "skipped"   // never fetched: robots.txt, a trap, a budget
)

// FrontierEntry is one URL of the crawl frontier and visited set.
type FrontierEntry struct {
	ID        int64
	URL       string // normalized URL, the key
	Host      string // lower-case host of URL
	Depth     int    // link hops from a seed
	Source    string // the page it was found on, or "seed", "sitemap", "feed", "robots"
	Kind      string // what is expected there: "" (a page), "sitemap", "feed", "probe"
	State     string // one of the State constants
	Priority  int    // higher is claimed first
	Attempts  int    // failed attempts so far
	Panics    int    // times processing it made the crawler panic (see RecordPanic)
	NotBefore time.Time
	Reason    string // why skipped or failed
	CaptureID int64  // the capture that settled it, 0 when none
	Run       int64  // the crawl run that last queued it
	// RedirectTo is the normalized URL a redirect from this URL led to,
	// when the crawl did not follow it there (the target was already
	// known, or on another host): the target's article takes this URL as
	// one of its names when it is stored.
	RedirectTo string
}

// EnqueueOptions tells Enqueue how to treat URLs it already knows.
type EnqueueOptions struct {
	Run int64     // the current crawl run (see BeginRun)
	Now time.Time // the time to record; time.Now() when zero
	// Revisit queues again the known URLs that an earlier run settled
	// (done or failed), for a recrawl, with their attempts and panics
	// reset.
	Revisit bool
	// RevisitBefore limits Revisit to URLs settled before this time; zero
	// means any.
	RevisitBefore time.Time
	// Adopt makes URLs that an earlier run queued, and that are offered
	// again at the same depth or less, this run's (see ClaimRun): a crawl
	// that fetches only what it was asked for takes them over.
	Adopt bool
}

func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// Enqueue adds entries to the frontier and returns how many rows it
// queued or changed. A URL already known is left alone, except that a
// queued URL found again at a smaller depth takes that depth, and, with
// opts.Revisit, a URL settled by an earlier run is queued again, with its
// counts of attempts and panics back at zero (a recrawl gives it every try
// anew). Entries whose State is set (skipped, done) are recorded in that
// state when new, so that the visited set knows them.
func (tx *Tx) Enqueue(ctx context.Context, entries []FrontierEntry, opts EnqueueOptions) (int, error) {
	if len(entries) == 0 {
		return 0, nil
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	before := int64(1<<62 - 1)
	if !opts.RevisitBefore.IsZero() {
		before = opts.RevisitBefore.UnixMilli()
	}
	revisit, adopt := 0, 0
	if opts.Revisit {
		revisit = 1
	}
	if opts.Adopt {
		adopt = 1
	}
	stmt := tx.stmt(ctx, qEnqueue)
	defer stmt.Close()
	n := 0
	for i := range entries {
		e := &entries[i]
		if e.URL == "" {
			continue
		}
		state := e.State
		if state == "" {
			state = StateQueued
		}
		if !validState(state) || state == StateInFlight {
			return n, fmt.Errorf("enqueue %s: bad state %q", e.URL, state)
		}
		var capID any
		if e.CaptureID != 0 {
			capID = e.CaptureID
		}
		res, err := stmt.ExecContext(ctx, e.URL, e.Host, e.Depth, e.Source, e.Kind, state, e.Priority,
			millis(e.NotBefore), e.Reason, capID, opts.Run, now.UnixMilli(), revisit, before, e.RedirectTo, adopt)
		if err != nil {
			return n, fmt.Errorf("enqueue %s: %w", e.URL, describe(err))
		}
		if k, err := res.RowsAffected(); err == nil {
			n += int(k)
		}
	}
	return n, nil
}

const frontierColumns = `id, url, host, depth, source, kind, state, priority, attempts, not_before, reason,
	COALESCE(capture_id, 0), run, redirect_to, panics`

// Hot write statements of the frontier (see writeQuery).
var (
	qEnqueue = writeQuery(`INSERT INTO frontier
		(url, host, depth, source, kind, state, priority, not_before, reason, capture_id, run, redirect_to, added_at, updated_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?15, ?12, ?12)
		ON CONFLICT(url) DO UPDATE SET
		  depth = excluded.depth, priority = excluded.priority, source = excluded.source,
		  kind = CASE WHEN excluded.kind <> '' THEN excluded.kind ELSE frontier.kind END,
		  attempts = CASE WHEN frontier.state = 'queued' THEN frontier.attempts ELSE 0 END,
		  panics = CASE WHEN frontier.state = 'queued' THEN frontier.panics ELSE 0 END,
		  not_before = CASE WHEN frontier.state = 'queued' THEN frontier.not_before ELSE excluded.not_before END,
		  state = 'queued', reason = '', run = excluded.run, updated_at = excluded.updated_at
		WHERE excluded.state = 'queued' AND (
		  (frontier.state = 'queued' AND excluded.depth < frontier.depth)
		  OR (?16 AND frontier.state = 'queued' AND excluded.depth <= frontier.depth AND frontier.run <> excluded.run)
		  OR (?13 AND frontier.state IN ('done', 'failed') AND frontier.run < excluded.run
		      AND frontier.updated_at < ?14))`)
	qClaim = writeQuery(`UPDATE frontier SET state = 'in_flight', updated_at = ?1
		WHERE id IN (SELECT id FROM frontier WHERE host = ?2 AND state = 'queued' AND not_before <= ?3
		             AND (?5 = 0 OR run = ?5)
		             ORDER BY priority DESC, id LIMIT ?4)
		RETURNING ` + frontierColumns)
	qNextDue = writeQuery("SELECT MIN(not_before) FROM frontier WHERE host = ?1 AND state = 'queued' AND (?2 = 0 OR run = ?2)")
	qFinish  = writeQuery(`UPDATE frontier SET state = ?, capture_id = COALESCE(?, capture_id),
		reason = ?, updated_at = ? WHERE id = ?`)
	qSetRedirectTo = writeQuery("UPDATE frontier SET redirect_to = ? WHERE id = ?")
	qRedirectsTo   = writeQuery("SELECT url FROM frontier WHERE redirect_to = ? AND redirect_to <> '' ORDER BY url")
	qRetry         = writeQuery(`UPDATE frontier SET state = 'queued', attempts = attempts + 1,
		not_before = ?, reason = ?, updated_at = ? WHERE id = ?`)
	qPanic = writeQuery(`UPDATE frontier SET panics = panics + 1,
		state = CASE WHEN panics + 1 >= ?1 THEN 'failed' ELSE 'queued' END,
		capture_id = COALESCE(?2, capture_id), not_before = ?3, reason = ?4, updated_at = ?5
		WHERE id = ?6 RETURNING state, panics`)
	qRelease       = writeQuery("UPDATE frontier SET state = 'queued' WHERE id = ? AND state = 'in_flight'")
	qFrontierByURL = writeQuery("SELECT " + frontierColumns + " FROM frontier WHERE url = ?")
)

func scanFrontier(row rowScanner) (FrontierEntry, error) {
	var (
		e  FrontierEntry
		nb int64
	)
	err := row.Scan(&e.ID, &e.URL, &e.Host, &e.Depth, &e.Source, &e.Kind, &e.State, &e.Priority, &e.Attempts,
		&nb, &e.Reason, &e.CaptureID, &e.Run, &e.RedirectTo, &e.Panics)
	e.NotBefore = fromMillis(nb)
	return e, err
}

// Claim moves up to n queued URLs of host that are due at now to the
// in-flight state and returns them, highest priority first, then in the
// order they were queued.
func (tx *Tx) Claim(ctx context.Context, host string, n int, now time.Time) ([]FrontierEntry, error) {
	return tx.ClaimRun(ctx, host, 0, n, now)
}

// ClaimRun is Claim limited to the URLs that crawl run run queued (every
// URL when run is 0).
func (tx *Tx) ClaimRun(ctx context.Context, host string, run int64, n int, now time.Time) ([]FrontierEntry, error) {
	if n <= 0 {
		return nil, nil
	}
	rows, err := tx.stmt(ctx, qClaim).QueryContext(ctx, now.UnixMilli(), host, now.UnixMilli(), n, run)
	if err != nil {
		return nil, fmt.Errorf("claim %s: %w", host, describe(err))
	}
	defer rows.Close()
	var out []FrontierEntry
	for rows.Next() {
		e, err := scanFrontier(rows)
		if err != nil {
			return nil, fmt.Errorf("claim %s: %w", host, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim %s: %w", host, describe(err))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Priority != out[j].Priority {
			return out[i].Priority > out[j].Priority
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// NextDue returns when the earliest queued URL of host becomes due, and
// false when host has nothing queued.
func (tx *Tx) NextDue(ctx context.Context, host string) (time.Time, bool, error) {
	return tx.NextDueRun(ctx, host, 0)
}

// NextDueRun is NextDue limited to the URLs that crawl run run queued
// (every URL when run is 0).
func (tx *Tx) NextDueRun(ctx context.Context, host string, run int64) (time.Time, bool, error) {
	var nb sql.NullInt64
	err := tx.stmt(ctx, qNextDue).QueryRowContext(ctx, host, run).Scan(&nb)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next due %s: %w", host, describe(err))
	}
	if !nb.Valid {
		return time.Time{}, false, nil
	}
	return time.UnixMilli(nb.Int64).UTC(), true, nil
}

// Finish settles the frontier row id: state is StateDone, StateFailed or
// StateSkipped; captureID (0 for none) is the capture that settled it.
func (tx *Tx) Finish(ctx context.Context, id int64, state string, captureID int64, reason string, now time.Time) error {
	switch state {
	case StateDone, StateFailed, StateSkipped:
	default:
		return fmt.Errorf("finish %d: bad state %q", id, state)
	}
	var capID any
	if captureID != 0 {
		capID = captureID
	}
	if _, err := tx.stmt(ctx, qFinish).ExecContext(ctx, state, capID, reason, now.UnixMilli(), id); err != nil {
		return fmt.Errorf("finish %d: %w", id, describe(err))
	}
	return nil
}

// SetRedirectTo records on the frontier row id the URL its redirect led
// to (see FrontierEntry.RedirectTo).
func (tx *Tx) SetRedirectTo(ctx context.Context, id int64, target string) error {
	if _, err := tx.stmt(ctx, qSetRedirectTo).ExecContext(ctx, target, id); err != nil {
		return fmt.Errorf("set redirect %d: %w", id, describe(err))
	}
	return nil
}

// RedirectsTo returns the URLs whose redirect led to the normalized URL
// target without being followed there, sorted.
func (tx *Tx) RedirectsTo(ctx context.Context, target string) ([]string, error) {
	rows, err := tx.stmt(ctx, qRedirectsTo).QueryContext(ctx, target)
	if err != nil {
		return nil, fmt.Errorf("redirects to %s: %w", target, describe(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("redirects to %s: %w", target, err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("redirects to %s: %w", target, describe(err))
	}
	return out, nil
}

// Retry puts the frontier row id back in the queue after a transient
// failure, counting the attempt: it is not claimed again before notBefore.
func (tx *Tx) Retry(ctx context.Context, id int64, notBefore time.Time, reason string, now time.Time) error {
	if _, err := tx.stmt(ctx, qRetry).ExecContext(ctx,
		millis(notBefore), reason, now.UnixMilli(), id); err != nil {
		return fmt.Errorf("retry %d: %w", id, describe(err))
	}
	return nil
}

// RecordPanic counts a panic of the crawler while it processed the
// frontier row id, whose failed capture (0 for none) is captureID. Below
// limit panics the row is queued again, not before notBefore, for one more
// try; at limit it is failed for good, and no resumed crawl fetches it
// again (only a recrawl does, which resets the count: see Enqueue). It
// returns the row's new state and count.
func (tx *Tx) RecordPanic(ctx context.Context, id, captureID int64, limit int, reason string, notBefore, now time.Time) (string, int, error) {
	var capID any
	if captureID != 0 {
		capID = captureID
	}
	var (
		state  string
		panics int
	)
	err := tx.stmt(ctx, qPanic).QueryRowContext(ctx, limit, capID, millis(notBefore), reason, now.UnixMilli(), id).Scan(&state, &panics)
	if err != nil {
		return "", 0, fmt.Errorf("record panic %d: %w", id, describe(err))
	}
	return state, panics, nil
}

// Release puts claimed rows that were never fetched back in the queue,
// without counting an attempt.
func (tx *Tx) Release(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		if _, err := tx.stmt(ctx, qRelease).ExecContext(ctx, id); err != nil {
			return fmt.Errorf("release %d: %w", id, describe(err))
		}
	}
	return nil
}

// SkipQueued marks every queued URL of host as skipped with reason (a
// spent page budget) and returns how many it marked.
func (tx *Tx) SkipQueued(ctx context.Context, host, reason string, now time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(ctx, `UPDATE frontier SET state = 'skipped', reason = ?, updated_at = ?
		WHERE host = ? AND state = 'queued'`, reason, now.UnixMilli(), host)
	if err != nil {
		return 0, fmt.Errorf("skip queued %s: %w", host, describe(err))
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// FrontierEntry returns the frontier row of the normalized URL u, or
// ErrNotFound.
func (tx *Tx) FrontierEntry(ctx context.Context, u string) (FrontierEntry, error) {
	e, err := scanFrontier(tx.stmt(ctx, qFrontierByURL).QueryRowContext(ctx, u))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("frontier %s: %w", u, ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("frontier %s: %w", u, describe(err))
	}
	return e, nil
}

// FrontierEntry returns the frontier row of the normalized URL u, or
// ErrNotFound.
func (db *DB) FrontierEntry(ctx context.Context, u string) (FrontierEntry, error) {
	e, err := scanFrontier(db.r.QueryRowContext(ctx, "SELECT "+frontierColumns+" FROM frontier WHERE url = ?", u))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("frontier %s: %w", u, ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("frontier %s: %w", u, err)
	}
	return e, nil
}

// ForEachFrontier calls fn for each frontier row in state (every row when
// state is empty), in id order. It streams.
func (db *DB) ForEachFrontier(ctx context.Context, state string, fn func(FrontierEntry) error) error {
	q, args := "SELECT "+frontierColumns+" FROM frontier", []any{}
	if state != "" {
		q += " WHERE state = ?"
		args = append(args, state)
	}
	rows, err := db.r.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return fmt.Errorf("list frontier: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanFrontier(rows)
		if err != nil {
			return fmt.Errorf("list frontier: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list frontier: %w", err)
	}
	return nil
}

// HostSettled returns how many URLs of host are done or failed: the pages
// spent from its budget.
func (db *DB) HostSettled(ctx context.Context, host string) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx,
		"SELECT COUNT(*) FROM frontier WHERE host = ? AND state IN ('done', 'failed')", host).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("host pages %s: %w", host, err)
	}
	return n, nil
}

// QueuedHosts returns the hosts that have queued URLs, sorted.
func (db *DB) QueuedHosts(ctx context.Context) ([]string, error) {
	return db.QueuedHostsRun(ctx, 0)
}

// QueuedHostsRun is QueuedHosts limited to the URLs that crawl run run
// queued (every URL when run is 0).
func (db *DB) QueuedHostsRun(ctx context.Context, run int64) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT DISTINCT host FROM frontier WHERE state = 'queued'
		AND (?1 = 0 OR run = ?1) ORDER BY host`, run)
	if err != nil {
		return nil, fmt.Errorf("queued hosts: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, fmt.Errorf("queued hosts: %w", err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queued hosts: %w", err)
	}
	return out, nil
}

// ResetInFlight puts every in-flight row back in the queue. A crawl calls
// it when it starts: rows left in flight belong to a crawl that was killed,
// and they are fetched again. It returns how many rows it reset.
func (db *DB) ResetInFlight(ctx context.Context) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, "UPDATE frontier SET state = 'queued' WHERE state = 'in_flight'")
		if err != nil {
			return fmt.Errorf("reset in-flight: %w", describe(err))
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}

// FrontierStats counts the frontier by state.
type FrontierStats struct {
	Queued   int64 `json:"queued"`
	InFlight int64 `json:"in_flight"`
	Done     int64 `json:"done"`
	Failed   int64 `json:"failed"`
	Skipped  int64 `json:"skipped"`
	// Hosts is the number of hosts with queued or in-flight URLs.
	Hosts int64 `json:"hosts"`
	// HostsWaiting is the number of hosts whose queued URLs are all
	// waiting for a retry time or a Retry-After pause.
	HostsWaiting int64 `json:"hosts_waiting"`
	// Runs is the number of crawl runs; Running those not finished (still
	// running, or killed).
	Runs    int64 `json:"runs"`
	Running int64 `json:"running"`
	// Details are set by `archivist stats` only (see FrontierDetails).
	Details *FrontierDetails `json:"details,omitempty"`
}

// FrontierDetails tells why URLs were not captured.
type FrontierDetails struct {
	SkippedByReason []Count     `json:"skipped_by_reason"` // never fetched: robots.txt, trap, budget
	FailedByReason  []Count     `json:"failed_by_reason"`  // fetched as errors after the retries
	Unreachable     []HostError `json:"unreachable"`       // hosts whose robots.txt could not be read
}

// FrontierStats counts the frontier by state, from the read pool, so it
// can watch a crawl that another process runs.
func (db *DB) FrontierStats(ctx context.Context) (FrontierStats, error) {
	var s FrontierStats
	rows, err := db.r.QueryContext(ctx, "SELECT state, COUNT(*) FROM frontier GROUP BY state")
	if err != nil {
		return s, fmt.Errorf("frontier stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			state string
			n     int64
		)
		if err := rows.Scan(&state, &n); err != nil {
			return s, fmt.Errorf("frontier stats: %w", err)
		}
		switch state {
		case StateQueued:
			s.Queued = n
		case StateInFlight:
			s.InFlight = n
		case StateDone:
			s.Done = n
		case StateFailed:
			s.Failed = n
		case StateSkipped:
			s.Skipped = n
		}
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("frontier stats: %w", err)
	}
	now := time.Now().UnixMilli()
	err = db.r.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(waiting), 0) FROM (
		SELECT host, MIN(CASE WHEN state = 'queued' AND not_before > ? THEN 1 ELSE 0 END) AS waiting
		FROM frontier WHERE state IN ('queued', 'in_flight') GROUP BY host)`, now).Scan(&s.Hosts, &s.HostsWaiting)
	if err != nil {
		return s, fmt.Errorf("frontier stats: %w", err)
	}
	err = db.r.QueryRowContext(ctx, "SELECT COUNT(*), COUNT(*) - COUNT(finished_at) FROM crawl_runs").
		Scan(&s.Runs, &s.Running)
	if err != nil {
		return s, fmt.Errorf("frontier stats: %w", err)
	}
	return s, nil
}

// BeginRun records the start of a crawl run with its settings (any value
// that encodes to JSON) and returns the run's id.
func (tx *Tx) BeginRun(ctx context.Context, settings any, now time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(ctx, "INSERT INTO crawl_runs (started_at, settings) VALUES (?, ?)",
		formatTime(now), marshalJSON(settings))
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", describe(err))
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	return id, nil
}

// EndRun records the end of crawl run id with its summary (any value that
// encodes to JSON).
func (tx *Tx) EndRun(ctx context.Context, id int64, summary any, now time.Time) error {
	if _, err := tx.tx.ExecContext(ctx, "UPDATE crawl_runs SET finished_at = ?, summary = ? WHERE id = ?",
		formatTime(now), marshalJSON(summary), id); err != nil {
		return fmt.Errorf("end run %d: %w", id, describe(err))
	}
	return nil
}

// RunSettings returns the settings crawl run id recorded (JSON), or
// ErrNotFound.
func (db *DB) RunSettings(ctx context.Context, id int64) (string, error) {
	var s string
	err := db.r.QueryRowContext(ctx, "SELECT settings FROM crawl_runs WHERE id = ?", id).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("run %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("run %d: %w", id, describe(err))
	}
	return s, nil
}

// validState reports whether s names a frontier state.
func validState(s string) bool {
	return strings.Contains("|queued|in_flight|done|failed|skipped|", "|"+s+"|")
}

// Scope sources (AddScope).
const (
	ScopeSeed      = "seed"       // the host of a seed URL
	ScopeAllowHost = "allow-host" // named by --allow-host
	ScopeRedirect  = "redirect"   // a seed redirected there
)

// AddScope records hosts (lower case, without a leading "www." and
// without port) in the crawl's scope; hosts already there keep their
// source.
func (tx *Tx) AddScope(ctx context.Context, hosts []string, source string, now time.Time) error {
	for _, h := range hosts {
		if h == "" {
			continue
		}
		if _, err := tx.tx.ExecContext(ctx, "INSERT OR IGNORE INTO crawl_scope (host, source, added_at) VALUES (?, ?, ?)",
			h, source, now.UnixMilli()); err != nil {
			return fmt.Errorf("add scope %s: %w", h, describe(err))
		}
	}
	return nil
}

// Scope returns the hosts of the crawl's scope (see AddScope), sorted,
// with stored true. A corpus crawled before the scope was stored has
// none: Scope then returns, with stored false, the origins of the
// frontier's seed URLs (scheme://host[:port]), from which the scope can
// be rebuilt.
func (tx *Tx) Scope(ctx context.Context) (hosts []string, stored bool, err error) {
	hosts, err = tx.strings(ctx, "SELECT host FROM crawl_scope ORDER BY host")
	if err != nil || len(hosts) > 0 {
		return hosts, true, err
	}
	hosts, err = tx.strings(ctx, "SELECT DISTINCT host FROM frontier WHERE source = 'seed' ORDER BY host")
	return hosts, false, err
}

// strings runs a query of one text column.
func (tx *Tx) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := tx.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("query: %w", describe(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query: %w", describe(err))
	}
	return out, nil
}

// RobotsCheck is one attempt to read an origin's robots.txt.
type RobotsCheck struct {
	SHA256 string // digest of what was read (status and rules); "" when it could not be read
	Status int    // HTTP status, 0 when no response came
	Error  string // why it could not be read, "" when it was
	// Kind is the error kind (ErrKind...) of a read that failed, for
	// the crawl workers that share the read (not recorded on SQLite).
	Kind string
}

// RecordRobots records check for origin (scheme://host[:port]) and reports
// whether the rules read differ from those of the last read (true for a
// first read; false when check failed, which keeps the last rules' digest).
func (tx *Tx) RecordRobots(ctx context.Context, origin string, check RobotsCheck, now time.Time) (changed bool, err error) {
	var prev string
	err = tx.tx.QueryRowContext(ctx, "SELECT robots_sha256 FROM crawl_hosts WHERE host = ?", origin).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("record robots %s: %w", origin, describe(err))
	}
	sum := check.SHA256
	if check.Error != "" {
		sum = prev
	}
	_, err = tx.tx.ExecContext(ctx, `INSERT INTO crawl_hosts (host, robots_sha256, robots_status, robots_error, checked_at)
		VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(host) DO UPDATE SET robots_sha256 = ?2, robots_status = ?3,
		robots_error = ?4, checked_at = ?5`, origin, sum, check.Status, check.Error, now.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("record robots %s: %w", origin, describe(err))
	}
	return check.Error == "" && sum != prev, nil
}

// RequeueRobotsSkipped queues again the URLs of origin that robots.txt
// made the crawl skip, so that they are judged by its current rules, and
// returns how many.
func (tx *Tx) RequeueRobotsSkipped(ctx context.Context, origin string, now time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(ctx, `UPDATE frontier SET state = 'queued', reason = '', attempts = 0, not_before = 0,
		updated_at = ? WHERE host = ? AND state = 'skipped' AND reason = ?`, now.UnixMilli(), origin, ErrKindRobots)
	if err != nil {
		return 0, fmt.Errorf("requeue robots %s: %w", origin, describe(err))
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// RequeueUnreachable queues again the URLs that failed for a cause that
// may pass (no such host, refused or reset connections, TLS, timeouts,
// 5xx after the retries), with their attempts back at zero, and returns
// how many: a host that could not be reached is tried again by the next
// run, never given up for good.
func (tx *Tx) RequeueUnreachable(ctx context.Context, now time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(ctx, `UPDATE frontier SET state = 'queued', attempts = 0, not_before = 0, updated_at = ?
		WHERE state = 'failed' AND reason IN (?, ?, ?, ?)`,
		now.UnixMilli(), ErrKindDNS, ErrKindConnection, ErrKindTimeout, ErrKindHTTP5xx)
	if err != nil {
		return 0, fmt.Errorf("requeue unreachable: %w", describe(err))
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// KindHub marks a frontier URL found to be a page of links (a front or
// section page): see RequeueHubs.
const KindHub = "hub"

// SetKind records what the frontier row id turned out to be (KindHub).
func (tx *Tx) SetKind(ctx context.Context, id int64, kind string) error {
	if _, err := tx.stmt(ctx, qSetKind).ExecContext(ctx, kind, id); err != nil {
		return fmt.Errorf("set kind %d: %w", id, describe(err))
	}
	return nil
}

var qSetKind = writeQuery("UPDATE frontier SET kind = ? WHERE id = ?")

// RequeueHubs queues again, for crawl run run, the hubs an earlier run
// fetched on the hosts that have nothing queued (their crawl finished):
// sitemaps, feeds, and pages of links (KindHub) less than maxDepth hops
// from a seed, whose new links are then followed. It returns how many it
// queued.
func (tx *Tx) RequeueHubs(ctx context.Context, run int64, maxDepth int, now time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(ctx, `UPDATE frontier INDEXED BY frontier_kind SET state = 'queued', attempts = 0,
		panics = 0, not_before = 0, reason = '', run = ?1, updated_at = ?2
		WHERE kind IN ('sitemap', 'feed', 'probe', ?3) AND kind <> '' AND state = 'done' AND run < ?1
		AND (kind <> ?3 OR depth < ?4)
		AND host NOT IN (SELECT host FROM frontier WHERE state IN ('queued', 'in_flight'))`,
		run, now.UnixMilli(), KindHub, maxDepth)
	if err != nil {
		return 0, fmt.Errorf("requeue hubs: %w", describe(err))
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// RequeueHubURLs queues again, for crawl run run, those of urls that are
// hubs (see RequeueHubs) an earlier run fetched, and returns how many: a
// crawl given a sitemap, a feed or a front page as a seed checks it again.
func (tx *Tx) RequeueHubURLs(ctx context.Context, run int64, urls []string, now time.Time) (int64, error) {
	var n int64
	for _, u := range urls {
		res, err := tx.tx.ExecContext(ctx, `UPDATE frontier SET state = 'queued', attempts = 0, panics = 0,
			not_before = 0, reason = '', run = ?1, updated_at = ?2
			WHERE url = ?3 AND state = 'done' AND run < ?1 AND kind IN ('sitemap', 'feed', 'probe', ?4)`,
			run, now.UnixMilli(), u, KindHub)
		if err != nil {
			return n, fmt.Errorf("requeue hub %s: %w", u, describe(err))
		}
		k, _ := res.RowsAffected()
		n += k
	}
	return n, nil
}

// HostError is an origin whose robots.txt could not be read on the
// crawl's last try: its URLs wait in the queue for the next run.
type HostError struct {
	Host      string    `json:"host"`   // scheme://host[:port]
	Status    int       `json:"status"` // 0 when no response came
	Error     string    `json:"error"`
	CheckedAt time.Time `json:"checked_at"`
	Queued    int64     `json:"queued"` // URLs of the host waiting
}

// FrontierDetails counts the skipped and failed URLs by reason and lists
// the unreachable hosts.
func (db *DB) FrontierDetails(ctx context.Context) (*FrontierDetails, error) {
	s := &FrontierDetails{SkippedByReason: []Count{}, FailedByReason: []Count{}, Unreachable: []HostError{}}
	for _, q := range []struct {
		state string
		dst   *[]Count
	}{{StateSkipped, &s.SkippedByReason}, {StateFailed, &s.FailedByReason}} {
		rows, err := db.r.QueryContext(ctx, `SELECT reason, COUNT(*) FROM frontier WHERE state = ?
			GROUP BY reason ORDER BY COUNT(*) DESC, reason`, q.state)
		if err != nil {
			return nil, fmt.Errorf("frontier details: %w", err)
		}
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.Key, &c.Count); err != nil {
				rows.Close()
				return nil, fmt.Errorf("frontier details: %w", err)
			}
			*q.dst = append(*q.dst, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("frontier details: %w", err)
		}
	}
	rows, err := db.r.QueryContext(ctx, `SELECT h.host, h.robots_status, h.robots_error, h.checked_at,
		(SELECT COUNT(*) FROM frontier f WHERE f.host = h.host AND f.state = 'queued')
		FROM crawl_hosts h WHERE h.robots_error <> '' ORDER BY h.host`)
	if err != nil {
		return nil, fmt.Errorf("frontier details: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			he HostError
			at int64
		)
		if err := rows.Scan(&he.Host, &he.Status, &he.Error, &at, &he.Queued); err != nil {
			return nil, fmt.Errorf("frontier details: %w", err)
		}
		he.CheckedAt = fromMillis(at)
		s.Unreachable = append(s.Unreachable, he)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("frontier details: %w", err)
	}
	return s, nil
}

// Skipper is the part of a write transaction, of any store, that settles
// frontier URLs as skipped.
type Skipper interface {
	Finish(ctx context.Context, id int64, state string, captureID int64, reason string, now time.Time) error
	SkipQueued(ctx context.Context, host, reason string, now time.Time) (int64, error)
}

// SkipAll settles entries as skipped, each for its own Reason, and every
// queued URL of hosts for reason. It returns the number skipped per host,
// in the order of hosts.
func SkipAll(ctx context.Context, tx Skipper, entries []FrontierEntry, hosts []string, reason string, now time.Time) ([]int64, error) {
	for _, e := range entries {
		if err := tx.Finish(ctx, e.ID, StateSkipped, 0, e.Reason, now); err != nil {
			return nil, err
		}
	}
	counts := make([]int64, 0, len(hosts))
	for _, h := range hosts {
		n, err := tx.SkipQueued(ctx, h, reason, now)
		if err != nil {
			return nil, err
		}
		counts = append(counts, n)
	}
	return counts, nil
}
