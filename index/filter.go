package index

import (
	"net"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/archivist-project/archivist/internal/quote"
)

// NormalizeSite returns the host that a --site value names, as articles
// store it (corpus.Article.Site): lower case, without scheme, user, port,
// path or trailing dot. "https://News.Example.com:8443/world" and
// "127.0.0.1:37759" give "news.example.com" and "127.0.0.1". It fails
// with ErrBadQuery when s holds no host.
func NormalizeSite(s string) (string, error) {
	in := s
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	u, err := url.Parse("//" + s)
	host := ""
	if err == nil {
		host = u.Hostname()
	} else if h, _, serr := net.SplitHostPort(s); serr == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" || strings.ContainsAny(host, " \t\"") {
		return "", badQuery("bad site %s: want a host such as news.example.com", quote.Short(in))
	}
	return host, nil
}

// filterQuery returns the query that req's filters make (nil when there
// are none): every filter must match.
func filterQuery(req Request) (query.Query, error) {
	var must, not []query.Query
	var sites []query.Query
	for _, s := range append([]string{req.Site}, req.Sites...) {
		if strings.TrimSpace(s) == "" {
			continue
		}
		host, err := NormalizeSite(s)
		if err != nil {
			return nil, err
		}
		t := query.NewTermQuery(host)
		t.SetField(fieldSite)
		sites = append(sites, t)
	}
	if len(sites) > 0 {
		must = append(must, query.NewDisjunctionQuery(sites))
	}
	if lang := strings.TrimSpace(req.Lang); lang != "" {
		must = append(must, langQuery(lang))
	}
	if typ := strings.ToLower(strings.TrimSpace(req.Type)); typ != "" {
		t := query.NewTermQuery(typ)
		t.SetField(fieldPageType)
		must = append(must, t)
	}
	if author := foldText(strings.TrimSpace(req.Author)); author != "" {
		p := query.NewMatchPhraseQuery(author)
		p.SetField(fieldAuthor)
		must = append(must, p)
	}
	if section := foldText(strings.TrimSpace(req.Section)); section != "" {
		m := query.NewMatchQuery(section)
		m.SetField(fieldSection)
		must = append(must, m)
	}
	for _, list := range []struct {
		flags []string
		into  *[]query.Query
	}{{req.Flags, &must}, {req.NoFlags, &not}} {
		for _, f := range list.flags {
			if f = strings.ToLower(strings.TrimSpace(f)); f != "" {
				t := query.NewTermQuery(f)
				t.SetField(fieldFlags)
				*list.into = append(*list.into, t)
			}
		}
	}
	if !req.From.IsZero() || !req.To.IsZero() {
		if !req.From.IsZero() && !req.To.IsZero() && req.To.Before(req.From) {
			return nil, badQuery("the end of the date range is before its start")
		}
		must = append(must, dateRange(req.From, inclusiveEnd(req.To)))
	}
	switch {
	case len(must) == 0 && len(not) == 0:
		return nil, nil
	case len(must) == 1 && len(not) == 0:
		return must[0], nil
	case len(not) == 0:
		return query.NewConjunctionQuery(must), nil
	}
	return query.NewBooleanQuery(must, nil, not), nil
}

// addFacets adds to sr the facets and histogram that req asks for.
func addFacets(sr *bleve.SearchRequest, req Request) error {
	size := req.FacetSize
	switch {
	case size == 0:
		size = DefaultFacetSize
	case size < 0 || size > maxFacetSize:
		size = maxFacetSize
	}
	for _, name := range req.Facets {
		field, ok := facetField(name)
		if !ok {
			return badQuery("unknown facet %s (want %s)", quote.Short(name), strings.Join(FacetNames(), ", "))
		}
		sr.AddFacet(name, bleve.NewFacetRequest(field, size))
	}
	switch req.Histogram {
	case "":
	case PeriodDay, PeriodWeek:
		sr.AddFacet(histogramFacet, bleve.NewFacetRequest(fieldDay, maxFacetSize))
	case PeriodMonth:
		sr.AddFacet(histogramFacet, bleve.NewFacetRequest(fieldMonth, maxFacetSize))
	case PeriodYear:
		sr.AddFacet(histogramFacet, bleve.NewFacetRequest(fieldYear, maxFacetSize))
	default:
		return badQuery("unknown histogram period %s (want %s)", quote.Short(req.Histogram), strings.Join(Periods, ", "))
	}
	return nil
}

// periodLayouts are the layouts of the facet terms a histogram reads, and
// step moves a period start to the next.
var periodLayouts = map[string]struct {
	layout string
	step   func(time.Time) time.Time
}{
	PeriodDay:   {"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	PeriodWeek:  {"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }},
	PeriodMonth: {"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
	PeriodYear:  {"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
}

// histogram turns a date facet into consecutive periods, oldest first,
// empty periods included; weeks start on Monday.
func histogram(fr *search.FacetResult, period string) []PeriodCount {
	if fr == nil || fr.Terms == nil || fr.Terms.Len() == 0 {
		return []PeriodCount{}
	}
	pl := periodLayouts[period]
	counts := map[time.Time]int{}
	var first, last time.Time
	for _, t := range fr.Terms.Terms() {
		p, err := time.Parse(pl.layout, t.Term)
		if err != nil {
			continue
		}
		if period == PeriodWeek {
			p = p.AddDate(0, 0, -((int(p.Weekday()) + 6) % 7))
		}
		counts[p] += t.Count
		if first.IsZero() || p.Before(first) {
			first = p
		}
		if p.After(last) {
			last = p
		}
	}
	out := []PeriodCount{}
	if first.IsZero() {
		return out
	}
	for p := first; !p.After(last) && len(out) < maxFacetSize; p = pl.step(p) {
		out = append(out, PeriodCount{Period: p.Format(pl.layout), Count: counts[p]})
	}
	return out
}

// facetCounts returns a facet's values, most frequent first, ties by value.
func facetCounts(fr *search.FacetResult) []FacetCount {
	out := []FacetCount{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, FacetCount{Term: t.Term, Count: t.Count})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Term < out[j].Term
	})
	return out
}
