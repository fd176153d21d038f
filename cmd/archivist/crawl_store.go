package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
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
	_ scraper.Frontier     = (*pgstore.Frontier)(nil)
	_ scraper.SharedRobots = (*pgstore.Frontier)(nil)
	_ scraper.Writer       = pgWriter{}
)

// crawlStore runs the crawl as one worker of a crawl shared through the
// PostgreSQL corpus named by --store: the frontier, the crawl's scope and
// settings are in the database, hosts are leased one worker at a time, and
// a worker started without seeds joins the crawl in progress. The index is
// not updated: one `archivist index --follow --store` does that for all.
func (e *env) crawlStore(ctx context.Context, opts crawlOptions, copts []scraper.Option, seeds []string, haveSeeds bool, prog *progressPrinter) error {
	s, err := e.openPG(ctx, e.global.Store, pgstore.WithMaxConns(workerConns))
	if err != nil {
		return err
	}
	defer func() { s.Close() }() // the store in use: crawlOutlasting may open another
	if !haveSeeds {
		fs, err := s.FrontierStats(ctx)
		if err != nil {
			return err
		}
		if fs.Queued+fs.InFlight == 0 && fs.Runs == 0 {
			return usagef("crawl: no seed URLs (give URLs or --seeds FILE; with neither, crawl joins the crawl in %s, which has none)", s.Location())
		}
		if copts, err = e.joinSettings(ctx, s, &opts, copts); err != nil {
			return err
		}
	}
	// The garbage collector as for a crawl into SQLite (runCrawl).
	defer tuneGC(crawlGCPercent, crawlMemoryLimit)()
	copts = append(copts, scraper.WithProgress(prog.update))
	start := time.Now()
	sum, runErr, err := e.crawlOutlasting(ctx, &s, opts, copts, seeds, prog, start)
	if err != nil {
		return err
	}
	sum.Duration = time.Since(start) // the waits for the database too
	prog.finish()
	printSummary(e.stdout, sum, runErr)
	if runErr != nil {
		return commandError("crawl", runErr)
	}
	return nil
}

// crawlOutlasting crawls as one worker until the frontier is empty, ctx
// ends or an error stops it, and outlasts the loss of the database (a
// restart, a failover): what was fetched is saved, so it waits for the
// server (--store-wait at most), hands back what the lost worker held,
// records the end of its run, and carries on as a new worker on a new
// connection pool (ids taken ahead from a server that failed over may be
// taken again). More than maxLosses losses within --store-wait stop it:
// a page whose save ends the session every time would otherwise be
// fetched again for ever. The summary and the status line count every
// worker's pages (from start, the crawl's start), and --max-pages holds
// for them all. When
// the first worker cannot start, its error is the third result; *sp is
// the store in use.
func (e *env) crawlOutlasting(ctx context.Context, sp **pgstore.Store, opts crawlOptions, copts []scraper.Option, seeds []string, prog *progressPrinter, start time.Time) (scraper.Summary, error, error) {
	var total scraper.Summary
	var losses []time.Time
	lostOn := map[string]int{} // losses while saving each URL
	wopts := copts
	for worked := false; ; worked = true {
		if worked {
			var done bool
			if wopts, done = carryOn(ctx, opts, copts, &total); done {
				return total, ctx.Err(), nil
			}
			prog.carry(scraper.Summary{Fetched: total.Fetched, Articles: total.Articles, Errors: total.Errors, Duration: time.Since(start)})
		}
		s := *sp
		sum, f, runErr := e.runWorker(ctx, s, opts, wopts, seeds, prog)
		total = total.Add(sum)
		lost := runErr != nil && ctx.Err() == nil && pgstore.Lost(runErr)
		switch {
		case f == nil && !worked:
			return total, nil, runErr
		case f == nil && !lost:
			return total, runErr, nil
		case f != nil && !lost:
			if err := f.Close(context.WithoutCancel(ctx)); err != nil && runErr == nil {
				runErr = err
			}
			e.logger.Info("crawl worker stopped", "worker", f.ID(), "round_trips", s.RoundTrips())
			return total, runErr, nil
		}
		losses = recentLosses(append(losses, time.Now()), lossWindow)
		stop := len(losses) > maxLosses || opts.StoreWait <= 0
		if !stop {
			e.logger.Warn("crawl: lost the database; waiting for it, then going on as a new worker",
				"wait_up_to", opts.StoreWait, "err", runErr)
		}
		ns, err := e.storeBack(ctx, s, opts.StoreWait, len(losses))
		if err != nil {
			total.Interrupted = ctx.Err() != nil
			return total, cmp.Or(ctx.Err(), fmt.Errorf("%w (the database did not come back: %w)", runErr, err)), nil
		}
		e.failPoison(ctx, ns, runErr, lostOn)
		if stop {
			// Hand back what it held before stopping: its run ended,
			// its URLs queued again at once.
			if f != nil {
				e.handBack(ctx, ns, f, sum)
			}
			ns.Close()
			return total, lostTooOften(runErr, len(losses)), nil
		}
		if f != nil {
			e.handBack(ctx, ns, f, sum)
		}
		s.Close()
		*sp = ns
	}
}

