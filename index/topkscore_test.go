package index

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestExactScoresMatchBleve runs queries built by hand (shapes the query
// parser does not make) through the fast path and through bleve: the same
// hits with the same scores, whether topkscore.go scores the candidates
// (a term alone, with and without a filter; conjunctions and disjunctions
// of clauses with several counts) or leaves them to bleve (more clauses
// than bleve sorts stably, a must-not clause below the root).
func TestExactScoresMatchBleve(t *testing.T) {
	ix := mustFilterCorpus(t)
	term := func(f, w string, b float64) query.Query {
		q := query.NewTermQuery(w)
		q.SetField(f)
		q.SetBoost(b)
		return q
	}
	word := func(w string) query.Query {
		return query.NewDisjunctionQuery([]query.Query{term(fieldTitle, w, 3), term(fieldBody, w, 1), term(fieldStemPrefix+"en", w, 0.5)})
	}
	var many []query.Query
	for k := 0; k < 11; k++ {
		many = append(many, term(fieldBody, genWord(k*3), 1))
	}
	notBelow := query.NewBooleanQuery([]query.Query{word("storm")}, nil, []query.Query{word("the")})
	cases := []struct {
		name   string
		q      query.Query
		filter bool
		scored bool
	}{
		{"term", term(fieldBody, "storm", 2), false, true},
		{"term, filtered", term(fieldBody, "storm", 2), true, true},
		{"conjunction of three", query.NewConjunctionQuery([]query.Query{word("the"), word(genWord(5)), word(genWord(1))}), false, true},
		{"disjunction of three, filtered", query.NewDisjunctionQuery([]query.Query{word(genWord(9)), word("storm"), word(genWord(2))}), true, true},
		{"eleven terms", query.NewDisjunctionQuery(many), false, false},
		{"must-not below the root", query.NewDisjunctionQuery([]query.Query{notBelow, word(genWord(4))}), false, false},
	}
	for _, c := range cases {
		for _, limit := range []int{1, 10, 50} {
			name := fmt.Sprintf("%s, limit %d", c.name, limit)
			req := Request{Limit: limit}
			var filter query.Query
			var bits *bitFilter
			q := c.q
			if c.filter {
				req.Flags = []string{"short"}
				var err error
				if filter, bits, err = filterQuery(req); err != nil {
					t.Fatal(err)
				}
				b := query.NewBooleanQuery([]query.Query{c.q}, nil, nil)
				b.AddFilter(filter)
				q = &filteredQuery{bool: b, bits: bits}
			}
			tq := topQueryFor(req, c.q, q, filter, bits, limit)
			if tq == nil {
				t.Fatalf("%s: not on the fast path", name)
			}
			got := mustBleveHits(t, ix, tq, limit)
			want := mustBleveHits(t, ix, q, limit)
			if tq.scored != c.scored {
				t.Errorf("%s: scored here %v, want %v", name, tq.scored, c.scored)
			}
			if len(want) == 1 {
				t.Errorf("%s: no hits", name)
			}
			if c.name == "eleven terms" {
				// bleve's heap of more than DisjunctionHeapTakeover
				// clauses sums them in an order that depends on how
				// it is advanced: last-place differences between
				// bleve's own runs.
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: hits differ:\n got %v\nwant %v", name, got, want)
			}
		}
	}
}

// mustBleveHits returns the ids and scores of q's hits, in order, and the
// total.
func mustBleveHits(tb testing.TB, ix *Index, q query.Query, limit int) []string {
	tb.Helper()
	tq, _ := q.(*topQuery)
	res, err := ix.search(context.Background(), bleve.NewSearchRequestOptions(q, limit, 0, false))
	if err != nil {
		tb.Fatal(err)
	}
	total := res.Total
	if tq != nil && tq.used {
		total = tq.total
	}
	out := []string{fmt.Sprint(total)}
	for _, h := range res.Hits {
		out = append(out, fmt.Sprintf("%s %v", h.ID, h.Score))
	}
	return out
}
