package index

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestTopHitsMatchBleve checks the fast path of topk.go against bleve
// scoring every hit: the same total, hits, scores and order, for words of
// every frequency, fields, boosts, boolean queries, filters, limits and
// offsets, on an index of several segments with replaced and deleted
// articles.
func TestTopHitsMatchBleve(t *testing.T) {
	ix := mustFilterCorpus(t)
	checkTopHits(t, ix)
}

// checkTopHits runs TestTopHitsMatchBleve's requests on ix and returns the
// number of hits that block bounds spared scoring.
func checkTopHits(t *testing.T, ix *Index) uint64 {
	t.Helper()
	from, to := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC)
	var reqs []Request
	// Words from the most common to the rarest of the generator.
	for k := 0; k < len(genWords); k += 7 {
		w := genWord(k)
		reqs = append(reqs,
			Request{Query: w},
			Request{Query: w, Limit: 3, Offset: 2},
			Request{Query: w, Site: "news.example.com"},
			Request{Query: w, From: from, To: to, Limit: 20},
			Request{Query: "title:" + w, Limit: 5},
		)
	}
	for _, q := range []string{"the", "storm", "und", "title:storm", "text:storm^2", "storm^3",
		"+the +storm", "+the -storm", "+the +storm -flood", "(storm OR flood) AND NOT harbour",
		"storm OR flood OR harbour", "nosuchwordanywhere", "+storm +nosuchwordanywhere"} {
		for _, lim := range []int{1, 10, 100, 1000} {
			reqs = append(reqs, Request{Query: q, Limit: lim}, Request{Query: q, Limit: lim, Lang: "en"},
				Request{Query: q, Limit: lim, Flags: []string{"short"}, NoFlags: []string{"no-date"}})
		}
	}
	fast, scored := 0, 0
	var skipped uint64
	for _, req := range reqs {
		name := fmt.Sprintf("%+v", req)
		sr, _, _, err := ix.searchRequest(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tq, ok := sr.Query.(*topQuery); ok {
			fast++
			if _, err := ix.search(context.Background(), sr); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			skipped += tq.skipped
			if tq.scored {
				scored++
			}
		} else if req.Limit == 1 || req.Limit == 0 {
			t.Logf("not fast: %s", name)
		}
		plain := req
		plain.plainTop = true
		want := MustSearch(t, ix, plain)
		got := MustSearch(t, ix, req)
		if got.Total != want.Total {
			t.Errorf("%s: total %d, bleve's %d", name, got.Total, want.Total)
		}
		if !reflect.DeepEqual(got.Hits, want.Hits) {
			t.Errorf("%s: hits differ:\n got %v\nwant %v", name, hitURLs(got), hitURLs(want))
		}
	}
	if fast < len(reqs)*9/10 {
		t.Errorf("the fast path ran %d of %d requests", fast, len(reqs))
	}
	// The candidates' scores are computed in topkscore.go, not by bleve,
	// for all but the queries it leaves to bleve (none of these).
	if scored != fast {
		t.Errorf("the candidates of %d of %d fast requests were scored by bleve", fast-scored, fast)
	}
	return skipped
}

// TestTopCandidates checks the choice of candidates: the k best, and
// every score tied with (or within rounding of) the k-th.
func TestTopCandidates(t *testing.T) {
	all := []scoredDoc{{1, 0.5}, {2, 0.9}, {3, 0.7}, {4, 0.7 * (1 - 1e-12)}, {5, 0.1}, {6, 0.7}}
	for _, c := range []struct {
		k    int
		want []uint32
	}{
		{1, []uint32{2}},
		{2, []uint32{2, 3, 4, 6}},
		{4, []uint32{2, 3, 4, 6}},
		{5, []uint32{1, 2, 3, 4, 6}},
		{6, []uint32{1, 2, 3, 4, 5, 6}},
		{10, []uint32{1, 2, 3, 4, 5, 6}},
	} {
		if got := candidates(all, c.k).ToArray(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("k %d: %v, want %v", c.k, got, c.want)
		}
	}
}
