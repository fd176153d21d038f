package index

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/archivist-project/archivist/corpus"
)

// TestPairBucketsPhrases checks the body's phrases (format 8) through
// Search against a plain oracle (the articles whose analyzed title or
// body holds the phrase) on an index of several segments with replaced
// and deleted articles: without pair buckets, with them, and with damaged
// or missing ones. It also checks
// that the buckets narrow: fewer candidates reach the forward index, and
// none of those holding the phrase is lost.
func TestPairBucketsPhrases(t *testing.T) {
	defer func(n uint64, b, h int) { pairsMinDocs, pairBucketsN, pairBucketsTerms = n, b, h }(pairsMinDocs, pairBucketsN, pairBucketsTerms)
	// Pairs of the 300 commonest words, in 512 buckets: an article sets
	// about a fifth; phrases have pairs with rarer words too.
	pairBucketsN, pairBucketsTerms = 512, 300
	ix, live := fwdTestIndex(t) // no sidecars: its segments are small
	pairsMinDocs = 0
	arts := make([]*corpus.Article, 0, len(live))
	for _, a := range live {
		arts = append(arts, a)
	}
	slices.SortFunc(arts, func(a, b *corpus.Article) int { return int(a.ID - b.ID) })
	phrases := append(testPhrases(arts), bucketPhrases(arts)...)
	oracle := phraseOracle(ix, arts)
	run := func(t *testing.T) {
		t.Helper()
		checkPhraseHits(t, ix, phrases, func(p string) ([]int64, bool) { return oracle(p), true })
	}
	t.Run("none", func(t *testing.T) {
		forgetPairBuckets()
		if n := usableBuckets(t, ix); n != 0 {
			t.Fatalf("%d segments with pair buckets before any was written", n)
		}
		run(t)
	})
	writeSidecars(context.Background(), ix.bi, ix.fwd, slog.Default())
	files, _ := filepath.Glob(filepath.Join(ix.path, pairBucketsDirName, "*.pbk"))
	t.Run("written", func(t *testing.T) {
		forgetPairBuckets()
		if n := usableBuckets(t, ix); n < 2 || n != len(files) {
			t.Fatalf("%d segments with pair buckets, %d files", n, len(files))
		}
		run(t)
		checkBucketsNarrow(t, ix, phrases)
	})
	t.Run("damaged", func(t *testing.T) {
		damage := []func(f string) error{
			func(f string) error { return flipByte(f, 3) }, // in a bitset
			func(f string) error { return os.Truncate(f, 50) },
			os.Remove,
		}
		for i, f := range files {
			if err := damage[i%len(damage)](f); err != nil {
				t.Fatal(err)
			}
		}
		forgetPairBuckets()
		run(t)
	})
	t.Run("rewritten", func(t *testing.T) {
		writeSidecars(context.Background(), ix.bi, ix.fwd, slog.Default())
		forgetPairBuckets()
		if n := usableBuckets(t, ix); n != len(files) {
			t.Fatalf("%d of %d segments with usable pair buckets after damaged ones were written again", n, len(files))
		}
		run(t)
	})
}

// bucketPhrases returns phrases that tempt the buckets: a title's last
// words and the body's first (across the boundary: no match unless
// either holds them), an article's words out of order, another form of
// a word of a real phrase (a phrase matches exact tokens), and stop
// words around rare words.
func bucketPhrases(arts []*corpus.Article) []string {
	var out []string
	for i, a := range arts {
		if i%40 != 0 {
			continue
		}
		title, body := strings.Fields(strings.ToLower(a.Title)), strings.Fields(strings.ToLower(a.Text))
		if len(title) < 2 || len(body) < 6 {
			continue
		}
		out = append(out,
			strings.Join([]string{title[len(title)-2], title[len(title)-1], strings.Trim(body[0], "."), strings.Trim(body[1], ".")}, " "),
			strings.Join([]string{body[3], body[2], body[1]}, " "),
			strings.Join([]string{body[2], body[3] + "s", body[4]}, " "),
			strings.Join([]string{"the", body[4], "of", body[5]}, " "))
	}
	return append(out, "the elections of", "of the the", "election results the city")
}

