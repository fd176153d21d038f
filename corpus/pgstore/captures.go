package pgstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/archivist-project/archivist/corpus"
)

var (
	qAddCapture = "INSERT INTO captures (" + corpus.CaptureValueColumns + ") VALUES (" +
		placeholders(1, 28) + ") RETURNING id"
	// qAddCaptureBody stores the body and the capture in one statement (the
	// foreign key is checked at the statement's end).
	qAddCaptureBody = `WITH b AS (INSERT INTO bodies (sha256, size, encoding, data) VALUES ($29, $30, $31, $32)
		ON CONFLICT (sha256) DO NOTHING) ` + qAddCapture
)

// AddCapture stores one fetch, its body compressed and shared with every
// capture of the same bytes, and sets c.ID.
func (tx *Tx) AddCapture(ctx context.Context, c *corpus.Capture) (int64, error) {
	q, vals := qAddCapture, corpus.CaptureValues(c)
	if c.Body != nil {
		data, enc, ok := c.Packed()
		if !ok {
			data, enc = tx.s.compress(c.Body)
		}
		q, vals = qAddCaptureBody, append(vals, c.SHA256, len(c.Body), enc, data)
		if c.SHA256 != "" && c.ErrorKind == "" && strings.Contains(c.ContentType, "html") {
			// The crawl asks next for an article extracted from this
			// body, then for the article of this URL.
			tx.prefetchLookups(c.SHA256, c.URL)
		}
	}
	if err := tx.tx.QueryRow(ctx, q, vals...).Scan(&c.ID); err != nil {
		return 0, fmt.Errorf("add capture %s: %w", c.URL, err)
	}
	return c.ID, nil
}

func (tx *Tx) putBody(ctx context.Context, c *corpus.Capture) error {
	data, enc, ok := c.Packed()
	if !ok {
		data, enc = tx.s.compress(c.Body)
	}
	// Sent with the capture's INSERT, which needs its row.
	tx.tx.later("store body", `INSERT INTO bodies (sha256, size, encoding, data) VALUES ($1, $2, $3, $4)
		ON CONFLICT (sha256) DO NOTHING`, c.SHA256, len(c.Body), enc, data)
	return nil
}

const captureFrom = " FROM captures c LEFT JOIN bodies b ON b.sha256 = c.body_sha256"

// Capture returns the capture with id, body included, or ErrNotFound.
func (s *Store) Capture(ctx context.Context, id int64) (*corpus.Capture, error) {
	row := s.pool.QueryRow(ctx, "SELECT "+corpus.CaptureSelect+captureFrom+" WHERE c.id = $1", id)
	c, err := corpus.ScanCapture(row, true, s.decode)
	if err != nil {
		return nil, fmt.Errorf("capture %d: %w", id, notFound(err))
	}
	return c, nil
}

// LatestCapture returns the newest successful capture (2xx, or a 304
// revisit) whose requested or final URL is u, body included, or
// ErrNotFound. requested_url <> url lets the planner use the partial
// index of redirected captures (migration 0006).
func (s *Store) LatestCapture(ctx context.Context, u string) (*corpus.Capture, error) {
	row := s.pool.QueryRow(ctx, "SELECT "+corpus.CaptureSelect+captureFrom+
		` WHERE c.id = (SELECT MAX(id) FROM captures WHERE (url = $1 OR (requested_url = $1 AND requested_url <> url))
		  AND error_kind = '' AND status BETWEEN 200 AND 399)`, u)
	c, err := corpus.ScanCapture(row, true, s.decode)
	if err != nil {
		return nil, fmt.Errorf("latest capture of %s: %w", u, notFound(err))
	}
	return c, nil
}

// ForEachCapture calls fn for each capture matching f, in id order,
// reading 500 at a time.
func (s *Store) ForEachCapture(ctx context.Context, f corpus.CaptureFilter, fn func(*corpus.Capture) error) error {
	q := "SELECT " + corpus.CaptureSelect + " FROM captures c LEFT JOIN bodies b ON "
	if f.WithBody {
		q += "b.sha256 = c.body_sha256"
	} else {
		q += "false"
	}
	q += " WHERE c.id > $1"
	if f.OnlyOK {
		q += " AND c.error_kind = '' AND c.status BETWEEN 200 AND 299"
	}
	q += " ORDER BY c.id LIMIT 500"
	after := f.AfterID
	for {
		batch, err := s.captures(ctx, q, after, f.WithBody)
		if err != nil {
			return err
		}
		for _, c := range batch {
			if err := fn(c); err != nil {
				return err
			}
			after = c.ID
		}
		if len(batch) < 500 {
			return nil
		}
	}
}

func (s *Store) captures(ctx context.Context, q string, after int64, withBody bool) ([]*corpus.Capture, error) {
	rows, err := s.pool.Query(ctx, q, after)
	if err != nil {
		return nil, fmt.Errorf("list captures: %w", err)
	}
	defer rows.Close()
	var out []*corpus.Capture
	for rows.Next() {
		c, err := corpus.ScanCapture(rows, withBody, s.decode)
		if err != nil {
			return nil, fmt.Errorf("list captures: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list captures: %w", err)
	}
	return out, nil
}
