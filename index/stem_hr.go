package index

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Croatian analysis: stop words and a light stemmer of our own. bleve's
// analyzer for Croatian compiles 74 regular expressions when its package
// is initialised, which every run of the binary paid (4-6 ms of a 40 ms
// start) whether it indexed Croatian or not. This one is a table of
// endings, read when a Croatian word is stemmed; TestStemCroatian compares
// it with bleve's on a few hundred word forms.
const (
	analyzerHR      = "archivist_hr"
	filterStemHR    = "archivist_stemmer_hr"
	tokenMapStopHR  = "archivist_stop_hr_words"
	filterStopHR    = "archivist_stop_hr"
	minStemRunes    = 2 // a stem keeps at least this many letters...
	minLongStemRune = 3 // ...and this many when the ending has two letters or more
)

// stopWordsHR are the Croatian words the stemmed field leaves out:
// conjunctions, prepositions, particles, personal, possessive,
// demonstrative and relative pronouns, and the auxiliary forms of biti
// (to be) and htjeti (will), which carry the tense and not the meaning.
var stopWordsHR = []string{
	// conjunctions and particles
	"i", "a", "ali", "ili", "pa", "te", "da", "ne", "ni", "niti", "nego", "no", "već", "jer", "ako", "kad", "kada",
	"dok", "čim", "kao", "li", "zar", "čak", "još", "samo", "tek", "baš", "sve", "što", "tko", "kako", "gdje",
	"kamo", "zašto", "koliko", "onda", "tada", "tamo", "ovdje", "sad", "sada", "pak", "ipak", "dakle",
	// prepositions
	"u", "na", "o", "od", "do", "za", "s", "sa", "iz", "k", "ka", "po", "pri", "prema", "kod", "nad", "iznad",
	"pod", "ispod", "pred", "ispred", "između", "kroz", "bez", "oko", "uz", "nakon", "prije", "poslije",
	"zbog", "protiv", "među", "preko", "osim", "unatoč", "iza", "van",
	// personal and reflexive pronouns
	"ja", "ti", "on", "ona", "ono", "mi", "vi", "oni", "one", "me", "mene", "meni", "mnom", "tebe", "tebi", "tobom",
	"ga", "njega", "njemu", "njim", "njime", "ju", "je", "nju", "nje", "njoj", "njom", "nas", "nama", "vas", "vama",
	"ih", "njih", "im", "njima", "se", "sebe", "sebi", "sobom", "mu", "joj", "nam", "vam",
	// possessive, demonstrative, relative and indefinite pronouns
	"moj", "moja", "moje", "moji", "tvoj", "tvoja", "tvoje", "njegov", "njegova", "njegovo", "njegove", "njegovi",
	"njezin", "njezina", "njezino", "njen", "njena", "naš", "naša", "naše", "naši", "vaš", "vaša", "vaše", "vaši",
	"njihov", "njihova", "njihovo", "njihove", "njihovi", "svoj", "svoja", "svoje", "svoji", "svojim", "svojih",
	"taj", "ta", "to", "tog", "toga", "tom", "tome", "tim", "tih", "toj", "tu", "ovaj", "ova", "ovo", "ove", "ovi",
	"ovog", "ovoga", "ovom", "ovoj", "ovim", "ovih", "onaj", "onog", "onom", "onoj", "onim", "onih",
	"koji", "koja", "koje", "kojeg", "kojega", "kojem", "kojemu", "kojoj", "kojom", "kojim", "kojih", "kojima",
	"čiji", "čija", "čije", "svi", "sva", "svih", "svim", "svima", "svaki", "svaka", "svako", "neki", "neka",
	"neko", "nešto", "netko", "nitko", "ništa", "ikoji",
	// biti (to be), htjeti (will), as auxiliaries
	"biti", "sam", "si", "smo", "ste", "su", "nisam", "nisi", "nije", "nismo", "niste", "nisu", "jesam", "jest",
	"jesu", "bio", "bila", "bilo", "bili", "bile", "bi", "bih", "bismo", "biste", "bješe", "budem", "bude", "budu",
	"ću", "ćeš", "će", "ćemo", "ćete", "neću", "nećeš", "neće", "nećemo", "nećete",
}

