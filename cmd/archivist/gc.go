package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// gcFollowEvery is how often tuneGC's memory limit follows the live heap.
const gcFollowEvery = 2 * time.Second

// tuneGC sets the garbage collector for a long run that allocates much and
// keeps little (a crawl, an index build): collect at percent of the live
// heap (GOGC), under a soft memory limit that never falls below twice the
// live heap, so that a run whose live heap grows collects no more often
// than with Go's defaults. A GOGC or GOMEMLIMIT in the environment wins:
// tuneGC then changes nothing. It returns the function that puts the
// settings back.
func tuneGC(percent int, limit int64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(percent)
	oldLimit := debug.SetMemoryLimit(limit)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(gcFollowEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				debug.SetMemoryLimit(max(limit, 2*liveHeap()))
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// liveHeap returns the bytes of heap the last garbage collection found
// live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
