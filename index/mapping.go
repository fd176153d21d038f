package index

import (
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"golang.org/x/text/unicode/norm"

	// Analysis components referenced by name from the mapping below.
	// bleve finds them through its registry, filled by these imports.
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ckb"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/da"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hi"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/hu"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/it"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/no"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/pt"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ro"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ru"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/sv"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/tr"
	_ "github.com/blevesearch/bleve/v2/analysis/token/elision"
	_ "github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	_ "github.com/blevesearch/bleve/v2/analysis/token/stop"
	_ "github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenmap"

	"github.com/archivist-project/archivist/corpus"
)

// formatVersion is the version of the index layout: the mapping below, the
// analyzers and the internal keys. Bump it whenever any of them changes, so
// that an index written by an older archivist asks for a rebuild instead of
// answering queries wrongly.
const formatVersion = 8

// Field names in the index. The names users type in query strings
// ("title:", "author:", "site:", "lang:", "tag:", "section:") are field
// names here; aliases such as "authors:" are resolved in query.go.
const (
	fieldURL          = "url"           // keyword as written, stored
	fieldTitle        = "title"         // exact text, apostrophes folded
	fieldTitleStored  = "title_raw"     // stored only: the title as written
	fieldDescription  = "description"   // stored only, in memory (snippet fallback)
	fieldText         = "text"          // stored only, in memory (snippets)
	fieldBody         = "body"          // exact text: description, text, authors, tags
	fieldAuthor       = "author"        // exact text, so author:smith works
	fieldSite         = "site"          // keyword: lower-case host
	fieldLang         = "lang"          // keyword: normalized BCP 47 tag, stored (snippet stemming)
	fieldFlags        = "flags"         // keyword, lower-cased: extraction flags
	fieldSection      = "section"       // keyword, lower-cased, for section:
	fieldTag          = "tag"           // keyword, lower-cased, for tag:
	fieldSectionFacet = "section_facet" // keyword as written, for facets
	fieldTagFacet     = "tag_facet"     // keyword as written, for facets
	fieldAuthorFacet  = "author_facet"  // keyword as written, facets and Hit.Authors
	fieldPublished    = "published"     // datetime: filters, sort
	fieldPublishedRaw = "published_raw" // stored RFC 3339 string, zone kept
	fieldYear         = "year"          // keyword "2006" (UTC): facet, histogram
	fieldMonth        = "month"         // keyword "2006-01" (UTC): facet, histogram
	fieldDay          = "day"           // keyword "2006-01-02" (UTC): facet, histogram by day and week
	fieldStemPrefix   = "stem_"         // + language: title and body in the article's language analyzer
	fieldPageType     = "page_type"     // keyword: article, listing, forum...
)

// Analyzer names defined in the mapping.
const (
	analyzerExact    = "archivist_exact"
	analyzerIndexed  = "archivist_exact_indexed" // archivist_exact without offsets: body, author
	analyzerTitle    = "archivist_exact_title"   // archivist_exact with Arabic normalization, without offsets
	analyzerStem     = "archivist_stem_en"
	analyzerKeyLower = "archivist_keyword_lower"
	analyzerKeyword  = "keyword"
)

// elisionArticles are the French, Italian and Catalan elided articles and
// pronouns that the exact analyzer strips ("l'économie" is indexed as
// "économie"). The Unicode word-break rules keep "l'économie" as one token, so
// without this a search for "économie" would miss it.
var elisionArticles = []string{
	// French
	"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
	// Italian
	"all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "v",
}

