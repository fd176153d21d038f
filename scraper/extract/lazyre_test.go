package extract

import (
	"math/rand"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestFactorAnchors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`^a|^b`, `^(?:a|b)`},
		{`(?i)^a\b|^(?:b|c)$`, `(?i)^(?:a\b|(?:b|c)$)`},
		{`(?is)(?U)^a|^[|^]x`, `(?is)(?U)^(?:a|[|^]x)`},
		{`^[]|]a|^\|b`, `^(?:[]|]a|\|b)`},
		{`^[[:alpha:]|]|^b`, `^(?:[[:alpha:]|]|b)`},
		{`^a|b`, `^a|b`},           // one branch not anchored
		{`^a`, `^a`},               // no alternation
		{`(?m)^a|^b`, `(?m)^a|^b`}, // ^ starts lines
		{`^\Q|\E|^b`, `^\Q|\E|^b`}, // quoted text
		{`(?i:^a|^b)`, `(?i:^a|^b)`},
		{`^(a|^b`, `^(a|^b`},
	}
	for _, tt := range tests {
		if got := factorAnchors(tt.src); got != tt.want {
			t.Errorf("factorAnchors(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestFactorAnchorsSame checks every expression that factorAnchors
// rewrites against its source, on texts made from the expression itself
// and on the same texts with something before or after them.
func TestFactorAnchorsSame(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	rewritten := 0
	for _, l := range lazyREs {
		f := factorAnchors(l.src)
		if f == l.src {
			continue
		}
		rewritten++
		a, b := regexp.MustCompile(l.src), regexp.MustCompile(f)
		tree, err := syntax.Parse(l.src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		matched := 0
		for i := 0; i < 3000; i++ {
			var sb strings.Builder
			sampleRE(r, tree, &sb)
			s := sb.String()
			switch i % 4 {
			case 1:
				s = "x " + s
			case 2:
				s += " and more"
			case 3:
				s = s[:r.Intn(len(s)+1)]
			}
			if a.MatchString(s) {
				matched++
			}
			if a.MatchString(s) != b.MatchString(s) || !slices.Equal(a.FindStringSubmatchIndex(s), b.FindStringSubmatchIndex(s)) ||
				a.ReplaceAllString(s, "<$0>") != b.ReplaceAllString(s, "<$0>") {
				t.Fatalf("%q and %q differ on %q", l.src, f, s)
			}
		}
		t.Logf("%d of 3000 samples match %.40q", matched, l.src)
		if matched == 0 {
			t.Errorf("%q: no sample matched", l.src)
		}
	}
	if rewritten == 0 {
		t.Error("no expression rewritten")
	}
}

// sampleRE writes a random text that the expression re may match.
func sampleRE(r *rand.Rand, re *syntax.Regexp, sb *strings.Builder) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, c := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && r.Intn(2) == 0 {
				c = unicode.SimpleFold(c)
			}
			sb.WriteRune(c)
		}
	case syntax.OpCharClass:
		if len(re.Rune) > 0 {
			k := 2 * r.Intn(len(re.Rune)/2)
			lo, hi := re.Rune[k], re.Rune[k+1]
			if hi-lo > 200 {
				hi = lo + 200
			}
			sb.WriteRune(lo + rune(r.Intn(int(hi-lo)+1)))
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		sb.WriteByte("ab 1.-"[r.Intn(6)])
	case syntax.OpCapture:
		sampleRE(r, re.Sub[0], sb)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			sampleRE(r, s, sb)
		}
	case syntax.OpAlternate:
		sampleRE(r, re.Sub[r.Intn(len(re.Sub))], sb)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 3
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 || hi > lo+3 {
				hi = lo + 3
			}
		}
		for n := lo + r.Intn(hi-lo+1); n > 0; n-- {
			sampleRE(r, re.Sub[0], sb)
		}
	}
}

func TestNeededTexts(t *testing.T) {
	tests := []struct {
		src  string
		want []string // fold texts marked with a leading "~"
	}{
		{`(?i)\baffiliate[- ]?links?\b`, []string{"~affiliate"}},
		{`(?i)^(?:sponsored|anzeige)\s*:`, []string{"~ored", "~anzeige"}},
		{`(?i)\bwe (?:receive|earn) a commission`, []string{"~ a commi"}}, // "s" cuts it
		{`API key|Token`, []string{"API key", "Token"}},
		{`(?i)(?:ab|cd)`, nil}, // too short
		{`(?i)foo|bar*`, nil},  // a branch without a text
		{`(?i)(?:footer)?\d+`, nil},
		{`(?i)\d+(?:footer)+`, []string{"~footer"}},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range neededTexts(tt.src) {
			if n.fold {
				got = append(got, "~"+n.s)
			} else {
				got = append(got, n.s)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("neededTexts(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestNeededTextsSame checks every expression of the package with and
// without its needed texts, on texts made from the expression itself,
// with their case changed and something before or after them.
func TestNeededTextsSame(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	filtered := 0
	for _, l := range lazyREs {
		re := l.get()
		if len(l.need) == 0 {
			continue
		}
		filtered++
		tree, err := syntax.Parse(l.src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2000; i++ {
			var sb strings.Builder
			sampleRE(r, tree, &sb)
			s := sb.String()
			switch i % 5 {
			case 1:
				s = "Vor " + s
			case 2:
				s = strings.ToUpper(s) + " END"
			case 3:
				s = s[:r.Intn(len(s)+1)]
			case 4:
				s = strings.Repeat("ſK ", 200) + s
			}
			if l.MatchString(s) != re.MatchString(s) || !slices.Equal(l.FindStringSubmatchIndex(s), re.FindStringSubmatchIndex(s)) {
				t.Fatalf("%q: the needed texts %v change the result on %q", l.src, l.need, s)
			}
		}
	}
	t.Logf("%d of %d expressions have needed texts", filtered, len(lazyREs))
}
