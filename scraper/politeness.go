package scraper

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
)

// robots.txt states of a host.
const (
	robotsUnknown  = iota // not fetched yet
	robotsFetching        // the fetch is in flight
	robotsReady           // rules known (or ignored)
	// robotsUnavailable: robots.txt could not be read after the retries
	// (no response, 5xx, 429). RFC 9309 says "disallow for now": the
	// host's URLs stay queued, untouched, until robotsRetryAt, when
	// robots.txt is read again, or, when that is zero, for the next run.
	robotsUnavailable
)

// host is the politeness state of one host. The scheduler's mutex guards
// every field.
type host struct {
	name        string
	inFlight    int           // requests in flight, redirect hops included
	nextStart   time.Time     // no request may start before this
	pausedUntil time.Time     // Retry-After pause
	delay       time.Duration // max(--delay, Crawl-delay)
	robots      *discover.Robots
	robotsState int
	robotsTries int
	// robotsRetryAt is when a host set aside (robotsUnavailable) reads
	// robots.txt again; zero: not in this run.
	robotsRetryAt time.Time
	// robotsErr is the error kind counted while robots.txt is unavailable.
	robotsErr string

	lastSend time.Time // when the last request on the host was sent
	// unsent counts the requests gate let through whose bytes are not
	// on the wire yet (a dial, a slow goroutine): the next request waits
	// for them, so that the spacing holds between the writes themselves.
	unsent int
	sentCh chan struct{} // closed when a request counted in unsent is written

	queue       []corpus.FrontierEntry // claimed, not started yet
	mayHaveWork bool                   // the frontier may hold queued URLs due now
	touched     uint64                 // bumped whenever URLs are queued on the host
	wakeAt      time.Time              // when the earliest not-yet-due URL becomes due
	spent       int                    // pages counted against --max-pages-per-host
	spentLoaded bool
	budgetOver  bool
}

// readyAt returns when the host may start its next request, ignoring the
// in-flight limit.
func (h *host) readyAt() time.Time {
	if h.pausedUntil.After(h.nextStart) {
		return h.pausedUntil
	}
	return h.nextStart
}

// scheduler holds the per-host state shared by the dispatcher and the
// workers (which take a slot again for each redirect hop).
type scheduler struct {
	mu       sync.Mutex
	hosts    map[string]*host
	order    []*host // round-robin order of dispatch
	rr       int
	inFlight int // requests in flight in total
	perHost  int
	delay    time.Duration
	wake     chan struct{}
	// now is the clock (time.Now outside tests).
	now func() time.Time
	// onPause, when set, records a host's pause in the frontier, so that
	// every worker sharing it honours the pause.
	onPause func(name string, until time.Time)
}

func newScheduler(perHost int, delay time.Duration) *scheduler {
	return &scheduler{
		hosts:   make(map[string]*host),
		perHost: perHost,
		delay:   delay,
		wake:    make(chan struct{}, 1),
		now:     time.Now,
	}
}

// signal wakes the dispatcher up.
func (s *scheduler) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// get returns the state of host name, creating it. Call with mu held.
func (s *scheduler) get(name string) *host {
	h := s.hosts[name]
	if h == nil {
		h = &host{name: name, delay: s.delay}
		s.hosts[name] = h
		s.order = append(s.order, h)
	}
	return h
}

// touch records that URLs were queued on hosts: they may have work now.
func (s *scheduler) touch(hosts map[string]bool) {
	if len(hosts) == 0 {
		return
	}
	s.mu.Lock()
	for name := range hosts {
		h := s.get(name)
		if h.robotsState == robotsUnavailable {
			continue
		}
		h.mayHaveWork = true
		h.touched++
		h.wakeAt = time.Time{}
	}
	s.mu.Unlock()
	s.signal()
}

// start takes a slot on h for a request starting now. Call with mu held,
// after checking that h may start.
func (s *scheduler) start(h *host, now time.Time) {
	h.inFlight++
	s.inFlight++
	h.nextStart = now.Add(h.delay)
}

// release gives back the slot a request held on host name.
func (s *scheduler) release(name string) {
	s.mu.Lock()
	h := s.get(name)
	h.inFlight--
	s.inFlight--
	s.mu.Unlock()
	s.signal()
}

