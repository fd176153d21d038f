package corpus

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"time"
	"unsafe"
)

// Errors of Article.CheckDigest.
var (
	// ErrDigestMismatch means that an article row's stored values are no
	// longer what was written with its digest: bytes changed on disk.
	ErrDigestMismatch = errors.New("article row does not match its digest")
	// ErrNoDigest means that an article row has no digest to check
	// (written outside archivist).
	ErrNoDigest = errors.New("article row has no digest")
)

// rowDigestVersion starts every encoding of an article row; a change to
// the encoding must change it. Version 1 (rowDigestV1) did not cover the
// extractor version and extraction time; migration 0008 moved the rows
// whose version 1 digest still matched to version 2.
const (
	rowDigestVersion = "archivist article row v2"
	rowDigestV1      = "archivist article row v1"
)

// articleRow is an article as the articles table stores it: each exported
// column's value as SQLite holds it. PutArticle writes these values and
// their digest in one statement; scanArticle reads them back and digests
// them again, so the digest compares bytes with bytes, whatever decoding
// does (JSON escapes, time zones, nil or empty lists).
type articleRow struct {
	url, canonicalURL, site, siteName, title string
	authors                                  string // JSON array
	published, publishedPrecision            string // published: RFC 3339 as the page gave it, "" for NULL
	modified, modifiedPrecision              string
	language, description, image, section    string
	tags                                     string // JSON array
	pageType, text                           string
	wordCount                                int64
	flags                                    string // JSON array
	fetchedAt                                string // RFC 3339 UTC with nanoseconds
	captureID                                int64
	contentSHA256                            string
	extractorVersion                         int64
	extractedAt                              string // RFC 3339 UTC with nanoseconds, "" when unknown
}

// digest returns the hex SHA-256 of the row's canonical encoding, a
// sequence of fields, each written as its length in bytes (8 bytes,
// big-endian) followed by its bytes: first the string rowDigestVersion,
// then these columns in this order: url, canonical_url, site, site_name,
// title, authors, published, published_precision, modified,
// modified_precision, language, description, image, section, tags,
// page_type, text, word_count, flags, fetched_at, capture_id,
// content_sha256, extractor_version, extracted_at. Text columns are taken
// as stored (authors, tags and flags are their JSON arrays; published and
// modified their RFC 3339 text, or empty when NULL); word_count,
// capture_id and extractor_version are written in decimal. The article
// id, its key, seq and published_utc (derived from published) are not
// covered.
func (r articleRow) digest() string {
	return r.digestAs(rowDigestVersion)
}

// digestV1 is the digest of version 1 of the encoding: rowDigestV1 and
// the columns of digest up to content_sha256.
func (r articleRow) digestV1() string {
	return r.digestAs(rowDigestV1)
}

func (r articleRow) digestAs(version string) string {
	h := fieldHash{h: sha256.New()}
	for _, s := range []string{version, r.url, r.canonicalURL, r.site, r.siteName, r.title,
		r.authors, r.published, r.publishedPrecision, r.modified, r.modifiedPrecision, r.language,
		r.description, r.image, r.section, r.tags, r.pageType, r.text, strconv.FormatInt(r.wordCount, 10),
		r.flags, r.fetchedAt, strconv.FormatInt(r.captureID, 10), r.contentSHA256} {
		h.field(s)
	}
	if version != rowDigestV1 {
		h.field(strconv.FormatInt(r.extractorVersion, 10))
		h.field(r.extractedAt)
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.h.Sum(sum[:0]))
}

func writeField(h hash.Hash, s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	h.Write(stringBytes(s))
}

// fieldHash writes fields as writeField does, without an allocation per
// field (export digests every row it reads).
type fieldHash struct {
	h hash.Hash
	n [8]byte
}

func (f *fieldHash) field(s string) {
	binary.BigEndian.PutUint64(f.n[:], uint64(len(s)))
	f.h.Write(f.n[:])
	f.h.Write(stringBytes(s))
}

// stringBytes returns the bytes of s without copying them, for a hash
// (which reads them and keeps none): the bytes must not be written to.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// rowOf returns the values PutArticle stores for a.
func rowOf(a *Article) articleRow {
	pub, _ := timeColumns(a.Published)
	mod, _ := timeColumns(a.Modified)
	return articleRow{
		url: a.URL, canonicalURL: a.CanonicalURL, site: a.Site, siteName: a.SiteName, title: a.Title,
		authors: marshalJSON(nonNil(a.Authors)), published: pub, publishedPrecision: a.PublishedPrecision,
		modified: mod, modifiedPrecision: a.ModifiedPrecision, language: a.Language,
		description: a.Description, image: a.Image, section: a.Section, tags: marshalJSON(nonNil(a.Tags)),
		pageType: a.PageType, text: a.Text, wordCount: int64(a.WordCount), flags: marshalJSON(nonNil(a.Flags)),
		fetchedAt: formatTime(a.FetchedAt), captureID: a.CaptureID, contentSHA256: a.ContentSHA256,
		extractorVersion: int64(a.ExtractorVersion), extractedAt: formatOptionalTime(a.ExtractedAt),
	}
}

