package index

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/archivist-project/archivist/internal/quote"
)

// DefaultLimit is the number of hits Search returns when Request.Limit is 0.
const DefaultLimit = 10

// facetSize is the number of values returned per facet.
const facetSize = 10

// histogramMonths caps the number of months in Result.Histogram (a century).
const histogramMonths = 1200

// Sort orders accepted in Request.Sort.
const (
	SortRelevance = "relevance" // best match first (the default)
	SortDate      = "date"      // oldest first; undated articles last
	SortDateDesc  = "-date"     // newest first; undated articles last
)

// Snippet marking styles accepted in Request.Highlight.
const (
	// HighlightHTML escapes the snippet for HTML and wraps matches in
	// <mark>…</mark> (the default).
	HighlightHTML = "html"
	// HighlightANSI wraps matches in the terminal escapes for bold
	// (ESC[1m … ESC[0m).
	HighlightANSI = "ansi"
	// HighlightPlain wraps matches in [ and ], with no escaping.
	HighlightPlain = "plain"
	// HighlightNone leaves the snippet unmarked.
	HighlightNone = "none"
)

// Request is a search.
type Request struct {
	// Query uses bleve's query-string syntax: words, "exact phrases",
	// +must, -not, field:value for title, text (also body or description:
	// the description, text, authors and tags together), author, site,
	// lang, section, tag and published (published:2024-05 is that month;
	// published:>="2024-01-01" a range), word* wildcards, word~1 fuzzy
	// matches, /regexp/, and ^boosts. Words without a field search the
	// title and the body, and also match other English forms of the word
	// ("elections" for "election"); several plain words rank first the
	// articles that hold them as a phrase. "" or "*" match every article.
	Query string
	// Limit is the number of hits to return (DefaultLimit when 0); Offset
	// the number of hits to skip first.
	Limit, Offset int
	// Site keeps only articles from this host (exact, case-insensitive).
	Site string
	// From and To keep only articles published in [From, To]; a zero value
	// leaves that end open. A To at midnight (a date without a time) covers
	// that whole day. Articles without a date are left out when either is
	// set.
	From, To time.Time
	// Lang keeps only articles in this language; "en" matches "en" and
	// "en-GB".
	Lang string
	// Type keeps only pages of this type (corpus.PageTypeArticle...).
	Type string
	// Sort is SortRelevance ("" too), SortDate or SortDateDesc.
	Sort string
	// Facets asks for Result.Facets and Result.Histogram.
	Facets bool
	// Highlight is how matches are marked in snippets: HighlightHTML (""
	// too), HighlightANSI, HighlightPlain or HighlightNone.
	Highlight string
	// IDsOnly skips loading stored fields and building snippets: hits carry
	// only ID and Score. For callers that read the articles from the
	// corpus, such as export --query.
	IDsOnly bool
}

// Result is the answer to a Request.
type Result struct {
	// Total is the number of matching articles, not only those in Hits.
	Total uint64 `json:"total"`
	Hits  []Hit  `json:"hits"`
	// Facets holds, when asked, the top values among all matching
	// articles for "site", "language", "section", "authors", "tags" and "type",
	// most frequent first.
	Facets map[string][]FacetCount `json:"facets,omitempty"`
	// Histogram counts matching articles per month of publication (UTC),
	// oldest first, from the first month with an article to the last, with
	// empty months included.
	Histogram []DateBucket `json:"histogram,omitempty"`
	// Took is how long the search took.
	Took time.Duration `json:"-"`
}

// Hit is one matching article.
type Hit struct { // JSON names are a fixed contract: url, title, published, site, authors, score, snippet
	ID        int64      `json:"-"` // corpus article id
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Published *time.Time `json:"published"`
	Site      string     `json:"site"`
	Authors   []string   `json:"authors"`
	PageType  string     `json:"page_type"`
	// Score is the relevance score (higher is better), 0 when sorting by
	// date.
	Score float64 `json:"score"`
	// Snippet is about 200 characters of the text around the best group
	// of matches, marked as Request.Highlight says; the start of the
	// description or text when the text does not contain a match.
	Snippet string `json:"snippet"`
}

// FacetCount is one value of a facet and the number of matching articles
// that have it.
type FacetCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// DateBucket is the number of matching articles published in one month.
type DateBucket struct {
	Month string `json:"month"` // "2006-01"
	Count int    `json:"count"`
}

