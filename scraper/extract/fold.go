package extract

import "strings"

// Case-insensitive matching that keeps byte offsets. strings.ToLower can
// change the length of a string (each invalid UTF-8 byte becomes a 3-byte
// U+FFFD, 'Ⱥ' grows from 2 to 3 bytes, 'İ' becomes two runes), so an
// index found in a strings.ToLower copy must never cut the original: it
// slices at the wrong place or out of bounds. These helpers fold ASCII
// letters only, byte for byte.

// lowerASCII returns s with ASCII letters lower-cased and every other byte
// unchanged, so offsets into the result are offsets into s.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// indexFold returns the offset in s of the first instance of substr,
// comparing ASCII letters without regard to case, or -1. substr must be
// lower case.
func indexFold(s, substr string) int {
	if !hasUpperASCII(s) && !hasUpperASCII(substr) {
		return strings.Index(s, substr) // nothing to fold: the same offset
	}
	return indexFoldLoop(s, substr)
}

// indexFoldLoop is indexFold without its fast path: every offset tried,
// ASCII letters folded byte by byte.
func indexFoldLoop(s, substr string) int {
	n := len(substr)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != substr[j] {
				break
			}
		}
		if j == n {
			return i
		}
	}
	return -1
}

// hasUpperASCII reports whether s holds an ASCII capital letter. Class
// names and attribute values mostly do not, and then indexFold is a plain
// strings.Index.
func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}
