package corpus

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// This file exports the stored forms of captures, articles and versions
// for the other stores (corpus/pgstore): every store keeps the same
// column values, so that their digests, exports and verify agree byte for
// byte. The SELECT lists are portable SQL.

// RowScanner is a row of a query result (*sql.Row, *sql.Rows, pgx.Row).
type RowScanner interface{ Scan(dest ...any) error }

// ArticleSelect is the SELECT list ScanArticle reads from a table named
// articles (with article_versions beside it).
const ArticleSelect = articleColumns

// ArticleValueColumns are the article columns ArticleValues returns, in
// order.
const ArticleValueColumns = `url, canonical_url, site, site_name, title, authors, published, published_utc, modified,
	language, description, image, section, tags, text, word_count, flags, fetched_at, capture_id,
	content_sha256, page_type, published_precision, modified_precision, row_sha256,
	extractor_version, extracted_at`

// ScanArticle reads one row of ArticleSelect, then the extra columns
// into extra, and returns the article and its change sequence number.
func ScanArticle(row RowScanner, extra ...any) (*Article, int64, error) {
	return scanArticle(row, extra...)
}

// ArticleValues returns the values stored for a, in the order of
// ArticleValueColumns (NULL is nil), with a.FetchedAt and a.ExtractedAt
// set to now when zero; it sets a.RowSHA256 to their digest.
func ArticleValues(a *Article) []any {
	if a.FetchedAt.IsZero() {
		a.FetchedAt = time.Now()
	}
	if a.ExtractedAt == nil || a.ExtractedAt.IsZero() {
		now := time.Now().UTC()
		a.ExtractedAt = &now
	}
	_, pubUTC := timeColumns(a.Published)
	r := rowOf(a)
	a.RowSHA256 = r.digest()
	a.valuesDigest = a.RowSHA256
	return []any{r.url, r.canonicalURL, r.site, r.siteName, r.title, r.authors, nullable(r.published), pubUTC,
		nullable(r.modified), r.language, r.description, r.image, r.section, r.tags, r.text, r.wordCount,
		r.flags, r.fetchedAt, r.captureID, r.contentSHA256, r.pageType, r.publishedPrecision,
		r.modifiedPrecision, a.RowSHA256, r.extractorVersion, r.extractedAt}
}

// VersionSelect is the column list of article_versions ScanVersion reads
// (and NewVersionValues writes), in order.
const VersionSelect = versionColumns

// ScanVersion reads one row of VersionSelect, then extra; it reports
// whether the row's text is stored (false for the latest version, whose
// text is the article row's).
func ScanVersion(row RowScanner, extra ...any) (*ArticleVersion, bool, error) {
	return scanVersion(row, extra...)
}

// NewVersionValues returns the values of VersionSelect for article a
// (just stored as a.ID) as its version next, its text left to the article
// row, and sets a.Version and a.CapturedAt.
func NewVersionValues(a *Article, next int64) []any {
	r := versionRow{articleID: a.ID, version: next, captureID: a.CaptureID, fetchedAt: formatTime(a.FetchedAt),
		title: a.Title, textNull: true, wordCount: int64(a.WordCount), textSHA256: TextDigest(a.Title, a.Text),
		contentSHA256: a.ContentSHA256, extractorVersion: int64(a.ExtractorVersion),
		extractedAt: formatOptionalTime(a.ExtractedAt)}
	a.Version, a.CapturedAt = int(r.version), decodeTime(r.fetchedAt)
	return r.args(r.digest())
}

// KeptTextDigest returns the row digest of version v (read by
// ScanVersion) once its text is stored as text.
func KeptTextDigest(v *ArticleVersion, text string) string {
	r := rowOfVersion(v)
	r.text, r.textNull = text, false
	return r.digest()
}

// SetVersionText sets v's text (the latest version's, which is the
// article row's); its digest check still covers the stored row.
func SetVersionText(v *ArticleVersion, text string) { v.Text = text }

