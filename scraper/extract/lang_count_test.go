package extract

import (
	"strings"
	"testing"
	"unicode"
)

// stopwordCountsSlow counts as GuessLanguage did before stopwordCounts:
// the words of a lower-cased copy, split by strings.FieldsFunc.
func stopwordCountsSlow(text string) (counts [16]int, n int) {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		n++
		if bits := stopwords()[w]; bits != 0 {
			for i := range stopwordLangs {
				if bits&(1<<i) != 0 {
					counts[i]++
				}
			}
		}
	}
	return counts, n
}

func TestStopwordCounts(t *testing.T) {
	for w := range stopwords() {
		if len(w) >= stopwordMaxLen {
			t.Errorf("stopword %q has %d bytes, stopwordMaxLen is %d", w, len(w), stopwordMaxLen)
		}
	}
	tests := []string{
		"",
		"The cat and THE dog, in the house.",
		"Le chat et le chien dans LA maison; c'est la vie",
		"Der Hund und die Katze — ÜBER alles",
		"İstanbul için ÇOK güzel bir şehir",
		"Это был он, И ОН не знал",
		"\xffthe\xfe and\xc3 of",
		"supercalifragilisticexpialidociousthe the",
		strings.Repeat("x", 23) + " " + strings.Repeat("é", 12) + " the",
		"12 the3and 4of_to",
	}
	for _, s := range tests {
		gc, gn := stopwordCounts(s)
		wc, wn := stopwordCountsSlow(s)
		if gc != wc || gn != wn {
			t.Errorf("stopwordCounts(%q) = %v, %d; want %v, %d", s, gc, gn, wc, wn)
		}
	}
}

func FuzzStopwordCounts(f *testing.F) {
	for _, s := range []string{"the and of", "Le la LES", "İI ıi", "\xff\xfe the", "och att det"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		gc, gn := stopwordCounts(s)
		wc, wn := stopwordCountsSlow(s)
		if gc != wc || gn != wn {
			t.Errorf("stopwordCounts(%q) = %v, %d; want %v, %d", s, gc, gn, wc, wn)
		}
	})
}
