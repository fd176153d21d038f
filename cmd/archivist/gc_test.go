package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	tests := []struct {
		name             string
		gogc, gomemlimit string
		wantPercent      int
		wantLimit        int64
	}{
		{"defaults", "", "", crawlGCPercent, crawlMemoryLimit},
		{"GOGC set", "150", "", 100, math.MaxInt64},
		{"GOMEMLIMIT set", "", "1GiB", 100, math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOGC", tt.gogc)
			t.Setenv("GOMEMLIMIT", tt.gomemlimit)
			// The settings of the test process itself: Go's defaults.
			defer debug.SetGCPercent(debug.SetGCPercent(100))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
			restore := tuneGC(crawlGCPercent, crawlMemoryLimit)
			percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
			debug.SetGCPercent(percent)
			restore()
			if percent != tt.wantPercent || limit != tt.wantLimit {
				t.Errorf("during the crawl: GOGC %d, limit %d; want %d, %d", percent, limit, tt.wantPercent, tt.wantLimit)
			}
			p, l := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
			debug.SetGCPercent(p)
			if p != 100 || l != math.MaxInt64 {
				t.Errorf("after the crawl: GOGC %d, limit %d; want 100 and no limit", p, l)
			}
		})
	}
}