// CaptureSelect is the SELECT list ScanCapture reads, from captures c
// LEFT JOIN bodies b.
const CaptureSelect = captureColumns

// CaptureValueColumns are the capture columns CaptureValues returns, in
// order.
const CaptureValueColumns = `requested_url, url, host, redirects, method, request_headers, status, proto, headers,
	fetched_at, duration_ms, body_sha256, sha256, body_size, content_type, truncated,
	error, error_kind, revisit_of, depth, source, body_form, remote_ip, request_head, response_head,
	warc_file, warc_offset, warc_record_id`

// CaptureValues returns the values stored for c, in the order of
// CaptureValueColumns, after filling c.SHA256, c.BodySize, c.FetchedAt
// and c.Method when empty. body_sha256 is nil when c has no body.
func CaptureValues(c *Capture) []any {
	var bodyRef any
	if c.Body != nil {
		c.FillDigest()
		bodyRef = c.SHA256
	}
	if c.FetchedAt.IsZero() {
		c.FetchedAt = time.Now()
	}
	if c.Method == "" {
		c.Method = http.MethodGet
	}
	redirects := c.Redirects
	if redirects == nil {
		redirects = []string{}
	}
	var revisit any
	if c.RevisitOf != 0 {
		revisit = c.RevisitOf
	}
	return []any{c.RequestedURL, c.URL, hostOf(c.URL), marshalJSON(redirects), c.Method,
		marshalJSON(headerOrEmpty(c.RequestHeader)), c.Status, c.Proto, marshalJSON(headerOrEmpty(c.Header)),
		formatTime(c.FetchedAt), c.Duration.Milliseconds(), bodyRef, c.SHA256, c.BodySize, c.ContentType,
		c.Truncated, c.Error, c.ErrorKind, revisit, c.Depth, c.Source, bodyForm(c), c.RemoteIP,
		c.RequestHead, c.ResponseHead, c.WARC.File, c.WARC.Offset, c.WARC.RecordID}
}

// Packed returns c's body compressed by a store's Pack, and its encoding
// ("zstd" or "identity"), when it was packed for c's current digest.
func (c *Capture) Packed() (data []byte, encoding string, ok bool) {
	if c.packedEncoding == "" || c.packedFor != c.SHA256 || c.SHA256 == "" {
		return nil, "", false
	}
	return c.packed, c.packedEncoding, true
}

// SetPacked records data as c's body compressed with encoding, for the
// digest c.SHA256 (see Packed).
func (c *Capture) SetPacked(data []byte, encoding string) {
	c.packed, c.packedEncoding, c.packedFor = data, encoding, c.SHA256
}

// ScanCapture reads one row of CaptureSelect. With withBody, the body is
// decoded by decode from its stored encoding and data.
func ScanCapture(row RowScanner, withBody bool, decode func(encoding string, data []byte) ([]byte, error)) (*Capture, error) {
	return scanCaptureWith(row, withBody, decode)
}

// FormatTime is how the stores keep instants: RFC 3339 in UTC with
// nanoseconds, so that text order is time order.
func FormatTime(t time.Time) string { return formatTime(t) }

// Matches reports whether a passes f's conditions other than IDs.
func (f ArticleFilter) Matches(a *Article) bool { return f.matches(a) }

// ArticleStoredValues returns the values of ArticleValueColumns for an
// article read from a store, as they are stored: no defaults filled in,
// and its recorded digest (a.RowSHA256) kept as it is, so that a copy of
// a damaged row is still found damaged.
func ArticleStoredValues(a *Article) []any {
	_, pubUTC := timeColumns(a.Published)
	r := rowOf(a)
	return []any{r.url, r.canonicalURL, r.site, r.siteName, r.title, r.authors, nullable(r.published), pubUTC,
		nullable(r.modified), r.language, r.description, r.image, r.section, r.tags, r.text, r.wordCount,
		r.flags, r.fetchedAt, r.captureID, r.contentSHA256, r.pageType, r.publishedPrecision,
		r.modifiedPrecision, a.RowSHA256, r.extractorVersion, r.extractedAt}
}

