// Package scraper crawls news sites into the corpus: a polite, resumable
// crawler on top of colly, with its frontier and visited set in the corpus
// database.
package scraper

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Store is what the crawler needs from the corpus. *corpus.DB implements
// it.
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

// Crawler fetches URLs into the corpus. Create it with NewCrawler; a
// Crawler runs one crawl at a time.
type Crawler struct {
	db     Store
	cfg    config
	stop   context.Context // the crawl's context: cancelled on Ctrl-C
	saver  *saver
	log    *slog.Logger
	sched  *scheduler
	run    int64
	scope  *scope
	seen   *seenCache
	probed map[string]bool // hosts whose /sitemap.xml is queued as a seed
	fatal  atomic.Pointer[error]
	counts counters
	// focused is a depth 0 crawl given seeds: it fetches only what this
	// run queued (the seeds and what their sitemaps and feeds list), not
	// the queue an earlier crawl left.
	focused bool
	// seedsToCheck are (up to maxSeedsChecked of) the seeds given, to tell
	// at the end whether any could be fetched.
	seedsToCheck []string
	reqs         inflight // start times of the requests in flight (inflight.go)
}

// maxSeedsChecked bounds the seeds whose fate Run checks at the end.
const maxSeedsChecked = 100

// counters are the crawl's running totals.
type counters struct {
	mu       sync.Mutex
	fetched  int
	articles int
	errors   int
	skipped  int
	retries  int
	revisits int
	byKind   map[string]int
	// skippedBy counts skips by reason.
	skippedBy map[string]int
	// unreachable maps the hosts whose robots.txt could not be read to
	// why; causes maps seeds that failed to why.
	unreachable map[string]string
	causes      map[string]string
}

// Summary is what a crawl did.
type Summary struct {
	Run          int64          `json:"run"`            // the crawl run's id in the corpus
	Fetched      int            `json:"fetched"`        // captures stored (failed ones included)
	Articles     int            `json:"articles"`       // articles stored or updated
	Errors       int            `json:"errors"`         // failed captures
	ErrorsByKind map[string]int `json:"errors_by_kind"` // by corpus.ErrKind*
	Skipped      int            `json:"skipped"`        // URLs not fetched: robots.txt, trap, budget
	// SkippedByReason counts the skipped URLs by reason.
	SkippedByReason map[string]int `json:"skipped_by_reason"`
	// Unreachable maps each host whose robots.txt could not be read (no
	// response, 5xx) to the cause; its URLs stay queued for the next run.
	Unreachable map[string]string `json:"unreachable,omitempty"`
	Retries     int               `json:"retries"`  // transient failures retried
	Revisits    int               `json:"revisits"` // 304 Not Modified
	Queued      int64             `json:"queued"`   // URLs left in the frontier
	Duration    time.Duration     `json:"duration"`
	Interrupted bool              `json:"interrupted"` // stopped by the context before the frontier was empty
}

// Progress is a snapshot of a running crawl, for a status line.
type Progress struct {
	Elapsed      time.Duration
	PagesPerSec  float64 // fetches per second over the last interval
	Fetched      int
	Articles     int
	Errors       int
	Queued       int64 // URLs waiting in the frontier
	InFlight     int
	HostsWaiting int // hosts with work that wait on politeness
	MaxPages     int // --max-pages, 0 when unlimited
}

// NewCrawler returns a crawler storing into db.
func NewCrawler(db Store, opts ...Option) (*Crawler, error) {
	if db == nil {
		return nil, errors.New("new crawler: nil store")
	}
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("new crawler: %w", err)
		}
	}
	log := cfg.logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Crawler{db: db, cfg: cfg, log: log}, nil
}

// job is one request the dispatcher starts.
type job struct {
	entry  corpus.FrontierEntry
	host   string
	robots bool // fetch host's robots.txt
}

