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
	// (stemAnalyzers), with a cache of what they make of each word.
	stems map[string]*stemmer
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
		stems:     make(map[string]*stemmer, len(stemAnalyzers)),
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
		b.stems[lang] = &stemmer{filters: da.TokenFilters, cache: map[string][]byte{}}
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
	stems       *stemmer // nil: no stemmed field

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
		w.stemToks = w.stems.tokens(w.titleToks, w.bodyToks)
	}
}

// stemmer is the stemmed field's analysis of one language: its token
// filters (stop words, stemmer, ...), run on a copy of the exact tokens.
// All of them map a token to one token or none, whatever its neighbours
// (TestDocumentMatchesMapping compares the result with bleve's own
// analysis), so that what they make of a word is kept in a cache: a text's words are mostly the same few thousand, and
// a lookup costs a fraction of a stemmer. scorch analyzes documents on
// several goroutines at once, hence the lock.
type stemmer struct {
	filters []analysis.TokenFilter
	mu      sync.RWMutex
	cache   map[string][]byte // word -> its stem; nil: a stop word
}

// stemCacheMax is the most words a stemmer's cache holds (a few tens of
// MB at most); the words seen once it is full are stemmed every time.
const stemCacheMax = 200_000

// tokens returns the stemmed tokens of parts, in order, numbered across
// parts as one text (the positions of the stop words left out).
func (st *stemmer) tokens(parts ...analysis.TokenStream) analysis.TokenStream {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	toks := make([]analysis.Token, 0, n)
	stream := make(analysis.TokenStream, 0, n)
	var missed []int // indexes in toks of the words not in the cache
	pos := 0
	st.mu.RLock()
	for _, p := range parts {
		for _, t := range p {
			pos++
			stem, ok := st.cache[string(t.Term)]
			if ok && stem == nil {
				continue // a stop word
			}
			toks = append(toks, *t)
			c := &toks[len(toks)-1]
			c.Position = pos
			if ok && !t.KeyWord {
				c.Term = stem
			} else {
				missed = append(missed, len(toks)-1)
			}
		}
	}
	st.mu.RUnlock()
	if len(missed) > 0 {
		st.stem(toks, missed)
	}
	for i := range toks {
		if toks[i].Term != nil {
			stream = append(stream, &toks[i])
		}
	}
	return stream
}

// stem runs the filters on the tokens toks[i] for i in missed, one at a
// time, on a copy of the term (some filters change it in place; bleve
// keeps the exact fields' terms by reference), sets their terms (nil: a
// stop word), and adds the words to the cache.
func (st *stemmer) stem(toks []analysis.Token, missed []int) {
	words := make([]string, len(missed))
	for k, i := range missed {
		t := &toks[i]
		words[k] = string(t.Term)
		one := analysis.TokenStream{t}
		t.Term = []byte(words[k])
		for _, f := range st.filters {
			one = f.Filter(one)
		}
		var stem []byte // filters may return t itself
		if len(one) == 1 {
			stem = one[0].Term[:len(one[0].Term):len(one[0].Term)]
		}
		t.Term = stem
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for k, i := range missed {
		if len(st.cache) >= stemCacheMax {
			return
		}
		if !toks[i].KeyWord {
			st.cache[words[k]] = toks[i].Term
		}
	}
}
