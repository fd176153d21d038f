package scraper

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/internal/release"
)

// Version is archivist's version, named in the default User-Agent.
const Version = release.Version

// DefaultUserAgent is the User-Agent sent unless WithUserAgent changes it.
const DefaultUserAgent = "archivist/" + Version + " (+https://github.com/archivist-project/archivist)"

// Defaults of the options.
const (
	DefaultDepth    = 3
	DefaultParallel = 8
	DefaultPerHost  = 2
	DefaultDelay    = time.Second
	DefaultTimeout  = 30 * time.Second
	DefaultRetries  = 3
	DefaultMaxBody  = 10 << 20
	DefaultBackoff  = time.Second
	// maxRedirects caps the hops of one fetch.
	maxRedirects = 10
	// maxRetryAfter caps how long a Retry-After may pause a host.
	maxRetryAfter = time.Hour
)

// Option configures a Crawler. Each one matches a flag of `archivist crawl`.
type Option func(*config) error

// config is what the options set.
type config struct {
	depth         int
	maxPages      int
	parallel      int
	perHost       int
	delay         time.Duration
	timeout       time.Duration
	userAgent     string
	include       []*regexp.Regexp
	exclude       []*regexp.Regexp
	allowHosts    []string
	ignoreRobots  bool
	retries       int
	backoff       time.Duration
	since         time.Time
	recrawl       bool
	recrawlAfter  time.Duration
	maxBody       int64
	maxPerHost    int
	keepAll       bool
	logger        *slog.Logger
	progress      func(Progress)
	progressEvery time.Duration
	onArticle     func(*corpus.Article)
	keepTypes     map[string]bool // page types stored as articles
	seedList      *SeedList
	sitemaps      string // SitemapsAuto or SitemapsOff
	dial          func(ctx context.Context, network, addr string) (net.Conn, error)
	// afterFetch, for tests, is called with each URL fetched (not
	// robots.txt) before its response is processed; it may panic.
	afterFetch func(url string)
	// watch, when set, makes the crawl a cycle of a watch (WithWatch).
	watch WatchFunc
	// session, when set, is the watch these runs are cycles of.
	session *WatchSession
	// carryOn: the crawl goes on from a worker of the same process that
	// lost its store (WithCarryOn).
	carryOn bool
}

func defaultConfig() config {
	return config{
		depth:         DefaultDepth,
		parallel:      DefaultParallel,
		perHost:       DefaultPerHost,
		delay:         DefaultDelay,
		timeout:       DefaultTimeout,
		userAgent:     DefaultUserAgent,
		retries:       DefaultRetries,
		backoff:       DefaultBackoff,
		maxBody:       DefaultMaxBody,
		progressEvery: time.Second,
		keepTypes:     map[string]bool{corpus.PageTypeArticle: true},
		sitemaps:      SitemapsAuto,
	}
}

// Sitemap discovery modes (WithSitemaps).
const (
	// SitemapsAuto queues the Sitemap lines of robots.txt and tries
	// /sitemap.xml on each seed host, when the crawl follows links
	// (depth 1 or more); a depth 0 crawl fetches only what it was given.
	SitemapsAuto = "auto"
	// SitemapsOff discovers no sitemaps: only those given as seeds, or
	// listed by them, are read.
	SitemapsOff = "off"
)

// WithSitemaps sets sitemap discovery: SitemapsAuto (the default) or
// SitemapsOff.
func WithSitemaps(mode string) Option {
	return func(c *config) error {
		switch mode {
		case SitemapsAuto, SitemapsOff:
			c.sitemaps = mode
			return nil
		}
		return fmt.Errorf("sitemaps %s: want %s or %s", quote.Short(mode), SitemapsAuto, SitemapsOff)
	}
}

// discoverSitemaps reports whether the crawl looks for sitemaps itself.
func (c *config) discoverSitemaps() bool {
	return c.sitemaps == SitemapsAuto && c.depth > 0
}

// WithDialContext makes connections with dial instead of the system's
// resolver and network (tests use it to control name resolution). No
// proxy is used then.
func WithDialContext(dial func(ctx context.Context, network, addr string) (net.Conn, error)) Option {
	return func(c *config) error {
		c.dial = dial
		return nil
	}
}

// WithDepth sets how many link hops from a seed the crawl follows (default
// 3). 0 fetches only the seeds and, for a seed that is a sitemap or a
// feed, what it lists; URLs listed by a sitemap or a feed count as seeds.
func WithDepth(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("depth %d: must be 0 or more", n)
		}
		c.depth = n
		return nil
	}
}

// WithMaxPages stops the crawl after n fetches (0, the default, is no
// limit).
func WithMaxPages(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("max pages %d: must be 0 or more", n)
		}
		c.maxPages = n
		return nil
	}
}

// WithParallel caps the requests in flight across all hosts (default 8).
func WithParallel(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("parallel %d: must be 1 or more", n)
		}
		c.parallel = n
		return nil
	}
}

// WithPerHost caps the requests in flight on one host (default 2).
func WithPerHost(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("per host %d: must be 1 or more", n)
		}
		c.perHost = n
		return nil
	}
}

// WithDelay sets the least time between two request starts on one host
// (default 1s). A robots.txt Crawl-delay wins when it is longer.
func WithDelay(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("delay %s: must not be negative", d)
		}
		c.delay = d
		return nil
	}
}