// Run crawls from seeds until the frontier is empty, --max-pages is
// reached or ctx is cancelled. The frontier is in the corpus: Run resumes
// what an earlier run left queued or in flight, and URLs already captured
// are not fetched again unless recrawling. When ctx is cancelled, Run
// stops starting requests, lets those in flight finish and saves them,
// and returns the summary with ctx's error.
func (c *Crawler) Run(ctx context.Context, seeds []string) (Summary, error) {
	started := time.Now()
	c.stop = ctx
	c.sched = newScheduler(c.cfg.perHost, c.cfg.delay)
	c.counts = counters{byKind: map[string]int{}, skippedBy: map[string]int{},
		unreachable: map[string]string{}, causes: map[string]string{}}
	c.seen = newSeenCache(1 << 17)
	c.probed = map[string]bool{}
	c.fatal.Store(nil)

	if n, err := c.db.ResetInFlight(ctx); err != nil {
		return Summary{}, fmt.Errorf("crawl: %w", err)
	} else if n > 0 {
		c.log.Info("resuming: requests that were in flight are queued again", "count", n)
	}
	norm, err := c.normalizeSeeds(seeds)
	if err != nil {
		return Summary{}, err
	}
	c.focused = c.cfg.depth == 0 && (len(norm) > 0 || c.cfg.seedList != nil)
	c.seedsToCheck = slices.Clone(norm[:min(len(norm), maxSeedsChecked)])
	if err := c.db.Update(ctx, func(tx *corpus.Tx) error {
		id, err := tx.BeginRun(ctx, c.settings(norm), started)
		if err != nil {
			return err
		}
		c.run = id
		if err := c.loadScope(ctx, tx, norm, started); err != nil {
			return err
		}
		if err := c.requeue(ctx, tx, started); err != nil {
			return err
		}
		if _, err := tx.Enqueue(ctx, c.seedEntries(norm), c.enqueueOptions(started)); err != nil {
			return err
		}
		return c.requeueSeedHubs(ctx, tx, norm, started)
	}); err != nil {
		return Summary{}, fmt.Errorf("crawl: %w", err)
	}
	listed, err := c.enqueueSeedList(ctx, started)
	if err != nil {
		return Summary{}, err
	}
	hosts, err := c.db.QueuedHostsRun(ctx, c.claimRun())
	if err != nil {
		return Summary{}, fmt.Errorf("crawl: %w", err)
	}
	touched := map[string]bool{}
	for _, h := range hosts {
		touched[h] = true
	}
	c.sched.touch(touched)
	c.log.Info("crawl started", "run", c.run, "seeds", len(norm)+listed, "hosts", len(hosts))

	interrupted, dispatchErr := c.dispatch(ctx, started)

	sum := c.summary(started)
	sum.Interrupted = interrupted
	if st, err := c.db.FrontierStats(context.WithoutCancel(ctx)); err == nil {
		sum.Queued = st.Queued + st.InFlight
	}
	if p := c.fatal.Load(); p != nil {
		return sum, *p
	}
	// Record the run's end even after Ctrl-C: the context is cancelled
	// then, and the run must not look killed.
	saveCtx := context.WithoutCancel(ctx)
	if err := c.db.Update(saveCtx, func(tx *corpus.Tx) error {
		return tx.EndRun(saveCtx, c.run, sum, time.Now())
	}); err != nil {
		return sum, fmt.Errorf("crawl: %w", err)
	}
	c.log.Info("crawl finished", "run", c.run, "fetched", sum.Fetched, "articles", sum.Articles,
		"errors", sum.Errors, "duration", sum.Duration.Round(time.Millisecond))
	if dispatchErr != nil {
		return sum, dispatchErr
	}
	if interrupted && ctx.Err() != nil {
		return sum, ctx.Err()
	}
	if !interrupted {
		if err := c.checkSeeds(saveCtx); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// claimRun is the run whose URLs the crawl claims: its own when focused,
// 0 (any) otherwise.
func (c *Crawler) claimRun() int64 {
	if c.focused {
		return c.run
	}
	return 0
}

// loadScope builds the crawl's scope from the one stored in the corpus,
// the seeds and --allow-host, and stores what is new, so that a crawl
// resumed without seeds follows the same hosts.
func (c *Crawler) loadScope(ctx context.Context, tx *corpus.Tx, seeds []string, now time.Time) error {
	stored, ok, err := tx.Scope(ctx)
	if err != nil {
		return err
	}
	c.scope = newScope(nil, nil)
	var legacy []string
	for _, h := range stored {
		if ok {
			c.scope.addKey(h)
		} else if k := scopeKey(h); k != "" {
			// A corpus crawled before the scope was stored: its seeds'
			// hosts are its scope.
			c.scope.addKey(k)
			legacy = append(legacy, k)
		}
	}
	if err := tx.AddScope(ctx, legacy, corpus.ScopeSeed, now); err != nil {
		return err
	}
	var keys []string
	for _, u := range seeds {
		keys = append(keys, c.scope.add(u))
	}
	if err := tx.AddScope(ctx, keys, corpus.ScopeSeed, now); err != nil {
		return err
	}
	keys = keys[:0]
	for _, h := range c.cfg.allowHosts {
		keys = append(keys, c.scope.addKey(allowKey(h)))
	}
	return tx.AddScope(ctx, keys, corpus.ScopeAllowHost, now)
}

// requeueSeedHubs queues again, in a focused crawl, the seeds that are
// hubs (a sitemap, a feed, a front page) fetched by an earlier run.
func (c *Crawler) requeueSeedHubs(ctx context.Context, tx *corpus.Tx, seeds []string, now time.Time) error {
	if !c.focused {
		return nil
	}
	_, err := tx.RequeueHubURLs(ctx, c.run, seeds, now)
	return err
}

// requeue queues again, when the crawl is not focused, the URLs whose
// failure may pass (an unreachable host) and the hubs of the hosts whose
// crawl finished, so that a crawl run again finds what is new.
func (c *Crawler) requeue(ctx context.Context, tx *corpus.Tx, now time.Time) error {
	if c.focused {
		return nil
	}
	if c.cfg.watch != nil {
		// A watch queues each hub when it is due.
		return c.requeueUnreachable(ctx, tx, now)
	}
	// Hubs first: RequeueHubs looks at hosts with nothing queued.
	n, err := tx.RequeueHubs(ctx, c.run, c.cfg.depth, now)
	if err != nil {
		return err
	}
	if n > 0 {
		c.log.Info("checking hubs again (seeds, section pages, sitemaps, feeds)", "count", n)
	}
	return c.requeueUnreachable(ctx, tx, now)
}

// requeueUnreachable queues again the URLs whose failure may pass.
func (c *Crawler) requeueUnreachable(ctx context.Context, tx *corpus.Tx, now time.Time) error {
	n, err := tx.RequeueUnreachable(ctx, now)
	if err != nil {
		return err
	}
	if n > 0 {
		c.log.Info("URLs that failed for a cause that may pass are queued again", "count", n)
	}
	return nil
}

func (c *Crawler) settings(seeds []string) map[string]any {
	s := map[string]any{
		"seeds": seeds, "depth": c.cfg.depth, "max_pages": c.cfg.maxPages, "parallel": c.cfg.parallel,
		"per_host": c.cfg.perHost, "delay": c.cfg.delay.String(), "timeout": c.cfg.timeout.String(),
		"user_agent": c.cfg.userAgent, "ignore_robots": c.cfg.ignoreRobots, "retries": c.cfg.retries,
		"recrawl": c.cfg.recrawl, "max_body": c.cfg.maxBody, "max_pages_per_host": c.cfg.maxPerHost,
		"keep_all": c.cfg.keepAll, "allow_hosts": c.cfg.allowHosts,
	}
	if l := c.cfg.seedList; l != nil {
		// The list itself may be long: record where it came from.
		s["seed_file"] = map[string]any{"name": l.Name, "lines": l.Lines, "sha256": l.SHA256}
	}
	if c.cfg.recrawlAfter > 0 {
		s["recrawl_after"] = c.cfg.recrawlAfter.String()
	}
	if !c.cfg.since.IsZero() {
		s["since"] = c.cfg.since.Format(time.RFC3339)
	}
	var inc, exc []string
	for _, re := range c.cfg.include {
		inc = append(inc, re.String())
	}
	for _, re := range c.cfg.exclude {
		exc = append(exc, re.String())
	}
	s["include"], s["exclude"] = inc, exc
	return s
}

func (c *Crawler) enqueueOptions(now time.Time) corpus.EnqueueOptions {
	o := corpus.EnqueueOptions{Run: c.run, Now: now, Revisit: c.cfg.recrawl, Adopt: c.focused}
	if c.cfg.recrawlAfter > 0 {
		o.RevisitBefore = now.Add(-c.cfg.recrawlAfter)
	}
	return o
}

func (c *Crawler) normalizeSeeds(seeds []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, s := range seeds {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		n, err := urlnorm.Normalize(s)
		if err != nil {
			return nil, fmt.Errorf("crawl: seed: %w", err)
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// seedEntries queues the seeds and, when the crawl discovers sitemaps,
// /sitemap.xml of each seed host as a probe (robots.txt Sitemap lines are
// queued when robots.txt is read).
func (c *Crawler) seedEntries(seeds []string) []corpus.FrontierEntry {
	var out []corpus.FrontierEntry
	probed := c.probed
	for _, s := range seeds {
		out = append(out, corpus.FrontierEntry{URL: s, Host: origin(s), Source: "seed"})
	}
	if !c.cfg.discoverSitemaps() {
		return out
	}
	for _, s := range seeds {
		h := origin(s)
		if probed[h] {
			continue
		}
		probed[h] = true
		if c.excluded(h + "/sitemap.xml") {
			continue
		}
		out = append(out, corpus.FrontierEntry{URL: h + "/sitemap.xml", Host: h, Source: "seed", Kind: kindProbe})
	}
	return out
}

// dispatch is the scheduler loop: it claims URLs per host from the
// frontier and starts requests within the politeness limits, until the
// work is done or the crawl stops. It returns whether the crawl stopped
// early.
func (c *Crawler) dispatch(ctx context.Context, started time.Time) (interrupted bool, err error) {
	s := c.sched
	workCtx := context.WithoutCancel(ctx)
	rt := newTransport(&c.cfg)
	defer rt.CloseIdleConnections()
	jar := newJar()
	pool := make(chan *fetcher, c.cfg.parallel)
	for range c.cfg.parallel {
		pool <- newFetcher(c, rt, jar)
	}
	c.saver = newSaver(c.db)
	go c.saver.run(workCtx)
	defer func() {
		c.saver.close()
		c.saver = nil
	}()
	var wg sync.WaitGroup
	defer wg.Wait()
	var running atomic.Int64 // workers started and not yet returned

	dispatched := 0
	tick := time.NewTicker(c.cfg.progressEvery)
	defer tick.Stop()
	var (
		lastFetched int
		lastTick    = started
		queued      int64
		queuedAt    time.Time
	)
	progress := func(final bool) {
		if c.cfg.progress == nil {
			return
		}
		now := time.Now()
		if final || now.Sub(queuedAt) >= 5*time.Second {
			if st, err := c.db.FrontierStats(workCtx); err == nil {
				queued, queuedAt = st.Queued+st.InFlight, now
			}
		}
		c.counts.mu.Lock()
		p := Progress{Elapsed: now.Sub(started), Fetched: c.counts.fetched, Articles: c.counts.articles,
			Errors: c.counts.errors, Queued: queued, MaxPages: c.cfg.maxPages}
		c.counts.mu.Unlock()
		if dt := now.Sub(lastTick).Seconds(); dt > 0 {
			p.PagesPerSec = float64(p.Fetched-lastFetched) / dt
		}
		lastFetched, lastTick = p.Fetched, now
		s.mu.Lock()
		p.InFlight = s.inFlight
		s.mu.Unlock()
		p.HostsWaiting = s.waiting()
		c.cfg.progress(p)
	}
	defer progress(true)

	stopping := false
	recheck := 0 // times in a row the frontier contradicted "done"
	for {
		if ctx.Err() != nil && !stopping {
			stopping, interrupted = true, true
		}
		if c.fatal.Load() != nil {
			stopping = true
		}
		if c.cfg.maxPages > 0 && dispatched >= c.cfg.maxPages && !stopping {
			stopping = true
		}
		if stopping {
			c.releaseClaimed(workCtx)
			// Count the workers themselves, not the scheduler's slots: a
			// slot that was taken but whose worker never ran must not keep
			// a stopping crawl waiting forever.
			if running.Load() == 0 {
				if c.cfg.maxPages > 0 && dispatched >= c.cfg.maxPages {
					interrupted = true
				}
				return interrupted, nil
			}
			select {
			case <-s.wake:
			case <-tick.C:
				progress(false)
			}
			continue
		}
		jobs, skips, budget, wait, done := c.plan(workCtx, c.cfg.maxPages-dispatched)
		if len(skips) > 0 || len(budget) > 0 {
			if err := c.saveSkips(workCtx, skips, budget); err != nil {
				c.setFatal(err)
				// The jobs hold scheduler slots and claimed URLs: give
				// both back, since the crawl stops without starting them.
				c.unstart(jobs)
				continue
			}
		}
		for _, j := range jobs {
			if !j.robots {
				dispatched++
			}
			f := <-pool
			wg.Add(1)
			running.Add(1)
			go func(j job, f *fetcher) {
				defer c.reqs.begin()()
				defer wg.Done()
				defer s.signal() // after the count below drops
				defer running.Add(-1)
				defer func() { pool <- f }()
				defer s.release(j.host)
				if j.robots {
					c.fetchRobotsSafely(workCtx, f, j.host)
					return
				}
				if err := c.processSafely(workCtx, f, j); err != nil {
					c.setFatal(err)
				}
			}(j, f)
		}
		if len(jobs) > 0 || len(skips) > 0 || len(budget) > 0 {
			continue
		}
		if done {
			// The scheduler's view says nothing is left; the frontier has
			// the last word. URLs it still holds (a retry queued while
			// the scheduler decided) wake their hosts once more.
			hosts, err := c.db.QueuedHostsRun(workCtx, c.claimRun())
			if err != nil {
				return false, err
			}
			// Hosts set aside (robots.txt unavailable) keep their URLs
			// queued for the next run.
			hosts = slices.DeleteFunc(hosts, s.parked)
			if len(hosts) == 0 || recheck >= 3 {
				return false, nil
			}
			recheck++
			c.log.Warn("scheduler found nothing to do while the frontier holds queued URLs; waking their hosts",
				"hosts", hosts, "time", recheck)
			touched := make(map[string]bool, len(hosts))
			for _, h := range hosts {
				touched[h] = true
			}
			s.touch(touched)
			continue
		}
		recheck = 0
		var (
			timer <-chan time.Time
			t     *time.Timer
		)
		if wait > 0 {
			t = time.NewTimer(wait)
			timer = t.C
		}
		select {
		case <-ctx.Done():
		case <-s.wake:
		case <-timer:
		case <-tick.C:
			progress(false)
		}
		if t != nil {
			t.Stop()
		}
	}
}

// setFatal stops the crawl with err. Only the first error is kept and
// logged: when the disk is full every worker's save fails the same way.
func (c *Crawler) setFatal(err error) {
	if c.fatal.CompareAndSwap(nil, &err) {
		c.log.Error("crawl stopped", "err", err)
	}
	c.sched.signal()
}

// plan picks the requests to start now, fetching claims from the frontier
// for hosts that may start a request. It returns the jobs, the claimed
// entries robots.txt disallows, the hosts whose budget is spent, how long
// to wait when there is nothing to do now, and whether the crawl is done.
func (c *Crawler) plan(ctx context.Context, pagesLeft int) (jobs []job, skips []corpus.FrontierEntry, budget []string, wait time.Duration, done bool) {
	s := c.sched
	if c.cfg.maxPages == 0 {
		pagesLeft = int(^uint(0) >> 1)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	ua := c.cfg.userAgent
	busy := s.inFlight > 0
	earliest := time.Time{}
	soon := func(t time.Time) {
		if t.After(now) && (earliest.IsZero() || t.Before(earliest)) {
			earliest = t
		}
	}
	n := len(s.order)
	for k := 0; k < n && s.inFlight < c.cfg.parallel; k++ {
		h := s.order[(s.rr+k)%n]
		if h.robotsState == robotsUnavailable {
			continue
		}
		if h.budgetOver {
			if len(h.queue) > 0 || h.mayHaveWork {
				budget = append(budget, h.name)
				skips = append(skips, h.queue...)
				h.queue, h.mayHaveWork = nil, false
			}
			continue
		}
		if len(h.queue) == 0 && !h.mayHaveWork && h.wakeAt.IsZero() {
			continue
		}
		if h.inFlight > 0 {
			busy = true
		}
		if h.inFlight >= s.perHost {
			continue
		}
		if at := h.readyAt(); now.Before(at) {
			soon(at)
			continue
		}
		if !c.cfg.ignoreRobots && h.robotsState != robotsReady {
			if h.robotsState == robotsUnknown {
				h.robotsState = robotsFetching
				s.start(h, now)
				jobs = append(jobs, job{host: h.name, robots: true})
				busy = true
			}
			continue
		}
		if c.cfg.maxPerHost > 0 && !h.spentLoaded {
			s.mu.Unlock()
			spent, err := c.db.HostSettled(ctx, h.name)
			s.mu.Lock()
			if err != nil {
				c.log.Warn("host budget", "host", h.name, "err", err)
			}
			h.spent, h.spentLoaded = spent, true
		}
		if c.cfg.maxPerHost > 0 && h.spent >= c.cfg.maxPerHost {
			if h.inFlight == 0 {
				h.budgetOver = true
				budget = append(budget, h.name)
				skips = append(skips, h.queue...)
				h.queue, h.mayHaveWork = nil, false
			}
			continue
		}
		if len(h.queue) == 0 {
			if !h.wakeAt.IsZero() && now.Before(h.wakeAt) {
				soon(h.wakeAt)
				continue
			}
			// Claim outside the lock: a write transaction may wait on a
			// worker's save.
			gen := h.touched
			s.mu.Unlock()
			claimed, due, hasDue, err := c.claim(ctx, h.name, now)
			s.mu.Lock()
			if err != nil {
				c.log.Error("claim", "host", h.name, "err", err)
				c.fatal.CompareAndSwap(nil, &err)
				return
			}
			h.queue = append(h.queue, claimed...)
			if len(claimed) == 0 {
				if h.touched != gen {
					// URLs were queued while we claimed: look again.
					soon(now.Add(time.Millisecond))
					continue
				}
				h.mayHaveWork = false
				h.wakeAt = time.Time{}
				if hasDue {
					h.wakeAt = due
					soon(due)
				}
				continue
			}
			// The frontier may hold more for the host, due later than
			// what was claimed: look again once the claims are used up.
			h.mayHaveWork = true
			h.wakeAt = time.Time{}
		}
		for len(h.queue) > 0 && pagesLeft > 0 {
			e := h.queue[0]
			h.queue = h.queue[1:]
			if !c.cfg.ignoreRobots && !h.robots.Allowed(ua, e.URL) {
				e.Reason = corpus.ErrKindRobots
				skips = append(skips, e)
				continue
			}
			s.start(h, now)
			if e.Attempts == 0 {
				h.spent++
			}
			pagesLeft--
			jobs = append(jobs, job{entry: e, host: h.name})
			busy = true
			break
		}
		if len(h.queue) > 0 || h.mayHaveWork {
			soon(h.readyAt())
		}
	}
	if n > 0 {
		s.rr = (s.rr + 1) % n
	}
	if len(jobs) == 0 && len(skips) == 0 && len(budget) == 0 && !busy && earliest.IsZero() {
		pending := false
		for _, h := range s.order {
			if h.robotsState == robotsUnavailable {
				continue
			}
			if len(h.queue) > 0 || h.mayHaveWork || !h.wakeAt.IsZero() || h.robotsState == robotsFetching {
				pending = true
				break
			}
		}
		if !pending {
			return nil, nil, nil, 0, true
		}
	}
	if !earliest.IsZero() {
		wait = earliest.Sub(now)
	}
	return jobs, skips, budget, wait, false
}

// claim takes a small batch of due URLs of host from the frontier. When
// there are none, it reports when the next one becomes due.
func (c *Crawler) claim(ctx context.Context, host string, now time.Time) (claimed []corpus.FrontierEntry, due time.Time, hasDue bool, err error) {
	batch := min(max(c.cfg.perHost*2, 2), 16)
	err = c.db.Update(ctx, func(tx *corpus.Tx) error {
		var err error
		claimed, err = tx.ClaimRun(ctx, host, c.claimRun(), batch, now)
		if err != nil || len(claimed) > 0 {
			return err
		}
		due, hasDue, err = tx.NextDueRun(ctx, host, c.claimRun())
		return err
	})
	return claimed, due, hasDue, err
}

// unstart undoes plan's start of jobs that will not run: their slots are
// released and their URLs go back to their hosts' claimed queues, which
// releaseClaimed returns to the frontier.
func (c *Crawler) unstart(jobs []job) {
	s := c.sched
	s.mu.Lock()
	for _, j := range jobs {
		h := s.get(j.host)
		h.inFlight--
		s.inFlight--
		if j.robots {
			h.robotsState = robotsUnknown
		} else {
			h.queue = append([]corpus.FrontierEntry{j.entry}, h.queue...)
		}
	}
	s.mu.Unlock()
}

// releaseClaimed puts back in the queue what was claimed but not started.
func (c *Crawler) releaseClaimed(ctx context.Context) {
	s := c.sched
	s.mu.Lock()
	var ids []int64
	for _, h := range s.order {
		for _, e := range h.queue {
			ids = append(ids, e.ID)
		}
		h.queue = nil
		h.mayHaveWork = false
		h.wakeAt = time.Time{}
	}
	s.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	if err := c.db.Update(ctx, func(tx *corpus.Tx) error { return tx.Release(ctx, ids) }); err != nil {
		c.log.Warn("release claimed URLs", "err", err)
	}
}

// saveSkips settles claimed URLs that are not fetched (robots.txt, page
// budget) and marks the rest of the spent hosts' queues skipped.
func (c *Crawler) saveSkips(ctx context.Context, skips []corpus.FrontierEntry, budget []string) error {
	now := time.Now()
	err := c.db.Update(ctx, func(tx *corpus.Tx) error {
		for _, e := range skips {
			reason := e.Reason
			if reason != corpus.ErrKindRobots {
				reason = reasonBudget
			}
			if err := tx.Finish(ctx, e.ID, corpus.StateSkipped, 0, reason, now); err != nil {
				return err
			}
		}
		for _, h := range budget {
			n, err := tx.SkipQueued(ctx, h, reasonBudget, now)
			if err != nil {
				return err
			}
			c.count(func(k *counters) { k.skipped += int(n); k.skippedBy[reasonBudget] += int(n) })
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	c.count(func(k *counters) {
		k.skipped += len(skips)
		for _, e := range skips {
			if e.Reason == corpus.ErrKindRobots {
				k.skippedBy[corpus.ErrKindRobots]++
			} else {
				k.skippedBy[reasonBudget]++
			}
		}
	})
	for _, e := range skips {
		c.log.Debug("skipped", "url", e.URL, "reason", e.Reason)
	}
	return nil
}

const reasonBudget = "host_budget"

func (c *Crawler) count(fn func(*counters)) {
	c.counts.mu.Lock()
	fn(&c.counts)
	c.counts.mu.Unlock()
}

func (c *Crawler) summary(started time.Time) Summary {
	c.counts.mu.Lock()
	defer c.counts.mu.Unlock()
	sum := Summary{Run: c.run, Fetched: c.counts.fetched, Articles: c.counts.articles, Errors: c.counts.errors,
		ErrorsByKind: maps.Clone(c.counts.byKind), Skipped: c.counts.skipped, Retries: c.counts.retries,
		Revisits: c.counts.revisits, SkippedByReason: maps.Clone(c.counts.skippedBy), Duration: time.Since(started)}
	if len(c.counts.unreachable) > 0 {
		sum.Unreachable = maps.Clone(c.counts.unreachable)
	}
	return sum
}

// backoff returns the wait before retry number attempt (1 for the first
// retry): the base doubled each time, with up to 50% jitter.
func (c *Crawler) backoff(attempt int) time.Duration {
	d := c.cfg.backoff << min(attempt-1, 10)
	if d <= 0 {
		return 0
	}
	return d/2 + rand.N(d/2+1)
}

// known reports whether the frontier has u, in any state: a redirect to
// it is not followed, so that it is fetched once, on its own.
func (c *Crawler) known(ctx context.Context, u string) bool {
	_, err := c.db.FrontierEntry(ctx, u)
	return err == nil
}

// scope is the set of hosts whose links the crawl follows: the seeds'
// hosts, the hosts a seed redirects to and --allow-host, each with or
// without a leading "www.".
type scope struct {
	mu    sync.RWMutex
	hosts map[string]bool
}

func newScope(seeds, allowHosts []string) *scope {
	s := &scope{hosts: map[string]bool{}}
	for _, u := range seeds {
		s.add(u)
	}
	for _, h := range allowHosts {
		s.addKey(allowKey(h))
	}
	return s
}

// allowKey is the scope key of an --allow-host value: a host name or a URL.
func allowKey(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if h == "" {
		return ""
	}
	if !strings.Contains(h, "://") {
		h = "http://" + h + "/"
	}
	return scopeKey(h)
}

// scopeKey is the host of u without a leading "www.".
func scopeKey(u string) string {
	return strings.TrimPrefix(urlnorm.Host(u), "www.")
}

// add puts u's host in scope and returns its key ("" for none).
func (s *scope) add(u string) string {
	return s.addKey(scopeKey(u))
}

// addKey puts the host key k in scope and returns it.
func (s *scope) addKey(k string) string {
	if k != "" {
		s.mu.Lock()
		s.hosts[k] = true
		s.mu.Unlock()
	}
	return k
}

func (s *scope) contains(u string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.hosts[scopeKey(u)]
}

// seenCache remembers, with a bounded memory, the URLs this run already
// queued and at which depth, to spare the frontier repeated inserts of the
// links every page carries (navigation, footers).
type seenCache struct {
	mu    sync.Mutex
	max   int
	cur   map[string]int
	older map[string]int
}

func newSeenCache(max int) *seenCache {
	return &seenCache{max: max, cur: map[string]int{}, older: map[string]int{}}
}

// fresh reports whether u must be offered to the frontier at depth: it was
// not offered yet at this depth or less.
func (s *seenCache) fresh(u string, depth int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.cur[u]; ok && d <= depth {
		return false
	}
	if d, ok := s.older[u]; ok && d <= depth {
		s.cur[u] = d
		return false
	}
	return true
}

// add records that u was offered at depth.
func (s *seenCache) add(u string, depth int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.cur) >= s.max {
		s.older, s.cur = s.cur, make(map[string]int, s.max/4)
	}
	if d, ok := s.cur[u]; !ok || depth < d {
		s.cur[u] = depth
	}
}

// origin returns "scheme://host[:port]" of a normalized URL: the unit of
// politeness and of robots.txt.
func origin(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	if j := strings.IndexAny(u[i+3:], "/?#"); j >= 0 {
		return u[:i+3+j]
	}
	return u
}

// conditionalHeaders returns If-None-Match / If-Modified-Since for a
// recrawl of e, or for a hub checked again, and the capture they refer to.
func (c *Crawler) conditionalHeaders(ctx context.Context, e corpus.FrontierEntry) (http.Header, int64) {
	if !c.cfg.recrawl && !isHub(e.Kind) && (c.cfg.watch == nil || e.CaptureID == 0) {
		return nil, 0
	}
	u := e.URL
	prev, err := c.db.LatestCapture(ctx, u)
	if err != nil {
		return nil, 0
	}
	h := http.Header{}
	if et := prev.Header.Get("ETag"); et != "" {
		h.Set("If-None-Match", et)
	}
	if lm := prev.Header.Get("Last-Modified"); lm != "" {
		h.Set("If-Modified-Since", lm)
	}
	if len(h) == 0 {
		return nil, 0
	}
	id := prev.ID
	if prev.RevisitOf != 0 {
		id = prev.RevisitOf
	}
	return h, id
}

// isHub reports whether a frontier kind is one of the hubs checked again
// when a finished crawl runs again (see corpus.Tx.RequeueHubs).
func isHub(kind string) bool {
	return kind == corpus.KindHub || kind == kindSitemap || kind == kindFeed || kind == kindProbe
}

// maxSitemapBody is how much of a sitemap is read: the 50 MB the sitemap
// protocol allows, uncompressed (the parser's own limit).
const maxSitemapBody = discover.MaxDecompressed

// bodyLimit is the largest body read for e: --max-body, or, for what
// may be a sitemap, the sitemap limit when it is larger.
func (c *Crawler) bodyLimit(e corpus.FrontierEntry) int64 {
	if e.Kind == kindSitemap || e.Kind == kindProbe || strings.Contains(e.URL, "sitemap") ||
		strings.Contains(e.URL, "Sitemap") || strings.Contains(e.URL, "SITEMAP") {
		return max(c.cfg.maxBody, maxSitemapBody)
	}
	return c.cfg.maxBody
}
