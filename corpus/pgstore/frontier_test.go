package pgstore_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
)

const site = "http://news.test"

func entries(n int) []corpus.FrontierEntry {
	var out []corpus.FrontierEntry
	for i := 0; i < n; i++ {
		out = append(out, corpus.FrontierEntry{URL: fmt.Sprintf("%s/p/%d", site, i), Host: site, Source: "seed"})
	}
	return out
}

func enqueue(t testing.TB, s *pgstore.Store, es []corpus.FrontierEntry) int {
	t.Helper()
	var n int
	err := s.Update(context.Background(), func(tx *pgstore.Tx) error {
		var err error
		n, err = tx.Enqueue(context.Background(), es, corpus.EnqueueOptions{})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// worker opens a second connection to the same database as a worker.
func worker(t testing.TB, url string, opts pgstore.WorkerOptions) (*pgstore.Store, *pgstore.Frontier) {
	t.Helper()
	s, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.StartWorker(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close(context.Background()); s.Close() })
	return s, f
}

// TestEnqueueConcurrent: workers queueing the same links at once store
// each URL once.
func TestEnqueueConcurrent(t *testing.T) {
	url := cluster.NewDatabase(t)
	var wg sync.WaitGroup
	stores := make([]*pgstore.Store, 4)
	for i := range stores {
		stores[i], _ = worker(t, url, pgstore.WorkerOptions{})
	}
	for _, w := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			es := append(entries(300), entries(300)...) // duplicates within a batch too
			for i := 0; i < 3; i++ {
				enqueue(t, w, es)
			}
		}()
	}
	wg.Wait()
	st, err := stores[0].FrontierStats(context.Background())
	if err != nil || st.Queued != 300 {
		t.Errorf("frontier after 4 workers queued the same 300 URLs: %+v, %v; want 300 queued", st, err)
	}
}

// TestHostLease: one worker at a time holds a host; the other is told to
// wait; settling gives back the in-flight count.
func TestHostLease(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: time.Minute})
	_, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: time.Minute})
	enqueue(t, a, entries(5))
	now := time.Now()
	got, _, _, err := fa.Claim(ctx, site, 0, 2, now)
	if err != nil || len(got) != 2 {
		t.Fatalf("A claimed %d, %v; want 2", len(got), err)
	}
	other, due, hasDue, err := fb.Claim(ctx, site, 0, 2, now)
	if err != nil || len(other) != 0 || !hasDue || !due.After(now) {
		t.Fatalf("B claimed %d (due %v, %v, %v) while A holds the host; want none and a later time", len(other), due, hasDue, err)
	}
	for _, e := range got {
		if err := a.Update(ctx, func(tx *pgstore.Tx) error { return tx.Finish(ctx, e.ID, corpus.StateDone, 0, "", now) }); err != nil {
			t.Fatal(err)
		}
	}
	more, _, _, err := fa.Claim(ctx, site, 0, 10, now)
	if err != nil || len(more) != 3 {
		t.Fatalf("A's second claim: %d, %v; want the 3 left", len(more), err)
	}
	fa.Release(ctx, []int64{more[0].ID})
	if st, _ := a.FrontierStats(ctx); st.Done != 2 || st.InFlight != 2 || st.Queued != 1 {
		t.Errorf("frontier %+v; want 2 done, 2 in flight, 1 queued", st)
	}
	ws, ls, err := a.Workers(ctx)
	if err != nil || len(ws) != 2 || len(ls) != 1 || ls[0].Worker != fa.ID() || ls[0].InFlight != 2 ||
		ws[1].ID != fa.ID() || ws[1].Pages != 2 || ws[1].PID != os.Getpid() {
		t.Errorf("Workers = %+v, %+v, %v; want 2 workers, A with 2 pages holding the host with 2 in flight", ws, ls, err)
	}
}