// newMapping returns the index mapping.
//
// Fields. Words are searched in two exact fields, title and body; body
// holds the description, the text, the authors and the tags. Fewer fields keep bleve's
// coordination factor (the fraction of a disjunction's clauses that match)
// from rewarding whichever field happens to repeat a word. Authors and
// tags also have fields of their own (author:, tag:). The text and the
// description are stored only in an in-memory index: an on-disk index
// reads them from the corpus for snippets (Texts).
//
// Analysis. Articles come in any language (English, French, Arabic,
// Japanese...) and the language tag of a page is often missing or wrong, so
// the text fields (title, body, author) use one
// language-neutral analyzer, archivist_exact: the Unicode word-break
// tokenizer (UAX #29, which also splits Chinese and Japanese into single
// characters and keeps Katakana runs together), NFKC normalization
// (full-width forms, ligatures, Arabic presentation forms), lower case,
// and French/Italian elision; Arabic orthographic normalization (alef and
// yeh variants, tashkeel) is applied to the text before analysis
// (foldArabic), and by the title's analyzer. It keeps every word,
// stop words included, so that an exact phrase copied from an article in
// any language is found by a phrase query. The title and body are indexed
// without positions: the forward index (fwdstore.go) keeps each article's
// title and body terms in order, and a phrase's candidates (the articles
// holding all its words, narrowed by the pairs sidecar) are checked
// there; positions took more room than the forward index and the rest of
// the postings together. The author field keeps its positions (author
// phrases go through bleve's phrase query); no field has byte offsets
// (archivist_exact_indexed, filterNoOffsets): snippets find their matches
// in the stored text.
//
// Stemming and stop words follow the article's language (index format
// 8): an article in a language with a stemmer has no exact body field;
// its title and body go, without positions, into a field of their own
// for the language (stem_de, stem_en...), where a stop word is kept as it
// is and any other word becomes its stem (a stem that is itself a stop
// word is marked, stopMark). A word is searched by its term there
// (stemmer.term), which finds every article holding the word or another
// of its forms ("Wahl" finds "Wahlen" in German articles), and a stop
// word's term finds exactly the articles that hold it. The exact body
// words that a quoted word, a phrase, a text: word or a pattern need are
// checked in the forward index. An article without a language is
// analyzed as English; one in a language without a stemmer (Japanese,
// Chinese...) keeps its exact body field and gets no stemmed one.
//
// Apostrophes are folded before analysis (foldText): a typographic
// apostrophe (won’t) is indexed as a straight one (won't), as people
// type it, and queries are folded the same way.
//
// Facet fields are keyword fields with doc values; sorting and date filters
// use the published datetime field; url is a keyword as written. Only
// what Search returns is stored: url, title, site, authors, the published
// string (with its zone), and the language (to stem snippets).
//
// Documents are not made through this mapping but by docBuilder
// (document.go), which analyzes the title and body once for both their
// exact and stemmed fields; a test keeps the two in step.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	// bleve's classic TF-IDF, not its BM25: in bleve v2.6.3 BM25 takes
	// the field's number of distinct terms for the average field length,
	// which makes long fields (the body) score ever lower as the corpus
	// and its vocabulary grow.
	im.ScoringModel = ""
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	if err := addAnalyzers(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = analyzerExact

	im.DefaultMapping = documentMapping()
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// addAnalyzers defines the token filters and analyzers of newMapping's
// fields.
func addAnalyzers(im *mapping.IndexMappingImpl) error {
	articles := make([]any, len(elisionArticles))
	for i, a := range elisionArticles {
		articles[i] = a
	}
	if err := im.AddCustomTokenMap("archivist_elided", map[string]any{
		"type":   "custom",
		"tokens": articles,
	}); err != nil {
		return err
	}
	if err := im.AddCustomTokenFilter("archivist_elision", map[string]any{
		"type":               "elision",
		"articles_token_map": "archivist_elided",
	}); err != nil {
		return err
	}
	if err := im.AddCustomTokenFilter("archivist_nfkc", map[string]any{
		"type": "normalize_unicode",
		"form": "nfkc",
	}); err != nil {
		return err
	}
	if err := im.AddCustomAnalyzer(analyzerExact, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []any{"archivist_nfkc", "to_lower", "archivist_elision"},
	}); err != nil {
		return err
	}
	registerNoOffsets()
	if err := im.AddCustomAnalyzer(analyzerIndexed, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []any{"archivist_nfkc", "to_lower", "archivist_elision", filterNoOffsets},
	}); err != nil {
		return err
	}
	if err := im.AddCustomAnalyzer(analyzerTitle, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []any{"archivist_nfkc", "to_lower", "normalize_ar", "archivist_elision", filterNoOffsets},
	}); err != nil {
		return err
	}
	if err := im.AddCustomAnalyzer(analyzerStem, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []any{"archivist_nfkc", "possessive_en", "to_lower", "archivist_elision", "stop_en", "stemmer_en_snowball"},
	}); err != nil {
		return err
	}
	if err := addCroatian(im); err != nil {
		return err
	}
	if err := addStemFields(im); err != nil {
		return err
	}
	if err := im.AddCustomAnalyzer(analyzerKeyLower, map[string]any{
		"type":          "custom",
		"tokenizer":     "single",
		"token_filters": []any{"archivist_nfkc", "to_lower"},
	}); err != nil {
		return err
	}
	return nil
}

