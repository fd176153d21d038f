package index

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/archivist-project/archivist/corpus"
)

// Indexing options of the fields, as the mapping (newMapping) declares
// them; a test checks that documents built here equal bleve's mapping of
// the same article.
const (
	optExact      = bindex.IndexField | bindex.IncludeTermVectors // title, body, author: positions for phrases
	optStem       = bindex.IndexField                             // stem_xx: no positions
	optStored     = bindex.StoreField                             // shown in results only
	optKeyword    = bindex.IndexField                             // filters only
	optKeywordS   = bindex.IndexField | bindex.StoreField         // filters and results
	optKeywordDV  = bindex.IndexField | bindex.DocValues          // filters and facets
	optKeywordSDV = optKeywordDV | bindex.StoreField              // filters, facets and results
	optDate       = bindex.IndexField | bindex.DocValues
)

// docBuilder makes the bleve document of an article directly, instead of
// letting bleve walk a map through the mapping: the walk uses reflection
// on every value, and, field by field, would tokenize the title and the
// body twice (once for the exact fields, once for the stemmed copy). Here
// they are tokenized once; the stemmed field takes the exact tokens and
// runs only the language's own filters (stop words, stemmer) on a copy.
type docBuilder struct {
	title, body, author, keyLower, keyword analysis.Analyzer
	// stems are the token filters of each language's analyzer
	// (stemAnalyzers).
	stems map[string][]analysis.TokenFilter
	// storeText keeps the text and description in the index, for an
	// index without a corpus to read them from (NewMemOnly; see Texts).
	storeText bool
}

// newDocBuilder returns the builder of documents for mapping m.
func newDocBuilder(m *mapping.IndexMappingImpl, storeText bool) (*docBuilder, error) {
	b := &docBuilder{
		storeText: storeText,
		title:     m.AnalyzerNamed(analyzerTitle),
		body:      m.AnalyzerNamed(analyzerIndexed),
		author:    m.AnalyzerNamed(analyzerIndexed),
		keyLower:  m.AnalyzerNamed(analyzerKeyLower),
		keyword:   m.AnalyzerNamed(analyzerKeyword),
		stems:     make(map[string][]analysis.TokenFilter, len(stemAnalyzers)),
	}
	for _, a := range []analysis.Analyzer{b.title, b.body, b.keyLower, b.keyword} {
		if a == nil {
			return nil, fmt.Errorf("analyzer missing from the mapping")
		}
	}
	for lang, name := range stemAnalyzers {
		da, ok := m.AnalyzerNamed(name).(*analysis.DefaultAnalyzer)
		if !ok || len(da.CharFilters) > 0 {
			return nil, fmt.Errorf("analyzer %s: want a tokenizer and token filters", name)
		}
		b.stems[lang] = da.TokenFilters
	}
	return b, nil
}

// document returns the bleve document of a; empty values are left out,
// so that they count as missing in facets.
func (b *docBuilder) document(a *corpus.Article) *document.Document {
	d := document.NewDocument(docID(a.ID))
	d.SetIndexed()
	text := func(name, v string, opts bindex.FieldIndexingOptions, an analysis.Analyzer) {
		if v = strings.TrimSpace(v); v != "" {
			d.AddField(document.NewTextFieldCustom(name, nil, []byte(v), opts, an))
		}
	}
	list := func(name string, vs []string, opts bindex.FieldIndexingOptions, an analysis.Analyzer, fold bool) {
		for i, v := range vs {
			if fold {
				v = foldText(v)
			}
			d.AddField(document.NewTextFieldCustom(name, []uint64{uint64(i)}, []byte(v), opts, an))
		}
	}

	text(fieldURL, a.URL, optKeywordS, b.keyword)
	b.addWords(d, a)
	text(fieldTitleStored, a.Title, optStored, nil)
	if b.storeText {
		text(fieldDescription, a.Description, optStored, nil)
		text(fieldText, a.Text, optStored, nil)
	}
	text(fieldSite, strings.ToLower(a.Site), optKeywordSDV, b.keyword)
	text(fieldLang, normalizeLang(a.Language), optKeywordSDV, b.keyword)
	text(fieldPageType, pageType(a), optKeywordSDV, b.keyword)
	text(fieldSection, foldText(a.Section), optKeyword, b.keyLower)
	text(fieldSectionFacet, a.Section, optKeywordDV, b.keyword)

	authors := distinct(a.Authors)
	list(fieldAuthor, authors, optExact, b.author, true)
	list(fieldAuthorFacet, authors, optKeywordSDV, b.keyword, false)
	tags := distinct(a.Tags)
	list(fieldTag, tags, optKeyword, b.keyLower, true)
	list(fieldTagFacet, tags, optKeywordDV, b.keyword, false)
	list(fieldFlags, distinct(a.Flags), optKeyword, b.keyLower, false)

	if a.Published != nil && !a.Published.IsZero() {
		utc := a.Published.UTC()
		if f, err := document.NewDateTimeFieldWithIndexingOptions(fieldPublished, nil, utc, time.RFC3339, optDate); err == nil {
			d.AddField(f)
		}
		text(fieldPublishedRaw, a.Published.Format(time.RFC3339Nano), optStored, nil)
		text(fieldYear, utc.Format("2006"), optKeywordDV, b.keyword)
		text(fieldMonth, utc.Format("2006-01"), optKeywordDV, b.keyword)
		text(fieldDay, utc.Format("2006-01-02"), optKeywordDV, b.keyword)
	}
	return d
}

