package scraper

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// The dispatcher: our own scheduler in place of colly's. It claims URLs
// per host from the frontier and starts each request on a worker when the
// host's politeness allows (see plan), until the work is done or the
// crawl stops.

// dispatcher is the state of one dispatch loop.
type dispatcher struct {
	c          *Crawler
	ctx        context.Context // the crawl's: cancelled on Ctrl-C
	work       context.Context // the workers': never cancelled, so that what is fetched is saved
	pool       chan *fetcher
	wg         sync.WaitGroup
	running    atomic.Int64 // workers started and not yet returned
	pagesGoing atomic.Int64 // page jobs running: with the pages stored, counted against --max-pages
	stopping   bool
	recheck    int // times in a row the frontier contradicted "done"
}

// dispatch runs the dispatcher until the work is done or the crawl stops.
// It returns whether the crawl stopped early.
func (c *Crawler) dispatch(ctx context.Context, started time.Time) (interrupted bool, err error) {
	d := &dispatcher{c: c, ctx: ctx, work: context.WithoutCancel(ctx)}
	c.sched.onPause = c.recordPause
	rt := newTransport(&c.cfg)
	defer rt.CloseIdleConnections()
	d.startWorkers(rt)
	defer c.stopSaver()
	defer d.wg.Wait()
	tick := time.NewTicker(c.cfg.progressEvery)
	defer tick.Stop()
	for {
		interrupted = d.checkStop() || interrupted
		if d.stopping {
			if d.drained() {
				return interrupted || d.pageLimitReached(), nil
			}
			d.waitFor(nil, tick)
			continue
		}
		c.takeOffers()
		c.followScope(d.work)
		jobs, skips, budget, wait, done := c.plan(d.work, c.cfg.maxPages-d.pagesUsed())
		if !d.settleSkips(jobs, skips, budget) {
			continue
		}
		d.start(jobs)
		if len(jobs) > 0 || len(skips) > 0 || len(budget) > 0 {
			continue
		}
		if done {
			finished, err := d.confirmDone()
			if err != nil || finished {
				return false, err
			}
			continue
		}
		d.recheck = 0
		d.sleep(wait, tick)
	}
}

// startWorkers fills the pool of fetchers and starts the saver.
func (d *dispatcher) startWorkers(rt http.RoundTripper) {
	c := d.c
	jar := newJar()
	d.pool = make(chan *fetcher, c.cfg.parallel)
	for range c.cfg.parallel {
		d.pool <- newFetcher(c, rt, jar)
	}
	c.saver = newSaver(c.store)
	go c.saver.run(d.work)
}

// stopSaver closes the saver once every worker's save is answered.
func (c *Crawler) stopSaver() {
	c.saver.close()
	c.saver = nil
}

// checkStop notes why the crawl stops, if it does: Ctrl-C (which it
// reports as an interruption), a fatal error or --max-pages.
func (d *dispatcher) checkStop() (interrupted bool) {
	c := d.c
	if d.ctx.Err() != nil && !d.stopping {
		d.stopping, interrupted = true, true
	}
	if c.fatal.Load() != nil {
		d.stopping = true
	}
	if d.pageLimitReached() && !d.stopping {
		d.stopping = true
	}
	return interrupted
}

// pageLimitReached reports whether --max-pages pages were stored.
// --max-pages counts what the summary counts: fetches stored as captures.
// A job that stores none (a retry queued, a /sitemap.xml probe that found
// nothing, a request never sent) leaves its place to another.
func (d *dispatcher) pageLimitReached() bool {
	if d.c.cfg.maxPages == 0 {
		return false
	}
	d.c.counts.mu.Lock()
	defer d.c.counts.mu.Unlock()
	return d.c.counts.fetched >= d.c.cfg.maxPages
}

// pagesUsed returns the pages stored and the page jobs running: no more
// page may start once they reach --max-pages.
func (d *dispatcher) pagesUsed() int {
	d.c.counts.mu.Lock()
	defer d.c.counts.mu.Unlock()
	return d.c.counts.fetched + int(d.pagesGoing.Load())
}

// drained gives back what was claimed but not started and reports
// whether every worker returned. It counts the workers themselves, not
// the scheduler's slots: a slot that was taken but whose worker never ran
// must not keep a stopping crawl waiting forever.
func (d *dispatcher) drained() bool {
	d.c.releaseClaimed(d.work)
	return d.running.Load() == 0
}

// settleSkips saves the claimed URLs plan skipped. It reports false when
// the save failed: the crawl stops, and the jobs, which hold scheduler
// slots and claimed URLs, give both back without starting.
func (d *dispatcher) settleSkips(jobs []job, skips []corpus.FrontierEntry, budget []string) bool {
	c := d.c
	if len(skips) == 0 && len(budget) == 0 {
		return true
	}
	if err := c.saveSkips(d.work, skips, budget); err != nil {
		c.setFatal(err)
		c.unstart(jobs)
		return false
	}
	return true
}

// start runs each job on a worker from the pool.
func (d *dispatcher) start(jobs []job) {
	for _, j := range jobs {
		if !j.robots {
			d.pagesGoing.Add(1)
		}
		f := <-d.pool
		d.wg.Add(1)
		d.running.Add(1)
		go d.runJob(j, f)
	}
}

