package index

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/archivist-project/archivist/internal/quote"
)

// Relative weights of the fields that a word or phrase without a field
// name searches: a title match counts three times a body match (the
// stemmed fields are the body of their articles).
const (
	boostTitle = 3.0
	boostBody  = 1.0
)

// fieldAliases maps the field names accepted in query strings to index
// fields.
var fieldAliases = map[string]string{
	"title":       fieldTitle,
	"text":        fieldBody,
	"body":        fieldBody,
	"description": fieldBody,
	"author":      fieldAuthor,
	"authors":     fieldAuthor,
	"by":          fieldAuthor,
	"site":        fieldSite,
	"host":        fieldSite,
	"lang":        fieldLang,
	"language":    fieldLang,
	"section":     fieldSection,
	"tag":         fieldTag,
	"tags":        fieldTag,
	"published":   fieldPublished,
	"date":        fieldPublished,
	"type":        fieldPageType,
	"page_type":   fieldPageType,
	"url":         fieldURL,
}

// QueryFields lists every field name a query string accepts (field:word),
// each field's other names in parentheses, for help and error messages.
// A test keeps it in step with the names Search accepts.
const QueryFields = "title, text (or body, description), author (or authors, by), site (or host), " +
	"lang (or language), section, tag (or tags), published (or date), type (or page_type), url"

// rewriter turns a parsed bleve query string into the query run against
// our fields: words and phrases without a field search several fields with
// weights, aliases are resolved, keyword values normalized, and the positive
// terms are collected for snippets.
type rewriter struct {
	m         *mapping.IndexMappingImpl
	matchOnly bool
	exact     analysis.Analyzer
	marks     *matcher
	// stemLangs are the languages whose stemmed fields a plain word also
	// searches, and stemmers their analyzers.
	stemLangs []string
	stemmers  map[string]analysis.Analyzer
	docs      *docBuilder // its stemmers make the stemmed fields' terms
}

// quoteMarks are the quotation marks people paste from text: they quote
// a phrase as the straight double quote does.
var quoteMarks = strings.NewReplacer("\u201C", `"`, "\u201D", `"`, "\u201E", `"`, "\u201F", `"`, "\u00AB", `"`, "\u00BB", `"`)

// parseQuery parses a query string for a search in language lang ("" for
// all). "" and "*" match everything. matchOnly keeps bleve's match query
// for every word (see rewriter.word), for tests.
func (ix *Index) parseQuery(qs, lang string, matchOnly bool) (query.Query, *matcher, error) {
	mt := newMatcher()
	qs = strings.TrimSpace(qs)
	if qs == "" || qs == "*" {
		return query.NewMatchAllQuery(), mt, nil
	}
	qs = dropLoneSigns(foldText(quoteMarks.Replace(qs)))
	rw := &rewriter{
		m:         ix.m,
		matchOnly: matchOnly,
		exact:     ix.m.AnalyzerNamed(analyzerExact),
		marks:     mt,
		stemmers:  map[string]analysis.Analyzer{},
		docs:      ix.docs,
	}
	for _, l := range ix.stemLangs(lang) {
		if a := ix.m.AnalyzerNamed(stemAnalyzers[l]); a != nil {
			rw.stemLangs = append(rw.stemLangs, l)
			rw.stemmers[l] = a
		}
	}
	var (
		q   query.Query
		err error
	)
	if err := checkValues(qs); err != nil {
		return nil, nil, err
	}
	if hasOperators(qs) {
		q, err = rw.parseBool(qs)
	} else {
		q, err = rw.parseTerms(qs, true)
	}
	if err != nil {
		return nil, nil, pointAtSyntaxError(qs, err)
	}
	return q, mt, nil
}

// showTerm returns a term of a query for an error message: as typed when
// it is short and printable, else quoted and cut (quote.Short), so that a
// 100 KB term or a terminal's escape sequence does not reach stderr whole.
func showTerm(s string) string {
	if len(s) > 60 || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return quote.Short(s)
	}
	return s
}

// pointAtSyntaxError names the first term of qs that bleve's parser
// rejects alone, when err is its bare "syntax error".
func pointAtSyntaxError(qs string, err error) error {
	if !errors.Is(err, ErrBadQuery) || !strings.HasSuffix(err.Error(), "syntax error") {
		return err
	}
	toks, lexErr := lexBool(qs)
	if lexErr != nil {
		return err
	}
	for _, t := range toks {
		if t.kind != tokTerm {
			continue
		}
		if _, perr := query.NewQueryStringQuery(t.text).Parse(); perr != nil {
			return badQuery("%s at character %d is not valid query syntax (see 'archivist help search')", showTerm(t.text), t.pos)
		}
	}
	return err
}

