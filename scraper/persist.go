package scraper

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// Persist stage: every write of the crawl goes through one transaction
// interface, Tx, run by a Writer. Workers hand their writes to the saver,
// which commits them in groups.

// Tx is one write transaction: the frontier's writes (FrontierTx), which
// must land with the capture that settles a URL, and the corpus's
// (CorpusTx). Tx implements it; a store in another engine
// implements it with the same signatures, which use only standard and
// corpus types.
type Tx interface {
	FrontierTx
	CorpusTx
}

// FrontierTx is the frontier's side of a write transaction: settling a
// URL (finish, retry, release, skip), queueing the URLs a page leads to,
// and the crawl run's record and scope.
type FrontierTx interface {
	// Enqueue adds entries in one batch, ignoring those the frontier
	// already knows unless opts ask to visit them again. It returns how
	// many were queued.
	Enqueue(ctx context.Context, entries []corpus.FrontierEntry, opts corpus.EnqueueOptions) (int, error)
	// Finish settles a claimed entry: done, failed or skipped, with the
	// capture it produced (0 for none) and why.
	Finish(ctx context.Context, id int64, state string, captureID int64, reason string, now time.Time) error
	// Retry queues a claimed entry again, due at notBefore.
	Retry(ctx context.Context, id int64, notBefore time.Time, reason string, now time.Time) error
	// Release returns claimed entries to the queue untouched.
	Release(ctx context.Context, ids []int64) error
	// SkipQueued marks every queued entry of host skipped for reason.
	SkipQueued(ctx context.Context, host, reason string, now time.Time) (int64, error)
	// SetKind records what an entry turned out to be (a hub, a sitemap, a
	// feed).
	SetKind(ctx context.Context, id int64, kind string) error
	// SetRedirectTo records where an entry redirects.
	SetRedirectTo(ctx context.Context, id int64, target string) error
	// FrontierEntry returns the entry of URL u, corpus.ErrNotFound when
	// there is none.
	FrontierEntry(ctx context.Context, u string) (corpus.FrontierEntry, error)
	// RecordPanic counts a panic on a claimed entry and queues it again
	// (not before notBefore) or, past limit panics, fails it.
	RecordPanic(ctx context.Context, id, captureID int64, limit int, reason string, notBefore, now time.Time) (string, int, error)
	// RecordRobots records a read of origin's robots.txt and whether it
	// changed.
	RecordRobots(ctx context.Context, origin string, check corpus.RobotsCheck, now time.Time) (changed bool, err error)
	// RequeueRobotsSkipped queues again the URLs of origin that robots.txt
	// made the crawl skip.
	RequeueRobotsSkipped(ctx context.Context, origin string, now time.Time) (int64, error)
	// ClaimRun claims up to n URLs of host due at now, queued by run (by
	// any run when run is 0).
	ClaimRun(ctx context.Context, host string, run int64, n int, now time.Time) ([]corpus.FrontierEntry, error)
	// NextDueRun returns when host's next queued URL of run becomes due.
	NextDueRun(ctx context.Context, host string, run int64) (time.Time, bool, error)
	// BeginRun records a crawl run with its settings and returns its id.
	BeginRun(ctx context.Context, settings any, now time.Time) (int64, error)
	// EndRun records the end of run id with its summary.
	EndRun(ctx context.Context, id int64, summary any, now time.Time) error
	// Scope returns the stored scope's host keys, and whether a scope was
	// stored at all.
	Scope(ctx context.Context) (hosts []string, stored bool, err error)
	// AddScope adds host keys to the stored scope.
	AddScope(ctx context.Context, hosts []string, source string, now time.Time) error
	// RequeueHubs queues again the hubs of hosts whose crawl finished.
	RequeueHubs(ctx context.Context, run int64, maxDepth int, now time.Time) (int64, error)
	// RequeueHubURLs queues again, for run, those of urls that are hubs.
	RequeueHubURLs(ctx context.Context, run int64, urls []string, now time.Time) (int64, error)
	// RequeueUnreachable queues again the URLs that failed for a cause
	// that may pass.
	RequeueUnreachable(ctx context.Context, now time.Time) (int64, error)
}

// CorpusTx is the corpus's side of a write transaction: captures,
// articles and their names.
type CorpusTx interface {
	// AddCapture stores a capture and returns its id.
	AddCapture(ctx context.Context, c *corpus.Capture) (int64, error)
	// PutArticle stores an article under key and returns its id.
	PutArticle(ctx context.Context, a *corpus.Article, key string) (int64, error)
	// ArticleIDByContent, ArticleIDByKey and ArticleIDByURL find an
	// article, corpus.ErrNotFound when there is none.
	ArticleIDByContent(ctx context.Context, sum string) (int64, error)
	ArticleIDByKey(ctx context.Context, key string) (int64, error)
	ArticleIDByURL(ctx context.Context, u string) (int64, error)
	// AddArticleURL records u as a name of an article.
	AddArticleURL(ctx context.Context, articleID int64, u string) error
	// RedirectsTo returns the URLs whose redirects lead to target.
	RedirectsTo(ctx context.Context, target string) ([]string, error)
}

