package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"net"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/scraper"
)

// crawlOptions are the flags of `archivist crawl`.
type crawlOptions struct {
	Seeds           string
	Depth           int
	MaxPages        int
	MaxPagesPerHost int
	Parallel        int
	PerHost         int
	Delay           time.Duration
	HostLease       time.Duration // with --store: how long a host lease lasts unrenewed
	StoreWait       time.Duration // with --store: how long a worker waits for a lost database
	Timeout         time.Duration
	Retries         int
	UserAgent       string
	Include         string
	Exclude         string
	AllowHosts      stringList
	IgnoreRobots    bool
	Since           string
	Recrawl         bool
	RecrawlAfter    time.Duration
	MaxBody         byteSizeFlag
	KeepAll         bool
	KeepTypes       string
	NoIndex         bool
	Quiet           bool
	Sitemaps        string
	// cmd names the command in messages: "crawl" when empty, "watch".
	cmd string
	// given holds the flags set on the command line (crawl only): a
	// worker joining a shared crawl takes the others from the crawl.
	given map[string]bool
	// dial, for tests, replaces name resolution and the network.
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }

// Set adds one or more comma-separated values. A blank value is an error
// rather than no filter at all (`--site "$SITE"` with SITE unset).
func (s *stringList) Set(v string) error {
	added := 0
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*s = append(*s, p)
			added++
		}
	}
	if added == 0 { // "", " " or "," (--site "$A,$B" with both unset)
		return errors.New("empty (want a value)")
	}
	return nil
}

// byteSizeFlag parses sizes such as 10MiB, 500KB, 1048576.
type byteSizeFlag int64

func (b *byteSizeFlag) String() string {
	n := int64(*b)
	switch {
	case n > 0 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + "GiB"
	case n > 0 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MiB"
	case n > 0 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KiB"
	}
	return strconv.FormatInt(n, 10)
}

// Set parses a size with an optional unit (B, KB/KiB, MB/MiB, GB/GiB; K, M, G mean binary units).
func (b *byteSizeFlag) Set(v string) error {
	s := strings.TrimSpace(strings.ToLower(v))
	units := []struct {
		suffix string
		mult   int64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
		{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	size := n * float64(mult)
	if err != nil || !(size >= 1) || size >= math.MaxInt64 { // !(size >= 1) refuses NaN and 0.5 too
		return fmt.Errorf("bad size %s (e.g. 10MiB)", quote.Short(v))
	}
	*b = byteSizeFlag(size)
	return nil
}

// AddFlags registers the crawl flags on fs.
func (o *crawlOptions) AddFlags(fs *flag.FlagSet) {
	o.addScopeFlags(fs)
	o.addPolitenessFlags(fs)
	o.addStoreFlags(fs)
	fs.IntVar(&o.MaxPages, "max-pages", 0, "stop after fetching `N` pages (0 = no limit)")
	fs.IntVar(&o.MaxPagesPerHost, "max-pages-per-host", 0, "fetch at most `N` pages from one host (0 = no limit)")
	fs.BoolVar(&o.Recrawl, "recrawl", false, "fetch pages already captured again (conditional requests; a 304 is a revisit)")
	fs.DurationVar(&o.RecrawlAfter, "recrawl-after", 0, "fetch again pages whose last capture is older than `DURATION`")
	// Only crawl: watch works on the SQLite file, which has no host leases.
	fs.DurationVar(&o.HostLease, "host-lease", defaultHostLease, "with --store: a killed worker's hosts go to the others after this long")
	fs.DurationVar(&o.StoreWait, "store-wait", defaultStoreWait, "with --store: how long a worker that lost the database waits for it (0: stop at once)")
}

// addScopeFlags registers the flags of the seeds and of what is followed
// from them (crawl and watch share them).
func (o *crawlOptions) addScopeFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Seeds, "seeds", "", "read seed URLs from `FILE` (one per line; blank lines and # comments ignored)")
	fs.IntVar(&o.Depth, "depth", 3, "link hops to follow from a seed (0 = fetch only the seeds and what their sitemaps and feeds list)")
	fs.StringVar(&o.Include, "include", "", "only follow URLs matching this `REGEX`")
	fs.StringVar(&o.Exclude, "exclude", "", "never follow URLs matching this `REGEX`")
	fs.Var(&o.AllowHosts, "allow-host", "also follow links to `host` (repeatable, or comma-separated)")
	fs.StringVar(&o.Since, "since", "", "skip sitemap and feed entries older than `DATE`")
	fs.StringVar(&o.Sitemaps, "sitemaps", scraper.SitemapsAuto, "sitemap discovery from robots.txt and /sitemap.xml: auto (on for --depth 1 or more, off for --depth 0) or off")
}

