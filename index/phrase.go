package index

import (
	"context"
	"fmt"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// phraseQuery is bleve's MatchPhraseQuery with a faster searcher for the
// title and body fields, whose words have one position each and no array
// positions.
//
// bleve checks a phrase by loading, for every article holding all its
// words, the positions of every word into maps and walking them: a phrase
// of four common words ("of the new government") costs the positions of
// each word in half the corpus (3.5-4.4 s at 100,000 articles). Here the
// articles holding all the words are found from the postings alone, and
// each is checked rarest word first, reading a word's positions only
// while the positions read so far still allow a match: most candidates
// are dropped after the two rarest words, and the positions of "the" or
// "of" are seldom read. The score is bleve's for the same phrase (the sum
// of the words' term scores, as bleve's phrase searcher sums its
// conjunction's): the words' term searchers, without positions, are
// joined to the phrase filter in a conjunction.
type phraseQuery struct {
	*query.MatchPhraseQuery
	// alts, in the body (format 8, stembody.go), maps each stemmed
	// field to the stem terms of the phrase's words: the articles of a
	// language with a stemmer have their body there.
	alts map[string][]string
	// exactAlts are the fields of alts where a one-word phrase's term is
	// the word itself (a stop word): their documents need no check.
	exactAlts map[string]bool
}

// newPhraseQuery returns the query for the phrase text in field, with
// weight boost.
func newPhraseQuery(text, field string, boost float64) phraseQuery {
	p := query.NewMatchPhraseQuery(text)
	p.SetField(field)
	p.SetBoost(boost)
	return phraseQuery{MatchPhraseQuery: p}
}

// Searcher returns the searcher of q in i.
func (q phraseQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	field := q.FieldVal
	if field != fieldTitle && field != fieldBody || q.Fuzziness != 0 {
		return q.MatchPhraseQuery.Searcher(ctx, i, m, options)
	}
	an := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
	if an == nil {
		return nil, fmt.Errorf("phrase: no analyzer for field %s", field)
	}
	toks := an.Analyze([]byte(q.MatchPhrase))
	terms := make([]string, 0, len(toks))
	offsets := make([]int, 0, len(toks))
	for k, t := range toks {
		if k > 0 && t.Position != toks[k-1].Position+1 {
			// Two words at one position, or a gap: not something the
			// exact analyzers make; bleve handles it.
			return q.MatchPhraseQuery.Searcher(ctx, i, m, options)
		}
		terms = append(terms, string(t.Term))
		offsets = append(offsets, t.Position-toks[0].Position)
	}
	if q.alts != nil && field == fieldBody {
		if fwdViewOf(ctx) == nil {
			return nil, fmt.Errorf("phrase: option (b) needs the forward index")
		}
		return newPhraseSearcherAlts(ctx, i, terms, offsets, q.alts, q.exactAlts, q.BoostVal.Value(), options)
	}
	if len(terms) == 1 {
		// One word: its term (bleve's phrase searcher would read its
		// positions, which the title and body do not keep).
		return searcher.NewTermSearcher(ctx, i, terms[0], field, q.BoostVal.Value(), options)
	}
	if len(terms) < 2 {
		return q.MatchPhraseQuery.Searcher(ctx, i, m, options)
	}
	return newPhraseSearcher(ctx, i, field, terms, offsets, q.BoostVal.Value(), options)
}

// failPhrase closes the searchers made so far, subs, and returns err as
// a phrase's.
func failPhrase(subs []search.Searcher, err error) (search.Searcher, error) {
	for _, s := range subs {
		_ = s.Close()
	}
	return nil, fmt.Errorf("phrase: %w", err)
}

// newPhraseSearcher returns the searcher of the phrase terms (at offsets
// from the first) in field: the conjunction of the terms' searchers,
// which score, and of a phraseFilter, which checks the positions.
func newPhraseSearcher(ctx context.Context, ir bindex.IndexReader, field string, terms []string, offsets []int,
	boost float64, options search.SearcherOptions) (search.Searcher, error) {
	var subs []search.Searcher
	topts := options
	topts.IncludeTermVectors = false
	for _, t := range terms {
		ts, err := searcher.NewTermSearcher(ctx, ir, t, field, boost, topts)
		if err != nil {
			return failPhrase(subs, err)
		}
		subs = append(subs, ts)
	}
	var f search.Searcher
	v := fwdViewOf(ctx)
	if snap, ok := ir.(*scorch.IndexSnapshot); ok && v != nil {
		// The title and body have no positions: the forward index
		// checks the candidates.
		docs, err := phraseDocs(snap, field, terms, offsets, v.phrase(field == fieldBody, terms, offsets)) // phrasebits.go
		if err != nil {
			return failPhrase(subs, err)
		}
		f = newDocsSearcher(docs)
	} else {
		pf, err := newPhraseFilter(ctx, ir, field, terms, offsets)
		if err != nil {
			return failPhrase(subs, err)
		}
		f = pf
	}
	subs = append(subs, f)
	c, err := searcher.NewConjunctionSearcher(ctx, ir, subs, options)
	if err != nil {
		return failPhrase(subs, err)
	}
	return c, nil
}

// newPhraseSearcherAlts is newPhraseSearcher in the body of option (b):
// each word scores by its term in the body and its stem terms in the
// stemmed fields (a disjunction), and the forward index checks the
// candidates, the articles holding a form of every word.
func newPhraseSearcherAlts(ctx context.Context, ir bindex.IndexReader, terms []string, offsets []int, alts map[string][]string,
	exact map[string]bool, boost float64, options search.SearcherOptions) (search.Searcher, error) {
	var subs []search.Searcher
	topts := options
	topts.IncludeTermVectors = false
	fields := make([]string, 0, len(alts))
	for f := range alts {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for k, t := range terms {
		var ors []search.Searcher
		ts, err := searcher.NewTermSearcher(ctx, ir, t, fieldBody, boost, topts)
		if err != nil {
			return failPhrase(subs, err)
		}
		ors = append(ors, ts)
		for _, f := range fields {
			ts, err := searcher.NewTermSearcher(ctx, ir, alts[f][k], f, boost, topts)
			if err != nil {
				for _, s := range ors {
					_ = s.Close()
				}
				return failPhrase(subs, err)
			}
			ors = append(ors, ts)
		}
		d, err := searcher.NewDisjunctionSearcher(ctx, ir, ors, 0, topts)
		if err != nil {
			return failPhrase(subs, err)
		}
		subs = append(subs, d)
	}
	snap, ok := ir.(*scorch.IndexSnapshot)
	if !ok {
		return failPhrase(subs, fmt.Errorf("option (b) needs a scorch index"))
	}
	v := fwdViewOf(ctx)
	docs, err := snapshotDocs(snap, func(ss *scorch.SegmentSnapshot) (*roaring.Bitmap, error) {
		return phraseSegmentDocsAlts(ss, terms, offsets, alts, exact, v.phrase(true, terms, offsets))
	})
	if err != nil {
		return failPhrase(subs, err)
	}
	subs = append(subs, newDocsSearcher(docs))
	c, err := searcher.NewConjunctionSearcher(ctx, ir, subs, options)
	if err != nil {
		return failPhrase(subs, err)
	}
	return c, nil
}

// phraseFilter is a searcher that matches, with score 0, the documents
// holding its terms at their offsets in one field. It walks the postings
// of the terms without positions to find the documents holding all of
// them, rarest term first, and reads positions, in the same order, only
// for those.
type phraseFilter struct {
	plain, vecs        []bindex.TermFieldReader // rarest term first
	offsets            []int                    // offset of each term in the phrase
	plainDocs, vecDocs []*bindex.TermFieldDoc   // the last document each reader read
	cur                bindex.IndexInternalID   // the last match returned; nil before the first
	exhausted          bool
	starts             []int // scratch: phrase starts still possible
}

func newPhraseFilter(ctx context.Context, ir bindex.IndexReader, field string, terms []string, offsets []int) (*phraseFilter, error) {
	n := len(terms)
	f := &phraseFilter{
		plain: make([]bindex.TermFieldReader, 0, n), vecs: make([]bindex.TermFieldReader, 0, n),
		offsets: make([]int, n), plainDocs: make([]*bindex.TermFieldDoc, n), vecDocs: make([]*bindex.TermFieldDoc, n),
	}
	plain := make([]bindex.TermFieldReader, n)
	for k, t := range terms {
		r, err := ir.TermFieldReader(ctx, []byte(t), field, false, false, false)
		if err != nil {
			_ = f.closeReaders(plain[:k])
			return nil, err
		}
		plain[k] = r
	}
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return plain[order[a]].Count() < plain[order[b]].Count() })
	for j, k := range order {
		f.plain = append(f.plain, plain[k])
		f.offsets[j] = offsets[k]
	}
	for _, k := range order {
		r, err := ir.TermFieldReader(ctx, []byte(terms[k]), field, false, false, true)
		if err != nil {
			_ = f.Close()
			return nil, err
		}
		f.vecs = append(f.vecs, r)
	}
	return f, nil
}

