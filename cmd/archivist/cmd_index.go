package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/archivist-project/archivist/index"
)

// indexOptions are the flags of `archivist index`.
type indexOptions struct {
	Rebuild bool
}

// AddFlags registers the index flags on fs.
func (o *indexOptions) AddFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.Rebuild, "rebuild", false, "rebuild the index from scratch instead of bringing it up to date")
}

func indexCommand() *command {
	c := &command{
		name:    "index",
		summary: "bring the full-text index up to date with the corpus",
		usage: `Usage: archivist index [--rebuild]

Indexes every article added or changed since the last run (crawl does this
itself as it goes). --rebuild starts from scratch, e.g. after an upgrade.

Example:
  archivist index --rebuild`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts indexOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		if err := noArgs(c, rest, ""); err != nil {
			return err
		}
		return runIndex(ctx, e, opts)
	}
	return c
}

func runIndex(ctx context.Context, e *env, opts indexOptions) error {
	db, err := e.openCorpus(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	var ix *index.Index
	if opts.Rebuild {
		// Recreate replaces a damaged index or one from another version.
		ix, err = index.Recreate(e.global.indexPath(), index.WithLogger(e.logger))
	} else {
		ix, err = e.openIndex(ctx)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	start := time.Now()
	var n int
	if opts.Rebuild {
		n, err = ix.Rebuild(ctx, db)
	} else {
		n, err = ix.Update(ctx, db)
	}
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	total, err := ix.Count()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	fmt.Fprintf(e.stdout, "indexed %d articles in %s; the index holds %d (%s)\n",
		n, time.Since(start).Round(time.Millisecond), total, e.global.indexPath())
	return nil
}
