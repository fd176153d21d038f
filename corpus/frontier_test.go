package corpus

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func mustUpdate(tb testing.TB, db *DB, fn func(tx *Tx) error) {
	tb.Helper()
	if err := db.Update(context.Background(), fn); err != nil {
		tb.Fatal(err)
	}
}

func mustEnqueue(tb testing.TB, db *DB, opts EnqueueOptions, entries ...FrontierEntry) int {
	tb.Helper()
	var n int
	mustUpdate(tb, db, func(tx *Tx) error {
		var err error
		n, err = tx.Enqueue(context.Background(), entries, opts)
		return err
	})
	return n
}

func mustClaim(tb testing.TB, db *DB, host string, n int, now time.Time) []FrontierEntry {
	tb.Helper()
	var out []FrontierEntry
	mustUpdate(tb, db, func(tx *Tx) error {
		var err error
		out, err = tx.Claim(context.Background(), host, n, now)
		return err
	})
	return out
}

func urls(es []FrontierEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.URL)
	}
	return out
}

func entry(u string, depth int) FrontierEntry {
	return FrontierEntry{URL: u, Host: hostOf(u), Depth: depth, Priority: -depth, Source: "seed"}
}

func TestFrontierEnqueueIsAVisitedSet(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	opts := EnqueueOptions{Run: 1}
	if n := mustEnqueue(t, db, opts, entry("http://a.test/1", 1), entry("http://a.test/2", 1), entry("http://a.test/1", 1)); n != 2 {
		t.Fatalf("enqueue: %d rows, want 2", n)
	}
	// Known again at the same or a larger depth: ignored.
	if n := mustEnqueue(t, db, opts, entry("http://a.test/1", 2)); n != 0 {
		t.Fatalf("enqueue known URL: %d rows, want 0", n)
	}
	// Known again at a smaller depth while queued: takes that depth.
	if n := mustEnqueue(t, db, opts, entry("http://a.test/2", 0)); n != 1 {
		t.Fatalf("enqueue at smaller depth: %d rows, want 1", n)
	}
	e, err := db.FrontierEntry(ctx, "http://a.test/2")
	if err != nil {
		t.Fatal(err)
	}
	if e.Depth != 0 || e.Priority != 0 || e.State != StateQueued || e.Host != "a.test" {
		t.Fatalf("entry = %+v", e)
	}
	if _, err := db.FrontierEntry(ctx, "http://a.test/none"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing entry: %v, want ErrNotFound", err)
	}
	// A skipped URL is recorded so that the visited set knows it.
	sk := entry("http://a.test/private/x", 1)
	sk.State, sk.Reason = StateSkipped, "robots"
	mustEnqueue(t, db, opts, sk)
	if n := mustEnqueue(t, db, opts, entry("http://a.test/private/x", 0)); n != 0 {
		t.Fatalf("skipped URL queued again: %d", n)
	}
	bad := entry("http://a.test/bad", 1)
	bad.State = StateInFlight
	if err := db.Update(ctx, func(tx *Tx) error { _, err := tx.Enqueue(ctx, []FrontierEntry{bad}, opts); return err }); err == nil {
		t.Fatal("enqueue in flight: no error")
	}
}

