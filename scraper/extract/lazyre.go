package extract

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
)

// lazyRegexp is a regular expression compiled on its first use, so that a
// command that never extracts (search, export, stats) does not compile
// the extractor's expressions when the binary starts: about 55 of them,
// some of them large (relative dates in many languages).
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
	need []needText // a match holds one of these (none: nothing known)
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
	l.once.Do(func() {
		l.re = regexp.MustCompile(factorAnchors(l.src))
		l.need = neededTexts(l.src)
	})
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

// MatchString, FindStringSubmatch and FindStringSubmatchIndex first
// look for the texts that every match holds (neededTexts): most texts
// hold none, and a few substring searches cost far less than Go's
// regexp trying the expression at every position.
func (l *lazyRegexp) MatchString(s string) bool {
	re := l.get()
	return mayMatch(s, l.need) && re.MatchString(s)
}

func (l *lazyRegexp) FindStringSubmatch(s string) []string {
	re := l.get()
	if !mayMatch(s, l.need) {
		return nil
	}
	return re.FindStringSubmatch(s)
}

func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	re := l.get()
	if !mayMatch(s, l.need) {
		return nil
	}
	return re.FindStringSubmatchIndex(s)
}

func (l *lazyRegexp) ReplaceAllString(s, repl string) string {
	return l.get().ReplaceAllString(s, repl)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.get().Split(s, n) }
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.get().FindAllStringSubmatchIndex(s, n)
}

// needText is a text that a match must hold: as it is, or (fold) in
// any case of its ASCII letters, given in lower case.
type needText struct {
	s    string
	b    []byte // s, for bytes.Contains
	fold bool
}

// neededTexts returns texts one of which every match of src holds, or
// nil when it knows none worth looking for (fewer than three bytes, more
// than sixteen texts).
func neededTexts(src string) []needText {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil
	}
	need, ok := needOf(re)
	if !ok || len(need) > 16 || minNeed(need) < 3 {
		return nil
	}
	return need
}

// needOf returns texts one of which every match of re holds: a literal's
// own text; a part of a sequence (the one with the longest texts); every
// branch's texts for an alternation; a repeat's if it repeats at least
// once. Anything else (classes, optional parts, assertions) gives none.
func needOf(re *syntax.Regexp) ([]needText, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return literalNeed(re)
	case syntax.OpCapture, syntax.OpPlus:
		return needOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return needOf(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []needText
		for _, sub := range re.Sub {
			if n, ok := needOf(sub); ok && (best == nil || minNeed(n) > minNeed(best)) {
				best = n
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []needText
		for _, sub := range re.Sub {
			n, ok := needOf(sub)
			if !ok {
				return nil, false
			}
			all = append(all, n...)
		}
		return all, true
	}
	return nil, false
}

// literalNeed returns a literal's text. Under (?i) it takes the longest
// run of runes whose case variants are all ASCII ("k" has the Kelvin
// sign and "s" the long s, so "sponsored" gives "ored"), in lower case.
func literalNeed(re *syntax.Regexp) ([]needText, bool) {
	if re.Flags&syntax.FoldCase == 0 {
		return []needText{{s: string(re.Rune), b: []byte(string(re.Rune))}}, len(re.Rune) > 0
	}
	var best, run []byte
	for _, r := range append(re.Rune, -1) {
		if r >= 0 && asciiFolds(r) {
			run = append(run, byte(unicode.ToLower(r)))
			continue
		}
		if len(run) > len(best) {
			best = run
		}
		run = nil
	}
	return []needText{{s: string(best), b: best, fold: true}}, len(best) > 0
}

// asciiFolds reports whether r and every rune (?i) equates with it are
// ASCII.
func asciiFolds(r rune) bool {
	for f := r; ; {
		if f >= 0x80 {
			return false
		}
		if f = unicode.SimpleFold(f); f == r {
			return true
		}
	}
}

func minNeed(need []needText) int {
	m := -1
	for _, n := range need {
		if m < 0 || len(n.b) < m {
			m = len(n.b)
		}
	}
	return m
}

// mayMatch reports whether s holds one of need (always, when need is
// empty).
func mayMatch(s string, need []needText) bool {
	if len(need) == 0 {
		return true
	}
	var buf [512]byte
	var lower []byte
	for _, n := range need {
		if !n.fold {
			if strings.Contains(s, n.s) {
				return true
			}
			continue
		}
		if lower == nil {
			lower = lowerASCIIBytes(buf[:0], s)
		}
		if bytes.Contains(lower, n.b) {
			return true
		}
	}
	return false
}

// lowerASCIIBytes appends s to dst with its ASCII letters in lower case.
func lowerASCIIBytes(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
