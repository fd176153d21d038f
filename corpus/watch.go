package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Roles of the URLs in the watch schedule (watch_schedule.role).
const (
	WatchHub     = "hub"     // a seed, section page, sitemap or feed, checked for new links
	WatchArticle = "article" // an article, fetched again for changes
)

// WatchPolicy is how `archivist watch` schedules its fetches.
type WatchPolicy struct {
	// MinInterval and MaxInterval bound the wait between two checks of a
	// hub (see HubInterval).
	MinInterval, MaxInterval time.Duration
	// Revisit lists when an article is fetched again, as offsets from its
	// first capture, in increasing order; empty means never.
	Revisit []time.Duration
	// RevisitsPerHost caps the article revisits QueueDueWatch queues for
	// one host at a time (0: no cap), so that a backlog of revisits does
	// not hold up the checks of the hubs.
	RevisitsPerHost int
}

// HubInterval is the wait before the next check of a hub whose last new
// links came quiet ago: half the quiet time, clamped to [MinInterval,
// MaxInterval]. A hub that just yielded new links is checked again after
// MinInterval; one that stays quiet is checked less and less often, the
// wait growing by half at each empty check, up to MaxInterval. The wait
// follows the hub's own rhythm: a hub that publishes every P (P up to
// 3 MinInterval) is checked every MinInterval, and one that publishes less
// often is checked when half its usual quiet time has passed again.
func (p WatchPolicy) HubInterval(quiet time.Duration) time.Duration {
	return min(max(quiet/2, p.MinInterval), max(p.MaxInterval, p.MinInterval))
}

// revisitDue returns the time of revisit step (0 for the first) of an
// article first captured at first, and false when the policy has no such
// step.
func (p WatchPolicy) revisitDue(first time.Time, step int) (time.Time, bool) {
	if step < 0 || step >= len(p.Revisit) {
		return time.Time{}, false
	}
	return first.Add(p.Revisit[step]), true
}

// revisitsPassed counts the revisit steps of an article first captured at
// first that are due at now.
func (p WatchPolicy) revisitsPassed(first, now time.Time) int {
	n := 0
	for _, d := range p.Revisit {
		if !first.Add(d).After(now) {
			n++
		}
	}
	return n
}

// WatchedFetch is one fetch made by a watch, as its schedule sees it.
type WatchedFetch struct {
	URL     string // the normalized URL fetched (frontier.url)
	Host    string // its origin (frontier.host)
	Hub     bool   // a seed, section page, sitemap or feed
	Article bool   // an article was extracted from it
	NewURLs int    // URLs the fetch queued that the frontier did not have
}

var (
	qWatchRow = writeQuery("SELECT role, last_new_at, first_at FROM watch_schedule WHERE url = ?")
	qWatchHub = writeQuery(`INSERT INTO watch_schedule
		(url, host, role, interval_ms, last_new_at, new_urls, checks, checked_at, next_at)
		VALUES (?1, ?2, 'hub', ?3, ?4, ?5, 1, ?6, ?7)
		ON CONFLICT(url) DO UPDATE SET role = 'hub', interval_ms = ?3, last_new_at = ?4, new_urls = ?5,
		checks = checks + 1, checked_at = ?6, next_at = ?7`)
	qWatchArticle = writeQuery(`INSERT INTO watch_schedule
		(url, host, role, first_at, revisits, checks, checked_at, next_at)
		VALUES (?1, ?2, 'article', ?3, ?4, 1, ?5, ?6)
		ON CONFLICT(url) DO UPDATE SET first_at = ?3, revisits = ?4,
		checks = checks + 1, checked_at = ?5, next_at = ?6`)
)

