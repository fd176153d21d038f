package corpus

import (
	"context"
	"testing"
	"time"
)

func TestHubInterval(t *testing.T) {
	p := WatchPolicy{MinInterval: 5 * time.Minute, MaxInterval: 6 * time.Hour}
	for _, tc := range []struct {
		quiet, want time.Duration
	}{
		{0, 5 * time.Minute},
		{8 * time.Minute, 5 * time.Minute},
		{10 * time.Minute, 5 * time.Minute},
		{30 * time.Minute, 15 * time.Minute},
		{5 * time.Hour, 150 * time.Minute},
		{48 * time.Hour, 6 * time.Hour},
	} {
		if got := p.HubInterval(tc.quiet); got != tc.want {
			t.Errorf("HubInterval(%v) = %v, want %v", tc.quiet, got, tc.want)
		}
	}
}

// watchState reads the schedule row of u.
func watchState(tb testing.TB, db *DB, u string) (role string, next time.Time, revisits int) {
	tb.Helper()
	var ms int64
	err := db.r.QueryRow("SELECT role, next_at, revisits FROM watch_schedule WHERE url = ?", u).Scan(&role, &ms, &revisits)
	if err != nil {
		tb.Fatalf("schedule row %s: %v", u, err)
	}
	return role, fromMillis(ms), revisits
}

func recordFetch(tb testing.TB, db *DB, f WatchedFetch, p WatchPolicy, now time.Time) {
	tb.Helper()
	mustUpdate(tb, db, func(tx *Tx) error { return tx.RecordWatchFetch(context.Background(), f, p, now) })
}

func TestRecordWatchFetchAdaptsHubs(t *testing.T) {
	db := MustOpen(t)
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour}
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	hub := WatchedFetch{URL: "http://a.test/", Host: "http://a.test", Hub: true, NewURLs: 3}
	// Each step: minutes since t0, new URLs found, the wait expected.
	for _, step := range []struct {
		at, found int
		wait      time.Duration
	}{
		{0, 3, time.Minute},      // new hub: the shortest wait
		{1, 0, time.Minute},      // quiet 1m: 30s, clamped up
		{2, 0, time.Minute},      // quiet 2m: 1m
		{3, 0, 90 * time.Second}, // quiet 3m: 1m30s
		{10, 0, 5 * time.Minute}, // quiet 10m
		{11, 1, time.Minute},     // new links: back to the shortest
		{300, 0, time.Hour},      // quiet for hours: the longest
	} {
		now := t0.Add(time.Duration(step.at) * time.Minute)
		hub.NewURLs = step.found
		recordFetch(t, db, hub, p, now)
		role, next, _ := watchState(t, db, hub.URL)
		if role != WatchHub || next.Sub(now) != step.wait {
			t.Errorf("after the check at +%dm (found %d): %s due in %v, want hub due in %v", step.at, step.found, role, next.Sub(now), step.wait)
		}
	}
}

func TestRecordWatchFetchRevisitsArticles(t *testing.T) {
	db := MustOpen(t)
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour,
		Revisit: []time.Duration{time.Hour, 6 * time.Hour, 24 * time.Hour}}
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	art := WatchedFetch{URL: "http://a.test/story", Host: "http://a.test", Article: true}
	for _, step := range []struct {
		at       time.Duration // since the first capture
		next     time.Duration // since the first capture, 0 for none
		revisits int
	}{
		{0, time.Hour, 0},
		{time.Hour, 6 * time.Hour, 1},
		{30 * time.Hour, 0, 3}, // late: the steps passed meanwhile collapse into this fetch
	} {
		recordFetch(t, db, art, p, t0.Add(step.at))
		_, next, n := watchState(t, db, art.URL)
		want := time.Time{}
		if step.next > 0 {
			want = t0.Add(step.next)
		}
		if !next.Equal(want) || n != step.revisits {
			t.Errorf("after the fetch at +%v: next %v, %d revisits; want %v, %d", step.at, next, n, want, step.revisits)
		}
	}
	// A revisit that is not an article any more (a 304) still counts.
	other := WatchedFetch{URL: "http://a.test/other", Host: "http://a.test", Article: true}
	recordFetch(t, db, other, p, t0)
	other.Article = false
	recordFetch(t, db, other, p, t0.Add(time.Hour))
	if _, next, n := watchState(t, db, other.URL); n != 1 || !next.Equal(t0.Add(6*time.Hour)) {
		t.Errorf("304 revisit: %d revisits, next %v", n, next)
	}
	// --revisit off schedules no article, and a plain page is never scheduled.
	off := p
	off.Revisit = nil
	recordFetch(t, db, WatchedFetch{URL: "http://a.test/new", Host: "http://a.test", Article: true}, off, t0)
	recordFetch(t, db, WatchedFetch{URL: "http://a.test/page", Host: "http://a.test"}, p, t0)
	var n int
	if err := db.r.QueryRow("SELECT COUNT(*) FROM watch_schedule WHERE url IN ('http://a.test/new', 'http://a.test/page')").Scan(&n); err != nil || n != 0 {
		t.Errorf("rows for an article under --revisit off and a plain page: %d, %v", n, err)
	}
}

