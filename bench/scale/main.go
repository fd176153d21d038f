// Command scale makes a synthetic corpus of any size and measures archivist
// on it (issue 11, "Scale, measured"): index build rate and peak RSS, index
// size against the text, search latency per kind of query, and export rate
// per format.
//
//	cd bench && go run ./scale gen --db /tmp/scale/100k.db --articles 100000
//	cd bench && go run ./scale run --db /tmp/scale/100k.db
//
// It lives in bench/ rather than in archivist itself so that the shipped
// binary carries no benchmark code; it writes through the corpus API and
// drives the archivist binary (built from this checkout) as a user would.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: scale gen|run [flags] (see the package doc)")
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	switch args[0] {
	case "gen":
		fs := flag.NewFlagSet("gen", flag.ContinueOnError)
		var o genOptions
		fs.StringVar(&o.DB, "db", "", "corpus `path` to create (must not exist)")
		fs.IntVar(&o.Articles, "articles", 100000, "articles to write")
		fs.IntVar(&o.Sites, "sites", 300, "sites")
		fs.Uint64Var(&o.Seed, "seed", 1, "random seed")
		fs.IntVar(&o.Batch, "batch", 1000, "articles per transaction")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if o.DB == "" {
			return fmt.Errorf("gen: --db is required")
		}
		if _, err := os.Stat(o.DB); err == nil {
			return fmt.Errorf("gen: %s exists; give a new path", o.DB)
		}
		return generate(ctx, o, logger.Info)
	case "run":
		fs := flag.NewFlagSet("run", flag.ContinueOnError)
		var o runOptions
		o.addFlags(fs)
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if o.DB == "" {
			return fmt.Errorf("run: --db is required")
		}
		return runBench(ctx, o, logger)
	}
	return fmt.Errorf("unknown command %q (want gen or run)", args[0])
}
