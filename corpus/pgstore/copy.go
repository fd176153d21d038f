package pgstore

import (
	"context"
	"fmt"

	"github.com/archivist-project/archivist/corpus"
)

// This file holds what `archivist migrate` uses to copy a SQLite corpus
// into PostgreSQL: rows go in with their ids, digests and change sequence
// numbers as they are, so that exports are the same from either store.

// CopyState is how far a copy into the store has come.
type CopyState struct {
	From        string // the corpus id of the SQLite corpus being copied, "" when none
	Captures    int64  // rows in captures
	LastCapture int64  // the largest capture id
	Articles    int64  // rows in articles
	LastSeq     int64  // the largest article change sequence number
	Frontier    int64  // rows in frontier
	Runs        int64  // rows in crawl_runs
}

// CopyState returns how far a copy has come.
func (s *Store) CopyState(ctx context.Context) (CopyState, error) {
	var st CopyState
	err := s.pool.QueryRow(ctx, `SELECT COALESCE((SELECT value FROM meta WHERE key = 'migrated_from'), ''),
		(SELECT COUNT(*) FROM captures), (SELECT COALESCE(MAX(id), 0) FROM captures),
		(SELECT COUNT(*) FROM articles), (SELECT COALESCE(MAX(seq), 0) FROM articles),
		(SELECT COUNT(*) FROM frontier), (SELECT COUNT(*) FROM crawl_runs)`).Scan(
		&st.From, &st.Captures, &st.LastCapture, &st.Articles, &st.LastSeq, &st.Frontier, &st.Runs)
	if err != nil {
		return st, fmt.Errorf("copy state: %w", err)
	}
	return st, nil
}

// RunStarts returns when each crawl run in the store started, by id: a
// copy compares them with its source's, to find runs made in the store
// itself (a crawl --store since the last copy).
func (s *Store) RunStarts(ctx context.Context) (map[int64]string, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, started_at FROM crawl_runs")
	if err != nil {
		return nil, fmt.Errorf("crawl runs: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var started string
		if err := rows.Scan(&id, &started); err != nil {
			return nil, fmt.Errorf("crawl runs: %w", err)
		}
		out[id] = started
	}
	return out, rows.Err()
}

// StartCopy records that the store receives a copy of the corpus whose id
// is from, and takes that id as its own.
func (tx *Tx) StartCopy(ctx context.Context, from string) error {
	_, err := tx.tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('migrated_from', $1), ('corpus_id', $1)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, from)
	if err != nil {
		return fmt.Errorf("start copy: %w", err)
	}
	return nil
}

var qCopyCapture = "INSERT INTO captures (id, " + corpus.CaptureValueColumns + ") VALUES (" +
	placeholders(1, 29) + ") ON CONFLICT (id) DO NOTHING"

// CopyCapture stores c under its own id (a capture already there is left
// as it is).
func (tx *Tx) CopyCapture(ctx context.Context, c *corpus.Capture) error {
	vals := corpus.CaptureValues(c)
	if c.Body != nil {
		if err := tx.putBody(ctx, c); err != nil {
			return err
		}
	}
	if _, err := tx.tx.Exec(ctx, qCopyCapture, append([]any{c.ID}, vals...)...); err != nil {
		return fmt.Errorf("copy capture %d: %w", c.ID, err)
	}
	return nil
}

var (
	qCopyArticle = "INSERT INTO articles (id, " + corpus.ArticleValueColumns + ", seq, key) VALUES (" +
		placeholders(1, 29) + ") ON CONFLICT (id) DO UPDATE SET (" + corpus.ArticleValueColumns + ", seq, key) = (" +
		excluded(corpus.ArticleValueColumns+", seq, key") + ")"
	qCopyVersion = "INSERT INTO article_versions (" + corpus.VersionSelect + ") VALUES (" + placeholders(1, 12) + ")"
)

// CopyArticle stores article a (read from another store, with its change
// sequence number seq) under its own id, with its key, URLs and versions,
// replacing what an earlier copy stored of it.
func (tx *Tx) CopyArticle(ctx context.Context, a *corpus.Article, key string, seq int64, urls []string, versions []corpus.ArticleVersion) error {
	tx.articleWritten()
	args := append([]any{a.ID}, corpus.ArticleStoredValues(a)...)
	if _, err := tx.tx.Exec(ctx, qCopyArticle, append(args, seq, key)...); err != nil {
		return fmt.Errorf("copy article %d: %w", a.ID, err)
	}
	if _, err := tx.tx.Exec(ctx, "DELETE FROM article_versions WHERE article_id = $1", a.ID); err != nil {
		return fmt.Errorf("copy article %d: %w", a.ID, err)
	}
	for i := range versions {
		v := &versions[i]
		if _, err := tx.tx.Exec(ctx, qCopyVersion, corpus.VersionStoredValues(v, i < len(versions)-1)...); err != nil {
			return fmt.Errorf("copy article %d version %d: %w", a.ID, v.Version, err)
		}
	}
	for _, u := range urls {
		if _, err := tx.tx.Exec(ctx, `INSERT INTO article_urls (url, article_id) VALUES ($1, $2)
			ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id`, u, a.ID); err != nil {
			return fmt.Errorf("copy article %d url: %w", a.ID, err)
		}
	}
	_, err := tx.tx.Exec(ctx, "UPDATE article_seq SET last = GREATEST(last, $1)", seq)
	return err
}

