package index

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

func TestCPUShare(t *testing.T) {
	tests := []struct {
		name        string
		u           cpuUse
		part, share float64
	}{
		{"a quarter idle", cpuUse{total: 8, idle: 2}, 2, 0.25},
		{"rounded to three decimals", cpuUse{total: 3}, 1, 0.333},
		{"rounded up", cpuUse{total: 3}, 2, 0.667},
		{"no time counted", cpuUse{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.u.share(tt.part); got != tt.share {
				t.Errorf("share(%v) of %v = %v; want %v", tt.part, tt.u.total, got, tt.share)
			}
		})
	}
}

// firstUpdateLog runs a first Update of 60 articles with a debug logger
// and returns the lines logged with message msg, and the whole log.
func firstUpdateLog(t *testing.T, msg string) (lines []string, all string) {
	t.Helper()
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ix, err := Open(filepath.Join(t.TempDir(), "x.bleve"), WithLogger(log))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(context.Background(), newFakeSource(fillArticles(3*smallBatch)...)); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, `msg="`+msg+`"`) {
			lines = append(lines, line)
		}
	}
	return lines, buf.String()
}

// TestUpdateLogsCPU: a first Update logs the CPU time of its fill and of
// its end (compaction, sidecars) at debug level, with shares between 0
// and 1 and the Ps' time counted.
func TestUpdateLogsCPU(t *testing.T) {
	lines, all := firstUpdateLog(t, "index: cpu")
	var phases []string
	for _, line := range lines {
		f := strings.Fields(line)
		phases = append(phases, f[len(f)-4])
		for _, kv := range f[len(f)-3:] {
			k, v, _ := strings.Cut(kv, "=")
			if v == "" || strings.HasPrefix(v, "-") || (k != "ps_s" && v > "1") {
				t.Errorf("%s: %s=%s", line, k, v)
			}
		}
	}
	if strings.Join(phases, " ") != "phase=fill phase=end" {
		t.Errorf("cpu lines logged %q; want phase=fill, then phase=end\n%s", phases, all)
	}
}

// TestUpdateLogsBatchTimes: a fill logs its batches' count and bleve's
// times (analysis, segments, introduction), none negative.
func TestUpdateLogsBatchTimes(t *testing.T) {
	got, all := firstUpdateLog(t, "index: batches")
	for _, line := range got {
		for _, kv := range strings.Fields(line) {
			if k, v, _ := strings.Cut(kv, "="); strings.HasSuffix(k, "_s") && strings.HasPrefix(v, "-") {
				t.Errorf("%s: %s=%s", line, k, v)
			}
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "batches=1 ") {
		// 60 articles in batches of 2,000 (firstFill): one batch.
		t.Errorf("batch lines logged %q; want one, of 1 batch\n%s", got, all)
	}
}
