package corpus

import (
	"context"
	"fmt"
)

// Stats summarises a corpus. JSON names are part of `archivist stats --json`.
type Stats struct {
	Captures     int64          `json:"captures"`
	CapturesOK   int64          `json:"captures_ok"` // 2xx, not revisits: with Revisits, Redirects and Errors, every capture
	Revisits     int64          `json:"revisits"`
	Redirects    int64          `json:"redirects"`    // 3xx answers that were followed (not failed, not revisits)
	Bodies       int64          `json:"bodies"`       // distinct payloads stored
	BodyBytes    int64          `json:"body_bytes"`   // their uncompressed size
	StoredBytes  int64          `json:"stored_bytes"` // their size at rest
	Articles     int64          `json:"articles"`
	Errors       int64          `json:"errors"`         // failed captures
	ErrorsByKind []Count        `json:"errors_by_kind"` // by Capture.ErrorKind
	BySite       []SiteCount    `json:"by_site"`        // captures and articles per host
	ByMonth      []Count        `json:"by_month"`       // articles per publication month (YYYY-MM, "" = undated)
	ByLanguage   []Count        `json:"by_language"`    // articles per language
	Frontier     *FrontierStats `json:"frontier,omitempty"`
	FirstFetch   string         `json:"first_fetch,omitempty"`
	LastFetch    string         `json:"last_fetch,omitempty"`

	// ArticlesChanged counts the articles whose title or text changed
	// after their first capture (versions from more than one capture).
	ArticlesChanged int64 `json:"articles_changed"`
}

// Count is one bucket of a breakdown.
type Count struct {
	Key   string `json:"key"`
	Count int64  `json:"count"`
}

// SiteCount is one host's share of the corpus.
type SiteCount struct {
	Site     string `json:"site"`
	Captures int64  `json:"captures"`
	Articles int64  `json:"articles"`
	Errors   int64  `json:"errors"`

	Changed int64 `json:"changed"` // articles that changed after their first capture
}

// Stats computes corpus statistics. It only reads, so it can run from
// another process while a crawl writes.
func (db *DB) Stats(ctx context.Context) (*Stats, error) {
	s := &Stats{}
	if err := db.scalarStats(ctx, s); err != nil {
		return nil, err
	}
	var err error
	if s.ErrorsByKind, err = db.counts(ctx,
		"SELECT error_kind, COUNT(*) FROM captures WHERE error_kind <> '' GROUP BY error_kind ORDER BY 2 DESC, 1"); err != nil {
		return nil, err
	}
	if s.ByMonth, err = db.counts(ctx,
		"SELECT COALESCE(substr(published_utc, 1, 7), ''), COUNT(*) FROM articles GROUP BY 1 ORDER BY 1"); err != nil {
		return nil, err
	}
	if s.ByLanguage, err = db.counts(ctx,
		"SELECT language, COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"); err != nil {
		return nil, err
	}
	if s.BySite, err = db.siteCounts(ctx); err != nil {
		return nil, err
	}
	if err := db.addChanged(ctx, s); err != nil {
		return nil, err
	}
	fs, err := db.FrontierStats(ctx)
	if err != nil {
		return nil, err
	}
	if fs.Queued+fs.InFlight+fs.Done+fs.Failed+fs.Skipped > 0 {
		s.Frontier = &fs
	}
	return s, nil
}

// scalarStats fills the counts of captures, bodies and articles and the
// first and last fetch times.
func (db *DB) scalarStats(ctx context.Context, s *Stats) error {
	scalars := []struct {
		q    string
		dest []any
	}{
		{"SELECT COUNT(*) FROM captures", []any{&s.Captures}},
		{"SELECT COUNT(*) FROM captures WHERE error_kind = '' AND revisit_of IS NULL AND status BETWEEN 200 AND 299", []any{&s.CapturesOK}},
		{"SELECT COUNT(*) FROM captures WHERE revisit_of IS NOT NULL", []any{&s.Revisits}},
		{"SELECT COUNT(*) FROM captures WHERE error_kind = '' AND revisit_of IS NULL AND status BETWEEN 300 AND 399", []any{&s.Redirects}},
		{"SELECT COUNT(*), COALESCE(SUM(size), 0), COALESCE(SUM(LENGTH(data)), 0) FROM bodies", []any{&s.Bodies, &s.BodyBytes, &s.StoredBytes}},
		{"SELECT COUNT(*) FROM articles", []any{&s.Articles}},
		{"SELECT COUNT(*) FROM captures WHERE error_kind <> ''", []any{&s.Errors}},
		{"SELECT COALESCE(MIN(fetched_at), ''), COALESCE(MAX(fetched_at), '') FROM captures", []any{&s.FirstFetch, &s.LastFetch}},
	}
	for _, sc := range scalars {
		if err := db.r.QueryRowContext(ctx, sc.q).Scan(sc.dest...); err != nil {
			return fmt.Errorf("stats: %w", db.describe(err))
		}
	}
	return nil
}

// siteCounts gives each host's captures, errors and articles, the sites
// with most articles first.
func (db *DB) siteCounts(ctx context.Context) ([]SiteCount, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT host, SUM(n), SUM(e), SUM(a) FROM (
			SELECT host, COUNT(*) AS n, SUM(error_kind <> '') AS e, 0 AS a FROM captures GROUP BY host
			UNION ALL
			SELECT site, 0, 0, COUNT(*) FROM articles GROUP BY site)
		GROUP BY host ORDER BY 4 DESC, 2 DESC, 1`)
	if err != nil {
		return nil, fmt.Errorf("stats by site: %w", db.describe(err))
	}
	defer rows.Close()
	var out []SiteCount
	for rows.Next() {
		var sc SiteCount
		if err := rows.Scan(&sc.Site, &sc.Captures, &sc.Errors, &sc.Articles); err != nil {
			return nil, fmt.Errorf("stats by site: %w", db.describe(err))
		}
		out = append(out, sc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stats by site: %w", db.describe(err))
	}
	return out, nil
}

func (db *DB) counts(ctx context.Context, q string) ([]Count, error) {
	rows, err := db.r.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", db.describe(err))
	}
	defer rows.Close()
	out := []Count{}
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Key, &c.Count); err != nil {
			return nil, fmt.Errorf("stats: %w", db.describe(err))
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
