package corpus

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// oentry is entry with the origin as host, as the crawler queues it.
func oentry(u string, depth int) FrontierEntry {
	e := entry(u, depth)
	i := strings.Index(u, "://")
	j := strings.IndexByte(u[i+3:], '/')
	e.Host = u[:i+3+j]
	return e
}

// stateOf returns the frontier state and reason of u.
func stateOf(tb testing.TB, db *DB, u string) (string, string) {
	tb.Helper()
	e, err := db.FrontierEntry(context.Background(), u)
	if err != nil {
		tb.Fatal(err)
	}
	return e.State, e.Reason
}

// settle claims u and finishes it in state with reason.
func settle(tb testing.TB, db *DB, u, state, reason string, now time.Time) {
	tb.Helper()
	ctx := context.Background()
	e, err := db.FrontierEntry(ctx, u)
	if err != nil {
		tb.Fatal(err)
	}
	mustUpdate(tb, db, func(tx *Tx) error { return tx.Finish(ctx, e.ID, state, 0, reason, now) })
}

func TestScope(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Now()
	mustEnqueue(t, db, EnqueueOptions{Run: 1}, oentry("http://www.a.test/", 0), oentry("https://b.test:8443/x", 0),
		FrontierEntry{URL: "http://c.test/1", Host: "http://c.test", Source: "http://www.a.test/"})
	var (
		hosts  []string
		stored bool
	)
	read := func() {
		mustUpdate(t, db, func(tx *Tx) error {
			var err error
			hosts, stored, err = tx.Scope(ctx)
			return err
		})
	}
	read()
	if stored || !slices.Equal(hosts, []string{"http://www.a.test", "https://b.test:8443"}) {
		t.Errorf("scope before any was stored: %q %v; want the seed origins, false", hosts, stored)
	}
	mustUpdate(t, db, func(tx *Tx) error {
		if err := tx.AddScope(ctx, []string{"a.test", "", "d.test"}, ScopeSeed, now); err != nil {
			return err
		}
		return tx.AddScope(ctx, []string{"d.test", "e.test"}, ScopeAllowHost, now)
	})
	read()
	if !stored || !slices.Equal(hosts, []string{"a.test", "d.test", "e.test"}) {
		t.Errorf("stored scope: %q %v", hosts, stored)
	}
}

func TestRobotsRecordAndRequeue(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Now()
	const host = "http://a.test"
	mustEnqueue(t, db, EnqueueOptions{Run: 1}, oentry(host+"/1", 0), oentry(host+"/2", 0), oentry("http://b.test/1", 0))
	settle(t, db, host+"/1", StateSkipped, ErrKindRobots, now)
	settle(t, db, host+"/2", StateSkipped, "trap: calendar", now)
	settle(t, db, "http://b.test/1", StateSkipped, ErrKindRobots, now)

	steps := []struct {
		check   RobotsCheck
		changed bool
	}{
		{RobotsCheck{SHA256: "aa", Status: 200}, true},
		{RobotsCheck{SHA256: "aa", Status: 200}, false},
		{RobotsCheck{Status: 503, Error: "robots.txt answered 503"}, false},
		{RobotsCheck{SHA256: "aa", Status: 200}, false}, // an error keeps the last digest
		{RobotsCheck{SHA256: "bb", Status: 200}, true},
	}
	for i, s := range steps {
		var changed bool
		mustUpdate(t, db, func(tx *Tx) error {
			var err error
			changed, err = tx.RecordRobots(ctx, host, s.check, now)
			return err
		})
		if changed != s.changed {
			t.Errorf("step %d: changed %v, want %v", i, changed, s.changed)
		}
		d, err := db.FrontierDetails(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if unreachable := len(d.Unreachable) == 1; unreachable != (s.check.Error != "") {
			t.Errorf("step %d: unreachable hosts %+v", i, d.Unreachable)
		}
	}
	var n int64
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		n, err = tx.RequeueRobotsSkipped(ctx, host, now)
		return err
	})
	if st, _ := stateOf(t, db, host+"/1"); n != 1 || st != StateQueued {
		t.Errorf("requeued %d, %s/1 is %s; want 1, queued", n, host, st)
	}
	if st, _ := stateOf(t, db, host+"/2"); st != StateSkipped {
		t.Errorf("a trap was queued again: %s", st)
	}
	if st, _ := stateOf(t, db, "http://b.test/1"); st != StateSkipped {
		t.Errorf("another host's URL was queued again: %s", st)
	}
}

