package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzSeedLines: a seed file of any content is read line by line, with
// correct line numbers, and every line is either accepted or refused with
// an error quoting at most 200 characters of it.
func FuzzSeedLines(f *testing.F) {
	for _, s := range []string{"http://a.test/\n# c\n\nhttps://b.test/x #note\r\n", "ftp://x\n", "http://a.test/\xff\x00 x",
		strings.Repeat("h", 80) + "\nhttp://[::1/"} {
		f.Add([]byte(s))
	}
	const max = 64
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 8<<10 {
			return
		}
		next := 1
		n, err := eachLine(bytes.NewReader(data), max, func(n int, line []byte) error {
			if n != next || len(line) > max || bytes.ContainsAny(line, "\n") {
				t.Fatalf("line %d (want %d): %q", n, next, line)
			}
			next++
			if err := checkSeed(string(bytes.TrimSpace(line))); err != nil && len(err.Error()) > 700 {
				t.Fatalf("error of %d bytes: %.100s", len(err.Error()), err)
			}
			return nil
		})
		var long *lineTooLongError
		switch {
		case errors.As(err, &long):
			if long.line != n {
				t.Fatalf("too long at line %d, %d read", long.line, n)
			}
		case err != nil:
			t.Fatal(err)
		default:
			want := bytes.Count(data, []byte("\n"))
			if len(data) > 0 && data[len(data)-1] != '\n' {
				want++
			}
			if n != want || next != n+1 {
				t.Fatalf("%d lines read (%d called), want %d", n, next-1, want)
			}
		}
	})
}