func (f *phraseFilter) closeReaders(rs []bindex.TermFieldReader) error {
	var first error
	for _, r := range rs {
		if r == nil {
			continue
		}
		if err := r.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Close closes the term readers.
func (f *phraseFilter) Close() error {
	err := f.closeReaders(f.plain)
	if err2 := f.closeReaders(f.vecs); err == nil {
		err = err2
	}
	return err
}

// Next returns the next document holding the phrase.
func (f *phraseFilter) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if f.exhausted {
		return nil, nil
	}
	// The rarest term's reader is on the last match, or has not started.
	d, err := f.plain[0].Next(f.plainDocs[0])
	if err != nil {
		return nil, err
	}
	return f.from(ctx, d)
}

// Advance returns the first document at or after id holding the phrase.
func (f *phraseFilter) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if f.exhausted {
		return nil, nil
	}
	if f.cur != nil && f.cur.Compare(id) >= 0 {
		return f.match(ctx), nil
	}
	d, err := f.seek(0, id)
	if err != nil {
		return nil, err
	}
	return f.from(ctx, d)
}

// from returns the first match at or after d, the document the rarest
// term's reader is on (nil: none left).
func (f *phraseFilter) from(ctx *search.SearchContext, d *bindex.TermFieldDoc) (*search.DocumentMatch, error) {
	for {
		if d == nil {
			f.exhausted = true
			return nil, nil
		}
		f.plainDocs[0] = d
		id := d.ID
		all := true
		for k := 1; k < len(f.plain); k++ {
			dk, err := f.seek(k, id)
			if err != nil {
				return nil, err
			}
			if dk == nil {
				f.exhausted = true
				return nil, nil
			}
			if dk.ID.Compare(id) != 0 {
				// dk is past id: the rarest term catches up.
				var err error
				if d, err = f.seek(0, dk.ID); err != nil {
					return nil, err
				}
				all = false
				break
			}
		}
		if !all {
			continue
		}
		ok, err := f.check(id)
		if err != nil {
			return nil, err
		}
		if ok {
			f.cur = append(f.cur[:0], id...)
			return f.match(ctx), nil
		}
		if d, err = f.plain[0].Next(f.plainDocs[0]); err != nil {
			return nil, err
		}
	}
}