// runJob fetches robots.txt or a page, then gives back the worker and the
// host's slot and wakes the dispatcher.
func (d *dispatcher) runJob(j job, f *fetcher) {
	c, s := d.c, d.c.sched
	defer c.reqs.begin()()
	defer d.wg.Done()
	defer s.signal() // after the count below drops
	defer d.running.Add(-1)
	defer func() { d.pool <- f }()
	defer s.release(j.host)
	if j.robots {
		c.fetchRobotsSafely(d.work, f, j.host)
		return
	}
	defer d.pagesGoing.Add(-1)
	if err := c.processSafely(d.work, f, j); err != nil {
		c.setFatal(err)
	}
}

// confirmDone asks the frontier whether the work is done, when the
// scheduler's view says nothing is left: the frontier has the last word.
// URLs it still holds (a retry queued while the scheduler decided) wake
// their hosts once more, up to three times in a row.
func (d *dispatcher) confirmDone() (finished bool, err error) {
	c, s := d.c, d.c.sched
	hosts, err := c.frontier.QueuedHosts(d.work, c.claimRun())
	if err != nil {
		return false, err
	}
	// Hosts set aside (robots.txt unavailable) keep their URLs queued for
	// the next run.
	hosts = slices.DeleteFunc(hosts, s.parked)
	if len(hosts) == 0 || d.recheck >= 3 {
		return true, nil
	}
	d.recheck++
	c.log.Warn("scheduler found nothing to do while the frontier holds queued URLs; waking their hosts",
		"hosts", hosts, "time", d.recheck)
	touched := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		touched[h] = true
	}
	s.touch(touched)
	return false, nil
}

// sleep waits until a URL is due (after wait, when not 0), the
// scheduler is woken, the crawl is stopped or the progress ticks.
func (d *dispatcher) sleep(wait time.Duration, tick *time.Ticker) {
	var t *time.Timer
	if wait > 0 {
		t = time.NewTimer(wait)
		defer t.Stop()
	}
	d.waitFor(t, tick)
}

// waitFor waits for the scheduler's wake-up, the timer t (if any), the
// crawl's end (unless stopping already) or a progress tick.
func (d *dispatcher) waitFor(t *time.Timer, tick *time.Ticker) {
	var timer <-chan time.Time
	if t != nil {
		timer = t.C
	}
	done := d.ctx.Done()
	if d.stopping {
		done = nil
	}
	select {
	case <-done:
	case <-d.c.sched.wake:
	case <-timer:
	case <-tick.C:
		d.c.meter.report(d.work)
	}
}

// progressMeter reports the crawl's progress to --progress.
type progressMeter struct {
	c           *Crawler
	started     time.Time
	lastFetched int
	lastTick    time.Time
	queuedAt    time.Time
	// The frontier is counted in the background, one count at a time: on
	// a shared frontier of millions of rows a count takes seconds, which
	// the dispatcher must not wait for.
	queued   atomic.Int64
	cost     atomic.Int64 // the last count's duration (ns)
	counting sync.WaitGroup
	busy     atomic.Bool
}

// minCountEvery is how often the progress counts the frontier at most;
// a count is also never started sooner than countSpacing times the last
// one's duration after it (maxCountEvery at most), so that the counts of
// a large shared frontier take at most a twentieth of one database
// connection.
const (
	minCountEvery = 5 * time.Second
	maxCountEvery = 5 * time.Minute
	countSpacing  = 20
)

// recount counts the frontier in the background, but the first time
// (the first report shows the queue, not 0).
func (m *progressMeter) recount(ctx context.Context, now time.Time) {
	count := func() {
		t0 := time.Now()
		if st, err := m.c.frontier.Stats(ctx); err == nil {
			m.queued.Store(st.Queued + st.InFlight)
		}
		m.cost.Store(int64(time.Since(t0)))
	}
	if m.queuedAt.IsZero() {
		m.queuedAt = now
		count()
		return
	}
	every := min(maxCountEvery, max(minCountEvery, countSpacing*time.Duration(m.cost.Load())))
	if now.Sub(m.queuedAt) < every || !m.busy.CompareAndSwap(false, true) {
		return
	}
	m.queuedAt = now
	m.counting.Add(1)
	go func() {
		defer m.counting.Done()
		defer m.busy.Store(false)
		count()
	}()
}

// report sends a snapshot. It counts the frontier every 5 seconds or
// more (see recount).
func (m *progressMeter) report(ctx context.Context) {
	if m.c == nil || m.c.cfg.progress == nil {
		return
	}
	m.recount(ctx, time.Now())
	m.send()
}

// finish sends the last snapshot, with queued when counted: the crawl's
// end counts the frontier once for the summary and the progress alike (a
// count of a shared frontier of millions of rows takes seconds). It
// waits for a count in the background first.
func (m *progressMeter) finish(queued int64, counted bool) {
	if m.c == nil || m.c.cfg.progress == nil {
		return
	}
	m.counting.Wait()
	if counted {
		m.queued.Store(queued)
	}
	m.send()
}

// send sends a snapshot with the last count of the frontier.
func (m *progressMeter) send() {
	c, s := m.c, m.c.sched
	now := time.Now()
	c.counts.mu.Lock()
	p := Progress{Elapsed: now.Sub(m.started), Fetched: c.counts.fetched, Articles: c.counts.articles,
		Errors: c.counts.errors, Queued: m.queued.Load(), MaxPages: c.cfg.maxPages}
	c.counts.mu.Unlock()
	if dt := now.Sub(m.lastTick).Seconds(); dt > 0 {
		p.PagesPerSec = float64(p.Fetched-m.lastFetched) / dt
	}
	m.lastFetched, m.lastTick = p.Fetched, now
	s.mu.Lock()
	p.InFlight = s.inFlight
	s.mu.Unlock()
	p.HostsWaiting = s.waiting()
	c.cfg.progress(p)
}
