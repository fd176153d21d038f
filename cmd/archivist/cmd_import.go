package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/panics"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/scraper/extract"
	"github.com/archivist-project/archivist/scraper/urlnorm"
	"github.com/archivist-project/archivist/warc"
)

// importOptions are the flags of `archivist import`.
type importOptions struct {
	KeepTypes string
	Parallel  int
	NoIndex   bool
	Quiet     bool
}

// AddFlags registers the import flags on fs.
func (o *importOptions) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.KeepTypes, "keep-types", corpus.PageTypeArticle, "page `types` stored as articles, comma-separated: "+strings.Join(corpus.PageTypes, ", "))
	fs.IntVar(&o.Parallel, "parallel", runtime.NumCPU(), "extract `N` pages at a time")
	fs.BoolVar(&o.NoIndex, "no-index", false, "do not update the search index (run 'archivist index' later)")
	fs.BoolVar(&o.Quiet, "q", false, "no progress output, only the summary")
}

func importCommand() *command {
	c := &command{
		name:    "import",
		summary: "import WARC files (captures and their articles)",
		usage: `Usage: archivist import [flags] FILE... | DIR...

Reads WARC files (WARC 1.0 and 1.1, gzipped or not: wget --warc-file,
Heritrix, Browsertrix, Common Crawl, the Internet Archive). A folder is
read for its *.warc and *.warc.gz files. Every HTML response record
becomes a capture with its original fetch time and a pointer to the
record (file name, offset, WARC-Record-ID); its article is extracted as
in a crawl (--keep-types) and the index is updated. Request, metadata and
non-HTML records are skipped and counted; revisit records are tied to the
capture they repeat; records flagged WARC-Truncated are kept and flagged.
A record already imported (same WARC-Record-ID) adds nothing. A corrupt
record is reported with its offset and skipped; the rest is imported
(exit code 1 at the end).

Examples:
  archivist import crawl-2024.warc.gz
  archivist import --keep-types article,listing /data/cc-news/`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts importOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		return runImport(ctx, e, opts, rest)
	}
	return c
}

// checkWARCStart refuses a regular file named on the command line that is
// plainly not a WARC file (a CSV, an HTML page, a compressed one of
// those, an empty file or gzip): a WARC file starts with a gzip member or
// a "WARC/" line, and what its gzip members hold with "WARC/". Without
// this check, the whole file would be reported as one corrupt record (an
// empty one imported as nothing, exit 0). A first member that does not decompress
// is left to the import, which skips it as corrupt.
func checkWARCStart(path string) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		// A pipe (/dev/stdin, <(zcat ...)) gives its bytes once: the
		// import reads them all, and says what it cannot use.
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return usagef("import: %s: %v", quote.Short(path), unwrapPath(err))
	}
	defer f.Close()
	head := make([]byte, 5)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case n == 0:
		return usagef("import: %s is not a WARC file (it is empty)", quote.Short(path))
	case string(head) == "WARC/":
		return nil
	case !bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return usagef("import: %s is not a WARC file (it starts with neither \"WARC/\" nor a gzip member)", quote.Short(path))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil
	}
	n, err = io.ReadFull(zr, head) // across members: the first may be empty
	switch {
	case n == 0 && err == io.EOF:
		return usagef("import: %s is not a WARC file (it is compressed, but holds nothing)", quote.Short(path))
	case (err != nil && n < len(head)) || string(head) == "WARC/":
		return nil
	}
	return usagef("import: %s is not a WARC file (it is compressed, but what it holds starts with %q, not \"WARC/\")", quote.Short(path), head)
}

// importFiles expands the arguments into WARC files: files as given,
// folders for their *.warc and *.warc.gz files, in name order. A file
// named on the command line that is plainly not a WARC file is a usage
// error; one found in a folder is skipped (the others are imported) and
// returned in skipped, with the reason, unless it leaves nothing to import.
func importFiles(args []string) (files, skipped []string, err error) {
	if len(args) == 0 {
		return nil, nil, usagef("import: name at least one WARC file or folder")
	}
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, nil, usagef("import: %s: no such file or folder", quote.Short(a))
		}
		if !st.IsDir() {
			if err := checkWARCStart(a); err != nil {
				return nil, nil, err
			}
			files = append(files, a)
			continue
		}
		var found []string
		for _, pat := range []string{"*.warc", "*.warc.gz", "*.WARC", "*.WARC.GZ"} {
			m, _ := filepath.Glob(filepath.Join(a, pat))
			found = append(found, m...)
		}
		if len(found) == 0 {
			return nil, nil, usagef("import: folder %s holds no .warc or .warc.gz file", quote.Short(a))
		}
		sort.Strings(found)
		for _, f := range found {
			if err := checkWARCStart(f); err != nil {
				skipped = append(skipped, strings.TrimPrefix(err.Error(), "import: "))
				continue
			}
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return nil, nil, usagef("import: nothing to import: %s", strings.Join(skipped, "; "))
	}
	return files, skipped, nil
}

