package corpus

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/zstd"
	_ "github.com/mattn/go-sqlite3" // the "sqlite3" database/sql driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// timeFormat is how instants are stored: RFC 3339 in UTC with nanoseconds,
// so that text order is time order.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

// DB is the SQLite corpus. It is safe for concurrent use: writes go through
// one connection (SQLite has one writer), reads through a pool.
type DB struct {
	path string
	w    *sql.DB // the single writer; nil when opened read-only
	r    *sql.DB // read-only pool
	enc  *zstd.Encoder
	dec  *zstd.Decoder
	// stmts are the writer's hot statements (see writeQuery), prepared
	// once on its connection.
	stmts map[string]*sql.Stmt
	// damaged is set once SQLite has reported the file as malformed: from
	// then on Update refuses to write (see ErrCorrupt).
	damaged atomic.Bool
	// file is the database file as opened, to notice when the path no
	// longer names it (see ErrFileGone); nil when it could not be read.
	file os.FileInfo
}

// Open opens the corpus at path for reading and writing, creating it when
// missing, and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open corpus: empty path")
	}
	if err := checkCorpusFile(path); err != nil {
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	common := "_foreign_keys=on&_busy_timeout=15000&_journal_mode=WAL&_synchronous=NORMAL"
	w, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?"+common+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: path, w: w}
	if err := db.migrateWhenFree(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open corpus %s: %w", path, explainOpen(path, true, db.describe(err)))
	}
	r, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?"+common+"&_query_only=true")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	db.r = r
	db.newCodecs()
	db.file, _ = os.Stat(path)
	if err := db.prepare(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open corpus %s: %w", path, db.describe(err))
	}
	return db, nil
}

// maxEncoders bounds the zstd encoders of a DB (about 1 MiB each once
// used) on machines with many cores.
const maxEncoders = 8

func (db *DB) newCodecs() {
	// Workers compress their captures at the same time (Pack): one
	// encoder per core lets them, where one made them wait in turn.
	db.enc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(min(runtime.GOMAXPROCS(0), maxEncoders)))
	db.dec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<30))
}

func escapePath(p string) string {
	return strings.NewReplacer("?", "%3f", "#", "%23").Replace(p)
}

// Path returns the file the corpus lives in.
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the corpus was opened with OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.w == nil }

// Close closes the corpus.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	if db.dec != nil {
		db.dec.Close()
	}
	return errors.Join(errs...)
}

// migrateWhenFree runs migrate, trying again while SQLite answers
// SQLITE_BUSY without waiting: a connection that switches a new database
// to WAL while another one does the same gets "database is locked" at once
// (SQLite does not wait when waiting could deadlock), busy timeout or not.
func (db *DB) migrateWhenFree(ctx context.Context) error {
	deadline := time.Now().Add(15 * time.Second)
	for {
		err := db.migrate(ctx)
		if err == nil || sqliteCode(err) != sqliteBusy || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// sqliteMagic is how every SQLite database file starts.
const sqliteMagic = "SQLite format 3\x00"

// checkCorpusFile returns an ErrNotCorpus error when path is a folder, a
// device, a pipe or a file that is not a SQLite database (a mistyped
// --db). A missing or
// empty file passes: it becomes a new corpus. Other errors are left to
// SQLite, whose message explainOpen completes.
func checkCorpusFile(path string) error {
	if st, err := os.Stat(path); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		// Checked before opening: opening a pipe waits for a writer.
		return fmt.Errorf("%w: it is a device or a pipe, not a file (name the corpus file, e.g. archive.db)", ErrNotCorpus)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fmt.Errorf("%w: it is a folder (name the corpus file, e.g. %s)", ErrNotCorpus, filepath.Join(path, "archive.db"))
	}
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if n == 0 || err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil
	}
	if string(head[:n]) != sqliteMagic {
		return fmt.Errorf("%w: not a SQLite database file", ErrNotCorpus)
	}
	return nil
}

