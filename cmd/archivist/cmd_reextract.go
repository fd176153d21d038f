package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/panics"
	"github.com/archivist-project/archivist/scraper/extract"
)

// reextractOptions are the flags of `archivist reextract`.
type reextractOptions struct {
	SinceVersion versionFlag
	All          bool
	NoIndex      bool
	Quiet        bool
}

// AddFlags registers the reextract flags on fs.
func (o *reextractOptions) AddFlags(fs *flag.FlagSet) {
	fs.Var(&o.SinceVersion, "since-version", fmt.Sprintf(
		"re-extract the articles extracted by an extractor older than version `V` (default: the current one, %d)", extract.Version))
	fs.BoolVar(&o.All, "all", false, "re-extract every article")
	fs.BoolVar(&o.NoIndex, "no-index", false, "do not bring the index up to date afterwards")
	fs.BoolVar(&o.Quiet, "q", false, "no progress bar")
}

func reextractCommand() *command {
	c := &command{
		name:    "reextract",
		summary: "extract articles again from their stored captures",
		usage: `Usage: archivist reextract [--since-version V] [--all] [--no-index] [-q]

Derives articles again from the captures they came from, with this
archivist's extractor, without any network access: after an upgrade of the
extractor, the corpus catches up. By default it takes the articles whose
extractor version is older than the current one; --since-version V takes
those older than V; --all takes every article. An article whose title or
text comes out different keeps its old text as a version ('archivist
history URL' shows both). The index, when there is one, is brought up to
date afterwards. Ctrl-C stops after saving what is done; running it again
goes on with the rest.

Examples:
  archivist reextract
  archivist reextract --all`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts reextractOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		if err := noArgs(c, rest, ""); err != nil {
			return err
		}
		return runReextract(ctx, e, opts)
	}
	return c
}

// versionFlag is --since-version: an extractor version, and whether it
// was given at all (0 given is a bad version, not the default).
type versionFlag struct {
	v   int
	set bool
}

func (f *versionFlag) String() string { return strconv.Itoa(f.v) }

func (f *versionFlag) Set(s string) error {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return errors.New("not a whole number")
	}
	f.v, f.set = v, true
	return nil
}

// below returns the extractor version whose older articles are selected,
// 0 for every article.
func (o reextractOptions) below() (int, error) {
	switch {
	case o.All && o.SinceVersion.set:
		return 0, usagef("reextract: --all and --since-version do not go together")
	case o.All:
		return 0, nil
	case !o.SinceVersion.set:
		return extract.Version, nil
	case o.SinceVersion.v < 1 || o.SinceVersion.v > extract.Version:
		return 0, usagef("reextract: bad --since-version %d (want 1 to %d, the current extractor version)",
			o.SinceVersion.v, extract.Version)
	}
	return o.SinceVersion.v, nil
}

// reextractResult counts what reextract did.
type reextractResult struct {
	Selected, Done int
	Changed, Same  int
	Failed         int
	FirstFailure   string
}