// documentMapping maps an article's fields (see newMapping).
func documentMapping() *mapping.DocumentMapping {
	doc := mapping.NewDocumentStaticMapping()
	add := func(name string, f *mapping.FieldMapping) {
		f.Name = name
		doc.AddFieldMappingsAt(name, f)
	}

	add(fieldURL, keywordField(analyzerKeyword, true, false))

	add(fieldTitle, textField(analyzerTitle, false, wordPositions))
	add(fieldTitleStored, storedField())
	add(fieldBody, textField(analyzerIndexed, false, wordPositions))
	add(fieldDescription, storedField())
	add(fieldText, storedField())
	add(fieldAuthor, textField(analyzerIndexed, false, true))

	add(fieldSite, keywordField(analyzerKeyword, true, true))
	add(fieldLang, keywordField(analyzerKeyword, true, true))
	add(fieldFlags, keywordField(analyzerKeyLower, false, false))
	add(fieldSection, keywordField(analyzerKeyLower, false, false))
	add(fieldTag, keywordField(analyzerKeyLower, false, false))
	add(fieldSectionFacet, keywordField(analyzerKeyword, false, true))
	add(fieldTagFacet, keywordField(analyzerKeyword, false, true))
	add(fieldAuthorFacet, keywordField(analyzerKeyword, true, true))
	add(fieldYear, keywordField(analyzerKeyword, false, true))
	add(fieldMonth, keywordField(analyzerKeyword, false, true))
	add(fieldDay, keywordField(analyzerKeyword, false, true))
	for lang := range stemAnalyzers {
		add(fieldStemPrefix+lang, textField(stemFieldAnalyzer(lang), false, false))
	}
	add(fieldPageType, keywordField(analyzerKeyword, true, true))

	pub := mapping.NewDateTimeFieldMapping()
	pub.Store = false
	pub.IncludeInAll = false
	pub.DocValues = true
	add(fieldPublished, pub)

	add(fieldPublishedRaw, storedField())

	// No "_all" field: words without a field name are searched in the
	// fields chosen by the query rewriter.
	doc.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	return doc
}

// textField is an analyzed field of an article, in no _all field and
// without doc values.
func textField(analyzer string, store, vectors bool) *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = store
	f.IncludeTermVectors = vectors
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// keywordField is a field indexed as one term (after analyzer).
func keywordField(analyzer string, store, docValues bool) *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Analyzer = analyzer
	f.Store = store
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = docValues
	return f
}

// storedField is a field stored for results, not indexed.
func storedField() *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Index = false
	f.Store = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// addStemFields defines the analyzers of the stemmed fields
// (stemFieldAnalyzer): the exact analysis, then the language's filters
// with stop words kept (filterKeepStop).
func addStemFields(im *mapping.IndexMappingImpl) error {
	registerKeepStop()
	for lang, analyzer := range stemAnalyzers {
		filter := filterKeepStop + "_" + lang
		if err := im.AddCustomTokenFilter(filter, map[string]any{"type": filterKeepStop, "analyzer": analyzer}); err != nil {
			return err
		}
		if err := im.AddCustomAnalyzer(stemFieldAnalyzer(lang), map[string]any{
			"type":          "custom",
			"tokenizer":     "unicode",
			"token_filters": []any{"archivist_nfkc", "to_lower", "archivist_elision", filter},
		}); err != nil {
			return err
		}
	}
	return nil
}

// docID is the bleve document id of an article.
func docID(id int64) string { return strconv.FormatInt(id, 10) }

// pageType returns a's page type; rows stored before page types existed
// were all articles.
func pageType(a *corpus.Article) string {
	if a.PageType == "" {
		return corpus.PageTypeArticle
	}
	return a.PageType
}

