package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/proc"
)

// leaseTimeout is how long a crawl's lease outlives its last heartbeat
// (a crawl killed on another host is taken over after it), and leaseBeat
// how often a running crawl renews it.
var (
	leaseTimeout = time.Minute
	leaseBeat    = 10 * time.Second
)

// errLeaseLost is the cause of a crawl's context when another process took
// its lease over.
var errLeaseLost = errors.New("crawl: another process took over this database's crawl lease")

// crawlLease is the lease a running crawl holds, kept alive in the
// background.
type crawlLease struct {
	held *corpus.HeldLease
	path string // the database's path, the key in leasesHere
	stop context.CancelFunc
	done chan struct{}
}

// takeLease takes db's crawl lease for the command holder ("crawl",
// "watch") and renews it until release; when another process takes it
// over, it cancels the crawl with errLeaseLost as the cause (cancel). A
// lease held by a live process is an error naming that process.
func (e *env) takeLease(ctx context.Context, db *corpus.DB, holder string, cancel context.CancelCauseFunc) (*crawlLease, error) {
	host, _ := os.Hostname()
	path := db.Path()
	held, err := db.AcquireLease(ctx, corpus.LeaseRequest{
		Holder: holder, PID: os.Getpid(), Host: host, Timeout: leaseTimeout, Alive: leaseHolderAlive(path),
	}, time.Now())
	if errors.Is(err, corpus.ErrLeaseHeld) {
		return nil, remedied{fmt.Errorf("%s: %s: %w; wait for it to finish or stop it (a killed crawl's lease is taken over %s after its last heartbeat)",
			holder, db.Path(), err, strings.TrimSuffix(leaseTimeout.String(), "0s"))}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", holder, err)
	}
	if old := held.TookOver; old != nil {
		e.logger.Info("took over the lease of a crawl that is gone", "holder", old.Holder, "pid", old.PID, "host", old.Host,
			"since", old.Since.UTC().Format(time.RFC3339), "last_heartbeat", old.Heartbeat.UTC().Format(time.RFC3339))
	}
	leasesHere.Store(path, true)
	bctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	l := &crawlLease{held: held, path: path, stop: stop, done: make(chan struct{})}
	go l.keep(bctx, e, cancel)
	return l, nil
}

// leasesHere holds the databases (by path) whose lease a crawl of this
// process holds now.
var leasesHere sync.Map

// leaseHolderAlive tells whether the process holding a lease on path is
// alive. For this process, that is whether one of its crawls holds the
// lease now: a lease left by an earlier crawl of the same process (whose
// release failed, say on a full disk) is taken over at once.
func leaseHolderAlive(path string) func(pid int) bool {
	return func(pid int) bool {
		if pid == os.Getpid() {
			_, ok := leasesHere.Load(path)
			return ok
		}
		return proc.Alive(pid)
	}
}

func (l *crawlLease) keep(ctx context.Context, e *env, cancel context.CancelCauseFunc) {
	defer close(l.done)
	t := time.NewTicker(leaseBeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := l.held.Heartbeat(ctx, time.Now())
		switch {
		case errors.Is(err, corpus.ErrLeaseLost):
			e.logger.Error("crawl lease lost; stopping", "err", err)
			cancel(fmt.Errorf("%w (%v)", errLeaseLost, err))
			return
		case err != nil && ctx.Err() == nil:
			e.logger.Warn("crawl lease heartbeat failed; will try again", "err", err)
		}
	}
}

// release stops the heartbeats and gives the lease back.
func (l *crawlLease) release(e *env) {
	l.stop()
	<-l.done
	leasesHere.Delete(l.path)
	if err := l.held.Release(context.Background()); err != nil {
		e.logger.Warn("could not release the crawl lease; the next crawl takes it over when it expires", "err", err)
	}
}

// openForCrawl opens the corpus for a crawl or a watch (holder): it checks
// the corpus can be written and takes the crawl lease.
func (e *env) openForCrawl(ctx context.Context, holder string, cancel context.CancelCauseFunc) (*corpus.DB, *crawlLease, error) {
	db, err := e.openCorpus(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	if err := e.checkBeforeWriting(ctx, db); err != nil {
		db.Close()
		return nil, nil, err
	}
	lease, err := e.takeLease(ctx, db, holder, cancel)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, lease, nil
}
