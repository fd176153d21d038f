package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/internal/quote"
)

// searchFilter holds the filter flags that `search` and `export` share, so
// that `export --query Q` with some filters writes exactly the hits of
// `search Q` with the same filters: both build their index.Request here.
type searchFilter struct {
	Sites    stringList
	From, To string
	Lang     string
	Author   string
	Section  string
	Type     string
	Flags    stringList
	NoFlags  stringList
}

// AddFlags registers the filter flags on fs.
func (f *searchFilter) AddFlags(fs *flag.FlagSet) {
	fs.Var(&f.Sites, "site", "only articles from `host` (repeatable; a port, scheme or path is ignored: https://127.0.0.1:8080/ is 127.0.0.1)")
	fs.Var((*filterValue)(&f.From), "from", "only articles published on or after `DATE` (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339)")
	fs.Var((*filterValue)(&f.To), "to", "only articles published on or before `DATE` (a day, month or year includes all of it)")
	fs.Var((*filterValue)(&f.Lang), "lang", "only articles in `language` (en matches en-GB too)")
	fs.Var((*filterValue)(&f.Author), "author", "only articles by `name` (its words in order, any case)")
	fs.Var((*filterValue)(&f.Section), "section", "only articles in `section` (any case)")
	fs.Var((*filterValue)(&f.Type), "type", "only pages of `type`: "+strings.Join(corpus.PageTypes, ", "))
	fs.Var(&f.Flags, "flag", "only articles with extraction `flag` (repeatable: all of them)")
	fs.Var(&f.NoFlags, "no-flag", "only articles without extraction `flag` (repeatable: none of them)")
}

// filterValue is a filter flag that takes one value: a blank one is an
// error rather than no filter at all (`--author "$NAME"` with NAME unset
// would export everything), as for the repeatable filters (stringList).
type filterValue string

func (v *filterValue) String() string { return string(*v) }

func (v *filterValue) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("empty (want a value)")
	}
	*v = filterValue(s)
	return nil
}

// apply checks the filters and sets them on req; cmd names the command in
// errors.
func (f *searchFilter) apply(cmd string, req *index.Request) error {
	from, to, err := dateRange(cmd, f.From, f.To)
	if err != nil {
		return err
	}
	if err := checkPageType(cmd, f.Type); err != nil {
		return err
	}
	if err := checkFlags(cmd, "--flag", f.Flags); err != nil {
		return err
	}
	if err := checkFlags(cmd, "--no-flag", f.NoFlags); err != nil {
		return err
	}
	req.Sites = nil
	for _, s := range f.Sites {
		host, err := index.NormalizeSite(s)
		if err != nil {
			return usagef("%s: --site: %v", cmd, strings.TrimPrefix(err.Error(), index.ErrBadQuery.Error()+": "))
		}
		req.Sites = append(req.Sites, host)
	}
	req.From, req.To = from, to
	req.Lang, req.Author, req.Section, req.Type = f.Lang, f.Author, f.Section, f.Type
	req.Flags, req.NoFlags = f.Flags, f.NoFlags
	return nil
}

// checkFlags returns a usage error naming the first of flags (typed
// after name) that is not a quality flag: it would match nothing, or
// everything, silently.
func checkFlags(cmd, name string, flags []string) error {
	for _, fl := range flags {
		if !slices.Contains(corpus.QualityFlags, fl) {
			return usagef("%s: bad %s %s (want one of %s)", cmd, name, quote.Short(fl), strings.Join(corpus.QualityFlags, ", "))
		}
	}
	return nil
}

// needsIndex reports whether the filters go beyond what the corpus can
// select by itself (corpus.ArticleFilter): several sites, an author, a
// section or flags.
func (f *searchFilter) needsIndex() bool {
	return len(f.Sites) > 1 || f.Author != "" || f.Section != "" || len(f.Flags) > 0 || len(f.NoFlags) > 0
}

// corpusFilter returns the corpus selection for filters that do not need
// the index (see needsIndex).
func (f *searchFilter) corpusFilter(cmd string) (corpus.ArticleFilter, error) {
	var req index.Request
	if err := f.apply(cmd, &req); err != nil {
		return corpus.ArticleFilter{}, err
	}
	cf := corpus.ArticleFilter{From: req.From, To: req.To, Lang: req.Lang, Type: req.Type}
	if len(req.Sites) > 0 {
		cf.Site = req.Sites[0]
	}
	return cf, nil
}

// badQuery turns an index.ErrBadQuery into a usage error for cmd (exit 2,
// one line); other errors are wrapped.
func badQuery(cmd string, err error) error {
	if errors.Is(err, index.ErrBadQuery) {
		return usagef("%s: %v", cmd, err)
	}
	return fmt.Errorf("%s: %w", cmd, err)
}

// unmatchedFilters returns, for a search of req that found nothing, the
// filters that match no article of the index by themselves ("--site
// \"nytimes.com\""): a host, language, author, section or type typed
// wrong, or not in this corpus, would otherwise look like a query that
// found nothing.
func unmatchedFilters(ctx context.Context, ix *index.Index, req index.Request) ([]string, error) {
	type filter struct {
		flag, value string
		set         func(*index.Request)
	}
	var all []filter // req.Site stays unset: apply puts every --site in Sites
	for _, s := range req.Sites {
		all = append(all, filter{"--site", s, func(r *index.Request) { r.Sites = []string{s} }})
	}
	all = append(all, []filter{
		{"--lang", req.Lang, func(r *index.Request) { r.Lang = req.Lang }},
		{"--author", req.Author, func(r *index.Request) { r.Author = req.Author }},
		{"--section", req.Section, func(r *index.Request) { r.Section = req.Section }},
		{"--type", req.Type, func(r *index.Request) { r.Type = req.Type }},
	}...)
	var unmatched []string
	for _, f := range all {
		if f.value == "" {
			continue
		}
		probe := index.Request{Query: "*", Limit: 1, Highlight: index.HighlightNone}
		f.set(&probe)
		res, err := ix.Search(ctx, probe)
		if err != nil {
			return nil, err
		}
		if res.Total == 0 {
			unmatched = append(unmatched, f.flag+" "+quote.Short(f.value))
		}
	}
	return unmatched, nil
}
