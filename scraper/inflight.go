package scraper

import (
	"sync"
	"time"
)

// inflight records when each request in flight started, so that a
// stopping crawl can say what it waits for (Crawler.InFlight). The zero
// value is ready to use.
type inflight struct {
	mu    sync.Mutex
	next  uint64
	start map[uint64]time.Time
}

// begin records a request starting now and returns the function that
// records its end.
func (f *inflight) begin() (end func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.start == nil {
		f.start = make(map[uint64]time.Time)
	}
	f.next++
	id := f.next
	f.start[id] = time.Now()
	return func() {
		f.mu.Lock()
		delete(f.start, id)
		f.mu.Unlock()
	}
}

// InFlight returns how many requests the crawl is running now (robots.txt
// fetches included, with the wait for their host's turn) and how long the
// oldest of them has run. It is safe to call while Run runs, from any
// goroutine: a stopping crawl's status line uses it ("waiting for 2
// requests (longest 12s)").
func (c *Crawler) InFlight() (n int, longest time.Duration) {
	f := &c.reqs
	f.mu.Lock()
	defer f.mu.Unlock()
	now := time.Now()
	for _, t := range f.start {
		longest = max(longest, now.Sub(t))
	}
	return len(f.start), longest
}
