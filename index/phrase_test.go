package index

import (
	"math/rand/v2"
	"strings"
	"testing"

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
