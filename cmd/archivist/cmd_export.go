package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/internal/proc"
	"github.com/archivist-project/archivist/internal/quote"
)

// exportOptions are the flags of `archivist export`.
type exportOptions struct {
	Format string
	Out    string
	Fields string
	Query  string
	// Sort is the order of the articles: relevance (search's order with
	// --query, else the corpus's), date or -date (from the index).
	Sort   string
	Filter searchFilter // the filters of search (filters.go)
	// AllowPartial writes what the index finds even when it is behind
	// the corpus.
	AllowPartial bool
	// AllVersions writes every version of each article, oldest first.
	AllVersions bool
	// Quiet draws no progress bar.
	Quiet bool
	// given holds the flags set on the command line, by name, for the
	// manifest (see exportFilters).
	given map[string]string
	warcExportOptions
}

// AddFlags registers the export flags on fs.
func (o *exportOptions) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Format, "format", corpus.FormatJSONL, "output `format`: "+strings.Join(exportFormatNames(), ", ")+" or warc")
	fs.StringVar(&o.Out, "out", "", "write to `FILE` (written whole or not at all, with FILE.manifest.json beside it); - or none: standard output")
	fs.StringVar(&o.Fields, "fields", "", "only these comma-separated `fields`, in this order (default all: "+strings.Join(corpus.ExportFields, ",")+")")
	fs.StringVar(&o.Query, "query", "", "only articles matching this search `query` (same syntax as search)")
	fs.StringVar(&o.Sort, "sort", index.SortRelevance, "`order`: relevance (with --query; else the corpus's order), date (oldest first) or -date (newest first)")
	o.Filter.AddFlags(fs)
	fs.BoolVar(&o.AllowPartial, "allow-partial", false, "when the index picks the articles (--query, --sort date, filters only it knows): export what it finds even when it is behind the corpus")
	o.warcExportOptions.AddFlags(fs)
	fs.BoolVar(&o.AllVersions, "all-versions", false, "write every version of each article (oldest first), not only the latest")
	fs.BoolVar(&o.Quiet, "q", false, "no progress bar")
}

// exportFormat is one output format of export: how it writes articles,
// and whether its output is binary (not for a terminal).
type exportFormat struct {
	name   string
	binary bool
	writer func(w io.Writer, fields []string) (corpus.ArticleWriter, error)
}

// exportFormats are the formats export writes: the one place a format is
// chosen.
var exportFormats = []exportFormat{
	{name: corpus.FormatJSONL, writer: articleWriter(corpus.FormatJSONL)},
	{name: corpus.FormatCSV, writer: articleWriter(corpus.FormatCSV)},
	{name: corpus.FormatParquet, binary: true, writer: articleWriter(corpus.FormatParquet)},
}

func articleWriter(format string) func(io.Writer, []string) (corpus.ArticleWriter, error) {
	return func(w io.Writer, fields []string) (corpus.ArticleWriter, error) {
		return corpus.NewArticleWriter(w, format, fields...)
	}
}

func exportFormatNames() []string {
	names := make([]string, len(exportFormats))
	for i, f := range exportFormats {
		names[i] = f.name
	}
	return names
}

func findExportFormat(name string) (exportFormat, bool) {
	for _, f := range exportFormats {
		if f.name == name {
			return f, true
		}
	}
	return exportFormat{}, false
}