func runImport(ctx context.Context, e *env, opts importOptions, args []string) error {
	keep, err := parseKeepTypes(opts.KeepTypes)
	if err != nil {
		return err
	}
	if opts.Parallel < 1 {
		return usagef("import: bad --parallel %d: want 1 or more", opts.Parallel)
	}
	files, skipped, err := importFiles(args)
	if err != nil {
		return err
	}
	for _, why := range skipped {
		fmt.Fprintf(e.stderr, "archivist: import: skipped %s\n", why)
	}
	db, err := e.openCorpus(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if !opts.NoIndex {
		ix, err := e.openIndex(ctx)
		if err != nil {
			return err
		}
		err = withHint(e.sameCorpus(ctx, db, ix), noIndexHint)
		ix.Close()
		if err != nil {
			return err
		}
	}
	bar := newByteBar(e, opts.Quiet)
	corrupt := 0
	im := &warc.Importer{DB: db, Extract: guarded(pageArticle(keep), e.logger), Workers: opts.Parallel, Log: e.logger,
		Progress: bar.update,
		Corrupt: func(ce *warc.CorruptError) {
			corrupt++
			bar.clear()
			fmt.Fprintf(e.stderr, "archivist: import: %s: corrupt record at offset %d, skipped: %s\n",
				ce.File, ce.Offset, oneLine(ce.Err.Error()))
		}}
	start := time.Now()
	st, err := im.Import(ctx, files)
	bar.finish()
	printImportSummary(e, st, time.Since(start), err)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if !opts.NoIndex {
		if err := e.updateIndex(ctx, db); err != nil {
			return indexCatchUpFor("import", err)
		}
	}
	return importSkipped(corrupt, len(skipped))
}

// parseKeepTypes reads --keep-types, a comma-separated list of page types.
func parseKeepTypes(list string) (map[string]bool, error) {
	keep := map[string]bool{}
	for _, t := range strings.Split(list, ",") {
		pt, ok := corpus.ParsePageType(t)
		if !ok {
			return nil, usagef("import: bad --keep-types %s: %s is not a page type (want %s)", quote.Short(list), quote.Short(t), strings.Join(corpus.PageTypes, ", "))
		}
		keep[pt] = true
	}
	return keep, nil
}

// importSkipped returns the error that makes an import that skipped corrupt
// records or files that are not WARC files exit non-zero, nil when it
// skipped nothing.
func importSkipped(corrupt, notWARC int) error {
	var problems []string
	if corrupt > 0 {
		problems = append(problems, nouns(corrupt, "corrupt record"))
	}
	switch notWARC {
	case 0:
	case 1:
		problems = append(problems, "1 file that is not a WARC file")
	default:
		problems = append(problems, fmt.Sprintf("%d files that are not WARC files", notWARC))
	}
	if len(problems) > 0 {
		return fmt.Errorf("import: skipped %s (the rest was imported)", strings.Join(problems, " and "))
	}
	return nil
}

// printImportSummary prints what the import did; err is Import's error.
func printImportSummary(e *env, st warc.ImportStats, d time.Duration, err error) {
	verb := "import finished"
	switch {
	case errors.Is(err, context.Canceled):
		verb = "import interrupted"
	case err != nil:
		verb = "import stopped by an error"
	}
	fmt.Fprintf(e.stdout, "%s: %s read, %s added, %s%s, %s, "+
		"%d already imported, %d truncated, %d corrupt in %s (%.1f MB/s)\n",
		verb, nouns(st.Records, "record"), nouns(st.Captures, "capture"), nouns(st.Articles, "article"),
		copiesNote(st.Duplicates, "record"), nouns(st.Revisits, "revisit"), st.Already, st.Truncated, st.Corrupt,
		d.Round(time.Millisecond), float64(st.Bytes)/1e6/max(d.Seconds(), 1e-9))
	if len(st.Skipped) > 0 || st.Unresolved > 0 {
		s := st.Summary()
		if st.Unresolved > 0 {
			s = strings.TrimPrefix(s+fmt.Sprintf(", revisit of a record not in the corpus %d", st.Unresolved), ", ")
		}
		fmt.Fprintf(e.stdout, "skipped records: %s\n", s)
	}
}

// guarded runs ex, turning a panic of the extractor (a bug) into a
// capture kept without an article and an error logged with the page's
// URL, so that one page does not end an import of millions of records,
// as a crawl recovers its workers (scraper/panic.go).
func guarded(ex warc.Extractor, log *slog.Logger) warc.Extractor {
	return func(c *corpus.Capture, page []byte) (a *corpus.Article, key string, self bool) {
		defer func() {
			if v := recover(); v != nil {
				log.Error("import: the extractor failed (a bug in archivist; please report it); the capture is kept without an article",
					"url", c.URL, "panic", oneLine(fmt.Sprint(v)), "stack", panics.Stack())
				a, key, self = nil, "", false
			}
		}()
		return ex(c, page)
	}
}

// pageArticle returns the extractor of an import: the crawl's rules (the
// article of a kept page type, keyed by its same-site canonical URL, else
// its URL).
func pageArticle(keep map[string]bool) warc.Extractor {
	return func(c *corpus.Capture, page []byte) (*corpus.Article, string, bool) {
		ct := c.Header.Get("Content-Type")
		doc, err := extract.Parse(extract.Input{Body: page, URL: c.URL, ContentType: ct,
			FetchedAt: c.FetchedAt, SHA256: c.SHA256}, extract.Options{})
		if err != nil {
			return nil, "", false
		}
		a := doc.Article()
		if !keep[a.PageType] {
			return nil, "", false
		}
		key := ""
		if a.CanonicalURL != "" && urlnorm.SameSite(a.CanonicalURL, c.URL) {
			if n, err := urlnorm.Normalize(a.CanonicalURL); err == nil {
				key = n
			}
		}
		self := c.URL
		if n, err := urlnorm.Normalize(c.URL); err == nil {
			self = n
		}
		if key == "" {
			key = self
		}
		return &a, key, key == self
	}
}

// byteBar is a progress bar by bytes read: a live line on a terminal, a
// log line every few seconds otherwise.
type byteBar struct {
	e       *env
	quiet   bool
	live    bool
	start   time.Time
	mu      sync.Mutex
	last    time.Time
	drawn   bool
	lastPct int
}

// newByteBar returns the bar of an import. Without a terminal, its first
// log line comes after logEvery, and none at the end: the summary follows.
func newByteBar(e *env, quiet bool) *byteBar {
	now := time.Now()
	return &byteBar{e: e, quiet: quiet, start: now, last: now, lastPct: -1,
		live: e.stderrIsTerminal && !e.global.Verbose && e.global.LogFormat != "json"}
}

func (b *byteBar) update(read, total int64) {
	if b.quiet || total <= 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	if now.Sub(b.last) < 200*time.Millisecond && read < total {
		return
	}
	frac := min(float64(read)/float64(total), 1)
	rate := float64(read) / 1e6 / max(now.Sub(b.start).Seconds(), 1e-9)
	if b.live {
		b.last = now
		const width = 30
		full := int(frac * width)
		fmt.Fprintf(b.e.stderr, "\r\033[K[%s%s] %3.0f%% %s / %s  %.1f MB/s", strings.Repeat("=", full),
			strings.Repeat(" ", width-full), frac*100, mb(read), mb(total), rate)
		b.drawn = true
		return
	}
	if now.Sub(b.last) < logEvery || read >= total {
		return
	}
	b.last = now
	b.e.logger.Info("import progress", "read", mb(read), "total", mb(total), "percent", int(frac*100),
		"mb_per_s", fmt.Sprintf("%.1f", rate))
}

// mb formats a byte count for a person: MB with one decimal, kB below
// 0.1 MB (a small file is not "0.0 MB").
func mb(n int64) string {
	if n < 100_000 {
		return fmt.Sprintf("%d kB", (n+999)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// clear takes the live line away before a message.
func (b *byteBar) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprint(b.e.stderr, "\r\033[K")
		b.drawn = false
	}
}

// finish ends the live line.
func (b *byteBar) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprintln(b.e.stderr)
		b.drawn = false
	}
}
