package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
)

var (
	// The article takes the next change sequence number in the same
	// statement (see nextSeq).
	qInsertArticle = withSeq + "INSERT INTO articles (" + corpus.ArticleValueColumns + ", seq, key) VALUES (" +
		placeholders(1, 26) + ", (SELECT last FROM s), $27) RETURNING id"
	// qInsertArticleRedirects also answers RedirectsTo for the article's
	// URL ($28), which the crawl asks next: one statement fewer a page.
	qInsertArticleRedirects = qInsertArticle + ", ARRAY(SELECT url FROM frontier WHERE redirect_to = $28 AND redirect_to <> '' ORDER BY url)"
	// qInsertArticleID inserts an article under an id taken ahead (see
	// Tx.reservedID): nothing to wait for.
	qInsertArticleID = withSeq + "INSERT INTO articles (" + corpus.ArticleValueColumns + ", seq, key, id) VALUES (" +
		placeholders(1, 26) + ", (SELECT last FROM s), $27, $28)"
	qUpdateArticle = withSeq + "UPDATE articles SET (" + corpus.ArticleValueColumns + ", seq) = (" +
		placeholders(1, 26) + ", (SELECT last FROM s)) WHERE id = $27"
	qAddVersion = "INSERT INTO article_versions (" + corpus.VersionSelect + ") VALUES (" + placeholders(1, 12) + ")"
)

