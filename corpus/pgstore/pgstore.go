// Package pgstore keeps an archivist corpus in PostgreSQL, through
// github.com/jackc/pgx/v5, so that several crawl workers on several
// machines can share one corpus. It implements corpus.Store with the same
// stored forms as the SQLite corpus: digests, exports and WARC records
// are byte for byte the same from either store.
package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/klauspost/compress/zstd"
)

// migrationFS holds the numbered schema migrations and the schema they
// build, squashed (schema/NNNN_name.sql: the schema after migration NNNN),
// which a new database is given in their place.
//
//go:embed migrations/*.sql schema/*.sql
var migrationFS embed.FS

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://).
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Store is a corpus in PostgreSQL. It is safe for concurrent use, and any
// number of processes may use one database at once.
type Store struct {
	pool     *pgxpool.Pool
	location string // the URL without its password
	enc      *zstd.Encoder
	dec      *zstd.Decoder
	worker   atomic.Int64 // the crawl worker's id (StartWorker), 0 when none
	writes   atomic.Int64 // writes to the server (RoundTrips)
	// spareID is an article id taken from the articles' sequence and not
	// used yet, 0 when none (see Tx.reservedID).
	spareID atomic.Int64
	// spareCaptureID is a capture id taken from the captures' sequence
	// and not used yet, 0 when none (see Tx.spareCaptureID).
	spareCaptureID atomic.Int64
	// uncaptured are hubs this worker claimed that had no capture.
	uncaptured uncapturedSet
}

var _ corpus.Store = (*Store)(nil)

// Option configures Open.
type Option func(*options)

type options struct {
	maxConns int32
}

// WithMaxConns caps the store's connections at n (8 by default) when the
// URL does not set pool_max_conns. Each connection is a server process
// that plans each statement anew and loads the catalog for itself: a
// crawl worker, which writes from one goroutine and claims from another,
// needs two.
func WithMaxConns(n int) Option {
	return func(o *options) { o.maxConns = int32(max(n, 1)) }
}

// Open connects to the database at rawURL and brings its schema up to
// date.
func Open(ctx context.Context, rawURL string, opts ...Option) (*Store, error) {
	loc := Redact(rawURL)
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, badURL(rawURL, err)
	}
	o := options{maxConns: 8}
	for _, opt := range opts {
		opt(&o)
	}
	if u, err := url.Parse(rawURL); err != nil || !u.Query().Has("pool_max_conns") {
		cfg.MaxConns = o.maxConns
	}
	s := &Store{location: loc}
	countWrites(&cfg.ConnConfig.Config, &s.writes)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", loc, err)
	}
	s.pool = pool
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open %s: %w", loc, err)
	}
	s.enc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	s.dec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<30))
	return s, nil
}

// Redact returns rawURL without its password, wherever pgx would find
// one: in the user information as pgx reads it (which a URL parser does
// not always agree with: postgres://u:12#x@h/db logs in as u), in a
// password= query value, or in a key=value connection string, also when
// rawURL cannot be parsed. It uses pgx's own masking (the one its parse
// errors print), so that what pgx reads as a password is what is hidden.
func Redact(rawURL string) string {
	msg := pgconn.NewParseConfigError(rawURL, "", nil).Error()
	masked, ok := strings.CutPrefix(msg, "cannot parse `")
	if i := strings.LastIndex(masked, "`: "); ok && i >= 0 {
		return masked[:i]
	}
	return "(a PostgreSQL connection string)" // pgx's message changed: print nothing of it
}

// BadURLError is Open's answer for a URL that is not a valid PostgreSQL
// connection URL (a user's error, not the server's).
type BadURLError struct {
	URL string // without its password
	Why string
}

func (e *BadURLError) Error() string { return fmt.Sprintf("bad PostgreSQL URL %s: %s", e.URL, e.Why) }

// badURL explains err, pgx's failure to parse rawURL, without the URL
// (which pgx repeats, password included when it is not a URL at all).
func badURL(rawURL string, err error) error {
	why := err.Error()
	var ue *url.Error
	var pe *pgconn.ParseConfigError
	switch {
	case errors.As(err, &ue):
		why = ue.Err.Error()
	case errors.As(err, &pe):
		if i := strings.LastIndex(why, "`: "); i >= 0 {
			why = why[i+3:]
		}
	}
	return &BadURLError{URL: Redact(rawURL), Why: strings.ReplaceAll(why, rawURL, Redact(rawURL))}
}

// Location returns the database URL without its password.
func (s *Store) Location() string { return s.location }

