package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/archivist-project/archivist/scraper"
)

// progressPrinter shows a crawl's progress: a live status line on a
// terminal, a plain log line every few seconds otherwise; once the crawl
// stops (Ctrl-C, SIGTERM), what it still waits for. On a terminal the
// crawl's log lines go through it too (Write), so that they never land in
// the middle of the status line.
type progressPrinter struct {
	w        io.Writer  // standard error
	width    func() int // terminal columns, 0 when unknown
	log      *slog.Logger
	maxPages int
	quiet    bool
	live     bool
	// stopping reports whether the crawl was asked to stop; inFlight
	// (set once the crawler exists) what it still waits for.
	stopping func() bool
	inFlight func() (int, time.Duration)

	mu          sync.Mutex
	carried     scraper.Summary // earlier workers' counts (carry)
	lastLog     time.Time
	line        string // the status line on screen, "" when none
	loggedStop  bool
	lastPrinted string
}

// logEvery is the gap between progress log lines without a terminal.
const logEvery = 5 * time.Second

// defaultWidth is the status line's width when the terminal's is unknown.
const defaultWidth = 80

func newProgressPrinter(e *env, opts crawlOptions, stopping func() bool) *progressPrinter {
	p := &progressPrinter{w: e.stderr, width: e.stderrWidth, maxPages: opts.MaxPages, quiet: opts.Quiet,
		live: e.stderrIsTerminal && !e.global.Verbose && e.global.LogFormat != "json", stopping: stopping}
	if p.width == nil {
		p.width = func() int { return 0 }
	}
	// -q keeps standard error for warnings and errors.
	level := slog.LevelInfo
	if opts.Quiet {
		level = slog.LevelWarn
	}
	if e.global.Verbose {
		level = slog.LevelDebug
	}
	out := e.stderr
	if p.live {
		out = p
	}
	p.log = e.newLogger(out, level)
	return p
}

// Write writes a log line above the status line: it clears the line,
// writes b and draws the line again.
func (p *progressPrinter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line != "" {
		fmt.Fprint(p.w, "\r\033[K")
	}
	n, err := p.w.Write(b)
	if p.line != "" {
		fmt.Fprint(p.w, p.line)
	}
	return n, err
}

func (p *progressPrinter) update(pr scraper.Progress) {
	if p.quiet {
		return
	}
	stopping := p.stopping != nil && p.stopping()
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.carried
	pr.Fetched, pr.Articles, pr.Errors = pr.Fetched+c.Fetched, pr.Articles+c.Articles, pr.Errors+c.Errors
	pr.Elapsed += c.Duration
	if p.live {
		text := p.statusLine(pr)
		if stopping {
			text = p.stopLine()
		}
		p.line = truncate(text, p.width())
		fmt.Fprintf(p.w, "\r\033[K%s", p.line)
		return
	}
	if stopping {
		p.logStop()
		return
	}
	if time.Since(p.lastLog) < logEvery {
		return
	}
	p.lastLog = time.Now()
	p.log.Info("crawl progress", "fetched", pr.Fetched, "articles", pr.Articles, "queued", pr.Queued,
		"errors", pr.Errors, "hosts_waiting", pr.HostsWaiting, "pages_per_s", fmt.Sprintf("%.1f", pr.PagesPerSec),
		"elapsed", pr.Elapsed.Round(time.Second).String())
}

// logStop logs what a stopping crawl waits for: at once, then every few
// seconds while it changes. Call with mu held.
func (p *progressPrinter) logStop() {
	line := p.stopLine()
	if p.loggedStop && (time.Since(p.lastLog) < logEvery || line == p.lastPrinted) {
		return
	}
	p.loggedStop, p.lastLog, p.lastPrinted = true, time.Now(), line
	fmt.Fprintf(p.w, "archivist: %s\n", line)
}

// carry makes the counts of the status line go on from sum, the counts
// of the workers before the one that reports next (a crawl --store worker
// that took over from one that lost the database), and its elapsed time
// from the start of the first.
func (p *progressPrinter) carry(sum scraper.Summary) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.carried = sum
}

// stopLine says what a stopping crawl waits for.
func (p *progressPrinter) stopLine() string {
	n, longest := 0, time.Duration(0)
	if p.inFlight != nil {
		n, longest = p.inFlight()
	}
	switch n {
	case 0:
		return "stopping: saving state"
	case 1:
		return fmt.Sprintf("stopping: waiting for 1 request (%s)", longest.Round(time.Second))
	}
	return fmt.Sprintf("stopping: waiting for %d requests (longest %s)", n, longest.Round(time.Second))
}

// statusLine is the live status line: the counts that matter while a
// crawl runs, short enough for 80 columns (the rest is in `archivist
// stats`).
func (p *progressPrinter) statusLine(pr scraper.Progress) string {
	var b strings.Builder
	if p.maxPages > 0 {
		frac := min(float64(pr.Fetched)/float64(p.maxPages), 1)
		fmt.Fprintf(&b, "fetched %d/%d (%.0f%%)", pr.Fetched, p.maxPages, frac*100)
	} else {
		fmt.Fprintf(&b, "fetched %d", pr.Fetched)
	}
	fmt.Fprintf(&b, "  articles %d  queued %d  errors %d  %.1f/s", pr.Articles, pr.Queued, pr.Errors, pr.PagesPerSec)
	if p.maxPages > 0 && pr.PagesPerSec > 0 && pr.Fetched < p.maxPages {
		eta := time.Duration(float64(p.maxPages-pr.Fetched) / pr.PagesPerSec * float64(time.Second))
		fmt.Fprintf(&b, "  ETA %s", eta.Round(time.Second))
	} else {
		fmt.Fprintf(&b, "  %s", pr.Elapsed.Round(time.Second))
	}
	return b.String()
}

// truncate cuts line to fit a terminal width columns wide, keeping the
// last column free (some terminals wrap when it is written).
func truncate(line string, width int) string {
	if width <= 0 {
		width = defaultWidth
	}
	if r := []rune(line); len(r) > width-1 {
		return string(r[:max(width-1, 0)])
	}
	return line
}

// finish ends the live line so that the summary starts on a line of its
// own.
func (p *progressPrinter) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line != "" {
		fmt.Fprintln(p.w)
		p.line = ""
	}
}
