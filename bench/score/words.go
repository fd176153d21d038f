package score

import (
	"strings"
)

// Words is the word-level score of one page, the rule of the WCXB
// benchmark in shared/page-types (see its README.md): lower-cased word
// tokens (Tokens, Python's \w+) counted as a bag, precision and recall of
// their overlap, F1 of the two. An empty reference scores 1 on all three
// for an empty prediction and 0 for any other; an empty prediction
// against a non-empty reference scores 0.
type Words struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// ScoreWords scores one predicted text against the reference text.
func ScoreWords(pred, ref string) Words {
	pt, rt := Tokens(strings.ToLower(pred)), Tokens(strings.ToLower(ref))
	switch {
	case len(rt) == 0 && len(pt) == 0:
		return Words{Precision: 1, Recall: 1, F1: 1}
	case len(rt) == 0 || len(pt) == 0:
		return Words{}
	}
	bag := make(map[string]int, len(rt))
	for _, t := range rt {
		bag[t]++
	}
	overlap := 0
	for _, t := range pt {
		if bag[t] > 0 {
			bag[t]--
			overlap++
		}
	}
	w := Words{
		Precision: float64(overlap) / float64(len(pt)),
		Recall:    float64(overlap) / float64(len(rt)),
	}
	if overlap > 0 {
		w.F1 = 2 * w.Precision * w.Recall / (w.Precision + w.Recall)
	}
	return w
}

// WordsSummary is the word-level score of a set of pages: the means over
// pages of the per-page precision, recall and F1 (the benchmark's score
// is the mean F1, not the F1 of the means).
type WordsSummary struct {
	Pages     int     `json:"pages"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// SummarizeWords averages page scores; no pages give a zero summary.
func SummarizeWords(pages []Words) WordsSummary {
	s := WordsSummary{Pages: len(pages)}
	if len(pages) == 0 {
		return s
	}
	for _, p := range pages {
		s.Precision += p.Precision
		s.Recall += p.Recall
		s.F1 += p.F1
	}
	n := float64(len(pages))
	s.Precision /= n
	s.Recall /= n
	s.F1 /= n
	return s
}

// Snippets counts how many of a page's snippets an extracted text
// contains.
type Snippets struct {
	Total int `json:"total"`
	Found int `json:"found"`
}

// Add adds o's counts to s.
func (s *Snippets) Add(o Snippets) {
	s.Total += o.Total
	s.Found += o.Found
}

// Rate is Found/Total, 0 when there are no snippets.
func (s Snippets) Rate() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Found) / float64(s.Total)
}

// FindSnippets counts the snippets contained in text and lists those
// found and those missed (collapsed). Both sides have
// their runs of white space collapsed to one space first (snippets may
// span a paragraph break that the text writes differently); case and
// everything else must match, as in go-trafilatura's evaluation, which
// uses plain strings.Contains. Empty snippets are not counted.
func FindSnippets(text string, snippets []string) (s Snippets, found, missed []string) {
	return findSnippets(text, snippets, CollapseSpace)
}

// findSnippets is FindSnippets with both sides written by norm first.
func findSnippets(text string, snippets []string, norm func(string) string) (s Snippets, found, missed []string) {
	text = norm(text)
	for _, sn := range snippets {
		sn = norm(sn)
		if sn == "" {
			continue
		}
		s.Total++
		if strings.Contains(text, sn) {
			s.Found++
			found = append(found, sn)
		} else {
			missed = append(missed, sn)
		}
	}
	return s, found, missed
}

// CollapseSpace replaces every run of Unicode white space in s by one
// space and trims both ends.
func CollapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// quoteFolder writes typographic quotes as straight ones.
var quoteFolder = strings.NewReplacer("‘", "'", "’", "'", "‚", "'", "‛", "'", "“", `"`, "”", `"`, "„", `"`, "‟", `"`)

// FoldSpelling returns s collapsed (CollapseSpace) with its typographic
// quotes written straight and no space before closing punctuation
// (. , ; : ! ? ) ]) or after an opening bracket. It is for an
// informational count only (CountFolded): page-types' snippets were
// drafted from the pages' text by a program that wrote quotes straight
// and put a space where two inline elements meet ("Arch Linux ."), so a
// snippet can be missed for its spelling alone. The targets count
// FindSnippets', unfolded.
func FoldSpelling(s string) string {
	s = quoteFolder.Replace(CollapseSpace(s))
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' && i+1 < len(s) && strings.IndexByte(".,;:!?)]", s[i+1]) >= 0 {
			continue
		}
		if c == ' ' && b.Len() > 0 && strings.IndexByte("([", b.String()[b.Len()-1]) >= 0 {
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// CountFolded counts the snippets contained in text when both are
// spelled as FoldSpelling writes them.
func CountFolded(text string, snippets []string) Snippets {
	s, _, _ := findSnippets(text, snippets, FoldSpelling)
	return s
}