// addPolitenessFlags registers the flags of how requests are made (crawl
// and watch share them).
func (o *crawlOptions) addPolitenessFlags(fs *flag.FlagSet) {
	fs.IntVar(&o.Parallel, "parallel", 8, "requests in flight in total")
	fs.IntVar(&o.PerHost, "per-host", 2, "requests in flight on one host")
	fs.DurationVar(&o.Delay, "delay", time.Second, "minimum gap between request starts on one host (robots.txt Crawl-delay wins when larger)")
	fs.DurationVar(&o.Timeout, "timeout", 30*time.Second, "time limit for one request")
	fs.IntVar(&o.Retries, "retries", 3, "retries for transient failures (timeouts, resets, 5xx), with exponential backoff")
	fs.StringVar(&o.UserAgent, "user-agent", "", "User-Agent header (default names archivist and its version)")
	fs.BoolVar(&o.IgnoreRobots, "ignore-robots", false, "do not obey robots.txt")
}

// addStoreFlags registers the flags of what is kept, and of the output
// (crawl and watch share them).
func (o *crawlOptions) addStoreFlags(fs *flag.FlagSet) {
	o.MaxBody = 10 << 20
	fs.Var(&o.MaxBody, "max-body", "largest body kept, e.g. 10MiB; larger bodies are cut and flagged")
	fs.BoolVar(&o.KeepAll, "keep-all", false, "keep the bodies of non-HTML responses (PDFs, images) too")
	fs.StringVar(&o.KeepTypes, "keep-types", corpus.PageTypeArticle, "page `types` stored as articles, comma-separated: "+strings.Join(corpus.PageTypes, ", "))
	fs.BoolVar(&o.NoIndex, "no-index", false, "do not update the search index (run 'archivist index' later)")
	fs.BoolVar(&o.Quiet, "q", false, "no progress output, only the summary")
}

func crawlCommand() *command {
	c := &command{
		name:    "crawl",
		summary: "crawl seed URLs into the corpus and index",
		usage: `Usage: archivist crawl [flags] [URL...]

Seeds come from the arguments and/or --seeds FILE: front pages, section
pages, sitemaps or feeds. archivist follows links on the seeds' hosts,
obeys robots.txt, stores every fetch as a capture, every article as an
article, and updates the search index as it goes. Running the same crawl
again resumes it (with no URLs too: the crawl's hosts are stored) and
skips URLs already captured; once a crawl has finished, running it again
checks its hubs (seeds, section pages, sitemaps, feeds) for new articles.
Hosts that could not be reached are tried again by the next run. With
--depth 0 and URLs, only those URLs (and what their sitemaps and feeds
list) are fetched. Ctrl-C stops cleanly; a second Ctrl-C quits at once.
A crawl in which no seed could be fetched exits 1 naming the cause.
One crawl at a time runs on a database: a second one refuses, naming
the first. With --store (a PostgreSQL corpus), crawl is one worker of a
crawl that any number of workers share, on any machines; started without
URLs it joins the crawl in progress (see the README, "Running on several
machines").

Examples:
  archivist crawl https://www.example.com/news/
  archivist crawl --seeds seeds.txt --depth 2 --max-pages 5000 --delay 2s`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts crawlOptions
		fs := e.newFlagSet(c)
		opts.AddFlags(fs)
		seeds, err := e.parseFlags(c, fs, args)
		if err != nil {
			return err
		}
		opts.given = map[string]bool{}
		fs.Visit(func(f *flag.Flag) { opts.given[f.Name] = true })
		return runCrawl(ctx, e, opts, seeds)
	}
	return c
}