// checkNoTables returns an ErrNotCorpus error when a database without
// the corpus's schema (version 0) holds tables already: another
// program's database, which migrations must not write into.
func checkNoTables(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name LIMIT 4")
	if err != nil {
		return fmt.Errorf("migrate: list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return fmt.Errorf("migrate: list tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("migrate: list tables: %w", err)
	}
	if len(names) == 0 {
		return nil
	}
	if len(names) == 4 {
		names[3] = "..."
	}
	return fmt.Errorf("%w: it holds other tables (%s) and no archivist schema; archivist writes nothing into it", ErrNotCorpus, strings.Join(names, ", "))
}

// migration is one embedded schema change.
type migration struct {
	version int
	name    string
}

// migrations lists the embedded migrations in version order.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("bad migration name %s", name)
		}
		out = append(out, migration{version: n, name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrationFills are the Go steps of migrations, run after the
// migration's SQL in its transaction: values SQL cannot compute.
var migrationFills = map[int]func(context.Context, *sql.Tx) error{
	5: fillRowDigests, // 0005_article_digest.sql
	8: fillVersions,   // 0008_article_versions.sql
}

// schemaVersion is the version of the newest embedded migration.
func schemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies the embedded migrations newer than PRAGMA user_version,
// each in its own write transaction. The version is read again inside that
// transaction (BEGIN IMMEDIATE holds the write lock), so that two processes
// opening a new database at once do not both apply a migration: the second
// waits for the first and then sees its version.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	latest := ms[len(ms)-1].version
	var current int
	if err := db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migrate: read schema version: %w", err)
	}
	if current > latest {
		return fmt.Errorf("schema version %d is newer than this archivist knows (%d): upgrade archivist", current, latest)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if current, err = db.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// apply runs migration m unless the schema already has it, and returns the
// schema version after it.
func (db *DB) apply(ctx context.Context, m migration) (int, error) {
	body, err := migrationFS.ReadFile(m.name)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	tx, err := db.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see _txlock in Open
	if err != nil {
		return 0, fmt.Errorf("migrate %s: %w", m.name, err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return 0, fmt.Errorf("migrate %s: read schema version: %w", m.name, err)
	}
	if current >= m.version {
		return current, nil // another process applied it while we waited
	}
	if current == 0 {
		if err := checkNoTables(ctx, tx); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return 0, fmt.Errorf("migrate %s: %w", m.name, err)
	}
	if fill := migrationFills[m.version]; fill != nil {
		if err := fill(ctx, tx); err != nil {
			return 0, fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return 0, fmt.Errorf("migrate %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("migrate %s: %w", m.name, err)
	}
	return m.version, nil
}

// Tx is one write transaction. Get one from DB.Update.
type Tx struct {
	db *DB
	tx *sql.Tx
}

// Update runs fn in one write transaction and commits it when fn returns
// nil. Everything fn writes lands together or not at all. It refuses to
// write (ErrCorrupt) once SQLite has reported the file as malformed, and
// (ErrReadOnly) on a corpus opened with OpenReadOnly.
func (db *DB) Update(ctx context.Context, fn func(tx *Tx) error) error {
	if db.w == nil {
		return fmt.Errorf("%s: %w", db.path, ErrReadOnly)
	}
	if db.damaged.Load() {
		return fmt.Errorf("%s: %w (SQLite reported it malformed)", db.path, ErrCorrupt)
	}
	if err := db.checkFile(); err != nil {
		return err
	}
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", db.describe(err))
	}
	if err := fn(&Tx{db: db, tx: sqlTx}); err != nil {
		sqlTx.Rollback()
		db.describe(err)
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", db.describe(err))
	}
	return nil
}

// checkFile fails with ErrFileGone when the path no longer names the file
// the corpus opened: SQLite would go on writing into the deleted or moved
// file, and the work would be lost (or land elsewhere) with no error.
func (db *DB) checkFile() error {
	if db.file == nil {
		return nil
	}
	st, err := os.Stat(db.path)
	if err == nil && os.SameFile(st, db.file) {
		return nil
	}
	return fmt.Errorf("%s: %w", db.path, ErrFileGone)
}

// writeQueries are the statements of write transactions that run once or
// more per fetched page. Open prepares them on the writer connection, so
// that SQLite does not compile them again in every transaction.
var writeQueries []string

// writeQuery registers q as a hot write statement and returns it.
func writeQuery(q string) string {
	writeQueries = append(writeQueries, q)
	return q
}

func (db *DB) prepare(ctx context.Context) error {
	db.stmts = make(map[string]*sql.Stmt, len(writeQueries))
	for _, q := range writeQueries {
		st, err := db.w.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %.40q: %w", q, err)
		}
		db.stmts[q] = st
	}
	return nil
}

// stmt returns the hot statement q (registered with writeQuery) bound to
// tx.
func (tx *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	st := tx.db.stmts[q]
	if st == nil {
		panic("corpus: statement not registered with writeQuery: " + q)
	}
	return tx.tx.StmtContext(ctx, st)
}

// Sentinel errors of the store.
var (
	// ErrDiskFull is returned when SQLite cannot write because the disk is
	// full.
	ErrDiskFull = errors.New("disk full")
	// ErrCorrupt is returned when SQLite reports the database file as
	// malformed (SQLITE_CORRUPT, SQLITE_NOTADB), and by Update from then
	// on: nothing more is written into a damaged file.
	ErrCorrupt = errors.New("database file is damaged")
	// ErrReadOnly is returned by Update on a corpus opened with
	// OpenReadOnly.
	ErrReadOnly = errors.New("corpus is open read-only")
	// ErrNotCorpus is returned by Open and OpenReadOnly when the path
	// names something else: a folder, a file that is not a SQLite
	// database, or a SQLite database without the corpus's schema.
	ErrNotCorpus = errors.New("not an archivist corpus")
	// ErrFileGone is returned by Update once the database file was
	// deleted, moved or replaced by another file while the corpus had it
	// open: nothing more is written.
	ErrFileGone = errors.New("the database file was deleted, moved or replaced while archivist was writing it")
)

// describe turns SQLite's error codes that a user can act on into our
// sentinels, keeping the original in the chain.
func describe(err error) error {
	switch sqliteCode(err) {
	case sqliteFull:
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	case sqliteCorrupt, sqliteNotADB:
		if !errors.Is(err, ErrCorrupt) {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
	}
	return err
}

// describe is describe that also remembers that the file is damaged, so
// that Update refuses to write into it.
func (db *DB) describe(err error) error {
	if err == nil {
		return nil
	}
	err = describe(err)
	if errors.Is(err, ErrCorrupt) {
		db.damaged.Store(true)
	}
	return err
}

func marshalJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// Pack computes c's digest and size and compresses its body for storage,
// so that AddCapture, which runs inside the single write transaction, does
// not have to. It is safe for concurrent use; workers call it before they
// save.
func (db *DB) Pack(c *Capture) {
	if c.Body == nil {
		return
	}
	c.FillDigest()
	data, encoding := db.compress(c.Body)
	c.packed, c.packedEncoding, c.packedFor = data, encoding, c.SHA256
}

func (db *DB) compress(body []byte) ([]byte, string) {
	data := db.enc.EncodeAll(body, make([]byte, 0, len(body)/3))
	if len(data) >= len(body) {
		return body, "identity"
	}
	return data, "zstd"
}

// Hot write statements (see writeQuery).
var (
	qAddCapture = writeQuery(`INSERT INTO captures
		(requested_url, url, host, redirects, method, request_headers, status, proto, headers,
		 fetched_at, duration_ms, body_sha256, sha256, body_size, content_type, truncated,
		 error, error_kind, revisit_of, depth, source, body_form, remote_ip, request_head, response_head,
		 warc_file, warc_offset, warc_record_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	qBodyExists = writeQuery("SELECT 1 FROM bodies WHERE sha256 = ?")
	qAddBody    = writeQuery("INSERT INTO bodies (sha256, size, encoding, data) VALUES (?,?,?,?)")
	qNextSeq    = writeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles")
	// PutArticle's own statements are in articles.go.
	qAddArticleURL    = writeQuery("INSERT OR IGNORE INTO article_urls (url, article_id) VALUES (?, ?)")
	qArticleByKey     = writeQuery("SELECT id FROM articles WHERE key = ?")
	qArticleByURL     = writeQuery("SELECT article_id FROM article_urls WHERE url = ?")
	qArticleByContent = writeQuery("SELECT id FROM articles WHERE content_sha256 = ? ORDER BY id LIMIT 1")
)

// AddCapture stores one fetch. The body is stored zstd-compressed and shared
// with every other capture of the same bytes. It fills c.SHA256 and
// c.BodySize when they are empty and sets c.ID.
func (tx *Tx) AddCapture(ctx context.Context, c *Capture) (int64, error) {
	args := CaptureValues(c) // fills c.SHA256, which putBody keys on
	if c.Body != nil {
		if err := tx.putBody(ctx, c); err != nil {
			return 0, err
		}
	}
	res, err := tx.stmt(ctx, qAddCapture).ExecContext(ctx, args...)
	if err != nil {
		return 0, fmt.Errorf("add capture %s: %w", c.URL, describe(err))
	}
	c.ID, err = res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("add capture %s: %w", c.URL, err)
	}
	return c.ID, nil
}

func bodyForm(c *Capture) string {
	if c.BodyForm == "" {
		return BodyDecoded
	}
	return c.BodyForm
}

func headerOrEmpty(h http.Header) http.Header {
	if h == nil {
		return http.Header{}
	}
	return h
}

func (tx *Tx) putBody(ctx context.Context, c *Capture) error {
	var exists int
	err := tx.stmt(ctx, qBodyExists).QueryRowContext(ctx, c.SHA256).Scan(&exists)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store body: %w", describe(err))
	}
	var data []byte
	var encoding string
	if c.packedFor == c.SHA256 && c.packedEncoding != "" {
		data, encoding = c.packed, c.packedEncoding
	} else {
		data, encoding = tx.db.compress(c.Body)
	}
	if _, err := tx.stmt(ctx, qAddBody).ExecContext(ctx,
		c.SHA256, len(c.Body), encoding, data); err != nil {
		return fmt.Errorf("store body: %w", describe(err))
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// timeColumns returns the stored forms of t: as given (RFC 3339 with its
// zone), and in UTC for sorting and ranges (NULL when t is nil or zero).
func timeColumns(t *time.Time) (given string, utc any) {
	if t == nil || t.IsZero() {
		return "", nil
	}
	return t.Format(time.RFC3339Nano), t.UTC().Format(time.RFC3339)
}

// AddArticleURL records one more URL the article was seen under. Recording
// a URL twice is a no-op; a URL already recorded for another article keeps
// its first article.
func (tx *Tx) AddArticleURL(ctx context.Context, articleID int64, u string) error {
	if u == "" {
		return nil
	}
	if _, err := tx.stmt(ctx, qAddArticleURL).ExecContext(ctx, u, articleID); err != nil {
		return fmt.Errorf("add article url %s: %w", u, describe(err))
	}
	return nil
}

// ArticleIDByKey returns the id of the article with key, or ErrNotFound.
func (tx *Tx) ArticleIDByKey(ctx context.Context, key string) (int64, error) {
	return tx.scanID(ctx, qArticleByKey, key)
}

// ArticleIDByURL returns the id of the article seen under u, or ErrNotFound.
func (tx *Tx) ArticleIDByURL(ctx context.Context, u string) (int64, error) {
	return tx.scanID(ctx, qArticleByURL, u)
}

// ArticleIDByContent returns the id of an article extracted from a body
// with the given SHA-256, or ErrNotFound.
func (tx *Tx) ArticleIDByContent(ctx context.Context, sum string) (int64, error) {
	return tx.scanID(ctx, qArticleByContent, sum)
}

func (tx *Tx) scanID(ctx context.Context, q string, arg any) (int64, error) {
	var id int64
	err := tx.stmt(ctx, q).QueryRowContext(ctx, arg).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("lookup: %w", describe(err))
	}
	return id, nil
}

const captureColumns = `c.id, c.requested_url, c.url, c.redirects, c.method, c.request_headers, c.status, c.proto,
	c.headers, c.fetched_at, c.duration_ms, c.sha256, c.body_size, c.content_type, c.truncated, c.error,
	c.error_kind, COALESCE(c.revisit_of, 0), c.depth, c.source, c.body_form, c.remote_ip, c.request_head,
	c.response_head, c.warc_file, c.warc_offset, c.warc_record_id, b.encoding, b.data`

type rowScanner interface{ Scan(dest ...any) error }

func (db *DB) scanCapture(row rowScanner, withBody bool) (*Capture, error) {
	return scanCaptureWith(row, withBody, db.decodeBody)
}

// decodeBody returns a body stored as data with encoding.
func (db *DB) decodeBody(encoding string, data []byte) ([]byte, error) {
	if encoding == "zstd" {
		return db.dec.DecodeAll(data, nil)
	}
	return data, nil
}

// scanCaptureWith reads one row of captureColumns, decoding the body with
// decode.
func scanCaptureWith(row rowScanner, withBody bool, decode func(string, []byte) ([]byte, error)) (*Capture, error) {
	var (
		c                               Capture
		redirects, reqHdr, hdr, fetched string
		durMS                           int64
		encoding                        sql.NullString
		data                            []byte
	)
	err := row.Scan(&c.ID, &c.RequestedURL, &c.URL, &redirects, &c.Method, &reqHdr, &c.Status, &c.Proto,
		&hdr, &fetched, &durMS, &c.SHA256, &c.BodySize, &c.ContentType, &c.Truncated, &c.Error,
		&c.ErrorKind, &c.RevisitOf, &c.Depth, &c.Source, &c.BodyForm, &c.RemoteIP, &c.RequestHead,
		&c.ResponseHead, &c.WARC.File, &c.WARC.Offset, &c.WARC.RecordID, &encoding, &data)
	if err != nil {
		return nil, err
	}
	json.Unmarshal([]byte(redirects), &c.Redirects)
	json.Unmarshal([]byte(reqHdr), &c.RequestHeader)
	json.Unmarshal([]byte(hdr), &c.Header)
	c.FetchedAt = parseTime(fetched)
	c.Duration = time.Duration(durMS) * time.Millisecond
	if withBody && encoding.Valid {
		c.Body, err = decode(encoding.String, data)
		if err != nil {
			return nil, fmt.Errorf("capture %d: decompress body: %w", c.ID, err)
		}
		if c.Body == nil {
			c.Body = []byte{}
		}
	}
	return &c, nil
}

// Capture returns the capture with id, body included, or ErrNotFound.
func (db *DB) Capture(ctx context.Context, id int64) (*Capture, error) {
	row := db.r.QueryRowContext(ctx, "SELECT "+captureColumns+
		" FROM captures c LEFT JOIN bodies b ON b.sha256 = c.body_sha256 WHERE c.id = ?", id)
	c, err := db.scanCapture(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("capture %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("capture %d: %w", id, db.describe(err))
	}
	return c, nil
}

// LatestCapture returns the newest successful capture (2xx, or a 304
// revisit) whose requested or final URL is u, body included, or ErrNotFound.
//
// It walks each URL index from the newest capture back and stops at the
// first that qualifies, so that its cost does not grow with the captures
// of u (a hub checked every few minutes for weeks has thousands).
func (db *DB) LatestCapture(ctx context.Context, u string) (*Capture, error) {
	row := db.r.QueryRowContext(ctx, "SELECT "+captureColumns+
		` FROM captures c LEFT JOIN bodies b ON b.sha256 = c.body_sha256
		WHERE c.id = (SELECT MAX(id) FROM (
		  SELECT * FROM (SELECT id FROM captures WHERE url = ?1 AND error_kind = '' AND status BETWEEN 200 AND 399
		                 ORDER BY id DESC LIMIT 1)
		  UNION ALL
		  SELECT * FROM (SELECT id FROM captures WHERE requested_url = ?1 AND error_kind = '' AND status BETWEEN 200 AND 399
		                 ORDER BY id DESC LIMIT 1)))`, u)
	c, err := db.scanCapture(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("latest capture of %s: %w", u, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("latest capture of %s: %w", u, db.describe(err))
	}
	return c, nil
}

// CaptureFilter selects captures for ForEachCapture.
type CaptureFilter struct {
	AfterID  int64 // only captures with a larger id
	OnlyOK   bool  // only successful captures
	WithBody bool  // load bodies
}

// ForEachCapture calls fn for each capture matching f, in id order. It
// streams: memory does not grow with the corpus.
func (db *DB) ForEachCapture(ctx context.Context, f CaptureFilter, fn func(*Capture) error) error {
	q := "SELECT " + captureColumns + " FROM captures c LEFT JOIN bodies b ON "
	if f.WithBody {
		q += "b.sha256 = c.body_sha256"
	} else {
		q += "0"
	}
	q += " WHERE c.id > ?"
	if f.OnlyOK {
		q += " AND c.error_kind = '' AND c.status BETWEEN 200 AND 299"
	}
	q += " ORDER BY c.id"
	rows, err := db.r.QueryContext(ctx, q, f.AfterID)
	if err != nil {
		return fmt.Errorf("list captures: %w", db.describe(err))
	}
	defer rows.Close()
	for rows.Next() {
		c, err := db.scanCapture(rows, f.WithBody)
		if err != nil {
			return fmt.Errorf("list captures: %w", db.describe(err))
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list captures: %w", db.describe(err))
	}
	return nil
}
