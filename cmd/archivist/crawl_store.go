package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/scraper"
)

// pgWriter is a PostgreSQL corpus as the crawler's persist stage sees it.
type pgWriter struct{ *pgstore.Store }

// Update runs fn in one PostgreSQL transaction.
func (w pgWriter) Update(ctx context.Context, fn func(tx scraper.Tx) error) error {
	return w.Store.Update(ctx, func(tx *pgstore.Tx) error { return fn(tx) })
}

var (
	_ scraper.Frontier = (*pgstore.Frontier)(nil)
	_ scraper.Writer   = pgWriter{}
)

// crawlStore runs the crawl as one worker of a crawl shared through the
// PostgreSQL corpus named by --store: the frontier, the crawl's scope and
// settings are in the database, hosts are leased one worker at a time, and
// a worker started without seeds joins the crawl in progress. The index is
// not updated: one `archivist index --follow --store` does that for all.
func (e *env) crawlStore(ctx context.Context, opts crawlOptions, copts []scraper.Option, seeds []string, haveSeeds bool, prog *progressPrinter) error {
	s, err := e.openPG(ctx, e.global.Store)
	if err != nil {
		return err
	}
	defer s.Close()
	if !haveSeeds {
		fs, err := s.FrontierStats(ctx)
		if err != nil {
			return err
		}
		if fs.Queued+fs.InFlight == 0 && fs.Runs == 0 {
			return usagef("crawl: no seed URLs (give URLs or --seeds FILE; with neither, crawl joins the crawl in %s, which has none)", s.Location())
		}
	}
	f, err := s.StartWorker(ctx, pgstore.WorkerOptions{LeaseTTL: opts.HostLease, Delay: opts.Delay})
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	e.logger.Info("crawl worker started", "worker", f.ID(), "store", s.Location())
	copts = append(copts, scraper.WithProgress(prog.update))
	cr, err := scraper.New(f, pgWriter{s}, copts...)
	if err != nil {
		f.Close(context.WithoutCancel(ctx))
		return usagef("crawl: %v", err)
	}
	prog.inFlight = cr.InFlight
	sum, runErr := cr.Run(ctx, seeds)
	prog.finish()
	if err := f.Close(context.WithoutCancel(ctx)); err != nil && runErr == nil {
		runErr = err
	}
	printSummary(e.stdout, sum, runErr)
	if runErr != nil {
		if !strings.HasPrefix(runErr.Error(), "crawl: ") {
			runErr = fmt.Errorf("crawl: %w", runErr)
		}
		return runErr
	}
	return nil
}

// defaultHostLease is how long a crawl worker's host lease lasts without
// renewal (--host-lease).
const defaultHostLease = 30 * time.Second
