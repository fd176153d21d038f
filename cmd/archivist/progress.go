package main

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/archivist-project/archivist/scraper"
)

// progressPrinter shows a crawl's progress: a live status line on a
// terminal, a plain log line every few seconds otherwise.
type progressPrinter struct {
	e        *env
	maxPages int
	quiet    bool
	live     bool

	mu      sync.Mutex
	lastLog time.Time
	drawn   bool
}

func newProgressPrinter(e *env, opts crawlOptions) *progressPrinter {
	return &progressPrinter{e: e, maxPages: opts.MaxPages, quiet: opts.Quiet,
		live: e.stderrIsTerminal && !e.global.Verbose && e.global.LogFormat != "json"}
}

// logEvery is the gap between progress log lines without a terminal.
const logEvery = 5 * time.Second

func (p *progressPrinter) update(pr scraper.Progress) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.live {
		fmt.Fprintf(p.e.stderr, "\r\033[K%s", p.line(pr))
		p.drawn = true
		return
	}
	if time.Since(p.lastLog) < logEvery {
		return
	}
	p.lastLog = time.Now()
	p.e.logger.Info("crawl progress", "fetched", pr.Fetched, "articles", pr.Articles, "queued", pr.Queued,
		"errors", pr.Errors, "hosts_waiting", pr.HostsWaiting, "pages_per_s", fmt.Sprintf("%.1f", pr.PagesPerSec),
		"elapsed", pr.Elapsed.Round(time.Second).String())
}

func (p *progressPrinter) line(pr scraper.Progress) string {
	var b strings.Builder
	if p.maxPages > 0 {
		frac := min(float64(pr.Fetched)/float64(p.maxPages), 1)
		const width = 20
		full := int(frac * width)
		fmt.Fprintf(&b, "[%s%s] %3.0f%% ", strings.Repeat("=", full), strings.Repeat(" ", width-full), frac*100)
	}
	fmt.Fprintf(&b, "%.1f pages/s | fetched %d | articles %d | queued %d | errors %d | waiting hosts %d | %s",
		pr.PagesPerSec, pr.Fetched, pr.Articles, pr.Queued, pr.Errors, pr.HostsWaiting, pr.Elapsed.Round(time.Second))
	if p.maxPages > 0 && pr.PagesPerSec > 0 && pr.Fetched < p.maxPages {
		eta := time.Duration(float64(p.maxPages-pr.Fetched) / pr.PagesPerSec * float64(time.Second))
		fmt.Fprintf(&b, " | ETA %s", eta.Round(time.Second))
	}
	return b.String()
}

// finish ends the live line so the summary starts on a fresh line.
func (p *progressPrinter) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.e.stderr)
		p.drawn = false
	}
}