// errNoSeeds is the usage error of a crawl with no seeds and nothing to
// resume in --db.
func errNoSeeds(e *env) error {
	return usagef("crawl: no seed URLs (give URLs or --seeds FILE; with neither, crawl goes on with the crawl of the database, and %s has none)", e.global.DB)
}

// name is the command the options are for.
func (o *crawlOptions) name() string { return cmp.Or(o.cmd, "crawl") }

// minHostLease is the shortest --host-lease crawl takes.
const minHostLease = time.Second

// checkNotNegative names the first count or duration flag given a
// negative value.
func (o *crawlOptions) checkNotNegative() error {
	for _, f := range []struct {
		name string
		neg  bool
		val  any
	}{
		{"depth", o.Depth < 0, o.Depth}, {"max-pages", o.MaxPages < 0, o.MaxPages},
		{"max-pages-per-host", o.MaxPagesPerHost < 0, o.MaxPagesPerHost}, {"retries", o.Retries < 0, o.Retries},
		{"delay", o.Delay < 0, o.Delay}, {"recrawl-after", o.RecrawlAfter < 0, o.RecrawlAfter},
		{"store-wait", o.StoreWait < 0, o.StoreWait},
	} {
		if f.neg {
			return usagef("%s: bad --%s %v: must not be negative", o.name(), f.name, f.val)
		}
	}
	return nil
}

// crawlerOptions turns the crawl's flags into the crawler's options; a
// bad flag is a usage error.
func (o *crawlOptions) crawlerOptions(e *env) ([]scraper.Option, error) {
	keepTypes, err := o.checkCrawlFlags()
	if err != nil {
		return nil, err
	}
	opts := []scraper.Option{
		scraper.WithDepth(o.Depth), scraper.WithMaxPages(o.MaxPages), scraper.WithMaxPagesPerHost(o.MaxPagesPerHost),
		scraper.WithParallel(o.Parallel), scraper.WithPerHost(o.PerHost), scraper.WithDelay(o.Delay),
		scraper.WithTimeout(o.Timeout), scraper.WithRetries(o.Retries), scraper.WithAllowHosts(o.AllowHosts...),
		scraper.WithIgnoreRobots(o.IgnoreRobots), scraper.WithMaxBody(int64(o.MaxBody)), scraper.WithKeepAll(o.KeepAll),
		scraper.WithKeepTypes(keepTypes...),
		scraper.WithLogger(e.logger),
	}
	switch o.Sitemaps {
	case "", scraper.SitemapsAuto:
	case scraper.SitemapsOff:
		opts = append(opts, scraper.WithSitemaps(scraper.SitemapsOff))
	default:
		return nil, usagef("%s: bad --sitemaps %s (want auto or off)", o.name(), quote.Short(o.Sitemaps))
	}
	if o.dial != nil {
		opts = append(opts, scraper.WithDialContext(o.dial))
	}
	if o.UserAgent != "" {
		opts = append(opts, scraper.WithUserAgent(o.UserAgent))
	} else {
		opts = append(opts, scraper.WithUserAgent(scraper.DefaultUserAgent))
	}
	return o.filterOptions(opts)
}