func TestQueueDueWatch(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour,
		Revisit: []time.Duration{time.Hour}, RevisitsPerHost: 1}
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	us := []string{"http://a.test/", "http://a.test/s1", "http://a.test/s2", "http://a.test/s3"}
	for _, u := range us {
		mustEnqueue(t, db, EnqueueOptions{Run: 1, Now: t0}, entry(u, 0))
	}
	for _, e := range mustClaim(t, db, "a.test", 10, t0) {
		mustUpdate(t, db, func(tx *Tx) error { return tx.Finish(ctx, e.ID, StateDone, 0, "", t0) })
	}
	recordFetch(t, db, WatchedFetch{URL: us[0], Host: "a.test", Hub: true, NewURLs: 3}, p, t0)
	for _, u := range us[1:] {
		recordFetch(t, db, WatchedFetch{URL: u, Host: "a.test", Article: true}, p, t0)
	}
	queue := func(now time.Time) (int, int) {
		var h, a int
		mustUpdate(t, db, func(tx *Tx) error {
			var err error
			h, a, err = tx.QueueDueWatch(ctx, p, now)
			return err
		})
		return h, a
	}
	if h, a := queue(t0.Add(30 * time.Second)); h+a != 0 {
		t.Fatalf("nothing due yet, queued %d hubs %d articles", h, a)
	}
	if h, a := queue(t0.Add(2 * time.Minute)); h != 1 || a != 0 {
		t.Fatalf("the hub is due: queued %d hubs %d articles", h, a)
	}
	if e, _ := db.FrontierEntry(ctx, us[0]); e.State != StateQueued {
		t.Fatalf("hub frontier state %s, want queued", e.State)
	}
	if at, ok, err := db.NextWatchDue(ctx, p); err != nil || !ok || !at.Equal(t0.Add(time.Hour)) {
		t.Fatalf("next due %v %v %v, want the revisits at +1h", at, ok, err)
	}
	// Three articles due on one host, one revisit per host at a time.
	if h, a := queue(t0.Add(time.Hour)); h != 0 || a != 1 {
		t.Fatalf("revisits: queued %d hubs %d articles, want 1 article", h, a)
	}
	// A shorter policy moves an article's step instead of queueing it early.
	later := p
	later.Revisit = []time.Duration{3 * time.Hour}
	if h, a := queue2(t, db, later, t0.Add(time.Hour)); h+a != 0 {
		t.Fatalf("policy with a later step queued %d %d", h, a)
	}
	if _, next, _ := watchState(t, db, us[2]); !next.Equal(t0.Add(3 * time.Hour)) {
		t.Fatalf("rescheduled to %v", next)
	}
}

// TestQueueDueWatchClockWentBack: the machine's clock goes back a day
// (a bad RTC corrected, a VM restored): a hub checked "tomorrow" is due
// within --max-interval of the new time, as every hub is, not a day late.
func TestQueueDueWatchClockWentBack(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour}
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	hub := "http://a.test/"
	mustEnqueue(t, db, EnqueueOptions{Run: 1, Now: t0}, entry(hub, 0))
	for _, e := range mustClaim(t, db, "a.test", 10, t0) {
		mustUpdate(t, db, func(tx *Tx) error { return tx.Finish(ctx, e.ID, StateDone, 0, "", t0) })
	}
	recordFetch(t, db, WatchedFetch{URL: hub, Host: "a.test", Hub: true, NewURLs: 1}, p, t0)
	back := t0.Add(-24 * time.Hour)
	if h, a := queue2(t, db, p, back.Add(time.Minute)); h+a != 0 {
		t.Fatalf("queued %d hubs %d articles at once, want the hub at its usual wait", h, a)
	}
	if at, ok, err := db.NextWatchDue(ctx, p); err != nil || !ok || at.After(back.Add(time.Minute+p.MaxInterval)) {
		t.Fatalf("next due %v (%v, %v): more than --max-interval after the clock's time %v", at, ok, err, back.Add(time.Minute))
	}
	if h, _ := queue2(t, db, p, back.Add(time.Minute+p.MaxInterval)); h != 1 {
		t.Errorf("hub not queued --max-interval after the clock went back")
	}
}

