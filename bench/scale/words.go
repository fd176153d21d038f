package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// language is the vocabulary of one language: real function and common
// words at the top of the frequency ranking, then made-up words built from
// the language's syllables, so that word(rank) is the same word in the
// generator and in the benchmark's queries.
type language struct {
	code      string
	common    []string // ranks 0..len-1, most frequent first
	syllables []string // consonant-vowel pairs: two bytes each, so words are unique per rank
	sections  []string
	zones     []int // UTC offsets in seconds of the language's sites
}

// vocabSize is the number of distinct words of each language.
const vocabSize = 60000

var languages = []language{
	{code: "en", common: strings.Fields(`the of and to a in that is for on it with was as he at by his
		said from be have are has its not but an they this were after who had will been their would new
		more year people two first government last over also police city state president minister years
		week time told report could than about election court officials country world company market health
		school water house party team season million percent public plan climate vote deal council workers`),
		syllables: cv("bcdfghklmnprstvw", "aeiou"), zones: []int{0, -5 * 3600, -8 * 3600, 3600},
		sections: []string{"Politics", "World", "Business", "Sport", "Culture", "Science", "Opinion", "Technology", "Health", "Local"}},
	{code: "fr", common: strings.Fields(`de la le et les des en un une du est pour que dans qui sur au par
		pas plus ne il se ce avec sont mais elle ont été aussi ans deux gouvernement président ville pays
		ministre selon année police élection projet travail santé école monde`),
		syllables: cv("bcdfglmnprstv", "aeiouéè"), zones: []int{3600, 7200},
		sections: []string{"Politique", "Monde", "Économie", "Sport", "Culture", "Sciences", "Opinions", "Santé"}},
	{code: "de", common: strings.Fields(`der die und in den von zu das mit sich des auf für ist im dem nicht
		ein eine als auch es an werden aus er hat dass sie nach wird bei einer um noch wie einem über
		Regierung Stadt Jahr Prozent Polizei Wahl Land Minister Präsident Millionen`),
		syllables: cv("bdfghklmnprstwz", "aeiouä"), zones: []int{3600, 7200},
		sections: []string{"Politik", "Ausland", "Wirtschaft", "Sport", "Kultur", "Wissen", "Meinung", "Gesundheit"}},
	{code: "es", common: strings.Fields(`de la que el en y a los se del las un por con no una su para es al
		lo como más pero sus le ya o fue este ha sí porque esta entre cuando gobierno presidente año país
		ciudad policía elecciones millones ministro`),
		syllables: cv("bcdfglmnprstv", "aeiouá"), zones: []int{3600, 7200, -6 * 3600, -3 * 3600},
		sections: []string{"Política", "Internacional", "Economía", "Deportes", "Cultura", "Ciencia", "Opinión", "Salud"}},
	{code: "it", common: strings.Fields(`di e il la che in a per un del non è una con le si da i al della
		sono più anche come ma ha dei nel alla governo presidente anni città paese polizia elezioni
		ministro milioni`),
		syllables: cv("bcdfglmnprstvz", "aeiou"), zones: []int{3600, 7200},
		sections: []string{"Politica", "Esteri", "Economia", "Sport", "Cultura", "Scienza", "Opinioni", "Salute"}},
	{code: "pt", common: strings.Fields(`de a o que e do da em um para é com não uma os no se na por mais
		as dos como mas foi ao ele das tem à seu sua governo presidente anos cidade país polícia eleições
		ministro milhões`),
		syllables: cv("bcdfglmnprstv", "aeiouã"), zones: []int{0, 3600, -3 * 3600},
		sections: []string{"Política", "Mundo", "Economia", "Esporte", "Cultura", "Ciência", "Opinião", "Saúde"}},
	{code: "nl", common: strings.Fields(`de van het een en in is dat op te zijn met voor niet aan er die
		door ook om als bij maar nog uit wordt jaar regering stad politie verkiezingen minister miljoen
		procent`),
		syllables: cv("bdfghklmnprstvw", "aeiou"), zones: []int{3600, 7200},
		sections: []string{"Politiek", "Buitenland", "Economie", "Sport", "Cultuur", "Wetenschap", "Opinie", "Gezondheid"}},
}

// cv returns every consonant-vowel pair.
func cv(consonants, vowels string) []string {
	var out []string
	for _, c := range consonants {
		for _, v := range vowels {
			out = append(out, string(c)+string(v))
		}
	}
	return out
}

// word returns the word of rank r (0 is the most frequent).
func (l *language) word(r int) string {
	if r < len(l.common) {
		return l.common[r]
	}
	n := r - len(l.common) + len(l.syllables) // at least two syllables
	var b strings.Builder
	var digits []int
	for n > 0 {
		digits = append(digits, n%len(l.syllables))
		n /= len(l.syllables)
	}
	for i := len(digits) - 1; i >= 0; i-- {
		b.WriteString(l.syllables[digits[i]])
	}
	return b.String()
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

var firstNames = strings.Fields(`Anna James Maria David Sarah Michael Laura Thomas Sophie Daniel Julia
	Pierre Claire Hans Ingrid Carlos Lucia Marco Giulia João Ana Pieter Femke Amina Omar Yuki Chen Priya
	Raj Fatima Olga Ivan Elena Lars Emma Noah Mia Lucas Chloé Léa Jonas Paula Diego Sofia Matteo Inês`)

var lastNames = strings.Fields(`Smith Johnson Brown Garcia Müller Schmidt Rossi Bianchi Dubois Martin
	Bernard Silva Santos Jansen Visser Kowalski Novak Ivanova Tanaka Wang Li Patel Khan Haddad Okafor
	Andersen Nilsen Fischer Weber Moreau Laurent Fernández López Romano Costa Pereira Bakker Dekker
	Murphy Kelly Walsh Cohen Levi Sato Kim Park Nguyen`)

var sitePrefixes = strings.Fields(`daily morning evening metro city valley coast north south east west
	central national global local free new old first capital harbor river mountain`)

var siteNouns = strings.Fields(`herald times post gazette tribune observer courier journal chronicle
	news dispatch ledger standard express record sentinel voice echo monitor review bulletin`)

var siteTLDs = map[string][]string{
	"en": {"com", "co.uk", "net", "org", "com.au"}, "fr": {"fr", "be", "ch"}, "de": {"de", "at", "ch"},
	"es": {"es", "com.mx", "com.ar"}, "it": {"it"}, "pt": {"pt", "com.br"}, "nl": {"nl", "be"},
}
