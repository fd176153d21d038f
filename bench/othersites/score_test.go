package main

import (
	"reflect"
	"testing"
	"time"
)

func TestBodyEval(t *testing.T) {
	tests := []struct {
		name     string
		with     []string
		without  []string
		text     string
		want     counts
		missed   []string
		unwanted []string
	}{
		{"empty text misses every with", []string{"a b", "c"}, []string{"x", "y", "z"}, "", counts{FN: 2, TN: 3}, []string{"a b", "c"}, nil},
		{"all found, none unwanted", []string{"quick brown", "lazy dog"}, []string{"Impressum"}, "The quick brown fox jumps over the lazy dog.", counts{TP: 2, TN: 1}, nil, nil},
		{"one missed, one unwanted", []string{"quick brown", "cat"}, []string{"Impressum", "fox"}, "The quick brown fox", counts{TP: 1, FN: 1, FP: 1, TN: 1}, []string{"cat"}, []string{"fox"}},
		{"containment is byte exact", []string{"Quick  Brown"}, nil, "quick brown", counts{FN: 1}, []string{"Quick  Brown"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, missed, unwanted := bodyEval(tc.with, tc.without, tc.text)
			if c != tc.want || !reflect.DeepEqual(missed, tc.missed) || !reflect.DeepEqual(unwanted, tc.unwanted) {
				t.Errorf("bodyEval = %+v %q %q, want %+v %q %q", c, missed, unwanted, tc.want, tc.missed, tc.unwanted)
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	tests := []struct {
		name string
		c    counts
		want metrics
	}{
		{"zero", counts{}, metrics{}},
		// upstream: P = 6/8, R = 6/9, acc = 10/15, F1 = 12/(12+2+3).
		{"mixed", counts{TP: 6, FN: 3, FP: 2, TN: 4}, metrics{Precision: 0.75, Recall: 6.0 / 9, Accuracy: 10.0 / 15, F1: 12.0 / 17}},
		{"only negatives", counts{TN: 3}, metrics{Accuracy: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.metrics(); got != tc.want {
				t.Errorf("metrics(%+v) = %+v, want %+v", tc.c, got, tc.want)
			}
		})
	}
}

func TestDateEval(t *testing.T) {
	tests := []struct {
		want, got string
		c         counts
	}{
		{"", "", counts{TN: 1}},
		{"2020-01-02", "", counts{FN: 1}},
		{"2020-01-02", "2020-01-02", counts{TP: 1}},
		{"2020-01-02", "2020-01-03", counts{FP: 1}},
		{"", "2020-01-03", counts{FP: 1}},
	}
	for _, tc := range tests {
		if c := dateEval(tc.want, tc.got); c != tc.c {
			t.Errorf("dateEval(%q, %q) = %+v, want %+v", tc.want, tc.got, c, tc.c)
		}
	}
}

func TestDayOf(t *testing.T) {
	berlin := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, ""},
		{time.Date(2020, 5, 17, 23, 30, 0, 0, time.UTC), "2020-05-17"},
		// the day in the page's own zone, not converted to UTC
		{time.Date(2020, 5, 18, 0, 30, 0, 0, berlin), "2020-05-18"},
	}
	for _, tc := range tests {
		if got := dayOf(tc.t); got != tc.want {
			t.Errorf("dayOf(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

func TestAuthors(t *testing.T) {
	tests := []struct {
		name  string
		want  []string
		got   string
		exact bool
		names counts
	}{
		{"same", []string{"Jane Doe", "John Roe"}, "Jane Doe; John Roe", true, counts{TP: 2}},
		{"comma and case", []string{"Jane Doe", "John Roe"}, "jane doe, JOHN ROE", false, counts{TP: 2}},
		{"by and and", []string{"Jane Doe", "John Roe"}, "By Jane Doe and John Roe", false, counts{TP: 2}},
		{"one wrong, one extra", []string{"Jane Doe"}, "Jane Do; Staff", false, counts{FN: 1, FP: 2}},
		{"nothing found", []string{"Jane Doe"}, "", false, counts{FN: 1}},
		{"german von und", []string{"Max Muster", "Erika Muster"}, "Von Max Muster und Erika Muster", false, counts{TP: 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := authorsExact(tc.want, tc.got); got != tc.exact {
				t.Errorf("authorsExact = %v, want %v", got, tc.exact)
			}
			if got := nameCounts(tc.want, tc.got); got != tc.names {
				t.Errorf("nameCounts = %+v, want %+v", got, tc.names)
			}
		})
	}
}

func TestSplitNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  Jane   Doe ", []string{"jane doe"}},
		{"By Jane Doe & John Roe | Staff.", []string{"jane doe", "john roe", "staff"}},
		{"Par Jean Dupont et Marie Curie", []string{"jean dupont", "marie curie"}},
	}
	for _, tc := range tests {
		if got := splitNames(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("splitNames(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTitles(t *testing.T) {
	tests := []struct {
		want, got      string
		exact, lenient bool
	}{
		{"A Title", "A Title", true, true},
		{"A  Title ", "A Title", true, true},
		{"„A Title“ – now", "\"a title\" - Now", false, true},
		{"A Title", "A Title | Site", false, false},
		{"", "", true, false},
	}
	for _, tc := range tests {
		if got := titleExact(tc.want, tc.got); got != tc.exact {
			t.Errorf("titleExact(%q, %q) = %v, want %v", tc.want, tc.got, got, tc.exact)
		}
		if got := titleLenient(tc.want, tc.got); got != tc.lenient {
			t.Errorf("titleLenient(%q, %q) = %v, want %v", tc.want, tc.got, got, tc.lenient)
		}
	}
}
