package pgstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
)

// loadRobots is LoadRobots that fails t on an error.
func loadRobots(t *testing.T, f *pgstore.Frontier, host string, now time.Time) (corpus.RobotsCheck, []byte, time.Time, time.Time) {
	t.Helper()
	check, body, until, wait, err := f.LoadRobots(context.Background(), host, now)
	if err != nil {
		t.Fatal(err)
	}
	return check, body, until, wait
}

// TestSharedRobots: the first worker to ask for a host's robots.txt gets
// no copy and the host's lease, to read it; another asking meanwhile is
// told to wait; once stored, the others get the copy until it expires,
// and then one of them takes the lease to read it again.
func TestSharedRobots(t *testing.T) {
	url := cluster.NewDatabase(t)
	opts := pgstore.WorkerOptions{LeaseTTL: 10 * time.Second}
	_, w1 := worker(t, url, opts)
	_, w2 := worker(t, url, opts)
	ctx := context.Background()
	now := time.Now().Truncate(time.Millisecond)

	if check, _, until, wait := loadRobots(t, w1, site, now); !until.IsZero() || !wait.IsZero() || check.Status != 0 {
		t.Fatalf("first worker: %+v until %v wait %v, want no copy and the lease", check, until, wait)
	}
	if _, _, until, wait := loadRobots(t, w2, site, now); !until.IsZero() || wait.IsZero() {
		t.Fatalf("second worker while the first reads robots.txt: until %v wait %v, want a wait", until, wait)
	}
	body := []byte("User-agent: *\nDisallow: /private\n")
	expires := now.Add(24 * time.Hour)
	if err := w1.StoreRobots(ctx, site, corpus.RobotsCheck{Status: 200}, body, now, expires); err != nil {
		t.Fatal(err)
	}
	// An older read does not replace it.
	if err := w2.StoreRobots(ctx, site, corpus.RobotsCheck{Status: 404}, nil, now.Add(-time.Minute), expires); err != nil {
		t.Fatal(err)
	}
	check, got, until, wait := loadRobots(t, w2, site, now.Add(time.Hour))
	if check.Status != 200 || string(got) != string(body) || !until.Equal(expires) || !wait.IsZero() {
		t.Fatalf("second worker after the store: %+v %q until %v wait %v, want 200 %q until %v", check, got, until, wait, body, expires)
	}
	// Expired (and the first worker's lease long gone): the second takes
	// the lease to read it again.
	if _, _, until, wait := loadRobots(t, w2, site, expires); !until.IsZero() || !wait.IsZero() {
		t.Fatalf("expired copy: until %v wait %v, want no copy and the lease", until, wait)
	}
}

// TestSharedRobotsStatuses: what a worker stored for each kind of answer
// comes back as stored, and holds until it expires.
func TestSharedRobotsStatuses(t *testing.T) {
	url := cluster.NewDatabase(t)
	_, w1 := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 10 * time.Second})
	_, w2 := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 10 * time.Second})
	ctx := context.Background()
	now := time.Now().Truncate(time.Millisecond)
	for _, tc := range []struct {
		name  string
		check corpus.RobotsCheck
		ttl   time.Duration
	}{
		{"ok", corpus.RobotsCheck{Status: 200}, 24 * time.Hour},
		{"not-found", corpus.RobotsCheck{Status: 404}, 24 * time.Hour},
		{"server-error", corpus.RobotsCheck{Status: 503, Error: "robots.txt answered 503 Service Unavailable", Kind: corpus.ErrKindHTTP5xx}, 8 * time.Second},
		{"unreachable", corpus.RobotsCheck{Error: "connection refused", Kind: corpus.ErrKindConnection}, 8 * time.Second},
		{"timeout", corpus.RobotsCheck{Error: "timeout after 5s", Kind: corpus.ErrKindTimeout}, 8 * time.Second},
		{"dns", corpus.RobotsCheck{Error: "no such host", Kind: corpus.ErrKindDNS}, 8 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			host := "http://" + tc.name + ".test"
			if err := w1.StoreRobots(ctx, host, tc.check, nil, now, now.Add(tc.ttl)); err != nil {
				t.Fatal(err)
			}
			check, body, until, _ := loadRobots(t, w2, host, now.Add(tc.ttl-time.Millisecond))
			if check != tc.check || len(body) != 0 || !until.Equal(now.Add(tc.ttl)) {
				t.Errorf("before expiry: %+v %q until %v, want %+v until %v", check, body, until, tc.check, now.Add(tc.ttl))
			}
			if check, _, until, _ := loadRobots(t, w2, host, now.Add(tc.ttl)); !until.IsZero() || check != (corpus.RobotsCheck{}) {
				t.Errorf("at expiry: %+v until %v, want no copy", check, until)
			}
		})
	}
}