// TestLeaseExpiry: a worker that stops renewing (killed) loses its hosts
// when the lease runs out; the next worker takes its URLs back, and waits
// out the delay from the last request the dead worker settled.
func TestLeaseExpiry(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	ttl, delay := 300*time.Millisecond, 2*time.Second
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: ttl, Delay: delay})
	_, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: ttl, Delay: delay})
	enqueue(t, a, entries(4))
	got, _, _, err := fa.Claim(ctx, site, 0, 3, time.Now())
	if err != nil || len(got) != 3 {
		t.Fatalf("A claimed %d, %v", len(got), err)
	}
	settledAt := time.Now()
	if err := a.Update(ctx, func(tx *pgstore.Tx) error { return tx.Finish(ctx, got[0].ID, corpus.StateDone, 0, "", settledAt) }); err != nil {
		t.Fatal(err)
	}
	fa.Kill()
	if n, _, _, _ := fb.Claim(ctx, site, 0, 10, time.Now()); len(n) != 0 {
		t.Fatalf("B claimed %d URLs while A's lease is live", len(n))
	}
	time.Sleep(ttl + 100*time.Millisecond)
	none, due, hasDue, err := fb.Claim(ctx, site, 0, 10, time.Now())
	if err != nil || len(none) != 0 || !hasDue || due.Before(settledAt.Add(delay).Truncate(time.Millisecond)) {
		t.Fatalf("B after the lease expired: %d URLs, due %v (%v, %v); want none before %v", len(none), due, hasDue, err, settledAt.Add(delay))
	}
	back, _, _, err := fb.Claim(ctx, site, 0, 10, due)
	if err != nil || len(back) != 3 {
		t.Fatalf("B at %v claimed %d, %v; want A's 2 unfinished URLs and the one left", due, len(back), err)
	}
	if n, err := fb.ResetInFlight(ctx); err != nil || n != 0 {
		t.Errorf("ResetInFlight by a live worker took %d of its own URLs, %v", n, err)
	}
}

// TestStartRequestLeaseLost: a worker that stalls longer than its lease
// (its heartbeat stopped) may not start the requests it had claimed once
// another worker took the host over, and giving them back leaves the new
// holder's claims alone; the holder asks the database once, then starts
// on its lease alone (its scheduler spaces its own requests), and a pause
// another worker records holds for the holder from its next heartbeat.
func TestStartRequestLeaseLost(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	// A lease of a second: a tenth of it is the stall a start may take
	// (Frontier.stalled), which a loaded machine's round trip can pass at
	// 300 ms (CI saw "B's start: wait ..." once at load 15).
	ttl, delay := time.Second, 100*time.Millisecond
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: ttl, Delay: delay})
	b, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: ttl, Delay: delay})
	enqueue(t, a, entries(2))
	got, _, _, err := fa.Claim(ctx, site, 0, 2, time.Now())
	if err != nil || len(got) != 2 {
		t.Fatalf("A claimed %d, %v", len(got), err)
	}
	if wait, lost, err := fa.StartRequest(ctx, site, got[0].ID, delay, time.Now()); err != nil || lost || !wait.IsZero() {
		t.Fatalf("A's first start: wait %v, lost %v, %v; want it to start", wait, lost, err)
	}
	if wait, lost, err := fb.StartRequest(ctx, site, 0, delay, time.Now()); err != nil || lost || wait.IsZero() {
		t.Fatalf("B's robots.txt while A holds the host: wait %v, lost %v, %v; want a wait", wait, lost, err)
	}
	fa.Kill() // A stalls: no more renewals
	time.Sleep(ttl + 100*time.Millisecond)
	var back []corpus.FrontierEntry
	for deadline := time.Now().Add(5 * time.Second); len(back) == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if back, _, _, err = fb.Claim(ctx, site, 0, 10, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if len(back) != 2 {
		t.Fatalf("B took over %d URLs; want A's 2", len(back))
	}
	for _, e := range got {
		if wait, lost, err := fa.StartRequest(ctx, site, e.ID, delay, time.Now()); err != nil || !lost {
			t.Errorf("A starts %s after B took the host: wait %v, lost %v, %v; want lost", e.URL, wait, lost, err)
		}
	}
	if err := fa.Release(ctx, []int64{got[0].ID, got[1].ID}); err != nil {
		t.Fatal(err)
	}
	if st, _ := a.FrontierStats(ctx); st.InFlight != 2 {
		t.Errorf("frontier %+v after A gave back its lost claims; want B's 2 still in flight", st)
	}
	if wait, lost, _, err := startUnstalled(ctx, fb, back[0].ID, delay); err != nil || lost || !wait.IsZero() {
		t.Fatalf("B's start: wait %v, lost %v, %v; want it to start", wait, lost, err)
	}
	trips := b.RoundTrips()
	if wait, lost, err := fb.StartRequest(ctx, site, back[1].ID, delay, time.Now()); err != nil || lost || !wait.IsZero() {
		t.Errorf("B's second start: wait %v, lost %v, %v; want it to start", wait, lost, err)
	}
	if n := b.RoundTrips() - trips; n != 0 {
		t.Errorf("B's second start on its lease took %d round trips to the database, want none", n)
	}
	pause := time.Now().Add(time.Hour)
	if err := fa.Pause(ctx, site, pause); err != nil {
		t.Fatal(err)
	}
	// B's next heartbeat (every third of the TTL) reads the pause.
	var wait time.Time
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if wait, _, err = fb.StartRequest(ctx, site, back[1].ID, delay, time.Now()); err != nil || !wait.Before(pause.Truncate(time.Millisecond)) {
			break
		}
	}
	if err != nil || wait.Before(pause.Truncate(time.Millisecond)) {
		t.Errorf("B's start during a pause A recorded: wait %v, %v; want until %v", wait, err, pause)
	}
}

