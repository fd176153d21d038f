// Package scraper crawls news sites into the corpus: a polite, resumable
// crawler whose frontier and visited set are in the corpus database.
//
// # Stages
//
// A URL goes through five stages, each in its own files:
//
//   - frontier (frontier.go, run.go, scope.go): the queue. The dispatcher
//     claims a host's due URLs; each is settled once, in the transaction
//     that stores its capture (done, failed, skipped), queued again with a
//     backoff, or released. Frontier is the interface, so that a frontier
//     shared by several workers can replace the SQLite one.
//   - politeness (politeness.go, plan.go, robots.go): per-host timing and
//     limits. plan starts a request only when the host's delay, its
//     Retry-After pause, --per-host and --parallel allow, after its
//     robots.txt was read; the scheduler's gate holds the delay again at
//     the moment each request, redirect hops included, is sent.
//   - fetch (fetch.go, wire.go): HTTP through colly, recorded as it went
//     over the wire.
//   - handle (handle.go): one parse per page. The body is sniffed once,
//     and an HTML page is parsed once for its page type, its article and
//     its links; sitemaps and feeds list URLs.
//   - persist (persist.go): group commit. Every write goes through the
//     Tx interface; the saver commits the results of the workers waiting
//     at the same time in one transaction.
//
// process (process.go) takes one claimed URL through fetch, handle and
// persist, top to bottom; dispatch (dispatch.go) runs the loop that
// plans and starts the workers. Crawler wires the stages and counts.
//
// # What colly does, and what we do instead
//
// colly sends the requests: each worker drives one colly.Collector, one
// request at a time, over one http.Transport shared by all, with a
// cookie jar, and colly's redirect handler calls ours (checkRedirect).
// The rest of what colly offers is off, because a crawl that must resume,
// stay polite across redirects and archive what it fetched needs more:
//
//   - Scheduling: colly's Async mode and LimitRule space requests per
//     collector and keep the queue in memory. Our dispatcher claims URLs
//     from a frontier in the database, so a crawl resumes after a crash,
//     and spaces requests per host with robots.txt's Crawl-delay and
//     Retry-After, across every worker.
//   - Visited set: colly's is an in-memory map (AllowURLRevisit is on);
//     ours is the frontier, with normalized URLs, which also decides
//     whether a redirect target is fetched on its own.
//   - robots.txt: colly's (IgnoreRobotsTxt is on) keeps one verdict per
//     host for the collector's life and ignores Crawl-delay and Sitemap
//     lines; ours follows RFC 9309 (a server error means "disallow for
//     now", retried, never a permanent verdict) and queues the sitemaps.
//   - Bodies: the transport (captureTransport) reads the body itself,
//     capped, with its Content-Encoding intact and the HTTP/1.x heads
//     byte for byte (wire.go), as the archive needs; colly receives an
//     empty body, since it would only copy it, convert its charset and
//     gunzip .gz URLs without a cap.
//   - Parsing: colly's OnHTML callbacks are not used, nor its charset
//     detection: handle decodes and parses each page once, and the same
//     document gives the page type, the article and the links.
package scraper

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// Crawler fetches URLs into the corpus. Create it with NewCrawler (a
// SQLite corpus) or New (any Frontier and Writer); a
// Crawler runs one crawl at a time.
type Crawler struct {
	frontier Frontier // the frontier stage
	store    Writer   // the persist stage's transactions
	cfg      config
	stop     context.Context // the crawl's context: cancelled on Ctrl-C
	saver    *saver
	log      *slog.Logger
	sched    *scheduler
	run      int64
	scope    *scope
	// scopeRead are the hosts whose claim made the crawl read its scope
	// again (refreshScope), once each.
	scopeMu   sync.Mutex
	scopeRead map[string]bool
	// scopeHosts is the size of the stored scope when the crawl last read
	// it (followScope), and scopeRetry when to read it again after a
	// failed read.
	scopeHosts int64
	scopeRetry time.Time
	seen       *seenCache
	resolved   *resolveCache   // links resolved, for the pages after (linksOf)
	probed     map[string]bool // hosts whose /sitemap.xml is queued as a seed
	fatal      atomic.Pointer[error]
	counts     counters
	meter      progressMeter // the run's progress reports
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
	// duplicates counts article pages whose article was stored already.
	duplicates int
	errors     int
	skipped    int
	retries    int
	revisits   int
	byKind     map[string]int
	// skippedBy counts skips by reason.
	skippedBy map[string]int
	// notKept counts the pages extracted but not stored, by page type.
	notKept map[string]int
	// unreachable maps the hosts whose robots.txt could not be read to
	// why; causes maps seeds that failed to why.
	unreachable map[string]string
	causes      map[string]string
}

