package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/archivist-project/archivist/corpus"
)

// TestCopiedPhraseInTopThree copies runs of words from generated articles
// (Zipf-distributed words: most are common, some rare, and rare words also
// appear in other articles' titles) and checks that the article is among
// the first three hits, quoted and unquoted (as a shell passes
// `archivist search some words` or `search "some words"`).
func TestCopiedPhraseInTopThree(t *testing.T) {
	const docs = 2000
	var arts []*corpus.Article
	for i := 1; i <= docs; i++ {
		arts = append(arts, genArticle(i))
	}
	ix := MustMemIndex(t, arts)
	r := rand.New(rand.NewPCG(7, 7))
	misses := map[bool]int{}
	const tries = 100
	for range tries {
		a := arts[r.IntN(len(arts))]
		words := strings.Fields(a.Text)
		n := 6 + r.IntN(5)
		start := r.IntN(len(words) - n)
		phrase := strings.Join(words[start:start+n], " ")
		for _, quoted := range []bool{true, false} {
			q := phrase
			if quoted {
				q = `"` + phrase + `"`
			}
			res := MustSearch(t, ix, Request{Query: q, Limit: 3, IDsOnly: true})
			found := false
			for _, h := range res.Hits {
				found = found || h.ID == a.ID
			}
			if !found {
				misses[quoted]++
				t.Logf("quoted=%v: article %d not in the top 3 for %s", quoted, a.ID, q)
			}
		}
	}
	if misses[true] > 0 {
		t.Errorf("quoted phrases: %d of %d articles missed the top 3", misses[true], tries)
	}
	if misses[false] > tries/50 {
		t.Errorf("unquoted phrases: %d of %d articles missed the top 3", misses[false], tries)
	}
}

// TestPhraseSearcherMatchesBleve checks that phraseQuery finds the same
// articles with the same scores as bleve's MatchPhraseQuery, alone, in
// the title-and-body disjunction the query rewriter builds, and beside a
// word (AND, NOT), on an index
// written in several batches (several segments, with replaced articles),
// for phrases copied from articles, phrases that occur nowhere, and
// phrases with a repeated word.
func TestPhraseSearcherMatchesBleve(t *testing.T) {
	useWordPositions(t) // bleve's phrase query is the reference
	ix := MustMemIndex(t, nil)
	arts := putPhraseArticles(t, ix)
	checkPhrasesMatchBleve(t, ix, testPhrases(arts))
}

// putPhraseArticles puts 900 generated articles into ix in batches of 300
// (several segments), then replaces some (their old documents stay,
// deleted, in the first segments), and returns the articles.
func putPhraseArticles(tb testing.TB, ix *Index) []*corpus.Article {
	tb.Helper()
	var arts []*corpus.Article
	for i := 1; i <= 900; i++ {
		arts = append(arts, genArticle(i))
	}
	for lo := 0; lo < len(arts); lo += 300 {
		if err := ix.Put(context.Background(), arts[lo:lo+300]); err != nil {
			tb.Fatal(err)
		}
	}
	var again []*corpus.Article
	for i := 0; i < len(arts); i += 7 {
		a := *arts[(i*31)%len(arts)]
		a.Text = genArticle(len(arts) + i).Text
		again = append(again, &a)
	}
	if err := ix.Put(context.Background(), again); err != nil {
		tb.Fatal(err)
	}
	return arts
}

// testPhrases returns phrases copied from arts' texts and titles, phrases
// of common words (most of them in most articles, as the pairs sidecar
// serves), phrases that occur nowhere and phrases with a repeated word.
func testPhrases(arts []*corpus.Article) []string {
	r := rand.New(rand.NewPCG(3, 9))
	var phrases []string
	for range 120 {
		a := arts[r.IntN(len(arts))]
		src := a.Text
		if r.IntN(4) == 0 {
			src = a.Title
		}
		words := strings.Fields(src)
		n := 2 + r.IntN(4)
		if len(words) <= n {
			continue
		}
		start := r.IntN(len(words) - n)
		phrases = append(phrases, strings.Join(words[start:start+n], " "))
	}
	for _, top := range []int{40, 12} {
		for range 40 {
			n := 2 + r.IntN(3)
			var ws []string
			for range n {
				ws = append(ws, genWord(r.IntN(top)))
			}
			phrases = append(phrases, strings.Join(ws, " "))
		}
	}
	return append(phrases, "the the", "of the of", "the government of the", "nowhere-at-all words", "l'économie du pays")
}

// checkPhrasesMatchBleve checks that phraseQuery finds the same articles
// with the same scores as bleve's MatchPhraseQuery for phrases in ix.
func checkPhrasesMatchBleve(t *testing.T, ix *Index, phrases []string) {
	t.Helper()
	matched := 0
	for _, p := range phrases {
		for _, field := range []string{fieldTitle, fieldBody, "", "and", "not"} {
			want := searchAll(t, ix, bleveOrOurs(p, field, false))
			got := searchAll(t, ix, bleveOrOurs(p, field, true))
			if len(want) > 0 {
				matched++
			}
			if d := diffScores(want, got); d != "" {
				t.Errorf("%q in %q: %s", p, field, d)
			}
		}
	}
	if matched < 2*len(phrases) {
		t.Errorf("only %d of %d searches matched something: the test checks too little", matched, 5*len(phrases))
	}
}

// bleveOrOurs returns the query for phrase p in field (both title and
// body, as the rewriter asks, for ""; with a word for "and"; the word
// without the phrase for "not"), with bleve's
// MatchPhraseQuery or phraseQuery.
func bleveOrOurs(p, field string, ours bool) query.Query {
	one := func(f string, boost float64) query.Query {
		if ours {
			return newPhraseQuery(p, f, boost)
		}
		q := query.NewMatchPhraseQuery(p)
		q.SetField(f)
		q.SetBoost(boost)
		return q
	}
	both := query.NewDisjunctionQuery([]query.Query{one(fieldTitle, boostTitle), one(fieldBody, boostBody)})
	// A word in about a tenth of the articles: rarer than the common
	// words of most phrases, so that it leads and the phrase is advanced.
	word := query.NewTermQuery(genWord(50))
	word.SetField(fieldBody)
	switch field {
	case "":
		return both
	case "and": // the phrase is advanced to the word's articles
		return query.NewConjunctionQuery([]query.Query{word, both})
	case "not":
		b := query.NewBooleanQuery([]query.Query{word}, nil, []query.Query{both})
		return b
	}
	return one(field, 1)
}

// searchAll returns the score of every hit of q in ix, by document id.
func searchAll(tb testing.TB, ix *Index, q query.Query) map[string]float64 {
	tb.Helper()
	req := bleve.NewSearchRequestOptions(q, 100000, 0, false)
	res, err := ix.search(context.Background(), req) // with the forward index's view
	if err != nil {
		tb.Fatal(err)
	}
	out := make(map[string]float64, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	if uint64(len(out)) != res.Total {
		tb.Fatalf("%d hits of %d", len(out), res.Total)
	}
	return out
}

// diffScores describes how got differs from want ("" if it does not).
func diffScores(want, got map[string]float64) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d hits, want %d", len(got), len(want))
	}
	for id, s := range want {
		g, ok := got[id]
		if !ok {
			return fmt.Sprintf("document %s missing", id)
		}
		if math.Abs(g-s) > 1e-9*math.Max(1, math.Abs(s)) {
			return fmt.Sprintf("document %s: score %g, want %g", id, g, s)
		}
	}
	return ""
}