// startUnstalled is StartRequest on site, asked again (as the crawler
// does) while the answer is a stall's: a wait that has already passed
// when the answer came (Frontier.stalled), which a loaded machine gives.
// A stalled start is recorded all the same, so the next answer may be a
// wait for the host's delay after it: the crawler waits it out and asks
// again, and so does this. A wait with no stall before it is returned.
// It returns the time of the start asked last.
func startUnstalled(ctx context.Context, f *pgstore.Frontier, id int64, delay time.Duration) (wait time.Time, lost bool, at time.Time, err error) {
	stalled := false
	for range 5 {
		at = time.Now()
		wait, lost, err = f.StartRequest(ctx, site, id, delay, at)
		if err != nil || lost || wait.IsZero() {
			break
		}
		if d := time.Until(wait); d > 0 {
			if !stalled {
				break
			}
			time.Sleep(d)
		}
		stalled = true
	}
	return wait, lost, at, err
}

// TestCrawlDelayHandover: the host's delay a worker starts requests with
// (its robots.txt Crawl-delay, longer than --delay) is in the host row: a
// worker that takes the host over waits it out, not just --delay.
func TestCrawlDelayHandover(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	ttl, delay, crawlDelay := 300*time.Millisecond, 50*time.Millisecond, 3*time.Second
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: ttl, Delay: delay})
	_, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: ttl, Delay: delay})
	enqueue(t, a, entries(2))
	got, _, _, err := fa.Claim(ctx, site, 0, 1, time.Now())
	if err != nil || len(got) != 1 {
		t.Fatalf("A claimed %d, %v", len(got), err)
	}
	wait, lost, start, err := startUnstalled(ctx, fa, got[0].ID, crawlDelay)
	if err != nil || lost || !wait.IsZero() {
		t.Fatalf("A's start: wait %v, lost %v, %v", wait, lost, err)
	}
	fa.Kill()
	time.Sleep(ttl + 100*time.Millisecond)
	claimed, due, hasDue, err := fb.Claim(ctx, site, 0, 10, time.Now())
	if err != nil || len(claimed) != 0 || !hasDue || due.Before(start.Add(crawlDelay).Truncate(time.Millisecond)) {
		t.Fatalf("B took the host over: %d URLs, due %v (%v, %v); want none before A's start + Crawl-delay %v",
			len(claimed), due, hasDue, err, start.Add(crawlDelay))
	}
	if wait, _, err := fb.StartRequest(ctx, site, 0, delay, time.Now()); err != nil || wait.Before(start.Add(crawlDelay).Truncate(time.Millisecond)) {
		t.Errorf("B's robots.txt after the handover: wait %v, %v; want until %v", wait, err, start.Add(crawlDelay))
	}
}

