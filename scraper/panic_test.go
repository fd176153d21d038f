package scraper

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// withAfterFetch sets the test hook called with each URL fetched.
func withAfterFetch(fn func(url string)) Option {
	return func(c *config) error {
		c.afterFetch = fn
		return nil
	}
}

// TestPanicIsRecordedAndNotRepeated: processing one URL of the site
// panics. The crawl goes on and finishes, every other article is stored,
// the URL is recorded as an error with the panic's message, tried twice
// in all, and a resumed crawl does not fetch it again.
func TestPanicIsRecordedAndNotRepeated(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(8), scrapertest.WithFaults(false))
	arts := srv.Articles()
	target := arts[len(arts)/2].URL
	var hits atomic.Int64
	hook := withAfterFetch(func(u string) {
		if u == target {
			hits.Add(1)
			var m map[string]int
			m["boom"]++ // a real runtime panic: assignment to entry in nil map
		}
	})
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{srv.URL + "/"}, fast(hook)...)
	if got := hits.Load(); got != maxPanics {
		t.Fatalf("target processed %d times, want %d", got, maxPanics)
	}
	if sum.ErrorsByKind[corpus.ErrKindPanic] != maxPanics {
		t.Errorf("summary errors by kind: %v", sum.ErrorsByKind)
	}
	st := readCorpus(t, db)
	for _, a := range arts {
		if _, ok := st.articles[a.URL]; ok == (a.URL == target) {
			t.Errorf("article %s stored: %v", a.URL, ok)
		}
	}
	e, err := db.FrontierEntry(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	if e.State != corpus.StateFailed || e.Panics != maxPanics || !strings.Contains(e.Reason, "nil map") {
		t.Errorf("frontier entry: %+v", e)
	}
	var errs []string
	err = db.ForEachCapture(context.Background(), corpus.CaptureFilter{}, func(c *corpus.Capture) error {
		if c.ErrorKind == corpus.ErrKindPanic {
			errs = append(errs, c.URL+": "+c.Error)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != maxPanics || !strings.Contains(errs[0], target+": panic: assignment to entry in nil map") {
		t.Errorf("panic captures: %q", errs)
	}

	// The resume does not fetch the URL again.
	before := srv.Count(pathOf(target))
	sum = mustCrawl(t, db, []string{srv.URL + "/"}, fast(hook)...)
	if got := hits.Load(); got != maxPanics || srv.Count(pathOf(target)) != before {
		t.Errorf("resume fetched the URL that panicked twice (%d panics, %d requests, was %d)",
			got, srv.Count(pathOf(target)), before)
	}
	if sum.Errors != 0 {
		t.Errorf("resume: %+v", sum)
	}

	// A recrawl gives the URL its tries anew: one more panic queues it
	// again (with the first crawl's count it was failed at once), and the
	// next try stores it.
	var left atomic.Int64
	left.Store(1)
	once := withAfterFetch(func(u string) {
		if u == target && left.Add(-1) >= 0 {
			panic("recrawl bug")
		}
	})
	mustCrawl(t, db, []string{srv.URL + "/"}, fast(once, WithRecrawl(true))...)
	if e, err = db.FrontierEntry(context.Background(), target); err != nil {
		t.Fatal(err)
	}
	if _, ok := readCorpus(t, db).articles[target]; !ok || e.State != corpus.StateDone || e.Panics != 1 {
		t.Errorf("after a recrawl that panicked once: stored %v, frontier entry %+v", ok, e)
	}
}

// TestPanicAfterSaveKeepsResult: a panic after the URL's results were
// committed (here in the article callback) is logged, and what was saved
// stays as it is.
func TestPanicAfterSaveKeepsResult(t *testing.T) {
	t.Parallel()
	siteOpts := []scrapertest.Option{scrapertest.WithArticles(4), scrapertest.WithFaults(false)}
	clean := corpus.MustOpen(t)
	mustCrawl(t, clean, []string{scrapertest.NewServer(t, siteOpts...).URL + "/"}, fast()...)
	want := resultOf(t, clean)

	var n atomic.Int64
	onArt := WithOnArticle(func(a *corpus.Article) {
		if n.Add(1) == 1 {
			panic("callback bug")
		}
	})
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{scrapertest.NewServer(t, siteOpts...).URL + "/"}, fast(onArt)...)
	if n.Load() == 0 || sum.ErrorsByKind[corpus.ErrKindPanic] != 0 {
		t.Errorf("summary: %+v", sum)
	}
	got := resultOf(t, db)
	diff(t, "article", got.articles, want.articles)
	diff(t, "frontier", got.frontier, want.frontier)
}

func TestRecovered(t *testing.T) {
	var p *panicError
	func() {
		defer func() { p = recovered(recover()) }()
		var s []int
		_ = s[3]
	}()
	if p == nil || !strings.Contains(p.Error(), "index out of range") || !strings.Contains(p.stack, "TestRecovered") {
		t.Fatalf("panic = %v, stack %q", p, p.stack)
	}
	if recovered(nil) != nil {
		t.Error("no panic: want nil")
	}
}

// TestSaverReturnsPanic: a save function that panics rolls back its
// transaction and comes back to its worker as a *panicError; the saver
// goes on with the next function.
func TestSaverReturnsPanic(t *testing.T) {
	db := corpus.MustOpen(t)
	s := newSaver(sqliteStore{db})
	go s.run(context.Background())
	defer s.close()
	ctx := context.Background()
	err := s.save(func(tx Tx) error {
		if _, err := tx.Enqueue(ctx, []corpus.FrontierEntry{{URL: "http://a.test/1", Host: "http://a.test"}}, corpus.EnqueueOptions{}); err != nil {
			return err
		}
		panic("save bug")
	})
	var p *panicError
	if !errors.As(err, &p) || p.value != "save bug" {
		t.Fatalf("save: %v, want the panic", err)
	}
	if err := s.save(func(tx Tx) error {
		_, err := tx.Enqueue(ctx, []corpus.FrontierEntry{{URL: "http://a.test/2", Host: "http://a.test"}}, corpus.EnqueueOptions{})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FrontierEntry(ctx, "http://a.test/1"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("the panicking transaction was committed: %v", err)
	}
	if _, err := db.FrontierEntry(ctx, "http://a.test/2"); err != nil {
		t.Errorf("next save: %v", err)
	}
}