func TestRequeueUnreachableAndHubs(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	now := time.Now()
	page := func(u, kind string, depth int) FrontierEntry {
		e := oentry(u, depth)
		e.Kind = kind
		return e
	}
	mustEnqueue(t, db, EnqueueOptions{Run: 1},
		page("http://a.test/", KindHub, 0), page("http://a.test/section", KindHub, 2),
		page("http://a.test/sitemap.xml", "sitemap", 0), page("http://a.test/article", "", 1),
		page("http://a.test/dns", "", 1), page("http://a.test/404", "", 1), page("http://a.test/panic", "", 1),
		page("http://b.test/", KindHub, 0), page("http://b.test/more", "", 1))
	for u, s := range map[string][2]string{
		"http://a.test/": {StateDone, ""}, "http://a.test/section": {StateDone, ""},
		"http://a.test/sitemap.xml": {StateDone, ""}, "http://a.test/article": {StateDone, ""},
		"http://a.test/dns": {StateFailed, ErrKindDNS}, "http://a.test/404": {StateFailed, ErrKindHTTP4xx},
		"http://a.test/panic": {StateFailed, ErrKindPanic}, "http://b.test/": {StateDone, ""},
	} {
		settle(t, db, u, s[0], s[1], now)
	}
	var hubs, failed int64
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		if hubs, err = tx.RequeueHubs(ctx, 2, 2, now); err != nil {
			return err
		}
		failed, err = tx.RequeueUnreachable(ctx, now)
		return err
	})
	want := map[string]string{
		"http://a.test/": StateQueued, "http://a.test/sitemap.xml": StateQueued,
		"http://a.test/section": StateDone, // at the depth limit: its links are not followed
		"http://a.test/article": StateDone, "http://a.test/dns": StateQueued, "http://a.test/404": StateFailed,
		"http://a.test/panic": StateFailed,
		"http://b.test/":      StateDone, // b.test still has a URL queued: it resumes first
	}
	for u, w := range want {
		if st, _ := stateOf(t, db, u); st != w {
			t.Errorf("%s: %s, want %s", u, st, w)
		}
	}
	if hubs != 2 || failed != 1 {
		t.Errorf("requeued %d hubs, %d failed; want 2, 1", hubs, failed)
	}
	// Claimed by run 2 only: the hubs it queued.
	var claimed []FrontierEntry
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		claimed, err = tx.ClaimRun(ctx, "http://a.test", 2, 10, now)
		return err
	})
	if got := urls(claimed); !slices.Equal(got, []string{"http://a.test/", "http://a.test/sitemap.xml"}) {
		t.Errorf("run 2 claimed %q", got)
	}
}

func TestEnqueueAdopt(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	mustEnqueue(t, db, EnqueueOptions{Run: 1}, oentry("http://a.test/1", 0), oentry("http://a.test/2", 1))
	if n := mustEnqueue(t, db, EnqueueOptions{Run: 2}, oentry("http://a.test/1", 0)); n != 0 {
		t.Errorf("without Adopt: %d rows changed", n)
	}
	if n := mustEnqueue(t, db, EnqueueOptions{Run: 2, Adopt: true}, oentry("http://a.test/1", 0)); n != 1 {
		t.Errorf("with Adopt: %d rows changed, want 1", n)
	}
	hosts, err := db.QueuedHostsRun(ctx, 2)
	if err != nil || !slices.Equal(hosts, []string{"http://a.test"}) {
		t.Errorf("hosts of run 2: %q %v", hosts, err)
	}
	var (
		claimed []FrontierEntry
		due     bool
	)
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		if claimed, err = tx.ClaimRun(ctx, "http://a.test", 2, 10, time.Now()); err != nil {
			return err
		}
		_, due, err = tx.NextDueRun(ctx, "http://a.test", 2)
		return err
	})
	if got := urls(claimed); !slices.Equal(got, []string{"http://a.test/1"}) || due {
		t.Errorf("run 2 claimed %q, more due %v; want only /1", got, due)
	}
}
