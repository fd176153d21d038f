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
	qAddCaptureBody = withBody + qAddCapture
	// qAddCaptureID and qAddCaptureBodyID store a capture under an id
	// taken ahead (see Tx.spareCaptureID): nothing to wait for.
	qAddCaptureID = "INSERT INTO captures (" + corpus.CaptureValueColumns + ", id) VALUES (" +
		placeholders(1, 29) + ")"
	qAddCaptureBodyID = withBody + "INSERT INTO captures (" + corpus.CaptureValueColumns + ", id) VALUES (" +
		placeholders(1, 28) + ", $33)"
)

const withBody = `WITH b AS (INSERT INTO bodies (sha256, size, encoding, data) VALUES ($29, $30, $31, $32)
		ON CONFLICT (sha256) DO NOTHING) `

// AddCapture stores one fetch, its body compressed and shared with every
// capture of the same bytes, and sets c.ID.
//
// A crawl worker's capture takes the id its store took ahead from the
// captures' sequence when it has one, and its INSERT waits for the next
// statement that needs an answer, or the COMMIT: a page that stores no
// article (a hub, a sitemap) then costs one round trip, its COMMIT. The
// lookups the crawl asks next of an HTML page's body and URL go with the
// first of them it asks (see askDue).
func (tx *Tx) AddCapture(ctx context.Context, c *corpus.Capture) (int64, error) {
	q, vals := qAddCapture, corpus.CaptureValues(c)
	html := false
	if c.Body != nil {
		data, enc, ok := c.Packed()
		if !ok {
			data, enc = tx.s.compress(c.Body)
		}
		q, vals = qAddCaptureBody, append(vals, c.SHA256, len(c.Body), enc, data)
		html = c.SHA256 != "" && c.ErrorKind == "" && strings.Contains(c.ContentType, "html")
	}
	tx.captured = true
	tx.s.uncaptured.drop(c.URL, c.RequestedURL)
	if id := tx.spareCaptureID(); id != 0 {
		q = qAddCaptureID
		if c.Body != nil {
			q = qAddCaptureBodyID
		}
		c.ID = id
		tx.tx.laterOne("add capture "+c.URL, q, append(vals, id)...)
		tx.byContent, tx.byKey, tx.redirects, tx.due = nil, nil, nil, nil
		if html {
			tx.due = &dueLookups{sum: c.SHA256, key: c.URL}
		}
		return id, nil
	}
	if html {
		// The crawl asks next for an article extracted from this
		// body, then for the article of this URL.
		tx.prefetchLookups(c.SHA256, c.URL)
	}
	if err := tx.tx.QueryRow(ctx, q, vals...).Scan(&c.ID); err != nil {
		return 0, fmt.Errorf("add capture %s: %w", c.URL, err)
	}
	return c.ID, nil
}

// spareCaptureID returns the capture id a crawl worker's store took ahead
// and has not used, and forgets it; 0 when there is none or the store is
// no crawl worker. The store takes the next one with the lookups of the
// page's article or with the COMMIT of a transaction that stored a
// capture (see wantCaptureID), so that a crawl's capture ids stay 1, 2,
// 3, ... but for one unused id per worker at its end (and any in a
// transaction rolled back, as with the sequence itself).
func (tx *Tx) spareCaptureID() int64 {
	if tx.s.workerID() == 0 {
		return 0
	}
	return tx.s.spareCaptureID.Swap(0)
}

// wantCaptureID reports whether the store should take a capture id ahead
// in this transaction: a crawl worker's transaction that stored a
// capture, when the store has no spare id.
func (tx *Tx) wantCaptureID() bool {
	return tx.captured && tx.s.workerID() != 0 && tx.s.spareCaptureID.Load() == 0
}

// qNextCaptureID takes a capture id ahead.
const qNextCaptureID = "SELECT nextval('captures_id_seq')"

// keepCaptureID keeps the id qNextCaptureID or qLookups answered (NULL:
// none asked) as the store's spare.
func (tx *Tx) keepCaptureID(id *int64) {
	if id != nil {
		tx.s.spareCaptureID.CompareAndSwap(0, *id)
	}
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
	if s.uncaptured.take(u) {
		return nil, fmt.Errorf("latest capture of %s: %w", u, corpus.ErrNotFound)
	}
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
