package scraper

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/panics"
)

// maxPanics is how many times processing a URL may panic before the crawl
// gives it up: the first panic queues it for one more try (a panic can
// depend on timing), the second fails it for good, so that no resumed
// crawl fetches it again.
const maxPanics = 2

// panicError is a panic recovered while processing a URL: a bug, not a
// property of the page, so it is recorded on the URL and the crawl goes on.
type panicError struct {
	value any
	stack string
}

func (p *panicError) Error() string {
	return fmt.Sprintf("panic: %v", p.value)
}

// recovered turns the value of recover into a *panicError, nil for none.
func recovered(v any) *panicError {
	if v == nil {
		return nil
	}
	return &panicError{value: v, stack: panics.Stack()}
}

// processSafely runs process and turns a panic into a failure of the URL
// (see recordPanic): a bug met on one page must not stop the crawl, nor
// leave the URL in flight for every resumed crawl to panic on again. The
// returned error, like process's, means the corpus could not be written.
func (c *Crawler) processSafely(ctx context.Context, f *fetcher, j job) (err error) {
	defer func() {
		if p := recovered(recover()); p != nil {
			err = c.recordPanic(ctx, j, p)
		}
	}()
	err = c.process(ctx, f, j)
	var p *panicError
	if errors.As(err, &p) {
		// A save function of this URL panicked in the saver.
		return c.recordPanic(ctx, j, p)
	}
	return err
}

// recordPanic logs a panic met while processing j's URL and records it:
// a failed capture whose error is the panic's message, and the URL's panic
// count in the frontier, which queues it for one more try or, at
// maxPanics, fails it for good.
func (c *Crawler) recordPanic(ctx context.Context, j job, p *panicError) error {
	e := j.entry
	c.log.Error("unexpected failure processing a URL; recorded as an error, the crawl goes on",
		"url", e.URL, "err", p.Error(), "stack", p.stack)
	now := time.Now()
	capt := &corpus.Capture{RequestedURL: e.URL, URL: e.URL, Method: "GET", FetchedAt: now.UTC(),
		ErrorKind: corpus.ErrKindPanic, Error: p.Error(), Depth: e.Depth, Source: e.Source}
	var (
		state  string
		panics int
	)
	err := c.save(ctx, func(tx Tx) error {
		cur, err := tx.FrontierEntry(ctx, e.URL)
		if err != nil {
			return err
		}
		if cur.State != corpus.StateInFlight {
			// The URL's results were saved before the panic.
			state = cur.State
			return nil
		}
		id, err := tx.AddCapture(ctx, capt)
		if err != nil {
			return err
		}
		state, panics, err = tx.RecordPanic(ctx, e.ID, id, maxPanics, truncate(p.Error(), 500),
			now.Add(c.backoff(e.Panics+1)), now)
		return err
	})
	if err != nil {
		return fmt.Errorf("crawl: record the failure of %s: %w", e.URL, err)
	}
	if panics == 0 {
		return nil
	}
	c.count(func(k *counters) {
		k.fetched++
		k.errors++
		k.byKind[corpus.ErrKindPanic]++
	})
	if state == corpus.StateQueued {
		c.sched.touch(map[string]bool{j.host: true})
	}
	c.log.Debug("panic recorded", "url", e.URL, "panics", panics, "state", state)
	return nil
}

// fetchRobotsSafely runs fetchRobots; after a panic the host's robots.txt
// counts as unreadable (everything allowed), as when it cannot be parsed.
func (c *Crawler) fetchRobotsSafely(ctx context.Context, f *fetcher, host string) {
	defer func() {
		if p := recovered(recover()); p != nil {
			c.log.Error("unexpected failure reading robots.txt: allowing everything",
				"host", host, "err", p.Error(), "stack", p.stack)
			c.sched.mu.Lock()
			ready := c.sched.get(host).robotsState == robotsReady
			c.sched.mu.Unlock()
			if !ready {
				c.sched.setRobots(host, nil, c.cfg.userAgent)
			}
		}
	}()
	c.fetchRobots(ctx, f, host)
}

// truncate cuts s to at most n bytes, on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