// addWords adds the exact title and body fields of a and its stemmed
// field, which share one analysis (words).
func (b *docBuilder) addWords(d *document.Document, a *corpus.Article) {
	w := &words{b: b, title: strings.TrimSpace(foldText(a.Title)), body: strings.TrimSpace(bodyOf(a))}
	if lang := stemLang(a.Language); lang != "" && w.title+w.body != "" {
		w.stems = b.stems[lang]
	}
	// The exact fields come first: the stemmed field copies their tokens,
	// and scorch analyzes a document's fields in order.
	if w.title != "" {
		d.AddField(document.NewTextFieldCustom(fieldTitle, nil, []byte(w.title), optExact, wordsOf{w, partTitle}))
	}
	if w.body != "" {
		d.AddField(document.NewTextFieldCustom(fieldBody, nil, []byte(w.body), optExact, wordsOf{w, partBody}))
	}
	if w.stems != nil {
		lang := stemLang(a.Language)
		d.AddField(document.NewTextFieldCustom(fieldStemPrefix+lang, nil, []byte(w.title+"\n\n"+w.body), optStem, wordsOf{w, partStem}))
	}
}

// bodyOf returns the text of the body field: the description, the text,
// the authors and the tags, folded, each followed by a blank line. One
// string rather than a list: bleve records an array position with every
// term location of a list, which makes phrase queries allocate several
// times more. A phrase may then run from one part into the next, which
// costs nothing but an unlikely extra match.
func bodyOf(a *corpus.Article) string {
	var body strings.Builder
	for _, s := range [][]string{{a.Description, a.Text}, a.Authors, a.Tags} {
		for _, v := range s {
			if v = strings.TrimSpace(v); v != "" {
				body.WriteString(foldText(v))
				body.WriteString("\n\n")
			}
		}
	}
	return body.String()
}

// distinct returns the trimmed, non-empty, de-duplicated values of ss.
func distinct(ss []string) []string {
	var out []string
	for _, v := range nonEmpty(ss) {
		out = append(out, v.(string))
	}
	return out
}

// words is the analysis of an article's title and body, shared by the
// exact fields and the stemmed field, and done once, when scorch analyzes
// the first of them (on one of its analysis workers).
type words struct {
	b           *docBuilder
	title, body string
	stems       []analysis.TokenFilter // nil: no stemmed field

	once                sync.Once
	titleToks, bodyToks analysis.TokenStream
	stemToks            analysis.TokenStream
}

// Parts of words, analyzed for one field each.
const (
	partTitle = iota
	partBody
	partStem
)

// wordsOf is the analyzer of one field of words: it returns that part of
// the shared analysis, whatever input it is given.
type wordsOf struct {
	w    *words
	part int
}

// Analyze returns the tokens of the field, and forgets them: scorch
// analyzes each field once, and the document (which holds its fields'
// analyzers) lives until its batch is written.
func (f wordsOf) Analyze([]byte) analysis.TokenStream {
	f.w.once.Do(f.w.analyze)
	var ts analysis.TokenStream
	switch f.part {
	case partTitle:
		ts, f.w.titleToks = f.w.titleToks, nil
	case partBody:
		ts, f.w.bodyToks = f.w.bodyToks, nil
	default:
		ts, f.w.stemToks = f.w.stemToks, nil
	}
	return ts
}

func (w *words) analyze() {
	if w.title != "" {
		w.titleToks = w.b.title.Analyze([]byte(w.title))
	}
	if w.body != "" {
		w.bodyToks = w.b.body.Analyze([]byte(w.body))
	}
	if w.stems != nil {
		w.stemToks = stemTokens(w.stems, w.titleToks, w.bodyToks)
	}
}

// stemTokens runs filters on a copy of the tokens of parts, in order. The
// terms are copied too: bleve keeps the exact fields' terms by reference,
// and some filters change a term in place.
func stemTokens(filters []analysis.TokenFilter, parts ...analysis.TokenStream) analysis.TokenStream {
	n, size := 0, 0
	for _, p := range parts {
		n += len(p)
		for _, t := range p {
			size += len(t.Term)
		}
	}
	buf := make([]byte, 0, size)
	toks := make([]analysis.Token, 0, n)
	stream := make(analysis.TokenStream, 0, n)
	pos := 0
	for _, p := range parts {
		for _, t := range p {
			start := len(buf)
			buf = append(buf, t.Term...)
			toks = append(toks, *t)
			c := &toks[len(toks)-1]
			c.Term = buf[start:len(buf):len(buf)]
			pos++
			c.Position = pos
			stream = append(stream, c)
		}
	}
	for _, f := range filters {
		stream = f.Filter(stream)
	}
	return stream
}