// stemLangs returns the languages with a stemmed field in the index, or
// only lang's when lang is set. The caller holds ix.mu.
func (ix *Index) stemLangs(lang string) []string {
	fields, err := ix.bi.Fields()
	if err != nil {
		return nil
	}
	want := ""
	if strings.TrimSpace(lang) != "" {
		if want = stemLang(lang); want == "" {
			return nil
		}
	}
	var out []string
	for _, f := range fields {
		l, ok := strings.CutPrefix(f, fieldStemPrefix)
		if ok && (want == "" || l == want) {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// parseTerms parses terms in bleve's query-string syntax (no AND, OR, NOT
// or parentheses) and rewrites them; positive is false under a NOT.
func (rw *rewriter) parseTerms(qs string, positive bool) (query.Query, error) {
	parsed, err := query.NewQueryStringQuery(qs).Parse()
	if err != nil {
		msg := strings.ReplaceAll(err.Error(), "\n", "; ")
		return nil, fmt.Errorf("%w: %s", ErrBadQuery, msg)
	}
	q, err := rw.rewrite(parsed, positive)
	if err != nil {
		return nil, err
	}
	// Several plain words are often a sentence pasted without quotes: the
	// articles that hold them in that order rank first.
	// The phrase and the words are two clauses of a disjunction, whose
	// score bleve scales by the fraction of clauses matched: an article
	// holding the phrase scores at least twice what it would on its words.
	if words := plainWords(parsed); len(words) > 1 {
		p, err := rw.match("", strings.Join(words, " "), 0, true, nil, positive)
		if err != nil {
			return nil, err
		}
		bonus := query.NewCustomScoreQueryWithScorer(p, addPhraseBonus, nil, nil)
		q = query.NewDisjunctionQuery([]query.Query{q, bonus})
	}
	return q, nil
}

// phraseBonus is added to the score of an article that holds the words of
// a plain-word query as a phrase. Scores of word matches are normalized by
// bleve to about 0..1, so these articles come first whatever the rarity of
// the words, as a researcher pasting a sentence expects.
const phraseBonus = 1.0

func addPhraseBonus(_ context.Context, d *search.DocumentMatch) (float64, error) {
	return d.Score + phraseBonus, nil
}

// plainWords returns the words of a query made only of optional words
// without field, boost, fuzziness or wildcard, in order; nil otherwise.
func plainWords(q query.Query) []string {
	b, ok := q.(*query.BooleanQuery)
	if !ok || b.Must != nil || b.MustNot != nil || b.Should == nil {
		return nil
	}
	var words []string
	for _, c := range children(b.Should) {
		if d, ok := c.(*query.DisjunctionQuery); ok {
			if d.BoostVal != nil {
				return nil // a number with a ^boost
			}
			if m := numberMatch(d); m != nil {
				c = m
			}
		}
		m, ok := c.(*query.MatchQuery)
		if !ok || m.FieldVal != "" || m.BoostVal != nil || m.Fuzziness != 0 {
			return nil
		}
		words = append(words, m.Match)
	}
	return words
}

func badQuery(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadQuery, fmt.Sprintf(format, args...))
}

// rewrite rewrites q; positive is false under a must-not clause, whose terms
// are not marked in snippets.
func (rw *rewriter) rewrite(q query.Query, positive bool) (query.Query, error) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		return rw.rewriteBoolean(q, positive)
	case *query.DisjunctionQuery:
		// A bare number parses as "the word, or this numeric value";
		// there are no numeric fields to search, so keep the word.
		if m := numberMatch(q); m != nil {
			r, err := rw.rewrite(m, positive)
			if err != nil {
				return nil, err
			}
			return boosted(r, q.BoostVal), nil
		}
		rs, err := rw.rewriteAll(q.Disjuncts, positive)
		if err != nil {
			return nil, err
		}
		out := query.NewDisjunctionQuery(rs)
		out.Min = q.Min
		return boosted(out, q.BoostVal), nil
	case *query.ConjunctionQuery:
		rs, err := rw.rewriteAll(q.Conjuncts, positive)
		if err != nil {
			return nil, err
		}
		return boosted(query.NewConjunctionQuery(rs), q.BoostVal), nil
	case *query.MatchQuery:
		return rw.match(q.FieldVal, q.Match, q.Fuzziness, false, q.BoostVal, positive)
	case *query.MatchPhraseQuery:
		return rw.match(q.FieldVal, q.MatchPhrase, 0, true, q.BoostVal, positive)
	case *query.WildcardQuery:
		return rw.pattern(q.FieldVal, q.Wildcard, false, q.BoostVal, positive)
	case *query.RegexpQuery:
		return rw.pattern(q.FieldVal, q.Regexp, true, q.BoostVal, positive)
	case *query.DateRangeQuery:
		f, err := resolveField(q.FieldVal)
		if err != nil {
			return nil, err
		}
		if f != fieldPublished {
			return nil, badQuery("date ranges only apply to published, not %s", q.FieldVal)
		}
		q.SetField(fieldPublished)
		return q, nil
	case *query.NumericRangeQuery:
		return nil, badQuery("%s:>… needs a quoted date, e.g. published:>=\"2024-01-01\"", showTerm(q.FieldVal))
	default:
		return q, nil
	}
}