// carryOn returns the options of the worker that carries on after a lost
// one (nothing queued again, the page limit what is left of it), or done
// when the crawl ends instead, marked interrupted in *total: ctx ended
// while the lost worker's URLs were handed back, or the workers before
// reached --max-pages.
func carryOn(ctx context.Context, opts crawlOptions, copts []scraper.Option, total *scraper.Summary) (wopts []scraper.Option, done bool) {
	left := opts.MaxPages - total.Fetched
	if ctx.Err() != nil || opts.MaxPages > 0 && left <= 0 {
		total.Interrupted = true
		return nil, true
	}
	wopts = append(slices.Clip(copts), scraper.WithCarryOn())
	if opts.MaxPages > 0 {
		wopts = append(wopts, scraper.WithMaxPages(left))
	}
	return wopts, false
}

// runWorker starts a worker of the shared crawl in s and crawls with it
// until the frontier is empty, ctx ends or an error stops it. It returns
// the worker, not closed, with the crawl's error (nil when no worker
// could start: the error is then the command's).
func (e *env) runWorker(ctx context.Context, s *pgstore.Store, opts crawlOptions, copts []scraper.Option, seeds []string, prog *progressPrinter) (scraper.Summary, *pgstore.Frontier, error) {
	f, err := s.StartWorker(ctx, pgstore.WorkerOptions{LeaseTTL: opts.HostLease, Delay: opts.Delay, ClaimAhead: true, Log: e.logger})
	if err != nil {
		return scraper.Summary{}, nil, fmt.Errorf("crawl: %w", err)
	}
	e.logger.Info("crawl worker started", "worker", f.ID(), "store", s.Location())
	cr, err := scraper.New(f, pgWriter{s}, copts...)
	if err != nil {
		f.Close(context.WithoutCancel(ctx))
		return scraper.Summary{}, nil, usagef("crawl: %v", err)
	}
	prog.inFlight = cr.InFlight
	sum, err := cr.Run(ctx, seeds)
	return sum, f, err
}

// defaultStoreWait is how long a crawl worker that lost its database
// waits for it (--store-wait), and maxLosses how many losses within
// lossWindow it outlasts: a page whose save ends the session every time
// would otherwise be fetched again for ever, while a server restarted for
// maintenance now and then is outlasted.
const (
	defaultStoreWait = 10 * time.Minute
	maxLosses        = 5
	lossWindow       = time.Hour
)

// recentLosses keeps the times of losses within window of the last one.
func recentLosses(losses []time.Time, window time.Duration) []time.Time {
	last := losses[len(losses)-1]
	return slices.DeleteFunc(losses, func(t time.Time) bool { return last.Sub(t) > window })
}

// lostTooOften is the crawl's error when it does not wait for the
// database any more.
func lostTooOften(err error, n int) error {
	if n <= maxLosses {
		return fmt.Errorf("%w (--store-wait 0: not going on after a lost database)", err)
	}
	return fmt.Errorf("%w (lost the database %d times within %s: stopping)", err, n, lossWindow)
}

// storeBack waits until the database answers again (limit at most), then
// a second for each recent loss, and opens a new connection pool to it;
// a server that goes again meanwhile is waited for again, within limit.
func (e *env) storeBack(ctx context.Context, s *pgstore.Store, limit time.Duration, losses int) (*pgstore.Store, error) {
	deadline := time.Now().Add(limit)
	for {
		if err := waitForStore(ctx, s, time.Until(deadline)); err != nil {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(losses) * time.Second):
		}
		ns, err := e.openPG(ctx, e.global.Store, pgstore.WithMaxConns(workerConns))
		if err == nil || !pgstore.Lost(err) || ctx.Err() != nil || time.Now().After(deadline) {
			return ns, err
		}
	}
}

