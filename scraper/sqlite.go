package scraper

import (
	"context"

	"github.com/archivist-project/archivist/corpus"
)

// Store is what the crawler needs from a SQLite corpus: *corpus.DB
// implements it (tests wrap it to inject failures). NewCrawler adapts it
// to the stages' interfaces, Frontier and Writer.
type Store interface {
	// Update runs fn in one write transaction.
	Update(ctx context.Context, fn func(tx *corpus.Tx) error) error
	ResetInFlight(ctx context.Context) (int64, error)
	// QueuedHostsRun lists the hosts with URLs queued by crawl run run
	// (by any run when run is 0).
	QueuedHostsRun(ctx context.Context, run int64) ([]string, error)
	HostSettled(ctx context.Context, host string) (int, error)
	FrontierEntry(ctx context.Context, u string) (corpus.FrontierEntry, error)
	LatestCapture(ctx context.Context, u string) (*corpus.Capture, error)
	FrontierStats(ctx context.Context) (corpus.FrontierStats, error)
	// Pack compresses a capture's body ahead of the write transaction.
	Pack(c *corpus.Capture)
}

var _ Store = (*corpus.DB)(nil)

// sqliteStore adapts a Store to the stages' interfaces.
type sqliteStore struct {
	Store
}

var _ Writer = sqliteStore{}

// Update runs fn in one SQLite write transaction.
func (s sqliteStore) Update(ctx context.Context, fn func(tx Tx) error) error {
	return s.Store.Update(ctx, func(tx *corpus.Tx) error { return fn(tx) })
}