// rewriteBoolean rewrites each clause of q; a must-not clause's terms
// are not positive.
func (rw *rewriter) rewriteBoolean(q *query.BooleanQuery, positive bool) (query.Query, error) {
	out := query.NewBooleanQueryForQueryString(nil, nil, nil)
	for _, part := range []struct {
		clauses  query.Query
		positive bool
		add      func(...query.Query)
	}{{q.Must, positive, out.AddMust}, {q.Should, positive, out.AddShould}, {q.MustNot, !positive, out.AddMustNot}} {
		if part.clauses == nil {
			continue
		}
		rs, err := rw.rewriteAll(children(part.clauses), part.positive)
		if err != nil {
			return nil, err
		}
		part.add(rs...) // nothing when rs is nil, as bleve's Add methods do
	}
	return boosted(out, q.BoostVal), nil
}

// rewriteAll rewrites each of qs; it returns nil for none.
func (rw *rewriter) rewriteAll(qs []query.Query, positive bool) ([]query.Query, error) {
	var out []query.Query
	for _, c := range qs {
		r, err := rw.rewrite(c, positive)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// children returns the clauses of a conjunction or disjunction.
func children(q query.Query) []query.Query {
	switch q := q.(type) {
	case *query.ConjunctionQuery:
		return q.Conjuncts
	case *query.DisjunctionQuery:
		return q.Disjuncts
	}
	return []query.Query{q}
}

// numberMatch recognizes the query-string parser's form for a number, a
// disjunction of a match and an equal numeric range, and returns the match.
func numberMatch(q *query.DisjunctionQuery) *query.MatchQuery {
	if len(q.Disjuncts) != 2 {
		return nil
	}
	m, ok1 := q.Disjuncts[0].(*query.MatchQuery)
	r, ok2 := q.Disjuncts[1].(*query.NumericRangeQuery)
	if !ok1 || !ok2 || r.Min == nil || r.Max == nil || *r.Min != *r.Max {
		return nil
	}
	return m
}

func resolveField(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	f, ok := fieldAliases[strings.ToLower(name)]
	if !ok {
		return "", badQuery("unknown field %s (fields: %s)", quote.Short(name), QueryFields)
	}
	return f, nil
}

// boosted returns q weighted by b (nil: as it is); see scaleBoost.
func boosted(q query.Query, b *query.Boost) query.Query {
	if b == nil {
		return q
	}
	scaleBoost(q, b.Value())
	return q
}

// scaleBoost multiplies by f the weight of every clause of q that scores.
// bleve ignores the boost of a disjunction, conjunction or boolean query
// (their searchers sum their clauses' scores, each clause scoring with its
// own boost), so a boost given to one of them is handed down to the
// queries that score; must-not clauses do not score.
func scaleBoost(q query.Query, f float64) {
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			scaleBoost(c, f)
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			scaleBoost(c, f)
		}
	case *query.BooleanQuery:
		if q.Must != nil {
			scaleBoost(q.Must, f)
		}
		if q.Should != nil {
			scaleBoost(q.Should, f)
		}
	case *query.CustomScoreQuery:
		scaleBoost(q.Query, f)
	case query.BoostableQuery:
		q.SetBoost(q.Boost() * f)
	}
}

