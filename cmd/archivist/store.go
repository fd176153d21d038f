package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/internal/quote"
)

// The corpus is a SQLite file (--db), or a PostgreSQL database (--store
// URL, or $ARCHIVIST_STORE) that several machines share. Commands that
// only read it (stats, export, history, search) and index take either;
// the others need the file (sqliteOnly says so).

// storeCommands lists the commands that take --store (corpusFlags), for
// messages: "crawl, index, ... and migrate".
func storeCommands() string {
	var names []string
	for _, c := range commands() {
		if slices.Contains(corpusFlags[c.name], "store") {
			names = append(names, c.name)
		}
	}
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " and " + names[last]
}

// openReader opens the corpus for a command that only reads it: the
// PostgreSQL store named by --store, else the file at --db read-only.
func (e *env) openReader(ctx context.Context) (corpus.Reader, error) {
	if e.global.Store != "" {
		return e.openPG(ctx, e.global.Store)
	}
	return e.openCorpusReadOnly(ctx)
}

// openSource opens the corpus for `archivist index`: the PostgreSQL store
// named by --store, else the file at --db, which must exist.
func (e *env) openSource(ctx context.Context) (corpus.Reader, error) {
	if e.global.Store != "" {
		return e.openPG(ctx, e.global.Store)
	}
	return e.openCorpus(ctx, true)
}

// openPG opens the PostgreSQL store at rawURL; a URL that is not one is a
// usage error.
func (e *env) openPG(ctx context.Context, rawURL string, opts ...pgstore.Option) (*pgstore.Store, error) {
	if !pgstore.IsURL(rawURL) {
		return nil, usagef("bad --store %s: want a PostgreSQL URL, postgres://user@host/db", quote.Short(pgstore.Redact(rawURL)))
	}
	s, err := pgstore.Open(ctx, rawURL, opts...)
	var bad *pgstore.BadURLError
	var foreign *pgstore.ForeignDatabaseError
	switch {
	case errors.As(err, &bad):
		return nil, usagef("bad PostgreSQL URL %s: %s", quote.Short(bad.URL), bad.Why)
	case errors.As(err, &foreign):
		return nil, usagef("%s: %v", quote.Short(pgstore.Redact(rawURL)), foreign)
	case err != nil:
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return s, nil
}

// sqliteOnly refuses --store for a command that works on the SQLite file
// only.
func (e *env) sqliteOnly() error {
	if e.global.Store == "" {
		return nil
	}
	return usagef("--store (a PostgreSQL corpus) works with %s; this command needs the SQLite file (--db), so leave --store and $ARCHIVIST_STORE unset", storeCommands())
}

// followCorpus holds the index open for writing and brings it up to date
// with db every e.indexEvery (5s by default) until ctx is done (Ctrl-C),
// then once more. It returns the number of articles indexed.
func (e *env) followCorpus(ctx context.Context, db corpus.Reader) (int, error) {
	ix, err := e.openIndex(ctx)
	if err != nil {
		return 0, err
	}
	every := e.indexEvery
	if every <= 0 {
		every = 5 * time.Second
	}
	fmt.Fprintf(e.stderr, "archivist: following %s into %s every %s (Ctrl-C to stop)\n", db.Location(), e.global.indexPath(), every)
	// n counts the articles saved, not those read: a batch that failed
	// to save is read again by the next update.
	n, err := e.followIndex(ctx, db, ix, every)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("index: %w", err)
	}
	return n, nil
}

// workersJSON is the workers and host leases of a PostgreSQL corpus in
// `stats --json`.
type workersJSON struct {
	Workers []pgstore.WorkerInfo `json:"workers"`
	Leases  []pgstore.HostLease  `json:"host_leases"`
	Robots  []pgstore.RobotsCopy `json:"robots_txt"` // the copies the workers share
}

