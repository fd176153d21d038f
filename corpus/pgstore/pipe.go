package pgstore

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pipe is one write transaction on one connection, pipelined: statements
// whose result the caller does not need (later) wait and go to the server
// with the next statement that needs an answer, in one round trip, and
// BEGIN goes with the first statement and COMMIT with the last. A crawl
// worker's page commit is a dozen statements; on a server across a
// network each round trip costs more than the statement.
type pipe struct {
	conn    *pgxpool.Conn
	begun   bool
	pending []deferred
	ahead   []ahead
}

// ahead is a query sent right after the next statement that needs an
// answer, in its batch, for an answer the caller will most likely ask for
// next (see Tx.AddCapture): keep reads its rows.
type ahead struct {
	what string
	sql  string
	args []any
	keep func(pgx.Rows) error
}

// deferred is a statement waiting to be sent. check, when set, judges
// its result (a row count that must be one, say); rows, when set, reads
// the rows it answers instead.
type deferred struct {
	what  string
	sql   string
	args  []any
	check func(pgconn.CommandTag) error
	rows  func(pgx.Rows) error
}

// later queues sql to be sent with the next statement that needs an
// answer, or with COMMIT. Its error, wrapped with what, is the error of
// that statement (the transaction fails either way).
func (p *pipe) later(what, sql string, args ...any) {
	p.pending = append(p.pending, deferred{what: what, sql: sql, args: args})
}

// laterOne is later for a statement that must find one row: its error is
// corpus.ErrNotFound otherwise.
func (p *pipe) laterOne(what, sql string, args ...any) {
	p.pending = append(p.pending, deferred{what: what, sql: sql, args: args, check: func(tag pgconn.CommandTag) error {
		if tag.RowsAffected() != 1 {
			return corpus.ErrNotFound
		}
		return nil
	}})
}

// laterThen is later for a statement whose result check reads (a row
// count to report, say) once the server has answered.
func (p *pipe) laterThen(what, sql string, check func(pgconn.CommandTag) error, args ...any) {
	p.pending = append(p.pending, deferred{what: what, sql: sql, args: args, check: check})
}

// laterRows is later for a query whose rows read reads once the server
// has answered.
func (p *pipe) laterRows(what, sql string, read func(pgx.Rows) error, args ...any) {
	p.pending = append(p.pending, deferred{what: what, sql: sql, args: args, rows: read})
}

// prefetch queues a query to be sent after the next statement that needs
// an answer, in the same round trip; keep reads its rows once that
// statement's answer is read. Its error is that statement's.
func (p *pipe) prefetch(what, sql string, args []any, keep func(pgx.Rows) error) {
	p.ahead = append(p.ahead, ahead{what: what, sql: sql, args: args, keep: keep})
}

// send sends BEGIN when the transaction has not begun, the deferred
// statements, sql and the queries to prefetch in one batch, reads the
// results before sql's and returns the batch positioned at sql's result,
// with the queries whose results follow it (see done).
func (p *pipe) send(ctx context.Context, sql string, args []any) (*batch, error) {
	b := &pgx.Batch{}
	begin := !p.begun
	if begin {
		b.Queue("BEGIN")
	}
	pending := p.pending
	p.pending = nil
	for _, d := range pending {
		b.Queue(d.sql, d.args...)
	}
	b.Queue(sql, args...)
	aheads := p.ahead
	p.ahead = nil
	for _, a := range aheads {
		b.Queue(a.sql, a.args...)
	}
	p.begun = true // from here on a failure rolls back
	br := &batch{BatchResults: p.conn.SendBatch(ctx, b), ahead: aheads}
	if begin {
		if _, err := br.Exec(); err != nil {
			br.Close()
			return nil, fmt.Errorf("begin: %w", err)
		}
	}
	for _, d := range pending {
		err := d.result(br)
		if err != nil {
			br.Close()
			return nil, fmt.Errorf("%s: %w", d.what, err)
		}
	}
	return br, nil
}

// result reads d's result from br.
func (d deferred) result(br pgx.BatchResults) error {
	if d.rows != nil {
		rows, err := br.Query()
		if err != nil {
			return err
		}
		err = d.rows(rows)
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		return err
	}
	tag, err := br.Exec()
	if err == nil && d.check != nil {
		err = d.check(tag)
	}
	return err
}