func exportCommand() *command {
	c := &command{
		name:    "export",
		summary: "export articles as JSON Lines, CSV or Parquet, or their captures as WARC",
		usage: `Usage: archivist export [--format jsonl|csv|parquet] [--fields F,...] [--out FILE|-] [--query Q [--allow-partial]]
                        [--site HOST] [--from DATE] [--to DATE] [--lang L] [--author NAME] [--section S]
                        [--type TYPE] [--flag F] [--no-flag F] [--sort relevance|date|-date] [--all-versions] [-q]
       archivist export --format warc --out FILE.warc.gz [--all-captures] [--cdx FILE] [--warc-size SIZE] [filters as above]

Streams the matching articles (all by default), in constant memory.
JSONL: one object per line. CSV: RFC 4180 with a header row; authors, tags
and flags joined with "; "; dates as in JSONL (RFC 3339, fractional seconds
and zone kept). Parquet: zstd, typed columns (dates as UTC timestamps in
nanoseconds, with their zone in published_utc_offset and
modified_utc_offset; authors, tags and flags as lists). --fields picks the
columns. A file written with --out gets FILE.manifest.json beside it (the
query and filters, counts, date range, sites, corpus id, SHA-256), which
'archivist verify-export FILE' checks. On a terminal, a progress bar
shows on standard error.

With --query, export refuses (exit 1) when the index is behind the corpus,
since the result would miss articles: run 'archivist index' first, or pass
--allow-partial. Each article row is checked against the digest written
with it: a row whose stored values changed stops the export (exit 1;
--out is not written). --all-versions writes each version of each article
(the fields version and captured_at tell them apart), not only the latest.

With --format warc, writes the captures behind the selected articles
(every capture with --all-captures) as WARC/1.1 files; see the README.

Examples:
  archivist export --format jsonl --out corpus.jsonl
  archivist export --format parquet --fields url,title,published,text --out corpus.parquet
  archivist export --format csv --query '"climate summit"' --from 2024 > summit.csv`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts exportOptions
		fs := e.newFlagSet(c)
		opts.AddFlags(fs)
		rest, err := e.parseFlags(c, fs, args)
		if err != nil {
			return err
		}
		if err := noArgs(c, rest, " (a query goes in --query)"); err != nil {
			return err
		}
		opts.given = map[string]string{}
		fs.Visit(func(f *flag.Flag) { opts.given[f.Name] = f.Value.String() })
		return runExport(ctx, e, opts)
	}
	return c
}

// exportRun is one export under way: where it writes and what it counts.
type exportRun struct {
	opts   exportOptions
	format exportFormat
	fields []string
	sel    exportSelection
	filter corpus.ArticleFilter // what is read: sel's, resolved against the index when it must be
	tmp    *os.File             // the file under --out, nil for standard output
	dest   string               // where tmp goes: --out, or the file its symbolic link names
	sum    *exportSummary
}

// toStdout reports whether --out names standard output.
func (o exportOptions) toStdout() bool { return o.Out == "" || o.Out == "-" }

