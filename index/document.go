package index

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"
	"unsafe"

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
	optExact      = bindex.IndexField | bindex.IncludeTermVectors // author: positions for phrases
	optWords      = bindex.IndexField                             // title, body: phrases by the forward index (but wordPositions)
	optStem       = bindex.IndexField                             // stem_xx: no positions
	optStored     = bindex.StoreField                             // shown in results only
	optKeyword    = bindex.IndexField                             // filters only
	optKeywordS   = bindex.IndexField | bindex.StoreField         // filters and results
	optKeywordDV  = bindex.IndexField | bindex.DocValues          // filters and facets
	optKeywordSDV = optKeywordDV | bindex.StoreField              // filters, facets and results
	optDate       = bindex.IndexField | bindex.DocValues
)

// wordPositions, set by tests only, indexes the title and body with
// positions, as before the forward index, for bleve's own phrase query to
// check the forward index's answers against. Set it before an index is
// opened or created.
var wordPositions = false

// wordOpts returns the indexing options of the title and body.
func wordOpts() bindex.FieldIndexingOptions {
	if wordPositions {
		return optExact
	}
	return optWords
}

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
	// forward keeps each article's title and body terms in order, for
	// the forward index (fwdstore.go): see documentWords.
	forward bool
	// counts holds empty maps for fwdPart.count: the map of a body's
	// terms is the largest allocation of its analysis.
	counts sync.Pool
}

// newDocBuilder returns the builder of documents for mapping m.
func newDocBuilder(m *mapping.IndexMappingImpl, storeText bool) (*docBuilder, error) {
	b := &docBuilder{
		storeText: storeText,
		forward:   true,
		title:     fastTokens(m.AnalyzerNamed(analyzerTitle)),
		body:      fastTokens(m.AnalyzerNamed(analyzerIndexed)),
		author:    fastTokens(m.AnalyzerNamed(analyzerIndexed)),
		keyLower:  m.AnalyzerNamed(analyzerKeyLower),
		keyword:   m.AnalyzerNamed(analyzerKeyword),
		stems:     make(map[string]*stemmer, len(stemAnalyzers)),
	}
	b.counts.New = func() any { return map[string]uint32{} }
	for _, a := range []analysis.Analyzer{b.title, b.body, b.keyLower, b.keyword} {
		if a == nil {
			return nil, fmt.Errorf("analyzer missing from the mapping")
		}
	}
	for lang := range stemAnalyzers {
		filters, err := stemFilters(m, lang)
		if err != nil {
			return nil, err
		}
		b.stems[lang] = &stemmer{filters: filters, cache: newStemCache()}
	}
	return b, nil
}

// stemFilters returns the token filters of lang's analyzer, which the
// last filter of lang's stemmed field's analyzer runs (keepStop).
func stemFilters(m *mapping.IndexMappingImpl, lang string) ([]analysis.TokenFilter, error) {
	name := stemFieldAnalyzer(lang)
	da, ok := m.AnalyzerNamed(name).(*analysis.DefaultAnalyzer)
	if !ok || len(da.TokenFilters) == 0 {
		return nil, fmt.Errorf("analyzer %s: want a tokenizer and token filters", name)
	}
	ks, ok := da.TokenFilters[len(da.TokenFilters)-1].(*keepStop)
	if !ok {
		return nil, fmt.Errorf("analyzer %s: want %s last", name, filterKeepStop)
	}
	return ks.filters()
}

// document returns the bleve document of a; empty values are left out,
// so that they count as missing in facets.
func (b *docBuilder) document(a *corpus.Article) *document.Document {
	d, _ := b.documentWords(a)
	return d
}

// documentWords returns the bleve document of a and the analysis of its
// title and body, which is done when the document is first analyzed (by
// bleve, or by addForward); when b.forward is set, the analysis keeps
// the terms in order (words.seq) for the forward index.
func (b *docBuilder) documentWords(a *corpus.Article) (*document.Document, *words) {
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
	w := b.addWords(d, a)
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
	return d, w
}

// addWords adds the exact title and body fields of a and its stemmed
// field, which share one analysis (words).
func (b *docBuilder) addWords(d *document.Document, a *corpus.Article) *words {
	w := &words{b: b, id: a.ID, keep: b.forward, title: strings.TrimSpace(foldText(a.Title)), body: strings.TrimSpace(bodyOf(a))}
	lang := stemLang(a.Language)
	if lang != "" && w.title+w.body != "" {
		w.stems = b.stems[lang]
	}
	// The exact fields come first: the stemmed field counts their terms,
	// and scorch analyzes a document's fields in order.
	if w.title != "" {
		d.AddField(&wordsField{w: w, part: partTitle, name: fieldTitle, opts: wordOpts(), plain: len(w.title)})
	}
	if w.body != "" && w.stems == nil {
		d.AddField(&wordsField{w: w, part: partBody, name: fieldBody, opts: wordOpts(), plain: len(w.body)})
	}
	if w.stems != nil {
		d.AddField(&wordsField{w: w, part: partStem, name: fieldStemPrefix + lang, opts: optStem, plain: len(w.title) + 2 + len(w.body)})
	}
	return w
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
	id          int64 // the article's
	title, body string
	stems       *stemmer // nil: no stemmed field
	keep        bool     // keep seq

	once sync.Once
	// The length and term frequencies of each part (the body's only when
	// the body is a field: without a stemmed field, see addWords).
	lens  [3]int
	freqs [3]bindex.TokenFrequencies
	sizes [3]int // of freqs, as TokenFrequencies.Size counts
	// parts holds the title's and the body's distinct terms, and their
	// terms in order when keep is set (the forward index's); the terms
	// are the tokens' own bytes.
	parts [2]fwdPart
}

