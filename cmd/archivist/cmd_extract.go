package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/extract"
)

// extractOptions are the flags of `archivist extract`.
type extractOptions struct {
	JSON        bool
	URL         string
	ContentType string
	URLs        string // a page list: batch mode
	Parallel    int
}

// AddFlags registers the extract flags on fs.
func (o *extractOptions) AddFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object per input per line, every article field plus \"source\"")
	fs.StringVar(&o.URL, "url", "", "the page's `URL` (resolves relative links, sets site; default file://PATH)")
	fs.StringVar(&o.ContentType, "content-type", "", "the page's Content-Type `header`, e.g. \"text/html; charset=windows-1256\"")
	fs.StringVar(&o.URLs, "urls", "", "extract the pages listed in `FILE`: TSV lines \"path<TAB>url\" or a JSON object {\"path\": \"url\"}")
	fs.IntVar(&o.Parallel, "parallel", runtime.NumCPU(), "with --urls, extract `N` pages at a time")
}

func extractCommand() *command {
	c := &command{
		name:    "extract",
		summary: "extract the article from local HTML files (no network)",
		usage: `Usage: archivist extract [--json] [--url URL] [--content-type HEADER] FILE... (or - for standard input)
       archivist extract [--json] [--content-type HEADER] [--parallel N] --urls LIST

Runs the article extractor on saved pages. Default output: the title, a blank
line, the body text (paragraphs separated by blank lines). With --json, one
JSON object per input per line: the article fields plus "source". An
input that fails (over 16 MiB, not HTML) gets an error line on stderr
(with --json, a record with "error" in its place), the others go on, and
the exit code is 1.

With --urls, extracts every page of LIST, in LIST's order: TSV lines
"path<TAB>url" (blank lines and # comments skipped) or a JSON object
{"path": "url", ...}; paths are relative to LIST's folder; gzip files are
read directly. A page that fails gets an error line and the others go on
(exit code 1 at the end).

Examples:
  archivist extract --url https://www.example.com/2024/05/17/story.html page.html
  archivist extract --json --urls pages.tsv > articles.jsonl`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts extractOptions
		files, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		return runExtract(ctx, e, opts, files)
	}
	return c
}

// extractRecord is one line of `extract --json`.
type extractRecord struct {
	corpus.Article
	Source string `json:"source"`
}

// extractError is one line of `extract --json` for an input that failed.
type extractError struct {
	Source string `json:"source"`
	URL    string `json:"url"`
	Error  string `json:"error"`
}

func runExtract(ctx context.Context, e *env, opts extractOptions, files []string) error {
	if err := checkExtractArgs(opts, files); err != nil {
		return err
	}
	if opts.URLs != "" {
		return runExtractBatch(ctx, e, opts)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	failed, blocks := 0, 0
	var lastErr error
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		pageURL := inputURL(opts.URL, f)
		art, err := extractInput(e, f, pageURL, opts.ContentType)
		if err != nil {
			failed++
			lastErr = fmt.Errorf("extract %s: %w", inputName(f), err)
			if len(files) > 1 {
				fmt.Fprintf(e.stderr, "archivist: %s\n", oneLine(lastErr.Error()))
			}
			if opts.JSON {
				if err := enc.Encode(extractError{Source: f, URL: pageURL, Error: oneLine(err.Error())}); err != nil {
					return fmt.Errorf("extract: write: %w", err)
				}
			}
			continue
		}
		if opts.JSON {
			if err := enc.Encode(extractRecord{Article: art, Source: f}); err != nil {
				return fmt.Errorf("extract: write: %w", err)
			}
			continue
		}
		writeExtractText(e, art, f, len(files) > 1, blocks > 0)
		blocks++
	}
	switch {
	case failed == 0:
		return nil
	case len(files) == 1:
		return lastErr
	}
	return fmt.Errorf("extract: %d of %d inputs failed", failed, len(files))
}

// checkExtractArgs rejects a command line extract cannot run: flags that do
// not go together, no input, an input that does not exist. Every input is
// checked first: a typo in the last name should not cost the output of the
// others half-way.
func checkExtractArgs(opts extractOptions, files []string) error {
	if err := checkBatchFlags(opts, files); err != nil || opts.URLs != "" {
		return err
	}
	if len(files) == 0 {
		return usagef("extract: no input files (give FILE... or - for standard input)")
	}
	if len(files) > 1 && opts.URL != "" {
		return usagef("extract: --url applies to one input, got %d", len(files))
	}
	if opts.URL != "" {
		if why := checkEntry(listEntry{Path: "-", URL: opts.URL}); why != "" {
			return usagef("extract: %s", strings.Replace(why, "bad URL", "bad --url", 1))
		}
	}
	for _, f := range files {
		if f == "-" {
			continue
		}
		if st, err := os.Stat(f); err != nil {
			return usagef("extract: %s: no such file", f)
		} else if st.IsDir() {
			return usagef("extract: %s is a directory", f)
		}
	}
	return nil
}