// WithTimeout bounds one request, redirects and body included (default
// 30s).
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("timeout %s: must be positive", d)
		}
		c.timeout = d
		return nil
	}
}

// WithUserAgent sets the User-Agent header, also used to pick the
// robots.txt group (default DefaultUserAgent).
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if ua == "" {
			return fmt.Errorf("user agent: must not be empty")
		}
		c.userAgent = ua
		return nil
	}
}

// WithInclude follows only discovered page URLs that match one of the
// regular expressions. Seeds are always fetched, and so are the sitemaps
// and feeds the crawl discovers, so that their entries can be filtered.
func WithInclude(exprs ...string) Option {
	return func(c *config) error {
		for _, e := range exprs {
			re, err := regexp.Compile(e)
			if err != nil {
				return fmt.Errorf("include %s: %w", quote.Short(e), quote.Error(err))
			}
			c.include = append(c.include, re)
		}
		return nil
	}
}

// WithExclude never follows discovered URLs (pages, sitemaps, feeds) that
// match one of the regular expressions. Seeds are always fetched.
func WithExclude(exprs ...string) Option {
	return func(c *config) error {
		for _, e := range exprs {
			re, err := regexp.Compile(e)
			if err != nil {
				return fmt.Errorf("exclude %s: %w", quote.Short(e), quote.Error(err))
			}
			c.exclude = append(c.exclude, re)
		}
		return nil
	}
}

// WithAllowHosts adds hosts whose links are followed, beyond the seeds'
// hosts ("www." or not does not matter).
func WithAllowHosts(hosts ...string) Option {
	return func(c *config) error {
		c.allowHosts = append(c.allowHosts, hosts...)
		return nil
	}
}

// WithIgnoreRobots makes the crawl ignore robots.txt when on.
func WithIgnoreRobots(on bool) Option {
	return func(c *config) error {
		c.ignoreRobots = on
		return nil
	}
}

// WithRetries sets how many times a transient failure (timeout, reset,
// 5xx, 429) is retried before it is recorded as an error (default 3).
func WithRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("retries %d: must be 0 or more", n)
		}
		c.retries = n
		return nil
	}
}

// WithBackoff sets the first retry delay (default 1s); each further
// attempt doubles it, with jitter.
func WithBackoff(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("backoff %s: must not be negative", d)
		}
		c.backoff = d
		return nil
	}
}

// WithSince skips sitemap and feed entries dated before t, and sitemap
// index children last modified before t.
func WithSince(t time.Time) Option {
	return func(c *config) error {
		c.since = t
		return nil
	}
}

// WithRecrawl fetches again the URLs already captured, with conditional
// requests; a 304 is recorded as a revisit of the earlier capture.
func WithRecrawl(on bool) Option {
	return func(c *config) error {
		c.recrawl = on
		return nil
	}
}

// WithRecrawlAfter is WithRecrawl limited to URLs last fetched more than d
// ago.
func WithRecrawlAfter(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("recrawl after %s: must not be negative", d)
		}
		c.recrawl = true
		c.recrawlAfter = d
		return nil
	}
}

// WithMaxBody caps the size of a body kept (default 10 MiB), after any
// Content-Encoding is removed. Larger bodies are cut and flagged.
func WithMaxBody(n int64) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("max body %d: must be positive", n)
		}
		c.maxBody = n
		return nil
	}
}

// WithMaxPagesPerHost caps the pages fetched from one host (0, the
// default, is no limit).
func WithMaxPagesPerHost(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("max pages per host %d: must be 0 or more", n)
		}
		c.maxPerHost = n
		return nil
	}
}

// WithKeepTypes sets the page types whose extractions are stored in the
// articles table (default: article only). Pages of other types are still
// captured and still feed link discovery.
func WithKeepTypes(types ...string) Option {
	return func(c *config) error {
		keep := make(map[string]bool, len(types))
		for _, t := range types {
			pt, ok := corpus.ParsePageType(t)
			if !ok {
				return fmt.Errorf("keep types: unknown page type %q (want %s)", pt, strings.Join(corpus.PageTypes, ", "))
			}
			keep[pt] = true
		}
		if len(keep) == 0 {
			return fmt.Errorf("keep types: none given")
		}
		c.keepTypes = keep
		return nil
	}
}

// WithKeepAll keeps the bodies of responses that are not HTML, sitemaps or
// feeds (by default they are recorded without their body).
func WithKeepAll(on bool) Option {
	return func(c *config) error {
		c.keepAll = on
		return nil
	}
}

// WithCarryOn makes the crawl carry on from a crawler of the same process
// that stopped when it lost its store (a database restart): it does not
// queue again what a new run would (the hubs of the hosts already
// finished, the URLs whose failure may have passed), since the crawl it
// carries on checked them minutes ago.
func WithCarryOn() Option {
	return func(c *config) error { c.carryOn = true; return nil }
}

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithProgress calls fn about once a second while the crawl runs, and once
// at the end.
func WithProgress(fn func(Progress)) Option {
	return func(c *config) error {
		c.progress = fn
		return nil
	}
}

// WithOnArticle calls fn for every article stored, after its transaction
// committed. fn runs on a crawl worker: keep it quick.
func WithOnArticle(fn func(*corpus.Article)) Option {
	return func(c *config) error {
		c.onArticle = fn
		return nil
	}
}
