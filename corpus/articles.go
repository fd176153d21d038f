package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// articleColumns are the columns scanArticle reads from the articles
// table, then the number and capture time of the article's latest version.
const articleColumns = `id, url, canonical_url, site, site_name, title, authors, COALESCE(published, ''),
	COALESCE(modified, ''), language, description, image, section, tags, text, word_count, flags, fetched_at,
	capture_id, content_sha256, seq, page_type, published_precision, modified_precision, row_sha256,
	extractor_version, extracted_at,
	COALESCE((SELECT MAX(version) FROM article_versions v WHERE v.article_id = articles.id), 0),
	COALESCE((SELECT fetched_at FROM article_versions v WHERE v.article_id = articles.id
	          ORDER BY version DESC LIMIT 1), '')`

// scanArticle reads one row of articleColumns, then the extra columns
// into extra. The article's valuesDigest is the digest of the values as
// read, for CheckDigest.
func scanArticle(row rowScanner, extra ...any) (*Article, int64, error) {
	var (
		r                    articleRow
		id, seq              int64
		recorded, capturedAt string
		version              int
	)
	dest := []any{&id, &r.url, &r.canonicalURL, &r.site, &r.siteName, &r.title, &r.authors, &r.published,
		&r.modified, &r.language, &r.description, &r.image, &r.section, &r.tags, &r.text, &r.wordCount, &r.flags,
		&r.fetchedAt, &r.captureID, &r.contentSHA256, &seq, &r.pageType, &r.publishedPrecision,
		&r.modifiedPrecision, &recorded, &r.extractorVersion, &r.extractedAt, &version, &capturedAt}
	err := row.Scan(append(dest, extra...)...)
	if err != nil {
		return nil, 0, err
	}
	a := r.article()
	a.ID, a.RowSHA256, a.valuesDigest = id, recorded, r.digest()
	a.Version, a.CapturedAt = version, decodeTime(capturedAt)
	return &a, seq, nil
}

// decodeList decodes a stored JSON array of strings ([] when it is not
// one). Arrays as marshalJSON writes plain strings (no escapes, valid
// UTF-8) are split directly; anything else goes through encoding/json.
func decodeList(s string) []string {
	if out, ok := splitPlainList(s); ok {
		return out
	}
	out := []string{}
	json.Unmarshal([]byte(s), &out)
	if out == nil {
		out = []string{}
	}
	return out
}

// splitPlainList decodes s when it is a JSON array of strings without
// escapes, whitespace or control characters, in valid UTF-8: what
// encoding/json decodes to the same strings. ok is false otherwise.
func splitPlainList(s string) (out []string, ok bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' || strings.IndexByte(s, '\\') >= 0 || !utf8.ValidString(s) {
		return nil, false
	}
	body := s[1 : len(s)-1]
	out = make([]string, 0, strings.Count(body, `","`)+1)
	for len(body) > 0 {
		if body[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(body[1:], '"') + 1
		if end == 0 {
			return nil, false
		}
		item := body[1:end]
		for i := 0; i < len(item); i++ {
			if item[i] < 0x20 {
				return nil, false
			}
		}
		out = append(out, item)
		body = body[end+1:]
		if len(body) > 0 {
			if body[0] != ',' || len(body) == 1 {
				return nil, false
			}
			body = body[1:]
		}
	}
	return out, true
}

func decodeTime(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil
	}
	return &t
}

// Hot write statements of PutArticle and UpdateArticle (see writeQuery).
var (
	qInsertArticle = writeQuery(`INSERT INTO articles
		(url, canonical_url, site, site_name, title, authors, published, published_utc, modified,
		 language, description, image, section, tags, text, word_count, flags, fetched_at, capture_id,
		 content_sha256, seq, page_type, published_precision, modified_precision, row_sha256,
		 extractor_version, extracted_at, key)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		RETURNING id`)
	qUpdateArticle = writeQuery(`UPDATE articles SET
		 url=?, canonical_url=?, site=?, site_name=?, title=?, authors=?, published=?, published_utc=?,
		 modified=?, language=?, description=?, image=?, section=?, tags=?, text=?, word_count=?, flags=?,
		 fetched_at=?, capture_id=?, content_sha256=?, seq=?, page_type=?, published_precision=?,
		 modified_precision=?, row_sha256=?, extractor_version=?, extracted_at=?
		WHERE id = ?`)
)

// PutArticle inserts or updates the article identified by key (the
// normalized canonical URL, or the normalized final URL). It records a.URL
// as one of the article's URLs, bumps its change sequence and sets a.ID.
// When a's title or text differ from the article's latest version, a is
// also stored as a new version (see ArticleVersions); the older versions
// stay. a.ExtractedAt is set to the current time when nil.
func (tx *Tx) PutArticle(ctx context.Context, a *Article, key string) (int64, error) {
	if key == "" {
		return 0, fmt.Errorf("put article %s: empty key", a.URL)
	}
	id, err := tx.ArticleIDByKey(ctx, key)
	switch {
	case errors.Is(err, ErrNotFound):
		id = 0
	case err != nil:
		return 0, fmt.Errorf("put article %s: %w", a.URL, err)
	}
	a.ID = id
	if err := tx.storeArticle(ctx, a, key); err != nil {
		return 0, err
	}
	if err := tx.AddArticleURL(ctx, a.ID, a.URL); err != nil {
		return 0, err
	}
	return a.ID, nil
}

