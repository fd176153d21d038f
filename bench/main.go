// Command bench compares article-body extractors on the 181 pages of
// shared/extraction-bench, in one process on the same pages: archivist's
// scraper/extract, go-trafilatura (with fallbacks), readeck's
// go-readability, and the whole page text as a baseline that checks the
// scorer. It prints F1, precision, recall, accuracy, pages per second on
// one core, the slowest page and memory, as a Markdown table or JSON.
//
// It is a module of its own so that the archivist binary does not carry
// the comparison libraries. Usage:
//
//	cd bench && go run . [-passes 3] [-only archivist,readeck] [-v] [-dump DIR] [-json] [-data DIR]
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
		err = runBench(ctx, opts, allExtractors(), os.Stdout, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
