package main

import (
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/index"
)

func TestIndexProgressLine(t *testing.T) {
	tests := []struct {
		total   int64
		done    int
		elapsed time.Duration
		want    string
	}{
		{1000, 0, 0, "[                    ]   0% 0/1000 articles | 0/s"},
		{1000, 500, 2 * time.Second, "[==========          ]  50% 500/1000 articles | 250/s | ETA 2s"},
		{1000, 1000, 4 * time.Second, "[====================] 100% 1000/1000 articles | 250/s"},
		{0, 0, time.Second, "[====================] 100% 0/0 articles | 0/s"},
		// The corpus grew during the rebuild: never past 100%.
		{100, 150, time.Second, "[====================] 100% 150/100 articles | 150/s"},
	}
	for _, tt := range tests {
		p := &indexProgress{total: tt.total}
		if got := p.line(tt.done, tt.elapsed); got != tt.want {
			t.Errorf("line(%d of %d, %s) = %q, want %q", tt.done, tt.total, tt.elapsed, got, tt.want)
		}
	}
}

func TestPrintBars(t *testing.T) {
	var b strings.Builder
	printBars(&b, []index.PeriodCount{{Period: "2024-01", Count: 100}, {Period: "2024-02", Count: 0}, {Period: "2024-03", Count: 1}, {Period: "2024-04", Count: 50}})
	want := "  2024-01    " + strings.Repeat("█", barWidth) + " 100\n" +
		"  2024-02     0\n" +
		"  2024-03    █ 1\n" + // a non-empty period always shows
		"  2024-04    " + strings.Repeat("█", barWidth/2) + " 50\n"
	if b.String() != want {
		t.Errorf("bars:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	printBars(&b, nil)
	if !strings.Contains(b.String(), "no dated article") {
		t.Errorf("empty histogram: %q", b.String())
	}
	b.Reset()
	if err := printHistogramCSV(&b, []index.PeriodCount{{Period: "2024-01-01", Count: 3}}); err != nil || b.String() != "period,count\n2024-01-01,3\n" {
		t.Errorf("csv = %q, %v", b.String(), err)
	}
}
