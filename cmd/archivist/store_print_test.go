package main

import (
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus/pgstore"
)

// TestPrintWorkers: stats says of each worker whether it runs, stopped
// or is gone (silent for longer than its host lease).
func TestPrintWorkers(t *testing.T) {
	now := time.Date(2026, 12, 3, 14, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		w      pgstore.WorkerInfo
		leases []pgstore.HostLease
		want   string
	}{
		{"running", pgstore.WorkerInfo{ID: 2, PID: 5120, Machine: "lab-4", Pages: 812, PagesPerSec: 3.9,
			Heartbeat: now.Add(-3 * time.Second), LeaseTTL: 30}, nil,
			"worker 2: pid 5120 on lab-4, 812 pages (3.9/s), last heartbeat 3s ago\n"},
		{"stopped", pgstore.WorkerInfo{ID: 1, PID: 4711, Machine: "lab-3", Pages: 1024, PagesPerSec: 4.1,
			Heartbeat: now.Add(-5 * time.Minute), Stopped: true, LeaseTTL: 30}, nil,
			"worker 1: pid 4711 on lab-3, 1024 pages (4.1/s), stopped 2026-12-03 14:25:00 UTC\n"},
		{"gone", pgstore.WorkerInfo{ID: 3, PID: 6001, Machine: "lab-5", Pages: 97, PagesPerSec: 2.2,
			Heartbeat: now.Add(-90 * time.Second), Gone: true, LeaseTTL: 30}, nil,
			"worker 3: pid 6001 on lab-5, 97 pages (2.2/s), gone: no heartbeat since 2026-12-03 14:28:30 UTC (1m30s ago), longer than its 30s host lease (killed, or cut off from the database); its hosts are free for the others\n"},
		{"gone, a lease running, one run out", pgstore.WorkerInfo{ID: 3, PID: 6001, Machine: "lab-5", Pages: 97, PagesPerSec: 2.2,
			Heartbeat: now.Add(-3 * time.Second), Gone: true, LeaseTTL: 2},
			[]pgstore.HostLease{{Host: "https://a.example", Worker: 3, Until: now.Add(7 * time.Second), InFlight: 1},
				{Host: "https://b.example", Worker: 3, Until: now.Add(-time.Second), InFlight: 4}},
			"worker 3: pid 6001 on lab-5, 97 pages (2.2/s), gone: no heartbeat since 2026-12-03 14:29:57 UTC (3s ago), longer than its 2s host lease (killed, or cut off from the database); its host leases run out by 14:30:07 UTC, then its hosts go to the others\n" +
				"  host https://a.example leased by worker 3 until 14:30:07 UTC, 1 URLs claimed\n" +
				"  host https://b.example: the lease of worker 3 ran out at 14:29:59 UTC, 4 URLs claimed (queued again when a worker takes the host)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			printWorkers(&b, &workersJSON{Workers: []pgstore.WorkerInfo{tc.w}, Leases: tc.leases}, now)
			if got := b.String(); !strings.HasSuffix(got, "  "+tc.want) {
				t.Errorf("printWorkers wrote\n%s\nwant a line\n  %s", got, tc.want)
			}
		})
	}
}
