package index

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// pathologicalTexts are bodies that no news article has but a page may:
// one script with no spaces, one word, scripts alternating, marks
// between digits, each of about size bytes.
func pathologicalTexts(size int) map[string]string {
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	return map[string]string{
		"cjk":          fill("東京都"),
		"one word":     fill("a"),
		"digits":       fill("1.2,"),
		"alternating":  fill("aé"),
		"alt spaced":   fill("a é "),
		"marks":        fill("e\u0301"),
		"hebrew quote": fill("א\""),
		"english":      fill("the quick brown fox's tail, 3.5 m long. "),
		"chinese":      fill("东京都知事选举于周日举行，投票率为百分之五十五。"),
	}
}

// BenchmarkWordTokenizerPathological compares the tokenizers on
// pathologicalTexts of 256 KB and 1 MB: the time per byte should not
// grow with the size.
func BenchmarkWordTokenizerPathological(b *testing.B) {
	tokenizers := map[string]analysis.Tokenizer{
		"ours":  wordTokenizer{bleve: unicode.NewUnicodeTokenizer()},
		"bleve": unicode.NewUnicodeTokenizer(),
	}
	for _, size := range []int{256 << 10, 1 << 20} {
		for kind, text := range pathologicalTexts(size) {
			for name, tok := range tokenizers {
				b.Run(fmt.Sprintf("%s/%dKB/%s", kind, size>>10, name), func(b *testing.B) {
					in := []byte(text)
					b.SetBytes(int64(len(in)))
					for b.Loop() {
						tok.Tokenize(in)
					}
				})
			}
		}
	}
}
