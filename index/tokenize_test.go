package index

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// tokenizeCases are texts whose splitting is easy to get wrong.
var tokenizeCases = map[string]string{
	"empty":                "",
	"spaces":               "  \t\n\r\n ",
	"plain":                "The quick brown fox, jumped over the lazy dog.",
	"apostrophes":          "don't rock'n'roll 'quoted' o'clock '' a' 'b isn't' 80's 1'000 x''y",
	"typographic":          "won’t l’homme d’Italia ‘single’ “double”",
	"hyphens":              "well-known state-of-the-art -lead trail- --x-- e-mail x‐y",
	"digits":               "1,000,000 3.14 1.2.3 1,2;3 12:30 1;a a;1 1, 2 1. 2 .5 5. ,5 1_000 0x1F 3rd 2nd-hand",
	"letters and marks":    "a.b a..b a:b::c a;b U.S.A. e.g. a.1 1.a a1.b b.1a a_.b a_:b a'_b ab_ _ __ _1 1_ _a_",
	"urls":                 "https://example.org/a/b?c=d&e=f#g www.example.com/path_x.html http://x.y:8080/",
	"email":                "first.last@example.org, a_b+tag@mail.co.uk",
	"quotes":               `he said "no" ה"ה word"s "a"`,
	"emoji":                "I ❤️ Go 👍🏽 🇫🇷🇩🇪 flags 👨‍👩‍👧 family x👍y",
	"cjk":                  "東京都に住んでいます。カタカナとひらがな、한국어 텍스트 漢字abc123",
	"combining":            "cafe\u0301 e\u0301e\u0301 \u0301start a \u0301 b x\u200dy a\u00adb soft\u00ad hy\u00ad",
	"arabic":               "السلام عليكم، ٣٫١٤ و١٢٣ كتاب‌ها مرحبا",
	"mixed":                "Straße naïve Ελληνικά Русский текст עברית שלום a-б 1a-б",
	"hebrew":               "צה\"ל א'ב ש'' מ\"ר",
	"invalid utf-8":        "abc \xff\xfe def \xc4 ghi",
	"controls":             "a\x00b\x01c\x7fd\ve\ff",
	"numbers and script":   "٣ 3٣ a٣ ٣a 1.٣ 12٫5",
	"fullwidth":            "ＡＢＣ１２３ ｶﾀｶﾅ",
	"long punctuation":     "a...b ... ?!? a—b a–b a/b a\\b (a) [b] {c} <d> a|b a&b a*b a+b a=b a#b a@b a%b a^b a~b a`b a$b",
	"ends in a mark":       "word.",
	"ends in a digit mark": "1,",
}

// MustTokensEqual fails tb unless got and want are the same tokens.
func MustTokensEqual(tb testing.TB, got, want analysis.TokenStream) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("%d tokens, want %d:\n got %v\nwant %v", len(got), len(want), got, want)
	}
	for i := range want {
		if !tokenEqual(got[i], want[i]) {
			tb.Fatalf("token %d: %v, want %v", i, got[i], want[i])
		}
	}
}

func tokenEqual(a, b *analysis.Token) bool {
	return string(a.Term) == string(b.Term) && a.Start == b.Start && a.End == b.End &&
		a.Position == b.Position && a.Type == b.Type && a.KeyWord == b.KeyWord
}

func TestWordTokenizerMatchesBleve(t *testing.T) {
	ours, theirs := wordTokenizer{bleve: unicode.NewUnicodeTokenizer()}, unicode.NewUnicodeTokenizer()
	for name, text := range tokenizeCases {
		t.Run(name, func(t *testing.T) {
			MustTokensEqual(t, ours.Tokenize([]byte(text)), theirs.Tokenize([]byte(text)))
		})
	}
}

// TestWordTokenizerRandom compares the tokenizers on random strings of
// the bytes and runes that matter to the rules, around one another.
func TestWordTokenizerRandom(t *testing.T) {
	pieces := []string{"a", "Z", "é", "0", "9", "٣", "_", ":", ".", "'", ",", ";", "\"", " ", "\t", "\n", "\r",
		"-", "/", "@", "\u0301", "\u00ad", "\u200d", "東", "カ", "ひ", "한", "א", "ש", "👍", "🇫", "’", "·", "\xff", "ab", "12"}
	ours, theirs := wordTokenizer{bleve: unicode.NewUnicodeTokenizer()}, unicode.NewUnicodeTokenizer()
	r := rand.New(rand.NewSource(23))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.Intn(12); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		text := b.String()
		t.Run(fmt.Sprintf("%q", text), func(t *testing.T) {
			MustTokensEqual(t, ours.Tokenize([]byte(text)), theirs.Tokenize([]byte(text)))
		})
	}
}

func FuzzWordTokenizer(f *testing.F) {
	for _, text := range tokenizeCases {
		f.Add(text)
	}
	ours, theirs := wordTokenizer{bleve: unicode.NewUnicodeTokenizer()}, unicode.NewUnicodeTokenizer()
	f.Fuzz(func(t *testing.T, text string) {
		MustTokensEqual(t, ours.Tokenize([]byte(text)), theirs.Tokenize([]byte(text)))
	})
}

// TestDocBuilderFastTokens checks that the documents' title, body and
// author analyzers split with wordTokenizer.
func TestDocBuilderFastTokens(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDocBuilder(m, false)
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]analysis.Analyzer{"title": b.title, "body": b.body, "author": b.author} {
		da, ok := a.(*analysis.DefaultAnalyzer)
		if !ok {
			t.Fatalf("%s: analyzer %T", name, a)
		}
		if _, ok := da.Tokenizer.(wordTokenizer); !ok {
			t.Errorf("%s: tokenizer %T, want wordTokenizer", name, da.Tokenizer)
		}
	}
	if da := m.AnalyzerNamed(analyzerTitle).(*analysis.DefaultAnalyzer); da.Tokenizer == b.title.(*analysis.DefaultAnalyzer).Tokenizer {
		t.Error("the mapping's own analyzer was changed")
	}
}
