package scraper

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// SeedList is a list of seed URLs too long to hold as a slice, such as a
// seed file of 100,000 lines. The crawl streams it into the frontier in
// batches, and the run's settings record its name, line count and digest
// instead of its URLs.
type SeedList struct {
	Name   string // where the list comes from, e.g. the seed file's path
	Lines  int    // its number of lines
	SHA256 string // hex SHA-256 of its bytes
	// Each calls fn with every seed URL of the list and its line number,
	// in order. It stops at, and returns, the first error of fn or of
	// reading the list.
	Each func(fn func(line int, url string) error) error
}

// WithSeedList adds the seeds of l to those given to Run.
func WithSeedList(l SeedList) Option {
	return func(c *config) error {
		if l.Each == nil {
			return fmt.Errorf("seed list %s: no Each function", l.Name)
		}
		c.seedList = &l
		return nil
	}
}

// seedBatch is how many seeds of a list go into the frontier per
// transaction.
const seedBatch = 2000

// enqueueSeedList streams the seed list into the frontier and returns how
// many seeds it held.
func (c *Crawler) enqueueSeedList(ctx context.Context, now time.Time) (int, error) {
	l := c.cfg.seedList
	if l == nil {
		return 0, nil
	}
	c.log.Info("queuing the seed list", "file", l.Name, "lines", l.Lines)
	n := 0
	batch := make([]string, 0, seedBatch)
	var keys []string // scope hosts new in this batch
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		entries := c.seedEntries(batch)
		seeds := slices.Clone(batch)
		batch = batch[:0]
		err := c.store.Update(ctx, func(tx Tx) error {
			if err := tx.AddScope(ctx, keys, corpus.ScopeSeed, now); err != nil {
				return err
			}
			if _, err := tx.Enqueue(ctx, entries, c.enqueueOptions(now)); err != nil {
				return err
			}
			return c.requeueSeedHubs(ctx, tx, seeds, now)
		})
		keys = keys[:0]
		return err
	}
	err := l.Each(func(line int, raw string) error {
		u, err := urlnorm.Normalize(strings.TrimSpace(raw))
		if err != nil {
			return fmt.Errorf("%s:%d: seed: %w", l.Name, line, err)
		}
		if !c.scope.contains(u) {
			keys = append(keys, c.scope.add(u))
		}
		if len(c.seedsToCheck) < maxSeedsChecked {
			c.seedsToCheck = append(c.seedsToCheck, u)
		}
		batch = append(batch, u)
		n++
		if len(batch) == seedBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return n, fmt.Errorf("crawl: %w", err)
	}
	return n, nil
}
