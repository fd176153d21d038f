package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// NormalizeLang turns a language tag as found in pages ("en_US", "EN-us",
// "en-US,fr") into BCP 47 form ("en-US"), or "" when it is not a tag.
func NormalizeLang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, "_", "-")
	parts := strings.Split(s, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return ""
	}
	for _, r := range parts[0] {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return ""
		}
	}
	out := []string{strings.ToLower(parts[0])}
	for _, p := range parts[1:] {
		switch {
		case p == "":
			return ""
		case len(p) == 2:
			out = append(out, strings.ToUpper(p))
		case len(p) == 4:
			out = append(out, strings.ToUpper(p[:1])+strings.ToLower(p[1:]))
		default:
			out = append(out, strings.ToLower(p))
		}
	}
	if out[0] == "x" || out[0] == "und" || out[0] == "zxx" {
		return ""
	}
	return strings.Join(out, "-")
}

// stopwordLangs lists the languages recognised by frequent words; the
// bit i of a stopwords entry stands for stopwordLangs[i].
var stopwordLangs = []string{"en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl", "ru", "tr", "id"}

// stopwords maps frequent short words of languages written in Latin or
// Cyrillic script to the set of languages using them. It is built on first
// use, not when the binary starts (a command that never extracts does not
// need it).
var stopwords = sync.OnceValue(func() map[string]uint16 { return buildStopwords(stopwordLists) })

// stopwordLists holds stopwords' words, one string per language of
// stopwordLangs.
var stopwordLists = []string{
	"the of and to in is that for it was on with as he be by at are this his have from not but they which an or had her were been has their",
	"le la les des et est un une du dans que qui pour pas sur au avec ce il elle sont par plus ne se en aux été cette mais ont",
	"der die und das ist nicht ein eine zu den mit sich des auf für im dem auch es an als nach wie bei aus sie er wird hat werden noch",
	"el la los las de que y en un una es por con para del se al lo como más pero sus le ya fue este ha si porque esta son entre",
	"il di che la è e per un una non in con del della sono si le gli da al ha nel alla anche come più ma questo dei",
	"o a os as de que e do da em um uma para com não por no na se mais foi ao dos das como mas seu sua ou ser está são",
	"de het een en van is dat op te in niet zijn met voor hij er maar ook als bij aan om door naar dan wat",
	"och att det som en på är av för med till den har de inte om ett han var men så vi från",
	"i w na z że się nie do to jest o jak co po ale od za tak jego przez już są dla",
	"и в не на что с он как по это к но из у за от о его то так же она для был",
	"ve bir bu da de için ile çok olarak daha gibi olan ama en ne sonra kadar değil",
	"yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada mereka oleh",
}

func buildStopwords(lists []string) map[string]uint16 {
	m := make(map[string]uint16)
	for i, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] |= 1 << i
		}
	}
	return m
}

// GuessLanguage guesses the language of text from its script and, for
// Latin and Cyrillic text, from frequent words. It returns "" when unsure.
func GuessLanguage(text string) string {
	lang, latinOrCyrillic := scriptGuess(text)
	if !latinOrCyrillic {
		return lang
	}
	if len(text) > 4000 {
		text = text[:4000]
	}
	counts, n := stopwordCounts(text)
	best, bestN := -1, 0
	for i, c := range counts[:len(stopwordLangs)] {
		if c > bestN {
			best, bestN = i, c
		}
	}
	if best < 0 || bestN*20 < n || bestN < 3 {
		return lang
	}
	return stopwordLangs[best]
}

// stopwordCounts counts the words of text and, per language of
// stopwordLangs, those that are its stopwords. The words are those of
// strings.FieldsFunc(strings.ToLower(text), not a letter), read rune by
// rune into a buffer on the stack instead of two copies of the text and a
// slice of words: the same counts.
func stopwordCounts(text string) (counts [16]int, n int) {
	var buf [stopwordMaxLen + utf8.UTFMax]byte
	w, long := buf[:0], false
	words := stopwords()
	end := func() {
		if len(w) == 0 && !long {
			return
		}
		n++
		if bits := words[string(w)]; bits != 0 && !long {
			for i := range stopwordLangs {
				if bits&(1<<i) != 0 {
					counts[i]++
				}
			}
		}
		w, long = buf[:0], false
	}
	for _, r := range text {
		if r = unicode.ToLower(r); !unicode.IsLetter(r) {
			end()
			continue
		}
		if long || len(w) >= stopwordMaxLen {
			long = true // longer than any stopword
			continue
		}
		w = utf8.AppendRune(w, r)
	}
	end()
	return counts, n
}

