// Package score implements the scoring rule of the article-body extraction
// benchmark in shared/extraction-bench (see its README.md): word tokens,
// 4-token shingles counted as a multiset, per-page true/false positives
// normalized so that every page weighs the same, precision and recall as
// means over pages, F1 from those two means, and exact-match accuracy.
package score

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ShingleSize is the number of consecutive tokens in one shingle.
const ShingleSize = 4

// Tokens splits text into word tokens: maximal runs of Unicode word
// characters, case kept. A word character is a letter (category L), a
// number (category N) or an underscore, which is what Python's `\w`
// matches on str patterns and so what the published scores were computed
// with. Invalid UTF-8 bytes separate tokens.
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		word := r != utf8.RuneError && isWordRune(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			toks = append(toks, text[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Shingles counts the runs of ShingleSize consecutive tokens. Fewer tokens
// than that give one shorter shingle made of all of them; no tokens give
// no shingle. Tokens within a shingle are joined by a space, which no
// token contains.
func Shingles(tokens []string) map[string]int {
	m := make(map[string]int)
	if len(tokens) == 0 {
		return m
	}
	if len(tokens) < ShingleSize {
		m[strings.Join(tokens, " ")]++
		return m
	}
	for i := 0; i+ShingleSize <= len(tokens); i++ {
		m[strings.Join(tokens[i:i+ShingleSize], " ")]++
	}
	return m
}

// Page is the score of one page.
type Page struct {
	// TP, FP and FN are the shingle counts normalized by their sum (all
	// zero when the sum is zero).
	TP float64 `json:"tp"`
	FP float64 `json:"fp"`
	FN float64 `json:"fn"`
	// Precision and Recall are the page's values with the README's edge
	// cases applied (see PagePrecision and PageRecall).
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	// Exact reports whether the predicted token list equals the true one.
	Exact bool `json:"exact"`
	// PredTokens and TrueTokens are the token counts of both texts.
	PredTokens int `json:"pred_tokens"`
	TrueTokens int `json:"true_tokens"`
}

// F1 returns the harmonic mean of the page's precision and recall, 0
// when both are 0. It is used to rank pages, not in the overall score.
func (p Page) F1() float64 {
	if p.Precision+p.Recall == 0 {
		return 0
	}
	return 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
}

// ScorePage scores one predicted body against the true body.
func ScorePage(pred, truth string) Page {
	pt, tt := Tokens(pred), Tokens(truth)
	ps, ts := Shingles(pt), Shingles(tt)
	var tp, fp, fn int
	for s, pc := range ps {
		tc := ts[s]
		tp += min(pc, tc)
		fp += max(pc-tc, 0)
	}
	for s, tc := range ts {
		fn += max(tc-ps[s], 0)
	}
	p := Page{
		TP: float64(tp), FP: float64(fp), FN: float64(fn),
		Exact:      equalTokens(pt, tt),
		PredTokens: len(pt), TrueTokens: len(tt),
	}
	if sum := p.TP + p.FP + p.FN; sum > 0 {
		p.TP, p.FP, p.FN = p.TP/sum, p.FP/sum, p.FN/sum
	}
	p.Precision = PagePrecision(p.TP, p.FP, p.FN)
	p.Recall = PageRecall(p.TP, p.FP, p.FN)
	return p
}

// PagePrecision is tp/(tp+fp), except that a page with fp = fn = 0 scores
// 1 and a page with tp = fp = 0 (nothing predicted) scores 0.
func PagePrecision(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fp == 0:
		return 0
	}
	return tp / (tp + fp)
}

// PageRecall is tp/(tp+fn), except that a page with fp = fn = 0 scores 1
// and a page with tp = fn = 0 (an empty true body) scores 0.
func PageRecall(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fn == 0:
		return 0
	}
	return tp / (tp + fn)
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Summary is the score of a set of pages.
type Summary struct {
	Pages     int     `json:"pages"`     // pages scored
	Precision float64 `json:"precision"` // mean of the pages' precision
	Recall    float64 `json:"recall"`    // mean of the pages' recall
	F1        float64 `json:"f1"`        // 2PR/(P+R) of the two means
	Accuracy  float64 `json:"accuracy"`  // share of pages whose token lists match exactly
	// EmptyPred counts pages with no predicted token; each scores
	// precision 0 and recall 0 (the README's tp = fp = 0 case).
	EmptyPred int `json:"empty_pred"`
}

// Summarize averages page scores. Every page counts in both means, pages
// without a defined ratio taking the value of the edge cases (see
// PagePrecision and PageRecall), as the reference implementation of the
// published scores does. An empty slice gives a zero Summary.
func Summarize(pages []Page) Summary {
	s := Summary{Pages: len(pages)}
	if len(pages) == 0 {
		return s
	}
	var exact int
	for _, p := range pages {
		s.Precision += p.Precision
		s.Recall += p.Recall
		if p.Exact {
			exact++
		}
		if p.PredTokens == 0 {
			s.EmptyPred++
		}
	}
	n := float64(len(pages))
	s.Precision /= n
	s.Recall /= n
	s.Accuracy = float64(exact) / n
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}
