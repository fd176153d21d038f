package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/internal/quote"
)

// searchOptions are the flags of `archivist search`.
type searchOptions struct {
	Filter    searchFilter
	Limit     int
	Offset    int
	Sort      string
	JSON      bool
	Facets    bool
	Facet     stringList
	FacetSize int
	Histogram string
	CSV       bool
}

// AddFlags registers the search flags on fs.
func (o *searchOptions) AddFlags(fs *flag.FlagSet) {
	o.Filter.AddFlags(fs)
	fs.IntVar(&o.Limit, "limit", 10, "number of hits to show (0: none, only the total, facets and histogram)")
	fs.IntVar(&o.Offset, "offset", 0, "hits to skip (for paging)")
	fs.StringVar(&o.Sort, "sort", "relevance", "order: relevance, date (oldest first) or -date (newest first)")
	fs.BoolVar(&o.JSON, "json", false, `print one JSON object: {"total", "took_ms", "hits", "facets", "histogram", "index_behind"}`)
	fs.Var(&o.Facet, "facet", "count hits by `name`: "+strings.Join(index.FacetNames(), ", ")+" (repeatable)")
	fs.BoolVar(&o.Facets, "facets", false, "count hits by every facet (as --facet for each)")
	fs.IntVar(&o.FacetSize, "facet-size", index.DefaultFacetSize, "values shown per facet, most frequent first (0: all)")
	fs.StringVar(&o.Histogram, "histogram", "", "count hits per `period` of publication: "+strings.Join(index.Periods, ", ")+" (a bar chart)")
	fs.BoolVar(&o.CSV, "csv", false, "with --histogram: print only the histogram, as CSV (period,count)")
}

func searchCommand() *command {
	c := &command{
		name:    "search",
		summary: "search the archive",
		usage: `Usage: archivist search [flags] [QUERY]

` + wrapText(`QUERY uses bleve's query-string syntax: words, "exact phrases", +must, -not, `+
			`word* wildcards, word~1 fuzzy matches, field:word for `+index.QueryFields+`; `+
			`and AND, OR, NOT and parentheses between terms. `+
			`Words without a field search the title, description, text, authors and tags, `+
			`and also find other forms of the word in the article's language. `+
			`No QUERY, or *, matches every article.`, 75) + `

Examples:
  archivist search '"climate summit"'
  archivist search '(police OR army) AND NOT title:parade'
  archivist search --site www.example.com --from 2024-05 --sort -date 'title:election +budget'
  archivist search --facet site --facet-size 0 --histogram month`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts searchOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		return runSearch(ctx, e, opts, strings.Join(rest, " "))
	}
	return c
}

func (o *searchOptions) request(query string) (index.Request, error) {
	if o.Limit < 0 || o.Offset < 0 {
		return index.Request{}, usagef("search: --limit and --offset must not be negative")
	}
	switch o.Sort {
	case "relevance", "date", "-date":
	default:
		return index.Request{}, usagef("search: bad --sort %s (want relevance, date or -date)", quote.Short(o.Sort))
	}
	req := index.Request{Query: query, Limit: o.Limit, Offset: o.Offset, Sort: o.Sort, FacetSize: o.FacetSize}
	if o.Limit == 0 {
		// No hits wanted (the index's 0 means its default): ask for
		// one and drop it, unmarked.
		req.Limit, req.Highlight = 1, index.HighlightNone
	}
	if err := o.Filter.apply("search", &req); err != nil {
		return index.Request{}, err
	}
	if o.FacetSize < 0 {
		return index.Request{}, usagef("search: --facet-size must not be negative")
	}
	if o.FacetSize == 0 {
		req.FacetSize = -1
	}
	req.Facets = []string(o.Facet)
	if o.Facets {
		req.Facets = index.FacetNames()
	}
	for _, name := range req.Facets {
		if !slices.Contains(index.FacetNames(), name) {
			return index.Request{}, usagef("search: bad --facet %s (want %s)", quote.Short(name), strings.Join(index.FacetNames(), ", "))
		}
	}
	if o.Histogram != "" && !slices.Contains(index.Periods, o.Histogram) {
		return index.Request{}, usagef("search: bad --histogram %s (want %s)", quote.Short(o.Histogram), strings.Join(index.Periods, ", "))
	}
	req.Histogram = o.Histogram
	switch {
	case o.CSV && o.Histogram == "":
		return index.Request{}, usagef("search: --csv goes with --histogram")
	case o.CSV && o.JSON:
		return index.Request{}, usagef("search: --csv and --json cannot be used together")
	}
	return req, nil
}

// searchOutput is the JSON of `search --json`: the result, and how many
// articles of the corpus the index has not seen yet (null when there is no
// corpus to compare with).
type searchOutput struct {
	*index.Result
	IndexBehind *int64 `json:"index_behind"`
}

