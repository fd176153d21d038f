// Command othersites measures article extractors on pages from other
// sites than the extraction benchmark's: the evaluation sets that ship
// with go-trafilatura v1.12.2 (body snippets, titles, dates, authors) and
// go-htmldate v1.9.1 (publication dates), read in place from the Go
// module cache. It runs archivist's scraper/extract, go-trafilatura
// (with fallbacks), readeck's go-readability and go-htmldate on the same
// pages in one process on one core and prints upstream's scores as a
// Markdown table. It is a measurement, not a tuning set: see README.md.
//
// Usage:
//
//	cd bench && go run ./othersites [-passes 3] [-only archivist,go-htmldate] [-details DIR] [-json]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err == nil {
		err = run(ctx, opts, allExtractors(), os.Stdout, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "othersites:", err)
		os.Exit(1)
	}
}
