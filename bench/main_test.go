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
)

// mustWriteData writes a benchmark data directory with the given pages
// (id → html, truth) and returns its path.
func mustWriteData(tb testing.TB, pages map[string][2]string) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "html"), 0o755); err != nil {
		tb.Fatal(err)
	}
	truth := make(map[string]map[string]string)
	for id, p := range pages {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write([]byte(p[0])); err != nil {
			tb.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "html", id+".html.gz"), buf.Bytes(), 0o644); err != nil {
			tb.Fatal(err)
		}
		truth[id] = map[string]string{"articleBody": p[1], "url": "https://example.com/" + id}
	}
	b, err := json.Marshal(truth)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

var testPages = map[string][2]string{
	"a": {`<html><head><title>A title</title><script>var x = 1;</script></head><body>
<nav>Home News Sport</nav><article><p>The first paragraph has <b>bold</b> words in it.</p>
<p>The second paragraph ends here.</p></article><footer>Copyright</footer></body></html>`,
		"The first paragraph has bold words in it.\n\nThe second paragraph ends here."},
	"b": {`<html><body><p>Only one short line.</p></body></html>`, "Only one short line."},
}

func TestLoadPages(t *testing.T) {
	dir := mustWriteData(t, testPages)
	pages, err := loadPages(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].ID != "a" || pages[1].ID != "b" {
		t.Fatalf("pages = %+v, want a and b in order", pages)
	}
	if got := string(pages[1].HTML); got != testPages["b"][0] {
		t.Errorf("html of b = %q", got)
	}
	if pages[0].Truth != testPages["a"][1] || pages[0].URL != "https://example.com/a" {
		t.Errorf("page a = %q %q", pages[0].Truth, pages[0].URL)
	}
}

func TestLoadPagesErrors(t *testing.T) {
	tests := map[string]func(dir string){
		"no ground truth": func(dir string) { os.Remove(filepath.Join(dir, "ground-truth.json")) },
		"missing page":    func(dir string) { os.Remove(filepath.Join(dir, "html", "a.html.gz")) },
		"not gzip": func(dir string) {
			os.WriteFile(filepath.Join(dir, "html", "a.html.gz"), []byte("<html>"), 0o644)
		},
		"bad json": func(dir string) {
			os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte("{"), 0o644)
		},
		"empty truth": func(dir string) {
			os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte("{}"), 0o644)
		},
	}
	for name, breakIt := range tests {
		t.Run(name, func(t *testing.T) {
			dir := mustWriteData(t, testPages)
			breakIt(dir)
			if _, err := loadPages(dir); err == nil {
				t.Fatal("loadPages: no error")
			}
		})
	}
}

