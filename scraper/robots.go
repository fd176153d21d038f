package scraper

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Politeness stage, robots.txt: the dispatcher fetches a host's
// robots.txt before any of its pages (see planRobots); its rules gate
// every URL of the host, its Crawl-delay lengthens the host's delay, and
// its Sitemap lines are queued.

// fetchRobots reads host's robots.txt and records its rules. Transient
// failures are retried with backoff like any fetch; when they persist, RFC
// 9309 says "disallow for now": the host is set aside, its URLs stay
// queued, and robots.txt is read again later in the run (see
// robotsUnavailable), then by the next run.
func (c *Crawler) fetchRobots(ctx context.Context, f *fetcher, host string) {
	if c.sharedRobots(ctx, host) {
		return
	}
	u := host + "/robots.txt"
	c.sched.mu.Lock()
	h := c.sched.get(host)
	c.sched.mu.Unlock()
	r := f.fetch(ctx, u, nil)
	if errors.Is(r.err, errStopped) {
		c.sched.mu.Lock()
		h.robotsState = robotsUnknown
		c.sched.mu.Unlock()
		return
	}
	status := robotsStatus(r)
	transient := r.err != nil || status >= 500 || status == http.StatusTooManyRequests
	c.sched.mu.Lock()
	h.robotsTries++
	tries := h.robotsTries
	c.sched.mu.Unlock()
	if transient && tries <= c.cfg.retries {
		wait := c.backoff(tries)
		if ra := retryAfter(r.header, time.Now()); ra > wait {
			wait = ra
		}
		c.sched.pause(host, time.Now().Add(wait))
		c.sched.mu.Lock()
		h.robotsState = robotsUnknown
		c.sched.mu.Unlock()
		c.count(func(k *counters) { k.retries++ })
		c.log.Debug("robots.txt: retry", "host", host, "status", status, "err", r.err, "wait", wait)
		return
	}
	if transient {
		c.robotsUnavailable(ctx, host, r, status, tries)
		return
	}
	c.robotsBack(host)
	rules, err := discover.ParseRobots(status, r.body)
	if err != nil {
		c.log.Warn("robots.txt unreadable: allowing everything", "host", host, "err", err)
		rules = nil
	}
	c.obeyRobots(host, rules)
	c.keepRobots(host, rules, r.header)
	c.log.Debug("robots.txt", "host", host, "status", status, "crawl_delay", rules.CrawlDelay(c.cfg.userAgent))
	var body []byte // only a 2xx answer has rules
	if status >= 200 && status < 300 {
		body = r.body
	}
	c.storeRobots(ctx, host, corpus.RobotsCheck{Status: status}, body, r.start, r.start.Add(robotsTTL(r.header, r.start)))
	c.saveRobots(ctx, host, status, r.body, c.robotsSitemaps(rules))
}

// longCrawlDelay is the Crawl-delay from which the crawl says it obeys
// it: with one request a minute or slower, it would seem stuck.
const longCrawlDelay = time.Minute

// obeyRobots makes the scheduler follow host's rules, read by this
// worker or by another one (a PostgreSQL crawl's shared copy), and says so
// when their Crawl-delay is long.
func (c *Crawler) obeyRobots(host string, rules *discover.Robots) {
	c.sched.setRobots(host, rules, c.cfg.userAgent)
	c.warnLongDelay(host, rules)
}

// warnLongDelay says when host's robots.txt asks for a long Crawl-delay.
func (c *Crawler) warnLongDelay(host string, rules *discover.Robots) {
	if d := rules.CrawlDelay(c.cfg.userAgent); d >= longCrawlDelay && d > c.cfg.delay {
		c.log.Warn("robots.txt asks for a long Crawl-delay, obeyed: one request per crawl_delay on this host",
			"host", host, "crawl_delay", d)
	}
}

// robotsSitemaps returns the Sitemap lines of robots.txt on hosts in
// scope, as seeds, when the crawl discovers sitemaps.
func (c *Crawler) robotsSitemaps(rules *discover.Robots) []corpus.FrontierEntry {
	if !c.cfg.discoverSitemaps() {
		return nil
	}
	var entries []corpus.FrontierEntry
	for _, sm := range rules.Sitemaps() {
		n, err := urlnorm.Normalize(sm)
		if err != nil || !c.scope.contains(n) || c.excluded(n) {
			continue
		}
		entries = append(entries, corpus.FrontierEntry{URL: n, Host: origin(n), Source: "robots", Kind: kindSitemap})
	}
	return entries
}

