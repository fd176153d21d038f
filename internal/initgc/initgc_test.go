package initgc

import (
	"os"
	"runtime/debug"
	"strconv"
	"testing"
)

// TestRestore: the collector is off after the package's initialisation
// and back to $GOGC (or 100) after Restore.
func TestRestore(t *testing.T) {
	want := 100
	switch v := os.Getenv("GOGC"); v {
	case "":
	case "off":
		want = -1
	default:
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Skipf("GOGC=%s", v)
		}
		want = n
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("before Restore: GC percent %d, want -1 (off)", got)
	}
	Restore()
	got := debug.SetGCPercent(want)
	if got != want {
		t.Errorf("after Restore: GC percent %d, want %d", got, want)
	}
}
