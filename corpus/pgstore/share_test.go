package pgstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
)

// shareHosts are three hosts, in the order a worker ranks its leases.
var shareHosts = []string{"http://a.test", "http://b.test", "http://c.test"}

// shareEntries queues n URLs on each of shareHosts.
func shareEntries(n int) []corpus.FrontierEntry {
	var out []corpus.FrontierEntry
	for _, h := range shareHosts {
		for i := 0; i < n; i++ {
			out = append(out, corpus.FrontierEntry{URL: fmt.Sprintf("%s/p/%d", h, i), Host: h, Source: "seed"})
		}
	}
	return out
}

// holders returns the worker holding each leased host.
func holders(t *testing.T, s *pgstore.Store) map[string]int64 {
	t.Helper()
	_, ls, err := s.Workers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, l := range ls {
		out[l.Host] = l.Worker
	}
	return out
}

// claimStep is one claim of a share test and what it must answer.
type claimStep struct {
	name   string
	worker int // 0: A, 1: B
	host   int // index in shareHosts
	later  time.Duration
	want   int  // URLs claimed
	settle bool // settle the URLs the worker claimed on the host before, first
	holder int  // the host's holder after the step: 0 A, 1 B, -1 none
}

// runSteps runs steps on workers fs (their stores ss), and checks each
// answer and the host's holder after it. claimed keeps the URLs each
// worker claimed on each host and did not settle, across calls.
func runSteps(t *testing.T, ss []*pgstore.Store, fs []*pgstore.Frontier, start time.Time, claimed map[string][]corpus.FrontierEntry, steps []claimStep) {
	t.Helper()
	ctx := context.Background()
	for _, st := range steps {
		f, host, now := fs[st.worker], shareHosts[st.host], start.Add(st.later)
		key := fmt.Sprint(st.worker, host)
		if st.settle {
			for _, e := range claimed[key] {
				err := ss[st.worker].Update(ctx, func(tx *pgstore.Tx) error { return tx.Finish(ctx, e.ID, corpus.StateDone, 0, "", now) })
				if err != nil {
					t.Fatal(err)
				}
			}
			delete(claimed, key)
		}
		got, due, hasDue, err := f.Claim(ctx, host, 0, 2, now)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if len(got) != st.want || (st.want == 0 && (!hasDue || !due.After(now))) {
			t.Fatalf("%s: %d URLs claimed (due %v, %v); want %d, or none and a later time", st.name, len(got), due, hasDue, st.want)
		}
		claimed[key] = append(claimed[key], got...)
		want := int64(0)
		if st.holder >= 0 {
			want = fs[st.holder].ID()
		}
		if h := holders(t, ss[0])[host]; h != want {
			t.Fatalf("%s: %s held by worker %d, want %d", st.name, host, h, want)
		}
	}
}

// TestShareHosts: with two live workers and three hosts with work, a
// worker holds at most two hosts (ceil(3/2)): it does not take a third;
// the other worker takes it.
func TestShareHosts(t *testing.T) {
	url := cluster.NewDatabase(t)
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 30 * time.Second})
	b, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 30 * time.Second})
	enqueue(t, a, shareEntries(4))
	runSteps(t, []*pgstore.Store{a, b}, []*pgstore.Frontier{fa, fb}, time.Now(), map[string][]corpus.FrontierEntry{}, []claimStep{
		{name: "A takes a", worker: 0, host: 0, want: 2, holder: 0},
		{name: "A takes b", worker: 0, host: 1, want: 2, holder: 0},
		{name: "A, holding its share, leaves c", worker: 0, host: 2, want: 0, holder: -1},
		{name: "B takes c", worker: 1, host: 2, want: 2, holder: 1},
		{name: "B may not take a, A's", worker: 1, host: 0, want: 0, holder: 0},
		{name: "A claims a again", worker: 0, host: 0, want: 2, holder: 0},
	})
	if fa.Share() != 2 || fb.Share() != 2 {
		t.Errorf("shares %d and %d, want 2 each (3 hosts, 2 workers)", fa.Share(), fb.Share())
	}
}

