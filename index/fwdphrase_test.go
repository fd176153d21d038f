package index

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// fwdTestIndex returns an on-disk index with a forward index, of several
// segments, written by Update (from a source) and Put, with articles
// replaced and deleted, open read-only (no background merges); and the
// articles as the index has them (nil: deleted).
func fwdTestIndex(t *testing.T) (*Index, map[int64]*corpus.Article) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fwd.bleve")
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	live := map[int64]*corpus.Article{}
	var arts []*corpus.Article
	for i := 1; i <= 900; i++ {
		a := genArticle(i)
		// A language without a stemmer: since index format 8 only
		// such articles have the exact body field, whose positions
		// (useWordPositions) are the forward index's reference.
		a.Language = "ja"
		arts = append(arts, a)
		live[a.ID] = a
	}
	src := newFakeSource(arts[:400]...)
	if _, err := ix.Update(ctx, src); err != nil {
		t.Fatal(err)
	}
	for lo := 400; lo < len(arts); lo += 250 {
		if err := ix.Put(ctx, arts[lo:min(lo+250, len(arts))]); err != nil {
			t.Fatal(err)
		}
	}
	// Replaced: through the source (Update) and by Put.
	for i := 5; i < 400; i += 23 {
		a := *arts[i]
		a.Text = genArticle(2000 + i).Text
		a.Title = genArticle(3000 + i).Title
		src.Set(&a)
		live[a.ID] = &a
	}
	if _, err := ix.Update(ctx, src); err != nil {
		t.Fatal(err)
	}
	var again []*corpus.Article
	for i := 410; i < len(arts); i += 29 {
		a := *arts[i]
		a.Text = genArticle(4000 + i).Text
		again = append(again, &a)
		live[a.ID] = &a
	}
	if err := ix.Put(ctx, again); err != nil {
		t.Fatal(err)
	}
	var gone []int64
	for i := 3; i < len(arts); i += 31 {
		gone = append(gone, arts[i].ID)
		delete(live, arts[i].ID)
	}
	if err := ix.Delete(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = OpenReadOnly(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix, live
}

// TestFwdTermsAreTheAnalysis checks that the forward index holds every
// article as the title's and body's analyzers make it, after Update, Put,
// Delete, and after Rebuild.
func TestFwdTermsAreTheAnalysis(t *testing.T) {
	ix, live := fwdTestIndex(t)
	check := func(ix *Index, live map[int64]*corpus.Article) {
		t.Helper()
		v := ix.fwd.view()
		defer v.release()
		analyze := func(field, text string) []string {
			var out []string
			for _, tok := range ix.m.AnalyzerNamed(ix.m.AnalyzerNameForPath(field)).Analyze([]byte(text)) {
				out = append(out, string(tok.Term))
			}
			return out
		}
		for id := int64(1); id <= 900; id++ {
			title, body, ok, err := v.terms(id)
			if err != nil {
				t.Fatal(err)
			}
			a := live[id]
			if ok != (a != nil) {
				t.Fatalf("article %d: in the forward index %v, live %v", id, ok, a != nil)
			}
			if a == nil {
				continue
			}
			if want := analyze(fieldTitle, strings.TrimSpace(foldText(a.Title))); !slices.Equal(title, want) {
				t.Fatalf("article %d: title %q, want %q", id, title, want)
			}
			if want := analyze(fieldBody, strings.TrimSpace(bodyOf(a))); !slices.Equal(body, want) {
				t.Fatalf("article %d: body %d terms, want %d", id, len(body), len(want))
			}
		}
	}
	check(ix, live)

	var arts []*corpus.Article
	for _, a := range live {
		arts = append(arts, a)
	}
	path := filepath.Join(t.TempDir(), "r.bleve")
	rx, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer rx.Close()
	if _, err := rx.Rebuild(context.Background(), newFakeSource(arts...)); err != nil {
		t.Fatal(err)
	}
	check(rx, live)
	if files := fwdFiles(filepath.Join(path, fwdDir)); len(files) != 1 {
		t.Errorf("runs after Rebuild: %v, want one", files)
	}
	if err := rx.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := RebuildFolder(context.Background(), path, newFakeSource(arts[:100]...)); err != nil {
		t.Fatal(err)
	}
	if files := fwdFiles(filepath.Join(path, fwdDir)); len(files) != 1 {
		t.Errorf("runs after RebuildFolder: %v, want one", files)
	}
}

// TestFwdPhraseMatchesPositions checks, segment by segment, that the
// forward index finds the documents holding a phrase that the terms'
// positions find, in an index of several segments with replaced and
// deleted articles, with and without the pairs sidecar.
func TestFwdPhraseMatchesPositions(t *testing.T) {
	useWordPositions(t)         // bleve's phrase query is the reference
	ix, live := fwdTestIndex(t) // no pairs: its segments are small
	defer func(n uint64) { pairsMinDocs = n }(pairsMinDocs)
	pairsMinDocs = 0
	var arts []*corpus.Article
	for _, a := range live {
		arts = append(arts, a)
	}
	slices.SortFunc(arts, func(a, b *corpus.Article) int { return int(a.ID - b.ID) })
	phrases := testPhrases(arts)
	v := ix.fwd.view()
	defer v.release()
	run := func(t *testing.T) {
		snap, done := mustSnapshot(t, ix)
		defer done()
		segs, deleted, matched := 0, uint64(0), 0
		for _, ss := range snap.Segments() {
			segs++
			if d := ss.Deleted(); d != nil {
				deleted += d.GetCardinality()
			}
		}
		if segs < 2 || deleted == 0 {
			t.Fatalf("%d segments, %d deleted documents: the test checks too little", segs, deleted)
		}
		for _, p := range phrases {
			for _, field := range []string{fieldTitle, fieldBody} {
				var terms []string
				var offsets []int
				toks := ix.m.AnalyzerNamed(ix.m.AnalyzerNameForPath(field)).Analyze([]byte(p))
				for _, tok := range toks {
					terms = append(terms, string(tok.Term))
					offsets = append(offsets, tok.Position-toks[0].Position)
				}
				if len(terms) < 2 {
					continue
				}
				fp := v.phrase(field == fieldBody, terms, offsets)
				for _, ss := range snap.Segments() {
					want, err := phraseSegmentDocs(ss, field, terms, offsets, nil)
					if err != nil {
						t.Fatal(err)
					}
					got, err := phraseSegmentDocs(ss, field, terms, offsets, fp)
					if err != nil {
						t.Fatal(err)
					}
					if !got.Equals(want) {
						t.Errorf("%q in %s: forward index %v, positions %v", p, field, got.ToArray(), want.ToArray())
					}
					if !want.IsEmpty() {
						matched++
					}
				}
			}
		}
		if matched < len(phrases) {
			t.Errorf("only %d matches in segments for %d phrases: the test checks too little", matched, len(phrases))
		}
	}
	t.Run("no pairs", func(t *testing.T) {
		forgetPairs()
		if n := usablePairs(t, ix); n != 0 {
			t.Fatalf("%d segments with pairs", n)
		}
		run(t)
	})
	t.Run("pairs", func(t *testing.T) {
		writeSidecars(context.Background(), ix.bi, ix.fwd, slog.Default())
		forgetPairs()
		if usablePairs(t, ix) < 2 {
			t.Fatal("no pairs written")
		}
		run(t)
	})
}

// useWordPositions makes the indexes that the test opens keep the title's
// and body's positions (wordPositions), until it ends.
func useWordPositions(t *testing.T) {
	t.Helper()
	wordPositions = true
	t.Cleanup(func() { wordPositions = false })
}

// TestPhrasesWithoutPositions searches quoted phrases through Search on
// an index as archivist writes it (no positions: the forward index
// checks the candidates), of several segments with replaced and deleted
// articles, with and without the pairs sidecar, and compares the hits
// with the articles whose analyzed title or body hold the phrase.
func TestPhrasesWithoutPositions(t *testing.T) {
	ix, live := fwdTestIndex(t) // no pairs: its segments are small
	defer func(n uint64) { pairsMinDocs = n }(pairsMinDocs)
	pairsMinDocs = 0
	var arts []*corpus.Article
	for _, a := range live {
		arts = append(arts, a)
	}
	slices.SortFunc(arts, func(a, b *corpus.Article) int { return int(a.ID - b.ID) })
	analyze := func(field, text string) []string {
		var out []string
		for _, tok := range ix.m.AnalyzerNamed(ix.m.AnalyzerNameForPath(field)).Analyze([]byte(text)) {
			out = append(out, string(tok.Term))
		}
		return out
	}
	type seqs struct{ title, body []string }
	all := map[int64]seqs{}
	for _, a := range arts {
		all[a.ID] = seqs{analyze(fieldTitle, strings.TrimSpace(foldText(a.Title))), analyze(fieldBody, strings.TrimSpace(bodyOf(a)))}
	}
	holds := func(seq, terms []string) bool {
		for p := 0; p+len(terms) <= len(seq); p++ {
			if slices.Equal(seq[p:p+len(terms)], terms) {
				return true
			}
		}
		return false
	}
	phrases := testPhrases(arts)
	run := func(t *testing.T) {
		checkPhraseHits(t, ix, phrases, func(p string) ([]int64, bool) {
			terms := analyze(fieldBody, p)
			if len(terms) < 2 {
				return nil, false
			}
			var want []int64
			for _, a := range arts {
				if s := all[a.ID]; holds(s.title, terms) || holds(s.body, terms) {
					want = append(want, a.ID)
				}
			}
			return want, true
		})
	}
	t.Run("no pairs", func(t *testing.T) {
		forgetPairs()
		if n := usablePairs(t, ix); n != 0 {
			t.Fatalf("%d segments with pairs", n)
		}
		run(t)
	})
	t.Run("pairs", func(t *testing.T) {
		writeSidecars(context.Background(), ix.bi, ix.fwd, slog.Default())
		forgetPairs()
		if usablePairs(t, ix) < 2 {
			t.Fatal("no pairs written")
		}
		run(t)
	})
}

// checkPhraseHits checks the hits of each quoted phrase in ix against
// want's (false: the phrase is not checked), and that half the phrases or
// more find something.
func checkPhraseHits(t *testing.T, ix *Index, phrases []string, want func(string) ([]int64, bool)) {
	t.Helper()
	matched := 0
	for _, p := range phrases {
		w, ok := want(p)
		if !ok {
			continue
		}
		got, err := ix.MatchingIDs(context.Background(), Request{Query: `"` + p + `"`})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		if !slices.Equal(got, w) {
			t.Errorf("%q: %v, want %v", p, got, w)
		}
		if len(w) > 0 {
			matched++
		}
	}
	if matched < len(phrases)/2 {
		t.Errorf("only %d of %d phrases found: the test checks too little", matched, len(phrases))
	}
}