// TestFinishWithKind: SetKind right after the row's Finish rides in its
// statement (one statement fewer for a hub page); a Finish alone keeps
// the row's kind, and SetKind of another row is its own statement.
func TestFinishWithKind(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	es := entries(3)
	es[2].Kind = "sitemap"
	enqueue(t, s, es)
	id := func(u string) int64 {
		t.Helper()
		e, err := s.FrontierEntry(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	id0, id1, id2 := id(es[0].URL), id(es[1].URL), id(es[2].URL)
	now := time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC)
	err := s.Update(ctx, func(tx *pgstore.Tx) error {
		if err := tx.Finish(ctx, id0, corpus.StateDone, 0, "", now); err != nil {
			return err
		}
		if err := tx.SetKind(ctx, id0, corpus.KindHub); err != nil {
			return err
		}
		if n := tx.Pending(); n != 1 {
			t.Errorf("Finish and SetKind of one row: %d statements waiting, want 1", n)
		}
		if err := tx.Finish(ctx, id2, corpus.StateDone, 0, "", now); err != nil {
			return err
		}
		if err := tx.SetKind(ctx, id1, "feed"); err != nil { // not the row just settled
			return err
		}
		if n := tx.Pending(); n != 3 {
			t.Errorf("then Finish of a row and SetKind of another: %d statements waiting, want 3", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		url, state, kind string
	}{
		{es[0].URL, corpus.StateDone, corpus.KindHub},
		{es[1].URL, corpus.StateQueued, "feed"},
		{es[2].URL, corpus.StateDone, "sitemap"},
	} {
		e, err := s.FrontierEntry(ctx, c.url)
		if err != nil {
			t.Fatal(err)
		}
		if e.State != c.state || e.Kind != c.kind {
			t.Errorf("%s: state %q kind %q, want %q %q", c.url, e.State, e.Kind, c.state, c.kind)
		}
	}
}

// TestFrontierStatsOneTrip: the frontier's counts by state, its hosts with
// URLs queued or in flight (those whose every queued URL is due later
// counted as waiting) and its runs (those not finished counted as running)
// come in one round trip; an empty frontier counts nothing.
func TestFrontierStatsOneTrip(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	s, f := worker(t, url, pgstore.WorkerOptions{LeaseTTL: time.Hour})
	if st, err := s.FrontierStats(ctx); err != nil || st != (corpus.FrontierStats{}) {
		t.Fatalf("empty frontier: %+v, %v; want nothing", st, err)
	}
	later := "http://later.test"
	es := append(entries(3), corpus.FrontierEntry{URL: later + "/a", Host: later, Source: "seed", NotBefore: time.Now().Add(time.Hour)})
	err := s.Update(ctx, func(tx *pgstore.Tx) error {
		if _, err := tx.BeginRun(ctx, map[string]any{}, time.Now()); err != nil {
			return err
		}
		_, err := tx.Enqueue(ctx, es, corpus.EnqueueOptions{})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _, _, err := f.Claim(ctx, site, 0, 2, time.Now())
	if err != nil || len(got) != 2 {
		t.Fatalf("claimed %d, %v", len(got), err)
	}
	if err := s.Update(ctx, func(tx *pgstore.Tx) error {
		return tx.Finish(ctx, got[0].ID, corpus.StateDone, 0, "", time.Now())
	}); err != nil {
		t.Fatal(err)
	}
	want := corpus.FrontierStats{Queued: 2, InFlight: 1, Done: 1, Hosts: 2, HostsWaiting: 1, Runs: 1, Running: 1}
	for pass := 1; pass <= 2; pass++ { // the second on the prepared statement
		before := s.RoundTrips()
		st, err := s.FrontierStats(ctx)
		if err != nil || st != want {
			t.Fatalf("frontier stats: %+v, %v; want %+v", st, err, want)
		}
		if n := s.RoundTrips() - before; pass == 2 && n != 1 {
			t.Errorf("frontier stats: %d round trips, want 1", n)
		}
	}
}

// TestResetAndCloseTrips: a worker queues again what a gone worker left in
// flight (ResetInFlight, at its crawl's start), and gives back its own
// (Close), each in one batch with COMMIT: two round trips, with the one
// that prepares the statements (each is used once a worker).
func TestResetAndCloseTrips(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: time.Hour})
	enqueue(t, a, entries(5))
	if got, _, _, err := fa.Claim(ctx, site, 0, 2, time.Now()); err != nil || len(got) != 2 {
		t.Fatalf("A claimed %d, %v", len(got), err)
	}
	fa.Kill() // A stops renewing, and its last heartbeat is long past: gone
	if _, err := a.Pool().Exec(ctx, "UPDATE workers SET heartbeat_at = 0 WHERE id = $1", fa.ID()); err != nil {
		t.Fatal(err)
	}
	b, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: time.Hour}) // no heartbeat meanwhile
	before := b.RoundTrips()
	if n, err := fb.ResetInFlight(ctx); err != nil || n != 2 {
		t.Fatalf("B's reset: %d queued again, %v; want A's 2", n, err)
	}
	if n := b.RoundTrips() - before; n != 2 {
		t.Errorf("B's reset: %d round trips, want 2", n)
	}
	if got, _, _, err := fb.Claim(ctx, site, 0, 3, time.Now()); err != nil || len(got) != 3 {
		t.Fatalf("B claimed %d, %v", len(got), err)
	}
	before = b.RoundTrips()
	if err := fb.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := b.RoundTrips() - before; n != 2 {
		t.Errorf("B's Close: %d round trips, want 2", n)
	}
	if st, _ := b.FrontierStats(ctx); st.Queued != 5 || st.InFlight != 0 {
		t.Errorf("frontier after B's Close: %+v; want its 3 claimed URLs queued again, 5 in all", st)
	}
	ws, ls, err := b.Workers(ctx)
	if err != nil || len(ls) != 0 {
		t.Fatalf("leases after Close: %+v, %v; want none", ls, err)
	}
	for _, w := range ws {
		if w.ID == fb.ID() && !w.Stopped {
			t.Errorf("worker B after Close: %+v; want it stopped", w)
		}
	}
}

// TestScopeOneTrip: the crawl's scope is the stored one when there is one,
// else the seeds' hosts (not stored), else nothing, each in one round trip.
func TestScopeOneTrip(t *testing.T) {
	ctx := context.Background()
	s, err := pgstore.Open(ctx, cluster.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	other := "http://other.test"
	for _, tc := range []struct {
		name       string
		write      func(tx *pgstore.Tx) error
		wantHosts  []string
		wantStored bool
	}{
		{"a new corpus", func(*pgstore.Tx) error { return nil }, nil, false},
		{"seeds queued, no scope stored", func(tx *pgstore.Tx) error {
			_, err := tx.Enqueue(ctx, []corpus.FrontierEntry{
				{URL: other + "/", Host: other, Source: "seed"}, {URL: site + "/", Host: site, Source: "seed"},
				{URL: site + "/a", Host: site, Source: site + "/"},
			}, corpus.EnqueueOptions{})
			return err
		}, []string{site, other}, false}, // news.test sorts before other.test
		{"a scope stored", func(tx *pgstore.Tx) error {
			return tx.AddScope(ctx, []string{"b.test", "a.test"}, corpus.ScopeSeed, time.Now())
		}, []string{"a.test", "b.test"}, true},
	} {
		var hosts []string
		var stored bool
		for pass := 1; pass <= 2; pass++ { // the second on the prepared statement
			before := s.RoundTrips()
			err := s.Update(ctx, func(tx *pgstore.Tx) error {
				if pass == 1 {
					if err := tc.write(tx); err != nil {
						return err
					}
				}
				var err error
				hosts, stored, err = tx.Scope(ctx)
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			// BEGIN and the scope in one round trip, COMMIT in the next.
			if n := s.RoundTrips() - before; pass == 2 && n != 2 {
				t.Errorf("%s: %d round trips, want 2", tc.name, n)
			}
		}
		if !slices.Equal(hosts, tc.wantHosts) || stored != tc.wantStored {
			t.Errorf("%s: scope %q stored %v, want %q stored %v", tc.name, hosts, stored, tc.wantHosts, tc.wantStored)
		}
	}
}

// TestEndRunWithCommit: a run's end is written with the transaction's
// COMMIT, one round trip, and the run counts as finished.
func TestEndRunWithCommit(t *testing.T) {
	ctx := context.Background()
	s, err := pgstore.Open(ctx, cluster.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	enqueue(t, s, entries(1)) // a frontier, for the stats to count runs
	var runs []int64
	for i := 0; i < 2; i++ {
		err := s.Update(ctx, func(tx *pgstore.Tx) error {
			id, err := tx.BeginRun(ctx, map[string]any{}, time.Now())
			runs = append(runs, id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, id := range runs {
		before := s.RoundTrips()
		if err := s.Update(ctx, func(tx *pgstore.Tx) error { return tx.EndRun(ctx, id, map[string]any{"fetched": 1}, time.Now()) }); err != nil {
			t.Fatal(err)
		}
		if n := s.RoundTrips() - before; i == 1 && n != 1 { // the second on the prepared statement
			t.Errorf("end of run %d: %d round trips, want 1", id, n)
		}
	}
	if st, err := s.FrontierStats(ctx); err != nil || st.Runs != 2 || st.Running != 0 {
		t.Errorf("after both ends: %+v, %v; want 2 runs, none running", st, err)
	}
}

// TestWorkersGone: Workers tells a worker silent for longer than its host
// lease (killed, or cut off from the database) as gone, its rate counted
// to its last heartbeat; one that runs, or stopped, or of an older
// archivist (no lease recorded), is not.
func TestWorkersGone(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	s, live := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 5 * time.Second})
	now := time.Now().UnixMilli()
	for _, q := range []string{
		// killed 10 s ago, 2 s lease, 50 pages in its 20 s
		`INSERT INTO workers (machine, pid, started_at, heartbeat_at, pages, lease_ms) VALUES ('m', 1, $1::bigint - 30000, $1::bigint - 10000, 50, 2000)`,
		// an older archivist's worker: no lease recorded
		`INSERT INTO workers (machine, pid, started_at, heartbeat_at, pages) VALUES ('m', 2, $1::bigint - 30000, $1::bigint - 10000, 50)`,
	} {
		if _, err := s.Pool().Exec(ctx, q, now); err != nil {
			t.Fatal(err)
		}
	}
	ws, _, err := s.Workers(ctx)
	if err != nil || len(ws) != 3 {
		t.Fatalf("Workers = %+v, %v; want 3", ws, err)
	}
	gone := map[int]bool{}
	for _, w := range ws {
		gone[w.PID] = w.Gone
		if w.ID == live.ID() && (w.Gone || w.LeaseTTL != 5) {
			t.Errorf("running worker: %+v; want not gone, lease 5 s", w)
		}
		if w.PID == 1 && (w.PagesPerSec < 2.4 || w.PagesPerSec > 2.6) {
			t.Errorf("gone worker's rate %.2f/s; want 50 pages over its 20 s to its last heartbeat", w.PagesPerSec)
		}
	}
	if !gone[1] || gone[2] {
		t.Errorf("gone by pid: %v; want the killed worker (pid 1) gone, the older one (pid 2) not told", gone)
	}
}