// UpdateArticle rewrites the stored article a.ID with a's values, keeping
// its key and URLs, as PutArticle does (a new version when the title or
// text changed). Re-extraction uses it. It returns ErrNotFound when there
// is no such article.
func (tx *Tx) UpdateArticle(ctx context.Context, a *Article) error {
	if a.ID == 0 {
		return fmt.Errorf("update article %s: %w", a.URL, ErrNotFound)
	}
	return tx.storeArticle(ctx, a, "")
}

// storeArticle writes a: a new row under key when a.ID is 0, else over
// row a.ID; then its version. When a's title or text differ from the
// article's latest version, that version's row first takes the text the
// article row is about to lose.
func (tx *Tx) storeArticle(ctx context.Context, a *Article, key string) error {
	var seq int64
	if err := tx.stmt(ctx, qNextSeq).QueryRowContext(ctx).Scan(&seq); err != nil {
		return fmt.Errorf("put article %s: %w", a.URL, describe(err))
	}
	if a.FetchedAt.IsZero() {
		a.FetchedAt = time.Now()
	}
	if a.ExtractedAt == nil || a.ExtractedAt.IsZero() {
		now := time.Now().UTC()
		a.ExtractedAt = &now
	}
	sum := TextDigest(a.Title, a.Text)
	var last *latestVersion
	if a.ID != 0 {
		var err error
		if last, err = tx.latestVersion(ctx, a.ID); err != nil {
			return err
		}
		if last != nil && last.textSHA256 != sum {
			if err := tx.keepText(ctx, a.ID, last.version); err != nil {
				return err
			}
		}
	}
	if err := tx.writeArticle(ctx, a, key, seq); err != nil {
		return err
	}
	if last != nil && last.textSHA256 == sum {
		a.Version, a.CapturedAt = int(last.version), decodeTime(last.when)
		return nil
	}
	next := int64(1)
	if last != nil {
		next = last.version + 1
	}
	return tx.addVersion(ctx, a, next, sum)
}

// writeArticle writes the article row: a new one under key when a.ID is
// 0, else over row a.ID.
func (tx *Tx) writeArticle(ctx context.Context, a *Article, key string, seq int64) error {
	_, pubUTC := timeColumns(a.Published)
	// The values stored and the values digested are the same ones.
	r := rowOf(a)
	a.RowSHA256 = r.digest()
	a.valuesDigest = a.RowSHA256 // a now holds what is stored
	args := []any{r.url, r.canonicalURL, r.site, r.siteName, r.title, r.authors, nullable(r.published), pubUTC,
		nullable(r.modified), r.language, r.description, r.image, r.section, r.tags, r.text, r.wordCount,
		r.flags, r.fetchedAt, r.captureID, r.contentSHA256, seq, r.pageType, r.publishedPrecision,
		r.modifiedPrecision, a.RowSHA256, r.extractorVersion, r.extractedAt}
	if a.ID == 0 {
		err := tx.stmt(ctx, qInsertArticle).QueryRowContext(ctx, append(args, key)...).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("put article %s: %w", a.URL, describe(err))
		}
		return nil
	}
	res, err := tx.stmt(ctx, qUpdateArticle).ExecContext(ctx, append(args, a.ID)...)
	if err != nil {
		return fmt.Errorf("put article %s: %w", a.URL, describe(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("update article %d: %w", a.ID, ErrNotFound)
	}
	return nil
}

// Article returns the article with id, or ErrNotFound.
func (db *DB) Article(ctx context.Context, id int64) (*Article, error) {
	row := db.r.QueryRowContext(ctx, "SELECT "+articleColumns+" FROM articles WHERE id = ?", id)
	a, _, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("article %d: %w", id, db.describe(err))
	}
	return a, nil
}

