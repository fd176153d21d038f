package main

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// TestSeedFileEncodings reads seed files as editors save them: with a
// byte order mark, Windows line ends, or in UTF-16.
func TestSeedFileEncodings(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string // the seeds read
		err           string   // or the usage error
	}{
		{"UTF-8 BOM, CRLF", "\ufeffhttp://a.test/\r\n# c\r\n\r\nhttp://b.test/x\r\n", []string{"http://a.test/", "http://b.test/x"}, ""},
		{"UTF-8 BOM before a comment", "\ufeff# seeds\nhttp://a.test/\n", []string{"http://a.test/"}, ""},
		{"BOM on line 2", "http://a.test/\n\ufeffhttp://b.test/\n", nil, "seeds.txt:2: bad seed URL"},
		{"UTF-16 LE", "\xff\xfeh\x00t\x00t\x00p\x00:\x00/\x00/\x00a\x00.\x00t\x00e\x00s\x00t\x00/\x00\n\x00", nil,
			"seeds.txt: UTF-16 text: save it as UTF-8"},
		{"UTF-16 BE", "\xfe\xff\x00h\x00t\x00t\x00p", nil, "seeds.txt: UTF-16 text: save it as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "seeds.txt")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			l, n, err := seedFile(path)
			if tt.err != "" {
				if err == nil || !isUsage(err) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want a usage error with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			if err := l.Each(func(_ int, u string) error { got = append(got, u); return nil }); err != nil {
				t.Fatal(err)
			}
			if n != len(tt.want) || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%d seeds %q, want %q", n, got, tt.want)
			}
		})
	}
}

// TestSeedFileNotRegular: a seed list that can be read only once (a pipe,
// /dev/stdin, a shell's <(...)) or standard input as "-" is refused by
// name, without waiting on it: the crawl reads the list twice (to check
// it, then to queue it), and the second read found nothing ("changed while
// the crawl read it: run the crawl again", which failed again).
func TestSeedFileNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "seeds.pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFO here:", err)
	}
	for _, tt := range []struct{ path, want string }{
		{fifo, "--seeds " + fifo + " is not a regular file (a pipe or a device): archivist reads the seed list twice"},
		{"-", "--seeds -: standard input is not read"},
	} {
		_, _, err := seedFile(tt.path)
		var ue *usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want a usage error with %q", tt.path, err, tt.want)
		}
	}
}