// VersionStoredValues returns the values of VersionSelect for version v
// read from a store, with its recorded digest; its text is NULL unless
// textStored (the latest version's text is the article row's).
func VersionStoredValues(v *ArticleVersion, textStored bool) []any {
	r := rowOfVersion(v)
	r.textNull = !textStored
	return r.args(v.RowSHA256)
}

// ArticleKey returns the key of article id (its normalized canonical or
// final URL), or ErrNotFound.
func (db *DB) ArticleKey(ctx context.Context, id int64) (string, error) {
	var key string
	err := db.r.QueryRowContext(ctx, "SELECT key FROM articles WHERE id = ?", id).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("article %d key: %w", id, db.describe(err))
	}
	return key, nil
}

// CrawlRun is one crawl run as stored: times as RFC 3339 text in UTC
// (FinishedAt "" while running or when killed), settings and summary as
// JSON.
type CrawlRun struct {
	ID                    int64
	StartedAt, FinishedAt string
	Settings, Summary     string
}

// CrawlRuns returns every crawl run, oldest first.
func (db *DB) CrawlRuns(ctx context.Context) ([]CrawlRun, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT id, started_at, COALESCE(finished_at, ''), settings, summary FROM crawl_runs ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("crawl runs: %w", db.describe(err))
	}
	defer rows.Close()
	var out []CrawlRun
	for rows.Next() {
		var r CrawlRun
		if err := rows.Scan(&r.ID, &r.StartedAt, &r.FinishedAt, &r.Settings, &r.Summary); err != nil {
			return nil, fmt.Errorf("crawl runs: %w", db.describe(err))
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ScopeHost is one host of a crawl's stored scope (see AddScope).
type ScopeHost struct {
	Host, Source string
	AddedAt      int64 // unix milliseconds
}

// RobotsState is what a crawl last learnt of an origin's robots.txt (see
// RecordRobots).
type RobotsState struct {
	Origin    string
	Check     RobotsCheck
	CheckedAt int64 // unix milliseconds
}

// CrawlMemory returns the crawl's stored scope and robots.txt states, for
// a copy of the corpus.
func (db *DB) CrawlMemory(ctx context.Context) ([]ScopeHost, []RobotsState, error) {
	var scope []ScopeHost
	var robots []RobotsState
	rows, err := db.r.QueryContext(ctx, "SELECT host, source, added_at FROM crawl_scope ORDER BY host")
	if err != nil {
		return nil, nil, fmt.Errorf("crawl scope: %w", db.describe(err))
	}
	for rows.Next() {
		var h ScopeHost
		if err := rows.Scan(&h.Host, &h.Source, &h.AddedAt); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("crawl scope: %w", err)
		}
		scope = append(scope, h)
	}
	rows.Close()
	rows, err = db.r.QueryContext(ctx, "SELECT host, robots_sha256, robots_status, robots_error, checked_at FROM crawl_hosts ORDER BY host")
	if err != nil {
		return nil, nil, fmt.Errorf("crawl hosts: %w", db.describe(err))
	}
	defer rows.Close()
	for rows.Next() {
		var r RobotsState
		if err := rows.Scan(&r.Origin, &r.Check.SHA256, &r.Check.Status, &r.Check.Error, &r.CheckedAt); err != nil {
			return nil, nil, fmt.Errorf("crawl hosts: %w", err)
		}
		robots = append(robots, r)
	}
	return scope, robots, rows.Err()
}

// FillDigest sets c.SHA256 and c.BodySize from c.Body where they are
// empty.
func (c *Capture) FillDigest() {
	if c.SHA256 == "" {
		sum := sha256.Sum256(c.Body)
		c.SHA256 = hex.EncodeToString(sum[:])
	}
	if c.BodySize == 0 {
		c.BodySize = int64(len(c.Body))
	}
}
