package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/panics"
	"github.com/archivist-project/archivist/scraper/extract"
)

// batchRecord is one line of `extract --urls FILE --json` for a page
// that was extracted.
type batchRecord struct {
	corpus.Article
	Source string `json:"source"`
	Path   string `json:"path"`
}

// batchError is one line of `extract --urls FILE --json` for a page that
// failed.
type batchError struct {
	Path  string `json:"path"`
	URL   string `json:"url"`
	Error string `json:"error"`
}

// pageResult is the outcome of one page of a batch, rendered by a worker.
type pageResult struct {
	entry  listEntry
	out    []byte // what goes to stdout
	err    error  // the page failed
	flags  []string
	notArt bool
}

// batchJob is one page for a worker, with where its result goes.
type batchJob struct {
	entry listEntry
	done  chan<- pageResult
}

// runExtractBatch extracts every page of the list opts.URLs with
// opts.Parallel workers and writes the results in list order. The list is
// checked in full before any page is read. It returns an error when a page
// failed, after writing every page.
func runExtractBatch(ctx context.Context, e *env, opts extractOptions) error {
	total := 0
	if err := scanList(ctx, opts.URLs, func(listEntry) error { total++; return nil }); err != nil {
		return err
	}
	if total == 0 {
		return usagef("extract: %s lists no pages", opts.URLs)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// order holds each page's result channel in list order; its capacity
	// bounds how many results wait for an earlier, slower page.
	order := make(chan chan pageResult, 4*opts.Parallel)
	jobs := make(chan batchJob)
	var scanErr error
	go func() {
		defer close(order)
		defer close(jobs)
		scanErr = scanList(ctx, opts.URLs, func(en listEntry) error {
			done := make(chan pageResult, 1)
			select {
			case order <- done:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- batchJob{entry: en, done: done}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range opts.Parallel {
		wg.Go(func() {
			for j := range jobs {
				j.done <- extractPage(j.entry, opts)
			}
		})
	}
	failed, done, werr := writeBatch(ctx, e, opts, order)
	cancel()
	for range order { // let the reader stop
	}
	wg.Wait()
	switch {
	case werr != nil:
		return werr
	case scanErr != nil && !errors.Is(scanErr, context.Canceled):
		return scanErr
	case parent.Err() != nil && done < total:
		return parent.Err()
	case failed > 0:
		return fmt.Errorf("extract: %d of %d pages failed", failed, total)
	}
	return nil
}

// writeBatch writes the results in list order as they come. It returns
// how many pages failed and how many were written.
func writeBatch(ctx context.Context, e *env, opts extractOptions, order <-chan chan pageResult) (failed, done int, err error) {
	w := bufio.NewWriter(e.stdout)
	blocks := 0
	for ch := range order {
		var r pageResult
		select {
		case r = <-ch:
		case <-ctx.Done():
			return failed, done, w.Flush()
		}
		if !opts.JSON && len(r.out) > 0 {
			if blocks > 0 {
				w.WriteString("\n")
			}
			blocks++
		}
		if _, err := w.Write(r.out); err != nil {
			return failed, done, fmt.Errorf("extract: write: %w", err)
		}
		done++
		if r.err != nil {
			failed++
			if !opts.JSON {
				// Keep stdout and stderr in step on a terminal.
				if err := w.Flush(); err != nil {
					return failed, done, fmt.Errorf("extract: write: %w", err)
				}
				fmt.Fprintf(e.stderr, "archivist: extract %s: %s\n", r.entry.Path, oneLine(r.err.Error()))
			}
		} else if r.notArt && !opts.JSON {
			e.logger.Info("page does not look like an article", "source", r.entry.Path, "flags", strings.Join(r.flags, ","))
		}
		if len(order) == 0 { // nothing else ready: let the reader see this page now
			if err := w.Flush(); err != nil {
				return failed, done, fmt.Errorf("extract: write: %w", err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return failed, done, fmt.Errorf("extract: write: %w", err)
	}
	return failed, done, nil
}

// extractPage reads, extracts and renders one page of a batch.
func extractPage(en listEntry, opts extractOptions) (r pageResult) {
	r = pageResult{entry: en}
	defer func() {
		// A bug on one page fails that page, not the batch: workers run
		// outside Main's recover.
		if v := recover(); v != nil {
			r = pageResult{entry: en, err: fmt.Errorf("internal error (a bug in archivist; please report it): %s [%s]", oneLine(fmt.Sprint(v)), panics.Stack())}
			if opts.JSON {
				r.out, _ = jsonLine(batchError{Path: en.Path, URL: en.URL, Error: r.err.Error()})
			}
		}
	}()
	if extractHook != nil {
		extractHook(en)
	}
	body, err := readPage(en.File, extract.DefaultMaxBytes)
	var art corpus.Article
	if err == nil {
		art, err = extract.Extract(extract.Input{Body: body, URL: en.URL, ContentType: opts.ContentType, FetchedAt: time.Now()})
	}
	if err != nil {
		// The line names the page already: drop the extractor's own
		// "extract URL: " prefix.
		r.err = errors.New(strings.TrimPrefix(oneLine(err.Error()), "extract "+en.URL+": "))
		if opts.JSON {
			r.out, _ = jsonLine(batchError{Path: en.Path, URL: en.URL, Error: r.err.Error()})
		}
		return r
	}
	r.flags, r.notArt = art.Flags, art.HasFlag(corpus.FlagNotArticle)
	stampExtraction(&art)
	if opts.JSON {
		if r.out, err = jsonLine(batchRecord{Article: art, Source: en.File, Path: en.Path}); err != nil {
			r.err = err
			r.out, _ = jsonLine(batchError{Path: en.Path, URL: en.URL, Error: err.Error()})
		}
		return r
	}
	r.out = fmt.Appendf(nil, "==> %s <==\n%s\n\n%s\n", en.Path, art.Title, strings.TrimSpace(art.Text))
	return r
}

// extractHook, for tests, is called with each page before it is read; it
// may panic.
var extractHook func(listEntry)

// jsonLine encodes v as one line of JSON.
func jsonLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return buf.Bytes(), nil
}

// readPage reads the page at path, decompressing it when it is gzip data
// (by its magic bytes, whatever its name), and fails with
// extract.ErrTooLarge when it holds more than max bytes, without reading
// (or inflating) more than max+1 of them.
func readPage(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("no such file")
		}
		return nil, fmt.Errorf("read page: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("is a directory")
	}
	body, err := readLimited(f, max)
	if err != nil && !errors.Is(err, extract.ErrTooLarge) {
		return nil, fmt.Errorf("read page: %w", err)
	}
	return body, err
}
