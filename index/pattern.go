package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// bodyPatternQuery is a wildcard, a regular expression or a fuzzy word in
// the body. Since index format 8 the body of an article in a language
// with a stemmer is in its stemmed field only, as stems, so bleve's own
// queries, which expand a pattern over one field's dictionary, would see
// the exact body of the other articles only. Here the pattern is expanded
// over the forward index's terms (every exact word of the titles and
// bodies); each matching word's articles are found by its postings in the
// body and by its stem term's in each stemmed field, and the forward
// index keeps those of the stemmed fields whose body holds a matching
// word (a stem term covers other forms, and the title). A pattern that
// matches more than maxPatternTerms words is refused (ErrBadQuery): each
// word costs term searchers in the body and every stemmed field, and
// `/.*/` (184,506 words) took 2 GB at 20,000 generated articles.
type bodyPatternQuery struct {
	prefix string            // the words' literal prefix, "" for none
	accept func([]byte) bool // the pattern
	boost  float64
	// stems are the index's stemmers, by language, and langs the
	// stemmed fields to search.
	stems map[string]*stemmer
	langs []string
}

// maxPatternTerms is the most words a pattern in the body may match.
var maxPatternTerms = 50000

// Searcher returns the searcher of q in i: the disjunction of the
// matching terms' searchers in the body and the stemmed fields, which
// score, in a conjunction with the articles that hold a matching word.
func (q *bodyPatternQuery) Searcher(ctx context.Context, i bindex.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	v := fwdViewOf(ctx)
	snap, ok := i.(*scorch.IndexSnapshot)
	if v == nil || !ok {
		return nil, fmt.Errorf("pattern: the body's patterns need the forward index and a scorch index")
	}
	set := v.termSet(q.prefix, q.accept)
	if len(set.terms) > maxPatternTerms {
		return nil, fmt.Errorf("%w: a wildcard, regular expression or fuzzy word matches %d words of the index (at most %d): make it narrower", ErrBadQuery, len(set.terms), maxPatternTerms)
	}
	fields := q.fieldTerms(set.terms)
	topts := options
	topts.IncludeTermVectors = false
	var subs []search.Searcher
	fail := func(err error) (search.Searcher, error) {
		for _, s := range subs {
			_ = s.Close()
		}
		return nil, fmt.Errorf("pattern: %w", err)
	}
	for _, f := range fields {
		s, err := searcher.NewMultiTermSearcher(ctx, i, f.terms, f.name, q.boost, topts, true)
		if err != nil {
			return fail(err)
		}
		subs = append(subs, s)
	}
	if len(subs) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	d, err := searcher.NewDisjunctionSearcher(ctx, i, subs, 0, topts)
	if err != nil {
		return fail(err)
	}
	subs = []search.Searcher{d}
	docs, err := snapshotDocs(snap, func(ss *scorch.SegmentSnapshot) (*roaring.Bitmap, error) {
		return patternSegmentDocs(ss, fields, set)
	})
	if err != nil {
		return fail(err)
	}
	c, err := searcher.NewConjunctionSearcher(ctx, i, []search.Searcher{d, newDocsSearcher(docs)}, options)
	if err != nil {
		return fail(err)
	}
	return c, nil
}

// fieldTerms is a field and the terms of a pattern's words in it.
type fieldTerms struct {
	name  string
	terms []string
}

