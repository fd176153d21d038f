package scraper

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/archivist-project/archivist/corpus"
)

// ErrNoSeedFetched is wrapped by the error of a crawl in which none of the
// seeds given could be fetched (see NoSeedError).
var ErrNoSeedFetched = errors.New("no seed could be fetched")

// NoSeedError is the error of a crawl in which none of the seeds given
// could be fetched: their hosts could not be reached, they failed, or
// robots.txt disallows them. Running the crawl again tries them again.
type NoSeedError struct {
	// Causes says, per seed, why: "www.example.com: no such host".
	Causes []string
}

// maxCausesShown bounds the causes Error names.
const maxCausesShown = 3

func (e *NoSeedError) Error() string {
	var b strings.Builder
	b.WriteString(ErrNoSeedFetched.Error())
	seen := map[string]bool{}
	n := 0
	for _, c := range e.Causes {
		if seen[c] {
			continue
		}
		seen[c] = true
		if n == maxCausesShown {
			fmt.Fprintf(&b, "; and %d more", len(e.Causes)-n)
			break
		}
		if n == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(c)
		n++
	}
	return b.String()
}

// Unwrap returns ErrNoSeedFetched.
func (e *NoSeedError) Unwrap() error { return ErrNoSeedFetched }

// checkSeeds returns a *NoSeedError when none of the seeds given (the
// first maxSeedsChecked) is captured, whether by this run or an earlier
// one, and each of them failed, was skipped or waits on a host that could
// not be reached. A seed still queued for another reason is no failure.
func (c *Crawler) checkSeeds(ctx context.Context) error {
	var causes []string
	for _, u := range c.seedsToCheck {
		e, err := c.seedEnd(ctx, u)
		if err != nil {
			return nil // cannot tell: do not claim a failure
		}
		why, failed := c.seedFate(e)
		if !failed {
			return nil
		}
		causes = append(causes, why)
	}
	if len(causes) == 0 {
		return nil
	}
	return &NoSeedError{Causes: causes}
}

// seedEnd returns the frontier entry of seed u, or of the URL its
// redirects to other hosts lead to: a seed that redirects to a host that
// cannot be reached was not fetched.
func (c *Crawler) seedEnd(ctx context.Context, u string) (corpus.FrontierEntry, error) {
	e, err := c.frontier.Entry(ctx, u)
	for hops := 0; err == nil && e.State == corpus.StateDone && e.RedirectTo != "" && hops < maxRedirects; hops++ {
		var next corpus.FrontierEntry
		if next, err = c.frontier.Entry(ctx, e.RedirectTo); err == nil {
			e = next
		}
	}
	return e, err
}

// seedFate says why seed entry e was not captured, and false when it was
// (or may still be).
func (c *Crawler) seedFate(e corpus.FrontierEntry) (string, bool) {
	c.counts.mu.Lock()
	defer c.counts.mu.Unlock()
	switch e.State {
	case corpus.StateDone:
		return "", false
	case corpus.StateQueued, corpus.StateInFlight:
		name := hostName(e.Host)
		if why, ok := c.counts.unreachable[name]; ok {
			return name + ": " + why, true
		}
		return "", false
	case corpus.StateFailed:
		if why := c.counts.causes[e.URL]; why != "" {
			return why, true
		}
		return e.URL + ": " + e.Reason, true
	case corpus.StateSkipped:
		if e.Reason == corpus.ErrKindRobots {
			return e.URL + ": disallowed by robots.txt", true
		}
		return e.URL + ": skipped (" + e.Reason + ")", true
	}
	return "", false
}

// noteSeedFailure remembers why seed u failed, for checkSeeds.
func (c *Crawler) noteSeedFailure(u, why string) {
	c.count(func(k *counters) {
		if len(k.causes) < maxSeedsChecked {
			k.causes[u] = why
		}
	})
}

// hostName is an origin without its scheme: "www.example.com",
// "127.0.0.1:8080".
func hostName(origin string) string {
	if i := strings.Index(origin, "://"); i >= 0 {
		return origin[i+3:]
	}
	return origin
}