// hrEndings are the inflectional endings the stemmer strips, grouped by
// what they inflect; it strips the longest that leaves a stem long enough
// and that the ending may follow (hrEndingFits). They are listed as the
// grammar gives them, not sorted: the stemmer tries every one.
var hrEndings = []string{
	// nouns: cases of the masculine, feminine and neuter declensions,
	// with the plural -ov-/-ev- of short masculine nouns (grad, gradovi)
	"a", "e", "i", "o", "u", "om", "em", "ima", "ama", "ovi", "ova", "ove", "ovima", "evi", "eva", "eve", "evima",
	// nouns in -ija (policija, komisija) and -ij (kriterij)
	"ij", "ija", "ije", "iji", "iju", "ijom", "ijama", "ijima",
	// nouns in -at (rezultat, kandidat), whose plural -ati would
	// otherwise read as an infinitive
	"at", "ata", "atu", "atom", "ati", "ate", "atima",
	// adjectives and pronouns: long forms of the three genders
	"og", "oga", "omu", "ome", "eg", "oj", "ih", "im",
	// comparatives (noviji, novijeg)
	"ijeg", "ijega", "ijem", "ijemu", "ijih", "ijim", "ijoj",
	// verbs: infinitives, present tense of the a-, i-, e- and uje-
	// conjugations, the l-participle (after a consonant: rekla, mogli),
	// the present and past adverbs, the passive participle of verbs whose
	// v, p, b or m takes lj (objaviti, objavljen)
	"iti", "eti", "jeti", "uti", "ovati", "ivati",
	"am", "aš", "amo", "aju", "iš", "imo", "ite", "eš", "emo", "ete",
	"ujem", "uješ", "uje", "ujemo", "ujete", "uju",
	"ao", "ala", "alo", "ali", "ale", "io", "ila", "ilo", "ili", "ile", "uo", "ula", "ulo", "uli", "ule",
	"jela", "jelo", "jeli", "jele", "la", "lo", "li", "le",
	"ovao", "ovala", "ovalo", "ovali", "ovale",
	"ajući", "ujući", "eći", "ući", "avši", "ivši",
	"ljen", "ljena", "ljeno", "ljeni", "ljene", "ljenog", "ljenom", "ljenoj", "ljenih", "ljenim", "ljenu",
	// verbal nouns (glasanje, glasanja)
	"anje", "anja", "anju", "anjem", "anjima", "enje", "enja", "enju", "enjem", "enjima",
}

// hrStem returns the stem of word, a lower-case Croatian word: the longest
// ending of hrEndings is cut off when what is left keeps a vowel and enough
// letters, then the stem's sound changes are undone (hrStemEnd). Words of
// fewer than three letters, and words without an ending it knows, are kept
// as they are (apart from hrStemEnd).
func hrStem(word string) string {
	n := utf8.RuneCountInString(word)
	if n < 3 {
		return word
	}
	best := ""
	for _, e := range hrEndings {
		if len(e) <= len(best) || !strings.HasSuffix(word, e) {
			continue
		}
		if stem := word[:len(word)-len(e)]; hrEndingFits(stem, e) {
			best = e
		}
	}
	return hrStemEnd(word[:len(word)-len(best)])
}

// hrEndingFits reports whether ending e may be cut off to leave stem: the
// stem keeps a vowel and two letters (three for an ending of two letters
// or more), and a few endings follow only some sounds.
func hrEndingFits(stem, e string) bool {
	min := minStemRunes
	if utf8.RuneCountInString(e) > 1 {
		min = minLongStemRune
	}
	if utf8.RuneCountInString(stem) < min || !hasVowelHR(stem) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(stem)
	switch e {
	case "em":
		// the instrumental of soft stems (strancem, krajem, putem) and
		// the present of e-verbs (krenem, pišem), not problem or sistem
		return strings.ContainsRune("cčćđjnštžr", last)
	case "la", "lo", "li", "le":
		// the l-participle of verbs whose stem ends in a consonant
		// (rekla, mogli, došlo), not škola or kanali
		return strings.ContainsRune("kgšszžh", last)
	case "ljen", "ljena", "ljeno", "ljeni", "ljene", "ljenog", "ljenom", "ljenoj", "ljenih", "ljenim", "ljenu":
		return strings.ContainsRune("vpbm", last)
	}
	return true
}