// TestShareDrain: a worker alone holds every host (no limit); once a
// second worker is live, the first learns it at its next count, claims no
// more URLs for the host beyond its share (the last by name), gives its
// lease back once its URLs in flight are settled, and the second worker
// takes it; the first keeps its share.
func TestShareDrain(t *testing.T) {
	url := cluster.NewDatabase(t)
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 30 * time.Second})
	enqueue(t, a, shareEntries(6))
	start := time.Now()
	claimed := map[string][]corpus.FrontierEntry{}
	runSteps(t, []*pgstore.Store{a}, []*pgstore.Frontier{fa}, start, claimed, []claimStep{
		{name: "A alone takes a", worker: 0, host: 0, want: 2, holder: 0},
		{name: "A alone takes b", worker: 0, host: 1, want: 2, holder: 0},
		{name: "A alone takes c", worker: 0, host: 2, want: 2, holder: 0},
	})
	if fa.Share() != 0 {
		t.Fatalf("a single worker's share is %d, want 0 (no limit)", fa.Share())
	}
	b, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 30 * time.Second})
	later := 3 * time.Second // past A's next count
	runSteps(t, []*pgstore.Store{a, b}, []*pgstore.Frontier{fa, fb}, start, claimed, []claimStep{
		{name: "A claims a, and counts B", worker: 0, host: 0, later: later, want: 2, holder: 0},
		{name: "A drains c, its URLs in flight", worker: 0, host: 2, later: later, want: 0, holder: 0},
		{name: "B may not take c yet", worker: 1, host: 2, later: later, want: 0, holder: 0},
		{name: "A gives c back, nothing in flight", worker: 0, host: 2, later: later, want: 0, settle: true, holder: -1},
		{name: "B takes c", worker: 1, host: 2, later: later, want: 2, holder: 1},
		{name: "A may not take c back", worker: 0, host: 2, later: later, want: 0, holder: 1},
		{name: "A keeps b", worker: 0, host: 1, later: later, want: 2, holder: 0},
	})
	if fa.Share() != 2 {
		t.Errorf("A's share %d, want 2", fa.Share())
	}
	if st, err := a.FrontierStats(context.Background()); err != nil || st.Done != 2 || st.InFlight != 10 || st.Queued != 6 {
		t.Errorf("frontier %+v, %v; want 2 done, 10 in flight, 6 queued: nothing lost nor claimed twice", st, err)
	}
}

// TestDrainOnStaleCount: a host drained beyond a worker's share is given
// back once none of its URLs is in flight in the frontier, whatever the
// host row's in-flight counter says (a counter left at 1 kept the host in
// drain, renewed, for ever: review16b).
func TestDrainOnStaleCount(t *testing.T) {
	url := cluster.NewDatabase(t)
	ctx := context.Background()
	a, fa := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 30 * time.Second})
	hosts := []string{"http://a.test", "http://b.test", "http://c.test"}
	var es []corpus.FrontierEntry
	for _, h := range hosts {
		for i := range 6 {
			es = append(es, corpus.FrontierEntry{URL: fmt.Sprintf("%s/p/%d", h, i), Host: h, Source: "seed"})
		}
	}
	enqueue(t, a, es)
	start := time.Now()
	var last []int64
	for _, h := range hosts {
		got, _, _, err := fa.Claim(ctx, h, 0, 2, start)
		if err != nil || len(got) != 2 {
			t.Fatalf("claim %s: %d URLs, %v", h, len(got), err)
		}
		last = []int64{got[0].ID, got[1].ID}
	}
	_, fb := worker(t, url, pgstore.WorkerOptions{LeaseTTL: 30 * time.Second})
	later := start.Add(3 * time.Second)
	if _, _, _, err := fa.Claim(ctx, hosts[0], 0, 0, later); err != nil { // A counts: share 2
		t.Fatal(err)
	}
	for _, id := range last {
		if err := a.Update(ctx, func(tx *pgstore.Tx) error { return tx.Finish(ctx, id, corpus.StateDone, 0, "", later) }); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Pool().Exec(ctx, "UPDATE frontier_hosts SET in_flight = 1 WHERE host = $1", hosts[2]); err != nil {
		t.Fatal(err)
	}
	taken := false
	for i := 0; i < 4 && !taken; i++ {
		now := later.Add(time.Duration(i) * 600 * time.Millisecond)
		if _, _, _, err := fa.Claim(ctx, hosts[2], 0, 2, now); err != nil {
			t.Fatal(err)
		}
		gb, _, _, err := fb.Claim(ctx, hosts[2], 0, 2, now)
		if err != nil {
			t.Fatal(err)
		}
		taken = len(gb) > 0
	}
	if !taken {
		t.Errorf("the drained host was not handed over: holders %v", holders(t, a))
	}
}
