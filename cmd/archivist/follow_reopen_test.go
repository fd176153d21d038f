package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/index"
)

// scriptedIndex is an index whose updates return the errors of script in
// turn, then succeed; each update reports the number of saved in turn as
// the articles it saved (0 once saved is used up).
type scriptedIndex struct {
	mu     sync.Mutex
	script []error
	saved  []int
	calls  int
}

func (s *scriptedIndex) Update(ctx context.Context, src index.Source) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	n := 0
	if len(s.saved) > 0 {
		n, s.saved = s.saved[0], s.saved[1:]
	}
	if len(s.script) == 0 {
		return n, nil
	}
	err := s.script[0]
	s.script = s.script[1:]
	return n, err
}

func (s *scriptedIndex) Close() error { return nil }

func (s *scriptedIndex) callCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// TestFollowIndexAfterFailedWrite: the follower of `index --follow` and of
// a crawl goes on after failed updates (the index opens itself again after
// a failed write), and stops at once with the error when the index could
// not be opened again.
func TestFollowIndexAfterFailedWrite(t *testing.T) {
	writeErr := errors.New("index: update: segment: persist err: no space left on device")
	reopenErr := fmt.Errorf("index: %w: index: /x/archive.bleve: file does not exist", index.ErrReopen)
	t.Run("transient", func(t *testing.T) {
		e, _, errOut := crawlEnv(t, t.TempDir()+"/archive.db")
		ix := &scriptedIndex{script: []error{writeErr, writeErr}}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := e.followIndex(ctx, nil, ix, time.Millisecond)
			done <- err
		}()
		for deadline := time.Now().Add(10 * time.Second); ix.callCount() < 5; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the follower stopped updating")
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("follow: %v", err)
		}
		if !strings.Contains(errOut.String(), "will try again") {
			t.Errorf("the failure was not logged:\n%s", errOut)
		}
	})
	t.Run("reopen fails", func(t *testing.T) {
		e, _, _ := crawlEnv(t, t.TempDir()+"/archive.db")
		ix := &scriptedIndex{script: []error{writeErr, reopenErr, reopenErr, reopenErr}}
		done := make(chan error, 1)
		go func() {
			_, err := e.followIndex(context.Background(), nil, ix, time.Millisecond)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, index.ErrReopen) {
				t.Errorf("follow: %v; want ErrReopen", err)
			}
			if n := ix.callCount(); n != 2 {
				t.Errorf("%d updates, want 2 (stop at the first ErrReopen)", n)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the follower did not stop")
		}
	})
}

// TestFollowIndexCountsSaved: the count of `index --follow` ("indexed N")
// is the articles the updates saved, not those they read: a batch that
// failed to save is read again by the next update, and counted once.
func TestFollowIndexCountsSaved(t *testing.T) {
	writeErr := errors.New("index: update: segment: persist err: no space left on device")
	e, _, _ := crawlEnv(t, t.TempDir()+"/archive.db")
	// Update 1 saves 2 articles, then its third batch fails; update 2
	// saves that batch's 3 articles and 1 more; later ones find nothing.
	ix := &scriptedIndex{script: []error{writeErr}, saved: []int{2, 4}}
	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() {
		n, err := e.followIndex(ctx, nil, ix, time.Millisecond)
		done <- result{n, err}
	}()
	for deadline := time.Now().Add(10 * time.Second); ix.callCount() < 4; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the follower stopped updating")
		}
	}
	cancel()
	r := <-done
	if r.err != nil || r.n != 6 {
		t.Errorf("follow: %d, %v; want 6 articles and no error", r.n, r.err)
	}
}
