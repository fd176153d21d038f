package scrapertest

import "time"

// Config is what the options set. The zero value is not useful; start from
// the defaults that NewSite applies.
type Config struct {
	// Site names the site; its content (and thus every phrase) is seeded
	// from the name, so servers with different names serve different
	// articles. Default "news".
	Site string
	// Articles is the number of article pages, special pages included
	// (charset pages, the sitemap-only and feed-only articles, the flaky
	// ones). Default 200; at least 16.
	Articles int
	// Faults turns the trap and fault pages on. Default true.
	Faults bool
	// Latency is added before every response.
	Latency time.Duration
	// CrawlDelay, when positive, is announced in robots.txt.
	CrawlDelay time.Duration
	// Host is the loopback address to listen on (NewServer only).
	Host string
	// SlowDelay is how long the slow page takes to answer. Default 2s.
	SlowDelay time.Duration
}

// Option changes the configuration of a fake site.
type Option func(*Config)

// WithSite names the site (default "news"). Different names give
// different content and a different site name.
func WithSite(name string) Option { return func(c *Config) { c.Site = name } }

// WithLatency adds d before every response.
func WithLatency(d time.Duration) Option { return func(c *Config) { c.Latency = d } }

// WithArticles sets the number of article pages (default 200, at least
// MinArticles: smaller numbers are raised to it).
func WithArticles(n int) Option { return func(c *Config) { c.Articles = max(n, MinArticles) } }

// MinArticles is the smallest site WithArticles makes: the URL variants,
// the duplicate and the redirects need that many regular articles.
const MinArticles = 20

// WithFaults turns the trap and fault pages on or off (default on). With
// faults off, the pages that answer 503 or 429 at first answer 200 at
// once, and the traps are neither linked nor served.
func WithFaults(on bool) Option { return func(c *Config) { c.Faults = on } }

// WithCrawlDelay makes robots.txt announce a Crawl-delay of d (rounded to
// milliseconds). By default robots.txt has none.
func WithCrawlDelay(d time.Duration) Option { return func(c *Config) { c.CrawlDelay = d } }

// WithHost makes NewServer listen on another loopback address, such as
// "127.0.0.2", so that a test can run several distinct hosts.
func WithHost(ip string) Option { return func(c *Config) { c.Host = ip } }

// WithSlowDelay sets how long the slow page (/live/slow) takes to answer
// (default 2s).
func WithSlowDelay(d time.Duration) Option { return func(c *Config) { c.SlowDelay = d } }

func defaultConfig(opts []Option) Config {
	c := Config{Site: "news", Articles: 200, Faults: true, SlowDelay: 2 * time.Second}
	for _, o := range opts {
		o(&c)
	}
	if c.Site == "" {
		c.Site = "news"
	}
	c.Articles = max(c.Articles, minArticles)
	return c
}
