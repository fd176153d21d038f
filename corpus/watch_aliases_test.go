package corpus

import (
	"context"
	"testing"
	"time"
)

// aliasURLs are the URLs of one article: a tracking copy, a short link
// and its key (canonical) URL, last.
var aliasURLs = []string{"http://a.test/story?ref=home", "http://a.test/s/17", "http://a.test/story"}

// aliasCorpus returns a corpus whose frontier fetched the three URLs of
// one article at t0, stored under its key with the other two as aliases.
func aliasCorpus(t *testing.T, t0 time.Time) *DB {
	t.Helper()
	db := MustOpen(t)
	ctx := context.Background()
	var es []FrontierEntry
	for _, u := range aliasURLs {
		es = append(es, entry(u, 1))
	}
	mustEnqueue(t, db, EnqueueOptions{Run: 1, Now: t0}, es...)
	for _, e := range mustClaim(t, db, "a.test", 10, t0) {
		mustUpdate(t, db, func(tx *Tx) error { return tx.Finish(ctx, e.ID, StateDone, 0, "", t0) })
	}
	key := aliasURLs[len(aliasURLs)-1]
	capID := addCapture(t, db, &Capture{RequestedURL: aliasURLs[0], URL: aliasURLs[0], Status: 200, FetchedAt: t0})
	mustUpdate(t, db, func(tx *Tx) error {
		id, err := tx.PutArticle(ctx, &Article{URL: aliasURLs[0], Site: "a.test", Title: "T", Text: "x", FetchedAt: t0, CaptureID: capID}, key)
		for _, u := range aliasURLs[1:] {
			if err == nil {
				err = tx.AddArticleURL(ctx, id, u)
			}
		}
		return err
	})
	return db
}

// dueArticleURLs returns the article URLs of the schedule with a next
// time.
func dueArticleURLs(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.r.Query("SELECT url FROM watch_schedule WHERE role = 'article' AND next_at > 0 ORDER BY url")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	return out
}

// TestRecordWatchFetchSchedulesAnArticleOnce: the fetches of one article
// under three URLs (the key last) schedule one revisit, at its key URL,
// from its first capture; the revisit queues one URL.
func TestRecordWatchFetchSchedulesAnArticleOnce(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	db := aliasCorpus(t, t0)
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour, Revisit: []time.Duration{time.Hour, 24 * time.Hour}}
	for i, u := range aliasURLs {
		recordFetch(t, db, WatchedFetch{URL: u, Host: "http://a.test", Article: true}, p, t0.Add(time.Duration(i)*time.Second))
	}
	key := aliasURLs[len(aliasURLs)-1]
	if got := dueArticleURLs(t, db); len(got) != 1 || got[0] != key {
		t.Fatalf("due article rows %v, want the key URL only", got)
	}
	if _, next, _ := watchState(t, db, key); !next.Equal(t0.Add(time.Hour)) {
		t.Errorf("revisit at %v, want %v (an hour after the first capture)", next, t0.Add(time.Hour))
	}
	if h, a := queue2(t, db, p, t0.Add(time.Hour)); h != 0 || a != 1 {
		t.Errorf("revisit queued %d hubs %d articles, want 1 article", h, a)
	}
	// The revisit (answered 304: no article extracted) keeps one row.
	recordFetch(t, db, WatchedFetch{URL: key, Host: "http://a.test"}, p, t0.Add(time.Hour+time.Second))
	if got := dueArticleURLs(t, db); len(got) != 1 || got[0] != key {
		t.Errorf("after the revisit, due article rows %v", got)
	}
	urls, err := db.ArticleURLs(context.Background(), 1)
	if err != nil || len(urls) != len(aliasURLs) {
		t.Errorf("article URLs %v (%v), want the three kept", urls, err)
	}
}

// TestQueueDueWatchOnePerArticle: a schedule written before articles had
// one row (a row under each URL, all due) queues one of them; the others
// are not due again.
func TestQueueDueWatchOnePerArticle(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	db := aliasCorpus(t, t0)
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour, Revisit: []time.Duration{time.Hour}}
	for _, u := range aliasURLs {
		if _, err := db.w.Exec(`INSERT INTO watch_schedule (url, host, role, first_at, checks, checked_at, next_at)
			VALUES (?, 'http://a.test', 'article', ?, 1, ?, ?)`, u, t0.UnixMilli(), t0.UnixMilli(), t0.Add(time.Hour).UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	if h, a := queue2(t, db, p, t0.Add(time.Hour)); h != 0 || a != 1 {
		t.Errorf("queued %d hubs %d articles, want 1 article", h, a)
	}
	if got := dueArticleURLs(t, db); len(got) != 1 {
		t.Errorf("due article rows %v, want the one queued", got)
	}
}

// TestStartWatchSchedulesAnArticleOnce: a crawled corpus with one article
// under three URLs gets one schedule row, at its key URL.
func TestStartWatchSchedulesAnArticleOnce(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	db := aliasCorpus(t, t0)
	p := WatchPolicy{MinInterval: time.Minute, MaxInterval: time.Hour, Revisit: []time.Duration{time.Hour, 24 * time.Hour}}
	var arts int64
	mustUpdate(t, db, func(tx *Tx) error {
		var err error
		_, arts, err = tx.StartWatch(context.Background(), p, 3, t0.Add(2*time.Hour))
		return err
	})
	key := aliasURLs[len(aliasURLs)-1]
	if got := dueArticleURLs(t, db); arts != 1 || len(got) != 1 || got[0] != key {
		t.Errorf("StartWatch added %d articles, due rows %v; want 1, at %s", arts, got, key)
	}
}