// phraseOracle returns the articles of arts (ascending ids) whose
// analyzed title or body holds a phrase, as the analyzers of ix make
// tokens.
func phraseOracle(ix *Index, arts []*corpus.Article) func(p string) []int64 {
	analyze := func(field, text string) []string {
		var out []string
		for _, tok := range ix.m.AnalyzerNamed(ix.m.AnalyzerNameForPath(field)).Analyze([]byte(text)) {
			out = append(out, string(tok.Term))
		}
		return out
	}
	type seqs struct{ title, body []string }
	all := make([]seqs, len(arts))
	for k, a := range arts {
		all[k] = seqs{analyze(fieldTitle, strings.TrimSpace(foldText(a.Title))), analyze(fieldBody, strings.TrimSpace(bodyOf(a)))}
	}
	holds := func(seq, terms []string) bool {
		for p := 0; p+len(terms) <= len(seq); p++ {
			if slices.Equal(seq[p:p+len(terms)], terms) {
				return true
			}
		}
		return false
	}
	return func(p string) []int64 {
		terms := analyze(fieldBody, p)
		var want []int64
		for k, a := range arts {
			if len(terms) > 0 && (holds(all[k].title, terms) || holds(all[k].body, terms)) {
				want = append(want, a.ID)
			}
		}
		return want
	}
}

// checkBucketsNarrow checks, segment by segment, that the buckets keep
// every candidate holding the phrase in its body and drop some others.
func checkBucketsNarrow(t *testing.T, ix *Index, phrases []string) {
	t.Helper()
	snap, done := mustSnapshot(t, ix)
	defer done()
	v := ix.fwd.view()
	defer v.release()
	var before, after uint64
	for _, p := range phrases {
		terms := termsOf(ix.m.AnalyzerNamed(analyzerExact), p)
		if len(terms) < 2 {
			continue
		}
		offsets := make([]int, len(terms))
		for k := range offsets {
			offsets[k] = k
		}
		fp := v.phrase(true, terms, offsets)
		for _, ss := range snap.Segments() {
			cand := bodyCandidates(t, ix, ss, terms)
			want, err := fwdCheckPhrase(ss.Segment(), fp, cand)
			if err != nil {
				t.Fatal(err)
			}
			sb := segmentBucketsOf(ss)
			if sb == nil {
				t.Fatal("a segment without pair buckets")
			}
			n := cand.GetCardinality()
			if err := sb.narrow(cand, terms); err != nil {
				t.Fatal(err)
			}
			if len(sb.buckets(terms)) > 0 { // not only pairs of common words
				before, after = before+n, after+cand.GetCardinality()
			}
			if lost := roaring.AndNot(want, cand); !lost.IsEmpty() {
				t.Errorf("%q: the buckets lost documents %v holding it", p, lost.ToArray())
			}
		}
	}
	if after*10 > before*8 {
		t.Errorf("the buckets left %d of %d candidates: they narrow too little", after, before)
	}
	t.Logf("candidates: %d, after the buckets %d", before, after)
}

// bodyCandidates returns the documents of ss holding each of terms, or
// another form of it, in the body (option (b)'s candidates).
func bodyCandidates(t *testing.T, ix *Index, ss *scorch.SegmentSnapshot, terms []string) *roaring.Bitmap {
	bms := make([]*roaring.Bitmap, len(terms))
	for k := range bms {
		bms[k] = roaring.New()
	}
	if err := orField(ss, bms, fieldBody, terms); err != nil {
		t.Fatal(err)
	}
	for _, l := range ix.stemLangs("") {
		alt := make([]string, len(terms))
		for k, w := range terms {
			alt[k] = ix.docs.stems[l].term(w)
		}
		if err := orField(ss, bms, fieldStemPrefix+l, alt); err != nil {
			t.Fatal(err)
		}
	}
	return roaring.FastAnd(bms...)
}

func forgetPairBuckets() {
	pairBucketsCache.Range(func(k, _ any) bool {
		pairBucketsCache.Delete(k)
		return true
	})
}

// usableBuckets returns the number of ix's segments with usable pair
// buckets.
func usableBuckets(tb testing.TB, ix *Index) int {
	tb.Helper()
	snap, done := mustSnapshot(tb, ix)
	defer done()
	n := 0
	for _, ss := range snap.Segments() {
		if segmentBucketsOf(ss) != nil {
			n++
		}
	}
	return n
}

// TestPairBucket pins the hash: a sidecar's buckets must be found by
// every later process (a new hash needs a new pairBucketsMagic).
func TestPairBucket(t *testing.T) {
	for _, c := range []struct {
		a, b string
		n    int
		want int
	}{
		{"the", "city", 1024, 613},
		{"city", "the", 1024, 468},
		{"biwe", "bube", 1024, 746},
		{"élection", "du", 64, 2},
	} {
		got := pairBucket(termHash(c.a), termHash(c.b), c.n)
		if got != c.want {
			t.Errorf("pairBucket(%q, %q, %d) = %d, want %d", c.a, c.b, c.n, got, c.want)
		}
		if bytesHash := termHash([]byte(c.a)); bytesHash != termHash(c.a) {
			t.Errorf("termHash(%q): bytes %x, string %x", c.a, bytesHash, termHash(c.a))
		}
	}
}
