package urlnorm

import (
	"strings"
	"testing"
)

func TestTrapCheck(t *testing.T) {
	tests := []struct {
		name, in string
		trap     bool
	}{
		{"plain article", "https://example.com/news/2024/01/01/story.html", false},
		{"root", "https://example.com/", false},
		{"no path", "https://example.com", false},
		{"date with repeats", "https://example.com/2001/01/01/x", false},
		{"segment twice", "https://example.com/a/b/a/c", false},
		{"segment three times apart", "https://example.com/x/1/x/2/x/3", false},
		{"segment four times apart", "https://example.com/x/1/x/2/x/3/x/4", true},
		{"segment four times", "https://example.com/x/x/x/x", true},
		{"segment three times in a row", "https://example.com/x/x/x", true},
		{"segment twice in a row", "https://example.com/page/page/1", false},
		{"block three times", "https://example.com/a/b/a/b/a/b", true},
		{"block twice", "https://example.com/a/b/a/b", false},
		{"block of three, three times", "https://example.com/q/a/b/c/a/b/c/a/b/c/z", true},
		{"empty segments ignored", "https://example.com/a////b", false},
		{"20 segments", "https://example.com/" + numbered(20), false},
		{"21 segments", "https://example.com/" + numbered(21), true},
		{"trailing slash not a segment", "https://example.com/" + numbered(20) + "/", false},
		{"12 params", "https://example.com/?" + params(12), false},
		{"13 params", "https://example.com/?" + params(13), true},
		{"empty params not counted", "https://example.com/?" + params(12) + "&&&", false},
		{"long url", "https://example.com/" + strings.Repeat("a", 2048), true},
		{"at limit", "https://example.com/" + strings.Repeat("a", 2048-len("https://example.com/")), false},
		{"repeats in query ignored", "https://example.com/a?x=/b/b/b/b", false},
		{"fragment ignored", "https://example.com/a#/b/b/b/b", false},
		{"bare path", "/x/x/x/x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TrapCheck(tt.in)
			if (got != "") != tt.trap {
				t.Errorf("TrapCheck(%q) = %q, want trap %v", tt.in, got, tt.trap)
			}
		})
	}
}

func TestLimitsCheckDisabled(t *testing.T) {
	var l Limits // all checks off
	for _, u := range []string{
		"https://example.com/x/x/x/x/x/x",
		"https://example.com/" + numbered(100) + "?" + params(100),
		"https://example.com/" + strings.Repeat("a", 10000),
	} {
		if got := l.Check(u); got != "" {
			t.Errorf("zero Limits flagged %.60q: %s", u, got)
		}
	}
	// Repeat checks stay cheap on huge paths when MaxSegments is off.
	huge := "https://example.com/" + numbered(20000)
	if got := (Limits{MaxSegmentRepeats: 3, MaxBlockRepeats: 2}).Check(huge); got != "" {
		t.Errorf("huge path flagged: %s", got)
	}
	if got := (Limits{MaxSegmentRepeats: 3}).Check("https://example.com/" + strings.Repeat("x/", 20000)); got == "" {
		t.Error("huge repeated path not flagged")
	}
	strict := DefaultLimits()
	strict.MaxSegments = 2
	if got := strict.Check("https://example.com/a/b/c"); got == "" {
		t.Error("MaxSegments=2 did not flag 3 segments")
	}
}

func numbered(n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = "s" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
	}
	return strings.Join(s, "/")
}

func params(n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = "p" + string(rune('a'+i%26)) + "=1"
	}
	return strings.Join(s, "&")
}

func BenchmarkTrapCheck(b *testing.B) {
	u := "https://www.example.com/news/world/europe/2024/01/02/some-long-article-slug-here.html?page=2&sort=date"
	b.ReportAllocs()
	for b.Loop() {
		if TrapCheck(u) != "" {
			b.Fatal("trap")
		}
	}
}
