package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/archivist-project/archivist/corpus"
)

// hitLangs are the languages of hitArticle, each with words of its own
// (other forms of a word, stop words, elided articles) and a share of
// another language's: "die" is a German stop word and an English word,
// "the" an English stop word in German text. "" is an article without a
// language (stemmed as English), "ja" a language without a stemmer.
var hitLangs = []struct {
	tag   string
	words []string
}{
	{"en", strings.Fields("the of and to in a is about abouts whereabouts city cities citizen citizens civic election elections elect vote votes voted voting run running runs runner die died dies things thes")},
	{"en-GB", strings.Fields("the of and in a city cities council councils harbour harbours citi cite cited")},
	{"", strings.Fields("the of a city cities election elections running runs die")},
	{"de", strings.Fields("die der und in den wahl wahlen stadt städte citys the wahlkampf wählen")},
	{"fr", strings.Fields("la le les de du l'élection élection élections ville villes cité cités die the")},
	{"nb", strings.Fields("og i valg valget valgene by byen landet city")},
	{"ja", strings.Fields("東京 の 選挙 は 市 city cities election the")},
}

// hitArticle returns article i of the hit-set test's corpus: a title and
// a text drawn from its language's words and a few made-up rare words.
func hitArticle(i int) *corpus.Article {
	r := rand.New(rand.NewPCG(uint64(i), 19))
	l := hitLangs[i%len(hitLangs)]
	word := func() string {
		if r.IntN(8) == 0 {
			return fmt.Sprintf("zq%s", strings.Repeat("u", 1+r.IntN(4)))
		}
		return l.words[r.IntN(len(l.words))]
	}
	words := func(n int) string {
		ws := make([]string, n)
		for k := range ws {
			ws[k] = word()
		}
		return strings.Join(ws, " ")
	}
	return &corpus.Article{
		ID: int64(i), URL: fmt.Sprintf("https://s%d.test/%d", i%3, i), Site: fmt.Sprintf("s%d.test", i%3),
		Title: words(2 + r.IntN(4)), Language: l.tag, Text: words(5+r.IntN(30)) + ". " + words(3+r.IntN(10)),
		Tags: []string{word()},
	}
}

// oracleArticle is an article as the hit-set oracle sees it: its exact
// title and body tokens, and the terms of its text in its language's
// stemming analyzer (stop words dropped), as index format 7 stored them.
type oracleArticle struct {
	a           *corpus.Article
	title, body []string
	lang        string
	stems       map[string]bool
}

// oracle answers queries over articles without the index: plain Go over
// the analyzers' tokens.
type oracle struct {
	arts    []*oracleArticle
	stemmer map[string]analysis.Analyzer // by language: stemAnalyzers
	langs   []string                     // of the articles, with a stemmer
}

func newOracle(ix *Index, arts []*corpus.Article) *oracle {
	o := &oracle{stemmer: map[string]analysis.Analyzer{}}
	terms := func(an string, text string) []string { return termsOf(ix.m.AnalyzerNamed(an), text) }
	for _, a := range arts {
		oa := &oracleArticle{a: a, title: terms(analyzerTitle, foldText(a.Title)), body: terms(analyzerIndexed, bodyOf(a)), lang: stemLang(a.Language)}
		if oa.lang != "" {
			if o.stemmer[oa.lang] == nil {
				o.stemmer[oa.lang] = ix.m.AnalyzerNamed(stemAnalyzers[oa.lang])
				o.langs = append(o.langs, oa.lang)
			}
			oa.stems = map[string]bool{}
			for _, s := range termsOf(o.stemmer[oa.lang], foldText(a.Title)+"\n\n"+bodyOf(a)) {
				oa.stems[s] = true
			}
		}
		o.arts = append(o.arts, oa)
	}
	return o
}

// pred is a query as the oracle runs it.
type pred func(*oracleArticle) bool

