package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// TestQueryFieldsInStep: QueryFields, the list that help and errors show,
// names exactly the field names a query string accepts.
func TestQueryFieldsInStep(t *testing.T) {
	var listed []string
	for _, w := range strings.FieldsFunc(QueryFields, func(r rune) bool { return strings.ContainsRune(" ,()", r) }) {
		if w != "or" {
			listed = append(listed, w)
		}
	}
	var accepted []string
	for name := range fieldAliases {
		accepted = append(accepted, name)
	}
	sort.Strings(listed)
	sort.Strings(accepted)
	if !slices.Equal(listed, accepted) {
		t.Errorf("QueryFields names %v,\nthe query parser accepts %v", listed, accepted)
	}
}

// boolCorpus is a small corpus for the boolean query tests.
func boolCorpus(tb testing.TB) *Index {
	tb.Helper()
	doc := func(id int64, title, text string) *corpus.Article {
		return &corpus.Article{ID: id, URL: fmt.Sprint("https://x.example/", id), Site: "x.example", Title: title, Text: text, Language: "en"}
	}
	return MustMemIndex(tb, []*corpus.Article{
		doc(1, "Police report", "The police said the fire was out."),
		doc(2, "Fire season", "Firefighters fought the fire all night."),
		doc(3, "Army parade", "The army marched; police closed the roads."),
		doc(4, "Budget vote", "Parliament voted on the budget."),
		doc(5, "Police budget", "The police budget grows again."),
	})
}