func runExport(ctx context.Context, e *env, opts exportOptions) error {
	if err := checkFormatFlags(opts); err != nil {
		return err
	}
	if opts.Format == "warc" {
		return runExportWARC(ctx, e, opts)
	}
	r, err := newExportRun(e, opts)
	if err != nil {
		return err
	}
	db, err := e.openReader(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if r.filter, err = r.sel.resolve(ctx, e, db, opts); err != nil {
		return err
	}
	var out io.Writer = e.stdout
	if !opts.toStdout() {
		stream, err := openStream(opts.Out)
		if err != nil {
			return err
		}
		if stream != nil {
			// A pipe or a device: written as it is, with no manifest.
			defer stream.Close()
			out = stream
		} else {
			if r.dest, r.tmp, err = createBeside(opts.Out); err != nil {
				return err
			}
			defer os.Remove(r.tmp.Name())
			defer r.tmp.Close()
			out = r.tmp
		}
	}
	if err := r.write(ctx, e, db, out); err != nil {
		return err
	}
	if r.tmp != nil {
		if err := r.finish(ctx, e, db); err != nil {
			return err
		}
	}
	// Success says nothing more: the bar (on a terminal) showed the
	// articles written, and the file is in place.
	r.sum.warnUnchecked(e)
	if r.sum.Articles == 0 {
		r.warnEmpty(ctx, e)
	}
	return nil
}

// warnEmpty says on stderr that no article matched (an empty file is easy
// to take for a dataset), and names the filters that match no article of
// the index even alone, when there is an index to ask.
func (r *exportRun) warnEmpty(ctx context.Context, e *env) {
	fmt.Fprintln(e.stderr, "archivist: export: no article matches: the export is empty")
	var req index.Request
	if err := r.opts.Filter.apply("export", &req); err != nil {
		return
	}
	if _, err := os.Stat(e.global.indexPath()); err != nil {
		return
	}
	ix, err := e.openIndexReadOnly(ctx)
	if err != nil {
		return
	}
	defer ix.Close()
	unmatched, _ := unmatchedFilters(ctx, ix, req)
	for _, f := range unmatched {
		fmt.Fprintf(e.stderr, "archivist: export: no article in the index matches %s\n", f)
	}
}

// newExportRun checks the flags (usage errors) before anything is opened.
func newExportRun(e *env, opts exportOptions) (*exportRun, error) {
	format, ok := findExportFormat(opts.Format)
	if !ok {
		return nil, usagef("export: bad --format %s (want %s or warc)", quote.Short(opts.Format), strings.Join(exportFormatNames(), ", "))
	}
	fields, err := corpus.ParseFields(opts.Fields)
	if err != nil {
		return nil, usagef("export: --fields: %v", err)
	}
	sel, err := newExportSelection(opts)
	if err != nil {
		return nil, err
	}
	if format.binary && opts.toStdout() {
		if f, ok := e.stdout.(*os.File); ok && isTerminal(f) {
			return nil, usagef("export: --format %s is binary: pass --out FILE, or redirect standard output", format.name)
		}
	}
	return &exportRun{opts: opts, format: format, fields: fields, sel: sel, sum: &exportSummary{}}, nil
}

// exportSelection is what an export selects, in every format: the search
// that picks the articles and the corpus's own filter.
type exportSelection struct {
	req    index.Request
	filter corpus.ArticleFilter
}

// newExportSelection checks the filter flags (usage errors) before
// anything is opened.
func newExportSelection(opts exportOptions) (exportSelection, error) {
	switch opts.Sort {
	case "", index.SortRelevance, index.SortDate, index.SortDateDesc:
	default:
		return exportSelection{}, usagef("export: bad --sort %s (want relevance, date or -date)", quote.Short(opts.Sort))
	}
	req := index.Request{Query: opts.Query, Sort: opts.Sort}
	if err := opts.Filter.apply("export", &req); err != nil {
		return exportSelection{}, err
	}
	byIndex := opts.Query != "" || opts.Sort == index.SortDate || opts.Sort == index.SortDateDesc || opts.Filter.needsIndex()
	if opts.AllowPartial && !byIndex {
		// It would do nothing: the corpus picks these articles itself.
		return exportSelection{}, usagef("export: --allow-partial applies only when the index picks the articles (--query, --sort date or -date, --author, --section, --flag, --no-flag, several --site)")
	}
	filter, err := opts.Filter.corpusFilter("export")
	return exportSelection{req: req, filter: filter}, err
}

// resolve returns the filter to read the corpus with. With a query, a
// date order, or filters the corpus cannot apply, the index picks the
// articles and their order: exactly the hits of search with the same
// flags.
func (s exportSelection) resolve(ctx context.Context, e *env, db corpus.Reader, opts exportOptions) (corpus.ArticleFilter, error) {
	byDate := opts.Sort == index.SortDate || opts.Sort == index.SortDateDesc
	if opts.Query == "" && !opts.Filter.needsIndex() && !byDate {
		return s.filter, nil
	}
	ids, err := e.matchingIDs(ctx, db, s.req, opts.AllowPartial)
	if err != nil {
		return corpus.ArticleFilter{}, err
	}
	return corpus.ArticleFilter{IDs: ids}, nil
}

// write streams the matching articles to out in the chosen format.
func (r *exportRun) write(ctx context.Context, e *env, db corpus.Reader, out io.Writer) error {
	counted := &countingWriter{w: out}
	if r.tmp != nil {
		counted.hash = sha256.New()
	}
	bw := bufio.NewWriterSize(counted, 256<<10)
	w, err := r.format.writer(bw, r.fields)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	bar := newExportProgress(ctx, e, db, r.filter, counted, r.opts.Quiet)
	each := db.Articles
	if r.opts.AllVersions {
		each = db.ArticleVersionsMatching
	}
	batches, stop := readAhead(ctx, each, r.filter)
	err = func() error {
		for batch := range batches {
			for _, a := range batch {
				switch err := a.CheckDigest(); {
				case errors.Is(err, corpus.ErrNoDigest):
					r.sum.Unchecked++
				case err != nil:
					return damagedArticle(a, r.opts.Out)
				}
				r.sum.Add(a)
				bar.tick(r.sum.Articles)
				if err := w.Write(a); err != nil {
					return err
				}
			}
		}
		return nil
	}()
	if rerr := stop(); err == nil {
		err = rerr
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	bar.finish()
	var done remedied
	if errors.As(err, &done) {
		return err
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	r.sum.Bytes = counted.n
	if counted.hash != nil {
		r.sum.SHA256 = hex.EncodeToString(counted.hash.Sum(nil))
	}
	return nil
}

// readAheadBatch is the number of articles handed over at a time.
const readAheadBatch = 64

// readAhead streams the articles of f in batches on a channel, so that
// reading the corpus (SQLite, row digests) runs beside the formatting
// rather than before it. stop ends the reading (if the consumer stopped
// early) and returns its error.
func readAhead(ctx context.Context, each articleSource, f corpus.ArticleFilter) (<-chan []*corpus.Article, func() error) {
	ctx, cancel := context.WithCancel(ctx)
	ch := make(chan []*corpus.Article, 4)
	errc := make(chan error, 1)
	send := func(batch []*corpus.Article) error {
		select {
		case ch <- batch:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	go func() {
		defer close(ch)
		batch := make([]*corpus.Article, 0, readAheadBatch)
		err := each(ctx, f, func(a *corpus.Article) error {
			if batch = append(batch, a); len(batch) < readAheadBatch {
				return nil
			}
			err := send(batch)
			batch = make([]*corpus.Article, 0, readAheadBatch)
			return err
		})
		if err == nil && len(batch) > 0 {
			err = send(batch)
		}
		errc <- err
	}()
	stop := func() error {
		stopped := ctx.Err() == nil
		cancel()
		for range ch {
		}
		err := <-errc
		if stopped && errors.Is(err, context.Canceled) {
			return nil // cancelled here: the consumer stopped early, with its own error
		}
		return err
	}
	return ch, stop
}

// articleSource calls fn for each article matching f: db.Articles, or
// db.ArticleVersionsMatching for every version.
type articleSource func(ctx context.Context, f corpus.ArticleFilter, fn func(*corpus.Article) error) error

// finish puts the written file in place, then writes its manifest.
func (r *exportRun) finish(ctx context.Context, e *env, db corpus.Reader) error {
	if err := r.tmp.Sync(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := r.tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	// A manifest left from an earlier export to this name goes first:
	// until the new one is written, the file has no manifest rather than
	// one that describes another file (if the process is killed).
	if err := removeIfThere(corpus.ManifestPath(r.opts.Out)); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	e.step("old manifest removed")
	if err := os.Rename(r.tmp.Name(), r.dest); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	e.step("file in place")
	m, err := r.manifest(ctx, db)
	if err == nil {
		err = corpus.WriteManifest(r.opts.Out, m)
	}
	if err != nil {
		return fmt.Errorf("export: %s is written, but its manifest is not: %w", r.opts.Out, err)
	}
	return nil
}

// exportSummary is what an export counted as it wrote.
type exportSummary struct {
	corpus.ExportSummary
	Unchecked int // articles without a row digest
	Bytes     int64
	SHA256    string // of the file under --out
}

func (s *exportSummary) warnUnchecked(e *env) {
	if s.Unchecked == 0 {
		return
	}
	verb := "articles have no row digest (written outside archivist) and were"
	if s.Unchecked == 1 {
		verb = "article has no row digest (written outside archivist) and was"
	}
	fmt.Fprintf(e.stderr, "archivist: export: %d %s exported unchecked\n", s.Unchecked, verb)
}

// manifestSkip are the flags that do not select articles: they are not
// the manifest's filters (nor is --store, whose URL may hold a password).
var manifestSkip = map[string]bool{"db": true, "store": true, "index": true, "v": true, "log-format": true,
	"format": true, "out": true, "fields": true, "query": true, "sort": true, "q": true, "cdx": true, "warc-size": true}

// manifest describes the file written.
func (r *exportRun) manifest(ctx context.Context, db corpus.Reader) (*corpus.Manifest, error) {
	id, err := db.ID(ctx)
	if err != nil {
		return nil, err
	}
	filters := map[string]string{}
	for name, v := range r.opts.given {
		if !manifestSkip[name] {
			filters[name] = v
		}
	}
	fields := r.fields
	if fields == nil {
		fields = corpus.ExportFields
	}
	return &corpus.Manifest{
		File: filepath.Base(r.opts.Out), Format: r.format.name, Fields: fields, Query: r.opts.Query,
		Filters: filters, Articles: r.sum.Articles, Published: r.sum.Published, Undated: r.sum.Undated,
		Sites: r.sum.Sites(), ArchivistVersion: version, CorpusID: id, ExportedAt: time.Now().UTC(),
		Bytes: r.sum.Bytes, SHA256: r.sum.SHA256,
	}, nil
}

// countingWriter counts (and hashes, when hash is set) what goes through.
type countingWriter struct {
	w    io.Writer
	hash hash.Hash
	n    int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if c.hash != nil {
		c.hash.Write(p[:n])
	}
	return n, err
}

// exportProgress draws a progress bar on a terminal (standard error):
// articles written of the total, articles/s, MB written and the time left.
type exportProgress struct {
	e       *env
	live    bool
	total   int64 // 0 when unknown
	out     *countingWriter
	start   time.Time
	drawn   time.Time
	written bool
}

// newExportProgress returns the bar of an export of filter; it draws
// nothing unless standard error is a terminal, or when quiet (-q).
func newExportProgress(ctx context.Context, e *env, db corpus.Reader, f corpus.ArticleFilter, out *countingWriter, quiet bool) *exportProgress {
	now := time.Now()
	p := &exportProgress{e: e, out: out, start: now, drawn: now, // the first drawing after progressEvery
		live: !quiet && e.stderrIsTerminal && !e.global.Verbose && e.global.LogFormat != "json"}
	if !p.live {
		return p
	}
	switch {
	case f.IDs != nil:
		p.total = int64(len(f.IDs))
	case f.Site == "" && f.From.IsZero() && f.To.IsZero() && f.Lang == "" && f.Type == "":
		p.total, _ = db.CountArticles(ctx)
	}
	return p
}

// progressEvery is the gap between two drawings of the bar.
const progressEvery = 200 * time.Millisecond

func (p *exportProgress) tick(n int64) {
	if !p.live || time.Since(p.drawn) < progressEvery {
		return
	}
	p.drawn = time.Now()
	p.written = true
	fmt.Fprintf(p.e.stderr, "\r\033[K%s", p.line(n))
}

func (p *exportProgress) line(n int64) string {
	elapsed := time.Since(p.start)
	rate := float64(n) / max(elapsed.Seconds(), 1e-3)
	var b strings.Builder
	b.WriteString("export ")
	if p.total > 0 {
		frac := min(float64(n)/float64(p.total), 1)
		const width = 20
		full := int(frac * width)
		fmt.Fprintf(&b, "[%s%s] %3.0f%% %d/%d articles", strings.Repeat("=", full), strings.Repeat(" ", width-full),
			frac*100, n, p.total)
	} else {
		fmt.Fprintf(&b, "%d articles", n)
	}
	// Bytes written lag behind for Parquet, which writes a row group at
	// a time: the rate is in articles.
	fmt.Fprintf(&b, " | %.0f articles/s | %.1f MB written | %s", rate, float64(p.out.n)/1e6, elapsed.Round(time.Second))
	if p.total > n && n > 0 {
		left := time.Duration(float64(elapsed) / float64(n) * float64(p.total-n))
		fmt.Fprintf(&b, " | ETA %s", left.Round(time.Second))
	}
	return b.String()
}

// finish clears the bar.
func (p *exportProgress) finish() {
	if p.written {
		fmt.Fprint(p.e.stderr, "\r\033[K")
	}
}

// damagedArticle is the error of an export that met an article row whose
// stored values do not match their digest: it stops there.
func damagedArticle(a *corpus.Article, out string) error {
	written := "nothing was written to " + out
	if out == "" {
		written = "standard output holds only the articles before it"
	}
	return remedied{fmt.Errorf("export: article %d (capture %d) %s: %w (its stored values changed on disk); %s; "+
		"'archivist verify' lists every damaged row; see \"When things go wrong\" in the README",
		a.ID, a.CaptureID, clipProblem(printable(a.URL), 200), corpus.ErrDigestMismatch, written)}
}

func orStdout(s string) string {
	if s == "" || s == "-" {
		return "stdout"
	}
	return s
}

// matchingIDs returns the ids of every article matching req, in the
// order req.Sort asks for. When the index is behind the corpus, the answer would
// miss articles: it refuses unless allowPartial.
func (e *env) matchingIDs(ctx context.Context, db corpus.Reader, req index.Request, allowPartial bool) ([]int64, error) {
	if _, err := os.Stat(e.global.indexPath()); errors.Is(err, os.ErrNotExist) {
		hint := "run 'archivist index'"
		if e.global.Store != "" {
			hint = storeIndexHint
		}
		return nil, usagef("export --query (and --sort date, and filters only the index knows) needs the index at %s (%s)", e.global.indexPath(), hint)
	}
	ix, err := e.openIndexReadOnly(ctx)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	behind, err := e.indexBehind(ctx, db, ix)
	if err != nil {
		return nil, err
	}
	if behind > 0 && !allowPartial {
		return nil, fmt.Errorf("export: refusing to write a partial result: %s (or pass --allow-partial)", behindMessage(behind))
	}
	e.warnBehind(behind)
	ids, err := ix.MatchingIDs(ctx, req)
	if errors.Is(err, index.ErrBadQuery) {
		return nil, usagef("export: --query: %v", err)
	}
	if err != nil {
		return nil, fmt.Errorf("export: search: %w", err)
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}

// createBeside creates the temporary file that becomes path once it is
// written whole, and returns where it goes: path, or the file path's
// symbolic link names (as the shell's > writes through a link). It is in
// that folder, with the permissions a new file gets (0666 less the umask,
// as the shell's > gives), not CreateTemp's 0600. Errors name path, the
// user's word, not the temporary name.
func createBeside(path string) (string, *os.File, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return "", nil, usagef("export: --out %s is a folder; name a file", quote.Short(path))
	}
	dest := linkTarget(path)
	dir := filepath.Dir(dest)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", nil, usagef("export: --out %s: no such folder %s", quote.Short(path), quote.Short(dir))
	}
	f, err := tempBeside(dest)
	if err != nil {
		return "", nil, fmt.Errorf("export: cannot write %s: %w", path, unwrapPath(err))
	}
	return dest, f, nil
}

// linkTarget follows path's symbolic links, if any, to the file they name
// (which may not exist yet).
func linkTarget(path string) string {
	for range 40 {
		to, err := os.Readlink(path)
		if err != nil {
			return path
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(path), to)
		}
		path = to
	}
	return path
}

// openStream opens path for writing as it is when it names a pipe, a
// device or a socket (/dev/null, /dev/stdout...), where a file renamed
// over it would replace it; it returns nil for anything else.
func openStream(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil || st.Mode().IsRegular() || st.IsDir() {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("export: cannot write %s: %w", path, unwrapPath(err))
	}
	return f, nil
}

// tempBeside creates a new temporary file beside path (proc.CreateTemp),
// after removing those an export killed earlier left there: a live
// process's stay, it may be writing them.
func tempBeside(path string) (*os.File, error) {
	base := filepath.Base(path)
	proc.RemoveStaleTemps(filepath.Dir(path), func(b string) bool { return b == base })
	return proc.CreateTemp(path)
}

// removeIfThere removes the file at path, if there is one.
func removeIfThere(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