// PutArticle inserts or updates the article identified by key, as
// corpus.Tx.PutArticle does: a new version when its title or text
// changed, a.URL recorded as one of its URLs, the next change sequence
// number.
func (tx *Tx) PutArticle(ctx context.Context, a *corpus.Article, key string) (int64, error) {
	if key == "" {
		return 0, fmt.Errorf("put article %s: empty key", a.URL)
	}
	id, err := tx.ArticleIDByKey(ctx, key)
	switch {
	case errors.Is(err, corpus.ErrNotFound):
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

// UpdateArticle rewrites the stored article a.ID with a's values.
func (tx *Tx) UpdateArticle(ctx context.Context, a *corpus.Article) error {
	if a.ID == 0 {
		return fmt.Errorf("update article %s: %w", a.URL, corpus.ErrNotFound)
	}
	return tx.storeArticle(ctx, a, "")
}

// withSeq takes the next change sequence number, as s.last, for the
// statement that writes an article. The counter's row stays locked until
// the transaction ends, so numbers commit in order.
const withSeq = "WITH s AS (UPDATE article_seq SET last = last + 1 RETURNING last) "

func (tx *Tx) storeArticle(ctx context.Context, a *corpus.Article, key string) error {
	tx.articleWritten()
	sum := corpus.TextDigest(a.Title, a.Text)
	var lastVersion int64
	var lastSum, lastWhen string
	if a.ID != 0 {
		err := tx.tx.QueryRow(ctx, `SELECT version, text_sha256, fetched_at FROM article_versions
			WHERE article_id = $1 ORDER BY version DESC LIMIT 1`, a.ID).Scan(&lastVersion, &lastSum, &lastWhen)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("article %d versions: %w", a.ID, err)
		}
		if lastVersion != 0 && lastSum != sum {
			if err := tx.keepText(ctx, a.ID, lastVersion); err != nil {
				return err
			}
		}
	}
	if err := tx.writeArticle(ctx, a, key); err != nil {
		return err
	}
	if lastVersion != 0 && lastSum == sum {
		a.Version = int(lastVersion)
		if t, err := time.Parse(time.RFC3339Nano, lastWhen); err == nil {
			a.CapturedAt = &t
		}
		return nil
	}
	tx.tx.later(fmt.Sprintf("article %d: add version %d", a.ID, lastVersion+1), qAddVersion,
		corpus.NewVersionValues(a, lastVersion+1)...)
	return nil
}

func (tx *Tx) writeArticle(ctx context.Context, a *corpus.Article, key string) error {
	args := corpus.ArticleValues(a)
	if id := tx.reservedID(a); id != 0 {
		// The crawl's new article: its id and the redirects to its URL
		// came with the capture's round trip, so the insert waits for
		// the next statement that needs an answer, or the COMMIT.
		a.ID = id
		tx.tx.laterOne("put article "+a.URL, qInsertArticleID, append(args, key, id)...)
		return nil
	}
	if a.ID == 0 && a.URL != "" {
		tx.redirects = nil
		r := &redirectLookup{url: a.URL}
		if err := tx.tx.QueryRow(ctx, qInsertArticleRedirects, append(args, key, a.URL)...).Scan(&a.ID, &r.urls); err != nil {
			return fmt.Errorf("put article %s: %w", a.URL, err)
		}
		if len(r.urls) == 0 {
			r.urls = nil // as the lookup's answer: none
		}
		tx.redirects = r
		return nil
	}
	tx.prefetchRedirects(a.URL)
	if a.ID == 0 {
		if err := tx.tx.QueryRow(ctx, qInsertArticle, append(args, key)...).Scan(&a.ID); err != nil {
			return fmt.Errorf("put article %s: %w", a.URL, err)
		}
		return nil
	}
	tag, err := tx.tx.Exec(ctx, qUpdateArticle, append(args, a.ID)...)
	if err != nil {
		return fmt.Errorf("put article %s: %w", a.URL, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("update article %d: %w", a.ID, corpus.ErrNotFound)
	}
	return nil
}

// keepText stores article id's text in its latest version's row before a
// new version replaces it, refusing when the article row does not match
// its digest (see corpus.Tx.PutArticle).
func (tx *Tx) keepText(ctx context.Context, id, version int64) error {
	a, _, err := corpus.ScanArticle(tx.tx.QueryRow(ctx, "SELECT "+corpus.ArticleSelect+" FROM articles WHERE id = $1", id))
	if err != nil {
		return fmt.Errorf("article %d: keep version %d: %w", id, version, err)
	}
	if err := a.CheckDigest(); errors.Is(err, corpus.ErrDigestMismatch) {
		return fmt.Errorf("article %d %s: not replaced by a new version: %w (run 'archivist verify')", id, a.URL, err)
	}
	v, stored, err := corpus.ScanVersion(tx.tx.QueryRow(ctx, "SELECT "+corpus.VersionSelect+
		" FROM article_versions WHERE article_id = $1 AND version = $2", id, version))
	if err != nil {
		return fmt.Errorf("article %d: keep version %d: %w", id, version, err)
	}
	if stored {
		return nil
	}
	tx.tx.later(fmt.Sprintf("article %d: keep version %d", id, version),
		"UPDATE article_versions SET text = $1, row_sha256 = $2 WHERE article_id = $3 AND version = $4",
		a.Text, corpus.KeptTextDigest(v, a.Text), id, version)
	return nil
}

// AddArticleURL records one more URL the article was seen under.
func (tx *Tx) AddArticleURL(ctx context.Context, articleID int64, u string) error {
	if u == "" {
		return nil
	}
	k := articleURL{articleID, u}
	if tx.urls[k] {
		return nil // recorded in this transaction already (the crawl names a page's URL twice)
	}
	if tx.urls == nil {
		tx.urls = map[articleURL]bool{}
	}
	tx.urls[k] = true
	tx.tx.later("add article url "+u, "INSERT INTO article_urls (url, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
		u, articleID)
	return nil
}

// ArticleIDByKey returns the id of the article with key, or ErrNotFound.
func (tx *Tx) ArticleIDByKey(ctx context.Context, key string) (int64, error) {
	if err := tx.askDue(ctx, "", key); err != nil {
		return 0, err
	}
	if k := tx.byKey; k != nil && k.key == key {
		return k.id, k.err
	}
	id, err := tx.scanID(ctx, "SELECT id FROM articles WHERE key = $1", key)
	if err == nil || errors.Is(err, corpus.ErrNotFound) {
		tx.byKey = &keyLookup{key: key, id: id, err: err}
	}
	return id, err
}

// ArticleIDByURL returns the id of the article seen under u, or ErrNotFound.
func (tx *Tx) ArticleIDByURL(ctx context.Context, u string) (int64, error) {
	return tx.scanID(ctx, "SELECT article_id FROM article_urls WHERE url = $1", u)
}

const qByContent = "SELECT id FROM articles WHERE content_sha256 = $1 ORDER BY id LIMIT 1"

// ArticleIDByContent returns the id of an article extracted from a body
// with the given SHA-256, or ErrNotFound.
func (tx *Tx) ArticleIDByContent(ctx context.Context, sum string) (int64, error) {
	if err := tx.askDue(ctx, sum, ""); err != nil {
		return 0, err
	}
	if l := tx.byContent; l != nil && l.key == sum {
		tx.byContent = nil
		return l.id, l.err
	}
	return tx.scanID(ctx, qByContent, sum)
}

// qLookups is ArticleIDByContent and ArticleIDByKey in one statement,
// with RedirectsTo of the key ($2), when $3 asks for one and neither
// lookup found an article (the page's article would be new), an article
// id taken ahead from the articles' identity sequence (see reservedID),
// and when $4 asks for one a capture id taken ahead (see
// Tx.spareCaptureID). OFFSET 0 keeps each lookup evaluated once.
const qLookups = `SELECT c, k, ARRAY(SELECT url FROM frontier WHERE redirect_to = $2 AND redirect_to <> '' ORDER BY url),
	CASE WHEN $3::boolean AND c IS NULL AND k IS NULL THEN nextval('articles_id_seq') END,
	CASE WHEN $4::boolean THEN nextval('captures_id_seq') END
	FROM (SELECT (` + qByContent + `) AS c, (SELECT id FROM articles WHERE key = $2) AS k OFFSET 0) l`

// prefetchLookups asks ArticleIDByContent for sum, ArticleIDByKey and
// RedirectsTo for key with the transaction's next statement that needs
// an answer: the crawl asks all three of a page's body and URL (its
// article's key unless a canonical URL names another), then stores the
// article when it is new, which takes the id reserved here.
func (tx *Tx) prefetchLookups(sum, key string) {
	tx.byContent, tx.byKey, tx.redirects, tx.due = nil, nil, nil, nil
	args, keep := tx.lookups(sum, key)
	tx.tx.prefetch("look up articles of "+key, qLookups, args, keep)
}

// askDue sends the lookups due for the capture just stored (see
// AddCapture) when the crawl asks one of them: ArticleIDByContent of sum,
// ArticleIDByKey or RedirectsTo of key ("" matches none). They go with
// the capture's INSERT, in one round trip.
func (tx *Tx) askDue(ctx context.Context, sum, key string) error {
	d := tx.due
	if d == nil || (sum != d.sum && key != d.key) {
		return nil
	}
	tx.due = nil
	args, keep := tx.lookups(d.sum, d.key)
	rows, err := tx.tx.Query(ctx, qLookups, args...)
	if err != nil {
		return fmt.Errorf("look up articles of %s: %w", d.key, err)
	}
	err = keep(rows)
	rows.Close()
	if err == nil {
		err = rows.Err()
	}
	if err != nil {
		return fmt.Errorf("look up articles of %s: %w", d.key, err)
	}
	return nil
}

// lookups returns qLookups' arguments for sum and key, and the function
// that reads its answer into the transaction.
func (tx *Tx) lookups(sum, key string) ([]any, func(pgx.Rows) error) {
	needArticle := tx.s.spareID.Load() == 0
	needCapture := tx.s.workerID() != 0 && tx.s.spareCaptureID.Load() == 0
	return []any{sum, key, needArticle, needCapture}, func(rows pgx.Rows) error {
		var byContent, byKey, reserved, capture *int64
		r := &redirectLookup{url: key}
		if rows.Next() {
			if err := rows.Scan(&byContent, &byKey, &r.urls, &reserved, &capture); err != nil {
				return err
			}
		}
		if len(r.urls) == 0 {
			r.urls = nil // as the lookup's answer: none
		}
		tx.byContent, tx.byKey, tx.redirects = lookedUp(sum, byContent), lookedUp(key, byKey), r
		if reserved != nil {
			tx.s.spareID.CompareAndSwap(0, *reserved)
		}
		tx.keepCaptureID(capture)
		return nil
	}
}

// reservedID returns the id to insert a under without waiting for the
// server, 0 when a is not a new article or the transaction lacks what
// its insert would have answered (the redirects to its URL, asked with
// its capture's lookups). The id is one the store took from the
// articles' sequence and has not used: a page with no new article leaves
// it to the next one, so the ids stay dense in a crawl but for one per
// worker at its end (and any rolled back, as with the sequence itself).
func (tx *Tx) reservedID(a *corpus.Article) int64 {
	if a.ID != 0 || a.URL == "" || tx.redirects == nil || tx.redirects.url != a.URL {
		return 0
	}
	return tx.s.spareID.Swap(0)
}

// lookedUp is the answer to a lookup of key that found id (none when nil).
func lookedUp(key string, id *int64) *keyLookup {
	if id == nil {
		return &keyLookup{key: key, err: corpus.ErrNotFound}
	}
	return &keyLookup{key: key, id: *id}
}

func (tx *Tx) scanID(ctx context.Context, q string, arg any) (int64, error) {
	var id int64
	if err := tx.tx.QueryRow(ctx, q, arg).Scan(&id); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, corpus.ErrNotFound
		}
		return 0, fmt.Errorf("lookup: %w", err)
	}
	return id, nil
}

