package index

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/archivist-project/archivist/internal/quote"
)

// DefaultLimit is the number of hits Search returns when Request.Limit is 0.
const DefaultLimit = 10

// DefaultFacetSize is the number of values per facet when
// Request.FacetSize is 0.
const DefaultFacetSize = 10

// maxFacetSize caps the values of a facet, and the periods of a histogram
// (a century of days).
const maxFacetSize = 36600

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

// Histogram periods accepted in Request.Histogram.
const (
	PeriodDay   = "day"   // "2006-01-02"
	PeriodWeek  = "week"  // the Monday starting the ISO week, "2006-01-02"
	PeriodMonth = "month" // "2006-01"
	PeriodYear  = "year"  // "2006"
)

// Periods lists the histogram periods.
var Periods = []string{PeriodDay, PeriodWeek, PeriodMonth, PeriodYear}

// Request is a search.
type Request struct {
	// Query uses bleve's query-string syntax: words, "exact phrases",
	// +must, -not, field:value for title, text (also body or description:
	// the description, text, authors and tags together), author, site,
	// lang, section, tag and published (published:2024-05 is that month;
	// published:>="2024-01-01" a range), word* wildcards, word~1 fuzzy
	// matches, /regexp/, and ^boosts; and AND, OR, NOT and parentheses
	// between terms (title:(a OR b) puts the field on each term). Words
	// without a field search the title and the body, and also match other
	// forms of the word in the article's language ("elections" for
	// "election"); several plain words rank first the articles that hold
	// them as a phrase. "" or "*" match every article.
	Query string
	// Limit is the number of hits to return (DefaultLimit when 0); Offset
	// the number of hits to skip first.
	Limit, Offset int
	// Site and Sites keep only articles from these hosts (any of them;
	// case-insensitive). A host may be given with a scheme, port or path,
	// as in a URL: "https://127.0.0.1:8080/x" is the host 127.0.0.1.
	Site  string
	Sites []string
	// From and To keep only articles published in [From, To]; a zero value
	// leaves that end open. A To at midnight (a date without a time) covers
	// that whole day. Articles without a date are left out when either is
	// set.
	From, To time.Time
	// Lang keeps only articles in this language; "en" matches "en" and
	// "en-GB". Plain words are then stemmed in that language only.
	Lang string
	// Author keeps only articles by this author (the words of the name,
	// in order, in one of the article's authors; case-insensitive).
	Author string
	// Section keeps only articles in this section (case-insensitive).
	Section string
	// Type keeps only pages of this type (corpus.PageTypeArticle...).
	Type string
	// Flags keeps only articles that have every one of these flags;
	// NoFlags only those that have none of them.
	Flags, NoFlags []string
	// Sort is SortRelevance ("" too), SortDate or SortDateDesc.
	Sort string
	// Facets names the facets to count over all matching articles (see
	// FacetNames), and FacetSize the values to return per facet
	// (DefaultFacetSize when 0; all of them when negative).
	Facets    []string
	FacetSize int
	// Histogram asks for the number of matching articles per period of
	// publication (UTC): PeriodDay, PeriodWeek, PeriodMonth or PeriodYear.
	Histogram string
	// Highlight is how matches are marked in snippets: HighlightHTML (""
	// too), HighlightANSI, HighlightPlain or HighlightNone.
	Highlight string
	// IDsOnly skips loading stored fields and building snippets: hits carry
	// only ID and Score. For callers that read the articles from the
	// corpus, such as export --query.
	IDsOnly bool

	// plainFacets has bleve count facets and histograms from doc values,
	// hit by hit, instead of the fast path (facets.go): for tests that
	// compare the two.
	plainFacets bool
	// plainWords searches each word through bleve's match query
	// instead of the term query it runs (rewriter.word): for tests that
	// compare the two.
	plainWords bool
	// plainFilters has bleve run the filters as its boolean query does
	// (every hit of the query scored, then filtered) instead of from
	// postings bitmaps (filterbits.go): for tests that compare the two.
	plainFilters bool
	// plainTop has bleve score every hit instead of the fast path of
	// topk.go, for tests that compare the two.
	plainTop bool
	// docValueHits overrides defaultDocValueHits when not 0 (negative:
	// never read doc values), for tests of both ways of the fast path.
	docValueHits int
}