// stopwordMaxLen is more bytes than the longest stopword has
// (TestStopwordCounts checks).
const stopwordMaxLen = 24

// scriptGuess names the language implied by the dominant script of text.
// For Latin and Cyrillic it reports latinOrCyrillic, with "ru" as lang for
// Cyrillic; it returns "" for too little text.
func scriptGuess(text string) (lang string, latinOrCyrillic bool) {
	if len(text) > 3000 {
		text = text[:3000]
	}
	var n scriptCounts
	persian := 0
	for _, r := range text {
		sc := scriptOf(r)
		if sc < 0 {
			continue
		}
		n[sc]++
		if sc == scriptArabic && strings.ContainsRune("پچژگیک", r) {
			persian++
		}
	}
	total := 0
	for _, c := range n {
		total += c
	}
	if total < 20 {
		return "", false
	}
	return n.verdict(persian)
}

// script is a writing system scriptGuess counts letters of.
type script int

const (
	scriptLatin script = iota
	scriptCyrillic
	scriptArabic
	scriptHebrew
	scriptHan
	scriptKana
	scriptHangul
	scriptThai
	scriptGreek
	scriptDevanagari
	numScripts
)

// scriptCounts holds the letters of each script in a text.
type scriptCounts [numScripts]int

// scriptOf names r's script, or -1 for a rune scriptGuess does not count
// (digits, punctuation, scripts it does not tell apart).
func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return scriptLatin
		}
	case r < 0x250:
		if unicode.IsLetter(r) {
			return scriptLatin
		}
	case r >= 0x400 && r < 0x530:
		return scriptCyrillic
	case r >= 0x600 && r < 0x700 || r >= 0x750 && r < 0x780 || r >= 0xfb50 && r < 0xfe00 || r >= 0xfe70 && r < 0xff00:
		return scriptArabic
	case r >= 0x590 && r < 0x600:
		return scriptHebrew
	case r >= 0x3040 && r < 0x3100:
		return scriptKana
	case r >= 0x4e00 && r < 0xa000 || r >= 0x3400 && r < 0x4dc0:
		return scriptHan
	case r >= 0xac00 && r < 0xd7b0 || r >= 0x1100 && r < 0x1200:
		return scriptHangul
	case r >= 0xe00 && r < 0xe80:
		return scriptThai
	case r >= 0x370 && r < 0x400:
		return scriptGreek
	case r >= 0x900 && r < 0x980:
		return scriptDevanagari
	}
	return -1
}

// verdict names the language of the script with the most letters, Han and
// kana counted together (ties go to the first in this order); persian is
// the Arabic letters only Persian uses.
func (n scriptCounts) verdict(persian int) (lang string, latinOrCyrillic bool) {
	cjk := n[scriptHan] + n[scriptKana]
	switch max(n[scriptLatin], n[scriptCyrillic], n[scriptArabic], n[scriptHebrew], cjk,
		n[scriptHangul], n[scriptThai], n[scriptGreek], n[scriptDevanagari]) {
	case n[scriptLatin]:
		return "", true
	case n[scriptCyrillic]:
		return "ru", true
	case n[scriptArabic]:
		if persian*20 > n[scriptArabic] {
			return "fa", false
		}
		return "ar", false
	case n[scriptHebrew]:
		return "he", false
	case cjk:
		if n[scriptKana]*10 > cjk {
			return "ja", false
		}
		return "zh", false
	case n[scriptHangul]:
		return "ko", false
	case n[scriptThai]:
		return "th", false
	case n[scriptGreek]:
		return "el", false
	}
	return "hi", false
}