// RecordWatchFetch sets, after the fetch f made at now, when its URL is
// due next: a hub after HubInterval of its quiet time (the time since the
// last check that queued new URLs), an article at its next revisit step.
// A URL that is neither (a plain page) is not scheduled. With no revisit
// steps in p, articles are not scheduled either.
func (tx *Tx) RecordWatchFetch(ctx context.Context, f WatchedFetch, p WatchPolicy, now time.Time) error {
	var (
		role           string
		lastNew, first int64
	)
	err := tx.stmt(ctx, qWatchRow).QueryRowContext(ctx, f.URL).Scan(&role, &lastNew, &first)
	known := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("watch schedule %s: %w", f.URL, describe(err))
	}
	ms := now.UnixMilli()
	switch {
	case f.Hub:
		if !known || role != WatchHub || f.NewURLs > 0 {
			lastNew = ms
		}
		iv := p.HubInterval(now.Sub(fromMillis(lastNew)))
		_, err = tx.stmt(ctx, qWatchHub).ExecContext(ctx, f.URL, f.Host, iv.Milliseconds(), lastNew, f.NewURLs,
			ms, now.Add(iv).UnixMilli())
	case len(p.Revisit) > 0 && (f.Article || known && role == WatchArticle):
		if !known || role != WatchArticle || first == 0 {
			first = ms
		}
		return tx.scheduleArticle(ctx, f, p, first, now)
	default:
		return nil
	}
	if err != nil {
		return fmt.Errorf("watch schedule %s: %w", f.URL, describe(err))
	}
	return nil
}

// scheduleArticle sets the next revisit of the article fetched by f, first
// captured at first (unix ms) as far as f.URL's row knows. An article
// seen under several URLs is scheduled once, under one of them (see
// articleWatchURL): its other rows are not due again.
func (tx *Tx) scheduleArticle(ctx context.Context, f WatchedFetch, p WatchPolicy, first int64, now time.Time) error {
	id, err := tx.ArticleIDByURL(ctx, f.URL)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("watch schedule %s: %w", f.URL, err)
	}
	u, host := f.URL, f.Host
	if id != 0 {
		if u, host, first, err = tx.articleWatchURL(ctx, id, f, first); err != nil {
			return fmt.Errorf("watch schedule %s: %w", f.URL, err)
		}
		if _, err := tx.tx.ExecContext(ctx, `UPDATE watch_schedule SET next_at = 0 WHERE role = 'article'
			AND url <> ?1 AND url IN (SELECT url FROM article_urls WHERE article_id = ?2)`, u, id); err != nil {
			return fmt.Errorf("watch schedule %s: %w", f.URL, describe(err))
		}
	}
	done := p.revisitsPassed(fromMillis(first), now)
	next := int64(0)
	if at, ok := p.revisitDue(fromMillis(first), done); ok {
		next = at.UnixMilli()
	}
	if _, err := tx.stmt(ctx, qWatchArticle).ExecContext(ctx, u, host, first, done, now.UnixMilli(), next); err != nil {
		return fmt.Errorf("watch schedule %s: %w", u, describe(err))
	}
	return nil
}

