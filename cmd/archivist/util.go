package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/mattn/go-isatty"
)

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// openCorpus opens the database named by --db for writing (crawl, index).
// When mustExist is set, a missing file is a usage error rather than a new
// empty corpus.
func (e *env) openCorpus(ctx context.Context, mustExist bool) (*corpus.DB, error) {
	if err := e.sqliteOnly(); err != nil {
		return nil, err
	}
	if mustExist {
		if _, err := os.Stat(e.global.DB); errors.Is(err, os.ErrNotExist) {
			return nil, usagef("no corpus at %s (crawl first, or pass --db)", e.global.DB)
		}
	}
	return notCorpusIsUsage(corpus.Open(ctx, e.global.DB))
}

// notCorpusIsUsage makes a --db that names no corpus (a folder, a file
// that is not one) a usage error, exit 2.
func notCorpusIsUsage(db *corpus.DB, err error) (*corpus.DB, error) {
	if errors.Is(err, corpus.ErrNotCorpus) {
		return nil, usagef("%v", err)
	}
	return db, err
}

// openCorpusReadOnly opens the database named by --db for a command that
// only reads (search, export, stats, verify): it never writes to it, and
// it works on read-only media.
func (e *env) openCorpusReadOnly(ctx context.Context) (*corpus.DB, error) {
	if err := e.sqliteOnly(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(e.global.DB); errors.Is(err, os.ErrNotExist) {
		return nil, usagef("no corpus at %s (crawl first, or pass --db)", e.global.DB)
	}
	return notCorpusIsUsage(corpus.OpenReadOnly(ctx, e.global.DB))
}

// openIndex opens (or creates) the index beside the database for writing.
func (e *env) openIndex(ctx context.Context) (*index.Index, error) {
	return e.waitForIndex(ctx, index.Open)
}

// openIndexReadOnly opens the existing index beside the database for
// searching only.
func (e *env) openIndexReadOnly(ctx context.Context) (*index.Index, error) {
	ix, err := e.waitForIndex(ctx, index.OpenReadOnly)
	if err == nil {
		e.indexHeld = ix.Held()
	}
	return ix, err
}

func (e *env) waitForIndex(ctx context.Context, open func(string, ...index.Option) (*index.Index, error)) (*index.Index, error) {
	if err := e.checkIndexPath(); err != nil {
		return nil, err
	}
	// A writer (`archivist index`, a crawl) may hold the index: wait a
	// while for it rather than fail at once. (Read-only opens do not wait:
	// they read a held index through a view.)
	deadline := time.Now().Add(indexWait)
	for attempt := 0; ; attempt++ {
		ix, err := open(e.global.indexPath(), index.WithLogger(e.logger))
		if !errors.Is(err, index.ErrInUse) {
			return ix, err
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("%w (a crawl or index command is updating it; try again later)", err)
		}
		if attempt == 0 {
			fmt.Fprintln(e.stderr, "archivist: the index is being updated by another process; waiting for it")
		}
	}
}

// checkIndexPath refuses an index path that names a file (a usage
// error): the index is a folder.
func (e *env) checkIndexPath() error {
	path := e.global.indexPath()
	st, err := os.Stat(path)
	if err != nil || st.IsDir() {
		return nil
	}
	if e.global.Index != "" {
		return usagef("--index %s is a file, not an index folder (name the folder, e.g. archive.bleve)", quote.Short(path))
	}
	return usagef("index %s is a file, not an index folder: move it away, or pass --index", quote.Short(path))
}

// indexWait is how long commands wait for an index that another process
// holds (each attempt to open it waits a second).
var indexWait = 20 * time.Second

// indexBehind returns how many articles of db the index ix has not seen
// (changed since its position in the corpus's change sequence). An index
// that is ahead of the corpus was built from another corpus (or the corpus
// was restored from a backup): that is an error.
func (e *env) indexBehind(ctx context.Context, db corpus.Reader, ix *index.Index) (int64, error) {
	if err := e.sameCorpus(ctx, db, ix); err != nil {
		return 0, err
	}
	seq, err := ix.Seq()
	if err != nil {
		return 0, err
	}
	ch, err := db.ChangesSince(ctx, seq)
	if err != nil {
		return 0, err
	}
	if seq > ch.LastSeq {
		return 0, fmt.Errorf("index %s does not match the corpus %s: it has indexed changes up to %d, the corpus has %d; run 'archivist index --rebuild'",
			e.global.indexPath(), db.Location(), seq, ch.LastSeq)
	}
	return ch.Behind, nil
}

// sameCorpus refuses an index built from another corpus than db (a usage
// error: the wrong --index, or an index left beside a corpus file that was
// replaced): its hits would name another corpus's articles. An index made
// before archivist recorded the corpus is taken as it is.
func (e *env) sameCorpus(ctx context.Context, db corpus.Reader, ix *index.Index) error {
	have, err := ix.Corpus()
	if err != nil || have == "" {
		return err
	}
	id, err := db.ID(ctx)
	if err != nil || id == "" || id == have {
		return nil
	}
	return otherCorpus(e.global.indexPath(), db.Location(), have, id)
}

// noIndexHint is what a command that updates the index after its work
// adds to a refusal of the index: the work can go on without it.
const noIndexHint = "or give --no-index"

// withHint adds hint to a usage error's message (exitCode prints only
// the message of a usage error, not what wraps it).
func withHint(err error, hint string) error {
	var ue *usageError
	if errors.As(err, &ue) {
		return usagef("%s (%s)", ue.msg, hint)
	}
	return err
}

// checkIndexCorpus refuses, before a command writes anything, an existing
// index of another corpus than db (see sameCorpus); no index is fine.
func (e *env) checkIndexCorpus(ctx context.Context, db corpus.Reader) error {
	if !looksLikeIndexFolder(e.global.indexPath()) {
		return nil
	}
	ix, err := e.openIndexReadOnly(ctx)
	if err != nil {
		return nil // the update after says what is wrong with it
	}
	defer ix.Close()
	return withHint(e.sameCorpus(ctx, db, ix), noIndexHint)
}

// looksLikeIndexFolder reports whether path is a folder (an index, or
// something the index code will judge).
func looksLikeIndexFolder(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// otherCorpus is the usage error for an index of another corpus.
func otherCorpus(path, location, have, id string) error {
	return usagef("index %s was built from another corpus (id %s), not %s (id %s): pass this corpus's index with --index, or run 'archivist index --rebuild' to replace it",
		path, have, location, id)
}

// warnBehind says on stderr that the index is n articles behind, if it is.
func (e *env) warnBehind(n int64) {
	switch {
	case n > 0 && e.indexHeld:
		fmt.Fprintf(e.stderr, "archivist: index is %d %s behind the corpus; a crawl (or 'archivist index') is updating it\n", n, plural(n, "article"))
	case n > 0:
		fmt.Fprintf(e.stderr, "archivist: %s\n", behindMessage(n))
	}
}

// plural returns noun, with an s unless n is 1.
func plural(n int64, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// nouns returns "N noun", with an s unless n is 1.
func nouns(n int, noun string) string { return fmt.Sprintf("%d %s", n, plural(int64(n), noun)) }

// copiesNote is what a summary adds after its article count for the n
// pages (or records: unit) that were copies of articles already stored:
// " (3 more pages were copies of stored articles)", or nothing.
func copiesNote(n int, unit string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(" (1 more %s was a copy of a stored article)", unit)
	}
	return fmt.Sprintf(" (%d more %ss were copies of stored articles)", n, unit)
}

func behindMessage(n int64) string {
	return fmt.Sprintf("index is %d %s behind the corpus; run 'archivist index'", n, plural(n, "article"))
}

// followIndex keeps the index ix up to date with db every so often until
// ctx is done, then brings it up to date once more. The crawl holds ix
// open for its whole run, so that scorch's merges run in the background
// as they should (an index closed every few seconds stops its merges
// half-way and piles up segments); searches in other processes read it
// meanwhile (see index.OpenReadOnly). A failed update is logged (once
// until one succeeds) and tried again: after a failed write, the next
// update opens the index again. It returns the number of articles the
// updates saved in the index (not those of a batch that failed to save),
// and the error of the last update (nil when the index caught up), or at
// once index.ErrReopen when the index could not be opened again.
func (e *env) followIndex(ctx context.Context, db corpus.Reader, ix indexUpdater, every time.Duration) (int, error) {
	return e.followIndexWhen(ctx, db, ix, every, nil)
}

// followIndexWhen is followIndex that looks every interval and updates
// only when due (nil: always) reports true.
func (e *env) followIndexWhen(ctx context.Context, db corpus.Reader, ix indexUpdater, every time.Duration, due func() bool) (int, error) {
	t := time.NewTicker(every)
	defer t.Stop()
	warned := false
	total := 0
	for {
		select {
		case <-t.C:
			if due != nil && !due() {
				continue
			}
			n, err := e.updateHeldIndex(ctx, db, ix)
			total += n
			if errors.Is(err, index.ErrReopen) {
				// After a failed write, the index could not be opened
				// again: trying again would fail the same way.
				return total, err
			}
			if err != nil && !errors.Is(err, context.Canceled) && !warned {
				e.logger.Warn("index update failed; will try again", "err", err)
				warned = true
			}
			if err == nil {
				warned = false
			}
		case <-ctx.Done():
			n, err := e.updateHeldIndex(context.Background(), db, ix)
			return total + n, err
		}
	}
}

// updateHeldIndex brings the open index ix up to date with db, and
// returns the number of articles saved in it (index.Index.Update counts
// only the batches it saved).
func (e *env) updateHeldIndex(ctx context.Context, db corpus.Reader, ix indexUpdater) (int, error) {
	n, err := ix.Update(ctx, db)
	if n > 0 {
		e.logger.Debug("index updated", "articles", n)
	}
	return n, err
}

// updateIndex opens the index, brings it up to date with db and closes
// it, for a command that updates it once at its end.
func (e *env) updateIndex(ctx context.Context, db corpus.Reader) error {
	ix, err := e.openIndexForUpdate(e.global.indexPath(), index.WithLogger(e.logger))
	if err != nil {
		return err
	}
	_, err = e.updateHeldIndex(ctx, db, ix)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	return err
}

// indexUpdater is what a crawl does with the index: *index.Index.
type indexUpdater interface {
	Update(ctx context.Context, src index.Source) (int, error)
	Close() error
}

// openIndexForUpdate opens the index for an update; tests replace it
// (env.indexOpener) to make updates fail.
func (e *env) openIndexForUpdate(path string, opts ...index.Option) (indexUpdater, error) {
	if e.indexOpener != nil {
		return e.indexOpener(path, opts...)
	}
	return index.Open(path, opts...)
}

// openIndexForCrawl opens the index for a crawl's updates, waiting a while
// for another process that holds it for writing (`archivist index`);
// tests replace index.Open (env.indexOpener) to make updates fail.
func (e *env) openIndexForCrawl(ctx context.Context, db corpus.Reader) (indexUpdater, error) {
	ix, err := e.openIndex(ctx)
	if err != nil {
		return nil, err
	}
	if err := e.sameCorpus(ctx, db, ix); err != nil {
		ix.Close()
		return nil, withHint(err, noIndexHint)
	}
	if e.indexOpener == nil {
		return ix, nil
	}
	ix.Close()
	return e.indexOpener(e.global.indexPath(), index.WithLogger(e.logger))
}

// dateFlag parses a date given on the command line: YYYY, YYYY-MM,
// YYYY-MM-DD or RFC 3339. With end set, a partial date means the end of
// that year, month or day, so that --to 2024-05 includes all of May.
func parseDate(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	layouts := []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{time.RFC3339Nano, nil},
		{"2006-01-02T15:04:05", nil},
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	}
	for _, l := range layouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if end && l.next != nil {
			t = l.next(t).Add(-time.Nanosecond)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %s (want YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339)", quote.Short(s))
}

// dateRange parses --from and --to; cmd names the command in errors.
func dateRange(cmd, from, to string) (time.Time, time.Time, error) {
	f, err := parseDate(from, false)
	if err != nil {
		return time.Time{}, time.Time{}, usagef("%s: --from: %v", cmd, err)
	}
	t, err := parseDate(to, true)
	if err != nil {
		return time.Time{}, time.Time{}, usagef("%s: --to: %v", cmd, err)
	}
	if !f.IsZero() && !t.IsZero() && t.Before(f) {
		return time.Time{}, time.Time{}, usagef("%s: --to %s is before --from %s", cmd, to, from)
	}
	return f, t, nil
}

// checkPageType rejects a --type that is not a page type.
func checkPageType(cmd, typ string) error {
	if _, ok := corpus.ParsePageType(typ); typ == "" || ok {
		return nil
	}
	return usagef("%s: bad --type %q (want one of %s)", cmd, typ, strings.Join(corpus.PageTypes, ", "))
}

// wrapText breaks s into lines of at most width characters, between words
// (a longer word gets a line of its own).
func wrapText(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		switch {
		case n == 0:
		case n+1+len(w) > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
