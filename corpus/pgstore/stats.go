package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
)

// ID returns the corpus id, made once when the schema was created.
func (s *Store) ID(ctx context.Context) (string, error) {
	var id string
	if err := s.pool.QueryRow(ctx, "SELECT value FROM meta WHERE key = 'corpus_id'").Scan(&id); err != nil {
		return "", fmt.Errorf("corpus id: %w", notFound(err))
	}
	return id, nil
}

// CrawlSettings returns the settings (JSON) of every crawl run, oldest
// first.
func (s *Store) CrawlSettings(ctx context.Context) ([]string, error) {
	out, err := s.strings(ctx, "SELECT settings FROM crawl_runs ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("crawl settings: %w", err)
	}
	return out, nil
}

func marshalJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// BeginRun records the start of a crawl run and returns its id.
func (tx *Tx) BeginRun(ctx context.Context, settings any, now time.Time) (int64, error) {
	var id int64
	if err := tx.tx.QueryRow(ctx, "INSERT INTO crawl_runs (started_at, settings) VALUES ($1, $2) RETURNING id",
		corpus.FormatTime(now), marshalJSON(settings)).Scan(&id); err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	return id, nil
}

// EndRun records the end of crawl run id with its summary.
// It is sent with the transaction's next statement or its COMMIT.
func (tx *Tx) EndRun(ctx context.Context, id int64, summary any, now time.Time) error {
	tx.tx.later(fmt.Sprintf("end run %d", id), "UPDATE crawl_runs SET finished_at = $1, summary = $2 WHERE id = $3",
		corpus.FormatTime(now), marshalJSON(summary), id)
	return nil
}

// Stats computes corpus statistics, as corpus.DB.Stats does.
func (s *Store) Stats(ctx context.Context) (*corpus.Stats, error) {
	st := &corpus.Stats{}
	if err := s.scalarStats(ctx, st); err != nil {
		return nil, err
	}
	for _, c := range []struct {
		q    string
		dest *[]corpus.Count
	}{
		{"SELECT error_kind, COUNT(*) FROM captures WHERE error_kind <> '' GROUP BY error_kind ORDER BY 2 DESC, 1", &st.ErrorsByKind},
		{"SELECT COALESCE(substr(published_utc, 1, 7), ''), COUNT(*) FROM articles GROUP BY 1 ORDER BY 1", &st.ByMonth},
		{"SELECT language, COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1", &st.ByLanguage},
	} {
		var err error
		if *c.dest, err = s.counts(ctx, c.q); err != nil {
			return nil, err
		}
	}
	if err := s.siteCounts(ctx, st); err != nil {
		return nil, err
	}
	return st, s.frontierStats(ctx, st)
}