// facetFields are the Result.Facets keys, in the order FacetNames gives
// them, with their index fields.
var facetFields = []struct{ name, field string }{
	{"site", fieldSite},
	{"language", fieldLang},
	{"section", fieldSectionFacet},
	{"authors", fieldAuthorFacet},
	{"tags", fieldTagFacet},
	{"type", fieldPageType},
}

// FacetNames returns the keys of Result.Facets, in the order to show them.
func FacetNames() []string {
	names := make([]string, len(facetFields))
	for i, f := range facetFields {
		names[i] = f.name
	}
	return names
}

const histogramFacet = "histogram"

// storedFields are the fields Search loads for each hit.
var storedFields = []string{fieldURL, fieldTitle, fieldSite, fieldPublishedRaw, fieldAuthorFacet, fieldText, fieldDescription, fieldPageType}

// Search runs req. A malformed query or an invalid field of req fails with
// an error wrapping ErrBadQuery.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	mark, err := markerFor(req.Highlight)
	if err != nil {
		return nil, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return nil, ErrClosed
	}
	res, mt, err := ix.run(ctx, req)
	if err != nil {
		return nil, err
	}

	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit, err := ix.toHit(h, mt, mark, req.IDsOnly)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	if req.Facets {
		out.Facets = make(map[string][]FacetCount, len(facetFields))
		for _, f := range facetFields {
			out.Facets[f.name] = facetCounts(res.Facets[f.name])
		}
		out.Histogram = histogram(res.Facets[histogramFacet])
	}
	out.Took = time.Since(start)
	return out, nil
}

// MatchingIDs returns the ids of every article that matches req, in the
// order req.Sort asks for; req.Limit, Offset, Facets and Highlight are
// ignored. It is meant for export --query, which reads the articles from
// the corpus.
func (ix *Index) MatchingIDs(ctx context.Context, req Request) ([]int64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return nil, ErrClosed
	}
	n, err := ix.bi.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: count: %w", err)
	}
	req.Limit, req.Offset, req.Facets, req.IDsOnly = max(int(n), 1), 0, false, true
	res, _, err := ix.run(ctx, req)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(res.Hits))
	for _, h := range res.Hits {
		id, err := strconv.ParseInt(h.ID, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("index: bad document id %q: %v: %w", h.ID, err, ErrNeedsRebuild)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// run builds the bleve request for req and runs it. The caller holds
// ix.mu.
func (ix *Index) run(ctx context.Context, req Request) (*bleve.SearchResult, *matcher, error) {
	sr, mt, err := ix.searchRequest(req)
	if err != nil {
		return nil, nil, err
	}
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, nil, fmt.Errorf("index: search: %w", err)
	}
	return res, mt, nil
}

// searchRequest builds the bleve request for req. The caller holds ix.mu.
func (ix *Index) searchRequest(req Request) (*bleve.SearchRequest, *matcher, error) {
	if req.Limit < 0 || req.Offset < 0 {
		return nil, nil, badQuery("limit and offset must not be negative")
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	q, mt, err := ix.parseQuery(req.Query)
	if err != nil {
		return nil, nil, err
	}

	var filters []query.Query
	if site := strings.ToLower(strings.TrimSpace(req.Site)); site != "" {
		t := query.NewTermQuery(site)
		t.SetField(fieldSite)
		filters = append(filters, t)
	}
	if lang := strings.TrimSpace(req.Lang); lang != "" {
		filters = append(filters, langQuery(lang))
	}
	if typ := strings.ToLower(strings.TrimSpace(req.Type)); typ != "" {
		t := query.NewTermQuery(typ)
		t.SetField(fieldPageType)
		filters = append(filters, t)
	}
	if !req.From.IsZero() || !req.To.IsZero() {
		if !req.From.IsZero() && !req.To.IsZero() && req.To.Before(req.From) {
			return nil, nil, badQuery("the end of the date range is before its start")
		}
		filters = append(filters, dateRange(req.From, inclusiveEnd(req.To)))
	}
	if len(filters) > 0 {
		var f query.Query = query.NewConjunctionQuery(filters)
		if len(filters) == 1 {
			f = filters[0]
		}
		if _, all := q.(*query.MatchAllQuery); all {
			q = f
		} else {
			b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
			b.AddFilter(f)
			q = b
		}
	}

	sr := bleve.NewSearchRequestOptions(q, limit, req.Offset, false)
	switch req.Sort {
	case "", SortRelevance:
	case SortDate, SortDateDesc:
		desc := req.Sort == SortDateDesc
		// Articles with equal dates (and the undated ones) keep the
		// index's internal order, which is stable for a given index
		// state; a second sort key would cost a third more per hit.
		sr.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldPublished, Type: search.SortFieldAsDate, Desc: desc, Missing: search.SortFieldMissingLast},
		})
		// Scores play no part in the order: skip computing them.
		sr.Score = bleve.ScoreNone
	default:
		return nil, nil, badQuery("unknown sort %s (want relevance, date or -date)", quote.Short(req.Sort))
	}
	if !req.IDsOnly {
		sr.Fields = storedFields
	}
	if req.Facets {
		for _, f := range facetFields {
			sr.AddFacet(f.name, bleve.NewFacetRequest(f.field, facetSize))
		}
		sr.AddFacet(histogramFacet, bleve.NewFacetRequest(fieldMonth, histogramMonths))
	}
	return sr, mt, nil
}