// Summary is what a crawl did.
type Summary struct {
	Run      int64 `json:"run"`      // the crawl run's id in the corpus
	Fetched  int   `json:"fetched"`  // captures stored (failed ones included)
	Articles int   `json:"articles"` // articles stored or updated
	// Duplicates counts the article pages whose article was stored
	// already (the same body, or a print or tracking variant of its URL):
	// their URLs were added to it.
	Duplicates   int            `json:"duplicates"`
	Errors       int            `json:"errors"`         // failed captures
	ErrorsByKind map[string]int `json:"errors_by_kind"` // by corpus.ErrKind*
	Skipped      int            `json:"skipped"`        // URLs not fetched: robots.txt, trap, budget
	// SkippedByReason counts the skipped URLs by reason.
	SkippedByReason map[string]int `json:"skipped_by_reason"`
	// NotStoredByType counts the pages extracted but not stored as
	// articles, by page type: their type is not in --keep-types (section
	// fronts and tag pages are listings; soft 404s, login walls and error
	// pages are other). Their links are followed all the same.
	NotStoredByType map[string]int `json:"not_stored_by_type,omitempty"`
	// Unreachable maps each host whose robots.txt could not be read (no
	// response, 5xx) to the cause; its URLs stay queued for the next run.
	Unreachable map[string]string `json:"unreachable,omitempty"`
	Retries     int               `json:"retries"`  // transient failures retried
	Revisits    int               `json:"revisits"` // 304 Not Modified, or an article page's body unchanged
	Queued      int64             `json:"queued"`   // URLs left in the frontier
	Duration    time.Duration     `json:"duration"`
	Interrupted bool              `json:"interrupted"` // stopped by the context before the frontier was empty
}

// Add returns s with the counts of t, a later run's (a watch's next
// cycle, a worker that took over from a lost one), added: the run, the
// queue and whether it was interrupted are t's, the duration the sum, the
// unreachable hosts both's.
func (s Summary) Add(t Summary) Summary {
	s.Run, s.Queued, s.Interrupted = t.Run, t.Queued, t.Interrupted
	s.Fetched += t.Fetched
	s.Articles += t.Articles
	s.Duplicates += t.Duplicates
	s.Errors += t.Errors
	s.Skipped += t.Skipped
	s.Retries += t.Retries
	s.Revisits += t.Revisits
	s.Duration += t.Duration
	s.ErrorsByKind = addCounts(maps.Clone(s.ErrorsByKind), t.ErrorsByKind)
	s.SkippedByReason = addCounts(maps.Clone(s.SkippedByReason), t.SkippedByReason)
	if len(s.NotStoredByType)+len(t.NotStoredByType) > 0 {
		s.NotStoredByType = addCounts(maps.Clone(s.NotStoredByType), t.NotStoredByType)
	}
	if len(t.Unreachable) > 0 {
		u := maps.Clone(s.Unreachable)
		if u == nil {
			u = map[string]string{}
		}
		maps.Copy(u, t.Unreachable)
		s.Unreachable = u
	}
	return s
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

// NewCrawler returns a crawler storing into db, a SQLite corpus: its
// frontier and its writes go to db.
func NewCrawler(db Store, opts ...Option) (*Crawler, error) {
	if db == nil {
		return nil, errors.New("new crawler: nil store")
	}
	return New(sqliteStore{db}, sqliteStore{db}, opts...)
}

// New returns a crawler whose frontier is f and whose writes go to w, for
// a store other than a SQLite corpus.
func New(f Frontier, w Writer, opts ...Option) (*Crawler, error) {
	if f == nil || w == nil {
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
	return &Crawler{frontier: f, store: w, cfg: cfg, log: log}, nil
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
	c.reset(ctx)
	if err := c.begin(ctx, seeds, started); err != nil {
		return Summary{}, err
	}
	c.meter = progressMeter{c: c, started: started, lastTick: started}
	interrupted, err := c.dispatch(ctx, started)
	return c.end(ctx, started, interrupted, err)
}

// reset readies the crawler's per-run state.
func (c *Crawler) reset(ctx context.Context) {
	c.stop = ctx
	c.sched = newScheduler(c.cfg.perHost, c.cfg.delay)
	c.restoreWatch()
	c.counts = counters{byKind: map[string]int{}, skippedBy: map[string]int{},
		unreachable: map[string]string{}, causes: map[string]string{}}
	c.seen = newSeenCache(1 << 17)
	c.resolved = newResolveCache(resolveCacheSize)
	c.probed = map[string]bool{}
	c.fatal.Store(nil)
}

// setFatal stops the crawl with err. Only the first error is kept and
// logged: when the disk is full every worker's save fails the same way.
func (c *Crawler) setFatal(err error) {
	if c.fatal.CompareAndSwap(nil, &err) {
		c.log.Error("crawl stopped", "err", err)
	}
	c.sched.signal()
}

func (c *Crawler) count(fn func(*counters)) {
	c.counts.mu.Lock()
	fn(&c.counts)
	c.counts.mu.Unlock()
}

func (c *Crawler) summary(started time.Time) Summary {
	c.counts.mu.Lock()
	defer c.counts.mu.Unlock()
	sum := Summary{Run: c.run, Fetched: c.counts.fetched, Articles: c.counts.articles,
		Duplicates: c.counts.duplicates, Errors: c.counts.errors,
		ErrorsByKind: maps.Clone(c.counts.byKind), Skipped: c.counts.skipped, Retries: c.counts.retries,
		Revisits: c.counts.revisits, SkippedByReason: maps.Clone(c.counts.skippedBy), Duration: time.Since(started)}
	if len(c.counts.unreachable) > 0 {
		sum.Unreachable = maps.Clone(c.counts.unreachable)
	}
	if len(c.counts.notKept) > 0 {
		sum.NotStoredByType = maps.Clone(c.counts.notKept)
	}
	return sum
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

// size returns the number of hosts in scope.
func (s *scope) size() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.hosts)
}

func (s *scope) contains(u string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.hosts[scopeKey(u)]
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