func runReextract(ctx context.Context, e *env, opts reextractOptions) error {
	below, err := opts.below()
	if err != nil {
		return err
	}
	if !opts.NoIndex {
		if err := e.checkIndexPath(); err != nil {
			return err
		}
	}
	db, err := e.openCorpus(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if !opts.NoIndex {
		if err := e.checkIndexCorpus(ctx, db); err != nil {
			return err
		}
	}
	ids, err := db.ArticlesToReextract(ctx, below)
	if err != nil {
		return fmt.Errorf("reextract: %w", err)
	}
	bar := newCountBar(e, len(ids), opts.Quiet)
	res, runErr := reextract(ctx, e, db, ids, bar.update)
	bar.finish()
	var indexErr error
	if _, err := os.Stat(e.global.indexPath()); err == nil && !opts.NoIndex && res.Done > 0 {
		// Even after Ctrl-C: what was saved gets indexed.
		indexErr = e.updateIndex(context.WithoutCancel(ctx), db)
	}
	fmt.Fprintf(e.stdout, "re-extracted %d of %d articles with extractor version %d: %d changed (each a new version), %d unchanged, %d failed\n",
		res.Done, res.Selected, extract.Version, res.Changed, res.Same, res.Failed)
	switch {
	case runErr != nil:
		return runErr
	case res.Failed > 0:
		noun := "articles"
		if res.Failed == 1 {
			noun = "article"
		}
		return fmt.Errorf("reextract: %d %s could not be extracted again and keep their text (first: %s)",
			res.Failed, noun, res.FirstFailure)
	case indexErr != nil:
		return remedied{fmt.Errorf("reextract: every article is saved, but the index could not be updated (%w); run 'archivist index' to catch up", indexErr)}
	}
	return nil
}

// rederived is one article extracted again, or why it could not be.
type rederived struct {
	art         *corpus.Article
	prevVersion int
	failure     string
}

// reextract derives the articles ids again, extracting on every core and
// saving in batches, and calls progress with the number done so far. On
// Ctrl-C it saves what was extracted and returns ctx's error.
func reextract(ctx context.Context, e *env, db *corpus.DB, ids []int64, progress func(done int)) (reextractResult, error) {
	res := reextractResult{Selected: len(ids)}
	work, stop := context.WithCancel(ctx)
	defer stop()
	jobs, out := make(chan int64), make(chan rederived)
	go func() {
		defer close(jobs)
		for _, id := range ids {
			select {
			case jobs <- id:
			case <-work.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				out <- rederive(work, db, id)
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	var batch []rederived
	var saveErr error
	flush := func() {
		if len(batch) > 0 && saveErr == nil {
			if saveErr = saveRederived(context.WithoutCancel(ctx), db, batch, &res); saveErr != nil {
				stop()
			}
		}
		batch = batch[:0]
		progress(res.Done + res.Failed)
	}
	for r := range out {
		if r.failure != "" && work.Err() != nil {
			continue // stopped: not a failure of that article
		}
		if r.failure != "" {
			res.Failed++
			if res.FirstFailure == "" {
				res.FirstFailure = r.failure
			}
			e.logger.Debug("reextract failed", "err", r.failure)
			continue
		}
		if batch = append(batch, r); len(batch) == 100 {
			flush()
		}
	}
	flush()
	if saveErr != nil {
		return res, fmt.Errorf("reextract: %w", saveErr)
	}
	return res, ctx.Err()
}

// saveRederived stores a batch in one transaction and counts it.
func saveRederived(ctx context.Context, db *corpus.DB, batch []rederived, res *reextractResult) error {
	changed := 0
	err := db.Update(ctx, func(tx *corpus.Tx) error {
		changed = 0
		for _, r := range batch {
			if err := tx.UpdateArticle(ctx, r.art); err != nil {
				return err
			}
			if r.art.Version != r.prevVersion {
				changed++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	res.Done += len(batch)
	res.Changed += changed
	res.Same += len(batch) - changed
	return nil
}

// rederive extracts article id again from its stored capture.
func rederive(ctx context.Context, db *corpus.DB, id int64) (r rederived) {
	a, err := db.Article(ctx, id)
	if err != nil {
		return rederived{failure: fmt.Sprintf("article %d: %v", id, err)}
	}
	fail := func(format string, args ...any) rederived {
		return rederived{failure: fmt.Sprintf("article %d %s: ", id, printable(a.URL)) + fmt.Sprintf(format, args...)}
	}
	if err := a.CheckDigest(); err != nil && !errors.Is(err, corpus.ErrNoDigest) {
		return fail("%v (run 'archivist verify')", err)
	}
	c, err := db.Capture(ctx, a.CaptureID)
	if err != nil {
		return fail("%v", err)
	}
	sum := sha256.Sum256(c.Body)
	switch {
	case c.Body == nil:
		return fail("capture %d has no stored body", c.ID)
	case hex.EncodeToString(sum[:]) != c.SHA256:
		return fail("capture %d's body does not match its digest (run 'archivist verify')", c.ID)
	}
	defer func() {
		if v := recover(); v != nil {
			r = fail("the extractor failed (a bug in archivist; please report it): %s [%s]",
				oneLine(fmt.Sprint(v)), panics.Stack())
		}
	}()
	page, _, err := c.Decoded(reextractMaxBody) // the page as the crawl extracted it (wire captures are still encoded)
	if err != nil {
		return fail("capture %d: %v", c.ID, err)
	}
	art, err := extract.Extract(extract.Input{Body: page, URL: c.URL, ContentType: c.Header.Get("Content-Type"),
		FetchedAt: c.FetchedAt, SHA256: c.SHA256})
	if err != nil {
		return fail("%v", err)
	}
	// The article stays the same article: its id, URL, capture and fetch.
	art.ID, art.URL, art.CaptureID, art.FetchedAt = a.ID, a.URL, a.CaptureID, a.FetchedAt
	art.ExtractorVersion = extract.Version
	return rederived{art: &art, prevVersion: a.Version}
}

// reextractMaxBody bounds a decoded page, as a crawl's --max-body does.
const reextractMaxBody = 64 << 20

// countBar shows the progress of a job over a known number of items: a
// live bar on a terminal, a log line every few seconds otherwise.
type countBar struct {
	e           *env
	total       int
	quiet, live bool
	start       time.Time
	last        time.Time
	drawn       bool
}

// newCountBar returns the bar of a job over total items. Without a
// terminal, its first log line comes after logEvery, and none at the end:
// the summary follows.
func newCountBar(e *env, total int, quiet bool) *countBar {
	now := time.Now()
	return &countBar{e: e, total: total, quiet: quiet, start: now, last: now,
		live: e.stderrIsTerminal && !e.global.Verbose && e.global.LogFormat != "json"}
}

// update shows that done items of the total are done.
func (b *countBar) update(done int) {
	if b.quiet || b.total == 0 {
		return
	}
	gap := logEvery
	if b.live {
		gap = 100 * time.Millisecond
	}
	if time.Since(b.last) < gap && done < b.total {
		return
	}
	b.last = time.Now()
	if b.live {
		fmt.Fprintf(b.e.stderr, "\r\033[K%s", b.line(done))
		b.drawn = true
		return
	}
	if done >= b.total {
		return
	}
	b.e.logger.Info("reextract progress", "done", done, "total", b.total,
		"elapsed", time.Since(b.start).Round(time.Second).String())
}

// line is the live bar, at most 80 columns:
// [=========           ]  45% 4500/10000 120/s ETA 46s
func (b *countBar) line(done int) string {
	const width = 20
	frac := min(float64(done)/float64(b.total), 1)
	full := int(frac * width)
	s := fmt.Sprintf("[%s%s] %3.0f%% %d/%d", strings.Repeat("=", full), strings.Repeat(" ", width-full),
		frac*100, done, b.total)
	elapsed := time.Since(b.start)
	if rate := float64(done) / elapsed.Seconds(); done > 0 && rate > 0 {
		s += fmt.Sprintf(" %.0f/s", rate)
		if done < b.total {
			s += " ETA " + time.Duration(float64(b.total-done)/rate*float64(time.Second)).Round(time.Second).String()
		}
	}
	return s
}

// finish ends the live bar so the summary starts on a fresh line.
func (b *countBar) finish() {
	if b.drawn {
		fmt.Fprintln(b.e.stderr)
		b.drawn = false
	}
}