// formatOptionalTime is formatTime, or "" for nil or zero.
func formatOptionalTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return formatTime(*t)
}

// article decodes the row.
func (r *articleRow) article() Article {
	return Article{
		URL: r.url, CanonicalURL: r.canonicalURL, Site: r.site, SiteName: r.siteName, Title: r.title,
		Authors: decodeList(r.authors), Published: decodeTime(r.published), PublishedPrecision: r.publishedPrecision,
		Modified: decodeTime(r.modified), ModifiedPrecision: r.modifiedPrecision, Language: r.language,
		Description: r.description, Image: r.image, Section: r.section, Tags: decodeList(r.tags),
		PageType: r.pageType, Text: r.text, WordCount: int(r.wordCount), Flags: decodeList(r.flags),
		FetchedAt: parseTime(r.fetchedAt), CaptureID: r.captureID, ContentSHA256: r.contentSHA256,
		ExtractorVersion: int(r.extractorVersion), ExtractedAt: decodeTime(r.extractedAt),
	}
}

// nullable returns nil (SQL NULL) for "".
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// CheckDigest reports whether the stored row the article was read from
// matches the digest written with it: nil when it does, an error wrapping
// ErrDigestMismatch when it does not (its bytes changed on disk), and
// ErrNoDigest when the row has none. An article that was not read from a
// corpus has nothing to check: nil.
func (a *Article) CheckDigest() error {
	switch {
	case a.valuesDigest == "":
		return nil
	case a.RowSHA256 == "":
		return ErrNoDigest
	case a.RowSHA256 != a.valuesDigest:
		return fmt.Errorf("%w: its stored values digest to %s, recorded %s", ErrDigestMismatch, a.valuesDigest, a.RowSHA256)
	}
	return nil
}

// rowColumnsV1 are the articles columns that version 1 of the row digest
// covers, then row_sha256: the columns of schema versions 5 to 7, which
// the Go steps of migrations 0005 and 0008 read.
const rowColumnsV1 = `id, url, canonical_url, site, site_name, title, authors, COALESCE(published, ''),
	COALESCE(modified, ''), language, description, image, section, tags, text, word_count, flags, fetched_at,
	capture_id, content_sha256, page_type, published_precision, modified_precision, row_sha256`

// scanRowV1 reads one row of rowColumnsV1.
func scanRowV1(row rowScanner) (id int64, r articleRow, recorded string, err error) {
	err = row.Scan(&id, &r.url, &r.canonicalURL, &r.site, &r.siteName, &r.title, &r.authors, &r.published,
		&r.modified, &r.language, &r.description, &r.image, &r.section, &r.tags, &r.text, &r.wordCount, &r.flags,
		&r.fetchedAt, &r.captureID, &r.contentSHA256, &r.pageType, &r.publishedPrecision,
		&r.modifiedPrecision, &recorded)
	return id, r, recorded, err
}

// fillRowDigests writes the version 1 digest of every article row that
// has none, in tx, a chunk of rows at a time. Migration 0005 runs it for
// the rows stored before it (migration 0008 then moves them to version 2).
func fillRowDigests(ctx context.Context, tx *sql.Tx) error {
	return eachRowV1(ctx, tx, "row_sha256 = ''", func(id int64, r articleRow, _ string) error {
		if _, err := tx.ExecContext(ctx, "UPDATE articles SET row_sha256 = ? WHERE id = ?", r.digestV1(), id); err != nil {
			return fmt.Errorf("fill article digests: %w", err)
		}
		return nil
	})
}

// eachRowV1 calls fn for every article row matching where (an SQL
// condition), in id order, reading rowColumnsV1 500 rows at a time. fn may
// write to the rows it is given.
func eachRowV1(ctx context.Context, tx *sql.Tx, where string, fn func(id int64, r articleRow, recorded string) error) error {
	type row struct {
		id       int64
		r        articleRow
		recorded string
	}
	var after int64
	for {
		rows, err := tx.QueryContext(ctx, "SELECT "+rowColumnsV1+" FROM articles WHERE id > ? AND "+where+
			" ORDER BY id LIMIT 500", after)
		if err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		var batch []row
		for rows.Next() {
			var b row
			if b.id, b.r, b.recorded, err = scanRowV1(rows); err != nil {
				rows.Close()
				return fmt.Errorf("read articles: %w", err)
			}
			batch = append(batch, b)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, b := range batch {
			if err := fn(b.id, b.r, b.recorded); err != nil {
				return err
			}
			after = b.id
		}
	}
}