// fieldTerms returns the terms of words in the body (the words
// themselves) and in each stemmed field (their stem terms, distinct),
// the body first.
func (q *bodyPatternQuery) fieldTerms(words []string) []fieldTerms {
	if len(words) == 0 {
		return nil
	}
	out := []fieldTerms{{name: fieldBody, terms: words}}
	for _, l := range q.langs {
		st := q.stems[l]
		if st == nil {
			continue
		}
		seen := map[string]bool{}
		var terms []string
		for _, w := range words {
			if t := st.term(w); !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
		sort.Strings(terms)
		out = append(out, fieldTerms{name: fieldStemPrefix + l, terms: terms})
	}
	return out
}

// patternSegmentDocs returns the documents of one segment whose body
// holds a word of set: those holding one in the exact body, and those of
// the stemmed fields' terms whose body in the forward index holds one.
func patternSegmentDocs(ss *scorch.SegmentSnapshot, fields []fieldTerms, set *fwdTermSet) (*roaring.Bitmap, error) {
	sure := []*roaring.Bitmap{roaring.New()}
	check := []*roaring.Bitmap{roaring.New()}
	for _, f := range fields {
		to := check
		if f.name == fieldBody {
			to = sure
		}
		if err := orField(ss, slices.Repeat(to[:1], len(f.terms)), f.name, f.terms); err != nil { // phrasebits.go
			return nil, err
		}
	}
	check[0].AndNot(sure[0])
	out := sure[0]
	it := check[0].Iterator()
	for it.HasNext() {
		d := it.Next()
		ext, err := ss.Segment().DocID(uint64(d))
		if err != nil {
			return nil, err
		}
		id, err := strconv.ParseInt(string(ext), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("document id %q: %w", ext, err)
		}
		ok, err := set.bodyHolds(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out.Add(d)
		}
	}
	return out, nil
}

// fwdTermSet is the set of the forward index's terms that a pattern
// accepts: the terms, and, per run, their ranks as a bit set.
type fwdTermSet struct {
	v     *fwdView
	terms []string // sorted, distinct
	ranks map[*fwdRun][]uint64
}

// termSet returns the terms of v's runs that start with prefix and that
// accept takes.
func (v *fwdView) termSet(prefix string, accept func([]byte) bool) *fwdTermSet {
	s := &fwdTermSet{v: v, ranks: map[*fwdRun][]uint64{}}
	seen := map[string]bool{}
	for _, r := range v.runs {
		var bits []uint64
		rankAt := func(i int) int { return int(binary.LittleEndian.Uint32(r.ranks[4*i:])) }
		from := sort.Search(r.terms, func(i int) bool { return string(r.term(rankAt(i))) >= prefix })
		for i := from; i < r.terms; i++ {
			k := rankAt(i)
			t := r.term(k)
			if !bytes.HasPrefix(t, []byte(prefix)) {
				break
			}
			if !accept(t) {
				continue
			}
			if bits == nil {
				bits = make([]uint64, r.terms/64+1)
			}
			bits[k/64] |= 1 << (k % 64)
			if !seen[string(t)] {
				seen[string(t)] = true
				s.terms = append(s.terms, string(t))
			}
		}
		s.ranks[r] = bits
	}
	slices.Sort(s.terms)
	return s
}

// bodyHolds reports whether article id's body holds a term of s. The
// forward index is never behind bleve (fill), so an article it lacks is
// an error.
func (s *fwdTermSet) bodyHolds(id int64) (bool, error) {
	r, i, err := s.v.lookup(id)
	if err != nil {
		return false, err
	}
	if r == nil {
		return false, fmt.Errorf("article %d: %w", id, errFwdMissing)
	}
	bits := s.ranks[r]
	if bits == nil {
		return false, nil
	}
	_, body, _, err := r.sequence(i)
	if err != nil {
		return false, fmt.Errorf("%s: %w", r.file, err)
	}
	for p := 0; p < len(body); {
		k, n := binary.Uvarint(body[p:])
		if n <= 0 {
			return false, fmt.Errorf("%s: %w", r.file, errFwdCorrupt)
		}
		p += n
		if k/64 < uint64(len(bits)) && bits[k/64]&(1<<(k%64)) != 0 {
			return true, nil
		}
	}
	return false, nil
}

// fuzzyAccept returns the test of a fuzzy word: a term at most dist edits
// from one of terms, an edit being an insertion, a deletion, a
// substitution or a swap of two neighbouring letters, as bleve's fuzzy
// searcher counts them (its Levenshtein automata allow transpositions).
func fuzzyAccept(terms []string, dist int) func([]byte) bool {
	rs := make([][]rune, len(terms))
	for k, t := range terms {
		rs[k] = []rune(t)
	}
	return func(b []byte) bool {
		r := []rune(string(b))
		for _, t := range rs {
			if editsWithin(t, r, dist) {
				return true
			}
		}
		return false
	}
}

// editsWithin reports whether a and b are at most limit edits apart
// (optimal string alignment distance: fuzzyAccept's edits).
func editsWithin(a, b []rune, limit int) bool {
	if d := len(a) - len(b); d > limit || -d > limit {
		return false
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)] <= limit
}