// TestRobotsRoundTrips: reading a host's robots.txt costs a worker two
// round trips to take the lease (the host's row locked and read with the
// stored copy, then the lease written with COMMIT) and two to start the
// request (the row, then the start with COMMIT); another worker reads the
// stored copy in two, and is told to wait in two while the first holds
// the host. Counted on a second host, once the statements are prepared on
// each worker's connection (the first use of a statement costs one round
// trip more).
func TestRobotsRoundTrips(t *testing.T) {
	url := cluster.NewDatabase(t)
	opts := pgstore.WorkerOptions{LeaseTTL: time.Hour, Delay: 50 * time.Millisecond} // no heartbeat meanwhile
	s1, w1 := worker(t, url, opts)
	s2, w2 := worker(t, url, opts)
	ctx := context.Background()
	now := time.Now().Truncate(time.Millisecond)
	expires := now.Add(24 * time.Hour)
	for _, host := range []string{"http://warm.test", site} {
		for _, tc := range []struct {
			name  string
			s     *pgstore.Store
			step  func() error
			trips int64
		}{
			{"first worker, no copy: the lease", s1, func() error {
				_, _, until, wait, err := w1.LoadRobots(ctx, host, now)
				if err == nil && (!until.IsZero() || !wait.IsZero()) {
					t.Errorf("%s: until %v wait %v, want no copy and the lease", host, until, wait)
				}
				return err
			}, 2},
			{"first worker starts the request", s1, func() error {
				wait, lost, err := w1.StartRequest(ctx, host, 0, opts.Delay, now)
				if err == nil && (lost || !wait.IsZero()) {
					t.Errorf("%s: wait %v lost %v, want a start", host, wait, lost)
				}
				return err
			}, 2},
			{"first worker stores the copy", s1, func() error {
				return w1.StoreRobots(ctx, host, corpus.RobotsCheck{Status: 200}, []byte("User-agent: *\n"), now, expires)
			}, 1},
			{"second worker reads the copy", s2, func() error {
				check, _, until, wait, err := w2.LoadRobots(ctx, host, now)
				if err == nil && (check.Status != 200 || !until.Equal(expires) || !wait.IsZero()) {
					t.Errorf("%s: %+v until %v wait %v, want the stored copy", host, check, until, wait)
				}
				return err
			}, 2},
			{"second worker waits for the holder", s2, func() error {
				wait, lost, err := w2.StartRequest(ctx, host, 0, opts.Delay, now)
				if err == nil && (lost || wait.IsZero()) {
					t.Errorf("%s: wait %v lost %v, want a wait", host, wait, lost)
				}
				return err
			}, 2},
		} {
			before := tc.s.RoundTrips()
			if err := tc.step(); err != nil {
				t.Fatalf("%s, %s: %v", host, tc.name, err)
			}
			if n := tc.s.RoundTrips() - before; host == site && n != tc.trips {
				t.Errorf("%s: %d round trips, want %d", tc.name, n, tc.trips)
			}
		}
	}
	// The start recorded the host's next allowed start and delay for the
	// next leaseholder.
	if wait, _, err := w2.StartRequest(ctx, site, 0, opts.Delay, now.Add(2*time.Hour)); err != nil || !wait.IsZero() {
		t.Errorf("second worker once the first's lease ran out: wait %v, %v; want a start", wait, err)
	}
}

// TestRecordRobots: a read of a host's robots.txt is recorded with the
// statement after it (the sitemaps it lists, queued), and says whether
// the rules changed: a first read, a new body, not the same body again,
// not a read that failed (which keeps the last rules' digest). Three round
// trips a save, as the crawl makes it (once the statements are prepared).
func TestRecordRobots(t *testing.T) {
	ctx := context.Background()
	s, err := pgstore.Open(ctx, cluster.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, tc := range []struct {
		name        string
		check       corpus.RobotsCheck
		wantChanged bool
	}{
		{"first read", corpus.RobotsCheck{SHA256: "aa", Status: 200}, true},
		{"same rules", corpus.RobotsCheck{SHA256: "aa", Status: 200}, false},
		{"new rules", corpus.RobotsCheck{SHA256: "bb", Status: 200}, true},
		{"read failed", corpus.RobotsCheck{Status: 503, Error: "503 Service Unavailable"}, false},
		{"the same rules after the failure", corpus.RobotsCheck{SHA256: "bb", Status: 200}, false},
	} {
		var changed bool
		before := s.RoundTrips()
		err := s.Update(ctx, func(tx *pgstore.Tx) error {
			var err error
			if changed, err = tx.RecordRobots(ctx, site, tc.check, time.Now()); err != nil {
				return err
			}
			u := fmt.Sprintf("%s/sitemap-%d.xml", site, i)
			_, err = tx.Enqueue(ctx, []corpus.FrontierEntry{{URL: u, Host: site, Source: "robots", Kind: "sitemap"}}, corpus.EnqueueOptions{})
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if changed != tc.wantChanged {
			t.Errorf("%s: changed %v, want %v", tc.name, changed, tc.wantChanged)
		}
		if n := s.RoundTrips() - before; i > 0 && n != 3 {
			t.Errorf("%s: %d round trips, want 3", tc.name, n)
		}
	}
}
