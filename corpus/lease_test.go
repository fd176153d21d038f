package corpus

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLease(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	const timeout = time.Minute
	alive := func(pid int) bool { return pid != 666 }
	req := func(pid int, host string) LeaseRequest {
		return LeaseRequest{Holder: "crawl", PID: pid, Host: host, Timeout: timeout, Alive: alive}
	}
	tests := []struct {
		name    string
		first   LeaseRequest
		beat    time.Duration // first holder's last heartbeat, after t0
		second  LeaseRequest
		at      time.Duration // when the second asks, after t0
		wantErr bool
	}{
		{"held by a live process", req(100, "a"), 0, req(200, "a"), 30 * time.Second, true},
		{"held on another host", req(100, "a"), 50 * time.Second, req(200, "b"), 100 * time.Second, true},
		{"heartbeat timed out", req(100, "a"), 0, req(200, "b"), timeout + time.Second, false},
		{"holder's pid gone on this host", req(666, "a"), 0, req(200, "a"), time.Second, false},
		{"dead pid on another host waits", req(666, "a"), 0, req(200, "b"), time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			h1, err := db.AcquireLease(ctx, tt.first, t0)
			if err != nil {
				t.Fatal(err)
			}
			if err := h1.Heartbeat(ctx, t0.Add(tt.beat)); err != nil {
				t.Fatal(err)
			}
			h2, err := db.AcquireLease(ctx, tt.second, t0.Add(tt.at))
			if tt.wantErr {
				var held *LeaseHeldError
				if !errors.As(err, &held) || !errors.Is(err, ErrLeaseHeld) {
					t.Fatalf("second acquire: err = %v, want a LeaseHeldError", err)
				}
				want := "pid 100 on host a since 2026-12-03 12:00:00 UTC"
				if tt.first.PID == 666 {
					want = "pid 666 on host a"
				}
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name the holder (%q)", err, want)
				}
				if err := h1.Heartbeat(ctx, t0.Add(tt.at)); err != nil {
					t.Errorf("holder's heartbeat after a refused acquire: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("second acquire: %v, want a take-over", err)
			}
			if h2.TookOver == nil || h2.TookOver.PID != tt.first.PID {
				t.Errorf("TookOver = %+v, want the first holder's lease", h2.TookOver)
			}
			cur, ok, err := db.Lease(ctx)
			if err != nil || !ok || cur.PID != tt.second.PID || cur.Host != tt.second.Host {
				t.Fatalf("lease after take-over = %+v, %v, %v; want pid %d", cur, ok, err, tt.second.PID)
			}
			// The old holder notices on its next heartbeat, and its
			// release does not remove the new holder's lease.
			if err := h1.Heartbeat(ctx, t0.Add(tt.at+time.Second)); !errors.Is(err, ErrLeaseLost) {
				t.Errorf("old holder's heartbeat: err = %v, want ErrLeaseLost", err)
			}
			if err := h1.Release(ctx); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := db.Lease(ctx); !ok {
				t.Error("the old holder's release removed the new holder's lease")
			}
			if err := h2.Release(ctx); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := db.Lease(ctx); ok {
				t.Error("lease still held after release")
			}
		})
	}
}

// TestLeaseReleaseLetsNextCrawlIn checks the ordinary sequence: one crawl
// after another on the same database, on the same host.
func TestLeaseReleaseLetsNextCrawlIn(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	now := time.Now()
	req := LeaseRequest{Holder: "crawl", PID: 1, Host: "h", Timeout: time.Minute}
	h, err := db.AcquireLease(ctx, req, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AcquireLease(ctx, req, now); !errors.Is(err, ErrLeaseHeld) {
		t.Fatalf("second acquire while held: %v, want ErrLeaseHeld", err)
	}
	if err := h.Release(ctx); err != nil {
		t.Fatal(err)
	}
	h, err = db.AcquireLease(ctx, req, now)
	if err != nil {
		t.Fatalf("acquire after release: %v", err)
	}
	if got, ok, err := db.Lease(ctx); err != nil || !ok || got.Holder != "crawl" || !got.Since.Equal(now) {
		t.Errorf("Lease() = %+v, %v, %v", got, ok, err)
	}
	h.Release(ctx)
}