// storeWorkers returns the crawl workers of a PostgreSQL corpus, nil for
// a SQLite one and for one no worker crawled.
func storeWorkers(ctx context.Context, db corpus.Reader) (*workersJSON, error) {
	pg, ok := db.(*pgstore.Store)
	if !ok {
		return nil, nil
	}
	ws, ls, err := pg.Workers(ctx)
	if err != nil {
		return nil, err
	}
	rs, err := pg.RobotsCopies(ctx)
	if err != nil {
		return nil, err
	}
	if len(ws) == 0 && len(ls) == 0 && len(rs) == 0 {
		return nil, nil // no crawl ran on it (a migrated corpus): as stats on SQLite
	}
	return &workersJSON{Workers: ws, Leases: ls, Robots: rs}, nil
}

// printWorkers prints the workers and leased hosts of a PostgreSQL corpus.
func printWorkers(w io.Writer, wj *workersJSON, now time.Time) {
	if wj == nil {
		return
	}
	defer printRobotsCopies(w, wj.Robots, now)
	if len(wj.Workers) == 0 {
		return
	}
	fmt.Fprintf(w, "workers    %d in the last day\n", len(wj.Workers))
	for _, k := range wj.Workers {
		state := fmt.Sprintf("last heartbeat %s ago", now.Sub(k.Heartbeat).Round(time.Second))
		switch {
		case k.Stopped:
			state = "stopped " + k.Heartbeat.Format("2006-01-02 15:04:05 UTC")
		case k.Gone:
			state = goneState(k, wj.Leases, now)
		}
		fmt.Fprintf(w, "  worker %d: pid %d on %s, %d pages (%.1f/s), %s\n", k.ID, k.PID, k.Machine, k.Pages, k.PagesPerSec, state)
	}
	for _, l := range wj.Leases {
		if l.Until.After(now) {
			fmt.Fprintf(w, "  host %s leased by worker %d until %s, %d URLs claimed\n", l.Host, l.Worker,
				l.Until.Format("15:04:05 UTC"), l.InFlight)
			continue
		}
		fmt.Fprintf(w, "  host %s: the lease of worker %d ran out at %s, %d URLs claimed (queued again when a worker takes the host)\n",
			l.Host, l.Worker, l.Until.Format("15:04:05 UTC"), l.InFlight)
	}
}

// goneState describes a worker that is gone: since when it is silent, and
// when its hosts go to the others (its leases may outlast its heartbeat
// by up to a lease).
func goneState(k pgstore.WorkerInfo, leases []pgstore.HostLease, now time.Time) string {
	s := fmt.Sprintf("gone: no heartbeat since %s (%s ago), longer than its %s host lease (killed, or cut off from the database)",
		k.Heartbeat.Format("2006-01-02 15:04:05 UTC"), now.Sub(k.Heartbeat).Round(time.Second),
		time.Duration(k.LeaseTTL*float64(time.Second)).Round(time.Millisecond))
	var last time.Time
	for _, l := range leases {
		if l.Worker == k.ID && l.Until.After(last) {
			last = l.Until
		}
	}
	if last.After(now) {
		return s + "; its host leases run out by " + last.Format("15:04:05 UTC") + ", then its hosts go to the others"
	}
	return s + "; its hosts are free for the others"
}

// printRobotsCopies prints the robots.txt copies the workers share: what
// each host answered, when, and until when the workers use the copy.
func printRobotsCopies(w io.Writer, rs []pgstore.RobotsCopy, now time.Time) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "robots.txt %d stored for the workers\n", len(rs))
	const day = "2006-01-02 15:04:05 UTC"
	for _, r := range rs {
		answer := fmt.Sprintf("%d, %s", r.Status, byteSize(int64(r.Bytes)))
		if r.Error != "" {
			answer = fmt.Sprintf("unavailable (%s: %s)", r.Kind, r.Error)
			if r.Kind == "" {
				answer = fmt.Sprintf("unavailable (%s)", r.Error)
			}
		}
		until := "expires " + r.Expires.Format(day)
		if !r.Expires.After(now) {
			until = "expired " + r.Expires.Format(day) + ", read again by the next worker"
		}
		fmt.Fprintf(w, "  %s: %s, fetched %s by worker %d, %s\n", r.Host, answer, r.Fetched.Format(day), r.Worker, until)
	}
}
