package corpus

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ArticleVersion is one version of an article's title and text, as a
// capture (or a re-extraction of one) brought it. Versions are numbered
// from 1 in the order they were stored; the article row holds the latest.
// JSON names are part of `archivist history --json`.
type ArticleVersion struct {
	ArticleID int64 `json:"article_id"`
	Version   int   `json:"version"`
	CaptureID int64 `json:"capture_id"` // the capture it was extracted from
	// CapturedAt is that capture's fetch time.
	CapturedAt time.Time `json:"captured_at"`
	Title      string    `json:"title"`
	Text       string    `json:"text"`
	WordCount  int       `json:"word_count"`
	// TextSHA256 is the hex SHA-256 of the title and text (see
	// TextDigest): equal digests, equal versions.
	TextSHA256 string `json:"text_sha256"`
	// ContentSHA256 is the hex SHA-256 of the capture's body.
	ContentSHA256    string     `json:"content_sha256"`
	ExtractorVersion int        `json:"extractor_version"` // 0: before archivist recorded it
	ExtractedAt      *time.Time `json:"extracted_at"`      // nil when unknown
	// RowSHA256 is the digest recorded with the stored row (see
	// CheckDigest).
	RowSHA256 string `json:"-"`

	valuesDigest string // digest of the stored values as read
}

// versionRowDigestVersion starts the encoding of an article_versions row.
const versionRowDigestVersion = "archivist article version row v1"

// versionRow is an article_versions row as stored. The latest version's
// text is not stored (textNull): it is the article row's, until a newer
// version supersedes it and its text is filled in.
type versionRow struct {
	articleID, version, captureID int64
	fetchedAt, title, text        string
	textNull                      bool
	wordCount                     int64
	textSHA256, contentSHA256     string
	extractorVersion              int64
	extractedAt                   string
}

