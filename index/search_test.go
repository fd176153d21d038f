package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// searchCase is one entry of testdata/search/<case>/cases.json.
type searchCase struct {
	Name   string    `json:"name"`
	Query  string    `json:"query"`
	Site   string    `json:"site"`
	Lang   string    `json:"lang"`
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Sort   string    `json:"sort"`
	Limit  int       `json:"limit"`
	Offset int       `json:"offset"`
	// Want lists the URLs of the hits in order.
	Want []string `json:"want"`
	// AnyOrder compares Want as a set.
	AnyOrder bool `json:"any_order"`
	// Prefix only checks that the hits start with Want.
	Prefix bool `json:"prefix"`
	// Total is the expected total; len(Want) when 0 and not Prefix.
	Total uint64 `json:"total"`
}

func TestSearchCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "search", "*", "cases.json"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no search cases: %v", err)
	}
	for _, path := range dirs {
		name := filepath.Base(filepath.Dir(path))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var cases []searchCase
		if err := json.Unmarshal(b, &cases); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		ix := MustMemIndex(t, MustLoadArticles(t, name))
		for _, tc := range cases {
			t.Run(name+"/"+tc.Name, func(t *testing.T) {
				res := MustSearch(t, ix, Request{
					Query: tc.Query, Site: tc.Site, Lang: tc.Lang, From: tc.From, To: tc.To,
					Sort: tc.Sort, Limit: tc.Limit, Offset: tc.Offset, Highlight: HighlightPlain,
				})
				got := hitURLs(res)
				want := slices.Clone(tc.Want)
				switch {
				case tc.Prefix:
					got = got[:min(len(got), len(want))]
				case tc.AnyOrder:
					slices.Sort(got)
					slices.Sort(want)
				}
				if !slices.Equal(got, want) {
					t.Errorf("hits:\n got %q\nwant %q", hitURLs(res), tc.Want)
				}
				total := tc.Total
				if total == 0 && !tc.Prefix {
					total = uint64(len(tc.Want))
				}
				if total != 0 && res.Total != total {
					t.Errorf("total = %d, want %d", res.Total, total)
				}
			})
		}
	}
}

func TestSearchHitFields(t *testing.T) {
	arts := MustLoadArticles(t, "basic")
	ix := MustMemIndex(t, arts)
	res := MustSearch(t, ix, Request{Query: `"final whistle"`})
	if len(res.Hits) != 1 {
		t.Fatalf("hits = %d, want 1", len(res.Hits))
	}
	h := res.Hits[0]
	a := arts[2]
	if h.ID != a.ID || h.URL != a.URL || h.Title != a.Title || h.Site != a.Site {
		t.Errorf("hit = %+v, want article %d", h, a.ID)
	}
	if !slices.Equal(h.Authors, a.Authors) {
		t.Errorf("authors = %q, want %q", h.Authors, a.Authors)
	}
	if h.Published == nil || !h.Published.Equal(*a.Published) {
		t.Fatalf("published = %v, want %v", h.Published, a.Published)
	}
	if _, off := h.Published.Zone(); off != 2*3600 {
		t.Errorf("published zone offset = %d, want the page's +02:00", off)
	}
	if h.Score <= 0 {
		t.Errorf("score = %v, want > 0", h.Score)
	}
	if want := "When the <mark>final whistle</mark> blew"; !strings.HasPrefix(h.Snippet, want) {
		t.Errorf("snippet = %q, want prefix %q", h.Snippet, want)
	}

	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"authors", "page_type", "published", "score", "site", "snippet", "title", "url"}; !slices.Equal(keys, want) {
		t.Errorf("JSON keys = %q, want %q", keys, want)
	}

	// An undated article without authors has null published and [] authors.
	ix2 := MustMemIndex(t, []*corpus.Article{{ID: 1, URL: "https://x.example/a", Site: "x.example", Title: "Alone", Text: "Nothing here."}})
	res = MustSearch(t, ix2, Request{Query: "alone"})
	b, _ = json.Marshal(res.Hits[0])
	if !strings.Contains(string(b), `"published":null`) || !strings.Contains(string(b), `"authors":[]`) {
		t.Errorf("JSON = %s, want null published and [] authors", b)
	}
}

