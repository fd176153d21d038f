package main

import (
	"context"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/archivist-project/archivist/internal/syncbuf"
)

// TestSignalEchoIgnored: the first signal cancels the command; the same
// signal delivered again at once (GNU timeout signals the command, then
// its process group) does not quit it; a later second signal does.
func TestSignalEchoIgnored(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan os.Signal, 2)
	exited := make(chan int, 1)
	var stderr syncbuf.Buffer
	var mu sync.Mutex
	clock := time.Unix(0, 0)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	go onSignals(ctx, cancel, ch, &stderr, func(code int) { exited <- code }, now)

	ch <- syscall.SIGTERM
	ch <- syscall.SIGTERM // the echo
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the first signal did not cancel the command")
	}
	select {
	case code := <-exited:
		t.Fatalf("the echo of the first signal quit with code %d", code)
	case <-time.After(200 * time.Millisecond):
	}
	mu.Lock()
	clock = clock.Add(signalEcho)
	mu.Unlock()
	ch <- os.Interrupt
	select {
	case code := <-exited:
		if code != 130 {
			t.Errorf("second signal: exit code %d, want 130", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a second signal after the echo window did not quit")
	}
	if out := stderr.String(); !strings.Contains(out, "terminated: finishing") || !strings.Contains(out, "interrupted") {
		t.Errorf("stderr %q", out)
	}
}