// waitForStore waits until s answers again, at most limit, trying every
// second at first and every 15 seconds at most. An answer that is not a
// lost connection (a changed password, a dropped database) ends the wait.
func waitForStore(ctx context.Context, s *pgstore.Store, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	pause := time.Second
	for {
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := s.Pool().Ping(pctx)
		cancel()
		switch {
		case err == nil || ctx.Err() != nil:
			return ctx.Err()
		case !pgstore.Lost(err) && !errors.Is(err, context.DeadlineExceeded):
			return err
		case time.Now().Add(pause).After(deadline):
			return fmt.Errorf("waited %s: %w", limit, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, 15*time.Second)
	}
}

// failPoison counts the loss in lostOn against the URL being saved when
// the database went away (err), and at its second loss settles it as
// failed (error kind store_lost): a page whose save ends the session (a
// backend killed on it) is not fetched again for ever.
func (e *env) failPoison(ctx context.Context, s *pgstore.Store, err error, lostOn map[string]int) {
	var se *scraper.SaveError
	if !errors.As(err, &se) {
		return
	}
	if lostOn[se.URL]++; lostOn[se.URL] < 2 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	fe, ferr := s.FrontierEntry(ctx, se.URL)
	if ferr == nil {
		ferr = s.Update(ctx, func(tx *pgstore.Tx) error {
			return tx.Finish(ctx, fe.ID, corpus.StateFailed, 0, corpus.ErrKindStoreLost, time.Now())
		})
	}
	if ferr != nil {
		e.logger.Warn("crawl: a page lost the database twice while saved; it stays queued", "url", se.URL, "err", ferr)
		return
	}
	e.logger.Warn("crawl: a page lost the database twice while saved: failed, not fetched again", "url", se.URL, "error_kind", corpus.ErrKindStoreLost)
}

// handBack records the end of the lost worker's run with its summary and
// closes the worker, which queues again its URLs and frees its hosts at
// once; when that fails, they go back when its leases run out.
func (e *env) handBack(ctx context.Context, s *pgstore.Store, f *pgstore.Frontier, sum scraper.Summary) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if sum.Run != 0 {
		err := s.Update(ctx, func(tx *pgstore.Tx) error { return tx.EndRun(ctx, sum.Run, sum, time.Now()) })
		if err != nil {
			e.logger.Warn("crawl: the lost worker's run could not be closed", "run", sum.Run, "err", err)
		}
	}
	if err := f.Close(ctx); err != nil {
		e.logger.Warn("crawl: the lost worker's URLs go back to the queue when its leases run out", "worker", f.ID(), "err", err)
	}
}

// workerConns is how many connections a crawl worker opens (unless the
// --store URL sets pool_max_conns): one, which the transactions of the
// pages it saves, its claims and its other requests take in turn. Each
// connection more is a server process that starts, loads the catalog for
// the crawl's tables and plans the crawl's statements once more, most of
// a short crawl's server work beyond the rows themselves; a second
// connection, for the claims, cost the server about a quarter more CPU
// per 200-article crawl and did not make the crawl faster
// (docs/BENCHMARKS.md, "One connection per crawl worker").
const workerConns = 1

// defaultHostLease is how long a crawl worker's host lease lasts without
// renewal (--host-lease).
const defaultHostLease = 30 * time.Second

// joinSettings gives a worker that joins a shared crawl (no seeds) the
// settings of the crawl's latest run with seeds, for the flags it was not given, so
// that politeness and scope of fetching are the same on every worker. It
// returns the crawler options to use.
func (e *env) joinSettings(ctx context.Context, s *pgstore.Store, opts *crawlOptions, copts []scraper.Option) ([]scraper.Option, error) {
	runs, err := s.CrawlSettings(ctx)
	if err != nil || len(runs) == 0 {
		return copts, err
	}
	var rs runSettings
	if err := json.Unmarshal([]byte(seededRun(runs)), &rs); err != nil {
		return nil, fmt.Errorf("crawl: the shared crawl's settings: %w", err)
	}
	for _, w := range looserThan(opts, rs) {
		e.logger.Warn("this worker is less polite than the shared crawl: " + w)
	}
	adopted, err := adoptSettings(opts, rs)
	if err != nil {
		return nil, fmt.Errorf("crawl: the shared crawl's settings: %w", err)
	}
	if len(adopted) == 0 {
		return copts, nil
	}
	e.logger.Info("joining the shared crawl with its settings", "flags", strings.Join(adopted, " "))
	return opts.crawlerOptions(e)
}

