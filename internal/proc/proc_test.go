package proc

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestTempOwner(t *testing.T) {
	tests := []struct {
		name, base string
		pid        int
		ok         bool
	}{
		{".out.jsonl.123-4.tmp", "out.jsonl", 123, true},
		{".a.warc.gz.77-9f3a.tmp", "a.warc.gz", 77, true},
		{".out.jsonl.123-.tmp", "", 0, false},
		{".out.jsonl.12x-4.tmp", "", 0, false},
		{".out.jsonl.123.tmp", "", 0, false},
		{"out.jsonl.123-4.tmp", "", 0, false},
		{".out.jsonl.123-4", "", 0, false},
		{"..1-2.tmp", "", 0, false},
	}
	for _, tt := range tests {
		base, pid, ok := tempOwner(tt.name)
		if base != tt.base || pid != tt.pid || ok != tt.ok {
			t.Errorf("tempOwner(%q) = %q, %d, %v; want %q, %d, %v", tt.name, base, pid, ok, tt.base, tt.pid, tt.ok)
		}
	}
}

func TestRemoveStaleTemps(t *testing.T) {
	dir := t.TempDir()
	live := strconv.Itoa(os.Getpid())
	files := map[string]bool{ // name -> removed
		".out.jsonl.999999999-1.tmp":    true, // no such process
		".out.jsonl." + live + "-2.tmp": false,
		".other.csv.999999999-1.tmp":    false, // not ours
		"out.jsonl":                     false,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	RemoveStaleTemps(dir, func(base string) bool { return base == "out.jsonl" })
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}
