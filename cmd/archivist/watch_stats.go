package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// foundDays is how many days of articles found `stats` shows.
const foundDays = 7

// printWatchStats prints the articles found per site and day, and the
// watch schedule: when each hub is checked next (at most top hubs per
// site, 0 for all).
func printWatchStats(w io.Writer, ws *corpus.WatchStats, now time.Time, top int) {
	if ws == nil {
		return
	}
	printFoundPerDay(w, ws, top)
	if ws.Hubs+ws.Articles == 0 {
		return
	}
	fmt.Fprintf(w, "\nwatch      %d hubs", ws.Hubs)
	if ws.NextHub != nil {
		fmt.Fprintf(w, ", next check %s", when(*ws.NextHub, now))
	}
	fmt.Fprintf(w, "; %d articles, %d with a revisit to come", ws.Articles, ws.ArticlesPending)
	if ws.NextRevisit != nil {
		fmt.Fprintf(w, ", next %s", when(*ws.NextRevisit, now))
	}
	fmt.Fprintln(w)
	if ws.Hubs == 0 {
		return
	}
	fmt.Fprintf(w, "\n%-50s %7s  %-14s %s\n", "hub", "every", "next check", "last new links")
	for _, s := range ws.Sites {
		for i, h := range s.Hubs {
			if top > 0 && i == top {
				fmt.Fprintf(w, "  ... more hubs of %s (--top 0 lists all)\n", s.Site)
				break
			}
			next := "not scheduled"
			if !h.NextAt.IsZero() {
				next = relative(h.NextAt, now)
			}
			fmt.Fprintf(w, "%-50s %7s  %-14s %s\n", clip(h.URL, 47), shortDuration(time.Duration(h.IntervalMS)*time.Millisecond),
				next, relative(h.LastNewAt, now))
		}
	}
}

// printFoundPerDay prints, per site, the articles first captured on each
// of the last days (sites with none in that time are left out).
func printFoundPerDay(w io.Writer, ws *corpus.WatchStats, top int) {
	header := false
	shown := 0
	for _, s := range ws.Sites {
		var total int64
		for _, n := range s.FoundPerDay {
			total += n
		}
		if total == 0 {
			continue
		}
		if !header {
			fmt.Fprintf(w, "\narticles found per day (first capture, UTC)\n%-40s", "site")
			for _, d := range ws.Days {
				fmt.Fprintf(w, " %6s", d[5:])
			}
			fmt.Fprintln(w)
			header = true
		}
		if top > 0 && shown == top {
			fmt.Fprintln(w, "  ... more sites (--top 0 lists all)")
			break
		}
		shown++
		fmt.Fprintf(w, "%-40s", clip(s.Site, 37))
		for _, n := range s.FoundPerDay {
			fmt.Fprintf(w, " %6d", n)
		}
		fmt.Fprintln(w)
	}
}

// when is a time with how far it is from now: "18:45:10 UTC (in 3m02s)".
func when(t, now time.Time) string {
	return t.UTC().Format("2006-01-02 15:04:05 UTC") + " (" + relative(t, now) + ")"
}

// relative says how far t is from now: "in 3m02s", "2h05m ago", "due now".
func relative(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := t.Sub(now)
	switch {
	case d > time.Second:
		return "in " + shortDuration(d)
	case d < -time.Second:
		return shortDuration(-d) + " ago"
	}
	return "now"
}

// shortDuration prints d to the second, in at most two units.
func shortDuration(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%dd%02dh", d/(24*time.Hour), d%(24*time.Hour)/time.Hour)
	case d >= time.Hour:
		return fmt.Sprintf("%dh%02dm", d/time.Hour, d%time.Hour/time.Minute)
	case d >= time.Minute:
		return fmt.Sprintf("%dm%02ds", d/time.Minute, d%time.Minute/time.Second)
	}
	return fmt.Sprintf("%ds", d/time.Second)
}

// watchStats returns the watch schedule's figures of a SQLite corpus, and
// nil for a store that has no watch schedule (PostgreSQL).
func watchStats(ctx context.Context, db corpus.Reader, now time.Time) (*corpus.WatchStats, error) {
	sq, ok := db.(*corpus.DB)
	if !ok {
		return nil, nil
	}
	return sq.WatchStats(ctx, now, foundDays, 0)
}
