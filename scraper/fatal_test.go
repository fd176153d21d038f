package scraper

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// fullDisk is a store whose writes fail as on a full disk once it has
// committed `room` transactions.
type fullDisk struct {
	*corpus.DB
	room atomic.Int64
}

func (d *fullDisk) Update(ctx context.Context, fn func(tx *corpus.Tx) error) error {
	if d.room.Add(-1) < 0 {
		return corpus.ErrDiskFull
	}
	return d.DB.Update(ctx, fn)
}

// TestFatalErrorLoggedOnce fills the disk while several workers save: the
// crawl stops with the error, logged once (every worker's save fails the
// same way; it used to be logged once per worker).
func TestFatalErrorLoggedOnce(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithLatency(20*time.Millisecond))
	store := &fullDisk{DB: corpus.MustOpen(t)}
	store.room.Store(12)
	var logs bytes.Buffer
	c, err := NewCrawler(store, WithParallel(8), WithPerHost(8), WithDelay(0), WithTimeout(5*time.Second),
		WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Run(context.Background(), []string{srv.URL + "/"})
	if !errors.Is(err, corpus.ErrDiskFull) {
		t.Fatalf("err = %v, want ErrDiskFull", err)
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 1 {
		t.Errorf("%d ERROR lines, want 1:\n%s", n, logs.String())
	}
}
