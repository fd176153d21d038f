package index

import (
	"reflect"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// mustFacetCorpus returns an on-disk index of generated articles written
// in several batches (several segments), with some articles replaced and
// some deleted (deleted documents in the segments), and a few articles
// whose authors and tags repeat a value, open read-only.
func mustFacetCorpus(tb testing.TB) *Index {
	tb.Helper()
	arts := make([]*corpus.Article, 900)
	for i := range arts {
		arts[i] = genArticle(i + 1)
	}
	arts[3].Authors = []string{"Ann Lee", "Ann Lee"}
	arts[4].Tags = []string{"storm", "storm", "flood"}
	arts[5].Published = nil
	return mustSegmentedIndex(tb, arts, func(i int) *corpus.Article {
		a := *genArticle(i)
		a.Site, a.Section = "changed.example.com", "Changed"
		return &a
	})
}

// TestFastFacetsMatchBleve checks the facets and histograms counted from
// postings (facets.go) against bleve's own, counted from doc values hit by
// hit, for queries of every shape: the totals, hits, facet counts and
// histograms must be the same.
func TestFastFacetsMatchBleve(t *testing.T) {
	ix := mustFacetCorpus(t)
	from := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC)
	all := FacetNames()
	for _, req := range []Request{
		{Query: "*", Facets: all, Histogram: PeriodMonth},
		{Query: "*", Facets: all, FacetSize: -1, Histogram: PeriodDay},
		{Query: "*", Facets: []string{"site"}, FacetSize: 3},
		{Query: "*", Histogram: PeriodWeek},
		{Query: "*", Histogram: PeriodYear, Sort: SortDateDesc},
		{Query: "storm", Facets: all, Histogram: PeriodMonth},
		{Query: "the", Facets: all, FacetSize: -1, Histogram: PeriodDay, Limit: 25, Offset: 5},
		{Query: `"the government"`, Facets: all, Histogram: PeriodYear},
		{Query: "(storm OR flood) AND NOT harbour", Facets: []string{"author", "tag"}, FacetSize: 2},
		{Query: "*", Site: "news.example.com", Facets: all, Histogram: PeriodMonth},
		{Query: "*", Lang: "en", From: from, To: to, Facets: all, Histogram: PeriodDay},
		{Query: "budget", Section: "politics", Facets: all, Sort: SortDate},
		{Query: "nosuchwordanywhere", Facets: all, Histogram: PeriodMonth},
		{Query: "*", Facets: []string{"month"}, FacetSize: 5, Histogram: PeriodMonth},
		// Every article, no facets: bleve stops at the page, the total
		// comes from the snapshot.
		{Query: "", Limit: 25, Offset: 30},
		{Query: "*", Limit: 2000},
	} {
		plain := req
		plain.plainFacets = true
		want := MustSearch(t, ix, plain)
		// The fast path counts from the hits' doc values below a number
		// of hits (all of them here), from postings above it (forced).
		for _, dv := range []int{0, -1} {
			req.docValueHits = dv
			compareResults(t, req, MustSearch(t, ix, req), want)
		}
	}
}

// compareResults fails t unless got, the result of req, is want.
func compareResults(t *testing.T, req Request, got, want *Result) {
	t.Helper()
	if want.Total == 0 && req.Query != "nosuchwordanywhere" {
		t.Errorf("%+v: no hits; the test needs some", req)
	}
	if got.Total != want.Total {
		t.Errorf("%+v: total %d, bleve's %d", req, got.Total, want.Total)
	}
	if !reflect.DeepEqual(got.Hits, want.Hits) {
		t.Errorf("%+v: hits differ:\n got %v\nwant %v", req, hitURLs(got), hitURLs(want))
	}
	if !reflect.DeepEqual(got.Facets, want.Facets) {
		t.Errorf("%+v: facets\n got %v\nwant %v", req, got.Facets, want.Facets)
	}
	if !reflect.DeepEqual(got.Histogram, want.Histogram) {
		t.Errorf("%+v: histogram\n got %v\nwant %v", req, got.Histogram, want.Histogram)
	}
}
