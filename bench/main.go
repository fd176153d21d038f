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
//
// "go run . sets" runs the extractors side by side on every benchmark set
// (extraction-bench, page-types and the evaluation sets shipped in Go
// modules), each split by site into a tuning half and a check half fixed
// in the committed lists of splits/; see README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) > 1 && os.Args[1] == "train-pagetype" {
		code := trainMain(ctx, os.Args[2:])
		stop()
		os.Exit(code)
	}
	if len(os.Args) > 1 && os.Args[1] == "perturb" {
		code := perturbMain(ctx, os.Args[2:])
		stop()
		os.Exit(code)
	}
	if len(os.Args) > 1 && os.Args[1] == "sets" {
		code := setsMain(ctx, os.Args[2:])
		stop()
		os.Exit(code)
	}
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

// setsMain runs the sets command and returns the exit code: 2 for an
// error in the command line, 1 for any other failure.
func setsMain(ctx context.Context, args []string) int {
	opts, err := parseSetsFlags(args, os.Stderr)
	if err == nil {
		err = runSetsCmd(ctx, opts, allSetExtractors(), os.Stdout, os.Stderr)
	}
	return exitCode("bench sets", err)
}

// exitCode reports err of the command named cmd on stderr and returns the
// exit code: 0 for none (or -h), 2 for a mistake in the command line, 1
// for any other failure.
func exitCode(cmd string, err error) int {
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, cmd+":", strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		return 2
	default:
		fmt.Fprintln(os.Stderr, cmd+":", err)
		return 1
	}
}

// parseArgs parses args with fs: -h gives flag.ErrHelp, any other mistake
// and any argument left over an errUsage.
func parseArgs(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return nil
}