// ArticleURLs returns every URL the article was seen under, sorted.
func (db *DB) ArticleURLs(ctx context.Context, id int64) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT url FROM article_urls WHERE article_id = ? ORDER BY url", id)
	if err != nil {
		return nil, fmt.Errorf("article %d urls: %w", id, db.describe(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("article %d urls: %w", id, db.describe(err))
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// ArticlesSince calls fn, in ascending change-sequence order, for every
// article inserted or updated after seq. It implements index.Source.
func (db *DB) ArticlesSince(ctx context.Context, seq int64, fn func(seq int64, a *Article) error) error {
	// Page through in chunks so that a long indexing run does not hold one
	// read transaction (and the WAL) open for its whole length.
	const chunk = 1000
	for {
		rows, err := db.r.QueryContext(ctx, "SELECT "+articleColumns+
			" FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", seq, chunk)
		if err != nil {
			return fmt.Errorf("articles since %d: %w", seq, db.describe(err))
		}
		var batch []*Article
		var seqs []int64
		for rows.Next() {
			a, s, err := scanArticle(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("articles since %d: %w", seq, db.describe(err))
			}
			batch = append(batch, a)
			seqs = append(seqs, s)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("articles since %d: %w", seq, db.describe(err))
		}
		for i, a := range batch {
			if err := fn(seqs[i], a); err != nil {
				return err
			}
			seq = seqs[i]
		}
		if len(batch) < chunk {
			return nil
		}
	}
}

// ArticleFilter selects articles. Zero values select everything.
type ArticleFilter struct {
	IDs  []int64   // only these ids, in this order (e.g. search hits)
	Site string    // exact host
	From time.Time // published at or after
	To   time.Time // published at or before
	Lang string    // language, "en" matches "en" and "en-GB"
	Type string    // page type (PageTypeArticle...)
}

// Articles calls fn for each article matching f, in id order (or in the
// order of f.IDs). It streams from the database.
func (db *DB) Articles(ctx context.Context, f ArticleFilter, fn func(*Article) error) error {
	if f.IDs != nil {
		return db.articlesByID(ctx, f, fn)
	}
	var where []string
	var args []any
	if f.Site != "" {
		where = append(where, "site = ?")
		args = append(args, strings.ToLower(f.Site))
	}
	if !f.From.IsZero() {
		where = append(where, "published_utc >= ?")
		args = append(args, f.From.UTC().Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		where = append(where, "published_utc <= ?")
		args = append(args, f.To.UTC().Format(time.RFC3339))
	}
	if f.Lang != "" {
		where = append(where, "(language = ? OR language LIKE ? ESCAPE '\\')")
		args = append(args, f.Lang, likeEscape(f.Lang)+"-%")
	}
	if f.Type != "" {
		where = append(where, "page_type = ?")
		args = append(args, strings.ToLower(f.Type))
	}
	q := "SELECT " + articleColumns + " FROM articles"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("list articles: %w", db.describe(err))
	}
	defer rows.Close()
	for rows.Next() {
		a, _, err := scanArticle(rows)
		if err != nil {
			return fmt.Errorf("list articles: %w", db.describe(err))
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list articles: %w", db.describe(err))
	}
	return nil
}

// idChunk is the number of ids articlesByID reads with one query: it
// holds that many articles at a time (to hand them over in the order
// given), so it bounds its memory too.
const idChunk = 100

// articlesByID calls fn for each article of f.IDs that matches f, in the
// order of f.IDs (an id given twice, twice; an unknown id skipped),
// reading idChunk articles per query.
func (db *DB) articlesByID(ctx context.Context, f ArticleFilter, fn func(*Article) error) error {
	for start := 0; start < len(f.IDs); start += idChunk {
		ids := f.IDs[start:min(start+idChunk, len(f.IDs))]
		byID, err := db.articlesIn(ctx, ids)
		if err != nil {
			return err
		}
		sent := make(map[int64]bool, len(ids))
		for _, id := range ids {
			a, ok := byID[id]
			if !ok || !f.matches(a) {
				continue
			}
			if sent[id] { // the same id again: a copy, as a second read gave
				c := *a
				a = &c
			}
			sent[id] = true
			if err := fn(a); err != nil {
				return err
			}
		}
	}
	return nil
}

// articlesIn reads the articles of ids (at most idChunk), by id.
func (db *DB) articlesIn(ctx context.Context, ids []int64) (map[int64]*Article, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	marks := strings.Repeat(",?", len(ids))[1:]
	rows, err := db.r.QueryContext(ctx, "SELECT "+articleColumns+" FROM articles WHERE id IN ("+marks+")", args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", db.describe(err))
	}
	defer rows.Close()
	byID := make(map[int64]*Article, len(ids))
	for rows.Next() {
		a, _, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", db.describe(err))
		}
		byID[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", db.describe(err))
	}
	return byID, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

func (f ArticleFilter) matches(a *Article) bool {
	if f.Site != "" && !strings.EqualFold(a.Site, f.Site) {
		return false
	}
	if !f.From.IsZero() && (a.Published == nil || a.Published.Before(f.From)) {
		return false
	}
	if !f.To.IsZero() && (a.Published == nil || a.Published.After(f.To)) {
		return false
	}
	if f.Lang != "" && !strings.EqualFold(a.Language, f.Lang) &&
		!strings.HasPrefix(strings.ToLower(a.Language), strings.ToLower(f.Lang)+"-") {
		return false
	}
	if f.Type != "" && !strings.EqualFold(a.PageType, f.Type) {
		return false
	}
	return true
}
