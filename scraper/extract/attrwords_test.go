package extract

import (
	"math/rand"
	"strings"
	"testing"
)

// attrWordMarksSlow is attrWordMarks as it was written before: one
// substring search per word.
func attrWordMarksSlow(v string) uint16 {
	var f uint16
	for _, w := range attrWords {
		if strings.Contains(v, w.w) {
			f |= w.f
		}
	}
	if hasDateHint(v) {
		f |= attrDateHint
	}
	return f
}

func TestAttrWordMarks(t *testing.T) {
	tests := []struct {
		val  string
		want uint16
	}{
		{"", 0},
		{"post-body", 0},
		{"comments-area", attrComment},
		{"entry-meta byline", attrByline | attrDateHint},
		{"pub-datetime", attrDateline},
		{"cookie-consent", attrConsent},
		{"premium-content paywall", attrPaywall},
		{"dat", 0},
		{"xdatumx", attrDateline | attrDateHint},
		{"commen", 0},
	}
	for _, tt := range tests {
		if got := attrWordMarks(tt.val); got != tt.want {
			t.Errorf("attrWordMarks(%q) = %b, want %b", tt.val, got, tt.want)
		}
	}
	// Random values built from the words' pieces agree with the
	// substring searches.
	var parts []string
	for _, w := range attrWords {
		parts = append(parts, w.w, w.w[:len(w.w)/2], w.w[len(w.w)/2:])
	}
	for _, w := range dateHintWords {
		parts = append(parts, w, w[:len(w)/2], w[len(w)/2:])
	}
	parts = append(parts, "-", "_", " ", "é", "x")
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for j := r.Intn(6); j >= 0; j-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		v := b.String()
		if got, want := attrWordMarks(v), attrWordMarksSlow(v); got != want {
			t.Fatalf("attrWordMarks(%q) = %b, substring searches give %b", v, got, want)
		}
	}
}