func TestFrontierClaimOrderAndDueTimes(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	mustEnqueue(t, db, EnqueueOptions{Run: 1},
		entry("http://a.test/d2", 2), entry("http://a.test/d1", 1), entry("http://b.test/x", 0),
		entry("http://a.test/d0", 0), entry("http://a.test/d1b", 1))
	got := mustClaim(t, db, "a.test", 3, now)
	if want := []string{"http://a.test/d0", "http://a.test/d1", "http://a.test/d1b"}; fmt.Sprint(urls(got)) != fmt.Sprint(want) {
		t.Fatalf("claim = %v, want %v", urls(got), want)
	}
	for _, e := range got {
		if e.State != StateInFlight {
			t.Fatalf("claimed %s in state %s", e.URL, e.State)
		}
	}
	// A retry is not due before its time.
	mustUpdate(t, db, func(tx *Tx) error {
		return tx.Retry(ctx, got[0].ID, now.Add(time.Minute), "503", now)
	})
	got2 := mustClaim(t, db, "a.test", 10, now)
	if want := []string{"http://a.test/d2"}; fmt.Sprint(urls(got2)) != fmt.Sprint(want) {
		t.Fatalf("claim = %v, want %v", urls(got2), want)
	}
	mustUpdate(t, db, func(tx *Tx) error {
		due, ok, err := tx.NextDue(ctx, "a.test")
		if err != nil || !ok || !due.Equal(now.Add(time.Minute)) {
			t.Errorf("next due = %v %v %v, want %v", due, ok, err, now.Add(time.Minute))
		}
		_, ok, err = tx.NextDue(ctx, "c.test")
		if err != nil || ok {
			t.Errorf("next due of an empty host = %v %v", ok, err)
		}
		return nil
	})
	if got := mustClaim(t, db, "a.test", 10, now.Add(59*time.Second)); len(got) != 0 {
		t.Fatalf("claimed %v before due", urls(got))
	}
	got3 := mustClaim(t, db, "a.test", 10, now.Add(time.Minute))
	if len(got3) != 1 || got3[0].URL != "http://a.test/d0" || got3[0].Attempts != 1 || got3[0].Reason != "503" {
		t.Fatalf("claim after due = %+v", got3)
	}
	hosts, err := db.QueuedHosts(ctx)
	if err != nil || fmt.Sprint(hosts) != "[b.test]" {
		t.Fatalf("queued hosts = %v %v", hosts, err)
	}
}

func TestFrontierFinishResetAndStats(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Now()
	mustEnqueue(t, db, EnqueueOptions{Run: 1},
		entry("http://a.test/1", 0), entry("http://a.test/2", 0), entry("http://a.test/3", 0),
		entry("http://a.test/4", 0), entry("http://b.test/1", 0), entry("http://c.test/1", 0))
	got := mustClaim(t, db, "a.test", 4, now)
	var capID int64
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		capID, err = tx.AddCapture(ctx, &Capture{RequestedURL: got[0].URL, URL: got[0].URL, Status: 200, Body: []byte("x")})
		if err != nil {
			return err
		}
		if err := tx.Finish(ctx, got[0].ID, StateDone, capID, "", now); err != nil {
			return err
		}
		if err := tx.Finish(ctx, got[1].ID, StateFailed, 0, "http_5xx", now); err != nil {
			return err
		}
		if err := tx.Finish(ctx, got[1].ID, "bogus", 0, "", now); err == nil {
			t.Error("finish with a bad state: no error")
		}
		return tx.Release(ctx, []int64{got[2].ID})
	})
	// got[3] stays in flight, as if the crawl was killed.
	c := mustClaim(t, db, "c.test", 1, now)
	mustUpdate(t, db, func(tx *Tx) error {
		return tx.Retry(ctx, c[0].ID, now.Add(time.Hour), "429", now)
	})
	s, err := db.FrontierStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := FrontierStats{Queued: 3, InFlight: 1, Done: 1, Failed: 1, Hosts: 3, HostsWaiting: 1}
	if s != want {
		t.Fatalf("stats = %+v, want %+v", s, want)
	}
	n, err := db.ResetInFlight(ctx)
	if err != nil || n != 1 {
		t.Fatalf("reset in flight = %d %v, want 1", n, err)
	}
	e, _ := db.FrontierEntry(ctx, got[3].URL)
	if e.State != StateQueued {
		t.Fatalf("after reset: %+v", e)
	}
	e, _ = db.FrontierEntry(ctx, got[0].URL)
	if e.State != StateDone || e.CaptureID != capID {
		t.Fatalf("done entry = %+v", e)
	}
	settled, err := db.HostSettled(ctx, "a.test")
	if err != nil || settled != 2 {
		t.Fatalf("host settled = %d %v, want 2", settled, err)
	}
	var skipped int64
	mustUpdate(t, db, func(tx *Tx) error {
		skipped, err = tx.SkipQueued(ctx, "a.test", "host_budget", now)
		return err
	})
	if skipped != 2 {
		t.Fatalf("skip queued = %d, want 2", skipped)
	}
	var inState = map[string]int{}
	if err := db.ForEachFrontier(ctx, "", func(e FrontierEntry) error { inState[e.State]++; return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(inState) != "map[done:1 failed:1 queued:2 skipped:2]" {
		t.Fatalf("states = %v", inState)
	}
}

func TestFrontierRevisit(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mustEnqueue(t, db, EnqueueOptions{Run: 1, Now: t0}, entry("http://a.test/old", 0), entry("http://a.test/new", 0))
	got := mustClaim(t, db, "a.test", 2, t0)
	mustUpdate(t, db, func(tx *Tx) error {
		if err := tx.Finish(ctx, got[0].ID, StateDone, 0, "", t0); err != nil {
			return err
		}
		return tx.Finish(ctx, got[1].ID, StateDone, 0, "", t0.Add(2*time.Hour))
	})
	tests := []struct {
		name string
		opts EnqueueOptions
		want int
	}{
		{"no revisit", EnqueueOptions{Run: 2}, 0},
		{"revisit older than an hour ago", EnqueueOptions{Run: 2, Revisit: true, RevisitBefore: t0.Add(time.Hour)}, 1},
		{"revisited once per run", EnqueueOptions{Run: 2, Revisit: true}, 1},
		{"same run again", EnqueueOptions{Run: 2, Revisit: true}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := mustEnqueue(t, db, tc.opts, entry("http://a.test/old", 0), entry("http://a.test/new", 0))
			if n != tc.want {
				t.Fatalf("enqueue: %d rows, want %d", n, tc.want)
			}
		})
	}
	s, _ := db.FrontierStats(ctx)
	if s.Queued != 2 || s.Done != 0 {
		t.Fatalf("stats = %+v", s)
	}
}