// gate waits until host name may send one more request and records the
// send. The dispatcher already spaces the requests it starts; gate holds
// the spacing at the moment of sending, whatever happened between (a slow
// goroutine start, a redirect hop), with a small margin for the time a
// request takes to reach the server. The request keeps the slot it
// holds, so the in-flight limit needs no wait here. Every request gate
// lets through must be reported to sent once written (or failed).
func (s *scheduler) gate(ctx context.Context, name string) error {
	for {
		s.mu.Lock()
		h := s.get(name)
		now := s.now()
		at := h.pausedUntil
		if !h.lastSend.IsZero() {
			if t := h.lastSend.Add(h.delay + margin(h.delay)); t.After(at) {
				at = t
			}
		}
		var wait <-chan struct{}
		if h.unsent > 0 {
			if h.sentCh == nil {
				h.sentCh = make(chan struct{})
			}
			wait = h.sentCh
		} else if !now.Before(at) {
			h.unsent++
			s.sending(h, now)
			s.mu.Unlock()
			return nil
		}
		s.mu.Unlock()
		if err := sleepOr(ctx, at.Sub(now), wait); err != nil {
			return err
		}
	}
}

// sending records that a request on h is sent at t. Call with mu held.
func (s *scheduler) sending(h *host, t time.Time) {
	if t.After(h.lastSend) {
		h.lastSend = t
	}
	if t := t.Add(h.delay); t.After(h.nextStart) {
		h.nextStart = t
	}
}

// sent reports that a request gate let through on host name was written
// at t (the time its last byte left), or failed before being written (t
// zero). The host's spacing then counts from the write: the time between
// gate and the wire (a new connection's dial, a goroutine a busy machine
// runs late) would otherwise come off the gap the server sees.
func (s *scheduler) sent(name string, t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.get(name)
	if h.unsent > 0 {
		h.unsent--
	}
	if !t.IsZero() {
		s.sending(h, t)
	}
	if h.sentCh != nil {
		close(h.sentCh)
		h.sentCh = nil
	}
}

// sleepOr waits for d, or until wake is closed (nil: never), or until ctx
// is done.
func sleepOr(ctx context.Context, d time.Duration, wake <-chan struct{}) error {
	var tc <-chan time.Time
	if wake == nil {
		t := time.NewTimer(d)
		defer t.Stop()
		tc = t.C
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tc:
	case <-wake:
	}
	return nil
}

// margin is the slack added to a host's delay at send time, so that the
// server, which sees a request some time after it is sent (longer for the
// first on a new connection or on a busy machine), never sees two starts
// closer than the delay: a tenth of the delay, at most 50ms.
func margin(delay time.Duration) time.Duration {
	return min(delay/10, 50*time.Millisecond)
}

// pause stops new requests to host name until t (Retry-After).
func (s *scheduler) pause(name string, t time.Time) {
	s.mu.Lock()
	h := s.get(name)
	if t.After(h.pausedUntil) {
		h.pausedUntil = t
	}
	onPause := s.onPause
	s.mu.Unlock()
	if onPause != nil {
		onPause(name, t)
	}
}

// hold sets host name's pause until t, as the frontier asks: unlike pause
// it does not record it back.
func (s *scheduler) hold(name string, t time.Time) {
	s.mu.Lock()
	h := s.get(name)
	if t.After(h.pausedUntil) {
		h.pausedUntil = t
	}
	s.mu.Unlock()
}

// hostDelay returns host name's delay: --delay or its Crawl-delay.
func (s *scheduler) hostDelay(name string) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.get(name).delay
}

// dropClaims empties host name's claimed queue, which the frontier no
// longer holds for this worker, and returns the IDs to give back. The host
// claims again later (its lease may be free then).
func (s *scheduler) dropClaims(name string) []int64 {
	s.mu.Lock()
	h := s.get(name)
	var ids []int64
	for _, e := range h.queue {
		ids = append(ids, e.ID)
	}
	h.queue, h.mayHaveWork, h.wakeAt = nil, true, time.Time{}
	s.mu.Unlock()
	s.signal()
	return ids
}

// errLeaseLost is why a request did not start: the host's lease, or the
// URL's claim, passed to another worker sharing the frontier (this one
// stalled longer than the lease).
var errLeaseLost = errors.New("host lease passed to another worker")

