package extract

import (
	"strings"
	"unicode"
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

// stopwords are frequent short words of languages written in Latin or
// Cyrillic script.
var stopwords = map[string]map[string]bool{
	"en": set("the of and to in is that for it was on with as he be by at are this his have from not but they which an or had her were been has their"),
	"fr": set("le la les des et est un une du dans que qui pour pas sur au avec ce il elle sont par plus ne se en aux été cette mais ont"),
	"de": set("der die und das ist nicht ein eine zu den mit sich des auf für im dem auch es an als nach wie bei aus sie er wird hat werden noch"),
	"es": set("el la los las de que y en un una es por con para del se al lo como más pero sus le ya fue este ha si porque esta son entre"),
	"it": set("il di che la è e per un una non in con del della sono si le gli da al ha nel alla anche come più ma questo dei"),
	"pt": set("o a os as de que e do da em um uma para com não por no na se mais foi ao dos das como mas seu sua ou ser está são"),
	"nl": set("de het een en van is dat op te in niet zijn met voor hij er maar ook als bij aan om door naar dan wat"),
	"sv": set("och att det som en på är av för med till den har de inte om ett han var men så vi från"),
	"pl": set("i w na z że się nie do to jest o jak co po ale od za tak jego przez już są dla"),
	"ru": set("и в не на что с он как по это к но из у за от о его то так же она для был"),
	"tr": set("ve bir bu da de için ile çok olarak daha gibi olan ama en ne sonra kadar değil"),
	"id": set("yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada mereka oleh"),
}

func set(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// GuessLanguage guesses the language of text from its script and, for
// Latin and Cyrillic text, from frequent words. It returns "" when unsure.
func GuessLanguage(text string) string {
	if len(text) > 8000 {
		text = text[:8000]
	}
	var latin, cyr, arabic, hebrew, han, kana, hangul, thai, greek, devanagari, persian int
	for _, r := range text {
		switch {
		case r < 0x80:
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				latin++
			}
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Arabic, r):
			arabic++
			switch r {
			case 'پ', 'چ', 'ژ', 'گ', 'ی', 'ک':
				persian++
			}
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Thai, r):
			thai++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Devanagari, r):
			devanagari++
		}
	}
	total := latin + cyr + arabic + hebrew + han + kana + hangul + thai + greek + devanagari
	if total < 20 {
		return ""
	}
	switch max(latin, cyr, arabic, hebrew, han+kana, hangul, thai, greek, devanagari) {
	case arabic:
		if persian*20 > arabic {
			return "fa"
		}
		return "ar"
	case hebrew:
		return "he"
	case han + kana:
		if kana*10 > han+kana {
			return "ja"
		}
		return "zh"
	case hangul:
		return "ko"
	case thai:
		return "th"
	case greek:
		return "el"
	case devanagari:
		return "hi"
	}
	// Latin or Cyrillic: count stopwords.
	counts := make(map[string]int)
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		n++
		for lang, sw := range stopwords {
			if sw[w] {
				counts[lang]++
			}
		}
		if n > 1500 {
			break
		}
	}
	best, bestN := "", 0
	for lang, c := range counts {
		if c > bestN || c == bestN && lang < best {
			best, bestN = lang, c
		}
	}
	if bestN*20 < n || bestN < 3 {
		if cyr > latin {
			return "ru"
		}
		return ""
	}
	return best
}

// scriptLanguage reports the language implied by a non-Latin script
// (Arabic, Hebrew, CJK, Korean, Thai, Greek, Devanagari); "" otherwise.
func scriptLanguage(guess string) bool {
	switch guess {
	case "ar", "fa", "he", "ja", "zh", "ko", "th", "el", "hi":
		return true
	}
	return false
}
