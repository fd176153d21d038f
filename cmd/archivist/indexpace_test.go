package main

import (
	"testing"
	"time"
)

// TestIndexPacer: a crawl's index update is due once a batch of articles
// waits, or once indexMaxWait has passed, and counts from there.
func TestIndexPacer(t *testing.T) {
	start := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	var saved int64
	now := start
	p := &indexPacer{saved: func() int64 { return saved }, batch: 250, maxWait: 15 * time.Second,
		lastAt: start, now: func() time.Time { return now }}
	steps := []struct {
		after time.Duration // since start
		saved int64
		due   bool
	}{
		{time.Second, 100, false},
		{2 * time.Second, 249, false},
		{3 * time.Second, 250, true},   // a batch waits
		{4 * time.Second, 499, false},  // 249 since the last update
		{5 * time.Second, 600, true},   // 350
		{19 * time.Second, 610, false}, // 14 s since the last update
		{20 * time.Second, 610, true},  // 15 s
		{21 * time.Second, 610, false},
		{35 * time.Second, 610, true}, // nothing new, but the longest wait is up
	}
	for _, s := range steps {
		now, saved = start.Add(s.after), s.saved
		if got := p.due(); got != s.due {
			t.Errorf("at %v with %d saved: due = %v, want %v", s.after, s.saved, got, s.due)
		}
	}
}
