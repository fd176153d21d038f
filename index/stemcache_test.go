package index

import (
	"bytes"
	"strings"
	"testing"
)

// TestStemCache checks that the cache gives back what was put, whatever
// the word's length and whether its stem begins it, and that words that
// differ only by trailing NUL bytes or by length do not meet.
func TestStemCache(t *testing.T) {
	long := strings.Repeat("internationalis", 2) // 30 bytes: the string map
	cases := []struct {
		word, stem string
		stop       bool
	}{
		{word: "running", stem: "run"},                    // a prefix: kept as a length
		{word: "happy", stem: "happi"},                    // not a prefix
		{word: "the", stop: true},                         // a stop word
		{word: "thes", stem: "the" + stopMark},            // a stem marked as a stop word
		{word: "cats", stem: "cats"},                      // the word itself
		{word: "a\x00", stem: "x"},                        // a trailing NUL: not "a"
		{word: "a", stem: "a"},                            //
		{word: "fifteen-bytes-x", stem: "fifteen"},        // 15 bytes: the last short length
		{word: "sixteen-bytes-xy", stem: "sixteen-bytes"}, // 16 bytes: long
		{word: long, stem: long[:20]},
		{word: "é", stem: ""}, // an empty stem, not a stop word
	}
	c := newStemCache()
	for _, tc := range cases {
		var stem []byte
		if !tc.stop {
			stem = []byte(tc.stem)
		}
		c.put([]byte(tc.word), stem)
	}
	if c.len() != len(cases) {
		t.Errorf("len %d, want %d", c.len(), len(cases))
	}
	for _, tc := range cases {
		w := []byte(tc.word)
		got, ok := c.get(w)
		switch {
		case !ok:
			t.Errorf("%q: not found", tc.word)
		case tc.stop && got != nil:
			t.Errorf("%q: stem %q, want a stop word (nil)", tc.word, got)
		case !tc.stop && (got == nil || !bytes.Equal(got, []byte(tc.stem))):
			t.Errorf("%q: stem %q, want %q", tc.word, got, tc.stem)
		}
	}
	for _, w := range []string{"run", "a\x00\x00", "", "fifteen-bytes-y", strings.Repeat("x", 16)} {
		if got, ok := c.get([]byte(w)); ok {
			t.Errorf("%q: found (%q), want missing", w, got)
		}
	}
}

// TestStemCacheStemIsACopy checks that a stem kept as the word's length
// is cut from the word looked up, and that appending to it does not write
// into that word.
func TestStemCacheStemIsACopy(t *testing.T) {
	c := newStemCache()
	c.put([]byte("running"), []byte("run"))
	w := []byte("running")
	got, _ := c.get(w)
	_ = append(got, 'X')
	if string(w) != "running" {
		t.Errorf("the word became %q after an append to its stem", w)
	}
}