// TestBooleanQueries: AND, OR, NOT and parentheses as people type them,
// alone and mixed with bleve's +, - and field: syntax.
func TestBooleanQueries(t *testing.T) {
	ix := boolCorpus(t)
	tests := []struct {
		query string
		want  []int64
	}{
		{"police AND fire", []int64{1}},
		{"police && fire", []int64{1}},
		{"police OR army", []int64{1, 3, 5}},
		{"police AND NOT fire", []int64{3, 5}},
		{"NOT police", []int64{2, 4}},
		{"(police OR army) AND roads", []int64{3}},
		{"police AND (fire OR budget)", []int64{1, 5}},
		{"title:(police OR army)", []int64{1, 3, 5}},
		{"title:(police AND budget)", []int64{5}},
		{"-title:(police OR fire) budget", []int64{4}},
		{"+(police army) -roads", []int64{1, 5}},
		{`"the fire" OR parliament`, []int64{1, 2, 4}},
		{"police and fire", []int64{1, 2, 3, 5}}, // lower case: words
		{"budget NOT (police)", []int64{4}},      // NOT joins as AND NOT
		{"NOT NOT police", []int64{1, 3, 5}},
		{"(((budget)))", []int64{4, 5}},
		{`title:"police report" OR title:army`, []int64{1, 3}},
		{`url:https\://x.example/1 OR url:"https://x.example/2"`, []int64{1, 2}},
		// A sign with a space after it is a headline's dash, not an
		// operator on the next word.
		{"police - fire", []int64{1, 2, 3, 5}},
		{"police + fire", []int64{1, 2, 3, 5}},
		{"police -", []int64{1, 3, 5}},
		{"police - fire OR army", []int64{1, 2, 3, 5}},
		{"police -fire", []int64{3, 5}},
		{"-(police OR fire) budget", []int64{4}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := MustSearch(t, ix, Request{Query: tt.query, Limit: 10, IDsOnly: true})
			var got []int64
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("hits = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestMalformedQueries: a malformed query is one line naming the problem,
// never a search for the stray characters.
func TestMalformedQueries(t *testing.T) {
	ix := boolCorpus(t)
	tests := []struct{ query, msg string }{
		{"title:(foo", `"(" at character 7 is never closed`},
		{"(police OR army", `"(" at character 1 is never closed`},
		{"police AND", "AND at character 8 needs a term after it"},
		{"police OR", "OR at character 8 needs a term after it"},
		{"AND police", "AND at character 1 needs a term before it"},
		{"police AND OR fire", "AND at character 8 needs a term after it"},
		{"NOT", "NOT at character 1 needs a term after it"},
		{"police NOT", "NOT at character 8 needs a term after it"},
		{"police)", `")" at character 7 has no "(" before it`},
		{"()", "empty parentheses at character 2"},
		{"title:()", "empty parentheses at character 8"},
		{`(police "fire)`, "unterminated quote"},
		{`"climate bill`, "unterminated quote"},
		{"(police) AND /a(b/", "bad pattern"},
		{"/[/", `bad pattern "[": missing closing ]`},
		{"police~3", "police~3: a fuzzy word allows at most 2 edits"},
		{"title:police~5", "police~5: a fuzzy word allows at most 2 edits"},
		{"url:", "url: at character 1 needs a value after it"},
		{"police title: fire", "title: at character 8 needs a value after it"},
		{"site: OR police", "site: at character 1 needs a value after it"},
		{"police +title: fire", "+title: at character 8 needs a value after it"},
		{"(colour:red)", `unknown field "colour"`},
		{`police url:http://x.example/1`, `url:http://x.example/1 at character 8: a ":" inside a value must be escaped`},
		{`a:b:c`, `a:b:c at character 1: a ":" inside a value must be escaped`},
		{`ratio 3:1`, `3:1 at character 7: a ":" inside a value must be escaped`},
		{`police "fire"~`, `"fire"~ at character 8 is not valid query syntax`},
		{`police +-fire`, `+-fire at character 8 is not valid query syntax`},
		{`(police OR :fire)`, `:fire at character 12: a ":" inside a value must be escaped`},
		{`police - title:""`, `empty phrase "" at character 16`},
		{`police\`, `the \ at character 7 escapes nothing`},
		{`(police\`, `the \ at character 8 escapes nothing`},
		{`""`, `empty phrase "" at character 1`},
		{`police title:""`, `empty phrase "" at character 14`},
		{`"  " OR police`, `empty phrase "  " at character 1`},
		{`police +""~2`, `empty phrase "" at character 9`},
		{"police a:" + strings.Repeat("b", 100) + ":c", `"a:bbbbbbbb`}, // a long term is cut
		{"police a\x1b[31m:>5", `"a\x1b[31m":>… needs a quoted date`},
		{"police a\x1b[31m:b:c", `"a\x1b[31m:b:c" at character 8: a ":" inside a value`}, // an escape is shown escaped
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := ix.Search(context.Background(), Request{Query: tt.query})
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("err = %v, want ErrBadQuery", err)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line with %q", err, tt.msg)
			}
		})
	}
}

// TestApostrophesFolded: a phrase typed with a straight apostrophe finds
// the text written with a typographic one, and the other way round; and
// curly quotes pasted around a phrase quote it.
func TestApostrophesFolded(t *testing.T) {
	ix := MustMemIndex(t, []*corpus.Article{
		{ID: 1, URL: "https://x.example/1", Site: "x.example", Title: "The hinge",
			Text: "Once bent, it won\u2019t spring back, the engineer said."},
		{ID: 2, URL: "https://x.example/2", Site: "x.example", Title: "O'Brien\u2019s garden",
			Text: "She said it won't spring back either."},
		{ID: 3, URL: "https://x.example/3", Site: "x.example", Title: "Springs",
			Text: "It will spring back, won the prize."},
	})
	tests := []struct {
		query string
		want  []int64
	}{
		{`"it won't spring back"`, []int64{1, 2}},
		{"\"it won\u2019t spring back\"", []int64{1, 2}},
		{"\u201Cit won\u2019t spring back\u201D", []int64{1, 2}},
		{"won't", []int64{1, 2}},
		{"title:o'brien's", []int64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := MustSearch(t, ix, Request{Query: tt.query, Highlight: HighlightPlain})
			var got []int64
			for _, h := range res.Hits {
				got = append(got, h.ID)
				if !strings.HasPrefix(tt.query, "title:") && !strings.Contains(h.Snippet, "[") {
					t.Errorf("article %d: nothing marked in %q", h.ID, h.Snippet)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("hits = %v, want %v", got, tt.want)
			}
		})
	}
	res := MustSearch(t, ix, Request{Query: `"won't spring"`, Highlight: HighlightPlain, Site: "x.example"})
	for _, h := range res.Hits {
		if h.ID == 1 && !strings.Contains(h.Snippet, "[won\u2019t spring]") {
			t.Errorf("snippet %q: want the typographic apostrophe kept and marked", h.Snippet)
		}
		if h.ID == 2 && h.Title != "O'Brien\u2019s garden" {
			t.Errorf("title = %q, want it as written", h.Title)
		}
	}
}

// TestStemmingByLanguage: words are stemmed in the article's language,
// English when it has none; exact words still rank first.
func TestStemmingByLanguage(t *testing.T) {
	doc := func(id int64, lang, text string) *corpus.Article {
		return &corpus.Article{ID: id, URL: fmt.Sprint("https://x.example/", id), Site: "x.example",
			Title: "Item", Text: text, Language: lang}
	}
	ix := MustMemIndex(t, []*corpus.Article{
		doc(1, "de", "Die Wahlen in Bayern waren knapp."),
		doc(2, "de-AT", "Die Wahl in Wien war knapp."),
		doc(3, "en", "The elections in Bavaria were close."),
		doc(4, "", "Elections again, said nobody."),
		doc(5, "fr", "Les élections régionales approchent."),
		doc(6, "ja", "東京の選挙"),
	})
	tests := []struct {
		query, lang string
		first       int64
		want        []int64
	}{
		{"Wahl", "", 0, []int64{1, 2}}, // the body's forms score alike (format 8)
		{"wahlen", "", 0, []int64{1, 2}},
		{"election", "", 0, []int64{3, 4, 5}}, // French stems drop accents
		{"élection", "", 0, []int64{5}},
		{"election", "de", 0, nil},
		{"wahl", "de", 0, []int64{1, 2}},
		{"選挙", "", 6, []int64{6}},
		{`"wahl"`, "", 2, []int64{2}}, // quoted: exact
		{"die", "", 0, []int64{1, 2}}, // a stop word is still found as itself
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.lang, func(t *testing.T) {
			res := MustSearch(t, ix, Request{Query: tt.query, Lang: tt.lang, Highlight: HighlightPlain})
			var got []int64
			for _, h := range res.Hits {
				got = append(got, h.ID)
				if !strings.Contains(h.Snippet, "[") {
					t.Errorf("article %d: nothing marked in %q", h.ID, h.Snippet)
				}
			}
			if tt.first != 0 && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("hits = %v, want %d first", got, tt.first)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("hits = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSiteFilter: --site takes a host as written in a URL, with scheme,
// port or path, in any case; several sites are alternatives.
func TestSiteFilter(t *testing.T) {
	ix := MustMemIndex(t, []*corpus.Article{
		{ID: 1, URL: "http://127.0.0.1:37759/a", Site: "127.0.0.1", Title: "Loopback"},
		{ID: 2, URL: "https://news.example.com/b", Site: "news.example.com", Title: "News"},
		{ID: 3, URL: "https://other.example/c", Site: "other.example", Title: "Other"},
	})
	tests := []struct {
		sites []string
		want  []int64
	}{
		{[]string{"127.0.0.1:37759"}, []int64{1}},
		{[]string{"http://127.0.0.1:37759/2024/x.html"}, []int64{1}},
		{[]string{"News.Example.COM."}, []int64{2}},
		{[]string{"https://news.example.com:443"}, []int64{2}},
		{[]string{"127.0.0.1", "other.example"}, []int64{1, 3}},
		{[]string{"nowhere.example"}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.sites, ","), func(t *testing.T) {
			res := MustSearch(t, ix, Request{Sites: tt.sites, IDsOnly: true})
			var got []int64
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("hits = %v, want %v", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"http://", "a b", ":80"} {
		if _, err := NormalizeSite(bad); !errors.Is(err, ErrBadQuery) {
			t.Errorf("NormalizeSite(%q) = %v, want ErrBadQuery", bad, err)
		}
	}
}

// TestFilters: author, section, flags and dates; every hit of a date
// filter lies in the range.
func TestFilters(t *testing.T) {
	var arts []*corpus.Article
	base := time.Date(2023, 12, 25, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= 60; i++ {
		p := base.Add(time.Duration(i) * 23 * time.Hour).In(time.FixedZone("x", -5*3600))
		a := &corpus.Article{ID: int64(i), URL: fmt.Sprint("https://x.example/", i), Site: "x.example",
			Title: "Item", Text: "Words.", Published: &p, Section: []string{"Politics", "Sport"}[i%2],
			Authors: []string{[]string{"Jane Smith", "John Doe", "Ann O\u2019Neil"}[i%3]}}
		if i%5 == 0 {
			a.Flags = []string{"no_date_in_page", "Short_Text"}
		}
		arts = append(arts, a)
	}
	ix := MustMemIndex(t, arts)
	from, to := time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC)
	res := MustSearch(t, ix, Request{From: from, To: to, Limit: 100, Sort: SortDate})
	if res.Total == 0 {
		t.Fatal("no hit in the date range")
	}
	end := to.AddDate(0, 0, 1)
	for _, h := range res.Hits {
		if h.Published == nil || h.Published.Before(from) || !h.Published.Before(end) {
			t.Errorf("hit %d published %v, outside [%v, %v)", h.ID, h.Published, from, end)
		}
	}
	want := 0
	for _, a := range arts {
		if !a.Published.Before(from) && a.Published.Before(end) {
			want++
		}
	}
	if int(res.Total) != want {
		t.Errorf("total %d, want the %d articles in range", res.Total, want)
	}

	count := func(req Request) int {
		req.IDsOnly = true
		return int(MustSearch(t, ix, req).Total)
	}
	for _, tt := range []struct {
		name string
		req  Request
		want int
	}{
		{"author", Request{Author: "jane smith"}, 20},
		{"author surname", Request{Author: "Doe"}, 20},
		{"author apostrophe", Request{Author: "ann o'neil"}, 20},
		{"author words out of order", Request{Author: "smith jane"}, 0},
		{"section", Request{Section: "politics"}, 30},
		{"flag", Request{Flags: []string{"short_text"}}, 12},
		{"two flags", Request{Flags: []string{"short_text", "no_date_in_page"}}, 12},
		{"no flag", Request{NoFlags: []string{"SHORT_TEXT"}}, 48},
		{"flag and section", Request{Flags: []string{"short_text"}, Section: "Sport"}, 6},
		{"query with filters", Request{Query: "words", Section: "Sport", Author: "Jane Smith"}, 10},
	} {
		if got := count(tt.req); got != tt.want {
			t.Errorf("%s: %d hits, want %d", tt.name, got, tt.want)
		}
	}
}
