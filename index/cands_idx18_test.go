package index

import (
	"bufio"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestCandidatesAt (throwaway, idx18): for the phrases of
// $ARCHIVIST_CANDS_QUERIES (kind<TAB>query lines, kind P), the body
// candidates on the index $ARCHIVIST_CANDS_INDEX: the intersection of the
// words' postings in the body and each word's stem terms in the stemmed
// fields (format 8); then after the pairs' narrowing.
func TestCandidatesAt(t *testing.T) {
	path, qf := os.Getenv("ARCHIVIST_CANDS_INDEX"), os.Getenv("ARCHIVIST_CANDS_QUERIES")
	if path == "" || qf == "" {
		t.Skip("not set")
	}
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	snap, done := mustSnapshot(t, ix)
	defer done()
	f, err := os.Open(qf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	langs := ix.stemLangs("")
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		kind, q, _ := strings.Cut(sc.Text(), "\t")
		if kind != "P" {
			continue
		}
		terms := termsOf(ix.m.AnalyzerNamed(analyzerExact), strings.Trim(q, `"`))
		alts := map[string][]string{}
		for _, l := range langs {
			ts := make([]string, len(terms))
			for k, w := range terms {
				ts[k] = ix.docs.stems[l].term(w)
			}
			alts[fieldStemPrefix+l] = ts
		}
		offsets := make([]int, len(terms))
		for k := range offsets {
			offsets[k] = k
		}
		var cands, narrowed uint64
		for _, ss := range snap.Segments() {
			bms := make([]*roaring.Bitmap, len(terms))
			for k := range bms {
				bms[k] = roaring.New()
			}
			or := func(field string, words []string) {
				dict, err := ss.Segment().Dictionary(field)
				if err != nil || dict == nil {
					return
				}
				for k, w := range words {
					pl, err := dict.PostingsList([]byte(w), ss.Deleted(), nil)
					if err != nil {
						t.Fatal(err)
					}
					if pl != nil {
						if err := orPostings(bms[k], pl.Iterator(false, false, false, nil)); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			or(fieldBody, terms)
			for fl, ws := range alts {
				or(fl, ws)
			}
			cand := roaring.FastAnd(bms...)
			cands += cand.GetCardinality()
			if sp := segmentPairsOf(ss); sp != nil {
				if _, err := sp.narrow(cand, fieldBody, terms); err != nil {
					t.Fatal(err)
				}
			}
			narrowed += cand.GetCardinality()
		}
		lines = append(lines, strings.Join([]string{q, strconv.FormatUint(cands, 10), strconv.FormatUint(narrowed, 10)}, "\t"))
	}
	sort.Strings(lines)
	t.Log("\n" + strings.Join(lines, "\n"))
}
