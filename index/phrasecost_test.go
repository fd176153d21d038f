package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestPhraseCostAt (a measure, skipped unless its variables are set):
// for the phrases of $ARCHIVIST_CANDS_QUERIES (kind<TAB>query lines, kind
// P) on the index $ARCHIVIST_CANDS_INDEX, where a body phrase's time goes
// in option (b): the words' candidates, the pairs' and the pair buckets'
// narrowing, and the forward index's check of what is left, split into
// reading the candidates' ids, finding their entries and matching their
// sequences; the check of the candidates before the buckets, whose hits
// must be the same (the test fails otherwise); and the whole search,
// before (cold) and after (warm). Run on an index of format 8.
func TestPhraseCostAt(t *testing.T) {
	path, qf := os.Getenv("ARCHIVIST_CANDS_INDEX"), os.Getenv("ARCHIVIST_CANDS_QUERIES")
	if path == "" || qf == "" {
		t.Skip("not set")
	}
	ix, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	phrases := readPhrases(t, qf)
	snap, done := mustSnapshot(t, ix)
	defer done()
	v := ix.fwd.view()
	defer v.release()
	t.Log("phrase\tcands\tpairs\tbuckets\thits\tcands ms\tnarrow ms\tids ms\tlookup ms\tmatch ms\tcheck after pairs ms\tsearch ms cold\twarm")
	for _, q := range phrases {
		cold := timeSearch(t, ix, q)
		c := measurePhrase(t, ix, snap, v, q)
		warm := timeSearch(t, ix, q)
		t.Logf("%s\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%.1f", q, c.cands, c.pairs, c.buckets, c.hits,
			ms(c.tCands), ms(c.tNarrow), ms(c.tIDs), ms(c.tLookup), ms(c.tMatch), ms(c.tFull), ms(cold), ms(warm))
	}
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func readPhrases(t *testing.T, file string) []string {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if kind, q, _ := strings.Cut(sc.Text(), "\t"); kind == "P" {
			out = append(out, q)
		}
	}
	return out
}

func timeSearch(t *testing.T, ix *Index, q string) time.Duration {
	start := time.Now()
	if _, err := ix.Search(context.Background(), Request{Query: q, Limit: 10}); err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

// phraseCost is what measurePhrase counts and times.
type phraseCost struct {
	cands, pairs, buckets, hits                   uint64
	tCands, tNarrow, tIDs, tLookup, tMatch, tFull time.Duration
}

func measurePhrase(t *testing.T, ix *Index, snap *scorch.IndexSnapshot, v *fwdView, q string) phraseCost {
	terms := termsOf(ix.m.AnalyzerNamed(analyzerExact), strings.Trim(q, `"`))
	alts := map[string][]string{}
	for _, l := range ix.stemLangs("") {
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
	fp := v.phrase(true, terms, offsets)
	var c phraseCost
	for _, ss := range snap.Segments() {
		start := time.Now()
		bms := make([]*roaring.Bitmap, len(terms))
		for k := range bms {
			bms[k] = roaring.New()
		}
		if err := orField(ss, bms, fieldBody, terms); err != nil {
			t.Fatal(err)
		}
		for f, words := range alts {
			if err := orField(ss, bms, f, words); err != nil {
				t.Fatal(err)
			}
		}
		cand := roaring.FastAnd(bms...)
		c.cands += cand.GetCardinality()
		c.tCands += time.Since(start)
		start = time.Now()
		if sp := segmentPairsOf(ss); sp != nil {
			if _, err := sp.narrow(cand, fieldBody, terms); err != nil {
				t.Fatal(err)
			}
		}
		c.pairs += cand.GetCardinality()
		full := cand.Clone()
		narrowBuckets(t, ss, cand, terms)
		c.buckets += cand.GetCardinality()
		c.tNarrow += time.Since(start)
		c.hits += checkTimed(t, ss, fp, cand, &c)
		start = time.Now()
		want, err := fwdCheckPhrase(ss.Segment(), fp, full)
		if err != nil {
			t.Fatal(err)
		}
		c.tFull += time.Since(start)
		got, err := fwdCheckPhrase(ss.Segment(), fp, cand)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equals(want) {
			t.Errorf("%s: narrowed by the buckets %v, not narrowed %v", q, got.ToArray(), want.ToArray())
		}
	}
	return c
}

// checkTimed is fwdCheckPhrase in three timed passes.
func checkTimed(t *testing.T, ss *scorch.SegmentSnapshot, fp *fwdPhrase, cand *roaring.Bitmap, c *phraseCost) uint64 {
	start := time.Now()
	ids := make([]int64, 0, cand.GetCardinality())
	for it := cand.Iterator(); it.HasNext(); {
		ext, err := ss.Segment().DocID(uint64(it.Next()))
		if err != nil {
			t.Fatal(err)
		}
		id, err := strconv.ParseInt(string(ext), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	c.tIDs += time.Since(start)
	start = time.Now()
	type entry struct {
		r *fwdRun
		i int
	}
	ents := make([]entry, len(ids))
	for k, id := range ids {
		r, i, err := fp.v.lookup(id)
		if err != nil || r == nil {
			t.Fatal(fmt.Errorf("article %d: %v", id, err))
		}
		ents[k] = entry{r, i}
	}
	c.tLookup += time.Since(start)
	start = time.Now()
	var hits uint64
	for _, e := range ents {
		enc := fp.encoded(e.r)
		if enc.missing {
			continue
		}
		_, body, _, err := e.r.sequence(e.i)
		if err != nil {
			t.Fatal(err)
		}
		if fwdMatch(body, enc.enc, enc.want, fp.offsets, enc.a) {
			hits++
		}
	}
	c.tMatch += time.Since(start)
	return hits
}

// narrowBuckets narrows cand by the pair buckets of ss, if it has them.
func narrowBuckets(t *testing.T, ss *scorch.SegmentSnapshot, cand *roaring.Bitmap, terms []string) {
	if sb := segmentBucketsOf(ss); sb != nil {
		if err := sb.narrow(cand, terms); err != nil {
			t.Fatal(err)
		}
	}
}
