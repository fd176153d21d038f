package score

import (
	"math"
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := map[string]struct {
		in   string
		want []string
	}{
		"empty":           {"", nil},
		"spaces only":     {" \n\t ", nil},
		"punctuation":     {"Hello, world!", []string{"Hello", "world"}},
		"case kept":       {"ABC abc", []string{"ABC", "abc"}},
		"digits":          {"In 2024, 3.5%", []string{"In", "2024", "3", "5"}},
		"underscore":      {"snake_case-word", []string{"snake_case", "word"}},
		"apostrophe":      {"don’t it's", []string{"don", "t", "it", "s"}},
		"accents":         {"Café naïve", []string{"Café", "naïve"}},
		"cyrillic":        {"Привет, мир", []string{"Привет", "мир"}},
		"arabic":          {"مرحبا بالعالم", []string{"مرحبا", "بالعالم"}},
		"cjk run":         {"中文字。日本", []string{"中文字", "日本"}},
		"other numbers":   {"x² ½", []string{"x²", "½"}},
		"soft hyphen":     {"co\u00adoperate", []string{"co", "operate"}},
		"nbsp":            {"a\u00a0b", []string{"a", "b"}},
		"invalid utf8":    {"ab\xffcd", []string{"ab", "cd"}},
		"trailing token":  {"end", []string{"end"}},
		"newlines in doc": {"One.\n\nTwo.", []string{"One", "Two"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := Tokens(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestShingles(t *testing.T) {
	tests := map[string]struct {
		in   []string
		want map[string]int
	}{
		"none":       {nil, map[string]int{}},
		"one token":  {[]string{"a"}, map[string]int{"a": 1}},
		"three":      {[]string{"a", "b", "c"}, map[string]int{"a b c": 1}},
		"exactly 4":  {[]string{"a", "b", "c", "d"}, map[string]int{"a b c d": 1}},
		"five":       {[]string{"a", "b", "c", "d", "e"}, map[string]int{"a b c d": 1, "b c d e": 1}},
		"multiset":   {[]string{"a", "b", "c", "d", "a", "b", "c", "d"}, map[string]int{"a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1}},
		"case kept":  {[]string{"A", "b", "c", "d", "a"}, map[string]int{"A b c d": 1, "b c d a": 1}},
		"all repeat": {[]string{"x", "x", "x", "x", "x", "x"}, map[string]int{"x x x x": 3}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := Shingles(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Shingles(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScorePage(t *testing.T) {
	tests := map[string]struct {
		pred, truth      string
		tp, fp, fn       float64
		precision        float64
		recall           float64
		exact            bool
		predTok, trueTok int
	}{
		"identical": {
			pred: "one two three four five", truth: "one two three four five",
			tp: 1, precision: 1, recall: 1, exact: true, predTok: 5, trueTok: 5,
		},
		"identical tokens, other punctuation and spacing": {
			pred: "One, two.\n\nThree four!", truth: "One two Three four",
			tp: 1, precision: 1, recall: 1, exact: true, predTok: 4, trueTok: 4,
		},
		"case differs": {
			pred: "one two three four", truth: "One two three four",
			fp: 0.5, fn: 0.5, precision: 0, recall: 0, predTok: 4, trueTok: 4,
		},
		"extra boilerplate": {
			// truth: abcd, bcde; pred: abcd, bcde, cdex, dexy, exyz
			pred: "a b c d e x y z", truth: "a b c d e",
			tp: 2.0 / 5, fp: 3.0 / 5, fn: 0, precision: 2.0 / 5, recall: 1, predTok: 8, trueTok: 5,
		},
		"missing tail": {
			pred: "a b c d", truth: "a b c d e f",
			// truth: abcd, bcde, cdef; pred: abcd
			tp: 1.0 / 3, fn: 2.0 / 3, precision: 1, recall: 1.0 / 3, predTok: 4, trueTok: 6,
		},
		"repeated paragraph counts once as tp": {
			pred: "a b c d a b c d", truth: "a b c d",
			// pred: abcd x2, bcda, cdab, dabc; truth: abcd x1
			tp: 1.0 / 5, fp: 4.0 / 5, precision: 1.0 / 5, recall: 1, predTok: 8, trueTok: 4,
		},
		"short texts give one shorter shingle": {
			pred: "hello world", truth: "hello world",
			tp: 1, precision: 1, recall: 1, exact: true, predTok: 2, trueTok: 2,
		},
		"short texts that differ": {
			pred: "hello", truth: "hello world",
			fp: 0.5, fn: 0.5, precision: 0, recall: 0, predTok: 1, trueTok: 2,
		},
		// The README's edge cases.
		"both empty: fp = fn = 0 scores 1 on both": {
			pred: "", truth: " ... ",
			precision: 1, recall: 1, exact: true,
		},
		"empty prediction: tp = fp = 0 gives precision 0": {
			pred: "", truth: "a b c d",
			fn: 1, precision: 0, recall: 0, trueTok: 4,
		},
		"empty truth: tp = fn = 0 gives recall 0": {
			pred: "a b c d", truth: "",
			fp: 1, precision: 0, recall: 0, predTok: 4,
		},
		"no overlap": {
			pred: "a b c d", truth: "e f g h",
			fp: 0.5, fn: 0.5, precision: 0, recall: 0, predTok: 4, trueTok: 4,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := ScorePage(tc.pred, tc.truth)
			if !approx(got.TP, tc.tp) || !approx(got.FP, tc.fp) || !approx(got.FN, tc.fn) {
				t.Errorf("tp, fp, fn = %v, %v, %v; want %v, %v, %v", got.TP, got.FP, got.FN, tc.tp, tc.fp, tc.fn)
			}
			if !approx(got.Precision, tc.precision) || !approx(got.Recall, tc.recall) {
				t.Errorf("P, R = %v, %v; want %v, %v", got.Precision, got.Recall, tc.precision, tc.recall)
			}
			if got.Exact != tc.exact {
				t.Errorf("Exact = %v, want %v", got.Exact, tc.exact)
			}
			if got.PredTokens != tc.predTok || got.TrueTokens != tc.trueTok {
				t.Errorf("tokens = %d, %d; want %d, %d", got.PredTokens, got.TrueTokens, tc.predTok, tc.trueTok)
			}
			if sum := got.TP + got.FP + got.FN; sum != 0 && !approx(sum, 1) {
				t.Errorf("normalized sum = %v, want 1", sum)
			}
		})
	}
}

func TestPagePrecisionRecall(t *testing.T) {
	tests := map[string]struct {
		tp, fp, fn float64
		p, r       float64
	}{
		"all zero":       {0, 0, 0, 1, 1},
		"perfect":        {1, 0, 0, 1, 1},
		"nothing pred":   {0, 0, 1, 0, 0},
		"nothing true":   {0, 1, 0, 0, 0},
		"ordinary":       {0.5, 0.25, 0.25, 0.5 / 0.75, 0.5 / 0.75},
		"only fp extra":  {0.6, 0.4, 0, 0.6, 1},
		"only fn missed": {0.6, 0, 0.4, 1, 0.6},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := PagePrecision(tc.tp, tc.fp, tc.fn); !approx(got, tc.p) {
				t.Errorf("PagePrecision = %v, want %v", got, tc.p)
			}
			if got := PageRecall(tc.tp, tc.fp, tc.fn); !approx(got, tc.r) {
				t.Errorf("PageRecall = %v, want %v", got, tc.r)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	tests := map[string]struct {
		pairs [][2]string // pred, truth
		want  Summary
	}{
		"no pages": {nil, Summary{}},
		"one perfect page": {
			[][2]string{{"a b c d e", "a b c d e"}},
			Summary{Pages: 1, Precision: 1, Recall: 1, F1: 1, Accuracy: 1},
		},
		"means are per page, not pooled": {
			// Page 1: P 1, R 1/3. Page 2: P 2/5, R 1.
			[][2]string{{"a b c d", "a b c d e f"}, {"a b c d e x y z", "a b c d e"}},
			Summary{Pages: 2, Precision: 0.7, Recall: 2.0 / 3, F1: 2 * 0.7 * (2.0 / 3) / (0.7 + 2.0/3)},
		},
		"empty prediction counts as 0 in both means": {
			[][2]string{{"a b c d e", "a b c d e"}, {"", "a b c d"}},
			Summary{Pages: 2, Precision: 0.5, Recall: 0.5, F1: 0.5, Accuracy: 0.5, EmptyPred: 1},
		},
		"all wrong": {
			[][2]string{{"x y z w", "a b c d"}},
			Summary{Pages: 1},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var pages []Page
			for _, p := range tc.pairs {
				pages = append(pages, ScorePage(p[0], p[1]))
			}
			got := Summarize(pages)
			if got.Pages != tc.want.Pages || got.EmptyPred != tc.want.EmptyPred ||
				!approx(got.Precision, tc.want.Precision) || !approx(got.Recall, tc.want.Recall) ||
				!approx(got.F1, tc.want.F1) || !approx(got.Accuracy, tc.want.Accuracy) {
				t.Errorf("Summarize = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func BenchmarkScorePage(b *testing.B) {
	truth := "The quick brown fox jumps over the lazy dog. " +
		"Pack my box with five dozen liquor jugs. "
	for range 6 {
		truth += truth
	}
	pred := "Home News Sport " + truth + " Share this article Related stories"
	b.ReportAllocs()
	for b.Loop() {
		ScorePage(pred, truth)
	}
}
