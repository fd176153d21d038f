package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/scraper"
)

// watchOptions are the flags of `archivist watch`: the seed, scope,
// politeness and storage flags of crawl, and the schedule's.
type watchOptions struct {
	crawl       crawlOptions
	MinInterval time.Duration
	MaxInterval time.Duration
	Revisit     string
	// clock, for tests, replaces the wall clock of the schedule and its
	// waits; afterCycle, for tests, is called after each cycle.
	clock      watchClock
	afterCycle func(cycle int)
}

// defaultRevisit is --revisit's default.
const defaultRevisit = "1h,6h,1d,7d"

// AddFlags registers the watch flags on fs.
func (o *watchOptions) AddFlags(fs *flag.FlagSet) {
	o.crawl.cmd = "watch"
	o.crawl.addScopeFlags(fs)
	o.crawl.addPolitenessFlags(fs)
	o.crawl.addStoreFlags(fs)
	fs.DurationVar(&o.MinInterval, "min-interval", 5*time.Minute, "shortest wait between two checks of a hub")
	fs.DurationVar(&o.MaxInterval, "max-interval", 6*time.Hour, "longest wait between two checks of a hub")
	fs.StringVar(&o.Revisit, "revisit", defaultRevisit, "when to fetch an article again after its first capture: `DURATIONS`, comma-separated (s, m, h, d), or off")
}

func watchCommand() *command {
	c := &command{
		name:    "watch",
		summary: "follow seed sites until stopped: new articles as they appear, edits as new versions",
		usage: `Usage: archivist watch [flags] [URL...]

Crawls from the seeds as crawl does, then keeps watching: each hub
(a seed, section page, sitemap or feed) is checked again on a schedule
that adapts to how often it yields new links, between --min-interval
and --max-interval; new articles are fetched as soon as politeness
allows; each article is fetched again at the --revisit times after its
first capture, and a changed text is kept as a new version. The schedule
is kept in the database: Ctrl-C (or SIGTERM) stops cleanly, and running
watch again goes on with it (with no URLs too). One crawl or watch at a
time runs on a database. 'archivist stats' shows, per site, the articles
found per day and when each hub is checked next.

Examples:
  archivist watch https://www.example.com/ https://news.example.org/feed.xml
  archivist watch --min-interval 10m --revisit 1h,1d --seeds seeds.txt`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts watchOptions
		seeds, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		return runWatch(ctx, e, opts, seeds)
	}
	return c
}

// scheduleTx is the transaction in which a watch records a fetch in its
// schedule: *corpus.Tx.
type scheduleTx interface {
	RecordWatchFetch(ctx context.Context, f corpus.WatchedFetch, p corpus.WatchPolicy, now time.Time) error
}

var _ scheduleTx = (*corpus.Tx)(nil)

// watchClock is the time of a watch's schedule.
type watchClock interface {
	Now() time.Time
	// Sleep waits d, or until ctx is done (its error then).
	Sleep(ctx context.Context, d time.Duration) error
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// parseRevisit parses --revisit: "off", or increasing positive durations,
// comma-separated, where a number of days may end in d.
func parseRevisit(s string) ([]time.Duration, error) {
	if strings.EqualFold(strings.TrimSpace(s), "off") {
		return nil, nil
	}
	var out []time.Duration
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		d, err := time.ParseDuration(part)
		if days, ok := strings.CutSuffix(part, "d"); ok {
			var n float64
			n, err = strconv.ParseFloat(days, 64)
			d = time.Duration(n * float64(24*time.Hour))
		}
		switch {
		case err != nil || d <= 0:
			return nil, fmt.Errorf("bad --revisit %s: %s is not a positive duration (e.g. 1h,6h,1d,7d, or off)", quote.Short(s), quote.Short(part))
		case len(out) > 0 && d <= out[len(out)-1]:
			return nil, fmt.Errorf("bad --revisit %s: the times must increase", quote.Short(s))
		}
		out = append(out, d)
	}
	return out, nil
}