// apostrophes are the characters written for an apostrophe: foldText
// makes them all the straight one, as people type it.
var apostrophes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201B", "'", "\u02BC", "'", "\uFF07", "'")

// isApostrophe reports whether r is one of the apostrophes foldText
// replaces.
func isApostrophe(r rune) bool {
	return r == '\u2019' || r == '\u2018' || r == '\u201B' || r == '\u02BC' || r == '\uFF07'
}

// foldText prepares text for analysis: typographic apostrophes become
// straight ones ("won’t" is indexed as "won't") and Arabic is normalized
// (foldArabic). It returns s itself when there is nothing to fold.
func foldText(s string) string {
	if strings.IndexFunc(s, isApostrophe) >= 0 {
		s = apostrophes.Replace(s)
	}
	return foldArabic(s)
}

// stemAnalyzers maps the languages that have a stemmed field to their
// analyzer: bleve's analyzer for the language (stop words, then a
// stemmer), ours for English (Snowball, with elision and NFKC) and ours
// for Croatian (stem_hr.go).
var stemAnalyzers = map[string]string{
	"ar": "ar", "ckb": "ckb", "da": "da", "de": "de", "en": analyzerStem, "es": "es", "fi": "fi",
	"fr": "fr", "hi": "hi", "hr": analyzerHR, "hu": "hu", "it": "it", "nl": "nl", "no": "no",
	"pt": "pt", "ro": "ro", "ru": "ru", "sv": "sv", "tr": "tr",
}

// defaultStemLang is the language whose stemmer analyzes articles that do
// not say their language: most of the news archivist sees is in English.
const defaultStemLang = "en"

// stemLang returns the language whose stemmed field holds an article in
// language tag ("de-AT": "de"; "": defaultStemLang), or "" when archivist
// has no stemmer for it.
func stemLang(tag string) string {
	base, _, _ := strings.Cut(normalizeLang(tag), "-")
	switch base {
	case "":
		return defaultStemLang
	case "nb", "nn": // Norwegian Bokmål and Nynorsk
		return "no"
	}
	if _, ok := stemAnalyzers[base]; !ok {
		return ""
	}
	return base
}

// foldArabic applies Arabic orthographic normalization to s: the alef
// forms with hamza or madda become a bare alef, alef maksura becomes yeh,
// teh marbuta becomes heh, and tatweel and short vowel marks (tashkeel) are
// removed; Arabic presentation forms are first decomposed (NFKC). It is
// bleve's normalize_ar, done once on the text before analysis rather than
// on every token of every language (which allocated twice per token), and
// it returns s itself when s has no Arabic letter.
func foldArabic(s string) string {
	i := strings.IndexFunc(s, isArabic)
	if i < 0 {
		return s
	}
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u0622', '\u0623', '\u0625': // alef with madda, hamza above, hamza below
			r = '\u0627'
		case '\u0649': // alef maksura
			r = '\u064A'
		case '\u0629': // teh marbuta
			r = '\u0647'
		case '\u0640', '\u064B', '\u064C', '\u064D', '\u064E', '\u064F', '\u0650', '\u0651', '\u0652':
			continue // tatweel, tashkeel
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isArabic(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) ||
		(r >= 0x08A0 && r <= 0x08FF) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

// nonEmpty returns the trimmed, non-empty, de-duplicated values of ss.
func nonEmpty(ss []string) []any {
	var out []any
	seen := make(map[string]bool, len(ss))
	for _, s := range ss {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// normalizeLang returns a BCP 47 tag in its conventional case: language in
// lower case, script in title case, region in upper case ("en-GB",
// "zh-Hant-TW"); "_" is read as "-". Tags compare case-insensitively, so the
// index stores and queries this one form.
func normalizeLang(tag string) string {
	tag = strings.TrimSpace(strings.ReplaceAll(tag, "_", "-"))
	if tag == "" {
		return ""
	}
	parts := strings.Split(tag, "-")
	for i, p := range parts {
		switch {
		case i == 0:
			parts[i] = strings.ToLower(p)
		case len(p) == 2 || (len(p) == 3 && p[0] >= '0' && p[0] <= '9'):
			parts[i] = strings.ToUpper(p)
		case len(p) == 4:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-")
}
