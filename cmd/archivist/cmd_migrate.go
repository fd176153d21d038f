package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/internal/quote"
)

// migrateOptions are the flags of `archivist migrate`.
type migrateOptions struct {
	To string
}

// AddFlags registers the migrate flags on fs.
func (o *migrateOptions) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.To, "to", "", "the PostgreSQL database to copy into, `URL` postgres://user@host/db (default: --store, or $ARCHIVIST_STORE)")
}

func migrateCommand() *command {
	c := &command{
		name:    "migrate",
		summary: "copy a SQLite corpus into PostgreSQL",
		usage: `Usage: archivist migrate --to postgres://user@host/db [--db archive.db]

Copies the SQLite corpus at --db (captures with their bodies, articles with
every version and URL, crawl runs, the frontier with the crawl's scope and
robots.txt states) into the PostgreSQL
database --to, which then serves stats, export, history, search and index
with --store. Rows keep their ids, digests and change sequence numbers, so
an export from either is the same. The database must be empty or hold an
earlier copy of the same corpus: the copy is resumable (an interrupted
migrate, run again, goes on where it stopped) and brings a copy up to date
(captures and articles added or changed since), until a crawl runs in the
copy (crawl --store): then it is refused. Stop crawls on the SQLite corpus
while it runs. A progress bar shows on a terminal.

Example:
  createdb archive
  archivist migrate --db archive.db --to postgres://me@dbhost/archive`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts migrateOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		if err := noArgs(c, rest, ""); err != nil {
			return err
		}
		return runMigrate(ctx, e, opts)
	}
	return c
}

// migrateBatch is the number of rows copied per PostgreSQL transaction:
// an interrupted migrate loses at most that many, which it copies again.
const migrateBatch = 200

// migrateCounts are the rows a migrate copied.
type migrateCounts struct {
	captures, articles, runs, frontier int64
}

func runMigrate(ctx context.Context, e *env, opts migrateOptions) error {
	to := opts.To
	if to == "" {
		to = e.global.Store
	}
	if to == "" {
		return usagef("migrate: no --to given (a PostgreSQL URL, postgres://user@host/db)")
	}
	if !pgstore.IsURL(to) {
		name := "--to"
		if opts.To == "" {
			name = "--store"
		}
		return usagef("migrate: bad %s %s: want a PostgreSQL URL, postgres://user@host/db", name, quote.Short(pgstore.Redact(to)))
	}
	if _, err := os.Stat(e.global.DB); errors.Is(err, os.ErrNotExist) {
		return usagef("migrate: no corpus at %s (pass --db)", e.global.DB)
	}
	src, err := notCorpusIsUsage(corpus.OpenReadOnly(ctx, e.global.DB))
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := e.openPG(ctx, to)
	if err != nil {
		return err
	}
	defer dst.Close()
	m := &migration{e: e, src: src, dst: dst, start: time.Now()}
	if err := m.prepare(ctx); err != nil {
		return m.interrupted(ctx, err)
	}
	err = m.copy(ctx)
	m.progress.finish()
	if err != nil {
		return m.interrupted(ctx, fmt.Errorf("migrate: %w (run it again to go on from where it stopped)", err))
	}
	fmt.Fprintf(e.stdout, "migrated %s to %s in %s: %d captures, %d articles, %d crawl runs, %d frontier URLs copied\n",
		src.Location(), dst.Location(), time.Since(m.start).Round(time.Millisecond),
		m.n.captures, m.n.articles, m.n.runs, m.n.frontier)
	return nil
}

// interrupted says, when err comes from a Ctrl-C, what this run copied and
// how to go on (main then prints only "interrupted").
func (m *migration) interrupted(ctx context.Context, err error) error {
	if ctx.Err() == nil || !errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintf(m.e.stderr, "archivist: migrate: interrupted: %d captures, %d articles, %d crawl runs, %d frontier URLs copied; "+
		"run the same command again to go on\n", m.n.captures, m.n.articles, m.n.runs, m.n.frontier)
	return err
}

// migration is one run of `archivist migrate`.
type migration struct {
	e        *env
	src      *corpus.DB
	dst      *pgstore.Store
	state    pgstore.CopyState
	start    time.Time
	n        migrateCounts
	progress *indexProgress
}