// match rewrites a word (phrase false) or a quoted phrase for field name.
func (rw *rewriter) match(name, text string, fuzziness int, phrase bool, boost *query.Boost, positive bool) (query.Query, error) {
	field, err := resolveField(name)
	if err != nil {
		return nil, err
	}
	if fuzziness > searcher.MaxFuzziness {
		return nil, badQuery("%s~%d: a fuzzy word allows at most %d edits", text, fuzziness, searcher.MaxFuzziness)
	}
	if q, ok, err := keywordMatch(field, text, boost); ok {
		return q, err
	}
	terms := termsOf(rw.exact, text)
	if len(terms) == 0 {
		return query.NewMatchNoneQuery(), nil
	}
	// A word that the analyzer splits ("e-mail", "東京") is searched as a
	// phrase, as its writer meant it.
	if len(terms) > 1 && fuzziness == 0 {
		phrase = true
	}
	stemmed := !phrase && fuzziness == 0 && len(terms) == 1 && (field == "" || field == fieldBody)
	if positive && (field == "" || field == fieldBody) {
		rw.markWords(text, terms, phrase, fuzziness, stemmed)
	}

	if field == fieldBody && fuzziness == 0 {
		phrase = true // the exact word: checked in the forward index
	}
	m := wordMatch{text: text, terms: terms, fuzziness: fuzziness, phrase: phrase}
	if field != "" {
		return boosted(rw.matchOn(m, field, 1), boost), nil
	}
	d := query.NewDisjunctionQuery([]query.Query{rw.matchOn(m, fieldTitle, boostTitle), rw.matchOn(m, fieldBody, boostBody)})
	if stemmed && len(rw.stemLangs) > 0 {
		d.AddQuery(rw.stemmedForms(terms[0]))
	}
	return boosted(d, boost), nil
}

// wordMatch is a word or phrase of a query as match rewrites it.
type wordMatch struct {
	text      string
	terms     []string // text's terms, analysed
	fuzziness int
	phrase    bool
}

// matchOn is the query of m on field f, weighed b.
func (rw *rewriter) matchOn(m wordMatch, f string, b float64) query.Query {
	switch {
	case m.phrase:
		pq := newPhraseQuery(m.text, f, b) // phrase.go
		if f == fieldBody {
			pq.alts, pq.exactAlts = rw.stemAlts(m.terms)
		}
		return pq
	case m.fuzziness != 0 && f == fieldBody:
		return rw.bodyPattern("", fuzzyAccept(m.terms, m.fuzziness), b)
	case m.fuzziness != 0:
		q := query.NewMatchQuery(m.text)
		q.SetField(f)
		q.SetFuzziness(m.fuzziness)
		q.SetBoost(b)
		return q
	}
	return rw.word(f, m.text, b)
}

// stemmedForms matches the other forms of the word term in each
// language's stemmed field. The weight is set on each clause: bleve
// ignores a disjunction's.
func (rw *rewriter) stemmedForms(term string) query.Query {
	alt := query.NewDisjunctionQuery(nil)
	for _, l := range rw.stemLangs {
		t := query.NewTermQuery(rw.docs.stems[l].term(term))
		t.SetField(fieldStemPrefix + l)
		t.SetBoost(boostBody)
		alt.AddQuery(t)
	}
	return alt
}

// keywordMatch rewrites a word for a field that is not analysed as
// text (site, page type, URL, language, section, tag, date), and reports
// whether field is one.
func keywordMatch(field, text string, boost *query.Boost) (query.Query, bool, error) {
	switch field {
	case fieldSite, fieldPageType:
		t := query.NewTermQuery(strings.ToLower(strings.TrimSpace(text)))
		t.SetField(field)
		return boosted(t, boost), true, nil
	case fieldURL:
		t := query.NewTermQuery(strings.TrimSpace(text))
		t.SetField(field)
		return boosted(t, boost), true, nil
	case fieldLang:
		return boosted(langQuery(text), boost), true, nil
	case fieldSection, fieldTag:
		m := query.NewMatchQuery(text)
		m.SetField(field)
		return boosted(m, boost), true, nil
	case fieldPublished:
		start, end, ok := datePeriod(text)
		if !ok {
			return nil, true, badQuery("published:%s: want a date as YYYY, YYYY-MM or YYYY-MM-DD, or a range such as published:>=\"2024-01-01\"", text)
		}
		return boosted(dateRange(start, end), boost), true, nil
	}
	return nil, false, nil
}