func TestSearchIDsOnly(t *testing.T) {
	ix := MustMemIndex(t, MustLoadArticles(t, "basic"))
	res := MustSearch(t, ix, Request{Query: "climate", IDsOnly: true, Limit: 100})
	var ids []int64
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
		if h.URL != "" || h.Snippet != "" {
			t.Errorf("IDsOnly hit has fields: %+v", h)
		}
	}
	if want := []int64{1, 8, 9, 7}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
}

func TestSnippets(t *testing.T) {
	ix := MustMemIndex(t, MustLoadArticles(t, "basic"))
	tests := []struct {
		query, highlight string
		url              string
		want             string // exact snippet
	}{
		// The paragraph start is close: the snippet starts there.
		{"emissions", "plain", "https://news.example.com/2024/05/10/parliament-climate-bill",
			"The bill sets a binding target for [emissions] and creates an independent council to check progress every year. Opponents said the council would have too little power to matter. Speaking after the…"},
		{`"quiet hinge"`, "html", "https://news.example.com/2024/05/10/parliament-climate-bill",
			"Speaking after the vote, the minister called it the <mark>quiet hinge</mark> on which a decade of policy now turns, and promised a first report before the winter recess."},
		{"winter report", "ansi", "https://news.example.com/2024/05/10/parliament-climate-bill",
			"Speaking after the vote, the minister called it the quiet hinge on which a decade of policy now turns, and promised a first \x1b[1mreport\x1b[0m before the \x1b[1mwinter\x1b[0m recess."},
		// Stemmed match is marked in its written form.
		{"election", "plain", "https://news.example.com/2024/05/20/elections-north",
			"Regional [elections] drew the largest crowds in a generation, officials said on Monday. In the mountain districts, queues formed before dawn. Observers reported no serious incidents, and the count…"},
		// No match in the text: the description, marked.
		{"adaptation", "plain", "https://news.example.com/2024/02/14/budget-talks",
			"Ministers disagree on how much to spend on climate [adaptation]."},
		// Title-only match: the description, unmarked.
		{"hotter", "plain", "https://daily.example.org/science/climate-scientists-warn",
			"A new report looks at the next ten years."},
		// Elided French word, marked whole.
		{"économie", "html", "https://lemonde.example.fr/economie/2024/04/15/croissance",
			"La croissance de <mark>l’économie</mark> française a nettement ralenti au premier trimestre, selon les chiffres publiés mardi. Les économistes interrogés s&#39;attendent à une reprise modeste d&#39;ici l&#39;été, portée par…"},
		// Arabic spelling variant (heh for teh marbuta), marked as written.
		{"المشاركه", "plain", "https://arabic.example.net/news/elections-morocco",
			"أعلنت اللجنة الوطنية أن نسبة [المشاركة] في الانتخابات البرلمانية بلغت مستوى قياسيا هذا العام. وقال المراقبون إن عملية الفرز جرت في هدوء تام في جميع المدن."},
		{"東京", "plain", "https://japan.example.jp/culture/museum",
			"[東京]都心に新しい美術館が今週開館した。初日には約三千人が訪れた。 館長は「多くの人に現代美術を身近に感じてほしい」と話した。"},
		// Must-not terms are not marked.
		{"+storms -parliament", "plain", "https://news.example.com/opinion/weather-and-us",
			"Every summer now brings a new record. The [storms] of July flooded the old harbour district twice, and the insurers have started to leave. We keep talking about the climate as if it were a problem for…"},
		// Cut at a space, with an ellipsis, when the paragraph start is far.
		{"harbour", "none", "https://news.example.com/opinion/weather-and-us",
			"…brings a new record. The storms of July flooded the old harbour district twice, and the insurers have started to leave. We keep talking about the climate as if it were a problem for our…"},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.highlight, func(t *testing.T) {
			res := MustSearch(t, ix, Request{Query: tt.query, Highlight: tt.highlight, Limit: 20})
			for _, h := range res.Hits {
				if h.URL == tt.url {
					if h.Snippet != tt.want {
						t.Errorf("snippet:\n got %q\nwant %q", h.Snippet, tt.want)
					}
					return
				}
			}
			t.Fatalf("%s not among the hits %q", tt.url, hitURLs(res))
		})
	}
}

