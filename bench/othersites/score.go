package main

import (
	"strings"
	"time"
	"unicode"

	"github.com/archivist-project/archivist/bench/score"
)

// counts is a confusion matrix, pooled over pages as upstream's
// comparison scripts pool it.
type counts struct {
	TP int `json:"tp"`
	FN int `json:"fn"`
	FP int `json:"fp"`
	TN int `json:"tn"`
}

func (c *counts) add(d counts) {
	c.TP += d.TP
	c.FN += d.FN
	c.FP += d.FP
	c.TN += d.TN
}

// metrics are upstream's formulas (go-trafilatura
// scripts/comparison/content.go calculatePerformance, go-htmldate
// scripts/comparison/result.go score): precision tp/(tp+fp), recall
// tp/(tp+fn), accuracy (tp+tn)/all, F1 2tp/(2tp+fp+fn). A ratio with a
// zero denominator is 0.
type metrics struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	Accuracy  float64 `json:"accuracy"`
	F1        float64 `json:"f1"`
}

func (c counts) metrics() metrics {
	tp, fn, fp, tn := float64(c.TP), float64(c.FN), float64(c.FP), float64(c.TN)
	return metrics{
		Precision: ratio(tp, tp+fp),
		Recall:    ratio(tp, tp+fn),
		Accuracy:  ratio(tp+tn, tp+tn+fp+fn),
		F1:        ratio(2*tp, 2*tp+fp+fn),
	}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// bodyEval scores a body with go-trafilatura's snippet rule
// (evaluateEntry): each "with" snippet contained in the text is a true
// positive, each missing one a false negative; each "without" snippet
// contained is a false positive, each absent one a true negative. An
// empty text counts every "with" as missed and every "without" as absent.
// Matching is plain byte containment, as upstream's strings.Contains.
// missed and unwanted list the snippets behind the FN and FP counts.
func bodyEval(with, without []string, text string) (c counts, missed, unwanted []string) {
	if text == "" {
		c.FN, c.TN = len(with), len(without)
		return c, append(missed, with...), nil
	}
	for _, s := range with {
		if strings.Contains(text, s) {
			c.TP++
		} else {
			c.FN++
			missed = append(missed, s)
		}
	}
	for _, s := range without {
		if strings.Contains(text, s) {
			c.FP++
			unwanted = append(unwanted, s)
		} else {
			c.TN++
		}
	}
	return c, missed, unwanted
}

// dayOf returns t's calendar day in its own zone as YYYY-MM-DD, "" for
// the zero time.
func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// dateEval is go-htmldate's evaluateResult: no date where none is
// expected is a true negative, no date where one is expected a false
// negative, the expected day a true positive, any other day a false
// positive.
func dateEval(want, got string) counts {
	switch {
	case got == "" && want == "":
		return counts{TN: 1}
	case got == "":
		return counts{FN: 1}
	case got == want:
		return counts{TP: 1}
	}
	return counts{FP: 1}
}

// authorsExact is go-trafilatura's author check (scripts/comparison/
// author.go): the expected names joined by "; " equal the extractor's
// author string.
func authorsExact(want []string, got string) bool {
	return strings.Join(want, "; ") == got
}

// nameCounts is the lenient author check, per name: the extractor's
// author string is split into names (splitNames) and each expected name
// found among them is a true positive, each one missing a false negative,
// each extra name a false positive. Names are compared case-folded, with
// whitespace collapsed and surrounding punctuation trimmed.
func nameCounts(want []string, got string) counts {
	wantSet := make(map[string]bool)
	for _, w := range want {
		for _, n := range splitNames(w) {
			wantSet[n] = true
		}
	}
	gotSet := make(map[string]bool)
	for _, n := range splitNames(got) {
		gotSet[n] = true
	}
	var c counts
	for n := range wantSet {
		if gotSet[n] {
			c.TP++
		} else {
			c.FN++
		}
	}
	for n := range gotSet {
		if !wantSet[n] {
			c.FP++
		}
	}
	return c
}

// namePrefixes are leading words dropped from a byline ("By Jane Doe").
var namePrefixes = []string{"by ", "von ", "par ", "door ", "di ", "por ", "av ", "af "}

// splitNames splits an author string into normalized names: separators
// are ";", ",", "&", "|", " and ", " und ", " et ", " y ", " e "; each
// name is case-folded, whitespace-collapsed, stripped of a leading "by"
// (and its equivalents in a few languages) and of surrounding
// punctuation. The same splitter applies to every extractor's output and
// to the truth, so none is favoured by its own formatting.
func splitNames(s string) []string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, sep := range []string{" and ", " und ", " et ", " y ", " e ", "&", "|", ","} {
		s = strings.ReplaceAll(s, sep, ";")
	}
	var names []string
	for _, n := range strings.Split(s, ";") {
		n = strings.TrimFunc(n, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
		for _, p := range namePrefixes {
			n = strings.TrimPrefix(n, p)
		}
		n = strings.TrimFunc(n, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
		if n != "" {
			names = append(names, n)
		}
	}
	return names
}

// titleExact reports whether two titles are equal once whitespace is
// collapsed and trimmed.
func titleExact(want, got string) bool {
	return strings.Join(strings.Fields(want), " ") == strings.Join(strings.Fields(got), " ")
}

// titleLenient reports whether two titles have the same word tokens
// (score.Tokens) once case-folded: punctuation, quotes and dashes do not
// count.
func titleLenient(want, got string) bool {
	a, b := score.Tokens(strings.ToLower(want)), score.Tokens(strings.ToLower(got))
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