// Pool returns the connection pool (for tests and benchmarks).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	if s.dec != nil {
		s.dec.Close()
	}
	return nil
}

// migrationLock is the advisory lock key that serialises schema
// migrations between processes opening the same database.
const migrationLock = 0x61726368 // "arch"

// migration is one embedded schema migration.
type migration struct {
	v    int
	name string
}

// migrations lists the migrations in fsys (migrations/NNNN_name.sql) in
// version order.
func migrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		v, err := strconv.Atoi(strings.SplitN(path.Base(n), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("bad migration name %s", n)
		}
		ms = append(ms, migration{v, n})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].v < ms[j].v })
	if len(ms) == 0 {
		return nil, errors.New("no migrations")
	}
	return ms, nil
}

// squashed returns the latest squashed schema in fsys (schema/NNNN_name.sql,
// the schema that migrations 1 to NNNN build), or ok false when there is
// none. NNNN must be one of ms's versions.
func squashed(fsys fs.FS, ms []migration) (sq migration, ok bool, err error) {
	names, err := fs.Glob(fsys, "schema/*.sql")
	if err != nil {
		return sq, false, err
	}
	known := make(map[int]bool, len(ms))
	for _, m := range ms {
		known[m.v] = true
	}
	for _, n := range names {
		v, err := strconv.Atoi(strings.SplitN(path.Base(n), "_", 2)[0])
		if err != nil || !known[v] {
			return sq, false, fmt.Errorf("squashed schema %s: its number is no migration's", n)
		}
		if v > sq.v {
			sq, ok = migration{v, n}, true
		}
	}
	return sq, ok, nil
}

// migrate brings the schema up to date with the embedded migrations.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Release()
	return migrate(ctx, conn.Conn().PgConn(), migrationFS)
}

// migrate applies the migrations of fsys that the database lacks, all in
// one transaction sent in one round trip, holding an advisory lock until
// it is committed so that workers starting together apply each one once.
// A new database costs two round trips and one commit (before: four or
// five round trips and a commit for every migration); an up-to-date one
// costs two (before: four). A new database is given the squashed schema
// (see migrationScript).
func migrate(ctx context.Context, conn *pgconn.PgConn, fsys fs.FS) (err error) {
	ms, err := migrations(fsys)
	if err != nil {
		return err
	}
	unlock := fmt.Sprintf("SELECT pg_advisory_unlock(%d)", migrationLock)
	defer func() {
		// A session's advisory lock outlives the transaction that failed,
		// and a failed script leaves its transaction open, aborted.
		if err != nil && !conn.IsClosed() {
			_, _ = conn.Exec(context.WithoutCancel(ctx), "ROLLBACK; "+unlock).ReadAll()
		}
	}()
	// One implicit transaction (a simple query of several statements):
	// the lock, then the schema's tables, then its version, each
	// statement with a snapshot taken after the lock was granted (read
	// committed, whatever the database's default); the tables of an
	// extension (pg_stat_statements' views, PostGIS's spatial_ref_sys)
	// are not another program's. Nothing is created
	// here, so that a role that may only read can open an up-to-date
	// corpus: a database without schema_migrations fails the last
	// statement, and its tables tell a new database from another
	// program's.
	res, err := conn.Exec(ctx, fmt.Sprintf(`SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
		SELECT pg_advisory_lock(%d);
		SELECT relname FROM pg_class
			WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
			AND relkind IN ('r', 'p', 'v', 'm', 'f') AND relname <> 'schema_migrations'
			AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = pg_class.oid
				AND d.deptype = 'e')
			ORDER BY relname LIMIT 6;
		SELECT COALESCE(string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum), '')
			FROM pg_attribute WHERE attrelid = to_regclass('schema_migrations') AND attnum > 0 AND NOT attisdropped;
		SELECT COALESCE(MAX(version), 0) FROM schema_migrations`, migrationLock)).ReadAll()
	current, err := schemaVersion(res, err)
	if err != nil {
		return err
	}
	if latest := ms[len(ms)-1].v; current > latest {
		return fmt.Errorf("schema version %d is newer than this archivist knows (%d): upgrade archivist", current, latest)
	}
	q, pending, err := migrationScript(fsys, ms, current)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if len(pending) > 0 {
		// The lock is given back once the migrations are committed: the
		// next holder reads the version they recorded.
		q = "BEGIN;\n" + migrationsTable + q + "COMMIT;\n"
	}
	return applyMigrations(ctx, conn, q+unlock, pending)
}