// digest returns the hex SHA-256 of the row's canonical encoding, written
// as the article row's (see articleRow.digest): the string
// versionRowDigestVersion, then article_id, version, capture_id,
// fetched_at, title, text (empty when NULL), word_count, text_sha256,
// content_sha256, extractor_version and extracted_at, numbers in decimal.
func (r versionRow) digest() string {
	h := sha256.New()
	for _, s := range []string{versionRowDigestVersion, strconv.FormatInt(r.articleID, 10),
		strconv.FormatInt(r.version, 10), strconv.FormatInt(r.captureID, 10), r.fetchedAt, r.title, r.text,
		strconv.FormatInt(r.wordCount, 10), r.textSHA256, r.contentSHA256,
		strconv.FormatInt(r.extractorVersion, 10), r.extractedAt} {
		writeField(h, s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (r versionRow) args(rowSHA256 string) []any {
	var text any = r.text
	if r.textNull {
		text = nil
	}
	return []any{r.articleID, r.version, r.captureID, r.fetchedAt, r.title, text, r.wordCount, r.textSHA256,
		r.contentSHA256, r.extractorVersion, r.extractedAt, rowSHA256}
}

func (r versionRow) decode() ArticleVersion {
	return ArticleVersion{ArticleID: r.articleID, Version: int(r.version), CaptureID: r.captureID,
		CapturedAt: parseTime(r.fetchedAt), Title: r.title, Text: r.text, WordCount: int(r.wordCount),
		TextSHA256: r.textSHA256, ContentSHA256: r.contentSHA256, ExtractorVersion: int(r.extractorVersion),
		ExtractedAt: decodeTime(r.extractedAt)}
}

// TextDigest returns the hex SHA-256 of an article version's title and
// text, each written as its length in bytes (8 bytes, big-endian)
// followed by its bytes.
func TextDigest(title, text string) string {
	h := sha256.New()
	writeField(h, title)
	writeField(h, text)
	return hex.EncodeToString(h.Sum(nil))
}

// CheckDigest reports whether the stored version row matches the digest
// written with it, as Article.CheckDigest does.
func (v *ArticleVersion) CheckDigest() error {
	switch {
	case v.valuesDigest == "":
		return nil
	case v.RowSHA256 == "":
		return ErrNoDigest
	case v.RowSHA256 != v.valuesDigest:
		return fmt.Errorf("%w: version %d's stored values digest to %s, recorded %s", ErrDigestMismatch,
			v.Version, v.valuesDigest, v.RowSHA256)
	}
	return nil
}

// versionColumns are the article_versions columns scanVersion reads (one
// line: VerifyVersions qualifies them).
const versionColumns = "article_id, version, capture_id, fetched_at, title, text, word_count, text_sha256, " +
	"content_sha256, extractor_version, extracted_at, row_sha256"

// scanVersion reads one row of versionColumns, then the extra columns
// into extra. It reports whether the row's text is stored (false for the
// latest version, whose text is the article row's).
func scanVersion(row rowScanner, extra ...any) (*ArticleVersion, bool, error) {
	var r versionRow
	var recorded string
	var text sql.NullString
	dest := []any{&r.articleID, &r.version, &r.captureID, &r.fetchedAt, &r.title, &text, &r.wordCount,
		&r.textSHA256, &r.contentSHA256, &r.extractorVersion, &r.extractedAt, &recorded}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, false, err
	}
	r.text, r.textNull = text.String, !text.Valid
	v := r.decode()
	v.RowSHA256, v.valuesDigest = recorded, r.digest()
	return &v, text.Valid, nil
}

// Hot write statements of versions (see writeQuery).
var (
	qLatestVersion = writeQuery(`SELECT version, text_sha256, fetched_at FROM article_versions
		WHERE article_id = ? ORDER BY version DESC LIMIT 1`)
	qAddVersion = writeQuery("INSERT INTO article_versions (" + versionColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
)

// latestVersion is what storeArticle needs of an article's latest version.
type latestVersion struct {
	version          int64
	textSHA256, when string
}

// latestVersion returns article id's latest version, or nil when it has
// none (a new article, or a row written outside archivist).
func (tx *Tx) latestVersion(ctx context.Context, id int64) (*latestVersion, error) {
	var l latestVersion
	err := tx.stmt(ctx, qLatestVersion).QueryRowContext(ctx, id).Scan(&l.version, &l.textSHA256, &l.when)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("article %d versions: %w", id, describe(err))
	}
	return &l, nil
}

// keepText stores the text of article id (about to be overwritten by a
// new version) in its latest version's row, version, and gives the row
// its digest. It refuses (ErrDigestMismatch) when the article row does not
// match its own digest: its text may not be what was stored, and
// overwriting the row would hide that.
func (tx *Tx) keepText(ctx context.Context, id, version int64) error {
	a, _, err := scanArticle(tx.tx.QueryRowContext(ctx, "SELECT "+articleColumns+" FROM articles WHERE id = ?", id))
	if err != nil {
		return fmt.Errorf("article %d: keep version %d: %w", id, version, describe(err))
	}
	if err := a.CheckDigest(); errors.Is(err, ErrDigestMismatch) {
		return fmt.Errorf("article %d %s: not replaced by a new version: %w (run 'archivist verify')", id, a.URL, err)
	}
	text := a.Text
	row := tx.tx.QueryRowContext(ctx, "SELECT "+versionColumns+" FROM article_versions WHERE article_id = ? AND version = ?",
		id, version)
	v, stored, err := scanVersion(row)
	if err != nil {
		return fmt.Errorf("article %d: keep version %d: %w", id, version, describe(err))
	}
	if stored {
		return nil
	}
	r := rowOfVersion(v)
	r.text, r.textNull = text, false
	if _, err := tx.tx.ExecContext(ctx, "UPDATE article_versions SET text = ?, row_sha256 = ? WHERE article_id = ? AND version = ?",
		text, r.digest(), id, version); err != nil {
		return fmt.Errorf("article %d: keep version %d: %w", id, version, describe(err))
	}
	return nil
}

// rowOfVersion returns the stored values of v read by scanVersion.
func rowOfVersion(v *ArticleVersion) versionRow {
	return versionRow{articleID: v.ArticleID, version: int64(v.Version), captureID: v.CaptureID,
		fetchedAt: formatTime(v.CapturedAt), title: v.Title, text: v.Text,
		wordCount: int64(v.WordCount), textSHA256: v.TextSHA256, contentSHA256: v.ContentSHA256,
		extractorVersion: int64(v.ExtractorVersion), extractedAt: formatOptionalTime(v.ExtractedAt)}
}

// addVersion stores a (just written as article a.ID) as its version
// next, its text left to the article row, and sets a.Version and
// a.CapturedAt.
func (tx *Tx) addVersion(ctx context.Context, a *Article, next int64, textSHA256 string) error {
	r := versionRow{articleID: a.ID, version: next, captureID: a.CaptureID, fetchedAt: formatTime(a.FetchedAt),
		title: a.Title, textNull: true, wordCount: int64(a.WordCount), textSHA256: textSHA256,
		contentSHA256: a.ContentSHA256, extractorVersion: int64(a.ExtractorVersion),
		extractedAt: formatOptionalTime(a.ExtractedAt)}
	if _, err := tx.stmt(ctx, qAddVersion).ExecContext(ctx, r.args(r.digest())...); err != nil {
		return fmt.Errorf("article %d: add version %d: %w", a.ID, r.version, describe(err))
	}
	a.Version, a.CapturedAt = int(r.version), decodeTime(r.fetchedAt)
	return nil
}

// qualified prefixes each column of the one-line list cols with p.
func qualified(p, cols string) string {
	return p + strings.Join(strings.Split(cols, ", "), ", "+p)
}

// ArticleVersions returns every version of article id, oldest first (the
// latest with the article's text), or ErrNotFound when there is no such
// article.
func (db *DB) ArticleVersions(ctx context.Context, id int64) ([]ArticleVersion, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+qualified("v.", versionColumns)+`, a.text
		FROM article_versions v JOIN articles a ON a.id = v.article_id WHERE v.article_id = ? ORDER BY v.version`, id)
	if err != nil {
		return nil, fmt.Errorf("article %d versions: %w", id, db.describe(err))
	}
	defer rows.Close()
	var out []ArticleVersion
	for rows.Next() {
		var latest string
		v, stored, err := scanVersion(rows, &latest)
		if err != nil {
			return nil, fmt.Errorf("article %d versions: %w", id, db.describe(err))
		}
		if !stored {
			v.Text = latest
		}
		out = append(out, *v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("article %d versions: %w", id, db.describe(err))
	}
	if len(out) == 0 {
		if _, err := db.Article(ctx, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindArticle returns the id of the article seen under any of urls (one
// of its URLs, its final URL or its key), trying them in order, or
// ErrNotFound.
func (db *DB) FindArticle(ctx context.Context, urls ...string) (int64, error) {
	for _, u := range urls {
		var id int64
		err := db.r.QueryRowContext(ctx, `SELECT article_id FROM article_urls WHERE url = ?1
			UNION ALL SELECT id FROM articles WHERE key = ?1 OR url = ?1 LIMIT 1`, u).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("find article %s: %w", u, db.describe(err))
		}
	}
	return 0, ErrNotFound
}

// AsArticle returns article a as it stood at this version: for its latest
// version, a itself (a copy); for an older one, a with this version's
// title, text, word count, capture, fetch time, digests and provenance in
// place of the latest's (its other fields are the latest version's). The
// copy's digest check (CheckDigest) covers a's row and this version's.
func (v *ArticleVersion) AsArticle(a *Article) *Article {
	out := *a
	if v.Version == a.Version {
		return &out
	}
	out.Title, out.Text, out.WordCount = v.Title, v.Text, v.WordCount
	out.CaptureID, out.ContentSHA256 = v.CaptureID, v.ContentSHA256
	out.ExtractorVersion, out.ExtractedAt = v.ExtractorVersion, v.ExtractedAt
	out.Version = v.Version
	at := v.CapturedAt
	// The last fetch that brought this version again is not recorded.
	out.CapturedAt, out.FetchedAt = &at, at
	if a.CheckDigest() == nil && v.valuesDigest != "" {
		out.RowSHA256, out.valuesDigest = v.RowSHA256, v.valuesDigest
	}
	return &out
}

// ArticleVersionsMatching calls fn, for each article matching f (in the
// order Articles gives), with every version of it, oldest first, each as
// ArticleVersion.AsArticle makes it.
func (db *DB) ArticleVersionsMatching(ctx context.Context, f ArticleFilter, fn func(*Article) error) error {
	return db.Articles(ctx, f, func(a *Article) error {
		vs, err := db.ArticleVersions(ctx, a.ID)
		if err != nil {
			return err
		}
		if len(vs) == 0 { // a row written outside archivist
			return fn(a)
		}
		for i := range vs {
			if err := fn(vs[i].AsArticle(a)); err != nil {
				return err
			}
		}
		return nil
	})
}

// ArticlesToReextract returns the ids of the articles whose extractor
// version is below the given one, or of every article when below is 0, in
// id order.
func (db *DB) ArticlesToReextract(ctx context.Context, below int) ([]int64, error) {
	q, args := "SELECT id FROM articles ORDER BY id", []any{}
	if below > 0 {
		q, args = "SELECT id FROM articles WHERE extractor_version < ? ORDER BY id", []any{below}
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("articles to re-extract: %w", db.describe(err))
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("articles to re-extract: %w", db.describe(err))
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("articles to re-extract: %w", db.describe(err))
	}
	return ids, nil
}

// changedQuery counts, per site, the articles that changed after their
// first capture: versions extracted from more than one capture (a
// re-extraction of the same capture is not a change of the page).
const changedQuery = `SELECT a.site, COUNT(*) FROM articles a
	WHERE (SELECT COUNT(DISTINCT capture_id) FROM article_versions v WHERE v.article_id = a.id) > 1
	GROUP BY a.site ORDER BY 2 DESC, 1`

// addChanged fills s.ArticlesChanged and the Changed count of each site.
func (db *DB) addChanged(ctx context.Context, s *Stats) error {
	counts, err := db.counts(ctx, changedQuery)
	if err != nil {
		return err
	}
	bySite := map[string]int64{}
	for _, c := range counts {
		bySite[c.Key] = c.Count
		s.ArticlesChanged += c.Count
	}
	for i := range s.BySite {
		s.BySite[i].Changed = bySite[s.BySite[i].Site]
	}
	return nil
}

// fillVersions is the Go step of migration 0008: each article stored
// before it becomes its own version 1, and each article row whose version
// 1 digest matches its values gets the version 2 digest (a damaged row
// keeps its old digest, so that verify still reports it, and its version
// gets no digest).
func fillVersions(ctx context.Context, tx *sql.Tx) error {
	setDigest, err := tx.PrepareContext(ctx, "UPDATE articles SET row_sha256 = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer setDigest.Close()
	addVersion, err := tx.PrepareContext(ctx, qAddVersion)
	if err != nil {
		return err
	}
	defer addVersion.Close()
	return eachRowV1(ctx, tx, "1", func(id int64, r articleRow, recorded string) error {
		sound := recorded != "" && recorded == r.digestV1()
		if sound {
			if _, err := setDigest.ExecContext(ctx, r.digest(), id); err != nil {
				return fmt.Errorf("article %d: %w", id, err)
			}
		}
		v := versionRow{articleID: id, version: 1, captureID: r.captureID, fetchedAt: r.fetchedAt, title: r.title,
			textNull: true, wordCount: r.wordCount, textSHA256: TextDigest(r.title, r.text), contentSHA256: r.contentSHA256}
		sum := ""
		if sound {
			sum = v.digest()
		}
		if _, err := addVersion.ExecContext(ctx, v.args(sum)...); err != nil {
			return fmt.Errorf("article %d: add version 1: %w", id, err)
		}
		return nil
	})
}
