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

// stopwordLangs lists the languages recognised by frequent words; the
// bit i of a stopwords entry stands for stopwordLangs[i].
var stopwordLangs = []string{"en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl", "ru", "tr", "id"}

// stopwords maps frequent short words of languages written in Latin or
// Cyrillic script to the set of languages using them.
var stopwords = buildStopwords([]string{
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
})

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
	var counts [16]int
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		n++
		if bits := stopwords[w]; bits != 0 {
			for i := range stopwordLangs {
				if bits&(1<<i) != 0 {
					counts[i]++
				}
			}
		}
	}
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

// scriptGuess names the language implied by the dominant script of text.
// For Latin and Cyrillic it reports latinOrCyrillic, with "ru" as lang for
// Cyrillic; it returns "" for too little text.
func scriptGuess(text string) (lang string, latinOrCyrillic bool) {
	if len(text) > 3000 {
		text = text[:3000]
	}
	var latin, cyr, arabic, hebrew, han, kana, hangul, thai, greek, devanagari, persian int
	for _, r := range text {
		switch {
		case r < 0x80:
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				latin++
			}
		case r < 0x250:
			if unicode.IsLetter(r) {
				latin++
			}
		case r >= 0x400 && r < 0x530:
			cyr++
		case r >= 0x600 && r < 0x700 || r >= 0x750 && r < 0x780 || r >= 0xfb50 && r < 0xfe00 || r >= 0xfe70 && r < 0xff00:
			arabic++
			switch r {
			case 'پ', 'چ', 'ژ', 'گ', 'ی', 'ک':
				persian++
			}
		case r >= 0x590 && r < 0x600:
			hebrew++
		case r >= 0x3040 && r < 0x3100:
			kana++
		case r >= 0x4e00 && r < 0xa000 || r >= 0x3400 && r < 0x4dc0:
			han++
		case r >= 0xac00 && r < 0xd7b0 || r >= 0x1100 && r < 0x1200:
			hangul++
		case r >= 0xe00 && r < 0xe80:
			thai++
		case r >= 0x370 && r < 0x400:
			greek++
		case r >= 0x900 && r < 0x980:
			devanagari++
		}
	}
	total := latin + cyr + arabic + hebrew + han + kana + hangul + thai + greek + devanagari
	if total < 20 {
		return "", false
	}
	switch max(latin, cyr, arabic, hebrew, han+kana, hangul, thai, greek, devanagari) {
	case latin:
		return "", true
	case cyr:
		return "ru", true
	case arabic:
		if persian*20 > arabic {
			return "fa", false
		}
		return "ar", false
	case hebrew:
		return "he", false
	case han + kana:
		if kana*10 > han+kana {
			return "ja", false
		}
		return "zh", false
	case hangul:
		return "ko", false
	case thai:
		return "th", false
	case greek:
		return "el", false
	}
	return "hi", false
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