// seededRun returns the settings of the latest of runs (JSON, oldest
// first) that was given seeds: the run that started the crawl, or started
// it again. Every worker records a run, joiners too, so the latest run
// may be a joiner's, with that worker's own flags; taking it would let one
// worker's --delay 0s become every later joiner's.
func seededRun(runs []string) string {
	for i := len(runs) - 1; i >= 0; i-- {
		var r struct {
			Seeds []string `json:"seeds"`
		}
		if json.Unmarshal([]byte(runs[i]), &r) == nil && len(r.Seeds) > 0 {
			return runs[i]
		}
	}
	return runs[len(runs)-1]
}

// runSettings are the settings of a crawl run (scraper's settings record)
// that a joining worker takes.
type runSettings struct {
	Depth        *int    `json:"depth"`
	PerHost      *int    `json:"per_host"`
	Delay        *string `json:"delay"`
	Timeout      *string `json:"timeout"`
	Retries      *int    `json:"retries"`
	UserAgent    *string `json:"user_agent"`
	IgnoreRobots *bool   `json:"ignore_robots"`
	MaxBody      *int64  `json:"max_body"`
	MaxPerHost   *int    `json:"max_pages_per_host"`
}

// looserThan says which politeness flags given to a joining worker are
// looser than a run's settings rs: the hosts this worker leases are
// fetched by its own flags, so one worker's --delay 0s or
// --ignore-robots changes the crawl's manners for those hosts.
func looserThan(opts *crawlOptions, rs runSettings) []string {
	var out []string
	if opts.given["delay"] && rs.Delay != nil {
		if d, err := time.ParseDuration(*rs.Delay); err == nil && opts.Delay < d {
			out = append(out, fmt.Sprintf("--delay %s given, the crawl's is %s", opts.Delay, d))
		}
	}
	if opts.given["per-host"] && rs.PerHost != nil && opts.PerHost > *rs.PerHost {
		out = append(out, fmt.Sprintf("--per-host %d given, the crawl's is %d", opts.PerHost, *rs.PerHost))
	}
	if opts.given["ignore-robots"] && opts.IgnoreRobots && rs.IgnoreRobots != nil && !*rs.IgnoreRobots {
		out = append(out, "--ignore-robots given, the crawl obeys robots.txt")
	}
	return out
}

// adoptSettings sets, from a run's settings rs, every field of opts
// whose flag was not given, and returns those flags as name=value.
func adoptSettings(opts *crawlOptions, rs runSettings) ([]string, error) {
	var adopted []string
	take := func(name string, ok bool, set func() error, value func() string) error {
		if !ok || opts.given[name] {
			return nil
		}
		if err := set(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		adopted = append(adopted, "--"+name+"="+value())
		return nil
	}
	duration := func(dst *time.Duration, v *string) func() error {
		return func() (err error) { *dst, err = time.ParseDuration(*v); return err }
	}
	steps := []error{
		take("depth", rs.Depth != nil, func() error { opts.Depth = *rs.Depth; return nil }, func() string { return fmt.Sprint(opts.Depth) }),
		take("per-host", rs.PerHost != nil, func() error { opts.PerHost = *rs.PerHost; return nil }, func() string { return fmt.Sprint(opts.PerHost) }),
		take("delay", rs.Delay != nil, duration(&opts.Delay, rs.Delay), func() string { return opts.Delay.String() }),
		take("timeout", rs.Timeout != nil, duration(&opts.Timeout, rs.Timeout), func() string { return opts.Timeout.String() }),
		take("retries", rs.Retries != nil, func() error { opts.Retries = *rs.Retries; return nil }, func() string { return fmt.Sprint(opts.Retries) }),
		take("user-agent", rs.UserAgent != nil && *rs.UserAgent != "", func() error { opts.UserAgent = *rs.UserAgent; return nil }, func() string { return opts.UserAgent }),
		take("ignore-robots", rs.IgnoreRobots != nil, func() error { opts.IgnoreRobots = *rs.IgnoreRobots; return nil }, func() string { return fmt.Sprint(opts.IgnoreRobots) }),
		take("max-body", rs.MaxBody != nil && *rs.MaxBody > 0, func() error { opts.MaxBody = byteSizeFlag(*rs.MaxBody); return nil }, func() string { return fmt.Sprint(int64(opts.MaxBody)) }),
		take("max-pages-per-host", rs.MaxPerHost != nil && *rs.MaxPerHost > 0, func() error { opts.MaxPagesPerHost = *rs.MaxPerHost; return nil }, func() string { return fmt.Sprint(opts.MaxPagesPerHost) }),
	}
	return adopted, errors.Join(steps...)
}
