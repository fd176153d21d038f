package index

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

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
	// WB6/WB7: letters around a mark, ASCII and not, with what the rule
	// skips (combining marks, format characters) on either side.
	"letter marks":      "a:b a·b a\u0387b a\u05f4b a\u2027b a\ufe13b a\ufe55b a\uff1ab a’b a‘b a\u2024b a\ufe52b a\uff07b a\uff0eb é.é é'a a'é a\u0301'b a'\u0301b a\u00ad.b a.\u00adb a\u200b.b",
	"digit marks":       "1,2 1.2 1;2 1'2 1\u066c2 1\u066b2 1\u037e2 1\u0589x 1\u060c2 1\u2044 1\ufe502 1\ufe542 1\uff0c2 1\uff1b2 ١,٢ 1,٢ ١.2 1\u0301,2 1,\u03012 1\u00ad.2 1.\u200d2 1\u200b,2",
	"katakana":          "カタカナ カ_カ カー ｶﾀｶﾅ ｰ カ\u3099 カ1 1カ aカ カa 〱 カ゛ ㇰ カ_1 _カ_",
	"extend num let":    "a_b _ __ a__b 1_2 a\u203fb a\u2040b a\u2054b a\ufe33b a\ufe4fb a\uff3fb ‿ a\u202fb",
	"zwj and modifiers": "👨\u200d👩 👍\U0001F3FB a\U0001F3FBb x\u200dy \u200d 👍\u200d \u2764\ufe0f a\ufe0fb",
	"regional":          "🇫🇷🇩🇪🇮 a🇫b 🇫\u0301🇷 1🇫",
	"hebrew quotes":     "א\"ב א\" \"א א'ב א' צה\"ל ש\"\"ל א\u05b0\"ב א\"\u05b0ב aא\"ב א\"a",
	"format characters": "a\u00adb \u00ad \u00adab ab\u00ad a\u200bb a\u200cb a\u200eb a\u200fb a\u2060b \u2060 a\ufeffb \u200b\u200b 1\u00ad2 a\u0600b",
	"ascii then mark":   "cafe\u0301 e\u0301 a\u0301 1\u0301 _\u0301 .\u0301 '\u0301 ,\u0301 -\u0301 \u0301\u0301 a\u20dd 1\u0301a",
	"line ends":         "a\r\nb\r\rb\n\nc\r\n\u0301 a\u0085b a\u2028b a\u2029b a\vb a\fb",
	"nbsp":              "a\u00a0b 1\u00a02 a\u2007b a\u202fb a\u3000b",
	"non-ascii letters": "Ǆ ǅ ß ſt ﬁ ﬀ ŉ ʼn aʼb aˈb ａｂ ａ.ｂ ｱ ꙮ 𝒜𝒷 𝟏𝟐",
	"scripts":           "ไทย ภาษา ລາວ ខ្មែរ မြန်မာ हिन्दी বাংলা தமிழ் ગુજરાતી 中文 ひらがな 한국어 가 가\u0301",
	"ascii around high": "ab東cd 12東34 a.東 東.a 1,東 東,1 a'é é'a a:é é:a 1.١ ١.1 a_東 東_a",
	"replacement char":  "a\ufffdb \ufffd 1\ufffd2",
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

// TestWordTokenizerBoundaries puts a rune that the scanner must take
// (a letter, a mark, a format character, a joiner, an ideograph, a
// Hebrew letter, an ASCII separator) at every rune boundary of every
// case, so that an ASCII stretch ends and a non-ASCII one begins at each
// place in each context.
func TestWordTokenizerBoundaries(t *testing.T) {
	inserts := []string{"é", "\u0301", "\u00ad", "\u200b", "\u200d", "東", "カ", "א", "’", "·", "٣", " ", "\u00a0", "\r\n", "_"}
	ours, theirs := wordTokenizer{bleve: unicode.NewUnicodeTokenizer()}, unicode.NewUnicodeTokenizer()
	n := 0
	for name, text := range tokenizeCases {
		for at := 0; at <= len(text); at++ {
			if at < len(text) && !utf8.RuneStart(text[at]) {
				continue
			}
			for _, ins := range inserts {
				in := []byte(text[:at] + ins + text[at:])
				got, want := ours.Tokenize(in), theirs.Tokenize(in)
				if !tokensSame(got, want) {
					t.Fatalf("%s, %q at %d: %q:\n got %v\nwant %v", name, ins, at, in, got, want)
				}
				if _, fast := splitWords(in); !fast && utf8.Valid(in) {
					t.Fatalf("%s, %q at %d: %q: handed to bleve's tokenizer", name, ins, at, in)
				}
				n++
			}
		}
	}
	if n < 10000 {
		t.Fatalf("only %d texts", n)
	}
}

// tokensSame reports whether a and b are the same tokens.
func tokensSame(a, b analysis.TokenStream) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !tokenEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

// TestWordTokenizerLongChunk checks that a long stretch with no ASCII
// separator (Chinese, Japanese, Thai) is split with a fixed number of
// allocations, not a growing slice of segments copied at each growth.
func TestWordTokenizerLongChunk(t *testing.T) {
	para := "东京都知事选举于周日举行，投票率为百分之五十五。候选人们讨论了住房、交通和老龄化等问题。"
	tok := wordTokenizer{bleve: unicode.NewUnicodeTokenizer()}
	for _, size := range []int{4 << 10, 64 << 10} {
		in := []byte(strings.Repeat(para, size/len(para)))
		MustTokensEqual(t, tok.Tokenize(in), unicode.NewUnicodeTokenizer().Tokenize(in))
		if n := testing.AllocsPerRun(3, func() { tok.Tokenize(in) }); n > 8 {
			t.Errorf("%d bytes: %.0f allocations, want at most 8", len(in), n)
		}
	}
}