// scalarStats fills st's counts of captures, bodies and articles and the
// span of fetch times.
func (s *Store) scalarStats(ctx context.Context, st *corpus.Stats) error {
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM captures),
		(SELECT COUNT(*) FROM captures WHERE error_kind = '' AND revisit_of IS NULL AND status BETWEEN 200 AND 299),
		(SELECT COUNT(*) FROM captures WHERE revisit_of IS NOT NULL),
		(SELECT COUNT(*) FROM captures WHERE error_kind = '' AND revisit_of IS NULL AND status BETWEEN 300 AND 399),
		(SELECT COUNT(*) FROM bodies), (SELECT COALESCE(SUM(size), 0)::bigint FROM bodies),
		(SELECT COALESCE(SUM(octet_length(data)), 0)::bigint FROM bodies),
		(SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM captures WHERE error_kind <> ''),
		(SELECT COALESCE(MIN(fetched_at), '') FROM captures), (SELECT COALESCE(MAX(fetched_at), '') FROM captures)`).Scan(
		&st.Captures, &st.CapturesOK, &st.Revisits, &st.Redirects, &st.Bodies, &st.BodyBytes, &st.StoredBytes,
		&st.Articles, &st.Errors, &st.FirstFetch, &st.LastFetch)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	return nil
}

// siteCounts fills st.BySite (captures, errors, articles and articles
// with more than one version, per site) and st.ArticlesChanged.
func (s *Store) siteCounts(ctx context.Context, st *corpus.Stats) error {
	rows, err := s.pool.Query(ctx, `
		SELECT host, SUM(n)::bigint, SUM(e)::bigint, SUM(a)::bigint FROM (
			SELECT host, COUNT(*) AS n, COUNT(*) FILTER (WHERE error_kind <> '') AS e, 0 AS a FROM captures GROUP BY host
			UNION ALL
			SELECT site, 0, 0, COUNT(*) FROM articles GROUP BY site) t
		GROUP BY host ORDER BY 4 DESC, 2 DESC, 1`)
	if err != nil {
		return fmt.Errorf("stats by site: %w", err)
	}
	st.BySite, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.SiteCount, error) {
		var sc corpus.SiteCount
		err := r.Scan(&sc.Site, &sc.Captures, &sc.Errors, &sc.Articles)
		return sc, err
	})
	if err != nil {
		return fmt.Errorf("stats by site: %w", err)
	}
	if len(st.BySite) == 0 {
		st.BySite = nil // as SQLite gives it
	}
	changed, err := s.counts(ctx, `SELECT a.site, COUNT(*) FROM articles a
		WHERE (SELECT COUNT(DISTINCT capture_id) FROM article_versions v WHERE v.article_id = a.id) > 1
		GROUP BY a.site ORDER BY 2 DESC, 1`)
	if err != nil {
		return err
	}
	bySite := map[string]int64{}
	for _, c := range changed {
		bySite[c.Key] = c.Count
		st.ArticlesChanged += c.Count
	}
	for i := range st.BySite {
		st.BySite[i].Changed = bySite[st.BySite[i].Site]
	}
	return nil
}

func (s *Store) counts(ctx context.Context, q string) ([]corpus.Count, error) {
	rows, err := s.pool.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.Count, error) {
		var c corpus.Count
		err := r.Scan(&c.Key, &c.Count)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if out == nil {
		out = []corpus.Count{}
	}
	return out, nil
}

// frontierStats fills st.Frontier when the frontier has rows. One
// statement, one round trip: a crawl asks it for its progress and twice
// at its end.
func (s *Store) frontierStats(ctx context.Context, st *corpus.Stats) error {
	var f corpus.FrontierStats
	err := s.pool.QueryRow(ctx, `SELECT c.queued, c.in_flight, c.done, c.failed, c.skipped, h.hosts, h.waiting, r.runs, r.running
		FROM (SELECT
			COUNT(*) FILTER (WHERE state = 'queued') AS queued, COUNT(*) FILTER (WHERE state = 'in_flight') AS in_flight,
			COUNT(*) FILTER (WHERE state = 'done') AS done, COUNT(*) FILTER (WHERE state = 'failed') AS failed,
			COUNT(*) FILTER (WHERE state = 'skipped') AS skipped FROM frontier) c,
		(SELECT COUNT(*) AS hosts, COALESCE(SUM(waiting), 0)::bigint AS waiting FROM (
			SELECT host, MIN(CASE WHEN state = 'queued' AND not_before > $1 THEN 1 ELSE 0 END) AS waiting
			FROM frontier WHERE state IN ('queued', 'in_flight') GROUP BY host) t) h,
		(SELECT COUNT(*) AS runs, COUNT(*) - COUNT(finished_at) AS running FROM crawl_runs) r`,
		time.Now().UnixMilli()).Scan(&f.Queued, &f.InFlight, &f.Done, &f.Failed, &f.Skipped, &f.Hosts, &f.HostsWaiting, &f.Runs, &f.Running)
	if err != nil {
		return fmt.Errorf("frontier stats: %w", err)
	}
	if f.Queued+f.InFlight+f.Done+f.Failed+f.Skipped == 0 {
		return nil
	}
	st.Frontier = &f
	return nil
}

// FrontierDetails counts the skipped and failed URLs by reason and lists
// the hosts whose robots.txt could not be read.
func (s *Store) FrontierDetails(ctx context.Context) (*corpus.FrontierDetails, error) {
	d := &corpus.FrontierDetails{}
	var err error
	for _, q := range []struct {
		state string
		dest  *[]corpus.Count
	}{{"skipped", &d.SkippedByReason}, {"failed", &d.FailedByReason}} {
		rows, err := s.pool.Query(ctx, `SELECT reason, COUNT(*) FROM frontier WHERE state = $1
			GROUP BY reason ORDER BY COUNT(*) DESC, reason`, q.state)
		if err != nil {
			return nil, fmt.Errorf("frontier details: %w", err)
		}
		if *q.dest, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.Count, error) {
			var c corpus.Count
			return c, r.Scan(&c.Key, &c.Count)
		}); err != nil {
			return nil, fmt.Errorf("frontier details: %w", err)
		}
	}
	rows, err := s.pool.Query(ctx, `SELECT h.host, h.robots_status, h.robots_error, h.checked_at,
		(SELECT COUNT(*) FROM frontier f WHERE f.host = h.host AND f.state = 'queued')
		FROM crawl_hosts h WHERE h.robots_error <> '' ORDER BY h.host`)
	if err != nil {
		return nil, fmt.Errorf("frontier details: %w", err)
	}
	d.Unreachable, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.HostError, error) {
		var h corpus.HostError
		var at int64
		err := r.Scan(&h.Host, &h.Status, &h.Error, &at, &h.Queued)
		h.CheckedAt = time.UnixMilli(at).UTC()
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("frontier details: %w", err)
	}
	if d.SkippedByReason == nil {
		d.SkippedByReason = []corpus.Count{}
	}
	if d.FailedByReason == nil {
		d.FailedByReason = []corpus.Count{}
	}
	if d.Unreachable == nil {
		d.Unreachable = []corpus.HostError{}
	}
	return d, nil
}

// Lease returns the crawl lease: none, as no crawl runs on this store yet.
func (s *Store) Lease(ctx context.Context) (corpus.Lease, bool, error) {
	return corpus.Lease{}, false, nil
}