// migrationsColumns are schema_migrations' columns as migrationsTable
// makes them: another tool's table of that name (Rails', golang-migrate's)
// has others.
const migrationsColumns = "version integer, applied_at timestamp with time zone"

// schemaVersion reads the answers of migrate's first query (res, err):
// the version of an archivist schema, 0 for a database without tables,
// or a ForeignDatabaseError for a database holding other tables (an
// archivist schema at version 0 has none: a failed migration leaves
// nothing) or a schema_migrations table that is not archivist's.
func schemaVersion(res []*pgconn.Result, err error) (int, error) {
	if len(res) < 4 {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	tables, columns := columnValues(res[2]), ""
	if c := columnValues(res[3]); len(c) == 1 {
		columns = c[0]
	}
	switch {
	case columns != "" && columns != migrationsColumns:
		return 0, &ForeignDatabaseError{Tables: append([]string{"schema_migrations"}, tables...)}
	case columns == "" && !isUndefinedTable(err):
		return 0, fmt.Errorf("migrate: %w", err)
	case err != nil && columns != "":
		return 0, fmt.Errorf("migrate: %w", err)
	}
	current := 0
	if err == nil {
		if current, err = lastVersion(res); err != nil {
			return 0, fmt.Errorf("migrate: %w", err)
		}
	}
	if current == 0 && len(tables) > 0 {
		return 0, &ForeignDatabaseError{Tables: tables}
	}
	return current, nil
}

// migrationsTable creates schema_migrations, in the transaction of the
// migrations that fill it (a failed first migration leaves nothing).
const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
`

// ForeignDatabaseError is Open's answer for a database that holds tables
// and no archivist schema: another program's, which archivist does not
// write into.
type ForeignDatabaseError struct {
	Tables []string // the first few of its tables
}

func (e *ForeignDatabaseError) Error() string {
	return fmt.Sprintf("the database holds tables of another program (%s) and no archivist corpus: give an empty database, or one archivist made",
		strings.Join(e.Tables, ", "))
}

// isUndefinedTable reports whether err is PostgreSQL's "relation does not
// exist".
func isUndefinedTable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42P01"
}

// columnValues returns the first column of res's rows.
func columnValues(res *pgconn.Result) []string {
	var vs []string
	for _, row := range res.Rows {
		vs = append(vs, string(row[0]))
	}
	return vs
}

// lastVersion reads the schema's version, the last result of the query
// that locked and read it.
func lastVersion(res []*pgconn.Result) (int, error) {
	if len(res) == 0 || len(res[len(res)-1].Rows) != 1 {
		return 0, errors.New("no schema version")
	}
	return strconv.Atoi(string(res[len(res)-1].Rows[0][0]))
}

// step is one part of a migration script: a numbered migration, or the
// squashed schema, which stands for the migrations up to its number.
type step struct {
	name     string
	versions []int
}

// migrationScript returns the migrations of ms after version current as
// one script, each step followed by its rows in schema_migrations (which
// names its column archivist_migration, so that applyMigrations can tell
// how far the script went), and those steps. A new database (current 0)
// is given the squashed schema, when fsys has one, in place of the
// migrations it stands for, and those after it.
func migrationScript(fsys fs.FS, ms []migration, current int) (string, []step, error) {
	var b strings.Builder
	var steps []step
	add := func(name string, versions []int) error {
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		b.Write(body)
		rows := make([]string, len(versions))
		for i, v := range versions {
			rows[i] = fmt.Sprintf("(%d)", v)
		}
		fmt.Fprintf(&b, "\n;\nINSERT INTO schema_migrations (version) VALUES %s RETURNING version AS archivist_migration;\n",
			strings.Join(rows, ", "))
		steps = append(steps, step{name, versions})
		return nil
	}
	if current == 0 {
		sq, ok, err := squashed(fsys, ms)
		if err != nil {
			return "", nil, err
		}
		if ok {
			var versions []int
			for _, m := range ms {
				if m.v <= sq.v {
					versions = append(versions, m.v)
				}
			}
			if err := add(sq.name, versions); err != nil {
				return "", nil, err
			}
			current = sq.v
		}
	}
	for _, m := range ms {
		if m.v > current {
			if err := add(m.name, []int{m.v}); err != nil {
				return "", nil, err
			}
		}
	}
	return b.String(), steps, nil
}

// applyMigrations runs script, the pending steps in a transaction and
// then the unlock, as one simple query: all or nothing. A failure names
// the first step not applied.
func applyMigrations(ctx context.Context, conn *pgconn.PgConn, script string, pending []step) error {
	mrr := conn.Exec(ctx, script)
	done := 0
	for mrr.NextResult() {
		rr := mrr.ResultReader()
		fds := rr.FieldDescriptions()
		rr.Close()
		if len(fds) == 1 && fds[0].Name == "archivist_migration" {
			done++
		}
	}
	if err := mrr.Close(); err != nil {
		if done < len(pending) {
			return fmt.Errorf("migrate %s: %w", pending[done].name, err)
		}
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Tx is one write transaction of the store, pipelined (see pipe).
type Tx struct {
	s  *Store
	tx *pipe
	// byKey remembers the last ArticleIDByKey answer, until the next
	// write of an article: the crawl asks it twice for a new article.
	byKey *keyLookup
	// urls are the article URLs recorded in the transaction.
	urls map[articleURL]bool
	// byContent is ArticleIDByContent's answer for the body of the
	// capture just stored, asked in the capture's round trip: the crawl
	// asks it next. Used once, dropped when an article is written.
	byContent *keyLookup
	// redirects is RedirectsTo's answer for the URL of the article just
	// written, asked in the article's round trip: the crawl asks it next.
	// Used once, dropped when a frontier row is written.
	redirects *redirectLookup
	// due are the lookups of the capture just stored under a spare id,
	// asked when the crawl asks one of them (see Tx.AddCapture).
	due *dueLookups
	// captured is set once the transaction stored a capture.
	captured bool
}

// dueLookups are the lookups prefetchLookups would ask, for a capture's
// body digest and URL.
type dueLookups struct{ sum, key string }

type redirectLookup struct {
	url  string
	urls []string
}

// articleWritten drops the answers an article write may change.
func (tx *Tx) articleWritten() {
	tx.byKey, tx.byContent, tx.due = nil, nil, nil
}

// frontierWritten drops the answers a write of the frontier's redirects
// may change.
func (tx *Tx) frontierWritten() {
	tx.redirects, tx.due = nil, nil
}

type articleURL struct {
	article int64
	url     string
}

type keyLookup struct {
	key string
	id  int64
	err error
}

var _ corpus.Writer = (*Tx)(nil)

// Write runs fn in one transaction and commits it when fn returns nil.
func (s *Store) Write(ctx context.Context, fn func(corpus.Writer) error) error {
	return s.Update(ctx, func(tx *Tx) error { return fn(tx) })
}

// Update runs fn in one transaction and commits it when fn returns nil.
// A transaction that PostgreSQL aborts for a serialisation failure or a
// deadlock is run again (fn must not keep state across calls).
func (s *Store) Update(ctx context.Context, fn func(tx *Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.update(ctx, fn)
		if err == nil || attempt >= 5 || !retryable(err) {
			return err
		}
	}
}

// retryable reports whether err is a serialisation failure or deadlock.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// Lost reports whether err says the connection to the server was lost
// or could not be made (a server restart, a failover, the network), so
// that the same work may succeed once the server answers again. A server
// error decides by its code: connection exceptions (class 08) and the
// server shutting down or starting up (57P01-57P03) are lost; any other,
// a wrong password included, is not. A connection that could not be made
// is lost also when it timed out (connect_timeout); any other deadline or
// cancellation is the caller's own, not the server's absence.
func Lost(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, pgconn.ErrConnClosed) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// Pack computes c's digest and compresses its body ahead of the write
// transaction. It is safe for concurrent use.
func (s *Store) Pack(c *corpus.Capture) {
	if c.Body == nil {
		return
	}
	c.FillDigest()
	data, enc := s.compress(c.Body)
	c.SetPacked(data, enc)
}

func (s *Store) compress(body []byte) ([]byte, string) {
	data := s.enc.EncodeAll(body, make([]byte, 0, len(body)/3))
	if len(data) >= len(body) {
		return body, "identity"
	}
	return data, "zstd"
}

func (s *Store) decode(encoding string, data []byte) ([]byte, error) {
	if encoding == "zstd" {
		return s.dec.DecodeAll(data, nil)
	}
	return data, nil
}

// notFound maps pgx.ErrNoRows to corpus.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return corpus.ErrNotFound
	}
	return err
}

// placeholders returns "$from, $from+1, ..." for n values. The package's
// statements are built with it when the binary starts, whatever the
// command: strconv, not fmt, keeps that short.
func placeholders(from, n int) string {
	b := make([]byte, 0, n*5)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '$')
		b = strconv.AppendInt(b, int64(from+i), 10)
	}
	return string(b)
}

// splitColumns splits a comma-separated column list.
func splitColumns(cols string) []string {
	var out []string
	for _, c := range strings.Split(cols, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