func TestFrontierRedirects(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	short := entry("http://a.test/go/1", 1)
	old := entry("http://a.test/old/1", 1)
	old.State, old.RedirectTo = StateDone, "http://a.test/story/1"
	mustEnqueue(t, db, EnqueueOptions{Run: 1}, short, old, entry("http://a.test/other", 1))
	got := mustClaim(t, db, "a.test", 1, time.Now())
	mustUpdate(t, db, func(tx *Tx) error {
		if err := tx.SetRedirectTo(ctx, got[0].ID, "http://a.test/story/1"); err != nil {
			return err
		}
		us, err := tx.RedirectsTo(ctx, "http://a.test/story/1")
		if err != nil {
			return err
		}
		if want := "[http://a.test/go/1 http://a.test/old/1]"; fmt.Sprint(us) != want {
			t.Errorf("redirects to = %v, want %s", us, want)
		}
		us, err = tx.RedirectsTo(ctx, "http://a.test/nowhere")
		if err != nil || len(us) != 0 {
			t.Errorf("redirects to nowhere = %v %v", us, err)
		}
		return nil
	})
	e, _ := db.FrontierEntry(ctx, "http://a.test/go/1")
	if e.RedirectTo != "http://a.test/story/1" {
		t.Errorf("entry = %+v", e)
	}
}

func TestFrontierRuns(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	var id int64
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		id, err = tx.BeginRun(ctx, map[string]int{"depth": 3}, time.Now())
		return err
	})
	s, _ := db.FrontierStats(ctx)
	if s.Runs != 1 || s.Running != 1 {
		t.Fatalf("stats = %+v", s)
	}
	mustUpdate(t, db, func(tx *Tx) error { return tx.EndRun(ctx, id, map[string]int{"fetched": 1}, time.Now()) })
	s, _ = db.FrontierStats(ctx)
	if s.Runs != 1 || s.Running != 0 {
		t.Fatalf("stats = %+v", s)
	}
}

var frontierURLs = flag.Int("frontier.urls", 100000, "URLs queued by BenchmarkFrontier")