// markWords notes the words of a positive clause (text, its exact terms)
// for the snippets' marks: a phrase, a fuzzy word, or words and, when
// stemmed, their stems in each language searched.
func (rw *rewriter) markWords(text string, terms []string, phrase bool, fuzziness int, stemmed bool) {
	switch {
	case phrase:
		rw.marks.addPhrase(terms)
	case fuzziness > 0:
		rw.marks.addFuzzy(terms[0], fuzziness)
	default:
		rw.marks.addTerms(terms)
		for _, l := range rw.stemLangs {
			if stemmed {
				rw.marks.addStems(l, termsOf(rw.stemmers[l], text))
			}
		}
	}
}

// stemAlts returns each stemmed field's terms of the exact words terms,
// and, for one word, the fields where its term is the word itself as
// written (a stop word of the field's language, kept as it is): there,
// its postings need no check.
func (rw *rewriter) stemAlts(terms []string) (map[string][]string, map[string]bool) {
	alts := map[string][]string{}
	exact := map[string]bool{}
	for _, l := range rw.stemLangs {
		st := rw.docs.stems[l]
		if st == nil {
			continue
		}
		ts := make([]string, len(terms))
		for k, t := range terms {
			ts[k] = st.term(t)
		}
		alts[fieldStemPrefix+l] = ts
		if len(terms) == 1 && st.isStop([]byte(terms[0])) {
			exact[fieldStemPrefix+l] = true
		}
	}
	return alts, exact
}

// word returns the query for text in field f with boost b: bleve's match
// query, or, when f's analyzer makes one term of text, the term query that
// the match query would run inside a disjunction of one clause. The score
// is the same (a disjunction of one clause scores as its clause, and
// passes its weight and query norm through), and each hit goes through
// one searcher fewer: a plain word searches nine such fields.
func (rw *rewriter) word(f, text string, b float64) query.Query {
	if a := rw.m.AnalyzerNamed(rw.m.AnalyzerNameForPath(f)); a != nil && !rw.matchOnly {
		if toks := a.Analyze([]byte(text)); len(toks) == 1 {
			t := query.NewTermQuery(string(toks[0].Term))
			t.SetField(f)
			t.SetBoost(b)
			return t
		}
	}
	m := query.NewMatchQuery(text)
	m.SetField(f)
	m.SetBoost(b)
	if a := rw.m.AnalyzerNamed(rw.m.AnalyzerNameForPath(f)); a != nil && len(a.Analyze([]byte(text))) == 0 {
		// A stop word of f's language: bleve matches nothing, and
		// the clause still counts in its disjunction's coord.
		return noTermsQuery{m}
	}
	return m
}

// noTermsQuery is a match query whose text the field's analyzer turns
// into no term (bleve runs it as a searcher that matches nothing); the
// fast path of topk.go knows it by its type.
type noTermsQuery struct{ *query.MatchQuery }

// pattern rewrites a wildcard (re false) or regular expression for field
// name.
func (rw *rewriter) pattern(name, pat string, re bool, boost *query.Boost, positive bool) (query.Query, error) {
	field, err := resolveField(name)
	if err != nil {
		return nil, err
	}
	if field == fieldPublished {
		return nil, badQuery("published: wildcards are not supported; use a range such as published:>=\"2024-01-01\"")
	}
	expr := pat
	if !re {
		if field != fieldLang && field != fieldURL {
			pat = strings.ToLower(pat)
		}
		expr = wildcardToRegexp(pat)
	}
	compiled, err := regexp.Compile("^(?:" + expr + ")$")
	if err != nil {
		var se *syntax.Error
		if errors.As(err, &se) { // its Expr is our wrapped pattern: say what is wrong only
			return nil, badQuery("bad pattern %s: %s", quote.Short(pat), se.Code)
		}
		return nil, badQuery("bad pattern %s: %v", quote.Short(pat), quote.Error(err))
	}
	if positive && (field == "" || field == fieldBody) {
		rw.marks.addPattern(compiled)
	}
	one := func(f string, b float64) query.Query {
		var q query.FieldableQuery
		if re {
			q = query.NewRegexpQuery(pat)
		} else {
			q = query.NewWildcardQuery(pat)
		}
		q.SetField(f)
		if bq, ok := q.(query.BoostableQuery); ok {
			bq.SetBoost(b)
		}
		return q
	}
	prefix, _ := compiled.LiteralPrefix()
	switch field {
	case "":
		return boosted(query.NewDisjunctionQuery([]query.Query{
			one(fieldTitle, boostTitle),
			rw.bodyPattern(prefix, compiled.Match, boostBody),
		}), boost), nil
	case fieldBody:
		return boosted(rw.bodyPattern(prefix, compiled.Match, 1), boost), nil
	}
	return boosted(one(field, 1), boost), nil
}

