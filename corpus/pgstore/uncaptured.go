package pgstore

import "sync"

// uncapturedSet holds the URLs of hubs (frontier entries with a kind: a
// seed, a sitemap, a feed) that a claim of this worker found without a
// capture LatestCapture would return. The crawler asks LatestCapture
// right before it fetches a hub, for a conditional request; in a new
// crawl the answer is always "none", and asking cost the fetch a wait for
// the worker's one connection, behind the page transaction in progress
// (5 hubs of a 200-article crawl, the first pages fetched: 80-93 ms in all
// at load 9). The claim answers it in its own round trip instead, for
// each hub it claims; LatestCapture then takes the answer once, and a
// capture of the URL stored by this worker (as its URL or its requested
// URL) drops it first. A capture of the URL that another process stores
// between the claim and the fetch is not seen: the request is then sent
// without the conditional headers, as before that capture existed.
type uncapturedSet struct {
	mu   sync.Mutex
	urls map[string]bool
}

func (s *uncapturedSet) add(u string) {
	s.mu.Lock()
	if s.urls == nil {
		s.urls = map[string]bool{}
	}
	s.urls[u] = true
	s.mu.Unlock()
}

// take reports whether u was known to have no capture, and forgets it.
func (s *uncapturedSet) take(u string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ok := s.urls[u]
	delete(s.urls, u)
	return ok
}

// drop forgets urls: a capture of them is being stored.
func (s *uncapturedSet) drop(urls ...string) {
	s.mu.Lock()
	for _, u := range urls {
		delete(s.urls, u)
	}
	s.mu.Unlock()
}
