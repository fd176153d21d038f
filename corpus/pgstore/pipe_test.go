package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
)

// TestPipelinedTransaction: statements sent later (with the next one
// that needs an answer, or with COMMIT) keep their order and their
// errors: a Finish of a row that does not exist fails the transaction
// with corpus.ErrNotFound, and nothing of it is committed; a transaction
// of writes whose answers are not needed costs one round trip.
func TestPipelinedTransaction(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	enqueue(t, s, entries(2))
	var ids []int64
	err := s.Update(ctx, func(tx *pgstore.Tx) error {
		got, err := tx.ClaimRun(ctx, site, 0, 2, time.Now())
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		return err
	})
	if err != nil || len(ids) != 2 {
		t.Fatalf("claimed %v, %v", ids, err)
	}

	err = s.Update(ctx, func(tx *pgstore.Tx) error {
		if err := tx.Finish(ctx, ids[0], corpus.StateDone, 0, "", time.Now()); err != nil {
			return err
		}
		if err := tx.Finish(ctx, 1<<40, corpus.StateDone, 0, "", time.Now()); err != nil {
			return err
		}
		_, err := tx.FrontierEntry(ctx, site+"/p/0") // sends the two Finish first
		return err
	})
	if !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("Finish of a missing row: Update returned %v, want corpus.ErrNotFound", err)
	}
	if st, _ := s.FrontierStats(ctx); st.InFlight != 2 || st.Done != 0 {
		t.Errorf("after the failed transaction: %+v; want both URLs still in flight", st)
	}

	// The first time, the connection prepares the statements (one more
	// round trip); the second, it has them.
	for i, want := range []int64{2, 1} {
		before := s.RoundTrips()
		err = s.Update(ctx, func(tx *pgstore.Tx) error {
			for _, id := range ids {
				if err := tx.SetKind(ctx, id, corpus.KindHub); err != nil {
					return err
				}
				if err := tx.Finish(ctx, id, corpus.StateDone, 0, "", time.Now()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := s.RoundTrips() - before; n > want {
			t.Errorf("transaction %d of four writes took %d round trips, want %d (BEGIN, the writes and COMMIT in one batch)", i+1, n, want)
		}
	}
	for _, u := range []string{site + "/p/0", site + "/p/1"} {
		e, err := s.FrontierEntry(ctx, u)
		if err != nil || e.State != corpus.StateDone || e.Kind != corpus.KindHub {
			t.Errorf("%s after the pipelined transaction: %+v, %v; want done, a hub", u, e, err)
		}
	}
}

// TestPrefetchedLookups: the article lookups by body digest and by URL,
// and the redirect lookup of the URL, ride with the capture's INSERT (the
// redirect lookup of another URL with the article's), each answering the
// crawl's next question without a round trip of its own;
// a write in between (an article, a redirect) makes the store ask again,
// so an answer is never stale.
func TestPrefetchedLookups(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	enqueue(t, s, entries(1))
	const u = site + "/a"
	at := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	capture := func() *corpus.Capture {
		c := &corpus.Capture{RequestedURL: u, URL: u, Status: 200, Proto: "HTTP/1.1", FetchedAt: at,
			ContentType: "text/html", Body: []byte("<p>prefetched</p>"), BodyForm: corpus.BodyWire}
		s.Pack(c)
		return c
	}
	trips := func(what string, want int64, fn func() error) {
		t.Helper()
		before := s.RoundTrips()
		if err := fn(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if n := s.RoundTrips() - before; n != want {
			t.Errorf("%s: %d round trips, want %d", what, n, want)
		}
	}
	var firstID int64
	err := s.Update(ctx, func(tx *pgstore.Tx) error {
		c := capture()
		if _, err := tx.AddCapture(ctx, c); err != nil {
			return err
		}
		trips("lookups by content and by key after the capture", 0, func() error {
			_, err := tx.ArticleIDByContent(ctx, c.SHA256)
			if !errors.Is(err, corpus.ErrNotFound) {
				return fmt.Errorf("by content: got %v, want ErrNotFound", err)
			}
			if _, err := tx.ArticleIDByKey(ctx, u); !errors.Is(err, corpus.ErrNotFound) {
				return fmt.Errorf("by key: got %v, want ErrNotFound", err)
			}
			return nil
		})
		// The same body again, then an article written before the
		// lookup: the prefetched "none" is dropped and the store asks.
		c2 := capture()
		if _, err := tx.AddCapture(ctx, c2); err != nil {
			return err
		}
		a := &corpus.Article{URL: u, CanonicalURL: u, Site: "news.test", Title: "T", Text: "text",
			FetchedAt: at, CaptureID: c2.ID, ContentSHA256: c2.SHA256}
		id, err := tx.PutArticle(ctx, a, u)
		if err != nil {
			return err
		}
		firstID = id
		trips("redirect lookup after the article", 0, func() error {
			from, err := tx.RedirectsTo(ctx, u)
			if err != nil || len(from) != 0 {
				return fmt.Errorf("got %v, %v; want none", from, err)
			}
			return nil
		})
		if got, err := tx.ArticleIDByContent(ctx, c2.SHA256); err != nil || got != id {
			t.Errorf("lookup by content after the article was written: %d, %v; want %d", got, err, id)
		}
		// A third capture of the body: the prefetched answer is the
		// article written in this transaction.
		c3 := capture()
		if _, err := tx.AddCapture(ctx, c3); err != nil {
			return err
		}
		trips("lookups of a stored body and URL", 0, func() error {
			if got, err := tx.ArticleIDByContent(ctx, c3.SHA256); err != nil || got != id {
				return fmt.Errorf("by content: got %d, %v; want %d", got, err, id)
			}
			if got, err := tx.ArticleIDByKey(ctx, u); err != nil || got != id {
				return fmt.Errorf("by key: got %d, %v; want %d", got, err, id)
			}
			return nil
		})
		// A redirect recorded after the article's prefetch: asked again.
		a.Title = "T2"
		if _, err := tx.PutArticle(ctx, a, u); err != nil {
			return err
		}
		e, err := tx.FrontierEntry(ctx, site+"/p/0")
		if err != nil {
			return err
		}
		if err := tx.SetRedirectTo(ctx, e.ID, u); err != nil {
			return err
		}
		if from, err := tx.RedirectsTo(ctx, u); err != nil || len(from) != 1 || from[0] != e.URL {
			t.Errorf("redirects to %s after SetRedirectTo: %v, %v; want [%s]", u, from, err, e.URL)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := s.Article(ctx, firstID); err != nil || a.Title != "T2" {
		t.Errorf("article after the transaction: %+v, %v", a, err)
	}
	// A redirect recorded before a new article: the article's INSERT
	// answers the redirect lookup with it.
	const u2 = site + "/b"
	err = s.Update(ctx, func(tx *pgstore.Tx) error {
		e, err := tx.FrontierEntry(ctx, site+"/p/0")
		if err != nil {
			return err
		}
		if err := tx.SetRedirectTo(ctx, e.ID, u2); err != nil {
			return err
		}
		c := capture()
		if _, err := tx.AddCapture(ctx, c); err != nil {
			return err
		}
		a := &corpus.Article{URL: u2, CanonicalURL: u2, Site: "news.test", Title: "B", Text: "other text",
			FetchedAt: at, CaptureID: c.ID, ContentSHA256: c.SHA256}
		if _, err := tx.PutArticle(ctx, a, u2); err != nil {
			return err
		}
		trips("redirect lookup after a new article", 0, func() error {
			from, err := tx.RedirectsTo(ctx, u2)
			if err != nil || len(from) != 1 || from[0] != e.URL {
				return fmt.Errorf("got %v, %v; want [%s]", from, err, e.URL)
			}
			return nil
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEnqueueLater: EnqueueLater goes with the COMMIT (one round trip
// for the transaction once the connection has its statements), sets the
// count Enqueue would return before Update returns, and fails the
// transaction with its error.
func TestEnqueueLater(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	for i, tc := range []struct {
		entries []corpus.FrontierEntry
		want    int
	}{
		{entries(3), 3},
		{entries(3), 0},     // known already
		{entries(5)[3:], 2}, // two new
		{nil, 0},            // nothing to send
		{entries(6)[5:], 1}, // the connection has the statements now
	} {
		added := -1
		before := s.RoundTrips()
		err := s.Update(ctx, func(tx *pgstore.Tx) error {
			return tx.EnqueueLater(ctx, tc.entries, corpus.EnqueueOptions{}, &added)
		})
		if err != nil || added != tc.want {
			t.Errorf("%d: EnqueueLater of %d entries: added %d, %v; want %d", i, len(tc.entries), added, err, tc.want)
		}
		if n := s.RoundTrips() - before; i == 4 && n != 1 {
			t.Errorf("%d: the transaction took %d round trips, want 1", i, n)
		}
	}
	if st, _ := s.FrontierStats(ctx); st.Queued != 6 {
		t.Errorf("queued %d, want 6", st.Queued)
	}
	err := s.Update(ctx, func(tx *pgstore.Tx) error {
		var added int
		return tx.EnqueueLater(ctx, []corpus.FrontierEntry{{URL: site + "/x", Host: site, State: "bogus"}}, corpus.EnqueueOptions{}, &added)
	})
	if err == nil {
		t.Error("EnqueueLater of a bad state: no error")
	}
	err = s.Update(ctx, func(tx *pgstore.Tx) error {
		var added int
		// The server refuses a NUL byte in text: the error comes with the
		// COMMIT, and nothing of the transaction is kept.
		tx.AddScope(ctx, []string{site + "/z"}, "test", time.Now())
		return tx.EnqueueLater(ctx, []corpus.FrontierEntry{{URL: site + "/y\x00", Host: site}}, corpus.EnqueueOptions{}, &added)
	})
	if err == nil || !strings.Contains(err.Error(), "enqueue 1 URLs") {
		t.Errorf("EnqueueLater of a URL the server refuses: %v, want the enqueue's error", err)
	}
	var hosts []string
	err = s.Update(ctx, func(tx *pgstore.Tx) (err error) {
		hosts, _, err = tx.Scope(ctx)
		return err
	})
	if err != nil || slices.Contains(hosts, site+"/z") {
		t.Errorf("the failed transaction's scope: %v, %v; want it rolled back", hosts, err)
	}
}

// TestArticleIDTakenAhead: a crawled page's new article is inserted
// without a round trip of its own, under an id its capture's lookups took
// from the articles' sequence; a page with no new article (a hub, a body
// already stored) leaves the id to the next one, so the ids stay 1, 2, 3.
func TestArticleIDTakenAhead(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	at := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	pages := []struct {
		name, url, body string
		article         bool
		wantID          int64 // 0: no new article
	}{
		{"a new article", site + "/a1", "<p>one</p>", true, 1},
		{"a hub: the id taken waits", site + "/hub", "<p>links</p>", false, 0},
		{"a new article takes it", site + "/a2", "<p>two</p>", true, 2},
		{"a body stored already: no id taken", site + "/a2?print", "<p>two</p>", false, 0},
		{"a new article, one round trip fewer", site + "/a3", "<p>three</p>", true, 3},
	}
	for _, p := range pages {
		err := s.Update(ctx, func(tx *pgstore.Tx) error {
			c := &corpus.Capture{RequestedURL: p.url, URL: p.url, Status: 200, Proto: "HTTP/1.1", FetchedAt: at,
				ContentType: "text/html", Body: []byte(p.body), BodyForm: corpus.BodyWire}
			s.Pack(c)
			if _, err := tx.AddCapture(ctx, c); err != nil {
				return err
			}
			if _, err := tx.ArticleIDByContent(ctx, c.SHA256); err == nil || !p.article {
				return nil
			}
			before := s.RoundTrips()
			a := &corpus.Article{URL: p.url, CanonicalURL: p.url, Site: "news.test", Title: p.name, Text: p.body,
				FetchedAt: at, CaptureID: c.ID, ContentSHA256: c.SHA256}
			id, err := tx.PutArticle(ctx, a, p.url)
			if err != nil {
				return err
			}
			if from, err := tx.RedirectsTo(ctx, p.url); err != nil || len(from) != 0 {
				t.Errorf("%s: redirects to it %v, %v; want none", p.name, from, err)
			}
			if n := s.RoundTrips() - before; id != p.wantID || n != 0 {
				t.Errorf("%s: article id %d in %d round trips, want %d in none", p.name, id, n, p.wantID)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
	}
	for _, p := range pages {
		if p.wantID == 0 {
			continue
		}
		a, err := s.Article(ctx, p.wantID)
		if err != nil || a.URL != p.url {
			t.Errorf("article %d: %+v, %v; want %s", p.wantID, a, err, p.url)
			continue
		}
		vs, err := s.ArticleVersions(ctx, p.wantID)
		urls, uerr := s.ArticleURLs(ctx, p.wantID)
		if err != nil || len(vs) != 1 || uerr != nil || !slices.Equal(urls, []string{p.url}) {
			t.Errorf("article %d: versions %d (%v), urls %v (%v); want one, [%s]", p.wantID, len(vs), err, urls, uerr, p.url)
		}
	}
}

// TestCaptureIDTakenAhead: a crawl worker's capture takes an id its store
// took ahead, so a page that stores no article costs one round trip (its
// COMMIT), and a crawl's capture ids stay 1, 2, 3, ... in the order the
// pages were saved, a transaction of two pages included. The steps run
// twice, round trips counted the second time (the first prepares the
// statements on the connection, a round trip each).
func TestCaptureIDTakenAhead(t *testing.T) {
	ctx := context.Background()
	s, _ := worker(t, cluster.NewDatabase(t), pgstore.WorkerOptions{})
	steps := []struct {
		name      string
		pages     []capturedPage // saved in one transaction
		wantTrips int64
	}{
		{"an article: its lookups, then its COMMIT", []capturedPage{{"/a1", "text/html", "<p>one</p>", true}}, 2},
		{"a sitemap: its COMMIT only", []capturedPage{{"/sitemap.xml", "application/xml", "<urlset/>", false}}, 1},
		{"a hub: its COMMIT only", []capturedPage{{"/hub", "text/html", "<p>links</p>", false}}, 1},
		{"an article after them", []capturedPage{{"/a2", "text/html", "<p>two</p>", true}}, 2},
		{"two pages in one transaction", []capturedPage{{"/a3", "text/html", "<p>three</p>", false}, {"/a4", "text/html", "<p>four</p>", false}}, 2},
		{"a page after them", []capturedPage{{"/a5", "text/html", "<p>five</p>", false}}, 1},
	}
	var urls []string
	for pass := 1; pass <= 2; pass++ {
		for _, st := range steps {
			before := s.RoundTrips()
			err := s.Update(ctx, func(tx *pgstore.Tx) error {
				for _, p := range st.pages {
					if err := p.save(ctx, s, tx, fmt.Sprintf("%s/%d%s", site, pass, p.path)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if n := s.RoundTrips() - before; pass == 2 && n != st.wantTrips {
				t.Errorf("%s: %d round trips, want %d", st.name, n, st.wantTrips)
			}
			for _, p := range st.pages {
				urls = append(urls, fmt.Sprintf("%s/%d%s", site, pass, p.path))
			}
		}
	}
	for i, u := range urls {
		c, err := s.Capture(ctx, int64(i+1))
		if err != nil || c.URL != u {
			t.Errorf("capture %d: %v, %v; want %s", i+1, c, err, u)
		}
	}
}

// capturedPage is a page whose capture a test stores; asked: the crawl
// then asks the lookups of an article's body and URL.
type capturedPage struct {
	path, contentType, body string
	asked                   bool
}

func (p capturedPage) save(ctx context.Context, s *pgstore.Store, tx *pgstore.Tx, u string) error {
	c := &corpus.Capture{RequestedURL: u, URL: u, Status: 200, Proto: "HTTP/1.1",
		FetchedAt: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), ContentType: p.contentType, Body: []byte(p.body),
		BodyForm: corpus.BodyWire}
	s.Pack(c)
	if _, err := tx.AddCapture(ctx, c); err != nil || !p.asked {
		return err
	}
	if _, err := tx.ArticleIDByContent(ctx, c.SHA256); !errors.Is(err, corpus.ErrNotFound) {
		return fmt.Errorf("article of a new body: %v, want ErrNotFound", err)
	}
	if _, err := tx.ArticleIDByKey(ctx, u); !errors.Is(err, corpus.ErrNotFound) {
		return fmt.Errorf("article of a new URL: %v, want ErrNotFound", err)
	}
	return nil
}