// checkCrawlFlags checks the flags that crawlerOptions passes on as they
// are, and returns the page types to keep.
func (o *crawlOptions) checkCrawlFlags() ([]string, error) {
	if err := o.checkNotNegative(); err != nil {
		return nil, err
	}
	if o.Parallel < 1 || o.PerHost < 1 {
		return nil, usagef("%s: --parallel and --per-host must be at least 1", o.name())
	}
	if o.Timeout <= 0 {
		return nil, usagef("%s: --timeout must be positive", o.name())
	}
	// A lease of a few milliseconds ran out between a worker's claim and
	// its first request: --host-lease 1ms fetched nothing in 8s and made
	// 18,738 round trips to the database. 0 and negative were taken as
	// the default.
	if o.given["host-lease"] && o.HostLease < minHostLease {
		return nil, usagef("%s: bad --host-lease %v: a host lease must last at least %v (a worker renews its leases every third of it)",
			o.name(), o.HostLease, minHostLease)
	}
	keepTypes := []string{corpus.PageTypeArticle}
	if o.KeepTypes != "" {
		keepTypes = strings.Split(o.KeepTypes, ",")
	}
	for _, t := range keepTypes {
		if _, ok := corpus.ParsePageType(t); !ok {
			return nil, usagef("%s: bad --keep-types %s: %s is not a page type (want %s)", o.name(), quote.Short(o.KeepTypes), quote.Short(t), strings.Join(corpus.PageTypes, ", "))
		}
	}
	return keepTypes, nil
}

// filterOptions adds to opts the crawl's filters: --include, --exclude,
// --since and the recrawl flags.
func (o *crawlOptions) filterOptions(opts []scraper.Option) ([]scraper.Option, error) {
	for _, re := range []struct{ flag, expr string }{{"--include", o.Include}, {"--exclude", o.Exclude}} {
		if re.expr == "" {
			continue
		}
		if _, err := regexp.Compile(re.expr); err != nil {
			return nil, usagef("%s: %s: bad regular expression: %v", o.name(), re.flag, quote.Error(err))
		}
	}
	if o.Include != "" {
		opts = append(opts, scraper.WithInclude(o.Include))
	}
	if o.Exclude != "" {
		opts = append(opts, scraper.WithExclude(o.Exclude))
	}
	if o.Since != "" {
		since, err := parseDate(o.Since, false)
		if err != nil {
			return nil, usagef("%s: --since: %v", o.name(), err)
		}
		opts = append(opts, scraper.WithSince(since))
	}
	if o.Recrawl {
		opts = append(opts, scraper.WithRecrawl(true))
	}
	if o.RecrawlAfter > 0 {
		opts = append(opts, scraper.WithRecrawlAfter(o.RecrawlAfter))
	}
	return opts, nil
}

func runCrawl(ctx context.Context, e *env, opts crawlOptions, seeds []string) error {
	// The crawl's own context: cancelled by Ctrl-C (ctx), or when another
	// process takes its lease over.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	prog := newProgressPrinter(e, opts, func() bool { return ctx.Err() != nil })
	e.logger = prog.log
	copts, seedList, haveSeeds, err := opts.seedOptions(e, seeds)
	if err != nil {
		return err
	}
	copts = append(copts, seedList...)
	if e.global.Store != "" {
		return e.crawlStore(ctx, opts, copts, seeds, haveSeeds, prog)
	}
	if _, err := os.Stat(e.global.DB); !haveSeeds && errors.Is(err, os.ErrNotExist) {
		// Nothing to resume: refuse before creating an empty corpus.
		return errNoSeeds(e)
	}
	db, lease, err := e.openForCrawl(ctx, "crawl", cancel)
	if err != nil {
		return err
	}
	defer db.Close()
	defer lease.release(e)
	if !haveSeeds {
		if err := e.checkResumable(ctx, db); err != nil {
			return err
		}
	}

	var ix indexUpdater
	if !opts.NoIndex {
		// The crawl holds the index for its whole run (searches in other
		// terminals read it meanwhile); an index that cannot be opened
		// (damaged, another version, held by `archivist index`) fails the
		// crawl now rather than after it.
		if ix, err = e.openIndexForCrawl(ctx, db); err != nil {
			return err
		}
		defer ix.Close()
	}
	return e.crawlWith(ctx, db, ix, copts, seeds, prog)
}

