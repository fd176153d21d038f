package index

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// boostStem is the weight that format 7 gave the stemmed fields (other
// forms of a word), kept for the measurements below.
const boostStem = 0.5

// TestStemFormsCostAt measures, on the index named by
// $ARCHIVIST_STEMFORMS_INDEX (opened read-only), what a stemmed word would
// cost searched as a disjunction of its exact forms (issue 11's option
// (a): no stemmed fields, a table stem -> forms written at build time),
// against the stemmed fields it has: for words of several frequencies,
// the hit sets of the two queries and the median time of each (bleve's
// plain searchers on both sides, in turn). The table is made here from
// the title's and body's dictionaries, every term stemmed by every
// language of the index (a build-time table would hold, per language,
// only the terms of that language's articles).
func TestStemFormsCostAt(t *testing.T) {
	path := os.Getenv("ARCHIVIST_STEMFORMS_INDEX")
	if path == "" {
		t.Skip("ARCHIVIST_STEMFORMS_INDEX is not set")
	}
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	langs := ix.stemLangs("")
	// stem -> forms, per language; the terms of the title and body
	// dictionaries, the commonest first.
	start := time.Now()
	forms := map[string]map[string][]string{}
	counts := map[string]uint64{}
	snap, done := mustSnapshot(t, ix)
	for _, ss := range snap.Segments() {
		for _, f := range []string{fieldTitle, fieldBody} {
			dict, err := ss.Segment().Dictionary(f)
			if err != nil {
				t.Fatal(err)
			}
			it := dict.AutomatonIterator(nil, nil, nil)
			for {
				e, err := it.Next()
				if err != nil {
					t.Fatal(err)
				}
				if e == nil {
					break
				}
				pl, err := dict.PostingsList([]byte(e.Term), nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				counts[e.Term] += pl.Count()
			}
		}
	}
	done()
	var ranked []string
	for term := range counts {
		ranked = append(ranked, term)
	}
	sort.Slice(ranked, func(i, j int) bool {
		if counts[ranked[i]] != counts[ranked[j]] {
			return counts[ranked[i]] > counts[ranked[j]]
		}
		return ranked[i] < ranked[j]
	})
	for _, l := range langs {
		st := ix.docs.stems[l]
		m := map[string][]string{}
		words := make([][]byte, len(ranked))
		for i, w := range ranked {
			words[i] = []byte(w)
		}
		stems := st.stem(words)
		for i, s := range stems {
			if s != nil {
				m[string(s)] = append(m[string(s)], ranked[i])
			}
		}
		forms[l] = m
	}
	t.Logf("%d terms, %d languages %v: table made in %v", len(ranked), len(langs), langs, time.Since(start))

	term := func(f, t string, b float64) query.Query {
		q := query.NewTermQuery(t)
		q.SetField(f)
		q.SetBoost(b)
		return q
	}
	stemOf := func(l, w string) string {
		s := ix.docs.stems[l].stem([][]byte{[]byte(w)})[0]
		return string(s)
	}
	// The stemmed fields' query, as the rewriter makes it (term queries).
	stemQuery := func(w string) query.Query {
		d := query.NewDisjunctionQuery([]query.Query{term(fieldTitle, w, boostTitle), term(fieldBody, w, boostBody)})
		alt := query.NewDisjunctionQuery(nil)
		for _, l := range langs {
			if s := stemOf(l, w); s != "" {
				alt.AddQuery(term(fieldStemPrefix+l, s, boostStem))
			}
		}
		d.AddQuery(alt)
		return d
	}
	// The forms' query: each form other than w, in the title and body,
	// restricted to the languages whose stemmer maps it to w's stem
	// unless that is all of them.
	formsQuery := func(w string) (query.Query, int) {
		d := query.NewDisjunctionQuery([]query.Query{term(fieldTitle, w, boostTitle), term(fieldBody, w, boostBody)})
		in := map[string][]string{} // form -> languages
		for _, l := range langs {
			s := stemOf(l, w)
			if s == "" {
				continue
			}
			for _, f := range forms[l][s] {
				if f != w {
					in[f] = append(in[f], l)
				}
			}
		}
		alt := query.NewDisjunctionQuery(nil)
		for f, ls := range in {
			q := query.NewDisjunctionQuery([]query.Query{term(fieldTitle, f, boostStem), term(fieldBody, f, boostStem)})
			if len(ls) == len(langs) {
				alt.AddQuery(q)
				continue
			}
			var lq []query.Query
			for _, l := range ls {
				lq = append(lq, term(fieldLang, l, 1)) // the test corpus's tags are bare languages
			}
			alt.AddQuery(query.NewConjunctionQuery([]query.Query{q, query.NewDisjunctionQuery(lq)}))
		}
		if len(in) > 0 {
			d.AddQuery(alt)
		}
		return d, len(in)
	}
	hits := func(q query.Query, n int) (map[string]bool, time.Duration) {
		req := bleve.NewSearchRequestOptions(q, n, 0, false)
		start := time.Now()
		res, err := ix.search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		out := map[string]bool{}
		for _, h := range res.Hits {
			out[h.ID] = true
		}
		return out, took
	}
	median := func(ds []time.Duration) time.Duration {
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	var words []string
	for _, rank := range []int{30, 60, 100, 200, 300, 500, 800, 1000, 2000, 3000, 5000, 10000, 20000} {
		if rank < len(ranked) {
			words = append(words, ranked[rank])
		}
	}
	words = append(words, "elections", "running", "government", "der", "the", "wahlen")
	var lines []string
	for _, w := range words {
		sq := stemQuery(w)
		fq, nforms := formsQuery(w)
		all, _ := hits(sq, 1_000_000)
		allF, _ := hits(fq, 1_000_000)
		same := len(all) == len(allF)
		for id := range all {
			if !allF[id] {
				same = false
			}
		}
		var ts, tf []time.Duration
		for range 15 {
			_, d := hits(sq, 10)
			ts = append(ts, d)
			_, d = hits(fq, 10)
			tf = append(tf, d)
		}
		lines = append(lines, fmt.Sprintf("%-12s hits %7d %7d same %-5v forms %3d  stem fields %8v  forms %8v  x%.2f",
			w, len(all), len(allF), same, nforms, median(ts), median(tf), float64(median(tf))/float64(median(ts))))
	}
	sort.Strings(lines[:0])
	t.Log("\n" + strings.Join(lines, "\n"))
}

// TestFwdCheckCostAt measures, on the index named by
// $ARCHIVIST_FWDCOST_INDEX (opened read-only), what checking phrase
// candidates in the forward index costs per candidate: reading each
// candidate's article id from its segment (DocID), and the id's lookup
// and match, for phrases of common words without the pairs (every
// document holding all the words is a candidate).
func TestFwdCheckCostAt(t *testing.T) {
	path := os.Getenv("ARCHIVIST_FWDCOST_INDEX")
	if path == "" {
		t.Skip("ARCHIVIST_FWDCOST_INDEX is not set")
	}
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	v := ix.fwd.view()
	defer v.release()
	snap, done := mustSnapshot(t, ix)
	defer done()
	for _, p := range [][]string{{"of", "the"}, {"in", "the"}, {"to", "of", "of", "the"}, {"the", "city"}, {"der", "die"}} {
		offsets := make([]int, len(p))
		for k := range offsets {
			offsets[k] = k
		}
		var cands, found uint64
		var idTime, allTime time.Duration
		for _, ss := range snap.Segments() {
			dict, err := ss.Segment().Dictionary(fieldBody)
			if err != nil {
				t.Fatal(err)
			}
			var bms []*roaring.Bitmap
			for _, term := range p {
				pl, err := dict.PostingsList([]byte(term), ss.Deleted(), nil)
				if err != nil {
					t.Fatal(err)
				}
				bm := roaring.New()
				if pl != nil {
					if err := orPostings(bm, pl.Iterator(false, false, false, nil)); err != nil {
						t.Fatal(err)
					}
				}
				bms = append(bms, bm)
			}
			cand := roaring.FastAnd(bms...)
			cands += cand.GetCardinality()
			start := time.Now()
			it := cand.Iterator()
			for it.HasNext() {
				if _, err := ss.Segment().DocID(uint64(it.Next())); err != nil {
					t.Fatal(err)
				}
			}
			idTime += time.Since(start)
			start = time.Now()
			out, err := fwdCheckPhrase(ss.Segment(), v.phrase(true, p, offsets), cand)
			if err != nil {
				t.Fatal(err)
			}
			allTime += time.Since(start)
			found += out.GetCardinality()
		}
		per := func(d time.Duration) string {
			if cands == 0 {
				return "-"
			}
			return fmt.Sprintf("%.2f µs", float64(d.Nanoseconds())/1000/float64(cands))
		}
		t.Logf("%-20q candidates %6d found %6d: ids %v (%s each), ids + lookup + match %v (%s each)",
			strings.Join(p, " "), cands, found, idTime, per(idTime), allTime, per(allTime))
	}
}
