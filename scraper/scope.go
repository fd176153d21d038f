package scraper

import (
	"strings"
	"sync"

	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Scope and the seen cache: which URLs the crawl follows, and which it
// already offered to the frontier in this run.

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