// word is a plain word: exact in the title or body, or another form of it
// (its stem) in the article's language.
func (o *oracle) word(w string) pred {
	return func(a *oracleArticle) bool {
		if slices.Contains(a.title, w) || slices.Contains(a.body, w) {
			return true
		}
		if a.stems == nil {
			return false
		}
		s := termsOf(o.stemmer[a.lang], w)
		return len(s) == 1 && a.stems[s[0]]
	}
}

// phrase is words in a row in the title or in the body (title and/or
// body when in is "" or "title"/"body").
func phrase(in string, ws ...string) pred {
	return func(a *oracleArticle) bool {
		return (in != "body" && holdsRun(a.title, ws)) || (in != "title" && holdsRun(a.body, ws))
	}
}

func holdsRun(toks, ws []string) bool {
	for i := 0; i+len(ws) <= len(toks); i++ {
		if slices.Equal(toks[i:i+len(ws)], ws) {
			return true
		}
	}
	return false
}

// match is a pattern or a fuzzy word: a token of the title or body (as in
// phrase) that ok accepts.
func match(in string, ok func(string) bool) pred {
	return func(a *oracleArticle) bool {
		return (in != "body" && slices.ContainsFunc(a.title, ok)) || (in != "title" && slices.ContainsFunc(a.body, ok))
	}
}

func re(expr string) func(string) bool {
	r := regexp.MustCompile("^(?:" + expr + ")$")
	return r.MatchString
}

// within returns whether a token is at most d edits (in runes) from w.
func within(w string, d int) func(string) bool {
	return func(s string) bool { return editDistance([]rune(w), []rune(s)) <= d }
}

// editDistance is the optimal string alignment distance (Levenshtein's
// with swaps of two neighbouring letters), as bleve's fuzzy words count.
func editDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func and(ps ...pred) pred {
	return func(a *oracleArticle) bool {
		for _, p := range ps {
			if !p(a) {
				return false
			}
		}
		return true
	}
}

func or(ps ...pred) pred {
	return func(a *oracleArticle) bool {
		return slices.ContainsFunc(ps, func(p pred) bool { return p(a) })
	}
}

func not(p pred) pred { return func(a *oracleArticle) bool { return !p(a) } }

func inLang(tag string) pred {
	return func(a *oracleArticle) bool {
		l := normalizeLang(a.a.Language)
		return l == tag || strings.HasPrefix(l, tag+"-")
	}
}

func onSite(s string) pred { return func(a *oracleArticle) bool { return a.a.Site == s } }

// hits returns the URLs of the articles p accepts, sorted.
func (o *oracle) hits(p pred) []string {
	var out []string
	for _, a := range o.arts {
		if p(a) {
			out = append(out, a.a.URL)
		}
	}
	slices.Sort(out)
	return out
}

