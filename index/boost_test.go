package index

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/archivist-project/archivist/corpus"
)

// weightRe reads the term and boost of one scoring clause in bleve's
// explanation of a hit's score.
var weightRe = regexp.MustCompile(`^weight\(([^:]+):(\S+)\^([0-9.]+) in `)

// mustBoosts returns, for each field:term that scores article id for the
// query string qs, the boost that bleve applied to it.
func mustBoosts(tb testing.TB, ix *Index, qs string, id int64) map[string]float64 {
	tb.Helper()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	q, _, err := ix.parseQuery(qs, "", false)
	if err != nil {
		tb.Fatalf("parse %q: %v", qs, err)
	}
	sr := bleve.NewSearchRequest(q)
	sr.Explain = true
	res, err := ix.search(context.Background(), sr)
	if err != nil {
		tb.Fatalf("search %q: %v", qs, err)
	}
	for _, h := range res.Hits {
		if h.ID != docID(id) {
			continue
		}
		out := map[string]float64{}
		var walk func(e *search.Explanation)
		walk = func(e *search.Explanation) {
			if e == nil {
				return
			}
			if m := weightRe.FindStringSubmatch(e.Message); m != nil {
				b, _ := strconv.ParseFloat(m[3], 64)
				out[m[1]+":"+m[2]] = b
			}
			for _, c := range e.Children {
				walk(c)
			}
		}
		walk(h.Expl)
		return out
	}
	tb.Fatalf("search %q: article %d not among the hits", qs, id)
	return nil
}

// TestBoostsReachScoringClauses: the weights of fields (title 3, text 1:
// the exact body of an article without a stemmer, the stemmed field of
// the others, since index format 8) and the user's ^boosts are those
// bleve scores with. bleve ignores the boost of a disjunction, which a word
// without a field is: stemmed matches used to count 1, and storm^2 as
// storm.
func TestBoostsReachScoringClauses(t *testing.T) {
	ix := MustMemIndex(t, []*corpus.Article{
		{ID: 1, URL: "https://x.example/1", Site: "x.example", Language: "en", Title: "Storm warning", Text: "A storm in 2024 hit the studies."},
		{ID: 2, URL: "https://x.example/2", Site: "x.example", Language: "en", Title: "Flood", Text: "A study of the flood."},
		{ID: 3, URL: "https://x.example/3", Site: "x.example", Language: "ja", Title: "Storm", Text: "storm 東京"},
	})
	tests := []struct {
		query string
		id    int64
		want  map[string]float64
	}{
		{"storm", 1, map[string]float64{"title:storm": 3, "stem_en:storm": 1}},
		{"storm^2", 1, map[string]float64{"title:storm": 6, "stem_en:storm": 2}},
		{"text:storm^2 text:flood", 1, map[string]float64{"stem_en:storm": 2}},
		{"2024^2", 1, map[string]float64{"stem_en:2024": 2}},
		{"study", 1, map[string]float64{"stem_en:studi": 1}},
		{"study", 2, map[string]float64{"stem_en:studi": 1}},
		{"storm^2 flood", 1, map[string]float64{"title:storm": 6, "stem_en:storm": 2}},
		{"storm^2 flood", 2, map[string]float64{"title:flood": 3, "stem_en:flood": 1}},
		{`"storm warning"^2`, 1, map[string]float64{"title:storm": 6, "title:warning": 6}},
		{"storm* OR flood^0.5", 2, map[string]float64{"title:flood": 1.5, "stem_en:flood": 0.5}},
		{"storm^2", 3, map[string]float64{"title:storm": 6, "body:storm": 2}},
		{"text:storm^2", 3, map[string]float64{"body:storm": 2}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.query, tt.id), func(t *testing.T) {
			got := mustBoosts(t, ix, tt.query, tt.id)
			if !maps.Equal(got, tt.want) {
				t.Errorf("boosts = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestWordBoostRanks: a user's ^boost on a word without a field puts the
// articles with that word first, as it does with a field.
func TestWordBoostRanks(t *testing.T) {
	ix := MustMemIndex(t, []*corpus.Article{
		{ID: 1, URL: "https://x.example/1", Site: "x.example", Language: "en", Title: "Report", Text: "The storm came at night."},
		{ID: 2, URL: "https://x.example/2", Site: "x.example", Language: "en", Title: "Report", Text: "The flood came at night."},
	})
	for _, tt := range []struct {
		query string
		want  []int64
	}{
		{"storm^2 flood", []int64{1, 2}},
		{"storm flood^2", []int64{2, 1}},
		{"text:storm^2 text:flood", []int64{1, 2}},
		{"text:storm text:flood^2", []int64{2, 1}},
	} {
		t.Run(tt.query, func(t *testing.T) {
			res := MustSearch(t, ix, Request{Query: tt.query})
			var got []int64
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("hits = %v, want %v (scores %v)", got, tt.want, res.Hits)
			}
		})
	}
}
