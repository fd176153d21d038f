package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/internal/quote"
)

// searchOptions are the flags of `archivist search`.
type searchOptions struct {
	Limit    int
	Offset   int
	Site     string
	From, To string
	Lang     string
	Type     string
	Sort     string
	JSON     bool
	Facets   bool
}

// AddFlags registers the search flags on fs.
func (o *searchOptions) AddFlags(fs *flag.FlagSet) {
	fs.IntVar(&o.Limit, "limit", 10, "number of hits to show")
	fs.IntVar(&o.Offset, "offset", 0, "hits to skip (for paging)")
	fs.StringVar(&o.Site, "site", "", "only articles from `host`")
	fs.StringVar(&o.From, "from", "", "only articles published on or after `DATE` (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339)")
	fs.StringVar(&o.To, "to", "", "only articles published on or before `DATE` (a day, month or year includes all of it)")
	fs.StringVar(&o.Lang, "lang", "", "only articles in `language` (en matches en-GB too)")
	fs.StringVar(&o.Type, "type", "", "only pages of `type`: "+strings.Join(corpus.PageTypes, ", "))
	fs.StringVar(&o.Sort, "sort", "relevance", "order: relevance, date (oldest first) or -date (newest first)")
	fs.BoolVar(&o.JSON, "json", false, `print one JSON object: {"total": N, "hits": [...], "index_behind": N}`)
	fs.BoolVar(&o.Facets, "facets", false, "also count hits by site, language, section, author, tag, page type and month")
}

func searchCommand() *command {
	c := &command{
		name:    "search",
		summary: "search the archive",
		usage: `Usage: archivist search [flags] QUERY

` + wrapText(`QUERY uses bleve's query-string syntax: words, "exact phrases", +must, -not, `+
			`word* wildcards, word~1 fuzzy matches, field:word for `+index.QueryFields+`. `+
			`Words without a field search the title, description, text, authors and tags.`, 75) + `

Examples:
  archivist search '"climate summit"'
  archivist search --site www.example.com --from 2024-05 --sort -date 'title:election +budget'`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts searchOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		if len(rest) == 0 {
			return usagef("search: no query given (see 'archivist help search')")
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
	from, to, err := dateRange(o.From, o.To)
	if err != nil {
		return index.Request{}, err
	}
	if err := checkPageType("search", o.Type); err != nil {
		return index.Request{}, err
	}
	return index.Request{Query: query, Limit: o.Limit, Offset: o.Offset, Site: strings.ToLower(o.Site),
		From: from, To: to, Lang: o.Lang, Type: o.Type, Sort: o.Sort, Facets: o.Facets}, nil
}

// searchOutput is the JSON of `search --json`: the result, and how many
// articles of the corpus the index has not seen yet (null when there is no
// corpus to compare with).
type searchOutput struct {
	*index.Result
	IndexBehind *int64 `json:"index_behind"`
}

func runSearch(ctx context.Context, e *env, opts searchOptions, query string) error {
	req, err := opts.request(query)
	if err != nil {
		return err
	}
	if _, err := os.Stat(e.global.indexPath()); errors.Is(err, os.ErrNotExist) {
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
	if opts.JSON {
		req.Highlight = "html"
	} else if f, ok := e.stdout.(*os.File); ok && isTerminal(f) {
		req.Highlight = "ansi"
	} else {
		req.Highlight = "plain"
	}
	res, err := ix.Search(ctx, req)
	if errors.Is(err, index.ErrBadQuery) {
		return usagef("search: %v", err)
	}
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if opts.JSON {
		if res.Hits == nil {
			res.Hits = []index.Hit{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(searchOutput{Result: res, IndexBehind: behind})
	}
	printHits(e.stdout, query, req, res)
	return nil
}

// searchLag compares the index with the corpus (see indexBehind); without a
// corpus at --db it says that it cannot tell and returns nil.
func (e *env) searchLag(ctx context.Context, ix *index.Index) (*int64, error) {
	if _, err := os.Stat(e.global.DB); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(e.stderr, "archivist: no corpus at %s: cannot tell whether the index is up to date (pass --db)\n", e.global.DB)
		return nil, nil
	}
	db, err := e.openCorpusReadOnly(ctx)
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
	}
	if len(res.Facets) > 0 || len(res.Histogram) > 0 {
		fmt.Fprintln(w)
		for _, name := range index.FacetNames() {
			fc := res.Facets[name]
			if len(fc) == 0 {
				continue
			}
			var parts []string
			for _, c := range fc {
				parts = append(parts, fmt.Sprintf("%s (%d)", c.Term, c.Count))
			}
			fmt.Fprintf(w, "%-9s %s\n", name+":", strings.Join(parts, ", "))
		}
		if len(res.Histogram) > 0 {
			fmt.Fprintln(w, "by month:")
			for _, b := range res.Histogram {
				fmt.Fprintf(w, "  %s %6d\n", b.Month, b.Count)
			}
		}
	}
}