// batch is a batch's results and the prefetched queries at its end.
type batch struct {
	pgx.BatchResults
	ahead  []ahead
	closed bool
}

// done reads the prefetched queries' results, once the statement's own
// result is read, and closes the batch. err is the statement's error,
// returned as it is when set.
func (b *batch) done(err error) error {
	if b.closed {
		return err
	}
	b.closed = true
	for _, a := range b.ahead {
		if err != nil {
			break
		}
		rows, qerr := b.Query()
		if qerr == nil {
			qerr = a.keep(rows)
			rows.Close()
			if qerr == nil {
				qerr = rows.Err()
			}
		}
		if qerr != nil {
			err = fmt.Errorf("%s: %w", a.what, qerr)
		}
	}
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	return err
}

// Exec runs sql, with the statements waiting before it.
func (p *pipe) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	br, err := p.send(ctx, sql, args)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	tag, err := br.Exec()
	return tag, br.done(err)
}

// QueryRow runs sql, with the statements waiting before it, for one row.
func (p *pipe) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	br, err := p.send(ctx, sql, args)
	if err != nil {
		return errRow{err}
	}
	return &pipeRow{br: br, row: br.QueryRow()}
}

// Query runs sql, with the statements waiting before it.
func (p *pipe) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	br, err := p.send(ctx, sql, args)
	if err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		br.Close()
		return nil, err
	}
	return &pipeRows{Rows: rows, br: br}, nil
}

// commit sends what waits and COMMIT.
func (p *pipe) commit(ctx context.Context) error {
	if !p.begun && len(p.pending) == 0 {
		return nil
	}
	tag, err := p.Exec(ctx, "COMMIT")
	if err != nil {
		return err
	}
	if tag.String() == "ROLLBACK" { // an earlier statement failed and the error was ignored
		return pgx.ErrTxCommitRollback
	}
	return nil
}

// rollback drops what waits and ends the transaction.
func (p *pipe) rollback(ctx context.Context) {
	p.pending, p.ahead = nil, nil
	if p.begun && !p.conn.Conn().IsClosed() {
		_, _ = p.conn.Exec(ctx, "ROLLBACK")
	}
}

// pipeRow is a row read from a batch, which it closes once scanned.
type pipeRow struct {
	br  *batch
	row pgx.Row
}

func (r *pipeRow) Scan(dest ...any) error {
	return r.br.done(r.row.Scan(dest...))
}

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// pipeRows are rows read from a batch, which Close closes.
type pipeRows struct {
	pgx.Rows
	br  *batch
	err error
}

func (r *pipeRows) Close() {
	r.Rows.Close()
	r.err = r.br.done(r.Rows.Err())
}

func (r *pipeRows) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.Rows.Err()
}

// update runs fn in one pipelined transaction on a connection of the
// pool, committed when fn returns nil, rolled back otherwise (or when fn
// panics; the connection is then dropped by the pool if it is not idle).
func (s *Store) update(ctx context.Context, fn func(tx *Tx) error) (err error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	p := &pipe{conn: conn}
	done := false
	defer func() {
		if !done {
			p.rollback(context.WithoutCancel(ctx))
		}
	}()
	tx := &Tx{s: s, tx: p}
	if err := fn(tx); err != nil {
		return err
	}
	if tx.wantCaptureID() {
		// The next page's capture id, with this one's COMMIT.
		p.laterRows("take a capture id", qNextCaptureID, func(rows pgx.Rows) error {
			var id *int64
			if rows.Next() {
				if err := rows.Scan(&id); err != nil {
					return err
				}
			}
			tx.keepCaptureID(id)
			return nil
		})
	}
	err = p.commit(ctx)
	done = err == nil
	return err
}

// countingConn counts the writes to the server: with pgx's buffered
// writes, one a round trip.
type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Write(b []byte) (int, error) {
	c.n.Add(1)
	return c.Conn.Write(b)
}

// countWrites wraps cfg's dialer so that every connection counts its
// writes in n.
func countWrites(cfg *pgconn.Config, n *atomic.Int64) {
	dial := cfg.DialFunc
	if dial == nil {
		return
	}
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{Conn: c, n: n}, nil
	}
}

// RoundTrips returns how many times the store's connections wrote to the
// server (about one round trip each), for benchmarks and the worker's
// last log line.
func (s *Store) RoundTrips() int64 { return s.writes.Load() }
