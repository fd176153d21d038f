package index

import (
	"net"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
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
// are none): every filter must match. bits is the same filter as sets of
// postings (filterbits.go), or nil when a filter (author, section) needs
// bleve's query.
func filterQuery(req Request) (q query.Query, bits *bitFilter, err error) {
	f := filters{bits: &bitFilter{}}
	hosts, err := siteHosts(req)
	if err != nil {
		return nil, nil, err
	}
	if len(hosts) > 0 {
		sites := make([]query.Query, len(hosts))
		for i, h := range hosts {
			sites[i] = termOn(fieldSite, h)
		}
		f.add(query.NewDisjunctionQuery(sites), bitClause{field: fieldSite, terms: hosts}, false)
	}
	if lang := strings.TrimSpace(req.Lang); lang != "" {
		tag := normalizeLang(lang)
		f.add(langQuery(lang), bitClause{field: fieldLang, terms: []string{tag}, prefixes: []string{tag + "-"}}, false)
	}
	if typ := strings.ToLower(strings.TrimSpace(req.Type)); typ != "" {
		f.add(termOn(fieldPageType, typ), bitClause{field: fieldPageType, terms: []string{typ}}, false)
	}
	if author := foldText(strings.TrimSpace(req.Author)); author != "" {
		p := query.NewMatchPhraseQuery(author)
		p.SetField(fieldAuthor)
		f.addText(p)
	}
	if section := foldText(strings.TrimSpace(req.Section)); section != "" {
		m := query.NewMatchQuery(section)
		m.SetField(fieldSection)
		f.addText(m)
	}
	f.addFlags(req.Flags, false)
	f.addFlags(req.NoFlags, true)
	if !req.From.IsZero() || !req.To.IsZero() {
		if !req.From.IsZero() && !req.To.IsZero() && req.To.Before(req.From) {
			return nil, nil, badQuery("the end of the date range is before its start")
		}
		end := inclusiveEnd(req.To)
		r, ok := newDateClause(req.From, end)
		if !ok {
			f.bits = nil // out of bleve's range: its query reports it
		}
		f.add(dateRange(req.From, end), r, false)
	}
	if len(f.must) == 0 && len(f.not) == 0 {
		return nil, nil, nil
	}
	return allOf(f.must, f.not), f.bits, nil
}

// filters gathers the queries of a request's filters, those that must
// match and those that must not, and the same as postings (bits, nil
// once a filter needs bleve's query).
type filters struct {
	must, not []query.Query
	bits      *bitFilter
}

// add adds the filter q, which c says as postings (neg: must not match).
func (f *filters) add(q query.Query, c bitClause, neg bool) {
	if neg {
		f.not = append(f.not, q)
	} else {
		f.must = append(f.must, q)
	}
	f.bits.add(c, neg)
}

// addText adds a filter on an analysed field, which postings of whole
// terms cannot answer.
func (f *filters) addText(q query.Query) {
	f.must = append(f.must, q)
	f.bits = nil
}

// addFlags adds a filter per flag (neg: the article must not have it).
func (f *filters) addFlags(flags []string, neg bool) {
	for _, fl := range flags {
		if fl = strings.ToLower(strings.TrimSpace(fl)); fl != "" {
			f.add(termOn(fieldFlags, fl), bitClause{field: fieldFlags, terms: []string{fl}}, neg)
		}
	}
}

// siteHosts returns the hosts of req's --site values, normalized.
func siteHosts(req Request) ([]string, error) {
	var hosts []string
	for _, s := range append([]string{req.Site}, req.Sites...) {
		if strings.TrimSpace(s) == "" {
			continue
		}
		host, err := NormalizeSite(s)
		if err != nil {
			return nil, err
		}
		hosts = append(hosts, host)
	}
	return hosts, nil
}

// termOn is a term query on field.
func termOn(field, term string) *query.TermQuery {
	t := query.NewTermQuery(term)
	t.SetField(field)
	return t
}

// allOf is the query that matches every query of must and none of not
// (must or not not empty).
func allOf(must, not []query.Query) query.Query {
	switch {
	case len(must) == 1 && len(not) == 0:
		return must[0]
	case len(not) == 0:
		return query.NewConjunctionQuery(must)
	}
	return query.NewBooleanQuery(must, nil, not)
}

// facetSize returns the number of values per facet that a
// Request.FacetSize asks for.
func facetSize(n int) int {
	switch {
	case n == 0:
		return DefaultFacetSize
	case n < 0 || n > maxFacetSize:
		return maxFacetSize
	}
	return n
}

// histogramField is the index field a histogram of each period counts.
var histogramField = map[string]string{
	PeriodDay:   fieldDay,
	PeriodWeek:  fieldDay,
	PeriodMonth: fieldMonth,
	PeriodYear:  fieldYear,
}

// facetSizes returns the fields that req's facets and histogram count,
// with the number of terms to keep of each.
func facetSizes(req Request) (map[string]int, error) {
	sizes := map[string]int{}
	size := facetSize(req.FacetSize)
	for _, name := range req.Facets {
		field, ok := facetField(name)
		if !ok {
			return nil, badQuery("unknown facet %s (want %s)", quote.Short(name), strings.Join(FacetNames(), ", "))
		}
		sizes[field] = max(sizes[field], size)
	}
	if req.Histogram != "" {
		field, ok := histogramField[req.Histogram]
		if !ok {
			return nil, badQuery("unknown histogram period %s (want %s)", quote.Short(req.Histogram), strings.Join(Periods, ", "))
		}
		sizes[field] = maxFacetSize
	}
	return sizes, nil
}

// addFacets asks bleve to count the fields of sizes (the plain path).
func addFacets(sr *bleve.SearchRequest, sizes map[string]int) {
	for field, size := range sizes {
		sr.AddFacet(field, bleve.NewFacetRequest(field, size))
	}
}

// bleveCounts returns the term counts of the facets bleve computed.
func bleveCounts(res *bleve.SearchResult, sizes map[string]int) fieldCounts {
	out := fieldCounts{}
	for field := range sizes {
		fr := res.Facets[field]
		if fr == nil || fr.Terms == nil {
			continue
		}
		for _, t := range fr.Terms.Terms() {
			out[field] = append(out[field], termCount{t.Term, t.Count})
		}
	}
	return out
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

// histogram turns the counts of a date field into consecutive periods,
// oldest first, empty periods included; weeks start on Monday.
func histogram(terms []termCount, period string) []PeriodCount {
	if len(terms) == 0 {
		return []PeriodCount{}
	}
	pl := periodLayouts[period]
	counts := map[time.Time]int{}
	var first, last time.Time
	for _, t := range terms {
		p, err := time.Parse(pl.layout, t.term)
		if err != nil {
			continue
		}
		if period == PeriodWeek {
			p = p.AddDate(0, 0, -((int(p.Weekday()) + 6) % 7))
		}
		counts[p] += t.count
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

// facetCounts returns a field's most frequent values, most frequent
// first, ties by value, at most size of them.
func facetCounts(terms []termCount, size int) []FacetCount {
	out := []FacetCount{}
	for _, t := range terms {
		out = append(out, FacetCount{Term: t.term, Count: t.count})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Term < out[j].Term
	})
	return out[:min(size, len(out))]
}