// TestHitsMatchOracle checks every kind of query on a generated corpus in
// several languages against the oracle: format 8 (no exact body for
// articles with a stemmer, stop words kept in the stemmed fields) must
// find what format 7's exact body and stemmed fields found.
func TestHitsMatchOracle(t *testing.T) {
	arts := make([]*corpus.Article, 2100)
	for i := range arts {
		arts[i] = hitArticle(i + 1)
	}
	ix, err := Open(filepath.Join(t.TempDir(), "x.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(context.Background(), newFakeSource(arts...)); err != nil {
		t.Fatal(err)
	}
	o := newOracle(ix, arts)
	if len(o.langs) < 4 {
		t.Fatalf("only %d languages with a stemmer", len(o.langs))
	}
	w := o.word
	tests := []struct {
		q    string
		req  Request
		want pred
	}{
		{q: "city", want: w("city")},
		{q: "cities", want: w("cities")},
		{q: "citizens", want: w("citizens")},
		{q: "elections", want: w("elections")},
		{q: "élection", want: w("élection")},
		{q: "Wahlen", want: w("wahlen")},
		{q: "valget", want: w("valget")},
		{q: "running", want: w("running")},
		{q: "the", want: w("the")},
		{q: "die", want: w("die")},
		{q: "der", want: w("der")},
		{q: "og", want: w("og")},
		{q: "abouts", want: w("abouts")},
		{q: "thes", want: w("thes")},
		{q: "about", want: w("about")},
		{q: "東京", want: phrase("", "東", "京")},
		{q: "zquu", want: w("zquu")},
		{q: "city elections", want: or(w("city"), w("elections"))},
		{q: `"city"`, want: phrase("", "city")},
		{q: `"cities"`, want: phrase("", "cities")},
		{q: `"the"`, want: phrase("", "the")},
		{q: "text:city", want: phrase("body", "city")},
		{q: "body:elections", want: phrase("body", "elections")},
		{q: "text:the", want: phrase("body", "the")},
		{q: "text:die", want: phrase("body", "die")},
		{q: "description:abouts", want: phrase("body", "abouts")},
		{q: "title:city", want: phrase("title", "city")},
		{q: "title:the", want: phrase("title", "the")},
		{q: `"the city"`, want: phrase("", "the", "city")},
		{q: `"die wahlen"`, want: phrase("", "die", "wahlen")},
		{q: `"of the city"`, want: phrase("", "of", "the", "city")},
		{q: `"city zquu"`, want: phrase("", "city", "zquu")},
		{q: `text:"the city"`, want: phrase("body", "the", "city")},
		{q: `title:"the city"`, want: phrase("title", "the", "city")},
		{q: `"東京の選挙"`, want: phrase("", "東", "京", "の", "選", "挙")},
		{q: "city -elections", want: and(w("city"), not(w("elections")))},
		{q: "city AND election", want: and(w("city"), w("election"))},
		{q: "wahl OR valg", want: or(w("wahl"), w("valg"))},
		{q: "city NOT text:cities", want: and(w("city"), not(phrase("body", "cities")))},
		{q: "(die OR the) AND NOT zquuu", want: and(or(w("die"), w("the")), not(w("zquuu")))},
		{q: "+city +lang:nb", want: and(w("city"), inLang("nb"))},
		{q: "wahlen lang:fr", want: or(w("wahlen"), inLang("fr"))},
		{q: "city", req: Request{Site: "s1.test"}, want: and(w("city"), onSite("s1.test"))},
		{q: "elections", req: Request{Lang: "en"}, want: and(w("elections"), inLang("en"))},
		{q: "cit*", want: match("", re("cit.*"))},
		{q: "text:cit*", want: match("body", re("cit.*"))},
		{q: "title:cit*", want: match("title", re("cit.*"))},
		{q: "body:wahl?n", want: match("body", re("wahl.n"))},
		{q: "*lection", want: match("", re(".*lection"))},
		{q: "/cit(y|ies)/", want: match("", re("cit(y|ies)"))},
		{q: "text:/v[ao]l.*/", want: match("body", re("v[ao]l.*"))},
		{q: "citi~1", want: match("", within("citi", 1))},
		{q: "text:citys~1", want: match("body", within("citys", 1))},
		{q: "wahlen~2", want: match("", within("wahlen", 2))},
		{q: "ctiy~1", want: match("", within("ctiy", 1))},
		{q: "cit* -city", want: and(match("", re("cit.*")), not(w("city")))},
		{q: "cit* AND zquu", want: and(match("", re("cit.*")), w("zquu"))},
	}
	for _, tc := range tests {
		req := tc.req
		req.Query, req.Limit = tc.q, len(arts)
		got := hitURLs(MustSearch(t, ix, req))
		slices.Sort(got)
		want := o.hits(tc.want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d hits, the oracle %d; only in the index %v; only in the oracle %v", tc.q, len(got), len(want), firstFew(minus(got, want)), firstFew(minus(want, got)))
		}
		if len(want) == 0 || len(want) == len(arts) {
			t.Errorf("%s: %d hits of %d: the query tells nothing", tc.q, len(want), len(arts))
		}
	}
}

// minus returns the sorted a without the sorted b.
func minus(a, b []string) []string {
	var out []string
	for _, s := range a {
		if _, found := slices.BinarySearch(b, s); !found {
			out = append(out, s)
		}
	}
	return out
}

func firstFew(ss []string) []string { return ss[:min(len(ss), 5)] }