// saveRobots records that host's robots.txt was read and queues the
// sitemaps it lists. When its rules changed since the last read (or on a
// recrawl), the URLs it made the crawl skip are queued again, to be judged
// by the new rules.
func (c *Crawler) saveRobots(ctx context.Context, host string, status int, body []byte, entries []corpus.FrontierEntry) {
	h := sha256.New()
	fmt.Fprintf(h, "%dxx\n", status/100)
	if status >= 200 && status < 300 {
		h.Write(body)
	}
	check := corpus.RobotsCheck{SHA256: hex.EncodeToString(h.Sum(nil)), Status: status}
	now := time.Now()
	var requeued int64
	err := c.save(ctx, func(tx Tx) error {
		changed, err := tx.RecordRobots(ctx, host, check, now)
		if err != nil {
			return err
		}
		requeued = 0
		if changed || c.cfg.recrawl && !c.focused {
			if requeued, err = tx.RequeueRobotsSkipped(ctx, host, now); err != nil {
				return err
			}
		}
		_, err = tx.Enqueue(ctx, entries, c.enqueueOptions(now))
		return err
	})
	if err != nil {
		c.setFatal(fmt.Errorf("crawl: %w", err))
		return
	}
	touched := map[string]bool{}
	for _, e := range entries {
		touched[e.Host] = true
	}
	if requeued > 0 {
		c.log.Info("URLs robots.txt made the crawl skip are judged again (it changed, or --recrawl)", "host", host, "count", requeued)
		touched[host] = true
	}
	c.sched.touch(touched)
}

// robotsRechecks bounds how many more times a run reads an unavailable
// robots.txt once the quick retries (--retries) are spent: with the
// default backoff of 1s the waits double from about 8s to about 4
// minutes, so that a robots.txt down for a few minutes does not hold its
// host back for the rest of a long crawl or a watch.
const robotsRechecks = 6

// robotsUnavailable sets host aside: its robots.txt gave no answer or a
// server error after the quick retries. Its URLs stay queued; robots.txt
// is read again after a backoff (or the server's Retry-After, when longer),
// up to robotsRechecks times, then not before the next run. A host set
// aside does not keep the crawl going by itself: when nothing else is
// left, the crawl ends and its URLs wait for the next run. The cause is
// counted as an error until robots.txt answers.
func (c *Crawler) robotsUnavailable(ctx context.Context, host string, r *fetchResult, status, tries int) {
	kind, why := corpus.ErrKindHTTP5xx, fmt.Sprintf("robots.txt answered %d %s", status, http.StatusText(status))
	switch {
	case r.err != nil:
		kind, _ = classify(r.err)
		why = cause(r.err)
	case status == http.StatusTooManyRequests:
		kind = corpus.ErrKindHTTP4xx
	}
	now := time.Now()
	var retryAt time.Time
	if tries <= c.cfg.retries+robotsRechecks {
		retryAt = now.Add(max(c.backoff(tries), retryAfter(r.header, now)))
		c.sched.pause(host, retryAt)
	}
	// The other workers sharing the frontier set the host aside too, until
	// this worker's next read, or one backoff step past the last.
	until := retryAt
	if until.IsZero() {
		until = now.Add(c.backoff(tries))
	}
	c.storeRobots(ctx, host, corpus.RobotsCheck{Status: status, Error: why, Kind: kind}, nil, r.start, until)
	c.setAside(ctx, host, kind, why, status, retryAt)
}

// setAside parks host, its robots.txt unavailable (kind, why), until
// retryAt (zero: for the rest of the run), counts the error once, gives
// back its claimed URLs and records the failed read.
func (c *Crawler) setAside(ctx context.Context, host, kind, why string, status int, retryAt time.Time) {
	now := time.Now()
	ids := c.sched.park(host, retryAt)
	name := hostName(host)
	c.sched.mu.Lock()
	h := c.sched.get(host)
	first := h.robotsErr == ""
	h.robotsErr = kind
	c.sched.mu.Unlock()
	c.count(func(k *counters) {
		if first {
			k.errors++
			k.byKind[kind]++
		} else {
			k.retries++
		}
		k.unreachable[name] = why
	})
	if retryAt.IsZero() {
		c.log.Warn("robots.txt could not be read: the host's URLs stay queued for the next run",
			"host", host, "err", why)
	} else {
		c.log.Warn("robots.txt could not be read: the host's URLs stay queued, robots.txt is read again later",
			"host", host, "err", why, "wait", retryAt.Sub(now).Round(time.Second))
	}
	err := c.save(ctx, func(tx Tx) error {
		if err := tx.Release(ctx, ids); err != nil {
			return err
		}
		_, err := tx.RecordRobots(ctx, host, corpus.RobotsCheck{Status: status, Error: why}, now)
		return err
	})
	if err != nil {
		c.setFatal(fmt.Errorf("crawl: %w", err))
	}
}

// robotsBack notes that host's robots.txt answered after it was
// unavailable earlier in the run: the error counted for it is taken back.
func (c *Crawler) robotsBack(host string) {
	c.sched.mu.Lock()
	h := c.sched.get(host)
	kind := h.robotsErr
	h.robotsErr = ""
	c.sched.mu.Unlock()
	if kind == "" {
		return
	}
	c.log.Info("robots.txt answers again", "host", host)
	c.count(func(k *counters) {
		k.errors--
		k.byKind[kind]--
		if k.byKind[kind] == 0 {
			delete(k.byKind, kind)
		}
		delete(k.unreachable, hostName(host))
	})
}