// Article returns the article with id, or ErrNotFound.
func (s *Store) Article(ctx context.Context, id int64) (*corpus.Article, error) {
	a, _, err := corpus.ScanArticle(s.pool.QueryRow(ctx, "SELECT "+corpus.ArticleSelect+" FROM articles WHERE id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("article %d: %w", id, notFound(err))
	}
	return a, nil
}

// ArticleURLs returns every URL the article was seen under, sorted.
func (s *Store) ArticleURLs(ctx context.Context, id int64) ([]string, error) {
	return s.strings(ctx, "SELECT url FROM article_urls WHERE article_id = $1 ORDER BY url", id)
}

func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CountArticles returns the number of articles.
func (s *Store) CountArticles(ctx context.Context) (int64, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, "SELECT COUNT(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// articles reads the articles of one query (with their seqs).
func (s *Store) articles(ctx context.Context, q string, args ...any) ([]*corpus.Article, []int64, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []*corpus.Article
	var seqs []int64
	for rows.Next() {
		a, seq, err := corpus.ScanArticle(rows)
		if err != nil {
			return nil, nil, err
		}
		out, seqs = append(out, a), append(seqs, seq)
	}
	return out, seqs, rows.Err()
}

// ArticlesSince calls fn, in ascending change-sequence order, for every
// article inserted or updated after seq. It implements index.Source.
func (s *Store) ArticlesSince(ctx context.Context, seq int64, fn func(seq int64, a *corpus.Article) error) error {
	const chunk = 1000
	for {
		batch, seqs, err := s.articles(ctx, "SELECT "+corpus.ArticleSelect+
			" FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2", seq, chunk)
		if err != nil {
			return fmt.Errorf("articles since %d: %w", seq, err)
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

// ChangesSince counts the articles changed after seq, with the article
// count and the newest change sequence number.
func (s *Store) ChangesSince(ctx context.Context, seq int64) (corpus.Changes, error) {
	var c corpus.Changes
	err := s.pool.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM articles), (SELECT COALESCE(MAX(seq), 0) FROM articles),
		(SELECT COUNT(*) FROM articles WHERE seq > $1)`, seq).Scan(&c.Articles, &c.LastSeq, &c.Behind)
	if err != nil {
		return c, fmt.Errorf("changes since %d: %w", seq, err)
	}
	return c, nil
}

// Articles calls fn for each article matching f, in id order (or in the
// order of f.IDs), reading 500 at a time.
func (s *Store) Articles(ctx context.Context, f corpus.ArticleFilter, fn func(*corpus.Article) error) error {
	if f.IDs != nil {
		return s.articlesByID(ctx, f, fn)
	}
	where, args := []string{"id > $1"}, []any{int64(0)}
	add := func(cond string, v ...any) {
		for range v {
			cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(args)+1), 1)
			args = append(args, v[0])
			v = v[1:]
		}
		where = append(where, cond)
	}
	if f.Site != "" {
		add("site = ?", strings.ToLower(f.Site))
	}
	if !f.From.IsZero() {
		add("published_utc >= ?", f.From.UTC().Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		add("published_utc <= ?", f.To.UTC().Format(time.RFC3339))
	}
	if f.Lang != "" {
		add(`(language = ? OR language LIKE ? ESCAPE '\')`, f.Lang, likeEscape(f.Lang)+"-%")
	}
	if f.Type != "" {
		add("page_type = ?", strings.ToLower(f.Type))
	}
	q := "SELECT " + corpus.ArticleSelect + " FROM articles WHERE " + strings.Join(where, " AND ") + " ORDER BY id LIMIT 500"
	for {
		batch, _, err := s.articles(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("list articles: %w", err)
		}
		for _, a := range batch {
			if err := fn(a); err != nil {
				return err
			}
			args[0] = a.ID
		}
		if len(batch) < 500 {
			return nil
		}
	}
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// articlesByID calls fn for each article of f.IDs that matches f, in the
// order of f.IDs, 100 at a time.
func (s *Store) articlesByID(ctx context.Context, f corpus.ArticleFilter, fn func(*corpus.Article) error) error {
	for start := 0; start < len(f.IDs); start += 100 {
		ids := f.IDs[start:min(start+100, len(f.IDs))]
		batch, _, err := s.articles(ctx, "SELECT "+corpus.ArticleSelect+" FROM articles WHERE id = ANY($1)", ids)
		if err != nil {
			return fmt.Errorf("list articles: %w", err)
		}
		byID := make(map[int64]*corpus.Article, len(batch))
		for _, a := range batch {
			byID[a.ID] = a
		}
		sent := make(map[int64]bool, len(ids))
		for _, id := range ids {
			a, ok := byID[id]
			if !ok || !f.Matches(a) {
				continue
			}
			if sent[id] {
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

// ArticleVersions returns every version of article id, oldest first, or
// ErrNotFound when there is no such article.
func (s *Store) ArticleVersions(ctx context.Context, id int64) ([]corpus.ArticleVersion, error) {
	rows, err := s.pool.Query(ctx, "SELECT v."+strings.ReplaceAll(corpus.VersionSelect, ", ", ", v.")+`, a.text
		FROM article_versions v JOIN articles a ON a.id = v.article_id WHERE v.article_id = $1 ORDER BY v.version`, id)
	if err != nil {
		return nil, fmt.Errorf("article %d versions: %w", id, err)
	}
	defer rows.Close()
	var out []corpus.ArticleVersion
	for rows.Next() {
		var latest string
		v, stored, err := corpus.ScanVersion(rows, &latest)
		if err != nil {
			return nil, fmt.Errorf("article %d versions: %w", id, err)
		}
		if !stored {
			corpus.SetVersionText(v, latest)
		}
		out = append(out, *v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("article %d versions: %w", id, err)
	}
	if len(out) == 0 {
		if _, err := s.Article(ctx, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ArticleVersionsMatching calls fn, for each article matching f, with
// every version of it, oldest first (see corpus.DB.ArticleVersionsMatching).
func (s *Store) ArticleVersionsMatching(ctx context.Context, f corpus.ArticleFilter, fn func(*corpus.Article) error) error {
	return s.Articles(ctx, f, func(a *corpus.Article) error {
		vs, err := s.ArticleVersions(ctx, a.ID)
		if err != nil {
			return err
		}
		if len(vs) == 0 {
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

// FindArticle returns the id of the article seen under any of urls, or
// ErrNotFound. url <> key lets the planner use the partial index of the
// articles whose URL is not their key (migration 0006).
func (s *Store) FindArticle(ctx context.Context, urls ...string) (int64, error) {
	for _, u := range urls {
		var id int64
		err := s.pool.QueryRow(ctx, `SELECT article_id FROM article_urls WHERE url = $1
			UNION ALL SELECT id FROM articles WHERE key = $1 OR (url = $1 AND url <> key) LIMIT 1`, u).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return 0, fmt.Errorf("find article %s: %w", u, err)
		}
	}
	return 0, corpus.ErrNotFound
}