// checkResumable returns errNoSeeds unless the corpus has a crawl to go on
// with: without seeds, crawl resumes what the corpus has queued, or checks
// the hubs of a finished crawl again.
func (e *env) checkResumable(ctx context.Context, db *corpus.DB) error {
	fs, err := db.FrontierStats(ctx)
	if err != nil {
		return err
	}
	if fs.Queued+fs.InFlight == 0 && fs.Runs == 0 {
		return errNoSeeds(e)
	}
	return nil
}

// crawlWith runs the crawl of the embedded corpus db (its lease held) with
// the crawler's options copts, keeping ix (nil with --no-index) up to date
// as it goes and once more at the end, and prints the summary.
func (e *env) crawlWith(ctx context.Context, db *corpus.DB, ix indexUpdater, copts []scraper.Option, seeds []string, prog *progressPrinter) error {
	defer tuneGC(crawlGCPercent, crawlMemoryLimit)()
	var saved atomic.Int64 // articles the crawl saved, as of its last progress report
	copts = append(copts, scraper.WithProgress(func(p scraper.Progress) {
		saved.Store(int64(p.Articles))
		prog.update(p)
	}))
	cr, err := scraper.NewCrawler(db, copts...)
	if err != nil {
		return usagef("crawl: %v", err)
	}
	prog.inFlight = cr.InFlight

	// The index follows the corpus while the crawl runs, so that search
	// works during and right after it; after the crawl (even after Ctrl-C)
	// it catches up once more.
	stopIndexing := e.indexInBackground(ctx, db, ix, saved.Load)
	sum, runErr := cr.Run(ctx, seeds)
	indexErr := stopIndexing()
	prog.finish()
	return e.runOutcome(ctx, "crawl", runErr, indexErr, func(err error) { printSummary(e.stdout, sum, err) })
}

// runOutcome returns what a crawl or a watch (cmd) ends with: runErr, the
// error that stopped it (or the lease lost to another process, ctx's cause),
// with the index's state when its last update failed too (indexErr); nil
// when both succeeded. summary prints the run's summary for that error.
func (e *env) runOutcome(ctx context.Context, cmd string, runErr, indexErr error, summary func(error)) error {
	if cause := context.Cause(ctx); errors.Is(cause, errLeaseLost) {
		runErr = cause
	}
	summary(runErr)
	if runErr != nil {
		return e.stoppedBehind(commandError(cmd, runErr), indexErr)
	}
	if indexErr != nil {
		return indexCatchUpFor(cmd, indexErr)
	}
	return nil
}

// stoppedBehind adds to err, the error that stopped a crawl or a watch,
// that the index is behind the corpus when its last update (indexErr)
// failed too, as on a full disk holding both.
func (e *env) stoppedBehind(err, indexErr error) error {
	if indexErr == nil {
		return err
	}
	if isDiskFull(indexErr) {
		return remedied{fmt.Errorf("%w; the index is behind the corpus too: run 'archivist index' once there is space", e.explain(err))}
	}
	return remedied{fmt.Errorf("%w; the index is behind the corpus too (%v): run 'archivist index'", e.explain(err), indexErr)}
}

// The garbage collector during a crawl. A crawl allocates about 1.6 MB
// per page (the parsed page, the index's segments), little of which lives
// on: collecting at three times the live heap rather than two spends
// 5-10% less CPU per page (docs/BENCHMARKS.md, "Crawl CPU per page").
// crawlMemoryLimit keeps the crawl's memory near what it was: the
// collector works harder as the heap nears it, but the limit never goes
// below twice the live heap, so a crawl whose live heap is large collects
// no more often than with Go's default.
const (
	crawlGCPercent   = 200
	crawlMemoryLimit = 320 << 20
)

