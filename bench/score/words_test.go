package score

import (
	"math"
	"reflect"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreWords(t *testing.T) {
	tests := []struct {
		name, pred, ref string
		want            Words
	}{
		{"both empty", "", " \n", Words{1, 1, 1}},
		{"empty reference, some prediction", "menu", "", Words{}},
		{"empty prediction", "", "the body", Words{}},
		{"punctuation only is empty", "—, !", "the body", Words{}},
		{"identical", "The cat sat.", "the cat sat", Words{1, 1, 1}},
		{"case folded", "THE CAT", "the cat", Words{1, 1, 1}},
		{"bag, order ignored", "sat cat the", "the cat sat", Words{1, 1, 1}},
		{"half of prediction right", "a b c d", "a b", Words{0.5, 1, 2.0 / 3}},
		{"half of reference found", "a", "a b", Words{1, 0.5, 2.0 / 3}},
		{"multiset: repeats count once each", "a a a b", "a b b", Words{0.5, 2.0 / 3, 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0/3)}},
		{"no overlap", "x y", "a b", Words{}},
		{"unicode words", "Straße über", "straße ÜBER", Words{1, 1, 1}},
		{"underscore and digits are word characters", "a_b 42", "a_b 42", Words{1, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ScoreWords(tc.pred, tc.ref)
			if !near(got.Precision, tc.want.Precision) || !near(got.Recall, tc.want.Recall) || !near(got.F1, tc.want.F1) {
				t.Errorf("ScoreWords(%q, %q) = %+v, want %+v", tc.pred, tc.ref, got, tc.want)
			}
		})
	}
}

func TestSummarizeWords(t *testing.T) {
	if got := SummarizeWords(nil); got != (WordsSummary{}) {
		t.Errorf("no pages: %+v", got)
	}
	// The score is the mean of the pages' F1, not the F1 of the means.
	got := SummarizeWords([]Words{{1, 1, 1}, {1, 0.5, 2.0 / 3}, {}})
	want := WordsSummary{Pages: 3, Precision: 2.0 / 3, Recall: 0.5, F1: (1 + 2.0/3) / 3}
	if got.Pages != want.Pages || !near(got.Precision, want.Precision) || !near(got.Recall, want.Recall) || !near(got.F1, want.F1) {
		t.Errorf("SummarizeWords = %+v, want %+v", got, want)
	}
}

func TestFindSnippets(t *testing.T) {
	text := "Intro line.\n\nThe second   paragraph\nwraps here. Café"
	tests := []struct {
		name          string
		snippets      []string
		want          Snippets
		found, missed []string
	}{
		{"none", nil, Snippets{}, nil, nil},
		{"empty snippets are not counted", []string{"", "  "}, Snippets{}, nil, nil},
		{"contained", []string{"Intro line."}, Snippets{1, 1}, []string{"Intro line."}, nil},
		{"across a paragraph break", []string{"Intro line. The second paragraph wraps"}, Snippets{1, 1}, []string{"Intro line. The second paragraph wraps"}, nil},
		{"snippet with a newline", []string{"second\nparagraph"}, Snippets{1, 1}, []string{"second paragraph"}, nil},
		{"case matters", []string{"intro line"}, Snippets{1, 0}, nil, []string{"intro line"}},
		{"mixed", []string{"Café", "Menu"}, Snippets{2, 1}, []string{"Café"}, []string{"Menu"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, found, missed := FindSnippets(text, tc.snippets)
			if got != tc.want || !reflect.DeepEqual(found, tc.found) || !reflect.DeepEqual(missed, tc.missed) {
				t.Errorf("FindSnippets = %+v %q %q, want %+v %q %q", got, found, missed, tc.want, tc.found, tc.missed)
			}
		})
	}
	if s, _, missed := FindSnippets("", []string{"a", "b"}); s != (Snippets{2, 0}) || len(missed) != 2 {
		t.Errorf("empty text: %+v %q", s, missed)
	}
}

func TestSnippetsRate(t *testing.T) {
	var s Snippets
	if s.Rate() != 0 {
		t.Errorf("no snippets: rate %v", s.Rate())
	}
	s.Add(Snippets{Total: 3, Found: 1})
	s.Add(Snippets{Total: 1, Found: 1})
	if s != (Snippets{4, 2}) || s.Rate() != 0.5 {
		t.Errorf("after Add: %+v rate %v", s, s.Rate())
	}
}

func TestFoldSpelling(t *testing.T) {
	tests := []struct{ in, want string }{
		{"it won’t “spring” back", `it won't "spring" back`},
		{"Arch Linux .", "Arch Linux."},
		{"one , two ; three : four ! five ?", "one, two; three: four! five?"},
		{"( a note ) and [ b ]", "(a note) and [b]"},
		{"  many\n\n spaces  ", "many spaces"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := FoldSpelling(tc.in); got != tc.want {
			t.Errorf("FoldSpelling(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	text := "He said “it won’t” (twice)."
	if got := CountFolded(text, []string{`said "it won't"`, "( twice ) .", "never", ""}); got != (Snippets{3, 2}) {
		t.Errorf("CountFolded = %+v, want {3 2}", got)
	}
}
