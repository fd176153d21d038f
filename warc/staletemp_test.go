package warc

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCreateRemovesStaleTemps: a killed WARC export leaves its hidden
// temporary files (the WARC file's, a CDX run's) beside the output; the
// next one to the same path removes those whose writer (the pid in the
// name) is gone, and leaves a live writer's and other names alone.
func TestCreateRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("cannot run true:", err)
	}
	gone := dead.Process.Pid
	tests := []struct {
		name string
		keep bool
	}{
		{fmt.Sprintf(".x.warc.gz.%d-1a2b.tmp", gone), false},
		{fmt.Sprintf(".x.cdxj-run.%d-ff.tmp", gone), false},
		{fmt.Sprintf(".x-00003.warc.gz.%d-ff.tmp", gone), false}, // a series' later file
		{fmt.Sprintf(".x-3.warc.gz.%d-ff.tmp", gone), true},
		{fmt.Sprintf(".x.warc.gz.%d-5.tmp", os.Getpid()), true}, // a live writer
		{fmt.Sprintf(".y.warc.gz.%d-7.tmp", gone), true},        // another output
		{".x.warc.gz.1a2b.tmp", true},                           // no pid: cannot tell
	}
	for _, tt := range tests {
		if err := os.WriteFile(filepath.Join(dir, tt.name), []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Create(filepath.Join(dir, "x.warc.gz"), Options{CDX: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		_, err := os.Stat(filepath.Join(dir, tt.name))
		if kept := err == nil; kept != tt.keep {
			t.Errorf("%s: kept %v, want %v", tt.name, kept, tt.keep)
		}
	}
}