// printSummary prints what the crawl did and, when it stopped early, how
// to go on: runErr is Run's error.
func printSummary(w io.Writer, s scraper.Summary, runErr error) {
	failed := runErr != nil && !errors.Is(runErr, context.Canceled) && !errors.Is(runErr, context.DeadlineExceeded)
	verb := "crawl finished"
	if failed {
		verb = "crawl stopped by an error"
	}
	fmt.Fprintf(w, "%s: %s fetched, %s%s, %s in %s", verb, nouns(s.Fetched, "page"), nouns(s.Articles, "article"),
		copiesNote(s.Duplicates, "page"), nouns(s.Errors, "error"), s.Duration.Round(time.Millisecond))
	switch {
	case errors.Is(runErr, corpus.ErrFileGone):
		fmt.Fprint(w, " (what was fetched went into the file that was there; see below)")
	case failed:
		fmt.Fprint(w, " (what was fetched is saved; fix the cause below, then run the same command again to resume)")
	case s.Interrupted && runErr == nil:
		// Run stops early without an error only at --max-pages.
		fmt.Fprint(w, " (page limit reached; run the same command again to go on)")
	case s.Interrupted:
		fmt.Fprint(w, " (interrupted; run the same command again to resume)")
	}
	fmt.Fprintln(w)
	if len(s.ErrorsByKind) > 0 {
		fmt.Fprintf(w, "errors by kind: %s\n", joinCounts(s.ErrorsByKind))
	}
	if len(s.NotStoredByType) > 0 {
		fmt.Fprintf(w, "not stored as articles, by page type: %s (--keep-types stores them)\n", joinCounts(s.NotStoredByType))
	}
}

// joinCounts writes m as "key n, key n", keys in order.
func joinCounts(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// indexInBackground keeps ix up to date with db while a crawl or a watch
// runs (nothing when ix is nil). The returned stop ends it, after a last
// pass, and returns its error. saved, when not nil, returns the articles
// the crawl has saved so far: the index is then updated as soon as a
// batch of them waits (see indexPacer), else every 5 seconds.
func (e *env) indexInBackground(ctx context.Context, db *corpus.DB, ix indexUpdater, saved func() int64) (stop func() error) {
	if ix == nil {
		return func() error { return nil }
	}
	indexCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan error, 1)
	go func() {
		var err error
		if saved != nil && e.indexEvery == 0 {
			p := &indexPacer{saved: saved, batch: indexBatchArticles, maxWait: indexMaxWait, last: saved(), lastAt: time.Now()}
			_, err = e.followIndexWhen(indexCtx, db, ix, indexCheckEvery, p.due)
		} else {
			_, err = e.followIndex(indexCtx, db, ix, cmp.Or(e.indexEvery, 5*time.Second))
		}
		if errors.Is(err, index.ErrReopen) && indexCtx.Err() == nil {
			e.logger.Error("index updates stopped; the crawl goes on, run 'archivist index' after it", "err", err)
		}
		done <- err
	}()
	return func() error {
		cancel()
		return <-done
	}
}

// commandError returns err with the command's name in front, unless it
// already has it.
func commandError(cmd string, err error) error {
	if strings.HasPrefix(err.Error(), cmd+": ") {
		return err
	}
	return fmt.Errorf("%s: %w", cmd, err)
}

// When a crawl updates its index: as soon as about one of the index's
// batches of articles waits (the index writes at most about 250 articles
// of a few kilobytes per segment), and at least every indexMaxWait. A
// fast crawl thus updates about every second, with full segments, and
// leaves little to index after its last page; a slow one (politeness, a
// loaded machine) makes fewer, larger segments than an update every 5
// seconds would, which its background merges would then merge again.
const (
	indexCheckEvery    = time.Second
	indexBatchArticles = 250
	indexMaxWait       = 15 * time.Second
)

// indexPacer decides when a crawl's index update is due.
type indexPacer struct {
	saved   func() int64 // articles saved so far
	batch   int64
	maxWait time.Duration
	last    int64     // saved at the last update
	lastAt  time.Time // when the last update was due
	now     func() time.Time
}

// due reports whether the index is to be updated now, and if so counts
// from now.
func (p *indexPacer) due() bool {
	now := time.Now()
	if p.now != nil {
		now = p.now()
	}
	n := p.saved()
	if n-p.last < p.batch && now.Sub(p.lastAt) < p.maxWait {
		return false
	}
	p.last, p.lastAt = n, now
	return true
}
