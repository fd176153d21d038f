package scraper

import (
	"context"

	"github.com/archivist-project/archivist/corpus"
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