// startRequest waits until host may send one more request (gate), then
// confirms with the frontier that the host's lease and the claim of id
// (0: robots.txt) are still this crawl's and records the start, so that
// the host's limits hold across the workers sharing the frontier. When
// they were lost, the host's claimed URLs are given back and the request
// does not start. A request started must be reported to sched.sent.
func (c *Crawler) startRequest(ctx context.Context, host string, id int64) error {
	s := c.sched
	for {
		if err := s.gate(ctx, host); err != nil {
			return err
		}
		wait, lost, err := c.frontier.StartRequest(ctx, host, id, s.hostDelay(host), time.Now())
		if err != nil || lost || !wait.IsZero() {
			s.sent(host, time.Time{}) // not sent
		}
		switch {
		case err != nil:
			return fmt.Errorf("start request: %w", err)
		case lost:
			c.log.Warn("host lease lost to another worker: claimed URLs given back", "host", host)
			if ids := s.dropClaims(host); len(ids) > 0 {
				if err := c.frontier.Release(context.WithoutCancel(ctx), ids); err != nil {
					c.log.Warn("release claimed URLs", "host", host, "err", err)
				}
			}
			return errLeaseLost
		case wait.IsZero():
			return nil
		}
		s.hold(host, wait)
	}
}

// recordPause records host's pause (Retry-After) in the frontier.
func (c *Crawler) recordPause(host string, until time.Time) {
	if err := c.frontier.Pause(context.WithoutCancel(c.stop), host, until); err != nil {
		c.log.Warn("record pause", "host", host, "err", err)
	}
}

// allowed reports whether robots.txt lets ua fetch u on host name. Hosts
// whose rules are not known yet allow everything (the dispatcher fetches
// robots.txt before any page of a host).
func (s *scheduler) allowed(name, ua, u string) bool {
	s.mu.Lock()
	h := s.hosts[name]
	var r *discover.Robots
	if h != nil {
		r = h.robots
	}
	s.mu.Unlock()
	return r.Allowed(ua, u)
}

// setRobots records host name's rules and its Crawl-delay.
func (s *scheduler) setRobots(name string, r *discover.Robots, ua string) {
	s.mu.Lock()
	h := s.get(name)
	h.robots = r
	h.robotsState = robotsReady
	if d := r.CrawlDelay(ua); d > h.delay {
		h.delay = d
		if t := h.lastSend.Add(d); t.After(h.nextStart) {
			h.nextStart = t
		}
	}
	s.mu.Unlock()
	s.signal()
}

// park sets host name aside (robotsUnavailable) until retryAt, or for
// the rest of the run when retryAt is zero, and returns the IDs of the
// URLs it had claimed, to be released.
func (s *scheduler) park(name string, retryAt time.Time) []int64 {
	s.mu.Lock()
	h := s.get(name)
	h.robotsState, h.robotsRetryAt = robotsUnavailable, retryAt
	var ids []int64
	for _, e := range h.queue {
		ids = append(ids, e.ID)
	}
	h.queue, h.mayHaveWork, h.wakeAt = nil, false, time.Time{}
	s.mu.Unlock()
	s.signal()
	return ids
}

// parked reports whether host name is set aside: for the rest of the run,
// or until it reads robots.txt again (a host set aside does not keep the
// crawl going by itself).
func (s *scheduler) parked(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hosts[name]
	return h != nil && h.robotsState == robotsUnavailable
}

// waiting returns how many hosts have work but wait on politeness (delay,
// Retry-After or their in-flight limit).
func (s *scheduler) waiting() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	n := 0
	for _, h := range s.order {
		if len(h.queue) == 0 && !h.mayHaveWork || h.robotsState == robotsUnavailable {
			continue
		}
		if now.Before(h.readyAt()) || h.inFlight >= s.perHost {
			n++
		}
	}
	return n
}

// retryAfter parses a Retry-After header (seconds or an HTTP date) into a
// wait, 0 when absent; it is capped at an hour.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
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

// pending reports whether any host not set aside has work claimed, may
// have work, waits for a URL to become due or reads its robots.txt. Call
// with mu held.
func (s *scheduler) pending() bool {
	for _, h := range s.order {
		if h.robotsState == robotsUnavailable {
			continue
		}
		if len(h.queue) > 0 || h.mayHaveWork || !h.wakeAt.IsZero() || h.robotsState == robotsFetching {
			return true
		}
	}
	return false
}