// Parts of words, analyzed for one field each.
const (
	partTitle = iota
	partBody
	partStem
)

func (w *words) analyze() {
	if w.title != "" {
		w.count(partTitle, w.b.title.Analyze([]byte(w.title)), true)
	}
	if w.body != "" {
		w.count(partBody, w.b.body.Analyze([]byte(w.body)), w.stems == nil)
	}
	if w.stems != nil {
		w.freqs[partStem], w.sizes[partStem], w.lens[partStem] = w.stems.frequencies(&w.parts[partTitle], &w.parts[partBody])
	}
}

// count counts the terms of part, whose tokens are toks, and makes its
// field's term frequencies if it is a field. The exact analyzers number
// tokens 1, 2, 3... (nothing drops a token), so a term's place in the
// sequence is its position less one.
func (w *words) count(part int, toks analysis.TokenStream, field bool) {
	p := &w.parts[part]
	ids := w.b.counts.Get().(map[string]uint32)
	p.count(toks, w.keep, ids)
	w.b.counts.Put(ids)
	w.lens[part] = len(toks)
	if field {
		w.freqs[part], w.sizes[part] = termFrequencies(p, toks)
	}
}

// fwdDoc returns the forward index's entry of w, analyzing it if it was
// not yet.
func (w *words) fwdDoc() fwdDoc {
	w.once.Do(w.analyze)
	return fwdDoc{id: w.id, title: w.parts[partTitle], body: w.parts[partBody]}
}

// termFrequencies is bleve's analysis.TokenFrequency, for a field without
// term vectors (optWords), of the part p whose tokens are toks, with
// fewer allocations: the terms' records come from one slice. It returns
// the map's size too (freqsSize). (Positions are the forward index's:
// words.parts.)
func termFrequencies(p *fwdPart, toks analysis.TokenStream) (bindex.TokenFrequencies, int) {
	out := make(bindex.TokenFrequencies, len(p.terms))
	tfs := make([]bindex.TokenFreq, len(p.terms))
	termBytes := 0
	keys := newTermKeys(p.terms, func(t *[]byte) []byte { return *t })
	for i, t := range p.terms {
		tf := &tfs[i]
		tf.Term = t
		tf.SetFrequency(int(p.counts[i]))
		out[keys.key(t)] = tf
		termBytes += len(t)
	}
	if wordPositions {
		for _, t := range toks {
			tf := out[string(t.Term)]
			tf.Locations = append(tf.Locations, &bindex.TokenLocation{Start: t.Start, End: t.End, Position: t.Position})
		}
		return out, out.Size()
	}
	return out, freqsSize(len(out), termBytes)
}

// freqsSize is what TokenFrequencies.Size returns for a map of n terms of
// bytes bytes in all, without locations, counted as it goes instead of by
// a walk of the map (bleve asks each document for its size once written:
// the walk cost 1.4% of a first build's CPU).
func freqsSize(n, bytes int) int {
	const (
		sizeOfMap   = int(unsafe.Sizeof(map[int]int{}))
		sizeOfEntry = int(unsafe.Sizeof("") + unsafe.Sizeof(&bindex.TokenFreq{}))
		sizeOfFreq  = int(unsafe.Sizeof(bindex.TokenFreq{}))
	)
	return sizeOfMap + n*(sizeOfEntry+sizeOfFreq) + 2*bytes // a term's bytes: the key's and the record's
}

// wordsField is a field of words: the exact title, the exact body or the
// stemmed field, none of them stored. It is a bleve document field whose
// Analyze takes its part of the shared analysis.
type wordsField struct {
	w     *words
	part  int
	name  string
	opts  bindex.FieldIndexingOptions
	plain int // bytes of text
}

func (f *wordsField) Name() string                                      { return f.name }
func (f *wordsField) ArrayPositions() []uint64                          { return nil }
func (f *wordsField) Options() bindex.FieldIndexingOptions              { return f.opts }
func (f *wordsField) Value() []byte                                     { return nil } // not stored
func (f *wordsField) NumPlainTextBytes() uint64                         { return uint64(f.plain) }
func (f *wordsField) EncodedFieldType() byte                            { return 't' }
func (f *wordsField) AnalyzedLength() int                               { return f.w.lens[f.part] }
func (f *wordsField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.w.freqs[f.part] }

// Analyze runs the shared analysis once for all the fields of words.
func (f *wordsField) Analyze() { f.w.once.Do(f.w.analyze) }

