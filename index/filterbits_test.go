package index

import (
	"reflect"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// mustFilterCorpus returns an on-disk index of generated articles, some
// of them listings and some flagged, written in several batches (several
// segments) with some articles replaced and some deleted, open read-only
// (so that no merge reorders it between searches).
func mustFilterCorpus(tb testing.TB) *Index {
	tb.Helper()
	gen := func(i int) *corpus.Article {
		a := genArticle(i)
		if i%7 == 0 {
			a.PageType = corpus.PageTypeListing
		}
		switch i % 5 {
		case 1:
			a.Flags = []string{"short"}
		case 2:
			a.Flags = []string{"short", "no-date"}
		}
		return a
	}
	arts := make([]*corpus.Article, 900)
	for i := range arts {
		arts[i] = gen(i + 1)
	}
	return mustSegmentedIndex(tb, arts, func(i int) *corpus.Article {
		a := gen(i)
		a.Site = "changed.example.com"
		return a
	})
}

// TestBitFiltersMatchBleve checks searches whose filters are read as
// postings bitmaps (filterbits.go) against bleve's filtering of every
// hit: the same total, hits, scores, order and facets.
func TestBitFiltersMatchBleve(t *testing.T) {
	ix := mustFilterCorpus(t)
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	from, to := day(2018, 1, 1), day(2020, 6, 30)
	exact := time.Date(2019, 3, 4, 5, 6, 7, 891, time.UTC)
	pub := genArticle(3).Published.UTC() // a day with an article
	oneDay := day(pub.Year(), int(pub.Month()), pub.Day())
	for _, req := range []Request{
		{Query: "the", Site: "news.example.com"},
		{Query: "the", Site: "news.example.com", Limit: 1000},
		{Query: "storm", Sites: []string{"daily.example.org", "https://Herald.example.net:8080/x", "changed.example.com"}, Limit: 500},
		{Query: "the", Lang: "en", Limit: 1000},
		{Query: "the", Lang: "fr", Limit: 1000},
		{Query: "the", Type: "listing", Limit: 1000},
		{Query: "the", Flags: []string{"short"}, Limit: 1000},
		{Query: "the", Flags: []string{"short", "no-date"}, Limit: 1000},
		{Query: "the", NoFlags: []string{"short"}, Limit: 1000},
		{Query: "the", Flags: []string{"short"}, NoFlags: []string{"no-date"}, Limit: 1000},
		{Query: "the", From: from, To: to, Limit: 1000},
		{Query: "the", From: from, Limit: 1000},
		{Query: "the", To: to, Limit: 1000},
		{Query: "the", From: exact, To: exact.Add(400 * 24 * time.Hour), Limit: 1000},
		{Query: "the", From: oneDay, To: oneDay, Limit: 1000},
		{Query: "the", From: *genArticle(3).Published, To: *genArticle(3).Published, Limit: 1000},
		{Query: "the", From: day(1990, 1, 1), To: day(1991, 1, 1)},
		{Query: "the", Site: "news.example.com", Lang: "en", From: from, To: to, Limit: 1000},
		{Query: "the", Site: "news.example.com", Sort: SortDateDesc, Limit: 50},
		{Query: "the", From: from, To: to, Sort: SortDate, Limit: 50, Offset: 20},
		{Query: "storm flood", Site: "news.example.com", Limit: 100},
		{Query: `"the government"`, From: from, Limit: 100},
		{Query: "+the -storm", Site: "daily.example.org", Limit: 1000},
		{Query: "(storm OR flood) AND NOT harbour", Lang: "en", Limit: 1000},
		{Query: "the", Site: "news.example.com", Facets: FacetNames(), Histogram: PeriodMonth},
		{Query: "the", Site: "nosuch.example.com"},
		{Query: "nosuchwordanywhere", Site: "news.example.com"},
	} {
		plain := req
		plain.plainFilters = true
		want := MustSearch(t, ix, plain)
		got := MustSearch(t, ix, req)
		if want.Total == 0 && req.Query != "nosuchwordanywhere" && req.Site != "nosuch.example.com" && req.From.Year() != 1990 {
			t.Errorf("%+v: no hits; the test needs some", req)
		}
		if got.Total != want.Total {
			t.Errorf("%+v: total %d, bleve's %d", req, got.Total, want.Total)
		}
		if !reflect.DeepEqual(got.Hits, want.Hits) {
			t.Errorf("%+v: hits differ:\n got %v\nwant %v", req, hitURLs(got), hitURLs(want))
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) || !reflect.DeepEqual(got.Histogram, want.Histogram) {
			t.Errorf("%+v: facets differ", req)
		}
	}
}

// TestTermQueriesMatchBleve checks words searched as term queries
// (rewriter.word) against bleve's match queries: the same hits, scores
// and order, for single words, several words, fields, boosts, stop words,
// words that the analyzer splits, fuzzy words and boolean queries.
func TestTermQueriesMatchBleve(t *testing.T) {
	ix := mustFilterCorpus(t)
	for _, req := range []Request{
		{Query: "the", Limit: 1000},
		{Query: "storm", Limit: 1000},
		{Query: "storm", Lang: "fr", Limit: 1000},
		{Query: "storms flooding", Limit: 1000},
		{Query: "title:storm", Limit: 1000},
		{Query: "text:storm^2 harbour", Limit: 1000},
		{Query: "+the -storm", Limit: 1000},
		{Query: "(storm OR flood) AND NOT harbour", Limit: 1000},
		{Query: "e-mail storm", Limit: 1000},
		{Query: "storm~1", Limit: 1000},
		{Query: "und", Limit: 1000},
		{Query: "the", Site: "news.example.com", Sort: SortDateDesc, Limit: 100},
	} {
		plain := req
		plain.plainWords = true
		want := MustSearch(t, ix, plain)
		got := MustSearch(t, ix, req)
		if want.Total == 0 {
			t.Errorf("%+v: no hits; the test needs some", req)
		}
		if got.Total != want.Total || !reflect.DeepEqual(got.Hits, want.Hits) {
			t.Errorf("%+v: total %d, bleve's %d; hits differ:\n got %v\nwant %v", req, got.Total, want.Total, hitURLs(got), hitURLs(want))
		}
	}
}