// bodyPattern returns the query for the words of the body that accept
// takes, all of them starting with prefix (pattern.go).
func (rw *rewriter) bodyPattern(prefix string, accept func([]byte) bool, boost float64) query.Query {
	return &bodyPatternQuery{prefix: prefix, accept: accept, boost: boost, stems: rw.docs.stems, langs: rw.stemLangs}
}

func wildcardToRegexp(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

// termsOf returns the terms that analyzer a makes of text.
func termsOf(a analysis.Analyzer, text string) []string {
	toks := a.Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}

// langQuery matches a language tag and its sub-tags: "en" matches "en" and
// "en-GB".
func langQuery(tag string) query.Query {
	tag = normalizeLang(tag)
	t := query.NewTermQuery(tag)
	t.SetField(fieldLang)
	p := query.NewPrefixQuery(tag + "-")
	p.SetField(fieldLang)
	return query.NewDisjunctionQuery([]query.Query{t, p})
}

// dateRange matches articles published in [start, end) (zero = open).
func dateRange(start, end time.Time) query.Query {
	yes, no := true, false
	q := query.NewDateRangeInclusiveQuery(start, end, &yes, &no)
	q.SetField(fieldPublished)
	return q
}

// datePeriod reads "2024", "2024-05" or "2024-05-17" as the period it
// covers, in UTC.
func datePeriod(s string) (start, end time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, f := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	} {
		if t, err := time.Parse(f.layout, s); err == nil {
			return t, f.next(t), true
		}
	}
	return time.Time{}, time.Time{}, false
}

// matcher holds the positive terms of a query, to mark them in snippets.
type matcher struct {
	exact map[string]bool
	stems map[string]map[string]bool // by language
	// firsts holds the first letters of each language's stems, and
	// stemmed the words of texts already stemmed for snippets, with the
	// query stems each has: texts repeat their words.
	firsts   map[string]map[rune]bool
	stemmed  map[string]map[string][]string
	phrases  [][]string
	patterns []*regexp.Regexp
	fuzzy    []fuzzyTerm
}

type fuzzyTerm struct {
	term string
	dist int
}

func newMatcher() *matcher {
	return &matcher{exact: map[string]bool{}, stems: map[string]map[string]bool{},
		firsts: map[string]map[rune]bool{}, stemmed: map[string]map[string][]string{}}
}

func (m *matcher) empty() bool {
	return len(m.exact) == 0 && len(m.stems) == 0 && len(m.phrases) == 0 &&
		len(m.patterns) == 0 && len(m.fuzzy) == 0
}

func (m *matcher) addTerms(exact []string) {
	for _, t := range exact {
		m.exact[t] = true
	}
}

// addStems adds the stems of the query's words in language lang.
func (m *matcher) addStems(lang string, stems []string) {
	if len(stems) == 0 {
		return
	}
	if m.stems[lang] == nil {
		m.stems[lang] = map[string]bool{}
		m.firsts[lang] = map[rune]bool{}
	}
	for _, t := range stems {
		m.stems[lang][t] = true
		r, _ := utf8.DecodeRuneInString(t)
		m.firsts[lang][r] = true
	}
}

// stemCandidate reports whether term starts with the first letter of one
// of the stems of lang, or with a letter that is not ASCII (stemmers may
// drop accents): only those words are worth stemming.
func (m *matcher) stemCandidate(lang string, term []byte) bool {
	r, _ := utf8.DecodeRune(term)
	return r >= utf8.RuneSelf || m.firsts[lang][r]
}

func (m *matcher) addPhrase(terms []string) {
	if len(terms) == 1 {
		m.exact[terms[0]] = true
		return
	}
	m.phrases = append(m.phrases, terms)
	// Longest first, so that a longer phrase wins over one it contains.
	sort.SliceStable(m.phrases, func(i, j int) bool { return len(m.phrases[i]) > len(m.phrases[j]) })
}

func (m *matcher) addPattern(re *regexp.Regexp) { m.patterns = append(m.patterns, re) }

func (m *matcher) addFuzzy(term string, dist int) {
	m.fuzzy = append(m.fuzzy, fuzzyTerm{term: term, dist: dist})
}
