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
		name string
		w    pgstore.WorkerInfo
		want string
	}{
		{"running", pgstore.WorkerInfo{ID: 2, PID: 5120, Machine: "lab-4", Pages: 812, PagesPerSec: 3.9,
			Heartbeat: now.Add(-3 * time.Second), LeaseTTL: 30},
			"worker 2: pid 5120 on lab-4, 812 pages (3.9/s), last heartbeat 3s ago\n"},
		{"stopped", pgstore.WorkerInfo{ID: 1, PID: 4711, Machine: "lab-3", Pages: 1024, PagesPerSec: 4.1,
			Heartbeat: now.Add(-5 * time.Minute), Stopped: true, LeaseTTL: 30},
			"worker 1: pid 4711 on lab-3, 1024 pages (4.1/s), stopped 2026-12-03 14:25:00 UTC\n"},
		{"gone", pgstore.WorkerInfo{ID: 3, PID: 6001, Machine: "lab-5", Pages: 97, PagesPerSec: 2.2,
			Heartbeat: now.Add(-90 * time.Second), Gone: true, LeaseTTL: 30},
			"worker 3: pid 6001 on lab-5, 97 pages (2.2/s), gone: no heartbeat since 2026-12-03 14:28:30 UTC (1m30s ago), longer than its 30s host lease (killed, or cut off from the database); its hosts are free for the others\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			printWorkers(&b, &workersJSON{Workers: []pgstore.WorkerInfo{tc.w}}, now)
			if got := b.String(); !strings.HasSuffix(got, "  "+tc.want) {
				t.Errorf("printWorkers wrote\n%s\nwant a line\n  %s", got, tc.want)
			}
		})
	}
}
