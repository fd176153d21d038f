package scraper

import (
	"context"
	"fmt"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// Politeness stage, the dispatcher's side: plan goes round the hosts and
// picks the requests that may start now, within --parallel, --per-host,
// the host's delay, Retry-After pauses, robots.txt and the per-host page
// budget, claiming URLs from the frontier for hosts that have none
// claimed.

// round is what one plan finds: the jobs to start, the claimed URLs to
// settle as skipped, the hosts whose budget is spent, and the earliest
// time something becomes possible.
type round struct {
	now       time.Time
	pagesLeft int
	jobs      []job
	skips     []corpus.FrontierEntry
	budget    []string
	earliest  time.Time
	busy      bool // requests are in flight or starting
	// recheck is when the first host set aside reads robots.txt again:
	// the dispatcher wakes up for it, but it does not keep the crawl going.
	recheck time.Time
}

// soon notes that something becomes possible at t.
func (r *round) soon(t time.Time) {
	if t.After(r.now) && (r.earliest.IsZero() || t.Before(r.earliest)) {
		r.earliest = t
	}
}

// idle reports whether the round found nothing to do.
func (r *round) idle() bool {
	return len(r.jobs) == 0 && len(r.skips) == 0 && len(r.budget) == 0 && !r.busy && r.earliest.IsZero()
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
	r := &round{now: s.now(), pagesLeft: pagesLeft, busy: s.inFlight > 0}
	n := len(s.order)
	for k := 0; k < n && s.inFlight < c.cfg.parallel; k++ {
		if err := c.planHost(ctx, s.order[(s.rr+k)%n], r); err != nil {
			return r.jobs, r.skips, r.budget, 0, false
		}
	}
	if n > 0 {
		s.rr = (s.rr + 1) % n
	}
	if r.idle() && !s.pending() {
		return nil, nil, nil, 0, true
	}
	if !r.earliest.IsZero() {
		wait = r.earliest.Sub(r.now)
	}
	if !r.recheck.IsZero() && (wait <= 0 || r.recheck.Sub(r.now) < wait) {
		wait = r.recheck.Sub(r.now)
	}
	return r.jobs, r.skips, r.budget, wait, false
}

// planHost adds to the round what host h may do now. Call with the
// scheduler's mutex held; it is released while the frontier is asked. A
// non-nil error (a failed claim) stops the crawl.
func (c *Crawler) planHost(ctx context.Context, h *host, r *round) error {
	s := c.sched
	if h.robotsState == robotsUnavailable && !recheckRobots(h, r) {
		return nil
	}
	switch {
	case h.budgetOver:
		if len(h.queue) > 0 || h.mayHaveWork {
			c.dropHost(h, r)
		}
		return nil
	case len(h.queue) == 0 && !h.mayHaveWork && h.wakeAt.IsZero():
		return nil
	}
	if h.inFlight > 0 {
		r.busy = true
	}
	if h.inFlight >= s.perHost {
		return nil
	}
	if at := h.readyAt(); r.now.Before(at) {
		r.soon(at)
		return nil
	}
	if !c.cfg.ignoreRobots && h.robotsState != robotsReady {
		c.planRobots(h, r)
		return nil
	}
	if c.overBudget(ctx, h, r) {
		return nil
	}
	if len(h.queue) == 0 {
		if ok, err := c.refill(ctx, h, r); !ok || err != nil {
			return err
		}
	}
	c.takeNext(h, r)
	if len(h.queue) > 0 || h.mayHaveWork {
		r.soon(h.readyAt())
	}
	return nil
}

// recheckRobots reports whether host h, set aside because its robots.txt
// was unavailable, may read it again now; it then wakes up with its URLs.
// Call with the scheduler's mutex held.
func recheckRobots(h *host, r *round) bool {
	switch {
	case h.robotsRetryAt.IsZero():
		return false // set aside for the rest of the run
	case r.now.Before(h.robotsRetryAt):
		if r.recheck.IsZero() || h.robotsRetryAt.Before(r.recheck) {
			r.recheck = h.robotsRetryAt
		}
		return false
	}
	h.robotsState, h.robotsRetryAt = robotsUnknown, time.Time{}
	h.mayHaveWork = true
	return true
}

// dropHost gives up host h's claimed and queued URLs: its page budget is
// spent.
func (c *Crawler) dropHost(h *host, r *round) {
	r.budget = append(r.budget, h.name)
	r.skips = append(r.skips, h.queue...)
	h.queue, h.mayHaveWork = nil, false
}

// planRobots starts the fetch of host h's robots.txt, which comes before
// any of its pages.
func (c *Crawler) planRobots(h *host, r *round) {
	if h.robotsState == robotsUnknown {
		h.robotsState = robotsFetching
		c.sched.start(h, r.now)
		r.jobs = append(r.jobs, job{host: h.name, robots: true})
		r.busy = true
	}
}

// overBudget reports whether host h spent --max-pages-per-host; the first
// time, it asks the frontier how many pages the host already has. A host
// over budget is dropped once its requests in flight are done.
func (c *Crawler) overBudget(ctx context.Context, h *host, r *round) bool {
	s := c.sched
	if c.cfg.maxPerHost == 0 {
		return false
	}
	if !h.spentLoaded {
		s.mu.Unlock()
		spent, err := c.frontier.HostSettled(ctx, h.name)
		s.mu.Lock()
		if err != nil {
			c.log.Warn("host budget", "host", h.name, "err", err)
		}
		h.spent, h.spentLoaded = spent, true
	}
	if h.spent < c.cfg.maxPerHost {
		return false
	}
	if h.inFlight == 0 {
		h.budgetOver = true
		c.dropHost(h, r)
	}
	return true
}

// refill claims a batch of host h's due URLs. It reports false when there
// are none, noting when to look again; an error is fatal.
func (c *Crawler) refill(ctx context.Context, h *host, r *round) (bool, error) {
	s := c.sched
	if !h.wakeAt.IsZero() && r.now.Before(h.wakeAt) {
		r.soon(h.wakeAt)
		return false, nil
	}
	// Claim outside the lock: a write transaction may wait on a worker's
	// save.
	gen := h.touched
	s.mu.Unlock()
	claimed, due, hasDue, err := c.claim(ctx, h.name, r.now)
	s.mu.Lock()
	if err != nil {
		// setFatal logs it once: when the disk is full, a worker's save
		// may have stopped the crawl with the same cause already.
		err = fmt.Errorf("claim %s: %w", h.name, err)
		c.setFatal(err)
		return false, err
	}
	h.queue = append(h.queue, claimed...)
	if len(claimed) == 0 {
		if h.touched != gen {
			// URLs were queued while we claimed: look again.
			r.soon(r.now.Add(time.Millisecond))
			return false, nil
		}
		h.mayHaveWork = false
		h.wakeAt = time.Time{}
		if hasDue {
			h.wakeAt = due
			r.soon(due)
		}
		return false, nil
	}
	// The frontier may hold more for the host, due later than what was
	// claimed: look again once the claims are used up.
	h.mayHaveWork = true
	h.wakeAt = time.Time{}
	return true, nil
}

// takeNext starts host h's next claimed URL that robots.txt allows; those
// it disallows are skipped.
func (c *Crawler) takeNext(h *host, r *round) {
	for len(h.queue) > 0 && r.pagesLeft > 0 {
		e := h.queue[0]
		h.queue = h.queue[1:]
		if !c.cfg.ignoreRobots && !h.robots.Allowed(c.cfg.userAgent, e.URL) {
			e.Reason = corpus.ErrKindRobots
			r.skips = append(r.skips, e)
			continue
		}
		c.sched.start(h, r.now)
		if e.Attempts == 0 {
			h.spent++
		}
		r.pagesLeft--
		r.jobs = append(r.jobs, job{entry: e, host: h.name})
		r.busy = true
		return
	}
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
