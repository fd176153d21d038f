package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/bench/score"
	"github.com/archivist-project/archivist/bench/split"
)

// fakeTypedPage is one page of a fake page-types set.
type fakeTypedPage struct {
	url, typ, html, body string
	with, without        []string
}

// mustWriteShared writes a shared directory with a two-page
// extraction-bench and a page-types set, and returns its path. Sites:
// bbc.co.uk is in the tuning half, example.com in the check half.
func mustWriteShared(tb testing.TB) string {
	tb.Helper()
	shared := tb.TempDir()
	if err := os.Rename(mustWriteData(tb, testPages), filepath.Join(shared, "extraction-bench")); err != nil {
		tb.Fatal(err)
	}
	pages := map[string]fakeTypedPage{
		"t1": {"https://www.bbc.co.uk/a", "listing", `<html><body><ul><li>One story</li><li>Two story</li></ul><footer>Menu</footer></body></html>`,
			"One story\n\nTwo story", []string{"One story"}, []string{"Menu"}},
		"t2": {"https://news.bbc.co.uk/b", "forum", `<html><body><p>First post here.</p></body></html>`,
			"First post here.", []string{"First post"}, nil},
		"c1": {"https://example.com/c", "product", `<html><body><p>Secret product text.</p></body></html>`,
			"Secret product text.", []string{"Secret product"}, []string{"Cart"}},
	}
	dir := filepath.Join(shared, "page-types")
	if err := os.MkdirAll(filepath.Join(dir, "html"), 0o755); err != nil {
		tb.Fatal(err)
	}
	truth := map[string]any{}
	for id, p := range pages {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(p.html))
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, "html", id+".html.gz"), buf.Bytes(), 0o644); err != nil {
			tb.Fatal(err)
		}
		truth[id] = map[string]any{"url": p.url, "page_type": p.typ, "articleBody": p.body, "with": p.with, "without": p.without}
	}
	b, err := json.Marshal(truth)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return shared
}

// bodyExtractor returns the reference body, and calls every page an
// article.
func bodyExtractor(p *setPage) (setResult, error) {
	return setResult{Text: p.Body, PageType: "article"}, nil
}

// wholeTextExtractor returns all text of the page.
func wholeTextExtractor(p *setPage) (setResult, error) {
	t, err := htmlText(p.HTML)
	return setResult{Text: t}, err
}

var fakeSetExtractors = []setExtractor{
	{Name: "archivist", Extract: bodyExtractor},
	{Name: "readeck", Extract: wholeTextExtractor},
	{Name: "go-trafilatura", Extract: func(*setPage) (setResult, error) { return setResult{}, errors.New("nope") }},
}

// mustFakeRun writes the splits of a fake shared dir and returns options
// that run the two shared sets on it.
func mustFakeRun(tb testing.TB) setsOptions {
	tb.Helper()
	o := setsOptions{Shared: mustWriteShared(tb), Splits: tb.TempDir(), Sets: []string{setExtractionBench, setPageTypes}, WriteSplits: true, Workers: 1}
	if err := runSetsCmd(context.Background(), o, fakeSetExtractors, io.Discard, io.Discard); err != nil {
		tb.Fatal(err)
	}
	o.WriteSplits = false
	return o
}

