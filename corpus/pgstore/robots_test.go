package pgstore_test

import (
	"context"
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
