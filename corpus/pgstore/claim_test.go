package pgstore_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
)

// TestClaimAnswers walks one host through the claim statement's answers
// (pgstore.qClaim): a host never claimed (its row made, then claimed in
// the same call), URLs not yet due, a host row another session locks, a
// host with URLs in flight and none queued (lease kept), a host spent
// (lease given back), and a lease taken over from a worker that is gone
// with no delay to wait (its URLs queued again, claimed next).
func TestClaimAnswers(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	// A second, not less: the leases are renewed every third of it, and
	// with 300 ms a renewal 200 ms late on a loaded machine lets A's lease
	// lapse mid-test (the likely cause of one failure at load 15, a due
	// time not the one asked for; not reproduced in 30 runs).
	ttl := time.Second
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: ttl})
	_, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: ttl})
	es := entries(4)
	later := time.Now().Add(time.Hour).Truncate(time.Millisecond)
	es[3].NotBefore = later
	enqueue(t, a, es)
	leases := func() []pgstore.HostLease {
		t.Helper()
		_, ls, err := a.Workers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ls
	}

	// Never claimed: no host row until this claim, which makes it.
	got, _, _, err := fa.Claim(ctx, site, 0, 2, time.Now())
	if err != nil || len(got) != 2 || got[0].URL != es[0].URL || got[1].URL != es[1].URL {
		t.Fatalf("first claim of a host: %d URLs, %v; want the first 2", len(got), err)
	}
	if ls := leases(); len(ls) != 1 || ls[0].Worker != fa.ID() || ls[0].InFlight != 2 {
		t.Fatalf("leases %+v; want A's with 2 in flight", ls)
	}

	// Locked: another session holds the host row.
	tx, err := a.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "SELECT 1 FROM frontier_hosts WHERE host = $1 FOR UPDATE", site); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	none, due, hasDue, err := fa.Claim(ctx, site, 0, 5, now)
	if err != nil || len(none) != 0 || !hasDue || due.Before(now) || due.After(now.Add(time.Second)) {
		t.Errorf("claim while the host row is locked: %d URLs, due %v (%v, %v); want none, soon", len(none), due, hasDue, err)
	}
	tx.Rollback(ctx)

	// The third URL, then the fourth not due: due at its time.
	if got3, _, _, err := fa.Claim(ctx, site, 0, 5, time.Now()); err != nil || len(got3) != 1 || got3[0].URL != es[2].URL {
		t.Fatalf("claim of the rest: %d URLs, %v; want the third", len(got3), err)
	} else {
		got = append(got, got3...)
	}
	if none, due, hasDue, err := fa.Claim(ctx, site, 0, 5, time.Now()); err != nil || len(none) != 0 || !hasDue || !due.Equal(later) {
		t.Fatalf("claim with one URL not due: %d URLs, due %v (%v, %v); want none, due %v", len(none), due, hasDue, err, later)
	}

	// Empty with URLs in flight: the lease is kept; spent: given back.
	for _, e := range got[:2] {
		if err := a.Update(ctx, func(tx *pgstore.Tx) error { return tx.Finish(ctx, e.ID, corpus.StateDone, 0, "", time.Now()) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Update(ctx, func(tx *pgstore.Tx) error {
		return tx.Finish(ctx, frontierID(t, a, es[3].URL), corpus.StateDone, 0, "", time.Now())
	}); err != nil {
		t.Fatal(err)
	}
	if none, _, hasDue, err := fa.Claim(ctx, site, 0, 5, time.Now()); err != nil || len(none) != 0 || hasDue {
		t.Fatalf("claim of a spent host: %d URLs, %v, %v; want none, nothing due", len(none), hasDue, err)
	}
	if ls := leases(); len(ls) != 1 || ls[0].InFlight != 1 {
		t.Fatalf("leases %+v; want A's kept, 1 in flight", ls)
	}

	// Taken over: A is gone with one URL in flight, no delay to wait.
	enqueue(t, a, entries(6)[4:])
	fa.Kill()
	time.Sleep(ttl + 100*time.Millisecond)
	first, _, _, err := fb.Claim(ctx, site, 0, 10, time.Now())
	if err != nil || len(first) != 2 {
		t.Fatalf("B's claim after A's lease ran out: %d URLs, %v; want the 2 queued", len(first), err)
	}
	back, _, _, err := fb.Claim(ctx, site, 0, 10, time.Now())
	if err != nil || len(back) != 1 || back[0].ID != got[2].ID {
		t.Fatalf("B's next claim: %d URLs, %v; want the one A had in flight", len(back), err)
	}
	if ls := leases(); len(ls) != 1 || ls[0].Worker != fb.ID() || ls[0].InFlight != 3 {
		t.Errorf("leases %+v; want B's with 3 in flight", ls)
	}
	for _, e := range append(first, back...) {
		if err := a.Update(ctx, func(tx *pgstore.Tx) error { return tx.Finish(ctx, e.ID, corpus.StateDone, 0, "", time.Now()) }); err != nil {
			t.Fatal(err)
		}
	}
	if none, _, hasDue, err := fb.Claim(ctx, site, 0, 5, time.Now()); err != nil || len(none) != 0 || hasDue {
		t.Fatalf("B's claim of the spent host: %d URLs, %v, %v; want none, nothing due", len(none), hasDue, err)
	}
	if ls := leases(); len(ls) != 0 {
		t.Errorf("leases %+v after the host was spent; want none", ls)
	}
}

// frontierID returns the frontier id of URL u.
func frontierID(t *testing.T, s *pgstore.Store, u string) int64 {
	t.Helper()
	e, err := s.FrontierEntry(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// TestClaimAhead: a worker that claims ahead (WorkerOptions.ClaimAhead)
// claims a host's next batch as soon as a claim fills its batch, and its
// next claim takes those URLs, in order; a claim that does not fill its
// batch claims nothing ahead. URLs claimed ahead and never taken are
// skipped with the host's queue (Skip of the host: its page budget), or
// queued again by Close. Without the option nothing is claimed ahead.
func TestClaimAhead(t *testing.T) {
	ctx := context.Background()
	state := func(s *pgstore.Store, u string) string {
		t.Helper()
		e, err := s.FrontierEntry(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return e.State
	}
	inFlight := func(s *pgstore.Store, es []corpus.FrontierEntry) (n int) {
		t.Helper()
		for _, e := range es {
			if state(s, e.URL) == corpus.StateInFlight {
				n++
			}
		}
		return n
	}
	waitInFlight := func(s *pgstore.Store, es []corpus.FrontierEntry, want int) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); inFlight(s, es) != want && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		if n := inFlight(s, es); n != want {
			t.Fatalf("%d URLs in flight; want %d", n, want)
		}
	}

	t.Run("taken in order", func(t *testing.T) {
		url := cluster.NewDatabase(t)
		a, fa := worker(t, url, pgstore.WorkerOptions{ClaimAhead: true})
		es := entries(5)
		enqueue(t, a, es)
		var got []corpus.FrontierEntry
		for i, want := range []int{2, 2, 1, 0} {
			c, _, _, err := fa.Claim(ctx, site, 0, 2, time.Now())
			if err != nil || len(c) != want {
				t.Fatalf("claim %d: %d URLs, %v; want %d", i+1, len(c), err, want)
			}
			got = append(got, c...)
			if i == 0 {
				waitInFlight(a, es, 4) // the batch taken and the next, ahead
			}
		}
		for i, e := range got {
			if e.URL != es[i].URL {
				t.Fatalf("claimed %v; want the queue's order", got)
			}
		}
		waitInFlight(a, es, 5)
		if err := fa.Close(ctx); err != nil {
			t.Fatal(err)
		}
		waitInFlight(a, es, 0)
	})

	t.Run("queued again by Close", func(t *testing.T) {
		url := cluster.NewDatabase(t)
		a, fa := worker(t, url, pgstore.WorkerOptions{ClaimAhead: true})
		es := entries(5)
		enqueue(t, a, es)
		if c, _, _, err := fa.Claim(ctx, site, 0, 2, time.Now()); err != nil || len(c) != 2 {
			t.Fatalf("claim: %d URLs, %v; want 2", len(c), err)
		}
		waitInFlight(a, es, 4) // the batch taken and the batch ahead
		if err := fa.Close(ctx); err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if st := state(a, e.URL); st != corpus.StateQueued {
				t.Errorf("%s %s after Close; want queued", e.URL, st)
			}
		}
	})

	t.Run("skipped with the host", func(t *testing.T) {
		url := cluster.NewDatabase(t)
		a, fa := worker(t, url, pgstore.WorkerOptions{ClaimAhead: true})
		es := entries(5)
		enqueue(t, a, es)
		c, _, _, err := fa.Claim(ctx, site, 0, 2, time.Now())
		if err != nil || len(c) != 2 {
			t.Fatalf("claim: %d URLs, %v; want 2", len(c), err)
		}
		waitInFlight(a, es, 4)
		counts, err := fa.Skip(ctx, nil, []string{site}, "budget", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		// The two claimed ahead and the one queued: the crawl's summary
		// counts them skipped.
		if len(counts) != 1 || counts[0] != 3 {
			t.Errorf("Skip counted %v; want [3]", counts)
		}
		for i, e := range es {
			want := corpus.StateSkipped
			if i < 2 {
				want = corpus.StateInFlight // the crawler's, settled by it
			}
			if st := state(a, e.URL); st != want {
				t.Errorf("%s %s after the host was skipped; want %s", e.URL, st, want)
			}
		}
	})

	t.Run("off", func(t *testing.T) {
		url := cluster.NewDatabase(t)
		a, fa := worker(t, url, pgstore.WorkerOptions{})
		es := entries(5)
		enqueue(t, a, es)
		if c, _, _, err := fa.Claim(ctx, site, 0, 2, time.Now()); err != nil || len(c) != 2 {
			t.Fatalf("claim: %d URLs, %v; want 2", len(c), err)
		}
		time.Sleep(100 * time.Millisecond)
		if n := inFlight(a, es); n != 2 {
			t.Errorf("%d URLs in flight without ClaimAhead; want the 2 claimed", n)
		}
	})
}

// TestLatestCaptureFromClaim: the claim tells which of the hubs it claims
// (entries with a kind) have no capture, and LatestCapture then answers
// "none" for them without a round trip, once; a hub with a capture, a
// page (no kind), and a hub this worker captured after the claim are
// asked of the database.
func TestLatestCaptureFromClaim(t *testing.T) {
	ctx := context.Background()
	url := cluster.NewDatabase(t)
	a, fa := worker(t, url, pgstore.WorkerOptions{})
	es := entries(4)
	for i := range es[:3] {
		es[i].Kind = corpus.KindHub
	}
	enqueue(t, a, es)
	capture := func(u string) {
		t.Helper()
		c := &corpus.Capture{RequestedURL: u, URL: u, Status: 200, Proto: "HTTP/1.1", FetchedAt: time.Now(),
			ContentType: "text/html", Header: http.Header{"Etag": {`"x"`}}, Body: []byte("<p>hub</p>"), BodyForm: corpus.BodyWire}
		a.Pack(c)
		if err := a.Update(ctx, func(tx *pgstore.Tx) error { _, err := tx.AddCapture(ctx, c); return err }); err != nil {
			t.Fatal(err)
		}
	}
	capture(es[1].URL) // a hub captured before the claim
	if c, _, _, err := fa.Claim(ctx, site, 0, 4, time.Now()); err != nil || len(c) != 4 {
		t.Fatalf("claim: %d URLs, %v; want 4", len(c), err)
	}
	capture(es[2].URL) // a hub captured after it, by this worker
	// The statement's first use prepares it: a round trip more.
	if _, err := a.LatestCapture(ctx, site+"/elsewhere"); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("latest capture of a URL never seen: %v; want not found", err)
	}
	for _, tc := range []struct {
		name      string
		url       string
		found     bool
		wantTrips int64
	}{
		{"a hub without a capture", es[0].URL, false, 0},
		{"the same hub asked again", es[0].URL, false, 1},
		{"a hub with a capture", es[1].URL, true, 1},
		{"a hub captured after the claim", es[2].URL, true, 1},
		{"a page", es[3].URL, false, 1},
	} {
		before := a.RoundTrips()
		c, err := a.LatestCapture(ctx, tc.url)
		if found := err == nil && c != nil; found != tc.found || (!found && !errors.Is(err, corpus.ErrNotFound)) {
			t.Errorf("%s: capture %v, %v; want found %v", tc.name, c != nil, err, tc.found)
		}
		if n := a.RoundTrips() - before; n != tc.wantTrips {
			t.Errorf("%s: %d round trips, want %d", tc.name, n, tc.wantTrips)
		}
	}
}
