package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/internal/quote"
)

// exportOptions are the flags of `archivist export`.
type exportOptions struct {
	Format   string
	Out      string
	Query    string
	Site     string
	From, To string
	Lang     string
	Type     string
	// AllowPartial writes what the index finds even when it is behind
	// the corpus.
	AllowPartial bool
	warcExportOptions
}

// AddFlags registers the export flags on fs.
func (o *exportOptions) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Format, "format", "jsonl", "output `format`: jsonl, csv or warc")
	fs.StringVar(&o.Out, "out", "", "write to `FILE` instead of standard output (written whole or not at all)")
	fs.StringVar(&o.Query, "query", "", "only articles matching this search `query` (same syntax as search)")
	fs.StringVar(&o.Site, "site", "", "only articles from `host`")
	fs.StringVar(&o.From, "from", "", "only articles published on or after `DATE`")
	fs.StringVar(&o.To, "to", "", "only articles published on or before `DATE`")
	fs.StringVar(&o.Lang, "lang", "", "only articles in `language`")
	fs.StringVar(&o.Type, "type", "", "only pages of `type`: "+strings.Join(corpus.PageTypes, ", "))
	fs.BoolVar(&o.AllowPartial, "allow-partial", false, "with --query: export what the index finds even when it is behind the corpus")
	o.warcExportOptions.AddFlags(fs)
}

func exportCommand() *command {
	c := &command{
		name:    "export",
		summary: "export articles as JSON Lines or CSV",
		usage: `Usage: archivist export [--format jsonl|csv] [--out FILE] [--query Q [--allow-partial]] [--site HOST] [--from DATE] [--to DATE]
                        [--lang L] [--type TYPE]
       archivist export --format warc --out FILE.warc.gz [--all-captures] [--cdx FILE] [--warc-size BYTES] [filters as above]

Streams the matching articles (all by default) with every article field.
JSONL: one object per line. CSV: RFC 4180 with a header row; authors, tags
and flags joined with "; ". With --query, export refuses (exit 1) when
the index is behind the corpus, since the result would miss articles:
run 'archivist index' first, or pass --allow-partial. Each article row
is checked against the digest written with it: a row whose stored values
changed stops the export (exit 1; --out is not written).

With --format warc, writes the captures behind the selected articles
(every capture with --all-captures) as WARC/1.1 files; see the README.

Examples:
  archivist export --format jsonl --out corpus.jsonl
  archivist export --format csv --query '"climate summit"' --from 2024 > summit.csv`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts exportOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		if err := noArgs(c, rest, " (a query goes in --query)"); err != nil {
			return err
		}
		return runExport(ctx, e, opts)
	}
	return c
}

func runExport(ctx context.Context, e *env, opts exportOptions) error {
	if opts.Format == "warc" {
		return runExportWARC(ctx, e, opts)
	}
	if opts.Format != "jsonl" && opts.Format != "csv" {
		return usagef("export: bad --format %s (want jsonl or csv)", quote.Short(opts.Format))
	}
	from, to, err := dateRange(opts.From, opts.To)
	if err != nil {
		return err
	}
	if err := checkPageType("export", opts.Type); err != nil {
		return err
	}
	filter := corpus.ArticleFilter{Site: opts.Site, From: from, To: to, Lang: opts.Lang, Type: opts.Type}
	db, err := e.openCorpusReadOnly(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if opts.Query != "" {
		ids, err := e.matchingIDs(ctx, db, opts.Query, opts.AllowPartial)
		if err != nil {
			return err
		}
		filter.IDs = ids
	}

	var out io.Writer = e.stdout
	var tmp *os.File
	if opts.Out != "" {
		tmp, err = createBeside(opts.Out)
		if err != nil {
			return err
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		out = tmp
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	w, err := corpus.NewArticleWriter(bw, opts.Format)
	if err != nil {
		return usagef("export: %v", err)
	}
	n, unchecked := 0, 0
	err = db.Articles(ctx, filter, func(a *corpus.Article) error {
		switch err := a.CheckDigest(); {
		case errors.Is(err, corpus.ErrNoDigest):
			unchecked++
		case err != nil:
			return damagedArticle(a, opts.Out)
		}
		n++
		return w.Write(a)
	})
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	var done remedied
	if errors.As(err, &done) {
		return err
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if tmp != nil {
		if err := tmp.Sync(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(tmp.Name(), opts.Out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	if unchecked > 0 {
		verb := "articles have no row digest (written outside archivist) and were"
		if unchecked == 1 {
			verb = "article has no row digest (written outside archivist) and was"
		}
		fmt.Fprintf(e.stderr, "archivist: export: %d %s exported unchecked\n", unchecked, verb)
	}
	e.logger.Info("export finished", "articles", n, "format", opts.Format, "out", orStdout(opts.Out))
	return nil
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
	if s == "" {
		return "stdout"
	}
	return s
}

// matchingIDs returns the ids of every article matching query, in
// relevance order. When the index is behind the corpus, the answer would
// miss articles: it refuses unless allowPartial.
func (e *env) matchingIDs(ctx context.Context, db *corpus.DB, query string, allowPartial bool) ([]int64, error) {
	if _, err := os.Stat(e.global.indexPath()); errors.Is(err, os.ErrNotExist) {
		return nil, usagef("export --query needs the index at %s (run 'archivist index')", e.global.indexPath())
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
	ids, err := ix.MatchingIDs(ctx, index.Request{Query: query})
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
// written whole: in path's folder, with the permissions a new file gets
// (0666 less the umask, as the shell's > gives), not CreateTemp's 0600.
// Errors name path, the user's word, not the temporary name.
func createBeside(path string) (*os.File, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, usagef("export: --out %s is a folder; name a file", quote.Short(path))
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, usagef("export: --out %s: no such folder %s", quote.Short(path), quote.Short(dir))
	}
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d.tmp", filepath.Base(path), rand.Uint32()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("export: cannot write %s: %w", path, err)
		}
		return f, nil
	}
	return nil, fmt.Errorf("export: cannot create a temporary file beside %s", path)
}