// inclusiveEnd returns the exclusive end of a range that includes to: the
// next day for a date at midnight, else just after to.
func inclusiveEnd(to time.Time) time.Time {
	if to.IsZero() {
		return to
	}
	if h, m, s := to.Clock(); h == 0 && m == 0 && s == 0 && to.Nanosecond() == 0 {
		return to.AddDate(0, 0, 1)
	}
	return to.Add(time.Nanosecond)
}

// toHit converts a bleve hit.
func (ix *Index) toHit(h *search.DocumentMatch, mt *matcher, mark marker, idsOnly bool) (Hit, error) {
	id, err := strconv.ParseInt(h.ID, 10, 64)
	if err != nil {
		return Hit{}, fmt.Errorf("index: bad document id %q: %v: %w", h.ID, err, ErrNeedsRebuild)
	}
	hit := Hit{ID: id, Score: h.Score}
	if idsOnly {
		return hit, nil
	}
	hit.URL = fieldString(h.Fields[fieldURL])
	hit.Title = fieldString(h.Fields[fieldTitle])
	hit.Site = fieldString(h.Fields[fieldSite])
	hit.PageType = fieldString(h.Fields[fieldPageType])
	hit.Authors = fieldStrings(h.Fields[fieldAuthorFacet])
	if raw := fieldString(h.Fields[fieldPublishedRaw]); raw != "" {
		if t, err := time.Parse(time.RFC3339Nano, raw); err == nil {
			hit.Published = &t
		}
	}
	hit.Snippet = ix.snippet(fieldString(h.Fields[fieldText]), fieldString(h.Fields[fieldDescription]), mt, mark)
	return hit, nil
}

func fieldString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			s, _ := v[0].(string)
			return s
		}
	}
	return ""
}

// fieldStrings reads a stored multi-valued field, which bleve returns as a
// string when it has one value.
func fieldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

func facetCounts(fr *search.FacetResult) []FacetCount {
	out := []FacetCount{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, FacetCount{Term: t.Term, Count: t.Count})
	}
	// bleve orders by count; make ties deterministic.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Term < out[j].Term
	})
	return out
}

// histogram turns the month facet into consecutive monthly buckets.
func histogram(fr *search.FacetResult) []DateBucket {
	if fr == nil || fr.Terms == nil || fr.Terms.Len() == 0 {
		return nil
	}
	counts := map[string]int{}
	var months []time.Time
	for _, t := range fr.Terms.Terms() {
		m, err := time.Parse("2006-01", t.Term)
		if err != nil {
			continue
		}
		counts[t.Term] = t.Count
		months = append(months, m)
	}
	if len(months) == 0 {
		return nil
	}
	sort.Slice(months, func(i, j int) bool { return months[i].Before(months[j]) })
	var out []DateBucket
	for m := months[0]; !m.After(months[len(months)-1]) && len(out) < histogramMonths; m = m.AddDate(0, 1, 0) {
		k := m.Format("2006-01")
		out = append(out, DateBucket{Month: k, Count: counts[k]})
	}
	return out
}