var _ Tx = (Tx)(nil)

// Writer is the corpus as the persist stage sees it. A store whose
// transaction type implements Tx adapts to it in three lines (see
// sqliteStore.Update).
type Writer interface {
	// Update runs fn in one write transaction, committed when fn returns
	// nil. fn may be run again after a failed commit.
	Update(ctx context.Context, fn func(tx Tx) error) error
	// Pack compresses a capture's body ahead of the write transaction.
	Pack(c *corpus.Capture)
	// LatestCapture returns the latest capture of u, for conditional
	// requests.
	LatestCapture(ctx context.Context, u string) (*corpus.Capture, error)
}

// maxBatch caps the fetch results committed in one transaction.
const maxBatch = 64

// saver commits the workers' results in groups: each result is written by
// one function, all of whose writes land in one transaction, and the
// functions waiting at the same time share a transaction. SQLite has one
// writer, and a commit costs more than the writes of one page, so this
// is what lets several workers save at the rate they fetch. A function
// must be safe to run again: when a shared transaction fails, each
// function is retried in a transaction of its own, so that one bad
// result fails alone.
type saver struct {
	db   Writer
	reqs chan saveReq
	done chan struct{}
}

type saveReq struct {
	fn  func(tx Tx) error
	err chan error
}

func newSaver(db Writer) *saver {
	s := &saver{db: db, reqs: make(chan saveReq), done: make(chan struct{})}
	return s
}