// policy checks the schedule flags and returns the schedule they make.
func (o *watchOptions) policy() (corpus.WatchPolicy, error) {
	if o.MinInterval <= 0 {
		return corpus.WatchPolicy{}, usagef("watch: bad --min-interval %v: must be positive", o.MinInterval)
	}
	if o.MaxInterval < o.MinInterval {
		return corpus.WatchPolicy{}, usagef("watch: bad --max-interval %v: must not be shorter than --min-interval %v", o.MaxInterval, o.MinInterval)
	}
	steps, err := parseRevisit(o.Revisit)
	if err != nil {
		return corpus.WatchPolicy{}, usagef("watch: %v", err)
	}
	p := corpus.WatchPolicy{MinInterval: o.MinInterval, MaxInterval: o.MaxInterval, Revisit: steps}
	// Revisits take at most half of what --delay lets one host serve in a
	// --min-interval (request starts are --delay apart), so that a backlog
	// of them leaves room for the hubs and the new articles.
	p.RevisitsPerHost = maxRevisitsPerHost
	if o.crawl.Delay > 0 {
		p.RevisitsPerHost = min(max(int(o.MinInterval/o.crawl.Delay)/2, 1), maxRevisitsPerHost)
	}
	return p, nil
}

// maxRevisitsPerHost caps the revisits of one host queued in one cycle.
const maxRevisitsPerHost = 1000

// watchTotals adds up the cycles of a watch.
type watchTotals struct {
	cycles, fetched, articles, errors, hubs, revisits int
}

func (t *watchTotals) add(s scraper.Summary, hubs, revisits int) {
	t.cycles++
	t.fetched += s.Fetched
	t.articles += s.Articles
	t.errors += s.Errors
	t.hubs += hubs
	t.revisits += revisits
}

func runWatch(ctx context.Context, e *env, opts watchOptions, seeds []string) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	opts.crawl.cmd = "watch"
	clock := opts.clock
	if clock == nil {
		clock = wallClock{}
	}
	prog := newProgressPrinter(e, opts.crawl, func() bool { return ctx.Err() != nil })
	e.logger = prog.log
	policy, err := opts.policy()
	if err != nil {
		return err
	}
	copts, seedList, haveSeeds, err := opts.crawl.seedOptions(e, seeds)
	if err != nil {
		return err
	}
	if _, err := os.Stat(e.global.DB); !haveSeeds && errors.Is(err, os.ErrNotExist) {
		return usagef("watch: no seed URLs (give URLs or --seeds FILE; with neither, watch goes on with the schedule of the database, and %s has none)", e.global.DB)
	}
	db, lease, err := e.openForCrawl(ctx, "watch", cancel)
	if err != nil {
		return err
	}
	defer db.Close()
	defer lease.release(e)
	if err := startSchedule(ctx, e, db, policy, opts.crawl.Depth, clock.Now(), haveSeeds); err != nil {
		return err
	}
	var ix indexUpdater
	if !opts.crawl.NoIndex {
		if ix, err = e.openIndexForCrawl(ctx, db); err != nil {
			return err
		}
		defer ix.Close()
	}
	// The first cycle reads the seeds (URLs, --seeds FILE); the others
	// go by the schedule only.
	// The cycles share one crawl run and the robots.txt each host
	// answered, until it expires.
	copts = append(copts, scraper.WithWatchSession(scraper.NewWatchSession(clock.Now)))
	var crawlers [2]*scraper.Crawler
	for i, o := range [][]scraper.Option{slices.Concat(copts, seedList), copts} {
		if crawlers[i], err = newWatchCrawler(e, db, prog, o, policy, clock); err != nil {
			return err
		}
	}
	return e.watchCycles(ctx, db, ix, crawlers, opts, policy, clock, seeds, prog)
}