// BenchmarkFrontier queues -frontier.urls URLs over 100 hosts in batches
// of 100 (a page's links), then claims and settles them all as a crawl
// does, and reports the peak RSS of the process: the frontier lives in
// SQLite, so memory stays flat however many URLs there are.
//
//	go test -run '^$' -bench Frontier -benchtime 1x -frontier.urls 1000000 ./corpus/
func BenchmarkFrontier(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		db, err := Open(ctx, b.TempDir()+"/archive.db")
		if err != nil {
			b.Fatal(err)
		}
		os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
		batch := make([]FrontierEntry, 0, 100)
		for i := 0; i < *frontierURLs; i++ {
			host := fmt.Sprintf("http://h%d.test", i%100)
			batch = append(batch, FrontierEntry{URL: fmt.Sprintf("%s/section/%d/story-%d.html", host, i%37, i),
				Host: host, Depth: 2, Priority: -2, Source: host + "/"})
			if len(batch) == cap(batch) || i == *frontierURLs-1 {
				if err := db.Update(ctx, func(tx *Tx) error {
					_, err := tx.Enqueue(ctx, batch, EnqueueOptions{Run: 1})
					return err
				}); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		now := time.Now()
		settled := 0
		for h := 0; h < 100; h++ {
			host := fmt.Sprintf("http://h%d.test", h)
			for {
				var got []FrontierEntry
				if err := db.Update(ctx, func(tx *Tx) error {
					var err error
					if got, err = tx.Claim(ctx, host, 16, now); err != nil {
						return err
					}
					for _, e := range got {
						if err := tx.Finish(ctx, e.ID, StateDone, 0, "", now); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					b.Fatal(err)
				}
				if len(got) == 0 {
					break
				}
				settled += len(got)
			}
		}
		if settled != *frontierURLs {
			b.Fatalf("settled %d of %d", settled, *frontierURLs)
		}
		db.Close()
	}
	b.ReportMetric(float64(*frontierURLs), "urls")
	b.ReportMetric(vmHWM()/(1<<20), "peak-RSS-MB")
}

// vmHWM returns the process's peak RSS in bytes, 0 when unknown.
func vmHWM() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}

// TestFrontierRecordPanic: the first panic queues the URL again after a
// delay; the second fails it for good, and a resume (ResetInFlight, a new
// run's Enqueue) does not queue it again.
func TestFrontierRecordPanic(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Now()
	mustEnqueue(t, db, EnqueueOptions{Run: 1}, entry("http://a.test/boom", 0))
	record := func() (string, int) {
		t.Helper()
		c := mustClaim(t, db, "a.test", 1, now.Add(time.Hour))
		if len(c) != 1 {
			t.Fatalf("claimed %v", urls(c))
		}
		var state string
		var n int
		mustUpdate(t, db, func(tx *Tx) error {
			var err error
			state, n, err = tx.RecordPanic(ctx, c[0].ID, 0, 2, "panic: boom", now.Add(time.Minute), now)
			return err
		})
		return state, n
	}
	if state, n := record(); state != StateQueued || n != 1 {
		t.Fatalf("first panic: state %s, count %d; want queued, 1", state, n)
	}
	if c := mustClaim(t, db, "a.test", 1, now); len(c) != 0 {
		t.Fatalf("claimed before its retry time: %v", urls(c))
	}
	if state, n := record(); state != StateFailed || n != 2 {
		t.Fatalf("second panic: state %s, count %d; want failed, 2", state, n)
	}
	if _, err := db.ResetInFlight(ctx); err != nil {
		t.Fatal(err)
	}
	mustEnqueue(t, db, EnqueueOptions{Run: 2}, entry("http://a.test/boom", 0))
	e, err := db.FrontierEntry(ctx, "http://a.test/boom")
	if err != nil {
		t.Fatal(err)
	}
	if e.State != StateFailed || e.Panics != 2 || e.Reason != "panic: boom" {
		t.Fatalf("after resume: %+v", e)
	}

	// A recrawl queues it again with its count back at zero: one more
	// panic queues it for another try instead of failing it at once.
	if n := mustEnqueue(t, db, EnqueueOptions{Run: 3, Revisit: true}, entry("http://a.test/boom", 0)); n != 1 {
		t.Fatalf("recrawl enqueue: %d rows, want 1", n)
	}
	if e, _ := db.FrontierEntry(ctx, "http://a.test/boom"); e.State != StateQueued || e.Panics != 0 {
		t.Fatalf("after the recrawl's enqueue: %+v", e)
	}
	if state, n := record(); state != StateQueued || n != 1 {
		t.Fatalf("first panic of the recrawl: state %s, count %d; want queued, 1", state, n)
	}
	// Found again at a smaller depth while queued, it keeps its count.
	mustEnqueue(t, db, EnqueueOptions{Run: 3, Revisit: true}, entry("http://a.test/boom", -1))
	if e, _ := db.FrontierEntry(ctx, "http://a.test/boom"); e.State != StateQueued || e.Panics != 1 || e.Depth != -1 {
		t.Fatalf("queued row found again: %+v", e)
	}
}