// Size is bleve's estimate of the memory the field holds.
func (f *wordsField) Size() int {
	return 64 + len(f.name) + f.w.sizes[f.part]
}

// stemmer is the stemmed field's analysis of one language: its token
// filters (stop words, stemmer, ...), run on the terms of the exact
// fields. All of them map a token to one token or none, whatever its
// neighbours (TestDocumentMatchesMapping compares the result with bleve's
// own analysis), and the exact analyzers mark no token as a keyword, so
// that each distinct term of a text is stemmed once, and what the filters
// make of a word is kept in a cache: a text's words are mostly the same
// few thousand, and a lookup costs a fraction of a stemmer. scorch
// analyzes documents on several goroutines at once, hence the lock.
type stemmer struct {
	filters []analysis.TokenFilter
	mu      sync.RWMutex
	cache   stemCache // word -> its stem; nil: a stop word
}

// stemCacheMax is the most words a stemmer's cache holds (a few tens of
// MB at most); the words seen once it is full are stemmed every time.
const stemCacheMax = 200_000

// frequencies returns the stemmed field's term frequencies and length
// (its tokens, stop words included) for the exact fields' parts: the
// frequency of a stem is the sum of those of the terms that stem to it.
func (st *stemmer) frequencies(parts ...*fwdPart) (out bindex.TokenFrequencies, size, length int) {
	n := 0
	for _, p := range parts {
		n += len(p.terms)
	}
	tfs := make([]bindex.TokenFreq, n) // one per term, stems repeated
	var missed []int                   // the terms not in the cache, by index in tfs
	var words [][]byte
	k := 0
	st.mu.RLock()
	for _, p := range parts {
		for i, term := range p.terms {
			stem, ok := st.cache.get(term)
			switch {
			case !ok:
				missed, words = append(missed, k), append(words, term)
			case stem == nil:
				stem = term // a stop word, kept as it is
			}
			tfs[k].Term = stem
			tfs[k].SetFrequency(int(p.counts[i]))
			length += int(p.counts[i])
			k++
		}
	}
	st.mu.RUnlock()
	if len(missed) > 0 {
		for j, stem := range st.stem(words) {
			if stem == nil {
				stem = words[j] // a stop word
			}
			tfs[missed[j]].Term = stem
		}
	}
	out, size = stemFrequencies(tfs)
	return out, size, length
}

// stemFrequencies returns the map of tfs, the frequencies of a repeated
// stem summed into its first record, and its size (freqsSize). Most stems of an article come once:
// each record is put in the map without a lookup first, and only when
// the map did not grow (a repeated stem) is the first record found
// (before it in tfs) and put back with the frequencies summed.
func stemFrequencies(tfs []bindex.TokenFreq) (bindex.TokenFrequencies, int) {
	out := make(bindex.TokenFrequencies, len(tfs))
	keys := newTermKeys(tfs, func(tf *bindex.TokenFreq) []byte { return tf.Term })
	termBytes := 0
	for k := range tfs {
		tf := &tfs[k]
		before := len(out)
		key := keys.key(tf.Term)
		out[key] = tf
		if len(out) > before {
			termBytes += len(tf.Term)
			continue
		}
		for j := range k {
			if first := &tfs[j]; bytes.Equal(first.Term, tf.Term) {
				first.SetFrequency(first.Frequency() + tf.Frequency())
				out[key] = first
				break
			}
		}
	}
	return out, freqsSize(len(out), termBytes)
}

// termKeys holds the bytes of the string keys of a map of terms, made by
// key without an allocation each (the stemmed field's ~350 keys of an
// article were 9% of its analysis). The bytes are never written again.
type termKeys []byte

// newTermKeys returns room for the keys of terms.
func newTermKeys[T any](terms []T, term func(*T) []byte) termKeys {
	n := 0
	for i := range terms {
		n += len(term(&terms[i]))
	}
	return make(termKeys, 0, n)
}

// key returns term as a string whose bytes are in k.
func (k *termKeys) key(term []byte) string {
	start := len(*k)
	*k = append(*k, term...) // if it moves, the keys before keep the old array
	return unsafeString((*k)[start:])
}

// stem returns the stems of words (stemOne; nil: a stop word) and adds
// them to the cache.
func (st *stemmer) stem(words [][]byte) [][]byte {
	stems := make([][]byte, len(words))
	for k, w := range words {
		stems[k], _ = stemOne(st.filters, w)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for k, w := range words {
		if st.cache.len() >= stemCacheMax {
			break
		}
		st.cache.put(w, stems[k])
	}
	return stems
}

// isStop reports whether the filters drop w (a stop word).
func (st *stemmer) isStop(w []byte) bool {
	_, stop := stemOne(st.filters, w)
	return stop
}

// term returns the term of the exact word w in the stemmed field: its
// stem, or w itself when it is a stop word.
func (st *stemmer) term(w string) string {
	st.mu.RLock()
	stem, ok := st.cache.get([]byte(w))
	st.mu.RUnlock()
	if !ok {
		stem = st.stem([][]byte{[]byte(w)})[0]
	}
	if stem == nil {
		return w
	}
	return string(stem)
}