// watchCycles runs the watch's cycles with its two crawlers (the first
// cycle's, which reads the seeds, and the others'), keeping ix (nil with
// --no-index) up to date as it goes, and prints the summary.
func (e *env) watchCycles(ctx context.Context, db *corpus.DB, ix indexUpdater, crawlers [2]*scraper.Crawler,
	opts watchOptions, policy corpus.WatchPolicy, clock watchClock, seeds []string, prog *progressPrinter) error {
	var current atomic.Pointer[scraper.Crawler]
	current.Store(crawlers[0])
	prog.inFlight = func() (int, time.Duration) { return current.Load().InFlight() }

	stopIndexing := e.indexInBackground(ctx, db, ix, nil)
	started := time.Now()
	tot, runErr := watchLoop(ctx, e, db, func(cycle int) *scraper.Crawler {
		current.Store(crawlers[min(cycle-1, 1)])
		return current.Load()
	}, opts, policy, clock, seeds)
	indexErr := stopIndexing()
	prog.finish()
	return e.runOutcome(ctx, "watch", runErr, indexErr, func(err error) {
		printWatchSummary(e.stdout, tot, time.Since(started), err)
	})
}

// newWatchCrawler returns the crawler of a watch's cycles: it records
// each fetch in the schedule, in the transaction that saves the page.
func newWatchCrawler(e *env, db *corpus.DB, prog *progressPrinter, copts []scraper.Option, policy corpus.WatchPolicy, clock watchClock) (*scraper.Crawler, error) {
	// The crawler's own log lines ("crawl started") come every cycle:
	// only -v shows them.
	level, out := slog.LevelWarn, e.stderr
	if e.global.Verbose {
		level = slog.LevelDebug
	}
	if prog.live {
		out = prog
	}
	copts = append(copts, scraper.WithProgress(prog.update), scraper.WithLogger(e.newLogger(out, level)),
		scraper.WithWatch(func(ctx context.Context, tx scraper.Tx, f scraper.Fetched) error {
			st, ok := tx.(scheduleTx)
			if !ok {
				return fmt.Errorf("watch: the store's transactions (%T) cannot record the schedule", tx)
			}
			return st.RecordWatchFetch(ctx, corpus.WatchedFetch{URL: f.URL, Host: f.Host, Hub: f.Hub,
				Article: f.Article, NewURLs: f.NewURLs}, policy, clock.Now())
		}))
	cr, err := scraper.NewCrawler(db, copts...)
	if err != nil {
		return nil, usagef("watch: %v", err)
	}
	return cr, nil
}

// seedOptions checks the seeds and the crawl flags and returns the
// crawler's options, the option of the --seeds file (none without one),
// and whether any seed was given (URLs, or a --seeds file with at least
// one).
func (o *crawlOptions) seedOptions(e *env, seeds []string) (copts, seedList []scraper.Option, haveSeeds bool, err error) {
	for _, s := range seeds {
		if err := checkSeed(s); err != nil {
			return nil, nil, false, usagef("%s: %v", o.name(), err)
		}
	}
	if copts, err = o.crawlerOptions(e); err != nil {
		return nil, nil, false, err
	}
	haveSeeds = len(seeds) > 0
	if o.Seeds != "" {
		list, n, err := seedFile(o.Seeds)
		if err != nil {
			return nil, nil, false, err
		}
		seedList = []scraper.Option{scraper.WithSeedList(list)}
		haveSeeds = haveSeeds || n > 0
	}
	return copts, seedList, haveSeeds, nil
}

// startSchedule schedules what an earlier crawl left (its hubs, its recent
// articles) and fits the schedule to the flags; with no seeds, there must
// be something to watch.
func startSchedule(ctx context.Context, e *env, db *corpus.DB, p corpus.WatchPolicy, depth int, now time.Time, haveSeeds bool) error {
	var hubs, arts int64
	if err := db.Update(ctx, func(tx *corpus.Tx) error {
		var err error
		hubs, arts, err = tx.StartWatch(ctx, p, depth, now)
		return err
	}); err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	if hubs+arts > 0 {
		e.logger.Info("watch: scheduled what earlier crawls found", "hubs", hubs, "articles", arts)
	}
	if haveSeeds {
		return nil
	}
	if _, ok, err := db.NextWatchDue(ctx, corpus.WatchPolicy{}); err != nil {
		return fmt.Errorf("watch: %w", err)
	} else if !ok {
		return usagef("watch: no seed URLs, and %s has no hub to watch (give URLs or --seeds FILE)", e.global.DB)
	}
	return nil
}

