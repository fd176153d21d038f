package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/scraper/extract"
)

// TestExtractInputFailures: an input extract cannot read as a page (over
// 16 MiB, not HTML) is a failure, with or without --json, alone or among
// others: exit code 1, one stderr line naming it, and the other inputs'
// output; with --json a record with "error" in its place.
func TestExtractInputFailures(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, body []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.html", []byte("<html><head><title>Good</title></head><body><p>Some words.</p></body></html>"))
	big := write("big.html", bytes.Repeat([]byte("<p>word "), extract.DefaultMaxBytes/8+1))
	bin := write("image.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"))
	for _, tt := range []struct {
		name   string
		args   []string
		stderr []string // lines, in order
		// stdout: substrings, in order; records: the JSON lines' errors
		// ("" for an article)
		stdout  []string
		records []string
	}{
		{"big", []string{big}, []string{"archivist: extract " + big + ": larger than 16 MiB, the most extract reads: page too large"}, nil, nil},
		{"big json", []string{"--json", big}, []string{"archivist: extract " + big + ": larger than 16 MiB, the most extract reads: page too large"},
			nil, []string{"larger than 16 MiB, the most extract reads: page too large"}},
		{"not html", []string{bin}, []string{"archivist: extract " + bin + ": not html"}, nil, nil},
		{"not html json", []string{"--json", bin}, []string{"archivist: extract " + bin + ": not html"}, nil, []string{"not html"}},
		{"several", []string{good, big, bin, good},
			[]string{"archivist: extract " + big + ": larger than 16 MiB, the most extract reads: page too large",
				"archivist: extract " + bin + ": not html", "archivist: extract: 2 of 4 inputs failed"},
			[]string{"==> " + good + " <==\nGood\n\nSome words.\n\n==> " + good + " <==\nGood\n"}, nil},
		{"several json", []string{"--json", good, big, bin, good},
			[]string{"archivist: extract " + big + ": larger than 16 MiB, the most extract reads: page too large",
				"archivist: extract " + bin + ": not html", "archivist: extract: 2 of 4 inputs failed"},
			nil, []string{"", "larger than 16 MiB, the most extract reads: page too large", "not html", ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"extract"}, tt.args...)...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			var got []string // the lines other than the log's
			for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
				if !strings.HasPrefix(line, "time=") {
					got = append(got, line)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.stderr, "\n") {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(tt.stderr, "\n"))
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout %q lacks %q", out, s)
				}
			}
			if tt.records != nil {
				checkExtractRecords(t, out, tt.records)
			}
		})
	}
}

// checkExtractRecords checks the lines of extract --json: want holds each
// line's error, "" for an article.
func checkExtractRecords(t testing.TB, out string, want []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d records, want %d:\n%s", len(lines), len(want), out)
	}
	for i, line := range lines {
		var rec struct {
			Source, URL, Error, Title string
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("record %d: %v: %s", i, err, line)
		}
		if rec.Error != want[i] || rec.Source == "" || !strings.HasPrefix(rec.URL, "file://") ||
			(want[i] == "" && rec.Title != "Good") {
			t.Errorf("record %d = %s, want error %q", i, line, want[i])
		}
	}
}
