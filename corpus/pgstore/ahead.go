package pgstore

import (
	"context"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// aheadClaim is a host's next claim, made before the crawler asks for it
// (WorkerOptions.ClaimAhead). The crawler claims a host's URLs when it has
// none of them left, and starts no request while the claim waits for the
// worker's one connection, which a page's transaction holds most of the
// time: about 5 ms a claim in a loopback crawl, some 45 times in 200
// articles, with the host's free slots idle meanwhile. A claim that fills
// its batch is therefore followed at once by the next one, in the
// background, behind the transaction in progress; the crawler's next
// claim for the host takes its URLs. The URLs claimed ahead are in
// flight for this worker like any claimed URL: the lease that covers them
// is renewed while they wait, a killed worker's go back to the queue when
// its lease runs out, and Close queues again those never taken.
type aheadClaim struct {
	run  int64
	n    int
	done chan struct{} // closed once c and err are set
	c    claim
	err  error
}

// claimAhead starts host's next claim in the background when the claim
// just answered (at now) filled its batch of n: the host may have more.
func (f *Frontier) claimAhead(ctx context.Context, host string, run int64, n int, now time.Time, got int) {
	if !f.opts.ClaimAhead || n <= 0 || got < n {
		return
	}
	a := &aheadClaim{run: run, n: n, done: make(chan struct{})}
	f.mu.Lock()
	f.ahead[host] = a
	f.mu.Unlock()
	f.aheadWG.Add(1)
	go func() {
		defer f.aheadWG.Done()
		defer close(a.done)
		// The claim is made whatever becomes of the call that started it:
		// Close waits for it and queues its URLs again. It may wait behind
		// a transaction with a now gone stale: a claim of a host this
		// worker holds never moves its lease back (qClaim's GREATEST).
		a.c, a.err = f.claimRetrying(context.WithoutCancel(ctx), host, run, n, now)
		if a.err == nil {
			// Record the lease as the claim left it, as Claim does.
			_, _, _, a.err = f.answer(host, a.c, now)
		}
		if a.err != nil {
			f.log().Warn("pgstore: a claim made ahead failed; the crawler claims again", "host", host, "err", a.err)
		}
	}()
}

// takeAhead returns the URLs claimed ahead for host, if a claim made ahead
// for run and n claimed some. Otherwise the caller claims now: an answer
// without URLs (the host's queue ran dry, its lease passed) may be stale.
func (f *Frontier) takeAhead(ctx context.Context, host string, run int64, n int) ([]corpus.FrontierEntry, bool) {
	a := f.popAhead(ctx, host)
	if a == nil || a.err != nil || a.c.status != "claimed" {
		return nil, false
	}
	if a.run != run || len(a.c.entries) > n {
		// Not what is asked for now: give them back (the crawler asks
		// the same of every claim, so this does not happen in a crawl).
		ids := make([]int64, len(a.c.entries))
		for i, e := range a.c.entries {
			ids[i] = e.ID
		}
		if err := f.Release(ctx, ids); err != nil { // Close queues them again otherwise
			f.log().Warn("pgstore: giving back URLs claimed ahead", "host", host, "err", err)
		}
		return nil, false
	}
	return a.c.entries, true
}

// popAhead removes host's claim made ahead and waits for its answer; nil
// when there is none, or when ctx ends first (Close then queues its URLs
// again).
func (f *Frontier) popAhead(ctx context.Context, host string) *aheadClaim {
	f.mu.Lock()
	a := f.ahead[host]
	delete(f.ahead, host)
	f.mu.Unlock()
	if a == nil {
		return nil
	}
	select {
	case <-a.done:
		return a
	case <-ctx.Done():
		return nil
	}
}

// dropAhead returns the URLs claimed ahead for hosts, as entries to settle
// skipped for reason: the crawler skips those hosts' queued URLs (their
// page budget is spent), which these were when claimed.
// per (aligned with hosts) tells how many each host had.
func (f *Frontier) dropAhead(ctx context.Context, hosts []string, reason string) (out []corpus.FrontierEntry, per []int64) {
	per = make([]int64, len(hosts))
	for i, h := range hosts {
		a := f.popAhead(ctx, h)
		if a == nil || a.err != nil || a.c.status != "claimed" {
			continue
		}
		for _, e := range a.c.entries {
			e.Reason = reason
			out = append(out, e)
		}
		per[i] = int64(len(a.c.entries))
	}
	return out, per
}