// articleWatchURL returns the URL at which article id, just fetched by f,
// is revisited, with its origin and the article's first capture (the
// earliest of its schedule rows, else first): its key (canonical) URL
// when the frontier has it (and it is no hub), else the URL it was first scheduled under,
// else f.URL.
func (tx *Tx) articleWatchURL(ctx context.Context, id int64, f WatchedFetch, first int64) (u, host string, at int64, err error) {
	err = tx.tx.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT k.url FROM articles a JOIN frontier k ON k.url = a.key
			JOIN article_urls ka ON ka.url = k.url AND ka.article_id = a.id WHERE a.id = ?1
			AND NOT EXISTS (SELECT 1 FROM watch_schedule h WHERE h.url = k.url AND h.role = 'hub')),
			(SELECT w.url FROM watch_schedule w JOIN article_urls au ON au.url = w.url
			WHERE au.article_id = ?1 AND w.role = 'article' ORDER BY w.first_at = 0, w.first_at, w.url LIMIT 1), ?2),
		COALESCE((SELECT MIN(w.first_at) FROM watch_schedule w JOIN article_urls au ON au.url = w.url
			WHERE au.article_id = ?1 AND w.role = 'article' AND w.first_at > 0), ?3)`, id, f.URL, first).Scan(&u, &at)
	if err != nil {
		return "", "", 0, describe(err)
	}
	at = min(at, first)
	if u == f.URL {
		return u, f.Host, at, nil
	}
	if err := tx.tx.QueryRowContext(ctx, "SELECT host FROM frontier WHERE url = ?", u).Scan(&host); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return f.URL, f.Host, at, nil
		}
		return "", "", 0, describe(err)
	}
	return u, host, at, nil
}

// watchDue is a due row of the schedule.
type watchDue struct {
	url, host, role string
	first           int64
	revisits        int
	article         int64 // the article of an article row, 0 if unknown
}

// maxDueScan bounds the due rows QueueDueWatch reads at once.
const maxDueScan = 20000

// QueueDueWatch queues in the frontier the URLs of the schedule that are
// due at now: every due hub, and the due articles up to
// p.RevisitsPerHost per host (the others stay due for the next call).
// An article whose step the policy has changed is rescheduled instead. A
// queued URL's schedule moves to now + MaxInterval until its fetch sets
// the next time, so that a URL whose fetch does not happen (robots.txt
// forbids it now) is tried again later without holding up the others.
// It returns how many hubs and articles it queued.
func (tx *Tx) QueueDueWatch(ctx context.Context, p WatchPolicy, now time.Time) (hubs, articles int, err error) {
	if err := tx.fitHubsToClock(ctx, p, now); err != nil {
		return 0, 0, err
	}
	due, err := tx.dueWatch(ctx, p, now)
	if err != nil {
		return 0, 0, err
	}
	perHost, queued := map[string]int{}, map[int64]bool{}
	ms := now.UnixMilli()
	fallback := now.Add(max(p.MaxInterval, p.MinInterval)).UnixMilli()
	for _, d := range due {
		if d.role == WatchArticle {
			at, ok := p.revisitDue(fromMillis(d.first), d.revisits)
			if !ok || at.After(now) {
				if _, err := tx.tx.ExecContext(ctx, "UPDATE watch_schedule SET next_at = ? WHERE url = ?",
					millis(at), d.url); err != nil {
					return hubs, articles, fmt.Errorf("queue due: %w", describe(err))
				}
				continue
			}
			if p.RevisitsPerHost > 0 && perHost[d.host] >= p.RevisitsPerHost {
				continue
			}
			if d.article != 0 && queued[d.article] {
				// Scheduled under another URL too (a schedule written
				// before articles had one row): revisited once.
				if _, err := tx.tx.ExecContext(ctx, "UPDATE watch_schedule SET next_at = 0 WHERE url = ?", d.url); err != nil {
					return hubs, articles, fmt.Errorf("queue due: %w", describe(err))
				}
				continue
			}
			queued[d.article] = d.article != 0
			perHost[d.host]++
		}
		res, err := tx.tx.ExecContext(ctx, `UPDATE frontier SET state = 'queued', attempts = 0, panics = 0,
			not_before = 0, reason = '', updated_at = ? WHERE url = ? AND state IN ('done', 'failed')`, ms, d.url)
		if err != nil {
			return hubs, articles, fmt.Errorf("queue due %s: %w", d.url, describe(err))
		}
		if _, err := tx.tx.ExecContext(ctx, "UPDATE watch_schedule SET next_at = ? WHERE url = ?", fallback, d.url); err != nil {
			return hubs, articles, fmt.Errorf("queue due %s: %w", d.url, describe(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		if d.role == WatchHub {
			hubs++
		} else {
			articles++
		}
	}
	return hubs, articles, nil
}

// fitHubsToClock brings back to now the hubs whose next check is further
// ahead than --max-interval, which only a clock that went back (a bad RTC
// corrected, a VM restored) leaves: they would wait for the clock to catch
// up. Their wait starts again from now, and their times are capped at it.
func (tx *Tx) fitHubsToClock(ctx context.Context, p WatchPolicy, now time.Time) error {
	ms := now.UnixMilli()
	_, err := tx.tx.ExecContext(ctx, `UPDATE watch_schedule SET next_at = ?1 + MIN(interval_ms, ?2),
		checked_at = MIN(checked_at, ?1), last_new_at = MIN(last_new_at, ?1)
		WHERE next_at > 0 AND next_at > ?1 + ?2 AND role = 'hub'`, ms, max(p.MaxInterval, p.MinInterval).Milliseconds())
	if err != nil {
		return fmt.Errorf("queue due: %w", describe(err))
	}
	return nil
}

// dueWatch reads the rows of the schedule due at now, earliest first
// (hubs only when p has no revisit steps).
func (tx *Tx) dueWatch(ctx context.Context, p WatchPolicy, now time.Time) ([]watchDue, error) {
	q := `SELECT w.url, w.host, w.role, w.first_at, w.revisits, COALESCE(au.article_id, 0)
		FROM watch_schedule w LEFT JOIN article_urls au ON w.role = 'article' AND au.url = w.url
		WHERE w.next_at > 0 AND w.next_at <= ?`
	if len(p.Revisit) == 0 {
		q += " AND w.role = 'hub'"
	}
	rows, err := tx.tx.QueryContext(ctx, q+" ORDER BY w.next_at LIMIT ?", now.UnixMilli(), maxDueScan)
	if err != nil {
		return nil, fmt.Errorf("queue due: %w", describe(err))
	}
	defer rows.Close()
	var out []watchDue
	for rows.Next() {
		var d watchDue
		if err := rows.Scan(&d.url, &d.host, &d.role, &d.first, &d.revisits, &d.article); err != nil {
			return nil, fmt.Errorf("queue due: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue due: %w", describe(err))
	}
	return out, nil
}

// NextWatchDue returns when the next URL of the schedule is due (hubs
// only when p has no revisit steps), and false when none is scheduled.
func (db *DB) NextWatchDue(ctx context.Context, p WatchPolicy) (time.Time, bool, error) {
	q := "SELECT MIN(next_at) FROM watch_schedule WHERE next_at > 0"
	if len(p.Revisit) == 0 {
		q += " AND role = 'hub'"
	}
	var at sql.NullInt64
	if err := db.r.QueryRowContext(ctx, q).Scan(&at); err != nil {
		return time.Time{}, false, fmt.Errorf("next watch due: %w", db.describe(err))
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	return fromMillis(at.Int64), true, nil
}

// StartWatch prepares the schedule for a watch starting at now with
// policy p: it schedules the hubs and the articles of the frontier that
// an earlier crawl fetched and the schedule does not have yet (hubs due at
// once: sitemaps, feeds, and pages of links less than maxDepth hops from a
// seed, as RequeueHubs; articles at their next revisit step, those past
// their last step not at all; an article seen under several URLs once, see
// startWatchURL), and fits the hubs' next checks to p's
// bounds. It returns how many hubs and articles it added.
func (tx *Tx) StartWatch(ctx context.Context, p WatchPolicy, maxDepth int, now time.Time) (hubs, articles int64, err error) {
	ms := now.UnixMilli()
	res, err := tx.tx.ExecContext(ctx, `INSERT OR IGNORE INTO watch_schedule
		(url, host, role, interval_ms, last_new_at, checked_at, next_at)
		SELECT url, host, 'hub', ?1, ?2, updated_at, ?2 FROM frontier INDEXED BY frontier_kind
		WHERE kind IN ('sitemap', 'feed', 'probe', ?3) AND kind <> '' AND state = 'done' AND (kind <> ?3 OR depth < ?4)`,
		p.MinInterval.Milliseconds(), ms, KindHub, maxDepth)
	if err != nil {
		return 0, 0, fmt.Errorf("start watch: %w", describe(err))
	}
	hubs, _ = res.RowsAffected()
	if _, err := tx.tx.ExecContext(ctx, `UPDATE watch_schedule SET
		interval_ms = MIN(MAX(interval_ms, ?1), ?2),
		next_at = MIN(MAX(next_at, checked_at + ?1), checked_at + ?2)
		WHERE role = 'hub' AND next_at > 0`, p.MinInterval.Milliseconds(), max(p.MaxInterval, p.MinInterval).Milliseconds()); err != nil {
		return hubs, 0, fmt.Errorf("start watch: %w", describe(err))
	}
	if len(p.Revisit) == 0 {
		return hubs, 0, nil
	}
	passed, next, args := revisitSQL(p.Revisit, ms)
	res, err = tx.tx.ExecContext(ctx, `INSERT OR IGNORE INTO watch_schedule
		(url, host, role, first_at, revisits, checked_at, next_at)
		SELECT f.url, f.host, 'article', f.updated_at, `+passed+`, f.updated_at, `+next+`
		FROM frontier f JOIN article_urls au ON au.url = f.url
		WHERE f.state = 'done' AND f.kind = '' AND f.updated_at > ?
		AND f.url = `+startWatchURL+`
		AND NOT EXISTS (SELECT 1 FROM article_urls o JOIN watch_schedule w ON w.url = o.url
			WHERE o.article_id = au.article_id AND w.role = 'article')`,
		append(args, ms-p.Revisit[len(p.Revisit)-1].Milliseconds())...)
	if err != nil {
		return hubs, 0, fmt.Errorf("start watch: %w", describe(err))
	}
	articles, _ = res.RowsAffected()
	return hubs, articles, nil
}

// startWatchURL is the SQL expression, over au.article_id, of the one URL
// StartWatch schedules an article under: its key (canonical) URL when the
// frontier has it fetched, else the one of its URLs fetched first.
const startWatchURL = `COALESCE(
	(SELECT k.url FROM articles a JOIN frontier k ON k.url = a.key JOIN article_urls ka ON ka.url = k.url
		WHERE a.id = au.article_id AND ka.article_id = a.id AND k.state = 'done' AND k.kind = ''),
	(SELECT g.url FROM article_urls g JOIN frontier fg ON fg.url = g.url
		WHERE g.article_id = au.article_id AND fg.state = 'done' AND fg.kind = ''
		ORDER BY fg.updated_at, g.url LIMIT 1))`

// revisitSQL returns the SQL expressions, over f.updated_at (the first
// capture), of the revisit steps passed at ms and of the next step's time
// (0 when none is left), with their arguments in order.
func revisitSQL(steps []time.Duration, ms int64) (passed, next string, args []any) {
	var p, n strings.Builder
	p.WriteString("(0")
	n.WriteString("(CASE")
	var pargs, nargs []any
	for _, d := range steps {
		p.WriteString(" + (f.updated_at + ? <= ?)")
		pargs = append(pargs, d.Milliseconds(), ms)
		n.WriteString(" WHEN f.updated_at + ? > ? THEN f.updated_at + ?")
		nargs = append(nargs, d.Milliseconds(), ms, d.Milliseconds())
	}
	p.WriteString(")")
	n.WriteString(" ELSE 0 END)")
	return p.String(), n.String(), append(pargs, nargs...)
}

// ReopenRun marks crawl run id as running again: a watch records one run
// for its whole session, ended (EndRun) after each cycle with the
// session's totals and reopened when the next cycle starts, so that a
// watch killed in a cycle leaves its run unfinished, as a killed crawl
// does.
func (tx *Tx) ReopenRun(ctx context.Context, id int64) error {
	res, err := tx.tx.ExecContext(ctx, "UPDATE crawl_runs SET finished_at = NULL WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("reopen run %d: %w", id, describe(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("reopen run %d: %w", id, ErrNotFound)
	}
	return nil
}
