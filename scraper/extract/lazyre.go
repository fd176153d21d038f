package extract

import (
	"regexp"
	"strings"
	"sync"
)

// lazyRegexp is a regular expression compiled on its first use, so that a
// command that never extracts (search, export, stats) does not compile
// the extractor's expressions when the binary starts: about 55 of them,
// some of them large (relative dates in many languages).
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

// lazyREs lists every lazyRegexp, for the tests.
var lazyREs []*lazyRegexp

// lazyRE returns src as a lazyRegexp; src must compile (a bad expression
// panics on first use, as regexp.MustCompile would at start-up).
func lazyRE(src string) *lazyRegexp {
	l := &lazyRegexp{src: src}
	lazyREs = append(lazyREs, l)
	return l
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(factorAnchors(l.src)) })
	return l.re
}

// factorAnchors writes an alternation whose every branch starts at the
// beginning of the text, `(?i)^a|^b`, as `(?i)^(?:a|b)`: the same
// matches and groups, but Go's regexp tries the first form at every
// position of the text and the second at its start only (ten times
// faster on a line of 60 bytes). Anything it does not read with
// certainty (quoted text, multi-line mode, unbalanced groups) is
// returned as it is.
func factorAnchors(src string) string {
	flags, rest := leadingFlags(src)
	if strings.Contains(flags, "m") || strings.Contains(rest, `\Q`) {
		return src
	}
	alts, ok := topAlternatives(rest)
	if !ok || len(alts) < 2 {
		return src
	}
	for i, a := range alts {
		if !strings.HasPrefix(a, "^") {
			return src
		}
		alts[i] = a[1:]
	}
	return src[:len(src)-len(rest)] + "^(?:" + strings.Join(alts, "|") + ")"
}

// leadingFlags returns the flags of the flag groups such as "(?i)" that
// open src, and the rest of src.
func leadingFlags(src string) (flags, rest string) {
	rest = src
	for strings.HasPrefix(rest, "(?") {
		j := strings.IndexByte(rest, ')')
		if j < 3 || strings.Trim(rest[2:j], "imsU-") != "" {
			break
		}
		flags += rest[2:j]
		rest = rest[j+1:]
	}
	return flags, rest
}

// topAlternatives splits s at the bars outside groups and classes.
func topAlternatives(s string) ([]string, bool) {
	var alts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			if i = classEnd(s, i); i < 0 {
				return nil, false
			}
		case '(':
			depth++
		case ')':
			if depth--; depth < 0 {
				return nil, false
			}
		case '|':
			if depth == 0 {
				alts = append(alts, s[start:i])
				start = i + 1
			}
		}
	}
	if depth != 0 {
		return nil, false
	}
	return append(alts, s[start:]), true
}

// classEnd returns the index of the bracket that closes the character
// class opening at s[i], or -1.
func classEnd(s string, i int) int {
	i++
	if i < len(s) && s[i] == '^' {
		i++
	}
	if i < len(s) && s[i] == ']' {
		i++ // a leading ] is a member
	}
	for ; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case strings.HasPrefix(s[i:], "[:"):
			j := strings.Index(s[i+2:], ":]")
			if j < 0 {
				return -1
			}
			i += j + 3
		case s[i] == ']':
			return i
		}
	}
	return -1
}

func (l *lazyRegexp) MatchString(s string) bool            { return l.get().MatchString(s) }
func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.get().FindStringSubmatchIndex(s)
}
func (l *lazyRegexp) ReplaceAllString(s, repl string) string {
	return l.get().ReplaceAllString(s, repl)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.get().Split(s, n) }
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.get().FindAllStringSubmatchIndex(s, n)
}