// run commits requests until close.
func (s *saver) run(ctx context.Context) {
	defer close(s.done)
	for first := range s.reqs {
		batch := []saveReq{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-s.reqs:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		err := s.db.Update(ctx, func(tx Tx) error {
			for _, r := range batch {
				if err := callSafely(r.fn, tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil && len(batch) > 1 {
			for _, r := range batch {
				r.err <- s.db.Update(ctx, func(tx Tx) error { return callSafely(r.fn, tx) })
			}
			continue
		}
		for _, r := range batch {
			r.err <- err
		}
	}
}

// callSafely runs fn, returning a panic as a *panicError: the
// transaction is rolled back and the worker that sent fn records the
// panic on its URL.
func callSafely(fn func(tx Tx) error, tx Tx) (err error) {
	defer func() {
		if p := recovered(recover()); p != nil {
			err = p
		}
	}()
	return fn(tx)
}

// save runs fn in a write transaction, possibly shared with other
// workers' functions, and returns when it committed.
func (s *saver) save(fn func(tx Tx) error) error {
	r := saveReq{fn: fn, err: make(chan error, 1)}
	s.reqs <- r
	return <-r.err
}

// close stops the saver once every request is answered.
func (s *saver) close() {
	close(s.reqs)
	<-s.done
}

// save runs fn in a write transaction, through the group-commit saver
// while a crawl runs.
func (c *Crawler) save(ctx context.Context, fn func(tx Tx) error) error {
	if c.saver != nil {
		return c.saver.save(fn)
	}
	return c.store.Update(ctx, fn)
}

// saveArticle stores art under key, or, when an article was already
// extracted from an identical body, records the URLs under that one; dup
// tells which, and same that the identical body is the article's own,
// fetched again under a URL it already has: an unchanged page, no copy.
func (c *Crawler) saveArticle(ctx context.Context, tx Tx, art *corpus.Article, key string, aliases []string) (dup, same bool, err error) {
	id, err := tx.ArticleIDByContent(ctx, art.ContentSHA256)
	switch {
	case err == nil:
		art.ID, dup = id, true
		had, err := tx.ArticleIDByURL(ctx, art.URL)
		switch {
		case err == nil && had == id:
			dup, same = false, true
		case err != nil && !errors.Is(err, corpus.ErrNotFound):
			return dup, false, err
		default:
			if err := tx.AddArticleURL(ctx, id, art.URL); err != nil {
				return dup, false, err
			}
		}
	case errors.Is(err, corpus.ErrNotFound):
		// A duplicate under another URL (a print version, a variant)
		// whose rel=canonical names an article we have does not replace
		// it: the page at the canonical URL itself wins.
		existing, err := tx.ArticleIDByKey(ctx, key)
		switch {
		case err == nil && !slices.Contains(aliases, key):
			art.ID, dup = existing, true
			if err := tx.AddArticleURL(ctx, existing, art.URL); err != nil {
				return dup, false, err
			}
		case err == nil || errors.Is(err, corpus.ErrNotFound):
			if _, err := tx.PutArticle(ctx, art, key); err != nil {
				return false, false, err
			}
		default:
			return false, false, err
		}
	default:
		return false, false, err
	}
	return dup, same, addNames(ctx, tx, art.ID, aliases)
}

// addNames records urls as names of article id, with the URLs whose
// redirects lead to them (an old URL, a short link), a few hops back.
func addNames(ctx context.Context, tx Tx, id int64, urls []string) error {
	names := append([]string(nil), urls...)
	seen := map[string]bool{}
	for hop := 0; hop < maxRedirects && len(names) > 0; hop++ {
		var next []string
		for _, u := range names {
			if seen[u] {
				continue
			}
			seen[u] = true
			if err := tx.AddArticleURL(ctx, id, u); err != nil {
				return err
			}
			from, err := tx.RedirectsTo(ctx, u)
			if err != nil {
				return err
			}
			next = append(next, from...)
		}
		names = next
	}
	return nil
}

// laterEnqueuer is a transaction that can send a page's Enqueue with its
// COMMIT, when nothing in the transaction waits for the count
// (pgstore.Tx: a round trip fewer a page); added is set before it
// commits.
type laterEnqueuer interface {
	EnqueueLater(ctx context.Context, entries []corpus.FrontierEntry, opts corpus.EnqueueOptions, added *int) error
}

// commit saves a page in one transaction, through the saver: its capture,
// its article, its frontier entry settled, the redirect chain's URLs and
// the URLs found. It returns how many URLs were queued.
func (c *Crawler) commit(ctx context.Context, p *page) (added int, err error) {
	e, kind := p.entry, p.kind
	state := corpus.StateDone
	if kind != "" && kind != corpus.ErrKindTooLarge {
		state = corpus.StateFailed
	}
	c.store.Pack(p.capt) // compress here, in parallel, not in the single writer
	err = c.save(ctx, func(tx Tx) error {
		id, err := tx.AddCapture(ctx, p.capt)
		if err != nil {
			return err
		}
		if p.art != nil {
			p.art.CaptureID = id
			if p.dup, p.same, err = c.saveArticle(ctx, tx, p.art, p.artKey, p.chain); err != nil {
				return err
			}
		}
		if err := c.saveRedirect(ctx, tx, p); err != nil {
			return err
		}
		if err := tx.Finish(ctx, e.ID, state, id, kind, p.now); err != nil {
			return err
		}
		if k := foundKind(e, p.dk, p.hub); k != "" && kind == "" && p.status >= 200 && p.status < 300 {
			if err := tx.SetKind(ctx, e.ID, k); err != nil {
				return err
			}
		}
		if p.newScope != "" {
			if err := tx.AddScope(ctx, []string{p.newScope}, corpus.ScopeRedirect, p.now); err != nil {
				return err
			}
		}
		found, err := c.settleChain(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if lt, ok := tx.(laterEnqueuer); ok && c.cfg.watch == nil {
			return lt.EnqueueLater(ctx, found, c.enqueueOptions(p.now), &added)
		}
		added, err = tx.Enqueue(ctx, found, c.enqueueOptions(p.now))
		if err != nil || c.cfg.watch == nil {
			return err
		}
		return c.cfg.watch(ctx, tx, c.fetched(p, state, added))
	})
	if err != nil {
		return 0, &SaveError{URL: e.URL, Err: err}
	}
	return added, nil
}

// SaveError is the store's error when a fetched page was saved: a crawl
// that stops on it names the URL it was saving.
type SaveError struct {
	URL string
	Err error
}

func (e *SaveError) Error() string { return fmt.Sprintf("crawl: save %s: %v", e.URL, e.Err) }

func (e *SaveError) Unwrap() error { return e.Err }

// saveRedirect records where a redirect the fetch did not follow leads.
// The target is fetched on its own: its article, now or when it is
// stored, takes the chain's URLs as names.
func (c *Crawler) saveRedirect(ctx context.Context, tx Tx, p *page) error {
	to := p.r.stopAt
	if to == "" {
		return nil
	}
	if err := tx.SetRedirectTo(ctx, p.entry.ID, to); err != nil {
		return err
	}
	if aid, err := tx.ArticleIDByURL(ctx, to); err == nil {
		return addNames(ctx, tx, aid, p.chain)
	} else if !errors.Is(err, corpus.ErrNotFound) {
		return err
	}
	return nil
}

// settleChain returns the page's found URLs with those of its redirect
// chain the frontier does not know, as done: every URL of the chain was
// fetched, and the visited set must know them. Those queued are settled
// as done. The page's own list is not changed: the transaction may run
// again.
func (c *Crawler) settleChain(ctx context.Context, tx Tx, p *page, captureID int64) ([]corpus.FrontierEntry, error) {
	e, to := p.entry, p.r.stopAt
	found := p.found[:len(p.found):len(p.found)]
	for _, u := range p.chain {
		if u == e.URL {
			continue
		}
		fe, err := tx.FrontierEntry(ctx, u)
		switch {
		case errors.Is(err, corpus.ErrNotFound):
			found = append(found, corpus.FrontierEntry{URL: u, Host: origin(u), Depth: e.Depth,
				Priority: -e.Depth, Source: e.URL, State: corpus.StateDone, CaptureID: captureID, RedirectTo: to})
		case err != nil:
			return nil, err
		case fe.State == corpus.StateQueued:
			if err := tx.Finish(ctx, fe.ID, corpus.StateDone, captureID, "redirect", p.now); err != nil {
				return nil, err
			}
			if to != "" {
				if err := tx.SetRedirectTo(ctx, fe.ID, to); err != nil {
					return nil, err
				}
			}
		}
	}
	return found, nil
}
