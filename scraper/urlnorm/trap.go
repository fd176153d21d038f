package urlnorm

import (
	"fmt"
	"strings"
)

// MaxURLLength is the default cap on the length of a URL the crawler follows.
const MaxURLLength = 2048

// Limits are the thresholds TrapCheck applies. A zero field disables its
// check.
type Limits struct {
	// MaxURLLength caps the length of the URL in bytes.
	MaxURLLength int
	// MaxSegmentRepeats caps how many times one non-empty path segment may
	// occur in the path (/x/x/x/x has "x" 4 times).
	MaxSegmentRepeats int
	// MaxBlockRepeats caps how many times a run of one or more path segments
	// may repeat back to back (/a/b/a/b/a/b repeats "a/b" 3 times): the
	// signature of relative links that nest a path into itself.
	MaxBlockRepeats int
	// MaxSegments caps the number of path segments.
	MaxSegments int
	// MaxQueryParams caps the number of query parameters.
	MaxQueryParams int
}

// DefaultLimits returns the limits TrapCheck uses: URLs up to 2048 bytes,
// a segment at most 3 times in a path, a run of segments at most twice back to
// back, at most 20 path segments and at most 12 query parameters.
func DefaultLimits() Limits {
	return Limits{
		MaxURLLength:      MaxURLLength,
		MaxSegmentRepeats: 3,
		MaxBlockRepeats:   2,
		MaxSegments:       20,
		MaxQueryParams:    12,
	}
}

// TrapCheck reports why u looks like a crawler trap under DefaultLimits, ""
// when it looks fine. See Limits.Check.
func TrapCheck(u string) string {
	return DefaultLimits().Check(u)
}

// Check reports why u looks like a crawler trap, "" when it looks fine: a
// URL longer than MaxURLLength, a path segment repeated more than
// MaxSegmentRepeats times, a run of segments repeated back to back more than
// MaxBlockRepeats times, more than MaxSegments path segments or more than
// MaxQueryParams query parameters. u is best given normalized; Check does not
// parse it beyond splitting path and query.
func (l Limits) Check(u string) string {
	if l.MaxURLLength > 0 && len(u) > l.MaxURLLength {
		return fmt.Sprintf("url longer than %d bytes (%d)", l.MaxURLLength, len(u))
	}
	rest := u
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	path, query, _ := strings.Cut(rest, "?")
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
		if j := strings.IndexByte(path, '/'); j >= 0 {
			path = path[j:]
		} else {
			path = ""
		}
	}
	if l.MaxQueryParams > 0 && query != "" {
		n := 0
		for p := range strings.SplitSeq(query, "&") {
			if p != "" {
				n++
			}
		}
		if n > l.MaxQueryParams {
			return fmt.Sprintf("more than %d query parameters (%d)", l.MaxQueryParams, n)
		}
	}
	path = strings.TrimPrefix(path, "/")
	if path == "" {
		return ""
	}
	segs := strings.Split(path, "/")
	if segs[len(segs)-1] == "" {
		segs = segs[:len(segs)-1]
	}
	if l.MaxSegments > 0 && len(segs) > l.MaxSegments {
		return fmt.Sprintf("more than %d path segments (%d)", l.MaxSegments, len(segs))
	}
	// The repeat checks are quadratic and cubic in the number of segments:
	// with MaxSegments off, look at the first maxScanSegments only.
	if len(segs) > maxScanSegments {
		segs = segs[:maxScanSegments]
	}
	if l.MaxSegmentRepeats > 0 {
		if s, n := mostRepeated(segs); n > l.MaxSegmentRepeats {
			return fmt.Sprintf("path segment %q repeated %d times", shorten(s), n)
		}
	}
	if l.MaxBlockRepeats > 0 {
		if block, n := repeatedBlock(segs, l.MaxBlockRepeats+1); n > 0 {
			return fmt.Sprintf("path segments %q repeated %d times in a row", shorten(block), n)
		}
	}
	return ""
}

// maxScanSegments bounds the work of the repeat checks.
const maxScanSegments = 64

func shorten(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// mostRepeated returns the non-empty segment that occurs most often and its
// count. Paths are short (MaxSegments), so the quadratic scan beats a map.
func mostRepeated(segs []string) (string, int) {
	best, bestN := "", 0
	for i, s := range segs {
		if s == "" {
			continue
		}
		n := 1
		for _, t := range segs[i+1:] {
			if t == s {
				n++
			}
		}
		if n > bestN {
			best, bestN = s, n
		}
	}
	return best, bestN
}

// repeatedBlock finds a run of k >= 1 segments repeated back to back at
// least min times and returns the run (joined with "/") and how many times it
// repeats; n is 0 when there is none.
func repeatedBlock(segs []string, min int) (string, int) {
	for k := 1; k*min <= len(segs); k++ {
		for start := 0; start+k*min <= len(segs); start++ {
			n := 1
			for next := start + k; next+k <= len(segs) && equalRun(segs, start, next, k); next += k {
				n++
			}
			if n >= min && !allEmpty(segs[start:start+k]) {
				return strings.Join(segs[start:start+k], "/"), n
			}
		}
	}
	return "", 0
}

func equalRun(segs []string, a, b, k int) bool {
	for i := 0; i < k; i++ {
		if segs[a+i] != segs[b+i] {
			return false
		}
	}
	return true
}

func allEmpty(segs []string) bool {
	for _, s := range segs {
		if s != "" {
			return false
		}
	}
	return true
}
