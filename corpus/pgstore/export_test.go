package pgstore

import (
	"context"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Kill stops the worker's heartbeat without giving anything back, as a
// killed process leaves it.
func (f *Frontier) Kill() {
	f.stop()
	f.wg.Wait()
}

// Pending returns how many statements wait to be sent in tx.
func (tx *Tx) Pending() int { return len(tx.tx.pending) }

// Migrate applies the migrations of fsys (migrations/NNNN_name.sql) on
// conn, as Open applies the embedded ones.
func Migrate(ctx context.Context, conn *pgconn.PgConn, fsys fs.FS) error {
	return migrate(ctx, conn, fsys)
}

// MigrationFS holds the embedded migrations and squashed schema.
var MigrationFS fs.FS = migrationFS

// WithClock returns opts with the worker's clock replaced by clock.
func WithClock(opts WorkerOptions, clock func() time.Time) WorkerOptions {
	opts.clock = clock
	return opts
}