// hasVowelHR reports whether s has a vowel, counting r between consonants
// (the syllabic r of prst, krv, trg).
func hasVowelHR(s string) bool {
	return strings.ContainsAny(s, "aeiour")
}

// hrStemEnd undoes at the end of a stem the sound changes of inflection:
// the fleeting a of -ac, -ak, -ar and -an (stranac, stranca; momak, momka;
// ministar, ministra; važan, važna), and the softening of k and g before
// -i and -e (vojnik, vojnici, vojniče; knjiga, knjizi; moći, mogu, može)
// and of s before the present tense (pisati, pišem). Both are undone on
// every stem, whether its word has the change or not (sekretar, sekretara
// both give sekretr): a function of the stem alone keeps all the forms of
// a word together, at the cost of a rare meeting of two words' stems.
func hrStemEnd(stem string) string {
	for _, tail := range [...]string{"ac", "ak", "ar", "an"} {
		if before, ok := strings.CutSuffix(stem, tail); ok && utf8.RuneCountInString(before) >= 2 && hasVowelHR(before) && !endsInVowel(before) {
			stem = before + tail[1:]
			break
		}
	}
	r, size := utf8.DecodeLastRuneInString(stem)
	switch r {
	case 'c', 'č':
		stem = stem[:len(stem)-size] + "k"
	case 'z', 'ž':
		stem = stem[:len(stem)-size] + "g"
	case 'š':
		stem = stem[:len(stem)-size] + "s"
	}
	// A noun in -og or -eg (razlog, snijeg) loses them as an adjective's
	// ending in its first form: the others lose them here.
	for _, e := range [...]string{"og", "eg"} {
		if before, ok := strings.CutSuffix(stem, e); ok && hrEndingFits(before, e) {
			return before
		}
	}
	return stem
}

func endsInVowel(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("aeiou", r)
}

// stemmerHR is the token filter named filterStemHR.
type stemmerHR struct{}

// Filter replaces the term of each token by its stem.
func (stemmerHR) Filter(ts analysis.TokenStream) analysis.TokenStream {
	for _, t := range ts {
		// The term may share its bytes with the text: a new slice,
		// never a write into it.
		if s := hrStem(string(t.Term)); s != string(t.Term) {
			t.Term = []byte(s)
		}
	}
	return ts
}

// legacyAnalyzerHR is the name of bleve's Croatian analyzer, which the
// mappings of index formats 5 and older name for stem_hr.
const legacyAnalyzerHR = "hr"

var registerHROnce sync.Once

// registerStemmerHR adds filterStemHR to bleve's registry of token filters,
// once per process, and a stand-in for bleve's Croatian analyzer
// (legacyAnalyzerHR), which this binary does not link: without it, an
// index built by an older archivist would fail to open on an unknown
// analyzer, instead of opening far enough for checkVersion to say which
// format it is. Where bleve's analyzer is linked (the tests compare with
// it), the registry keeps that one.
func registerStemmerHR() {
	registerHROnce.Do(func() {
		registry.RegisterTokenFilter(filterStemHR, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return stemmerHR{}, nil
		})
		_ = registry.RegisterAnalyzer(legacyAnalyzerHR, func(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
			tok, err := cache.TokenizerNamed("unicode")
			if err != nil {
				return nil, err
			}
			lower, err := cache.TokenFilterNamed("to_lower")
			if err != nil {
				return nil, err
			}
			return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: []analysis.TokenFilter{lower, stemmerHR{}}}, nil
		})
	})
}

// addCroatian adds the Croatian analyzer to im: the Unicode tokenizer,
// lower case, stopWordsHR and hrStem.
func addCroatian(im *mapping.IndexMappingImpl) error {
	registerStemmerHR()
	words := make([]any, len(stopWordsHR))
	for i, w := range stopWordsHR {
		words[i] = w
	}
	if err := im.AddCustomTokenMap(tokenMapStopHR, map[string]any{"type": "custom", "tokens": words}); err != nil {
		return err
	}
	if err := im.AddCustomTokenFilter(filterStopHR, map[string]any{"type": "stop_tokens", "stop_token_map": tokenMapStopHR}); err != nil {
		return err
	}
	return im.AddCustomAnalyzer(analyzerHR, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []any{"to_lower", filterStopHR, filterStemHR},
	})
}