// inputURL is the address of input f: --url, or the file's own file:// URL.
func inputURL(flagURL, f string) string {
	if flagURL != "" || f == "-" {
		return flagURL
	}
	abs, _ := filepath.Abs(f)
	return "file://" + filepath.ToSlash(abs)
}

// extractInput reads and extracts the input f. Its error does not name
// the input: the caller does.
func extractInput(e *env, f, pageURL, contentType string) (corpus.Article, error) {
	body, err := readInput(e, f, extract.DefaultMaxBytes)
	if err != nil {
		return corpus.Article{}, err
	}
	art, err := extract.Extract(extract.Input{Body: body, URL: pageURL, ContentType: contentType, FetchedAt: time.Now()})
	if err != nil {
		// Drop the extractor's own "extract URL: " prefix.
		return art, reworded{msg: strings.TrimPrefix(err.Error(), "extract "+pageURL+": "), err: err}
	}
	stampExtraction(&art)
	return art, nil
}

// stampExtraction records on art this extractor's version and the time of
// extraction, as a corpus does.
func stampExtraction(art *corpus.Article) {
	now := time.Now().UTC()
	art.ExtractorVersion, art.ExtractedAt = extract.Version, &now
}

// reworded is err with another message.
type reworded struct {
	msg string
	err error
}

func (r reworded) Error() string { return r.msg }
func (r reworded) Unwrap() error { return r.err }

// writeExtractText writes the plain output of one input: a header naming
// it when there are several inputs, the title, a blank line and the text.
func writeExtractText(e *env, art corpus.Article, f string, header, separate bool) {
	if separate {
		fmt.Fprintln(e.stdout)
	}
	if header {
		fmt.Fprintf(e.stdout, "==> %s <==\n", f)
	}
	fmt.Fprintf(e.stdout, "%s\n\n%s\n", art.Title, strings.TrimSpace(art.Text))
	if art.HasFlag(corpus.FlagNotArticle) {
		e.logger.Info("page does not look like an article", "source", f, "flags", strings.Join(art.Flags, ","))
	}
}

// inputName names the input f in messages.
func inputName(f string) string {
	if f == "-" {
		return "standard input"
	}
	return f
}

// readInput reads the input named f ("-" for standard input), stopping
// after limit bytes: a larger input is an error wrapping
// extract.ErrTooLarge, and costs no more memory than the limit. Its
// errors do not name the input.
func readInput(e *env, f string, limit int) ([]byte, error) {
	var r io.Reader = e.stdin
	if f != "-" {
		file, err := os.Open(f)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("read: %w", err)
		}
		defer file.Close()
		r = file
	}
	body, err := readLimited(r, limit)
	if errors.Is(err, extract.ErrTooLarge) {
		return nil, fmt.Errorf("larger than %d MiB, the most extract reads: %w", limit>>20, extract.ErrTooLarge)
	}
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return body, nil
}

// readLimited reads r whole, gunzipping it when it starts with gzip's
// magic bytes (a saved .html.gz), and fails with extract.ErrTooLarge
// after limit bytes of page, reading no more than that.
func readLimited(r io.Reader, limit int) ([]byte, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	body, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(body) > limit {
		return nil, fmt.Errorf("over %d bytes: %w", limit, extract.ErrTooLarge)
	}
	return body, nil
}

// checkBatchFlags rejects flags that do not go together: --urls with
// input files or --url, and a --parallel below 1 (without --urls,
// --parallel has no effect).
func checkBatchFlags(opts extractOptions, files []string) error {
	if opts.Parallel < 1 {
		return usagef("extract: --parallel %d: want 1 or more", opts.Parallel)
	}
	if opts.URLs == "" {
		return nil
	}
	if len(files) > 0 {
		return usagef("extract: --urls %s lists the pages; unexpected argument %q", opts.URLs, files[0])
	}
	if opts.URL != "" {
		return usagef("extract: --url applies to one input; with --urls, the list gives each page's URL")
	}
	return nil
}