func runSearch(ctx context.Context, e *env, opts searchOptions, query string) error {
	if strings.TrimSpace(query) == "" {
		query = "*"
	}
	req, err := opts.request(query)
	if err != nil {
		return err
	}
	if _, err := os.Stat(e.global.indexPath()); errors.Is(err, os.ErrNotExist) {
		if e.global.Store != "" {
			return usagef("no index at %s (%s)", e.global.indexPath(), storeIndexHint)
		}
		return usagef("no index at %s (run 'archivist crawl' or 'archivist index' first, or pass --db/--index)", e.global.indexPath())
	}
	ix, err := e.openIndexReadOnly(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	behind, err := e.searchLag(ctx, ix)
	if err != nil {
		return err
	}
	closeTexts, err := e.readTextsFrom(ctx, ix)
	if err != nil {
		return err
	}
	defer closeTexts()
	req.Highlight = e.highlightFor(req.Highlight, opts.JSON)
	res, err := ix.Search(ctx, req)
	if err != nil {
		return badQuery("search", err)
	}
	if opts.Limit == 0 {
		res.Hits = nil
	}
	if res.Total == 0 {
		if err := e.warnUnmatched(ctx, ix, req); err != nil {
			return err
		}
	}
	switch {
	case opts.JSON:
		return e.printSearchJSON(res, behind)
	case opts.CSV:
		return printHistogramCSV(e.stdout, res.Histogram)
	}
	printHits(e.stdout, query, req, res)
	return nil
}

// highlightFor returns how the matched words are marked: as asked (none),
// HTML in JSON, bold on a terminal, plain otherwise.
func (e *env) highlightFor(asked string, json bool) string {
	switch f, ok := e.stdout.(*os.File); {
	case asked == index.HighlightNone:
		return asked
	case json:
		return index.HighlightHTML
	case ok && isTerminal(f):
		return index.HighlightANSI
	default:
		return index.HighlightPlain
	}
}

// warnUnmatched says on stderr which of req's filters no article in the
// index matches, so that a search with no hit tells a typo from no news.
func (e *env) warnUnmatched(ctx context.Context, ix *index.Index, req index.Request) error {
	unmatched, err := unmatchedFilters(ctx, ix, req)
	if err != nil {
		return badQuery("search", err)
	}
	for _, f := range unmatched {
		fmt.Fprintf(e.stderr, "archivist: search: no article in the index matches %s\n", f)
	}
	return nil
}

// printSearchJSON writes res as one JSON object, with empty lists and
// objects rather than nulls.
func (e *env) printSearchJSON(res *index.Result, behind *int64) error {
	if res.Hits == nil {
		res.Hits = []index.Hit{}
	}
	if res.Facets == nil {
		res.Facets = map[string][]index.FacetCount{}
	}
	if res.Histogram == nil {
		res.Histogram = []index.PeriodCount{}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(searchOutput{Result: res, IndexBehind: behind})
}

// searchLag compares the index with the corpus (see indexBehind); without a
// corpus at --db it says that it cannot tell and returns nil.
func (e *env) searchLag(ctx context.Context, ix *index.Index) (*int64, error) {
	if _, err := os.Stat(e.global.DB); e.global.Store == "" && errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(e.stderr, "archivist: no corpus at %s: cannot tell whether the index is up to date (pass --db)\n", e.global.DB)
		return nil, nil
	}
	db, err := e.openReader(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	n, err := e.indexBehind(ctx, db, ix)
	if err != nil {
		return nil, err
	}
	e.warnBehind(n)
	return &n, nil
}

func printHits(w io.Writer, query string, req index.Request, res *index.Result) {
	noun := "hits"
	if res.Total == 1 {
		noun = "hit"
	}
	fmt.Fprintf(w, "%d %s for %s\n", res.Total, noun, query)
	for i, h := range res.Hits {
		date := "undated   "
		if h.Published != nil {
			date = h.Published.Format("2006-01-02")
		}
		fmt.Fprintf(w, "\n%3d. %s  %s\n", req.Offset+i+1, date, h.Site)
		fmt.Fprintf(w, "     %s\n", h.Title)
		fmt.Fprintf(w, "     %s\n", h.URL)
		if h.Snippet != "" {
			fmt.Fprintf(w, "     %s\n", oneLine(h.Snippet))
		}
	}
	if shown := uint64(req.Offset + len(res.Hits)); shown < res.Total && len(res.Hits) > 0 {
		fmt.Fprintf(w, "\n(%d-%d of %d; --offset %d for more)\n", req.Offset+1, shown, res.Total, shown)
	} else if len(res.Hits) == 0 && req.Offset > 0 && res.Total > 0 {
		fmt.Fprintf(w, "\n(none shown: --offset %d is past the last of the %d)\n", req.Offset, res.Total)
	}
	if len(res.Facets) > 0 {
		fmt.Fprintln(w)
		for _, name := range index.FacetNames() {
			fc, ok := res.Facets[name]
			if !ok {
				continue
			}
			var parts []string
			for _, c := range fc {
				parts = append(parts, fmt.Sprintf("%s (%d)", c.Term, c.Count))
			}
			if len(parts) == 0 {
				parts = []string{"(none)"}
			}
			fmt.Fprintf(w, "%-9s %s\n", name+":", strings.Join(parts, ", "))
		}
	}
	if req.Histogram != "" {
		fmt.Fprintf(w, "\nmatching articles per %s (UTC; undated articles not counted):\n", req.Histogram)
		printBars(w, res.Histogram)
	}
}

// barWidth is the length of the longest bar of a histogram.
const barWidth = 50

// printBars prints a histogram as a bar chart, one period a line.
func printBars(w io.Writer, hist []index.PeriodCount) {
	if len(hist) == 0 {
		fmt.Fprintln(w, "  (no dated article)")
		return
	}
	most := 1
	for _, p := range hist {
		most = max(most, p.Count)
	}
	for _, p := range hist {
		n := p.Count * barWidth / most
		if n == 0 && p.Count > 0 {
			n = 1
		}
		fmt.Fprintf(w, "  %-10s %s %d\n", p.Period, strings.Repeat("█", n), p.Count)
	}
}

// printHistogramCSV prints a histogram as CSV with a header row.
func printHistogramCSV(w io.Writer, hist []index.PeriodCount) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"period", "count"})
	for _, p := range hist {
		_ = cw.Write([]string{p.Period, strconv.Itoa(p.Count)})
	}
	cw.Flush()
	return cw.Error()
}