// defaultDocValueHits is the number of hits below which facets are
// counted from the hits' doc values rather than from postings (see
// facetPlan): at 100,000 articles, listing the terms of the nine facet
// fields costs about what reading the doc values of 2,000 hits does.
const defaultDocValueHits = 2000

// Result is the answer to a Request.
type Result struct {
	// Total is the number of matching articles, not only those in Hits.
	Total uint64 `json:"total"`
	// TookMS is how long the search took, in milliseconds.
	TookMS float64 `json:"took_ms"`
	Hits   []Hit   `json:"hits"`
	// Facets holds, for each facet asked for, its most frequent values
	// among all matching articles, most frequent first (ties by value).
	Facets map[string][]FacetCount `json:"facets"`
	// Histogram counts matching articles per period of publication (UTC),
	// oldest first, from the first period with an article to the last,
	// with empty periods included. Undated articles are not counted.
	Histogram []PeriodCount `json:"histogram"`
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
	// Score is the relevance score (higher is better); 0 when sorting by
	// date, and when the query matches every article (filters only).
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

// PeriodCount is the number of matching articles published in one period.
type PeriodCount struct {
	Period string `json:"period"` // "2006", "2006-01" or "2006-01-02" (a week: its Monday)
	Count  int    `json:"count"`
}

// facetFields are the facets, in the order FacetNames gives them, with
// their index fields.
var facetFields = []struct{ name, field string }{
	{"site", fieldSite},
	{"author", fieldAuthorFacet},
	{"section", fieldSectionFacet},
	{"lang", fieldLang},
	{"type", fieldPageType},
	{"tag", fieldTagFacet},
	{"year", fieldYear},
	{"month", fieldMonth},
	{"day", fieldDay},
}

// FacetNames returns the names of the facets, in the order to show them.
func FacetNames() []string {
	names := make([]string, len(facetFields))
	for i, f := range facetFields {
		names[i] = f.name
	}
	return names
}

// facetField returns the index field of facet name.
func facetField(name string) (string, bool) {
	for _, f := range facetFields {
		if f.name == name {
			return f.field, true
		}
	}
	return "", false
}

// storedFields are the fields Search loads for each hit.
var storedFields = []string{fieldURL, fieldTitleStored, fieldSite, fieldPublishedRaw, fieldAuthorFacet, fieldText, fieldDescription, fieldPageType, fieldLang}

// Search runs req. A malformed query or an invalid field of req fails with
// an error wrapping ErrBadQuery.
func (ix *Index) Search(ctx context.Context, req Request) (_ *Result, err error) {
	start := time.Now()
	mark, err := markerFor(req.Highlight)
	if err != nil {
		return nil, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return nil, ix.closedErr()
	}
	defer ix.recoverSearch(&err)
	res, mt, counts, err := ix.run(ctx, req)
	if err != nil {
		return nil, err
	}

	var texts map[string]hitText
	if !req.IDsOnly {
		if texts, err = ix.hitTexts(ctx, res.Hits); err != nil {
			return nil, err
		}
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit, err := ix.toHit(h, texts, mt, mark, req.IDsOnly)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	if len(req.Facets) > 0 {
		size := facetSize(req.FacetSize)
		out.Facets = make(map[string][]FacetCount, len(req.Facets))
		for _, name := range req.Facets {
			field, _ := facetField(name)
			out.Facets[name] = facetCounts(counts[field], size)
		}
	}
	if req.Histogram != "" {
		out.Histogram = histogram(counts[histogramField[req.Histogram]], req.Histogram)
	}
	out.Took = time.Since(start)
	out.TookMS = float64(out.Took.Microseconds()) / 1000
	return out, nil
}

// MatchingIDs returns the ids of every article that matches req, in the
// order req.Sort asks for; req.Limit, Offset, Facets and Highlight are
// ignored. It is meant for export --query, which reads the articles from
// the corpus.
func (ix *Index) MatchingIDs(ctx context.Context, req Request) (_ []int64, err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return nil, ix.closedErr()
	}
	defer ix.recoverSearch(&err)
	n, err := ix.bi.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: count: %w", err)
	}
	req.Limit, req.Offset, req.Facets, req.Histogram, req.IDsOnly = max(int(n), 1), 0, nil, "", true
	res, _, _, err := ix.run(ctx, req)
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

// run builds the bleve request for req and runs it, and counts the terms
// of the fields that req's facets and histogram need. The caller holds
// ix.mu.
func (ix *Index) run(ctx context.Context, req Request) (*bleve.SearchResult, *matcher, fieldCounts, error) {
	sr, mt, everything, err := ix.searchRequest(req)
	if err != nil {
		return nil, nil, nil, err
	}
	sizes, err := facetSizes(req)
	if err != nil {
		return nil, nil, nil, err
	}
	if req.plainFacets || (len(sizes) == 0 && !everything) {
		addFacets(sr, sizes)
		res, err := ix.search(ctx, sr)
		if err != nil {
			return nil, nil, nil, err
		}
		if tq, ok := sr.Query.(*topQuery); ok && tq.used {
			res.Total = tq.total
		}
		return res, mt, bleveCounts(res, sizes), nil
	}
	plan := &facetPlan{sizes: sizes, everything: everything, docValueHits: defaultDocValueHits}
	if req.docValueHits != 0 {
		plan.docValueHits = req.docValueHits
	}
	twoKeys := sr.Sort
	if everything {
		// The hits are the first articles of the index and the total
		// is their number: bleve may stop at the page (it does with
		// one score key and no scores), and the counts come from the
		// snapshot (facets.go).
		sr.Sort = twoKeys[:1]
	}
	res, err := ix.search(withHitCounter(ctx, plan), sr)
	if err != nil {
		return nil, nil, nil, err
	}
	if plan.unsupported {
		// Not a scorch snapshot: bleve counts them.
		sr.Sort = twoKeys
		addFacets(sr, sizes)
		if res, err = ix.search(ctx, sr); err != nil {
			return nil, nil, nil, err
		}
		return res, mt, bleveCounts(res, sizes), nil
	}
	if everything {
		res.Total = plan.total
	}
	return res, mt, plan.out, nil
}

func (ix *Index) search(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if ix.fwd != nil {
		v := ix.fwd.view()
		defer v.release()
		ctx = withFwdView(ctx, v) // for phrases: phrase.go
	}
	res, err := ix.bi.SearchInContext(ctx, sr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("index: search: %w", err)
	}
	return res, nil
}

// recoverSearch turns a panic of bleve during a search into an error in
// *err. bleve v2.6.3 panics ("assignment to entry in nil map" in zapx)
// when it searches an index after a write it could not save (see
// writeBatch); the next Update opens the index again.
func (ix *Index) recoverSearch(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if ix.broken.Load() {
		*err = fmt.Errorf("index: search: %w: bleve failed after an earlier failed write: %v", ErrBroken, r)
		return
	}
	*err = fmt.Errorf("index: search: bleve failed: %v", r)
}

// searchRequest builds the bleve request for req. The caller holds ix.mu.
//
// everything is true when the request matches every article of the index
// in relevance order (no query, no filter): its hits are the first of the
// index, and its total the number of articles.
func (ix *Index) searchRequest(req Request) (*bleve.SearchRequest, *matcher, bool, error) {
	if req.Limit < 0 || req.Offset < 0 {
		return nil, nil, false, badQuery("limit and offset must not be negative")
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	q, mt, err := ix.parseQuery(req.Query, req.Lang, req.plainWords)
	if err != nil {
		return nil, nil, false, err
	}
	filter, bits, err := filterQuery(req)
	if err != nil {
		return nil, nil, false, err
	}
	_, matchAll := q.(*query.MatchAllQuery)
	q = withFilter(req, q, matchAll, filter, bits, limit)
	sr := bleve.NewSearchRequestOptions(q, limit, req.Offset, false)
	if err := setSort(sr, req.Sort, matchAll); err != nil {
		return nil, nil, false, err
	}
	if !req.IDsOnly {
		sr.Fields = storedFields
	}
	everything := matchAll && filter == nil && sr.Score == bleve.ScoreNone && len(sr.Sort) == 2
	return sr, mt, everything, nil
}

// withFilter joins the words' query q and the filters' query (bits their
// postings bitmaps, when known), and wraps the result in the top-hits
// query that fits req, if one does.
func withFilter(req Request, q query.Query, matchAll bool, filter query.Query, bits *bitFilter, limit int) query.Query {
	words := q
	if filter != nil {
		if matchAll {
			q = filter
		} else {
			b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
			b.AddFilter(filter)
			q = b
			if bits != nil && !req.plainFilters {
				q = &filteredQuery{bool: b, bits: bits}
				words = b.Must
			}
		}
	}
	if tq := topQueryFor(req, words, q, filter, bits, limit); tq != nil {
		q = tq
	}
	return q
}

// setSort orders sr's hits by sort (relevance, date or -date); matchAll
// says that every article matches alike.
func setSort(sr *bleve.SearchRequest, sort string, matchAll bool) error {
	switch sort {
	case "", SortRelevance:
		if matchAll {
			// Every article (that the filters keep) matches as well as
			// any other: without scores they come in the index's order,
			// and bleve answers the filters from postings bitmaps
			// instead of scoring each term of a date range.
			sr.Score = bleve.ScoreNone
			// With one score key and no scores, bleve would stop at
			// the page and leave Total short; two keys keep it
			// counting (ties go by the index's order either way).
			sr.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortScore{Desc: true}})
		}
	case SortDate, SortDateDesc:
		desc := sort == SortDateDesc
		// Articles with equal dates (and the undated ones) keep the
		// index's internal order, which is stable for a given index
		// state; a second sort key would cost a third more per hit.
		sr.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldPublished, Type: search.SortFieldAsDate, Desc: desc, Missing: search.SortFieldMissingLast},
		})
		// Scores play no part in the order: skip computing them.
		sr.Score = bleve.ScoreNone
	default:
		return badQuery("unknown sort %s (want relevance, date or -date)", quote.Short(sort))
	}
	return nil
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
func (ix *Index) toHit(h *search.DocumentMatch, texts map[string]hitText, mt *matcher, mark marker, idsOnly bool) (Hit, error) {
	id, err := strconv.ParseInt(h.ID, 10, 64)
	if err != nil {
		return Hit{}, fmt.Errorf("index: bad document id %q: %v: %w", h.ID, err, ErrNeedsRebuild)
	}
	hit := Hit{ID: id, Score: h.Score}
	if idsOnly {
		return hit, nil
	}
	hit.URL = fieldString(h.Fields[fieldURL])
	hit.Title = fieldString(h.Fields[fieldTitleStored])
	hit.Site = fieldString(h.Fields[fieldSite])
	hit.PageType = fieldString(h.Fields[fieldPageType])
	hit.Authors = fieldStrings(h.Fields[fieldAuthorFacet])
	if raw := fieldString(h.Fields[fieldPublishedRaw]); raw != "" {
		if t, err := time.Parse(time.RFC3339Nano, raw); err == nil {
			hit.Published = &t
		}
	}
	text, desc := textOf(h, texts)
	hit.Snippet = ix.snippet(text, desc, fieldString(h.Fields[fieldLang]), mt, mark)
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
