package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/proc"
)

// statsOptions are the flags of `archivist stats`.
type statsOptions struct {
	JSON bool
	Top  int
}

// AddFlags registers the stats flags on fs.
func (o *statsOptions) AddFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object")
	fs.IntVar(&o.Top, "top", 20, "sites to list in the text output (0 = all)")
}

func statsCommand() *command {
	c := &command{
		name:    "stats",
		summary: "show what the corpus holds and how a crawl is doing",
		usage: `Usage: archivist stats [--json] [--top N]

The crawl running on the database, if any; captures, articles, fetch errors by kind, and counts by site, publication
month and language; the crawl frontier (queued, in flight, done, failed),
its failed and skipped URLs by reason, and the hosts not reached.
"changed" counts the articles whose title or text changed after their
first capture (see 'archivist history'). Then the articles found per
site on each of the last 7 days and, when 'archivist watch' has a
schedule, its hubs and when each is checked next.
Safe to run from another terminal while a crawl writes.

Example:
  archivist stats --json`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts statsOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		if err := noArgs(c, rest, ""); err != nil {
			return err
		}
		return runStats(ctx, e, opts)
	}
	return c
}

func runStats(ctx context.Context, e *env, opts statsOptions) error {
	if opts.Top < 0 {
		return usagef("stats: bad --top %d: want 0 (all sites) or more", opts.Top)
	}
	db, err := e.openReader(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.Stats(ctx)
	if err != nil {
		return err
	}
	if st.Frontier != nil {
		if st.Frontier.Details, err = db.FrontierDetails(ctx); err != nil {
			return err
		}
	}
	lease, held, err := db.Lease(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	ws, err := watchStats(ctx, db, now)
	if err != nil {
		return err
	}
	workers, err := storeWorkers(ctx, db)
	if err != nil {
		return err
	}
	if opts.JSON {
		if st.BySite == nil {
			st.BySite = []corpus.SiteCount{} // [] like the other lists, not null
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		out := struct {
			*corpus.Stats
			Lease   *leaseJSON         `json:"lease,omitempty"`
			Watch   *corpus.WatchStats `json:"watch,omitempty"`   // SQLite corpus only
			Workers *workersJSON       `json:"workers,omitempty"` // PostgreSQL corpus only
		}{Stats: st, Watch: ws, Workers: workers}
		if held {
			out.Lease = &leaseJSON{Lease: lease, Stale: leaseStale(lease, time.Now())}
		}
		return enc.Encode(out)
	}
	if held {
		printLease(e.stdout, lease, time.Now())
	}
	printWorkers(e.stdout, workers, time.Now())
	printStats(e.stdout, st, opts.Top)
	printWatchStats(e.stdout, ws, now, opts.Top)
	return nil
}

// leaseJSON is the crawl lease in `stats --json`.
type leaseJSON struct {
	corpus.Lease
	Stale bool `json:"stale"` // left by a crawl that is gone; the next crawl takes it over
}

func leaseStale(l corpus.Lease, now time.Time) bool {
	host, _ := os.Hostname()
	return l.Stale(now, leaseTimeout, host, proc.Alive)
}

// printLease prints the line of the crawl holding the database, or of the
// lease a killed crawl left.
func printLease(w io.Writer, l corpus.Lease, now time.Time) {
	since := l.Since.UTC().Format("2006-01-02 15:04:05 UTC")
	beat := now.Sub(l.Heartbeat).Round(time.Second)
	if leaseStale(l, now) {
		fmt.Fprintf(w, "lease      left by a %s that is gone (pid %d on host %s since %s, last heartbeat %s ago); the next crawl takes it over\n",
			l.Holder, l.PID, l.Host, since, beat)
		return
	}
	fmt.Fprintf(w, "lease      %s running: pid %d on host %s since %s (last heartbeat %s ago)\n", l.Holder, l.PID, l.Host, since, beat)
}

// toSeconds cuts a stored time (2026-12-03T14:05:09.123Z) to the second;
// a value edited by hand into something shorter is shown as it is.
func toSeconds(t string) string {
	if len(t) < len("2006-01-02T15:04:05") {
		return t
	}
	return t[:len("2006-01-02T15:04:05")]
}

func printStats(w io.Writer, st *corpus.Stats, top int) {
	fmt.Fprintf(w, "captures   %d (%d ok, %d revisits, %d redirects, %d failed)\n", st.Captures, st.CapturesOK, st.Revisits, st.Redirects, st.Errors)
	fmt.Fprintf(w, "articles   %d (%d changed after their first capture)\n", st.Articles, st.ArticlesChanged)
	fmt.Fprintf(w, "bodies     %d distinct, %s raw, %s stored\n", st.Bodies, byteSize(st.BodyBytes), byteSize(st.StoredBytes))
	if st.FirstFetch != "" {
		fmt.Fprintf(w, "fetched    %s .. %s\n", toSeconds(st.FirstFetch), toSeconds(st.LastFetch))
	}
	if f := st.Frontier; f != nil {
		fmt.Fprintf(w, "frontier   %d queued, %d in flight, %d done, %d failed, %d skipped; %d hosts with work, %d waiting on politeness\n",
			f.Queued, f.InFlight, f.Done, f.Failed, f.Skipped, f.Hosts, f.HostsWaiting)
		if f.Running > 0 {
			fmt.Fprintf(w, "crawl      %d of %d runs not finished (running now, or killed: crawl again to resume)\n", f.Running, f.Runs)
		}
	}
	if len(st.ErrorsByKind) > 0 {
		fmt.Fprintln(w, "\nerrors by kind")
		for _, c := range st.ErrorsByKind {
			fmt.Fprintf(w, "  %-16s %8d\n", c.Key, c.Count)
		}
	}
	if st.Frontier != nil && st.Frontier.Details != nil {
		printFrontierDetails(w, st.Frontier.Details)
	}
	if len(st.BySite) > 0 {
		fmt.Fprintf(w, "\n%-40s %8s %8s %8s %8s\n", "site", "captures", "articles", "changed", "errors")
		for i, s := range st.BySite {
			if top > 0 && i == top {
				fmt.Fprintf(w, "  ... %d more sites (--top 0 lists all)\n", len(st.BySite)-top)
				break
			}
			fmt.Fprintf(w, "%-40s %8d %8d %8d %8d\n", s.Site, s.Captures, s.Articles, s.Changed, s.Errors)
		}
	}
	printCounts(w, "articles by publication month", "undated", st.ByMonth)
	printCounts(w, "articles by language", "unknown", st.ByLanguage)
}

// printCounts prints a titled list of counts; empty keys print as blank.
func printCounts(w io.Writer, title, blank string, counts []corpus.Count) {
	if len(counts) == 0 {
		return
	}
	fmt.Fprintln(w, "\n"+title)
	for _, c := range counts {
		k := c.Key
		if k == "" {
			k = blank
		}
		fmt.Fprintf(w, "  %-8s %8d\n", k, c.Count)
	}
}

func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// printFrontierDetails prints why URLs of the frontier were not captured.
func printFrontierDetails(w io.Writer, d *corpus.FrontierDetails) {
	for _, l := range []struct {
		title  string
		counts []corpus.Count
	}{{"failed URLs by reason", d.FailedByReason}, {"skipped URLs by reason", d.SkippedByReason}} {
		if len(l.counts) == 0 {
			continue
		}
		fmt.Fprintln(w, "\n"+l.title)
		for _, c := range l.counts {
			fmt.Fprintf(w, "  %-24s %8d\n", c.Key, c.Count)
		}
	}
	if len(d.Unreachable) > 0 {
		fmt.Fprintln(w, "\nhosts not reached (robots.txt unavailable; their URLs wait for the next crawl)")
		for _, h := range d.Unreachable {
			fmt.Fprintf(w, "  %s: %s (%d queued, last tried %s)\n", h.Host, h.Error, h.Queued,
				h.CheckedAt.Format("2006-01-02 15:04:05"))
		}
	}
}
