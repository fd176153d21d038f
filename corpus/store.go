package corpus

import (
	"context"
	"time"
)

// Reader is what the commands that read a corpus (stats, export, history,
// search, index) need from it. *DB (SQLite) and corpus/pgstore's Store
// (PostgreSQL) implement it.
type Reader interface {
	// Location names where the corpus lives, for messages: a file path,
	// or a database URL without its password.
	Location() string
	Close() error

	// ID returns the corpus id (see DB.ID).
	ID(ctx context.Context) (string, error)
	Stats(ctx context.Context) (*Stats, error)
	FrontierDetails(ctx context.Context) (*FrontierDetails, error)
	// Lease returns the crawl lease, if one is held.
	Lease(ctx context.Context) (Lease, bool, error)
	CrawlSettings(ctx context.Context) ([]string, error)

	CountArticles(ctx context.Context) (int64, error)
	Article(ctx context.Context, id int64) (*Article, error)
	Articles(ctx context.Context, f ArticleFilter, fn func(*Article) error) error
	ArticleURLs(ctx context.Context, id int64) ([]string, error)
	ArticleVersions(ctx context.Context, id int64) ([]ArticleVersion, error)
	ArticleVersionsMatching(ctx context.Context, f ArticleFilter, fn func(*Article) error) error
	FindArticle(ctx context.Context, urls ...string) (int64, error)
	// ArticlesSince and ChangesSince follow the change sequence: every
	// insert or update of an article row takes the next number.
	ArticlesSince(ctx context.Context, seq int64, fn func(seq int64, a *Article) error) error
	ChangesSince(ctx context.Context, seq int64) (Changes, error)

	Capture(ctx context.Context, id int64) (*Capture, error)
	LatestCapture(ctx context.Context, u string) (*Capture, error)
	ForEachCapture(ctx context.Context, f CaptureFilter, fn func(*Capture) error) error
}

// Writer is one write transaction of a Store: what a crawl, an import or
// a migration writes. *Tx implements it.
type Writer interface {
	AddCapture(ctx context.Context, c *Capture) (int64, error)
	PutArticle(ctx context.Context, a *Article, key string) (int64, error)
	UpdateArticle(ctx context.Context, a *Article) error
	AddArticleURL(ctx context.Context, articleID int64, u string) error
	ArticleIDByKey(ctx context.Context, key string) (int64, error)
	ArticleIDByURL(ctx context.Context, u string) (int64, error)
	ArticleIDByContent(ctx context.Context, sum string) (int64, error)
	BeginRun(ctx context.Context, settings any, now time.Time) (int64, error)
	EndRun(ctx context.Context, id int64, summary any, now time.Time) error
}

// Store is a corpus that can be read and written.
type Store interface {
	Reader
	// Write runs fn in one write transaction, committed when fn returns
	// nil.
	Write(ctx context.Context, fn func(Writer) error) error
	// Pack compresses a capture's body ahead of the write transaction.
	Pack(c *Capture)
}

var (
	_ Store  = (*DB)(nil)
	_ Writer = (*Tx)(nil)
)

// Location returns the file the corpus lives in (Path).
func (db *DB) Location() string { return db.path }

// Write is Update for the Store interface.
func (db *DB) Write(ctx context.Context, fn func(Writer) error) error {
	return db.Update(ctx, func(tx *Tx) error { return fn(tx) })
}