// prepare checks that the target is empty or an earlier copy of the same
// corpus, and counts what there is to copy.
func (m *migration) prepare(ctx context.Context) error {
	id, err := m.src.ID(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if m.state, err = m.dst.CopyState(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if m.state.From != id && (m.state.Captures > 0 || m.state.Articles > 0 || m.state.Runs > 0 || m.state.Frontier > 0) {
		return usagef("migrate: %s already holds a corpus (%d captures, %d articles, %d crawl runs, %d frontier URLs) that is not a copy of %s; migrate into an empty database",
			m.dst.Location(), m.state.Captures, m.state.Articles, m.state.Runs, m.state.Frontier, m.src.Location())
	}
	if m.state.From == id {
		if err := m.ownRuns(ctx); err != nil {
			return err
		}
	}
	if m.state.From != id {
		if err := m.dst.Update(ctx, func(tx *pgstore.Tx) error { return tx.StartCopy(ctx, id) }); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	st, err := m.src.Stats(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	ch, err := m.src.ChangesSince(ctx, m.state.LastSeq)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	total := max(st.Captures-m.state.Captures, 0) + ch.Behind
	m.progress = &indexProgress{e: m.e, total: total, start: time.Now(), noun: "rows",
		live: m.e.stderrIsTerminal && !m.e.global.Verbose && m.e.global.LogFormat != "json"}
	return nil
}

// ownRuns refuses to copy again into a database where crawls ran since
// the last copy (crawl --store): their runs, captures and frontier rows
// took ids that the source's later rows have too, and a copy would mix
// or drop them.
func (m *migration) ownRuns(ctx context.Context) error {
	dst, err := m.dst.RunStarts(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	src, err := m.src.CrawlRuns(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	srcStart := make(map[int64]string, len(src))
	for _, r := range src {
		srcStart[r.ID] = r.StartedAt
	}
	var own []int64
	for id, started := range dst {
		if s, ok := srcStart[id]; !ok || s != started {
			own = append(own, id)
		}
	}
	if len(own) == 0 {
		return nil
	}
	slices.Sort(own)
	return usagef("migrate: %s is a copy of %s, but crawls ran in it since (crawl runs %s not in %s); copying again would collide with their rows: migrate into an empty database, or go on crawling with --store",
		m.dst.Location(), m.src.Location(), joinIDs(own), m.src.Location())
}

// joinIDs writes ids as "1, 2, 3", at most five and a count of the rest.
func joinIDs(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i == 5 {
			fmt.Fprintf(&b, " and %d more", len(ids)-5)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, id)
	}
	return b.String()
}

func (m *migration) copy(ctx context.Context) error {
	for _, step := range []func(context.Context) error{m.copyCaptures, m.copyArticles, m.copyRuns, m.copyFrontier} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return m.dst.FinishCopy(ctx)
}

func (m *migration) tick() {
	m.progress.update(int(m.n.captures + m.n.articles))
}

// copyCaptures copies the captures after the last one copied, in id
// order, migrateBatch per transaction.
func (m *migration) copyCaptures(ctx context.Context) error {
	var batch []*corpus.Capture
	flush := func() error {
		ctx := context.WithoutCancel(ctx) // a Ctrl-C lets the batch in hand be written whole
		err := m.dst.Update(ctx, func(tx *pgstore.Tx) error {
			for _, c := range batch {
				if err := tx.CopyCapture(ctx, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			m.n.captures += int64(len(batch))
			batch = batch[:0]
			m.tick()
		}
		return err
	}
	err := m.src.ForEachCapture(ctx, corpus.CaptureFilter{AfterID: m.state.LastCapture, WithBody: true}, func(c *corpus.Capture) error {
		m.dst.Pack(c)
		if batch = append(batch, c); len(batch) >= migrateBatch {
			return flush()
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	return flush()
}

// articleCopy is one article with what is stored beside it.
type articleCopy struct {
	a        *corpus.Article
	seq      int64
	key      string
	urls     []string
	versions []corpus.ArticleVersion
}

// copyArticles copies the articles changed since the last one copied, in
// change sequence order, with their versions and URLs.
func (m *migration) copyArticles(ctx context.Context) error {
	var batch []articleCopy
	flush := func() error {
		ctx := context.WithoutCancel(ctx) // a Ctrl-C lets the batch in hand be written whole
		err := m.dst.Update(ctx, func(tx *pgstore.Tx) error {
			for _, b := range batch {
				if err := tx.CopyArticle(ctx, b.a, b.key, b.seq, b.urls, b.versions); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			m.n.articles += int64(len(batch))
			batch = batch[:0]
			m.tick()
		}
		return err
	}
	err := m.src.ArticlesSince(ctx, m.state.LastSeq, func(seq int64, a *corpus.Article) error {
		b := articleCopy{a: a, seq: seq}
		var err error
		if b.key, err = m.src.ArticleKey(ctx, a.ID); err != nil {
			return err
		}
		if b.urls, err = m.src.ArticleURLs(ctx, a.ID); err != nil {
			return err
		}
		if b.versions, err = m.src.ArticleVersions(ctx, a.ID); err != nil {
			return err
		}
		if batch = append(batch, b); len(batch) >= migrateBatch {
			return flush()
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	return flush()
}

func (m *migration) copyRuns(ctx context.Context) error {
	runs, err := m.src.CrawlRuns(ctx)
	if err != nil {
		return err
	}
	scope, robots, err := m.src.CrawlMemory(ctx)
	if err != nil {
		return err
	}
	var n int64
	err = m.dst.Update(ctx, func(tx *pgstore.Tx) error {
		var err error
		if n, err = tx.CopyRuns(ctx, runs); err != nil {
			return err
		}
		return tx.CopyCrawlMemory(ctx, scope, robots)
	})
	if err == nil {
		m.n.runs = n
	}
	return err
}

// copyFrontier copies every frontier row (a row copied before is brought
// up to date), 1000 per transaction, and counts the rows new or changed.
func (m *migration) copyFrontier(ctx context.Context) error {
	var batch []corpus.FrontierEntry
	now := time.Now().UnixMilli()
	flush := func() error {
		ctx := context.WithoutCancel(ctx) // a Ctrl-C lets the batch in hand be written whole
		var n int64
		err := m.dst.Update(ctx, func(tx *pgstore.Tx) error {
			var err error
			n, err = tx.CopyFrontier(ctx, batch, now)
			return err
		})
		if err == nil {
			m.n.frontier += n
			batch = batch[:0]
		}
		return err
	}
	err := m.src.ForEachFrontier(ctx, "", func(fe corpus.FrontierEntry) error {
		if batch = append(batch, fe); len(batch) >= 5*migrateBatch {
			return flush()
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	return flush()
}
