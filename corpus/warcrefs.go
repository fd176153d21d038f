package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Lookups of WARC imports and exports.
var (
	qCaptureByRecord = writeQuery("SELECT id, sha256 FROM captures WHERE warc_record_id = ?")
	qCaptureAt       = writeQuery(`SELECT id, sha256 FROM captures WHERE url = ? AND fetched_at = ?
		AND error_kind = '' ORDER BY id LIMIT 1`)
	qLatestOf = writeQuery(`SELECT id, sha256 FROM captures WHERE url = ? AND error_kind = ''
		AND status BETWEEN 200 AND 299 AND body_sha256 IS NOT NULL ORDER BY id DESC LIMIT 1`)
)

// CaptureRef is a capture's id and payload digest.
type CaptureRef struct {
	ID     int64
	SHA256 string
}

// CaptureByWARCRecord returns the capture imported from the WARC record
// with that WARC-Record-ID, or ErrNotFound.
func (tx *Tx) CaptureByWARCRecord(ctx context.Context, recordID string) (CaptureRef, error) {
	return tx.scanRef(ctx, qCaptureByRecord, recordID)
}

// CaptureAt returns the successful capture of url fetched at t, or
// ErrNotFound.
func (tx *Tx) CaptureAt(ctx context.Context, url string, t time.Time) (CaptureRef, error) {
	return tx.scanRef(ctx, qCaptureAt, url, formatTime(t))
}

// LatestCaptureOf returns the newest 2xx capture of url with a body, or
// ErrNotFound.
func (tx *Tx) LatestCaptureOf(ctx context.Context, url string) (CaptureRef, error) {
	return tx.scanRef(ctx, qLatestOf, url)
}

func (tx *Tx) scanRef(ctx context.Context, q string, args ...any) (CaptureRef, error) {
	var r CaptureRef
	err := tx.stmt(ctx, q).QueryRowContext(ctx, args...).Scan(&r.ID, &r.SHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("lookup capture: %w", describe(err))
	}
	return r, nil
}

// HasWARCRecord reports whether a capture was imported from the WARC
// record with that WARC-Record-ID.
func (db *DB) HasWARCRecord(ctx context.Context, recordID string) (bool, error) {
	var one int
	err := db.r.QueryRowContext(ctx, "SELECT 1 FROM captures WHERE warc_record_id = ?", recordID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("lookup capture: %w", db.describe(err))
	}
	return true, nil
}

// CrawlSettings returns the settings (JSON) of every crawl run, oldest
// first.
func (db *DB) CrawlSettings(ctx context.Context) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT settings FROM crawl_runs ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("crawl settings: %w", db.describe(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("crawl settings: %w", db.describe(err))
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