// DetectLanguage names the language of text (ISO 639-1) from its
// letters, with a confidence from 0 to 1; "" when it cannot tell. It reads
// the first few thousand bytes, with the trigram models of
// github.com/RadhiFadlillah/whatlanggo, except for Chinese and Japanese,
// told apart by their share of kana.
func DetectLanguage(text string) (string, float64) {
	text = head(text, detectBytes)
	if lang, _ := scriptGuess(text); lang == "ja" || lang == "zh" {
		return lang, 1
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 {
		return "", 0
	}
	code := isoCodes()[info.Lang]
	if code == "" {
		return "", 0
	}
	return code, info.Confidence
}

// detectBytes is how much of a text DetectLanguage reads.
const detectBytes = 1000

// LanguageRule chooses between the language a page declares and the one
// its text is in: the declared tag stands unless the text has at least
// MinLetters letters and the detector finds, with at least MinConfidence,
// another language that it knows, the declared one included.
type LanguageRule struct {
	MinConfidence float64
	MinLetters    int
}

// DefaultLanguageRule is the rule Extract applies; its thresholds were
// chosen with internal/langeval on the tuning half of the evaluation sets.
func DefaultLanguageRule() LanguageRule {
	return LanguageRule{MinConfidence: 0.8, MinLetters: 100}
}

// ChooseLanguage applies DefaultLanguageRule: the language of a page that
// declares declared (a tag as NormalizeLang returns it, or "") and whose
// text is text.
func ChooseLanguage(declared, text string) string {
	return DefaultLanguageRule().Choose(declared, text)
}

// Choose returns the language of a page that declares declared (a tag as
// NormalizeLang returns it, or "") and whose text is text. With nothing
// declared, it is the detected language, however confident (a guess beats
// no answer there: see internal/langeval).
func (r LanguageRule) Choose(declared, text string) string {
	if declared == "" {
		lang, _ := DetectLanguage(text)
		return lang
	}
	if letters(text, r.MinLetters) < r.MinLetters || !detectable(declared) {
		return declared
	}
	// The stopword guess costs a tenth of the trigram detector: when it
	// agrees with the declared tag, the tag stands.
	if g := GuessLanguage(head(text, detectBytes)); g != "" && sameLanguage(declared, g) {
		return declared
	}
	lang, conf := DetectLanguage(text)
	if lang == "" || conf < r.MinConfidence || sameLanguage(declared, lang) {
		return declared
	}
	return lang
}

// head returns the first n bytes of s, cut at a rune boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.RuneStart(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// letters counts the letters of s, stopping at max.
func letters(s string, max int) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if n++; n == max {
				break
			}
		}
	}
	return n
}

// primaryTag returns the primary subtag of a language tag, with the
// variants detectors do not tell apart folded together.
func primaryTag(tag string) string {
	if i := strings.IndexByte(tag, '-'); i >= 0 {
		tag = tag[:i]
	}
	switch tag = strings.ToLower(tag); tag {
	case "no", "nn":
		return "nb"
	case "bs", "sr", "sh":
		return "hr"
	case "iw":
		return "he"
	case "in":
		return "id"
	}
	return tag
}

// sameLanguage reports whether two tags name the same language for
// detection (Japanese pages hold Chinese characters: a page declared
// Japanese is not overridden by Chinese).
func sameLanguage(declared, detected string) bool {
	d, g := primaryTag(declared), primaryTag(detected)
	return d == g || d == "ja" && g == "zh"
}

// detectable reports whether the detector knows the language of tag: a
// page declared in a language it does not know (Catalan, Albanian,
// Slovak...) would be overridden by the nearest one it knows.
func detectable(tag string) bool {
	t := primaryTag(tag)
	for _, code := range isoCodes() {
		if primaryTag(code) == t {
			return true
		}
	}
	return false
}

// isoCodes maps the detector's languages to ISO 639-1 codes, built on
// first use (not at start-up).
var isoCodes = sync.OnceValue(func() map[whatlanggo.Lang]string {
	m := make(map[whatlanggo.Lang]string, len(whatlanggo.Langs))
	for l := range whatlanggo.Langs {
		m[l] = l.Iso6391()
	}
	return m
})