func queue2(tb testing.TB, db *DB, p WatchPolicy, now time.Time) (h, a int) {
	tb.Helper()
	mustUpdate(tb, db, func(tx *Tx) error {
		var err error
		h, a, err = tx.QueueDueWatch(context.Background(), p, now)
		return err
	})
	return h, a
}

func TestStartWatchSchedulesACrawledCorpus(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	hub := entry("http://a.test/", 0)
	hub.Kind = KindHub
	deep := entry("http://a.test/deep", 3) // its links are not followed at --depth 3: no hub
	deep.Kind = KindHub
	mustEnqueue(t, db, EnqueueOptions{Run: 1, Now: t0}, hub, deep, entry("http://a.test/story", 1))
	for _, e := range mustClaim(t, db, "a.test", 10, t0) {
		mustUpdate(t, db, func(tx *Tx) error { return tx.Finish(ctx, e.ID, StateDone, 0, "", t0) })
	}
	capID := addCapture(t, db, &Capture{RequestedURL: "http://a.test/story", URL: "http://a.test/story", Status: 200, FetchedAt: t0})
	mustUpdate(t, db, func(tx *Tx) error {
		_, err := tx.PutArticle(ctx, &Article{URL: "http://a.test/story", Site: "a.test", Title: "T", Text: "x", FetchedAt: t0, CaptureID: capID}, "http://a.test/story")
		return err
	})
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour, Revisit: []time.Duration{time.Hour, 24 * time.Hour}}
	var hubs, arts int64
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		hubs, arts, err = tx.StartWatch(ctx, p, 3, t0.Add(2*time.Hour))
		return err
	})
	if hubs != 1 || arts != 1 {
		t.Fatalf("StartWatch added %d hubs %d articles, want 1 and 1", hubs, arts)
	}
	if role, next, n := watchState(t, db, "http://a.test/story"); role != WatchArticle || n != 1 || !next.Equal(t0.Add(24*time.Hour)) {
		t.Errorf("article: %s, %d revisits, next %v", role, n, next)
	}
	ws, err := db.WatchStats(ctx, t0.Add(2*time.Hour), 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if ws.Hubs != 1 || ws.Articles != 1 || len(ws.Sites) != 1 || len(ws.Sites[0].Hubs) != 1 || ws.NextHub == nil {
		t.Fatalf("watch stats %+v", ws)
	}
	if ws.Sites[0].Site != "a.test" || ws.Sites[0].FoundPerDay[0] != 1 {
		t.Errorf("found per day %+v (days %v)", ws.Sites[0], ws.Days)
	}
}

// TestWatchStatsCountsArticlesNotURLs: an article seen under two URLs
// (a copy at ?ref=home), fetched under both, counts once in the stats'
// articles, as in the articles table (a schedule written before articles
// had one row has a row under each).
func TestWatchStatsCountsArticlesNotURLs(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	capID := addCapture(t, db, &Capture{RequestedURL: "http://a.test/story", URL: "http://a.test/story", Status: 200, FetchedAt: t0})
	var id int64
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		id, err = tx.PutArticle(ctx, &Article{URL: "http://a.test/story", Site: "a.test", Title: "T", Text: "x", FetchedAt: t0, CaptureID: capID}, "http://a.test/story")
		if err != nil {
			return err
		}
		return tx.AddArticleURL(ctx, id, "http://a.test/story?ref=home")
	})
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour, Revisit: []time.Duration{time.Hour}}
	for _, u := range []string{"http://a.test/story", "http://a.test/story?ref=home", "http://a.test/gone"} {
		recordFetch(t, db, WatchedFetch{URL: u, Host: "http://a.test", Article: true}, p, t0)
	}
	ws, err := db.WatchStats(ctx, t0, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	// the story under its two URLs, and a URL the corpus has no article for
	if ws.Articles != 2 || ws.ArticlesPending != 2 {
		t.Errorf("watch stats: %d articles, %d with a revisit to come; want 2 and 2", ws.Articles, ws.ArticlesPending)
	}
}