// seek moves term k's plain reader to the first document at or after id
// and returns it. A reader already there stays: scorch's readers restart
// from the beginning when asked to go back, or to stay.
func (f *phraseFilter) seek(k int, id bindex.IndexInternalID) (*bindex.TermFieldDoc, error) {
	if d := f.plainDocs[k]; d != nil && d.ID.Compare(id) >= 0 {
		return d, nil
	}
	d, err := f.plain[k].Advance(id, f.plainDocs[k])
	if err != nil {
		return nil, err
	}
	if d != nil {
		f.plainDocs[k] = d
	}
	return d, nil
}

// positions returns term k's positions in document id, in order.
func (f *phraseFilter) positions(k int, id bindex.IndexInternalID) ([]*bindex.TermFieldVector, error) {
	d := f.vecDocs[k]
	if d == nil || d.ID.Compare(id) < 0 {
		var err error
		if d, err = f.vecs[k].Advance(id, d); err != nil {
			return nil, err
		}
		if d == nil {
			return nil, nil
		}
		f.vecDocs[k] = d
	}
	if d.ID.Compare(id) != 0 {
		return nil, nil
	}
	return d.Vectors, nil
}

// check reports whether document id, which holds every term, holds them
// at their offsets: the phrase starts that the rarest term allows are
// narrowed term by term, and the rest of the terms' positions are not
// read once none is left.
func (f *phraseFilter) check(id bindex.IndexInternalID) (bool, error) {
	vs, err := f.positions(0, id)
	if err != nil {
		return false, err
	}
	starts := f.starts[:0]
	for _, v := range vs {
		starts = append(starts, int(v.Pos)-f.offsets[0])
	}
	for k := 1; k < len(f.vecs) && len(starts) > 0; k++ {
		vs, err := f.positions(k, id)
		if err != nil {
			return false, err
		}
		starts = keepStarts(starts, vs, f.offsets[k])
	}
	f.starts = starts
	return len(starts) > 0, nil
}

// keepStarts keeps the starts s for which one of vs is at s+off. Both are
// in increasing order (positions are recorded in the order of the
// words); starts keeps its order.
func keepStarts(starts []int, vs []*bindex.TermFieldVector, off int) []int {
	out := starts[:0]
	j := 0
	for _, s := range starts {
		want := s + off
		for j < len(vs) && int(vs[j].Pos) < want {
			j++
		}
		if j < len(vs) && int(vs[j].Pos) == want {
			out = append(out, s)
		}
	}
	return out
}

// match returns a document match for f.cur.
func (f *phraseFilter) match(ctx *search.SearchContext) *search.DocumentMatch {
	m := ctx.DocumentMatchPool.Get()
	m.IndexInternalID = append(m.IndexInternalID[:0], f.cur...)
	m.Score = 0
	return m
}

// Weight is 0: the filter adds nothing to the score.
func (f *phraseFilter) Weight() float64 { return 0 }

// SetQueryNorm does nothing: the filter has no score.
func (f *phraseFilter) SetQueryNorm(float64) {}

// Count is the number of documents holding the rarest term, which is at
// least the number holding the phrase.
func (f *phraseFilter) Count() uint64 { return f.plain[0].Count() }

// Min is 0: the filter is not a disjunction.
func (f *phraseFilter) Min() int { return 0 }

// Size is a rough size of the filter in memory.
func (f *phraseFilter) Size() int {
	n := 64 * len(f.plain)
	for _, r := range f.plain {
		n += r.Size()
	}
	for _, r := range f.vecs {
		n += r.Size()
	}
	return n
}

// DocumentMatchPoolSize is the number of matches the filter holds at once.
func (f *phraseFilter) DocumentMatchPoolSize() int { return 1 }
