package main

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestExplainDiskFull: a full disk gets its remedy, and only a command
// that resumes is said to resume.
func TestExplainDiskFull(t *testing.T) {
	full := fmt.Errorf("write x: %w", &os.PathError{Op: "write", Path: ".x.jsonl.123.tmp", Err: syscall.ENOSPC})
	tests := []struct {
		command string
		says    string // how it resumes; "" for none
	}{
		{"crawl", "(a crawl resumes where it stopped)"},
		{"watch", "(a watch resumes where it stopped)"},
		{"import", "(an import skips the records it imported)"},
		{"reextract", "(reextract goes on with the rest)"},
		{"export", ""},
		{"index", ""},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			e := &env{command: tt.command}
			got := e.explain(full).Error()
			want := "; free space on that disk, then run the same command again"
			if tt.says != "" {
				want += " " + tt.says
			}
			if !strings.HasSuffix(got, want) {
				t.Errorf("%q: want it to end with %q", got, want)
			}
		})
	}
}