// watchLoop runs cycles until ctx is done: each queues what is due,
// crawls until the frontier is empty (new articles included), then
// sleeps until the next URL is due. It returns the totals, and an error
// only for a failure (a first cycle in which no seed could be fetched,
// the corpus that cannot be written); stopping is no error. crawler
// returns the crawler of a cycle (the first reads the seeds).
func watchLoop(ctx context.Context, e *env, db *corpus.DB, crawler func(cycle int) *scraper.Crawler, opts watchOptions,
	p corpus.WatchPolicy, clock watchClock, seeds []string) (watchTotals, error) {
	var tot watchTotals
	for cycle := 1; ctx.Err() == nil; cycle++ {
		var hubs, revisits int
		if err := db.Update(ctx, func(tx *corpus.Tx) error {
			var err error
			hubs, revisits, err = tx.QueueDueWatch(ctx, p, clock.Now())
			return err
		}); err != nil {
			if ctx.Err() != nil {
				break
			}
			return tot, err
		}
		var cycleSeeds []string
		if cycle == 1 {
			cycleSeeds = seeds
		}
		sum, err := crawler(cycle).Run(ctx, cycleSeeds)
		tot.add(sum, hubs, revisits)
		if ctx.Err() != nil {
			break
		}
		if err != nil {
			return tot, err
		}
		wait, err := nextWait(ctx, db, p, clock.Now())
		if err != nil {
			return tot, err
		}
		e.logger.Info("watch cycle", "cycle", cycle, "hubs_checked", hubs, "revisits", revisits, "fetched", sum.Fetched,
			"articles", sum.Articles, "errors", sum.Errors, "next_in", wait.Round(time.Second).String())
		if opts.afterCycle != nil {
			opts.afterCycle(cycle)
		}
		if err := clock.Sleep(ctx, wait); err != nil {
			break
		}
	}
	return tot, nil
}

// nextWait is how long to wait before the next cycle: until the next URL
// is due, at most --max-interval (a schedule with nothing in it is looked
// at again after --min-interval).
func nextWait(ctx context.Context, db *corpus.DB, p corpus.WatchPolicy, now time.Time) (time.Duration, error) {
	at, ok, err := db.NextWatchDue(ctx, p)
	if err != nil {
		return 0, fmt.Errorf("watch: %w", err)
	}
	if !ok {
		return p.MinInterval, nil
	}
	// Revisits held back by the per-host cap are due already: a short
	// pause lets the next cycle take them.
	return min(max(at.Sub(now), 10*time.Millisecond), p.MaxInterval), nil
}

// printWatchSummary prints what the watch did when it stops.
func printWatchSummary(w io.Writer, t watchTotals, d time.Duration, runErr error) {
	verb := "watch stopped"
	if runErr != nil {
		verb = "watch stopped by an error"
	}
	n := nouns
	fmt.Fprintf(w, "%s: %s, %s, %s, %s fetched, %s, %s in %s", verb, n(t.cycles, "cycle"), n(t.hubs, "hub check"),
		n(t.revisits, "revisit"), n(t.fetched, "page"), n(t.articles, "article"), n(t.errors, "error"), d.Round(time.Millisecond))
	if runErr != nil {
		fmt.Fprint(w, " (what was fetched is saved; fix the cause below, then run the same command again)")
	} else {
		fmt.Fprint(w, " (run the same command again to go on with the schedule)")
	}
	fmt.Fprintln(w)
}
