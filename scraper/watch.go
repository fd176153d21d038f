package scraper

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
)

// Fetched is one page fetched and saved by the crawl, as a watch's
// schedule sees it (see WithWatch).
type Fetched struct {
	URL     string // the frontier URL fetched
	Host    string // its origin
	Kind    string // its frontier kind after the fetch ("" for a page, corpus.KindHub, "sitemap", ...)
	Seed    bool   // it was queued as a seed
	Hub     bool   // a seed that is no article, a section page, a sitemap or a feed
	Article bool   // an article was extracted from it
	Failed  bool   // the fetch failed (after its retries)
	NewURLs int    // URLs it queued that the frontier did not have
}

// WatchFunc is called, in the transaction that saves a fetched page (the
// persist stage's Tx: a *corpus.Tx with a SQLite corpus), with what the
// fetch was: it schedules the page's next fetch. An error rolls the save
// back and stops the crawl, as any failure to write does.
type WatchFunc func(ctx context.Context, tx Tx, f Fetched) error

// WithWatch makes the crawl one cycle of a watch (`archivist watch`):
// fn is told of every page saved, so that it schedules the next fetch;
// the crawl does not queue again the hubs of a finished crawl when it
// starts (the watch queues each when it is due); and a URL fetched before
// is fetched with a conditional request (a 304 is stored as a revisit).
func WithWatch(fn WatchFunc) Option {
	return func(c *config) error {
		c.watch = fn
		return nil
	}
}

// fetched describes, for the watch, the fetch of page p settled in state
// with added URLs newly queued. A page of links (corpus.KindHub) is a hub
// when its links are followed: it is less than --depth hops from a seed.
func (c *Crawler) fetched(p *page, state string, added int) Fetched {
	e := p.entry
	kind := e.Kind
	if k := foundKind(e, p.dk, p.hub); k != "" && p.kind == "" && p.status >= 200 && p.status < 300 {
		kind = k
	}
	art, failed := p.art != nil, state == corpus.StateFailed
	f := Fetched{URL: e.URL, Host: e.Host, Kind: kind, Seed: e.Source == "seed", Article: art, Failed: failed, NewURLs: added}
	f.Hub = isHub(kind) && (kind != corpus.KindHub || e.Depth < c.cfg.depth) || f.Seed && !art && !failed
	return f
}

// WatchSession is what the cycles of one watch share (see
// WithWatchSession): one crawl run for the whole session, whose recorded
// summary adds up the cycles, and the robots.txt of each host, kept from
// one cycle to the next until it expires, with the time of the host's
// last request, so that the spacing holds across cycles too. Its memory
// is one entry per host.
type WatchSession struct {
	now func() time.Time

	mu      sync.Mutex
	run     int64     // the session's crawl run, 0 before the first cycle
	started time.Time // when the first cycle started (wall clock)
	total   Summary   // the cycles so far
	hosts   map[string]*watchedHost
}

// watchedHost is what a watch keeps of a host between cycles.
type watchedHost struct {
	robots   *discover.Robots
	expires  time.Time // on the watch's clock; zero: no rules kept
	lastSend time.Time // wall clock
}

// NewWatchSession returns the session of one watch. now is the watch's
// clock (time.Now, or a test's), by which robots.txt expires.
func NewWatchSession(now func() time.Time) *WatchSession {
	return &WatchSession{now: now, hosts: map[string]*watchedHost{}}
}

// WithWatchSession makes the crawl's runs cycles of session s: the first
// records a crawl run and the others carry it on; robots.txt is read
// again only when the copy a cycle read has expired.
func WithWatchSession(s *WatchSession) Option {
	return func(c *config) error {
		c.session = s
		return nil
	}
}

// robotsMaxAge is how long a watch keeps a robots.txt: RFC 9309 (2.4)
// says a crawler should not use a cached copy for more than 24 hours.
const robotsMaxAge = 24 * time.Hour

// robotsTTL returns how long a robots.txt answered with header h may be
// kept: its HTTP caching (Cache-Control max-age, no-cache or no-store,
// else Expires against Date) when shorter than robotsMaxAge.
func robotsTTL(h http.Header, now time.Time) time.Duration {
	for _, d := range strings.Split(strings.ToLower(h.Get("Cache-Control")), ",") {
		d = strings.TrimSpace(d)
		if d == "no-cache" || d == "no-store" {
			return 0
		}
		if v, ok := strings.CutPrefix(d, "max-age="); ok {
			if n, err := strconv.Atoi(strings.Trim(v, `"`)); err == nil {
				return min(time.Duration(max(n, 0))*time.Second, robotsMaxAge)
			}
		}
	}
	if exp := h.Get("Expires"); exp != "" {
		at, err := http.ParseTime(exp)
		if err != nil {
			return 0 // RFC 9111: an invalid Expires is in the past
		}
		if date, err := http.ParseTime(h.Get("Date")); err == nil {
			now = date
		}
		return min(max(at.Sub(now), 0), robotsMaxAge)
	}
	return robotsMaxAge
}

