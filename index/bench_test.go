package index

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// genWords is the vocabulary of generated articles: common words first,
// so that a Zipf draw gives them most of the text, as in real prose.
var genWords = strings.Fields(`the of and to in a is that for it as was with on by at from this
have are be not or which but an had they has were their been one all there would we will more when
who can said also about after out than its new two other first year time people government minister
president city police court report market company election vote party policy budget climate energy
water school health hospital border trade bank price prices growth economy inflation workers union
strike protest council mayor village river bridge storm flood drought harvest farmers museum
festival artist novel film music stadium coach players season league final match record victory
defeat talks treaty summit army troops ceasefire refugees migrants island coast mountain railway
airport flight airline factory plant mine oil gas coal solar wind carbon emissions research
scientists study university students teachers exam children families housing rent mortgage tax
spending deficit debt reform law judge trial verdict prison sentence appeal investigation scandal
resignation campaign candidate poll turnout ballot parliament senate committee hearing witness
evidence document archive library history memory anniversary war peace monument ceremony church
mosque temple pilgrims tourists hotel restaurant market harbour fishermen boat ferry shipwreck
rescue volunteers charity donation hospital nurses doctors vaccine virus outbreak lockdown recovery`)

// genTail is the number of made-up words after genWords in the generated
// vocabulary: the long tail of rare words that real text has.
const genTail = 50000

// genWord returns word k of the generated vocabulary.
func genWord(k int) string {
	if k < len(genWords) {
		return genWords[k]
	}
	syll := []string{"ka", "lo", "mi", "ra", "tu", "ne", "si", "vo", "da", "pe", "gu", "ri", "sha", "bo", "te", "ny"}
	var b strings.Builder
	for k -= len(genWords) - 1; k > 0; k /= len(syll) {
		b.WriteString(syll[k%len(syll)])
	}
	return b.String()
}

// genSites and friends give generated articles realistic facet spreads.
var (
	genSites    = []string{"news.example.com", "daily.example.org", "herald.example.net", "tribune.example.com", "courier.example.org", "post.example.co.uk", "gazette.example.ie", "lemonde.example.fr", "zeitung.example.de", "arabic.example.net"}
	genLangs    = []string{"en", "en", "en", "en-GB", "en-US", "fr", "de", "ar", "es", "ja"}
	genSections = []string{"Politics", "World", "Business", "Science", "Sport", "Culture", "Opinion", "Technology", "Health", "Local"}
)

// genArticle returns article i of a deterministic synthetic corpus: about
// 400 words of text in a few paragraphs, published between 2015 and 2024.
func genArticle(i int) *corpus.Article {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(genWords)+genTail-1))
	words := func(n int) string {
		ws := make([]string, n)
		for k := range ws {
			ws[k] = genWord(int(zipf.Uint64()))
		}
		return strings.Join(ws, " ")
	}
	var paras []string
	for range 3 + r.IntN(4) {
		var sents []string
		for range 3 + r.IntN(4) {
			s := words(8 + r.IntN(14))
			sents = append(sents, strings.ToUpper(s[:1])+s[1:]+".")
		}
		paras = append(paras, strings.Join(sents, " "))
	}
	pub := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(10 * 365 * 24 * time.Hour))))
	site := genSites[r.IntN(len(genSites))]
	a := &corpus.Article{
		ID:          int64(i),
		URL:         fmt.Sprintf("https://%s/%d/article-%d", site, pub.Year(), i),
		Site:        site,
		Title:       strings.ToUpper(genWords[40+r.IntN(len(genWords)-40)][:1]) + words(6 + r.IntN(5))[1:],
		Authors:     []string{fmt.Sprintf("Author %d", r.IntN(300))},
		Language:    genLangs[r.IntN(len(genLangs))],
		Description: words(15 + r.IntN(10)),
		Section:     genSections[r.IntN(len(genSections))],
		Tags:        []string{genWords[40+r.IntN(60)], genWords[40+r.IntN(60)]},
		Text:        strings.Join(paras, "\n\n"),
	}
	if i%50 != 0 { // a few undated articles
		a.Published = &pub
	}
	return a
}

// benchDocs is the number of generated articles the benchmarks index:
// go test -bench . -docs 100000 to see how they scale.
var benchDocs = flag.Int("docs", 20000, "number of generated articles for the index benchmarks")

var (
	benchOnce sync.Once
	benchArts []*corpus.Article
)

func benchArticles() []*corpus.Article {
	benchOnce.Do(func() {
		for i := 1; i <= *benchDocs; i++ {
			benchArts = append(benchArts, genArticle(i))
		}
	})
	return benchArts
}

// BenchmarkIndex measures indexing into an on-disk index through Update,
// in the batches the crawler and `archivist index` use. One op indexes
// -docs articles.
func BenchmarkIndex(b *testing.B) {
	arts := benchArticles()
	src := newFakeSource(arts...)
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "bench.bleve")
		ix, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := ix.Update(context.Background(), src)
		if err != nil || n != len(arts) {
			b.Fatalf("update = %d, %v", n, err)
		}
		b.StopTimer()
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		size = dirSize(b, path)
		b.StartTimer()
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(size)/float64(len(arts)), "disk-B/doc")
}

// BenchmarkSearch measures searches on an on-disk index of -docs
// generated articles, with snippets for 10 hits.
func BenchmarkSearch(b *testing.B) {
	ix, err := Open(filepath.Join(b.TempDir(), "bench.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	src := newFakeSource(benchArticles()...)
	if _, err := ix.Update(context.Background(), src); err != nil {
		b.Fatal(err)
	}
	ix.ReadTextsFrom(src) // snippets: the index keeps no text
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, bc := range []struct {
		name string
		req  Request
	}{
		{"word", Request{Query: "harbour"}},
		{"two-words", Request{Query: "climate emissions"}},
		{"common-word", Request{Query: "the"}},
		{"phrase", Request{Query: `"the government"`}},
		{"must-not", Request{Query: "+storm -flood"}},
		{"filters", Request{Query: "election", Site: "news.example.com", Lang: "en", From: from}},
		{"all-by-date", Request{Query: "*", Sort: SortDateDesc}},
		// The six facets and monthly histogram of format 2, to compare.
		{"facets", Request{Query: "budget", Facets: sixFacets, Histogram: PeriodMonth}},
		{"all-facets", Request{Query: "*", Facets: sixFacets, Histogram: PeriodMonth}},
		{"all-nine-facets", Request{Query: "*", Facets: FacetNames()}},
		{"boolean", Request{Query: "(storm OR flood) AND NOT harbour"}},
		{"apostrophe-phrase", Request{Query: `"the government's budget"`}},
		{"site-facet-all", Request{Query: "*", Facets: []string{"site"}, FacetSize: -1}},
		{"histogram-day", Request{Query: "budget", Histogram: PeriodDay}},
		{"histogram-week-all", Request{Query: "*", Histogram: PeriodWeek}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ix.Search(context.Background(), bc.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// sixFacets are the facets of index format 2.
var sixFacets = []string{"site", "author", "section", "lang", "type", "tag"}

// dirSize returns the total size of the files under dir.
func dirSize(tb testing.TB, dir string) int64 {
	tb.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkPutOne measures Put of a single article on an on-disk index, as
// a crawler that indexes each article as it is stored would do.
func BenchmarkPutOne(b *testing.B) {
	ix, err := Open(filepath.Join(b.TempDir(), "bench.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	arts := benchArticles()[:1000]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := ix.Put(context.Background(), arts[i%len(arts):i%len(arts)+1]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
