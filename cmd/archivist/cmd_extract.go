package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
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
		usage: `Usage: archivist extract [--json] [--url URL] FILE... (or - for standard input)
       archivist extract [--json] [--parallel N] --urls LIST

Runs the article extractor on saved pages. Default output: the title, a blank
line, the body text (paragraphs separated by blank lines). With --json, one
JSON object per input per line: the article fields plus "source".

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

func runExtract(ctx context.Context, e *env, opts extractOptions, files []string) error {
	if err := checkBatchFlags(opts, files); err != nil {
		return err
	}
	if opts.URLs != "" {
		return runExtractBatch(ctx, e, opts)
	}
	if len(files) == 0 {
		return usagef("extract: no input files (give FILE... or - for standard input)")
	}
	if len(files) > 1 && opts.URL != "" {
		return usagef("extract: --url applies to one input, got %d", len(files))
	}
	// Check every input first: a typo in the last name should not cost the
	// output of the others half-way.
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
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		pageURL := opts.URL
		if pageURL == "" && f != "-" {
			abs, _ := filepath.Abs(f)
			pageURL = "file://" + filepath.ToSlash(abs)
		}
		body, err := readInput(e, f, extract.DefaultMaxBytes)
		var art corpus.Article
		switch {
		case errors.Is(err, extract.ErrTooLarge):
			art = corpus.Article{URL: pageURL, FetchedAt: time.Now()}
			if u, perr := url.Parse(pageURL); perr == nil {
				art.Site = strings.ToLower(u.Hostname())
			}
		case err != nil:
			return err
		default:
			art, err = extract.Extract(extract.Input{Body: body, URL: pageURL, ContentType: opts.ContentType, FetchedAt: time.Now()})
		}
		if err != nil {
			if !opts.JSON {
				return fmt.Errorf("extract %s: %w", inputName(f), err)
			}
			e.logger.Warn("extract failed", "source", f, "err", err)
		}
		if opts.JSON {
			if art.Authors == nil {
				art.Authors = []string{}
			}
			if art.Tags == nil {
				art.Tags = []string{}
			}
			if art.Flags == nil {
				art.Flags = []string{}
			}
			if err := enc.Encode(extractRecord{Article: art, Source: f}); err != nil {
				return fmt.Errorf("extract: write: %w", err)
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		if len(files) > 1 {
			fmt.Fprintf(e.stdout, "==> %s <==\n", f)
		}
		fmt.Fprintf(e.stdout, "%s\n\n%s\n", art.Title, strings.TrimSpace(art.Text))
		if art.HasFlag(corpus.FlagNotArticle) {
			e.logger.Info("page does not look like an article", "source", f, "flags", strings.Join(art.Flags, ","))
		}
	}
	return nil
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
// extract.ErrTooLarge, and costs no more memory than the limit.
func readInput(e *env, f string, limit int) ([]byte, error) {
	var r io.Reader = e.stdin
	name := inputName(f)
	if f != "-" {
		file, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("extract: read %s: %w", f, err)
		}
		defer file.Close()
		r, name = file, f
	}
	body, err := readLimited(r, limit)
	if errors.Is(err, extract.ErrTooLarge) {
		return nil, fmt.Errorf("larger than %d MiB, the most extract reads: %w", limit>>20, extract.ErrTooLarge)
	}
	if err != nil {
		return nil, fmt.Errorf("extract: read %s: %w", name, err)
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