func TestRunSetsMarkdown(t *testing.T) {
	o := mustFakeRun(t)
	o.Passes, o.Failures = 1, 10
	var out bytes.Buffer
	if err := runSetsCmd(context.Background(), o, fakeSetExtractors, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"| page-types | 2 / 1 | 1 / 1 |",
		"| extraction-bench | 0 / 2 | 0 / 1 |",
		"| extraction-bench | check | archivist | 2 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 0.0% (0) | — | — | — |",
		"| page-types | tune | archivist | 2 | — | — | — | 1.000 | 1.000 | 1.000 | 0.0% (0) | 100.0% (2) | 0.0% (0) | — |",
		"| page-types | tune | readeck | 2 |",
		"| page-types | tune | go-trafilatura | 2 | — | — | — | 0.000 | 0.000 | 0.000 | 100.0% (2) | 0.0% (0) | 0.0% (0) | — |",
		"| page-types | tune | archivist | — | — | 1.000 (1) | — | 1.000 (1) | — | 1.000 |",
		"| page-types | tune | archivist | 100.0% (1) | 100.0% (1) | — | forum: article 1; listing: article 1 |",
		"| extraction-bench | check | archivist | — | — | 0.0% (0) | article: article 2 |",
		"| archivist |", // speed
		"#### page-types, tuning half: readeck's worst pages",
		"| extraction-bench shingle F1 >= go-trafilatura + 0.01 | 1.000 | 0.010 | yes |",
		"| extraction-bench shingle F1 >= 0.975 | 1.000 | 0.975 | yes |",
		"| page-types word F1 >= go-trafilatura + 0.01 | 1.000 | 0.010 | yes |",
		"| page-types with found | 100.0% (1) | >= 85% | yes |",
		"| page-types without found | 0.0% (0) | <= 5% | yes |",
		"| articles (extraction-bench) called something else | 0.0% (0) | <= 1% | yes |",
		"| slowest page <= 50 ms |",
		`"Menu"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	// Per-page details never name a check-half page.
	for _, secret := range []string{"| c1 |", "example.com/c", "Secret", "| a |", "| b |"} {
		if strings.Contains(s, secret) {
			t.Errorf("output shows a check-half page (%q):\n%s", secret, s)
		}
	}
}

func TestRunSetsJSON(t *testing.T) {
	o := mustFakeRun(t)
	o.JSON, o.Failures, o.Workers = true, 10, 3
	var out bytes.Buffer
	if err := runSetsCmd(context.Background(), o, fakeSetExtractors, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var rep setsReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if len(rep.Scores) != 2*2*3 || rep.Speed != nil {
		t.Errorf("%d scores, speed %v", len(rep.Scores), rep.Speed)
	}
	for _, b := range rep.Failures {
		for _, p := range b.Pages {
			if p.ID != "t1" && p.ID != "t2" {
				t.Errorf("failures of %s/%s list check-half page %s", b.Set, b.Extractor, p.ID)
			}
		}
	}
}

func TestShowRefusesCheckHalf(t *testing.T) {
	o := mustFakeRun(t)
	var out bytes.Buffer
	o.Show = "page-types/c1"
	err := runSetsCmd(context.Background(), o, fakeSetExtractors, &out, io.Discard)
	if !errors.Is(err, errCheckHalf) || !errors.Is(err, errUsage) || out.Len() > 0 {
		t.Errorf("show of a check page: err %v, output %q", err, out.String())
	}
	o.Show = "page-types/t1"
	if err := runSetsCmd(context.Background(), o, fakeSetExtractors, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "## truth\n\nOne story") || !strings.Contains(s, "## archivist: word F1 1.000") {
		t.Errorf("show output:\n%s", s)
	}
	for _, bad := range []string{"page-types/zz", "nosuchset/1", "page-types"} {
		o.Show = bad
		if err := runSetsCmd(context.Background(), o, fakeSetExtractors, io.Discard, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("-show %s: err %v, want a usage error", bad, err)
		}
	}
}

func TestTuneOnly(t *testing.T) {
	if err := tuneOnly("s", &setPage{ID: "x", Half: split.Check}); !errors.Is(err, errCheckHalf) {
		t.Errorf("check page: %v", err)
	}
	if err := tuneOnly("s", &setPage{ID: "x"}); !errors.Is(err, errCheckHalf) {
		t.Errorf("page without a half: %v", err)
	}
	if err := tuneOnly("s", &setPage{ID: "x", Half: split.Tune}); err != nil {
		t.Errorf("tune page: %v", err)
	}
}

func TestApplySplit(t *testing.T) {
	s := benchSet{Name: "s", Pages: []setPage{{ID: "a", Site: "bbc.co.uk"}, {ID: "b", Site: "wsj.com"}}}
	l := split.List{"a": split.New("a", "bbc.co.uk"), "b": split.New("b", "wsj.com")}
	if err := applySplit(&s, l); err != nil || s.Pages[0].Half != split.Tune || s.Pages[1].Half != split.Check {
		t.Errorf("applySplit: %v, %+v", err, s.Pages)
	}
	delete(l, "b")
	if err := applySplit(&s, l); !errors.Is(err, split.ErrMissing) {
		t.Errorf("unlisted page: %v", err)
	}
	l["b"] = split.New("b", "example.com")
	if err := applySplit(&s, l); err == nil || !strings.Contains(err.Error(), "the list says") {
		t.Errorf("page listed under another site: %v", err)
	}
}

func TestParseSetsFlags(t *testing.T) {
	o, err := parseSetsFlags([]string{"-sets", "page-types, trafilatura", "-only", "archivist", "-v", "-passes", "0"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(o.Sets, []string{"page-types", "trafilatura"}) || o.Failures != 20 || o.Passes != 0 || o.Splits != splitsDir {
		t.Errorf("options = %+v", o)
	}
	for _, args := range [][]string{{"-sets", "nope"}, {"-passes", "-1"}, {"-workers", "0"}, {"extra"}, {"-bogus"}, {"-classes", "bogus"}} {
		if _, err := parseSetsFlags(args, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("%q: err %v, want a usage error", args, err)
		}
	}
	if _, err := selectSetExtractors(fakeSetExtractors, []string{"nope"}); !errors.Is(err, errUsage) {
		t.Errorf("unknown extractor: %v", err)
	}
}

func TestLoadReadabilitySet(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("GOMODCACHE", cache)
	if _, err := loadReadabilitySet(setReadability, shioriModule); !errors.Is(err, errNoData) {
		t.Fatalf("module absent: err %v, want errNoData", err)
	}
	path, version, _ := strings.Cut(shioriModule, "@")
	pages := filepath.Join(cache, path+"@"+version, "test-pages")
	for rel, content := range map[string]string{
		"nytimes-2/source.html":   "<html><body><nav>Menu</nav><p>Story text.</p></body></html>",
		"nytimes-2/expected.html": "<div><p>Story <b>text</b>.</p><p>Second.</p></div>",
		"incomplete/source.html":  "<p>no expected file</p>",
	} {
		mustWriteFileAll(t, filepath.Join(pages, rel), content)
	}
	s, err := loadReadabilitySet(setReadability, shioriModule)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Pages) != 1 || !s.Shingles {
		t.Fatalf("set = %+v", s)
	}
	p := s.Pages[0]
	if p.ID != "nytimes-2" || p.Site != "nytimes" || p.PageType != "article" || !p.UTF8 || p.URL != readabilityURL ||
		!strings.Contains(p.Body, "Story text.\n") || !strings.Contains(p.Body, "Second.") {
		t.Errorf("page = %+v", p)
	}
}

func mustWriteFileAll(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// TestCommittedSplits checks every committed list (each line's half is
// its site's, no id twice) and, where the set's data is on this machine,
// that the list is exactly what the generator makes of the set today.
func TestCommittedSplits(t *testing.T) {
	shared, _ := findSharedDir("")
	for _, name := range setNames {
		t.Run(name, func(t *testing.T) {
			l, err := readSplit(splitsDir, name)
			if err != nil {
				t.Fatal(err)
			}
			if len(l) == 0 {
				t.Fatal("empty list")
			}
			if testing.Short() {
				t.Skip("-short: not loading the set")
			}
			s, err := setLoaders[name](shared)
			if errors.Is(err, errNoData) || shared == "" && (name == setExtractionBench || name == setPageTypes) {
				t.Skipf("set data not on this machine, list not compared with the generator: %v", err)
			}
			if err != nil {
				t.Fatal(err)
			}
			want := make(split.List)
			for _, e := range splitEntries(s) {
				want[e.ID] = e
			}
			if !reflect.DeepEqual(l, want) {
				for id, e := range want {
					if l[id] != e {
						t.Errorf("page %s: generator %+v, list %+v", id, e, l[id])
					}
				}
				for id := range l {
					if _, ok := want[id]; !ok {
						t.Errorf("page %s listed but not in the set", id)
					}
				}
			}
		})
	}
}

func TestSumHalf(t *testing.T) {
	s := benchSet{Name: "s", Pages: []setPage{
		{ID: "1", Half: split.Tune, HasBody: true, PageType: "listing", With: []string{"a"}},
		{ID: "2", Half: split.Tune, HasDate: true},
		{ID: "3", Half: split.Check, HasBody: true, PageType: "forum"},
	}}
	outs := []pageOutcome{
		{Words: scoreWordsOf(1), PageType: "article", With: snip(1, 1)},
		{PageType: "other", Empty: true, Err: "x", DateOK: true},
		{Words: scoreWordsOf(0), PageType: "forum"},
	}
	h := sumHalf(s, split.Tune, "archivist", outs, 2)
	if h.Pages != 2 || h.Empty != 1 || h.Errors != 1 || h.DatePages != 1 || h.DateOK != 1 || h.With != snip(1, 1) ||
		h.Words == nil || h.Words.Pages != 1 || h.Words.F1 != 1 || h.PerType != nil || h.Shingles != nil {
		t.Errorf("tune half: %+v", h)
	}
	want := map[string]map[string]int{"listing": {"article": 1}, unlabelled: {"other": 1}}
	if !reflect.DeepEqual(h.Types, want) {
		t.Errorf("types = %v, want %v", h.Types, want)
	}
	if n, hit := typeShares(h.Types, []string{"listing", "collection"}, "article", false); n != 1 || hit != 1 {
		t.Errorf("listing+collection called article: %d of %d", hit, n)
	}
	if n, hit := typeShares(map[string]map[string]int{"article": {"article": 3, "other": 1}}, []string{"article"}, "article", true); n != 4 || hit != 1 {
		t.Errorf("articles called something else: %d of %d", hit, n)
	}
	if got := typeCounts(h.Types); got != "listing: article 1; unlabelled: other 1" {
		t.Errorf("typeCounts = %q", got)
	}
	if c := sumHalf(s, split.Check, "archivist", outs, 1); c.Pages != 1 || c.Words.F1 != 0 || c.With.Total != 0 {
		t.Errorf("check half: %+v", c)
	}
}

func scoreWordsOf(f float64) score.Words { return score.Words{Precision: f, Recall: f, F1: f} }

func snip(total, found int) score.Snippets { return score.Snippets{Total: total, Found: found} }

func TestScoreAllWorkers(t *testing.T) {
	var pages []setPage
	for i := range 50 {
		pages = append(pages, setPage{ID: string(rune('A' + i)), HasBody: true, Body: strings.Repeat("w ", i)})
	}
	s := benchSet{Name: "s", Pages: pages}
	one, err := scoreAll(context.Background(), s, fakeSetExtractors[0], 1)
	if err != nil {
		t.Fatal(err)
	}
	four, err := scoreAll(context.Background(), s, fakeSetExtractors[0], 4)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, four) || len(one) != 50 || !one[0].Empty || one[1].Empty {
		t.Errorf("1 worker and 4 differ, or wrong outcomes")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := scoreAll(ctx, s, fakeSetExtractors[0], 2); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestCheckTargets(t *testing.T) {
	half := func(set, x string, f float64, with, without score.Snippets, types map[string]map[string]int) halfScore {
		h := halfScore{Set: set, Half: split.Check, Extractor: x, With: with, Without: without, Types: types}
		if set == setPageTypes {
			h.Words = &score.WordsSummary{F1: f}
			h.PerType = map[string]score.WordsSummary{"listing": {F1: f}}
		}
		return h
	}
	rep := setsReport{
		Sets: []setInfo{{Name: setTrafilatura}, {Name: setPageTypes}},
		Scores: []halfScore{
			half(setTrafilatura, "archivist", 0, snip(10, 9), snip(10, 1), nil),      // tp 9, fn 1, fp 1: 18/20
			half(setTrafilatura, "go-trafilatura", 0, snip(10, 8), snip(10, 0), nil), // 16/18
			half(setPageTypes, "archivist", 0.72, snip(20, 17), snip(20, 2), map[string]map[string]int{"listing": {"article": 1, "listing": 99}}),
			half(setPageTypes, "go-trafilatura", 0.715, snip(1, 1), snip(1, 0), nil),
			half(setReadeck, "archivist", 0, snip(0, 0), snip(0, 0), map[string]map[string]int{"article": {"article": 99, "other": 1}}),
			half(setReadability, "archivist", 0, snip(0, 0), snip(0, 0), map[string]map[string]int{"article": {"other": 50}}), // not pooled
		},
		Speed: &speedLine{Results: []speedResult{
			{Name: "archivist", PagesPerSec: 300, SlowestMs: 51},
			{Name: "readeck", PagesPerSec: 300},
			{Name: "go-trafilatura", PagesPerSec: 101},
		}},
	}
	got := map[string]bool{}
	for _, tg := range checkTargets(rep) {
		got[tg.What] = tg.Met
	}
	want := map[string]bool{
		"trafilatura snippet F1 >= go-trafilatura + 0.01":      true, // 0.900 >= 0.889 + 0.01
		"page-types word F1 >= go-trafilatura + 0.01":          false,
		"page-types listing word F1":                           true,
		"page-types with found":                                true,
		"page-types without found":                             false, // 10%
		"page-types listing+collection called article":         true,  // 1%
		"pages/s >= readeck's":                                 true,
		"pages/s >= 3 x go-trafilatura's":                      false,
		"slowest page <= 50 ms":                                false,
		"articles (readability-readeck) called something else": true, // 1 of 100
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("targets = %v\nwant      %v", got, want)
	}
}

func TestRunSetsPageScores(t *testing.T) {
	o := mustFakeRun(t)
	o.Scores = filepath.Join(t.TempDir(), "scores.tsv")
	if err := runSetsCmd(context.Background(), o, fakeSetExtractors, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(o.Scores)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	lines := strings.Split(strings.TrimSpace(s), "\n")
	// A header, then every page of both halves (2 + 3) for each of 3 extractors.
	if len(lines) != 1+5*3 {
		t.Errorf("got %d lines, want 16:\n%s", len(lines), s)
	}
	for _, want := range []string{
		"set\thalf\textractor\tid\t",
		"extraction-bench\tcheck\tarchivist\t",
		"extraction-bench\tcheck\tarchivist\ta\tarticle\tarticle\t1.0000 (1.000/1.000)\t1.0000 (1.000/1.000)\t0/0\t0/0\tfalse\t-\n",
		"page-types\tcheck\tgo-trafilatura\tc1\tproduct\t\t0.0000 (0.000/0.000)\t-\t0/1\t0/1\ttrue\t-\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("scores lack %q:\n%s", want, s)
		}
	}
	// Scores only: no page text, no URL.
	for _, secret := range []string{"Secret", "example.com"} {
		if strings.Contains(s, secret) {
			t.Errorf("scores hold page content (%q):\n%s", secret, s)
		}
	}
}