// robotsStatus is the status robots.txt is judged by: 0 for no response,
// 404 for a redirect the fetch did not follow (another host or path).
func robotsStatus(r *fetchResult) int {
	if r.stopReason != "" {
		return http.StatusNotFound
	}
	if r.err != nil {
		return 0
	}
	return r.status
}

// SharedRobots is implemented by a Frontier shared by several workers
// (the crawler checks for it with a type assertion): the worker holding a
// host's lease reads its robots.txt once and stores it there, and the
// others use the stored copy until it expires instead of reading it
// themselves. A SQLite corpus has one crawl at a time and does not
// implement it.
type SharedRobots interface {
	// LoadRobots returns host's robots.txt as a worker stored it (its
	// status, why it could not be read, its body) and until when it
	// holds, when that is after now. When none holds, it takes host's
	// lease for this worker, which reads robots.txt and stores it (until
	// and wait zero), or returns when to ask again (wait): another
	// worker holds the lease, and is reading it.
	LoadRobots(ctx context.Context, host string, now time.Time) (check corpus.RobotsCheck, body []byte, until, wait time.Time, err error)
	// StoreRobots stores host's robots.txt as this worker read it at
	// fetched, for the other workers to use until until.
	StoreRobots(ctx context.Context, host string, check corpus.RobotsCheck, body []byte, fetched, until time.Time) error
}

// sharedRobots uses the copy of host's robots.txt another worker stored,
// when the frontier is shared (SharedRobots) and holds one, or waits for
// the worker reading it. It reports false when this crawl must read
// robots.txt itself.
func (c *Crawler) sharedRobots(ctx context.Context, host string) bool {
	sr, ok := c.frontier.(SharedRobots)
	if !ok {
		return false
	}
	now := time.Now()
	check, body, until, wait, err := sr.LoadRobots(ctx, host, now)
	switch {
	case err != nil && ctx.Err() != nil:
		c.robotsAgain(host, time.Time{})
		return true
	case err != nil:
		c.log.Warn("robots.txt: no shared copy, reading it", "host", host, "err", err)
		return false
	case !wait.IsZero():
		c.log.Debug("robots.txt: another worker is reading it", "host", host, "wait", wait.Sub(now))
		c.robotsAgain(host, wait)
		return true
	case !until.After(now):
		return false
	}
	if check.Error != "" {
		c.log.Debug("robots.txt: unavailable, as another worker found", "host", host, "until", until)
		c.setAside(ctx, host, robotsErrKind(check), check.Error, check.Status, until)
		return true
	}
	c.robotsBack(host)
	rules, err := discover.ParseRobots(check.Status, body)
	if err != nil {
		c.log.Warn("robots.txt unreadable: allowing everything", "host", host, "err", err)
		rules = nil
	}
	c.obeyRobots(host, rules)
	c.keepRobotsFor(host, rules, until.Sub(now))
	c.log.Debug("robots.txt, as another worker read it", "host", host, "status", check.Status,
		"crawl_delay", rules.CrawlDelay(c.cfg.userAgent), "until", until)
	// As after a read: on --recrawl (or rules this run has not seen), the
	// URLs robots.txt made the crawl skip are judged again. Its sitemaps
	// were queued by the worker that read it.
	c.saveRobots(ctx, host, check.Status, body, nil)
	return true
}

// robotsAgain makes the dispatcher plan host's robots.txt again, not
// before at (when not zero): no request is recorded, so that other
// workers are not held back.
func (c *Crawler) robotsAgain(host string, at time.Time) {
	if !at.IsZero() {
		c.sched.hold(host, at)
	}
	c.sched.mu.Lock()
	c.sched.get(host).robotsState = robotsUnknown
	c.sched.mu.Unlock()
}

// storeRobots stores host's robots.txt as this crawl read it for the
// other workers, when the frontier is shared. A failure costs only
// their reading it themselves.
func (c *Crawler) storeRobots(ctx context.Context, host string, check corpus.RobotsCheck, body []byte, fetched, until time.Time) {
	sr, ok := c.frontier.(SharedRobots)
	if !ok {
		return
	}
	if err := sr.StoreRobots(context.WithoutCancel(ctx), host, check, body, fetched, until); err != nil {
		c.log.Warn("robots.txt not shared with the other workers", "host", host, "err", err)
	}
}

// robotsErrKind is the error kind counted for a robots.txt another worker
// could not read: the kind that worker saw, or, for a copy stored without
// one, the kind its status gives.
func robotsErrKind(check corpus.RobotsCheck) string {
	switch {
	case check.Kind != "":
		return check.Kind
	case check.Status == http.StatusTooManyRequests:
		return corpus.ErrKindHTTP4xx
	case check.Status >= 500:
		return corpus.ErrKindHTTP5xx
	}
	return corpus.ErrKindConnection
}