func TestParseFlags(t *testing.T) {
	tests := map[string]struct {
		args    []string
		want    benchOptions
		wantErr bool
	}{
		"defaults": {args: nil, want: benchOptions{Passes: 3}},
		"all": {
			args: []string{"-data", "d", "-passes", "5", "-only", "archivist, readeck", "-v", "-dump", "out", "-json"},
			want: benchOptions{Data: "d", Passes: 5, Only: []string{"archivist", "readeck"}, Verbose: true, Dump: "out", JSON: true},
		},
		"zero passes":  {args: []string{"-passes", "0"}, wantErr: true},
		"extra arg":    {args: []string{"x"}, wantErr: true},
		"unknown flag": {args: []string{"-nope"}, wantErr: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := parseFlags(tc.args, io.Discard)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSelectExtractors(t *testing.T) {
	all := []extractor{{Name: "archivist"}, {Name: "go-trafilatura"}, {Name: "readeck"}, {Name: "whole-page"}}
	tests := map[string]struct {
		only    []string
		want    []string
		wantErr bool
	}{
		"all":           {nil, []string{"archivist", "go-trafilatura", "readeck", "whole-page"}, false},
		"usual order":   {[]string{"whole-page", "archivist"}, []string{"archivist", "whole-page"}, false},
		"one":           {[]string{"readeck"}, []string{"readeck"}, false},
		"unknown":       {[]string{"readeck", "boilerpipe"}, nil, true},
		"duplicate ok":  {[]string{"readeck", "readeck"}, []string{"readeck"}, false},
		"case matters":  {[]string{"Readeck"}, nil, true},
		"only unknowns": {[]string{"x"}, nil, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			xs, err := selectExtractors(all, tc.only)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			var got []string
			for _, x := range xs {
				got = append(got, x.Name)
			}
			if !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMedian(t *testing.T) {
	tests := map[string]struct {
		in   []float64
		want float64
	}{
		"none":   {nil, 0},
		"one":    {[]float64{3}, 3},
		"odd":    {[]float64{9, 1, 5}, 5},
		"even":   {[]float64{4, 1, 3, 2}, 2.5},
		"repeat": {[]float64{2, 2, 7}, 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			in := append([]float64(nil), tc.in...)
			if got := median(in); got != tc.want {
				t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
			}
			if !reflect.DeepEqual(in, tc.in) && tc.in != nil {
				t.Errorf("median changed its input to %v", in)
			}
		})
	}
}

func TestProcStatus(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc on this system")
	}
	for _, field := range []string{"VmRSS", "VmHWM"} {
		v, err := procStatus(field)
		if err != nil {
			t.Fatalf("%s: %v", field, err)
		}
		if v < 1<<20 {
			t.Errorf("%s = %d bytes, want at least 1 MiB for a Go test binary", field, v)
		}
	}
	if _, err := procStatus("NoSuchField"); err == nil {
		t.Error("NoSuchField: no error")
	}
}

// truthExtractor returns each page's true body, so it must score 1.
func truthExtractor(p *page) (result, error) { return result{Text: p.Truth, Title: "t"}, nil }

func failingExtractor(p *page) (result, error) {
	return result{Text: "ignored"}, errors.New("cannot extract")
}

func panickingExtractor(p *page) (result, error) {
	if p.ID == "b" {
		panic("boom")
	}
	return truthExtractor(p)
}

func TestRunBench(t *testing.T) {
	dir := mustWriteData(t, testPages)
	dump := t.TempDir()
	xs := []extractor{
		{Name: "archivist", Extract: truthExtractor},
		{Name: "readeck", Extract: failingExtractor},
		{Name: "go-trafilatura", Extract: panickingExtractor},
		{Name: "whole-page", Extract: extractWholePage},
	}
	var out bytes.Buffer
	o := benchOptions{Data: dir, Passes: 2, JSON: true, Dump: dump}
	if err := runBench(context.Background(), o, xs, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var rep report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if rep.Pages != 2 || rep.GOMAXPROCS != 1 || len(rep.Results) != 4 {
		t.Fatalf("report = %+v", rep)
	}
	a, r, p, w := rep.Results[0], rep.Results[1], rep.Results[2], rep.Results[3]
	if p.Errors != 1 || !strings.Contains(p.Pages[1].Error, "panic: boom") || p.Summary.Precision != 0.5 {
		t.Errorf("panicking extractor: errors %d, page b %q, %+v", p.Errors, p.Pages[1].Error, p.Summary)
	}
	if a.Summary.F1 != 1 || a.Summary.Accuracy != 1 || a.Errors != 0 || a.Meta.Title != 2 {
		t.Errorf("truth extractor: %+v", a.Summary)
	}
	if r.Errors != 2 || r.Summary.F1 != 0 || r.Summary.EmptyPred != 2 || r.Pages[0].Error == "" {
		t.Errorf("failing extractor: errors %d, %+v", r.Errors, r.Summary)
	}
	if w.Summary.Recall != 1 || w.Summary.Precision >= 1 || w.Summary.Precision <= 0 {
		t.Errorf("whole page: %+v", w.Summary)
	}
	if len(a.Passes) != 2 || a.PagesPerSec <= 0 || a.SlowestID == "" {
		t.Errorf("timing: passes %v, pages/s %v, slowest %q", a.Passes, a.PagesPerSec, a.SlowestID)
	}
	if got := rep.Ratios["readeck"]; got <= 0 {
		t.Errorf("ratio to readeck = %v", got)
	}
	if _, ok := rep.Ratios["whole-page"]; ok {
		t.Error("ratio to the baseline reported")
	}
	b, err := os.ReadFile(filepath.Join(dump, "archivist", "a.txt"))
	if err != nil || string(b) != testPages["a"][1] {
		t.Errorf("dump archivist/a.txt = %q, %v", b, err)
	}
	if b, err := os.ReadFile(filepath.Join(dump, "truth", "b.txt")); err != nil || string(b) != testPages["b"][1] {
		t.Errorf("dump truth/b.txt = %q, %v", b, err)
	}
	if b, err := os.ReadFile(filepath.Join(dump, "readeck", "a.txt")); err != nil || len(b) != 0 {
		t.Errorf("dump of a failed page = %q, %v; want empty", b, err)
	}
}

func TestRunBenchMarkdown(t *testing.T) {
	dir := mustWriteData(t, testPages)
	xs := []extractor{
		{Name: "archivist", Extract: truthExtractor},
		{Name: "whole-page", Extract: extractWholePage},
	}
	var out bytes.Buffer
	o := benchOptions{Data: dir, Passes: 1, Verbose: true, Only: []string{"archivist"}}
	if err := runBench(context.Background(), o, xs, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"## archivist: pages, worst first",
		"| a | 1.000 | 1.000 | 13 | 13 | yes |",
		"| archivist | 1.000 | 1.000 | 1.000 | 1.000 |",
		"GOMAXPROCS=1 (set by the program)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "| whole-page |") {
		t.Errorf("-only archivist ran whole-page:\n%s", s)
	}
}

func TestRunBenchCancelled(t *testing.T) {
	dir := mustWriteData(t, testPages)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	xs := []extractor{{Name: "archivist", Extract: truthExtractor}}
	err := runBench(ctx, benchOptions{Data: dir, Passes: 1}, xs, io.Discard, io.Discard)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestExtractWholePage(t *testing.T) {
	p := &page{HTML: []byte(testPages["a"][0])}
	r, err := extractWholePage(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A title", "Home News Sport", "has bold words", "Copyright"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("text lacks %q: %q", want, r.Text)
		}
	}
	if strings.Contains(r.Text, "var x") {
		t.Errorf("text has the script: %q", r.Text)
	}
	if !strings.Contains(r.Text, "in it.\n") {
		t.Errorf("paragraphs not on lines of their own: %q", r.Text)
	}
}

func TestLibraryExtractors(t *testing.T) {
	var body strings.Builder
	for i := range 8 {
		body.WriteString("<p>Paragraph number " + string(rune('A'+i)) + " of the story tells at some length what happened in the town " +
			"on that day, who said what to whom, and why it matters to the people who live there.</p>\n")
	}
	p := &page{
		URL: "https://example.com/news/2024/05/17/story",
		HTML: []byte(`<html><head><title>Town story | Example News</title>
<meta property="article:published_time" content="2024-05-17T10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Town story</h1>` + body.String() + `</article>
<footer>Copyright Example News</footer></body></html>`),
	}
	tests := map[string]func(*page) (result, error){
		"go-trafilatura": extractTrafilatura,
		"readeck":        extractReadeck,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			r, err := fn(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(r.Text, "Paragraph number C of the story") || strings.Contains(r.Text, "Copyright") {
				t.Errorf("text = %q", r.Text)
			}
			if !strings.Contains(r.Title, "Town story") {
				t.Errorf("title = %q", r.Title)
			}
		})
	}
}

// TestWholePageBaseline checks the scorer on the real pages: the whole
// page text must land near the README's published baseline (F1 0.665,
// precision 0.500, recall 0.994, accuracy 0).
func TestWholePageBaseline(t *testing.T) {
	dir, err := findDataDir("")
	if err != nil {
		t.Skip("benchmark data not found beside the repository")
	}
	pages, err := loadPages(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := warmUp(context.Background(), extractor{Name: "whole-page", Extract: extractWholePage}, pages)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary
	if s.Pages != 181 || s.Accuracy != 0 ||
		s.F1 < 0.655 || s.F1 > 0.675 || s.Precision < 0.49 || s.Precision > 0.51 || s.Recall < 0.985 {
		t.Errorf("whole page scores %+v, want near F1 0.665, P 0.500, R 0.994, accuracy 0", s)
	}
}