func TestSnippetWindow(t *testing.T) {
	long := strings.Repeat("filler words here. ", 40) + "the needle is here. " + strings.Repeat("more filler text. ", 40)
	tests := []struct {
		name, text string
		spans      []span
		want       string
	}{
		{"start of text when nothing matched", "Short text.", nil, "Short text."},
		{"cut at a space with an ellipsis", strings.Repeat("word ", 60), nil, strings.TrimSpace(strings.Repeat("word ", 40)) + "…"},
		{"context around a match in the middle", long, []span{{strings.Index(long, "needle"), strings.Index(long, "needle") + 6, "needle"}}, ""},
		{"escapes HTML", "a <b> & c", []span{{6, 7, "&"}}, "a &lt;b&gt; <mark>&amp;</mark> c"},
		{"drops control characters", "bell\x07 and \x1b[31mred", nil, "bell and [31mred"},
	}
	mk, _ := markerFor(HighlightHTML)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := window(tt.text, tt.spans, mk)
			if tt.want == "" {
				// Around the match, both ends cut, about snippetRunes long.
				if !strings.Contains(got, "<mark>needle</mark>") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
					t.Errorf("got %q", got)
				}
				plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got)
				if n := len([]rune(plain)); n < snippetRunes-30 || n > snippetRunes+2 {
					t.Errorf("length %d, want about %d: %q", n, snippetRunes, got)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSnippetPicksDensestWindow(t *testing.T) {
	text := "Alpha appears here first. " + strings.Repeat("Unrelated sentence number one. ", 20) +
		"Here alpha and beta appear together, near each other. " + strings.Repeat("Closing words. ", 20)
	mt := newMatcher()
	mt.addTerms([]string{"alpha", "beta"})
	ix := MustMemIndex(t, nil)
	mk, _ := markerFor(HighlightPlain)
	got := ix.snippet(text, "", "en", mt, mk)
	if !strings.Contains(got, "[alpha] and [beta] appear together") {
		t.Errorf("snippet = %q, want the window with both terms", got)
	}
}

func TestFacetsAndHistogram(t *testing.T) {
	ix := MustMemIndex(t, MustLoadArticles(t, "basic"))
	res := MustSearch(t, ix, Request{Query: "*", Facets: FacetNames(), Histogram: PeriodMonth, Limit: 1})
	if res.Total != 10 {
		t.Fatalf("total = %d, want 10", res.Total)
	}
	wantFacets := map[string][]FacetCount{
		"site":    {{"news.example.com", 4}, {"daily.example.org", 3}, {"arabic.example.net", 1}, {"japan.example.jp", 1}, {"lemonde.example.fr", 1}},
		"lang":    {{"en", 4}, {"en-GB", 2}, {"ar", 1}, {"en-US", 1}, {"fr-FR", 1}, {"ja", 1}},
		"section": {{"Politics", 3}, {"Opinion", 1}, {"Science", 1}, {"Sport", 1}, {"Technology", 1}, {"Économie", 1}, {"سياسة", 1}, {"文化", 1}},
		"author":  {{"Ali Hassan", 2}, {"Jane Smith", 2}, {"John Doe", 2}, {"Priya Patel", 2}, {"Marie Curie", 1}, {"يوسف العلمي", 1}, {"佐藤 花子", 1}},
		// 11 tags: the top 10 by count, then by value.
		"tag": {{"Climate", 2}, {"Budget", 1}, {"Croissance", 1}, {"Elections", 1}, {"Football", 1}, {"Outage", 1}, {"Parliament", 1}, {"Science", 1}, {"Économie", 1}, {"انتخابات", 1}},
		// Rows without a page type were stored as articles.
		"type":  {{"article", 10}},
		"year":  {{"2024", 9}},
		"month": {{"2024-05", 3}, {"2024-06", 2}, {"2024-01", 1}, {"2024-02", 1}, {"2024-03", 1}, {"2024-04", 1}},
	}
	for name, want := range wantFacets {
		if got := res.Facets[name]; !slices.Equal(got, want) {
			t.Errorf("facet %s:\n got %v\nwant %v", name, got, want)
		}
	}
	if got := res.Facets["day"]; len(got) != 8 {
		t.Errorf("facet day = %v, want 8 days", got)
	}
	if len(res.Facets) != len(FacetNames()) {
		t.Errorf("facets = %v, want keys %v", res.Facets, FacetNames())
	}
	// Months in UTC: article 8 (2023-12-31T23:00-05:00) is January 2024;
	// the undated article 7 is not counted; empty months are present.
	wantHist := []PeriodCount{{"2024-01", 1}, {"2024-02", 1}, {"2024-03", 1}, {"2024-04", 1}, {"2024-05", 3}, {"2024-06", 2}}
	if !slices.Equal(res.Histogram, wantHist) {
		t.Errorf("histogram:\n got %v\nwant %v", res.Histogram, wantHist)
	}

	// Facets count every match, not just the returned page, and follow
	// the filters.
	res = MustSearch(t, ix, Request{Query: "climate", Site: "news.example.com", Facets: []string{"site"}, Histogram: PeriodMonth, Limit: 1})
	if got, want := res.Facets["site"], []FacetCount{{"news.example.com", 3}}; !slices.Equal(got, want) {
		t.Errorf("filtered site facet = %v, want %v", got, want)
	}
	if got, want := res.Histogram, []PeriodCount{{"2024-02", 1}, {"2024-03", 0}, {"2024-04", 0}, {"2024-05", 1}}; !slices.Equal(got, want) {
		t.Errorf("filtered histogram = %v, want %v", got, want)
	}
	if len(res.Facets) != 1 {
		t.Errorf("facets = %v, want only site", res.Facets)
	}

	// Without Facets, none are computed.
	res = MustSearch(t, ix, Request{Query: "*"})
	if res.Facets != nil || res.Histogram != nil {
		t.Errorf("facets computed without being asked: %v %v", res.Facets, res.Histogram)
	}
}

// TestSiteFacetCoversCorpus: with every value asked for, the site facet of
// "*" sums to the number of articles.
func TestSiteFacetCoversCorpus(t *testing.T) {
	var arts []*corpus.Article
	for i := 1; i <= 300; i++ {
		site := fmt.Sprintf("site%d.example", i%37)
		arts = append(arts, &corpus.Article{ID: int64(i), URL: fmt.Sprintf("https://%s/%d", site, i), Site: site, Title: "Item", Text: "Some words."})
	}
	ix := MustMemIndex(t, arts)
	for _, q := range []string{"*", ""} {
		res := MustSearch(t, ix, Request{Query: q, Facets: []string{"site"}, FacetSize: -1, Limit: 1})
		sum := 0
		for _, c := range res.Facets["site"] {
			sum += c.Count
		}
		if res.Total != 300 || sum != 300 || len(res.Facets["site"]) != 37 {
			t.Errorf("query %q: total %d, site facet sums to %d over %d sites; want 300, 300, 37", q, res.Total, sum, len(res.Facets["site"]))
		}
	}
}

// TestHistogramPeriods: each period counts articles by their UTC date,
// with empty periods in between; weeks start on Monday.
func TestHistogramPeriods(t *testing.T) {
	at := func(id int64, s string) *corpus.Article {
		p, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &corpus.Article{ID: id, URL: fmt.Sprint("https://x.example/", id), Site: "x.example", Title: "t", Published: &p}
	}
	ix := MustMemIndex(t, []*corpus.Article{
		at(1, "2024-01-01T10:00:00Z"),      // Monday
		at(2, "2024-01-07T23:30:00Z"),      // Sunday, same week
		at(3, "2024-01-08T00:30:00+02:00"), // Sunday 22:30 UTC
		at(4, "2024-01-15T12:00:00Z"),
		at(5, "2025-03-01T12:00:00Z"),
		{ID: 6, URL: "https://x.example/6", Site: "x.example", Title: "undated"},
	})
	tests := []struct {
		period string
		want   []PeriodCount
	}{
		{PeriodDay, nil}, // checked by length below
		{PeriodWeek, []PeriodCount{{"2024-01-01", 3}, {"2024-01-08", 0}, {"2024-01-15", 1}}},
		{PeriodMonth, nil},
		{PeriodYear, []PeriodCount{{"2024", 4}, {"2025", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.period, func(t *testing.T) {
			res := MustSearch(t, ix, Request{Histogram: tt.period, Limit: 1})
			total := 0
			for _, p := range res.Histogram {
				total += p.Count
			}
			if total != 5 {
				t.Errorf("histogram %v sums to %d, want the 5 dated articles", res.Histogram, total)
			}
			switch tt.period {
			case PeriodDay:
				if len(res.Histogram) != 426 || res.Histogram[0] != (PeriodCount{"2024-01-01", 1}) || res.Histogram[6] != (PeriodCount{"2024-01-07", 2}) {
					t.Errorf("days: %d periods, starting %v", len(res.Histogram), res.Histogram[:7])
				}
			case PeriodMonth:
				if len(res.Histogram) != 15 || res.Histogram[0] != (PeriodCount{"2024-01", 4}) {
					t.Errorf("months: %v", res.Histogram)
				}
			case PeriodWeek:
				if !slices.Equal(res.Histogram[:3], tt.want) {
					t.Errorf("weeks start %v, want %v", res.Histogram[:3], tt.want)
				}
			default:
				if !slices.Equal(res.Histogram, tt.want) {
					t.Errorf("got %v, want %v", res.Histogram, tt.want)
				}
			}
		})
	}
}

func TestBadRequests(t *testing.T) {
	ix := MustMemIndex(t, MustLoadArticles(t, "basic"))
	tests := []struct {
		name string
		req  Request
		msg  string // in the error
	}{
		{"unterminated quote", Request{Query: `"climate bill`}, "unterminated quote"},
		{"unknown field", Request{Query: "colour:red"}, `unknown field "colour"`},
		{"dangling colon", Request{Query: "title:"}, "bad query"},
		{"bad published value", Request{Query: "published:soon"}, "published:soon"},
		{"numeric range on published", Request{Query: "published:>2024"}, "quoted date"},
		{"bad regexp", Request{Query: "/a(b/"}, "bad pattern"},
		{"bad sort", Request{Query: "x", Sort: "name"}, `unknown sort "name"`},
		{"bad highlight", Request{Query: "x", Highlight: "bold"}, `unknown highlight "bold"`},
		{"negative limit", Request{Query: "x", Limit: -1}, "negative"},
		{"reversed dates", Request{Query: "x", From: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, "before its start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tt.req)
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("err = %v, want ErrBadQuery", err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %q, want it to mention %q", err, tt.msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("err spans several lines: %q", err)
			}
		})
	}
}

func TestSearchCancelled(t *testing.T) {
	ix := MustMemIndex(t, MustLoadArticles(t, "basic"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Request{Query: "climate"}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestNormalizeLang(t *testing.T) {
	for in, want := range map[string]string{
		"":           "",
		"EN":         "en",
		"en-gb":      "en-GB",
		"en_US":      "en-US",
		"zh-hant-tw": "zh-Hant-TW",
		"es-419":     "es-419",
		" fr ":       "fr",
	} {
		if got := normalizeLang(in); got != want {
			t.Errorf("normalizeLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQueryTimeStemming(t *testing.T) {
	doc := func(id int64, text string) *corpus.Article {
		return &corpus.Article{ID: id, URL: "https://x.example/" + text, Site: "x.example", Title: "Item", Text: "A note on " + text + " today."}
	}
	titled := &corpus.Article{ID: 10, URL: "https://x.example/titled", Site: "x.example", Title: "Studies", Text: "Nothing else here."}
	ix := MustMemIndex(t, []*corpus.Article{
		doc(1, "study"), doc(2, "studies"), doc(3, "studying"), doc(4, "students"), doc(5, "studio"),
		doc(6, "elections"), doc(7, "elected"), doc(8, "elect"), doc(9, "electricity"), titled,
	})
	// Snowball stems: study, studies, studying -> studi; students ->
	// student; studio -> studio; elections, elected, elect, election ->
	// elect; electricity -> electr. Since index format 8 the body's forms
	// of a word score alike (the body is in the stemmed field only); the
	// title's exact form still ranks first.
	tests := []struct {
		query string
		first int64   // the article ranked first (0: any)
		want  []int64 // all hits
	}{
		{"study", 0, []int64{1, 2, 3, 10}},
		{"studies", 10, []int64{1, 2, 3, 10}},
		{"studying", 0, []int64{1, 2, 3, 10}},
		{"election", 0, []int64{6, 7, 8}},
		{"elect", 0, []int64{6, 7, 8}},
		{"students", 4, []int64{4}},
		{`"studies"`, 10, []int64{2, 10}}, // a quoted word is exact
		{`text:studies`, 2, []int64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := MustSearch(t, ix, Request{Query: tt.query, Highlight: HighlightPlain})
			var got []int64
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if tt.first != 0 && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("hits = %v, want %d first", got, tt.first)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("hits = %v, want %v", got, tt.want)
			}
			for _, h := range res.Hits {
				if h.ID != titled.ID && !strings.Contains(h.Snippet, "[") {
					t.Errorf("article %d: no marked word in %q", h.ID, h.Snippet)
				}
			}
		})
	}
}

func TestMatchingIDs(t *testing.T) {
	ix := MustMemIndex(t, MustLoadArticles(t, "basic"))
	tests := []struct {
		req  Request
		want []int64
	}{
		{Request{Query: "climate", Limit: 1, Offset: 1}, []int64{1, 8, 9, 7}},
		{Request{Query: "*", Sort: SortDate}, []int64{8, 9, 5, 4, 1, 2, 6, 10, 3, 7}},
		{Request{Query: "", Site: "daily.example.org", Sort: SortDateDesc}, []int64{3, 10, 8}},
		{Request{Query: "zeppelin"}, []int64{}},
	}
	for _, tt := range tests {
		got, err := ix.MatchingIDs(context.Background(), tt.req)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("MatchingIDs(%+v) = %v, want %v", tt.req, got, tt.want)
		}
	}
	if _, err := ix.MatchingIDs(context.Background(), Request{Query: "a:b"}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("bad query: %v, want ErrBadQuery", err)
	}
}

func TestPageTypeFilter(t *testing.T) {
	arts := []*corpus.Article{
		{ID: 1, URL: "https://x.example/a", Site: "x.example", Title: "Budget vote", Text: "The budget passed.", PageType: corpus.PageTypeArticle},
		{ID: 2, URL: "https://x.example/f", Site: "x.example", Title: "Budget thread", Text: "Budget talk here.", PageType: corpus.PageTypeForum},
		{ID: 3, URL: "https://x.example/o", Site: "x.example", Title: "Old budget", Text: "An old budget row."},
	}
	ix := MustMemIndex(t, arts)
	for _, tc := range []struct {
		req  Request
		want []int64
	}{
		{Request{Query: "budget", Type: "forum"}, []int64{2}},
		{Request{Query: "budget", Type: "Article"}, []int64{1, 3}},
		{Request{Query: "budget +type:forum"}, []int64{2}},
		{Request{Query: "budget -type:article"}, []int64{2}},
	} {
		res := MustSearch(t, ix, tc.req)
		var got []int64
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v: ids %v, want %v", tc.req, got, tc.want)
		}
	}
	res := MustSearch(t, ix, Request{Query: "budget", Type: "forum"})
	if res.Hits[0].PageType != "forum" {
		t.Errorf("hit page_type = %q", res.Hits[0].PageType)
	}
}

// TestBadQueryQuotesShort checks that a rejected query value is quoted
// cut, not whole, in the error.
func TestBadQueryQuotesShort(t *testing.T) {
	ix := MustMemIndex(t, nil)
	long := strings.Repeat("x", 100_000)
	for _, req := range []Request{{Query: long + ":word"}, {Query: "a", Sort: long}, {Query: "a", Highlight: long}} {
		_, err := ix.Search(context.Background(), req)
		if err == nil || len(err.Error()) > 600 {
			t.Errorf("error for a 100 KB value: %d bytes", len(fmt.Sprint(err)))
		}
	}
}