// keepRobots records, in a watch, the robots.txt rules just read for
// host and how long they may be kept.
func (c *Crawler) keepRobots(host string, rules *discover.Robots, h http.Header) {
	if s := c.cfg.session; s != nil {
		c.keepRobotsFor(host, rules, robotsTTL(h, s.now()))
	}
}

// keepRobotsFor records, in a watch, the robots.txt rules of host, kept
// for ttl.
func (c *Crawler) keepRobotsFor(host string, rules *discover.Robots, ttl time.Duration) {
	s := c.cfg.session
	if s == nil {
		return
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.host(host)
	w.robots, w.expires = rules, time.Time{}
	if ttl > 0 {
		w.expires = now.Add(ttl)
	}
}

// host returns the session's entry of host name, creating it. Call with
// mu held.
func (s *WatchSession) host(name string) *watchedHost {
	w := s.hosts[name]
	if w == nil {
		w = &watchedHost{}
		s.hosts[name] = w
	}
	return w
}

// restoreWatch gives the scheduler of a new cycle what the session kept: the
// robots.txt rules not expired yet (with their Crawl-delay) and the time
// of each host's last request. Expired entries are dropped.
func (c *Crawler) restoreWatch() {
	s := c.cfg.session
	if s == nil {
		return
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	c.sched.mu.Lock()
	defer c.sched.mu.Unlock()
	for name, w := range s.hosts {
		if !w.expires.IsZero() && !now.Before(w.expires) {
			w.robots, w.expires = nil, time.Time{}
		}
		if w.expires.IsZero() && w.lastSend.IsZero() {
			delete(s.hosts, name)
			continue
		}
		h := c.sched.get(name)
		if !w.expires.IsZero() {
			h.robots, h.robotsState = w.robots, robotsReady
			h.delay = max(h.delay, w.robots.CrawlDelay(c.cfg.userAgent))
		}
		if !w.lastSend.IsZero() {
			h.lastSend = w.lastSend
			h.nextStart = w.lastSend.Add(h.delay)
		}
	}
}

// saveWatch keeps, at the end of a cycle, the time of each host's last
// request.
func (c *Crawler) saveWatch() {
	s := c.cfg.session
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c.sched.mu.Lock()
	defer c.sched.mu.Unlock()
	for name, h := range c.sched.hosts {
		if !h.lastSend.IsZero() {
			s.host(name).lastSend = h.lastSend
		}
	}
}

// beginWatchRun records the crawl run of a watch's first cycle and, in
// the later ones, marks the same run as running again.
func (c *Crawler) beginWatchRun(ctx context.Context, tx Tx, settings map[string]any, started time.Time) (int64, error) {
	s := c.cfg.session
	if s == nil {
		return tx.BeginRun(ctx, settings, started)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.run != 0 {
		r, ok := tx.(interface {
			ReopenRun(ctx context.Context, id int64) error
		})
		if !ok {
			return 0, fmt.Errorf("watch: the store's transactions (%T) cannot carry a run on", tx)
		}
		// Not found: the transaction that recorded it did not commit.
		if err := r.ReopenRun(ctx, s.run); !errors.Is(err, corpus.ErrNotFound) {
			return s.run, err
		}
	}
	id, err := tx.BeginRun(ctx, settings, started)
	if err == nil {
		s.run = id
		if s.started.IsZero() {
			s.started = started
		}
	}
	return id, err
}

// runSummary returns what to record as the run's summary at the end of a
// cycle summed up in sum: in a watch, the session's cycles so far.
func (c *Crawler) runSummary(sum Summary) Summary {
	s := c.cfg.session
	if s == nil {
		return sum
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &s.total
	*t = t.Add(sum)
	t.Unreachable = sum.Unreachable // the last cycle's: these hosts are still unreachable
	t.Duration = time.Since(s.started)
	out := *t
	out.ErrorsByKind, out.SkippedByReason = maps.Clone(t.ErrorsByKind), maps.Clone(t.SkippedByReason)
	out.NotStoredByType = maps.Clone(t.NotStoredByType)
	return out
}

func addCounts(to, from map[string]int) map[string]int {
	if to == nil {
		to = map[string]int{}
	}
	for k, n := range from {
		to[k] += n
	}
	return to
}