// CopyFrontier stores frontier rows under their own ids, bringing earlier
// copies of them up to date. It returns how many rows were new or changed:
// a row copied before and unchanged since is left as it is (its
// updated_at too), so that a second migrate reports what it moved.
func (tx *Tx) CopyFrontier(ctx context.Context, es []corpus.FrontierEntry, now int64) (int64, error) {
	tx.frontierWritten() // it writes redirect_to
	var n int64
	for _, e := range es {
		var capture any
		if e.CaptureID != 0 {
			capture = e.CaptureID
		}
		var nb int64
		if !e.NotBefore.IsZero() {
			nb = e.NotBefore.UnixMilli()
		}
		tag, err := tx.tx.Exec(ctx, qCopyFrontier, e.ID, e.URL, e.Host, e.Depth, e.Source, e.Kind, e.State, e.Priority,
			e.Attempts, e.Panics, nb, e.Reason, capture, e.RedirectTo, e.Run, now)
		if err != nil {
			return n, fmt.Errorf("copy frontier %s: %w", e.URL, err)
		}
		n += tag.RowsAffected()
	}
	return n, nil
}

// qCopyFrontier inserts a frontier row or updates its copy where a column
// the crawl changes differs (the WHERE makes an unchanged row affect none).
const qCopyFrontier = `INSERT INTO frontier (id, url, host, depth, source, kind, state, priority,
	attempts, panics, not_before, reason, capture_id, redirect_to, run, added_at, updated_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
	ON CONFLICT (id) DO UPDATE SET state = excluded.state, priority = excluded.priority,
	attempts = excluded.attempts, panics = excluded.panics, not_before = excluded.not_before,
	reason = excluded.reason, capture_id = excluded.capture_id, redirect_to = excluded.redirect_to,
	run = excluded.run, kind = excluded.kind, depth = excluded.depth, updated_at = excluded.updated_at
	WHERE (frontier.state, frontier.priority, frontier.attempts, frontier.panics, frontier.not_before,
		frontier.reason, frontier.capture_id, frontier.redirect_to, frontier.run, frontier.kind, frontier.depth)
	IS DISTINCT FROM (excluded.state, excluded.priority, excluded.attempts, excluded.panics, excluded.not_before,
		excluded.reason, excluded.capture_id, excluded.redirect_to, excluded.run, excluded.kind, excluded.depth)`

// FinishCopy moves the id generators past the ids copied, so that rows
// added later do not collide with them.
func (s *Store) FinishCopy(ctx context.Context) error {
	for _, t := range []string{"captures", "articles", "article_versions", "frontier", "crawl_runs"} {
		if _, err := s.pool.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%[1]s', 'id'),
			GREATEST((SELECT MAX(id) FROM %[1]s), 1), (SELECT MAX(id) FROM %[1]s) IS NOT NULL)`, t)); err != nil {
			return fmt.Errorf("finish copy: %s: %w", t, err)
		}
	}
	return nil
}

// excluded returns "excluded.a, excluded.b" for the column list cols.
func excluded(cols string) string {
	var out []byte
	for i, c := range splitColumns(cols) {
		if i > 0 {
			out = append(out, ", "...)
		}
		out = append(out, "excluded."+c...)
	}
	return string(out)
}

// CopyRuns stores crawl runs under their own ids, bringing earlier copies
// of them up to date. It returns how many runs were new or changed.
func (tx *Tx) CopyRuns(ctx context.Context, runs []corpus.CrawlRun) (int64, error) {
	var n int64
	for _, r := range runs {
		var finished any
		if r.FinishedAt != "" {
			finished = r.FinishedAt
		}
		tag, err := tx.tx.Exec(ctx, `INSERT INTO crawl_runs (id, started_at, finished_at, settings, summary)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at,
			finished_at = excluded.finished_at, settings = excluded.settings, summary = excluded.summary
			WHERE (crawl_runs.started_at, crawl_runs.finished_at, crawl_runs.settings, crawl_runs.summary)
			IS DISTINCT FROM (excluded.started_at, excluded.finished_at, excluded.settings, excluded.summary)`,
			r.ID, r.StartedAt, finished, r.Settings, r.Summary)
		if err != nil {
			return n, fmt.Errorf("copy crawl run %d: %w", r.ID, err)
		}
		n += tag.RowsAffected()
	}
	return n, nil
}

// CopyCrawlMemory stores a crawl's scope and robots.txt states, replacing
// earlier copies of them.
func (tx *Tx) CopyCrawlMemory(ctx context.Context, scope []corpus.ScopeHost, robots []corpus.RobotsState) error {
	for _, h := range scope {
		if _, err := tx.tx.Exec(ctx, `INSERT INTO crawl_scope (host, source, added_at) VALUES ($1, $2, $3)
			ON CONFLICT (host) DO UPDATE SET source = excluded.source, added_at = excluded.added_at`,
			h.Host, h.Source, h.AddedAt); err != nil {
			return fmt.Errorf("copy scope %s: %w", h.Host, err)
		}
	}
	for _, r := range robots {
		if _, err := tx.tx.Exec(ctx, `INSERT INTO crawl_hosts (host, robots_sha256, robots_status, robots_error, checked_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (host) DO UPDATE SET robots_sha256 = excluded.robots_sha256,
			robots_status = excluded.robots_status, robots_error = excluded.robots_error, checked_at = excluded.checked_at`,
			r.Origin, r.Check.SHA256, r.Check.Status, r.Check.Error, r.CheckedAt); err != nil {
			return fmt.Errorf("copy robots %s: %w", r.Origin, err)
		}
	}
	return nil
}
