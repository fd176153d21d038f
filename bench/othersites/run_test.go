package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	titleRE = regexp.MustCompile(`<title>([^<]*)</title>`)
	dateRE  = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
)

// fakeExtractors are deterministic stand-ins: "archivist" returns the
// page's text with tags replaced by spaces, its <title>, fixed authors
// and the first YYYY-MM-DD in the page, and flags c.html not_article;
// "go-trafilatura" returns no text
// and 2020-01-02 for every page and panics on the mediacloud page.
func fakeExtractors() []extractor {
	return []extractor{
		{Name: "archivist", Caps: capBody | capTitle | capAuthor | capDate, Extract: func(body []byte, _ string) (result, error) {
			r := result{Text: tagRE.ReplaceAllString(string(body), " "), Author: "Jane Doe; John Roe"}
			if m := titleRE.FindSubmatch(body); m != nil {
				r.Title = string(m[1])
			}
			if d := dateRE.Find(body); d != nil {
				r.Published, _ = time.Parse("2006-01-02", string(d))
			}
			if strings.Contains(string(body), "epsilon") {
				r.Flags = []string{"short", "not_article"}
			}
			return r, nil
		}},
		{Name: "go-trafilatura", Caps: capBody | capDate, Extract: func(_ []byte, u string) (result, error) {
			if strings.Contains(u, "zaxid") {
				panic("boom")
			}
			return result{Published: time.Date(2020, 1, 2, 12, 0, 0, 0, time.UTC)}, nil
		}},
	}
}

func TestRunMarkdown(t *testing.T) {
	tdir, hdir, bdir := fakeData(t)
	details := filepath.Join(t.TempDir(), "details")
	o := options{TrafilaturaDir: tdir, HtmldateDir: hdir, BenchData: bdir, Passes: 2, Details: details}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), o, fakeExtractors(), &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	got := out.String()
	for _, want := range []string{
		"Pages: 2 from go-trafilatura's set (3 read, 1 left out as benchmark sites, 1 entries without a file), 3 from go-htmldate's set (3 read, 0 left out, 0 without a file). GOMAXPROCS=1",
		"Body: 2 pages with snippets; title: 1 pages with a title; authors: 1 pages with authors; dates: 3 pages of the htmldate set, 1 of the trafilatura set with a date.",
		// body tp 3, fn 0, fp 1 (Impressum), tn 1; dates 3/3 on htmldate
		// (the page without a date is a true negative), 0/1 on trafilatura
		"| archivist | 0.750 | 1.000 | 0.857 | 0.800 | 1.000 | 0.000 | 1.000 | 1.000 | 0.000 | 0.000 |",
		// empty text: fn 3, tn 2; a fixed date: wrong on htmldate, right on trafilatura; one panic
		"| go-trafilatura | 0.000 | 0.000 | 0.000 | 0.400 | 0.000 | 1.000 | — | — | — | — |",
		// only a.html has a date: tp 2, fp 1
		"Body on the 1 pages of the trafilatura set whose truth has a date (articles and posts rather than shop, home or about pages):",
		"| archivist | 0.667 | 1.000 | 0.800 | 0.667 |",
		// c.html counted as empty: tp 2, fn 1, fp 1, tn 1
		"archivist flags 1 of the 2 body pages not_article; counting those as empty, as the corpus keeps them (they do not become articles): body P 0.667, R 0.667, F1 0.667, accuracy 0.600.",
		"| body F1 (snippets) | 0.857 | 0.000 | go-trafilatura | yes |",
		"| date accuracy, trafilatura set | 0.000 | 1.000 | go-trafilatura | no (-1.000) |",
		"| archivist | 3/0/1/1 | 2/0/0/1 (1.000, 1.000, 1.000) | 0/1/0/0 | 1 / 1 / 1 | 2/0/0 (1.000, 1.000) | 0 / 0 / 1 |",
		"| go-trafilatura | 0/3/0/2 | 0/1/2/0 (0.000, 0.000, 0.000) | 1/0/0/0 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\n%s", want, got)
		}
	}
	if !strings.Contains(got, " | 1 |\n") {
		t.Errorf("the panicking page is not counted as an error:\n%s", got)
	}
	rs := readDetails(t, filepath.Join(details, "archivist.jsonl"))
	if len(rs) != 5 {
		t.Fatalf("details: %d lines, want 5", len(rs))
	}
	var a pageResult
	for _, r := range rs {
		if r.File == "a.html" {
			a = r
		}
	}
	if a.Body == nil || strings.Join(a.Unwanted, ",") != "Impressum" || a.WantTitle != "Title A" || a.GotTitle != "Title A | News" || a.DateOK == nil || *a.DateOK {
		t.Errorf("details for a.html = %+v", a)
	}
	tr := readDetails(t, filepath.Join(details, "go-trafilatura.jsonl"))
	var panicked int
	for _, r := range tr {
		if strings.Contains(r.Err, "panic: boom") {
			panicked++
		}
	}
	if panicked != 1 {
		t.Errorf("go-trafilatura details: %d panics recorded, want 1", panicked)
	}
}

func readDetails(tb testing.TB, path string) []pageResult {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var rs []pageResult
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r pageResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatal(err)
		}
		rs = append(rs, r)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return rs
}

func TestRunJSONKeepBenchSites(t *testing.T) {
	tdir, hdir, _ := fakeData(t)
	o := options{TrafilaturaDir: tdir, HtmldateDir: hdir, KeepBenchSites: true, Passes: 1, JSON: true, Only: []string{"archivist"}}
	var out bytes.Buffer
	if err := run(context.Background(), o, fakeExtractors(), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var rep report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if rep.Pages[setTrafilatura] != 3 || rep.Pages[setHtmldate] != 3 || len(rep.Results) != 1 || rep.Results[0].Name != "archivist" {
		t.Errorf("report = %+v", rep)
	}
	if b := rep.Results[0].Body; b != (counts{TP: 4, FN: 0, FP: 1, TN: 2}) {
		t.Errorf("body counts with the benchmark site kept = %+v, want tp 4 fp 1 tn 2", b)
	}
}

func TestRunCancelled(t *testing.T) {
	tdir, hdir, bdir := fakeData(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o := options{TrafilaturaDir: tdir, HtmldateDir: hdir, BenchData: bdir, Passes: 1}
	if err := run(ctx, o, fakeExtractors(), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("run with a cancelled context: err = %v", err)
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr bool
		check   func(options) bool
	}{
		{"defaults", nil, false, func(o options) bool { return o.Passes == 1 && o.Only == nil && !o.JSON }},
		{"only and passes", []string{"-only", "archivist, go-htmldate", "-passes", "3"}, false, func(o options) bool {
			return o.Passes == 3 && strings.Join(o.Only, ",") == "archivist,go-htmldate"
		}},
		{"zero passes", []string{"-passes", "0"}, true, nil},
		{"stray argument", []string{"x"}, true, nil},
		{"unknown flag", []string{"-nope"}, true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := parseFlags(tc.args, io.Discard)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if tc.check != nil && !tc.check(o) {
				t.Errorf("options = %+v", o)
			}
		})
	}
}

func TestSelectExtractors(t *testing.T) {
	all := fakeExtractors()
	xs, err := selectExtractors(all, []string{"go-trafilatura"})
	if err != nil || len(xs) != 1 || xs[0].Name != "go-trafilatura" {
		t.Errorf("select go-trafilatura = %v, %v", xs, err)
	}
	if _, err := selectExtractors(all, []string{"nope"}); err == nil {
		t.Error("unknown name: no error")
	}
	if xs, _ := selectExtractors(all, nil); len(xs) != len(all) {
		t.Errorf("empty selection kept %d of %d", len(xs), len(all))
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	}
	for _, tc := range tests {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestShow(t *testing.T) {
	tdir, hdir, bdir := fakeData(t)
	o := options{TrafilaturaDir: tdir, HtmldateDir: hdir, BenchData: bdir, Passes: 1, Show: []string{"a.html"}}
	var out bytes.Buffer
	if err := run(context.Background(), o, fakeExtractors(), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"=== a.html (trafilatura set) https://news.example/a",
		`truth: title "Title A"; date "2020-01-02"; authors ["Jane Doe" "John Roe"]`,
		`--- archivist: title "Title A | News"; date ""; author "Jane Doe; John Roe"`,
		`missed []; unwanted ["Impressum"]`,
		`--- go-trafilatura: title ""; date "2020-01-02"`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q\n%s", want, out.String())
		}
	}
	o.Show = []string{"b.html"} // a benchmark site, left out
	if err := run(context.Background(), o, fakeExtractors(), io.Discard, io.Discard); err == nil {
		t.Error("show on a page that was left out: no error")
	}
}

func TestLosses(t *testing.T) {
	tdir, hdir, bdir := fakeData(t)
	o := options{TrafilaturaDir: tdir, HtmldateDir: hdir, BenchData: bdir, Passes: 1, Losses: 5}
	var out bytes.Buffer
	if err := run(context.Background(), o, fakeExtractors(), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		// the fake go-trafilatura returns no text, so it keeps no "without"
		"archivist loses on body: a snippet archivist misses (or wrongly keeps) and another does not: 1 pages",
		`- a.html (trafilatura set, go-trafilatura right): missed [], kept ["Impressum"]`,
		"archivist loses on date: 1 pages",
		`- a.html (trafilatura set, go-trafilatura right): want "2020-01-02", archivist ""`,
		"archivist loses on authors (exact): 0 pages",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\n%s", want, got)
		}
	}
}

func TestWithout(t *testing.T) {
	if got := without([]string{"a", "b", "c"}, []string{"b"}); strings.Join(got, ",") != "a,c" {
		t.Errorf("without = %q", got)
	}
	if got := without(nil, []string{"b"}); got != nil {
		t.Errorf("without(nil) = %q", got)
	}
}

func TestHalfOf(t *testing.T) {
	// CRC-32 (IEEE) parities, computed independently (Python zlib.crc32).
	tests := map[string]string{
		"a.html": halfDev, "e.html": halfDev, "dir/a.html": halfDev,
		"c.html": halfHeldOut, "1.html": halfHeldOut, "n.html": halfHeldOut,
	}
	for f, want := range tests {
		if got := halfOf(f); got != want {
			t.Errorf("halfOf(%q) = %q, want %q", f, got, want)
		}
	}
}

func TestRunHalves(t *testing.T) {
	tdir, hdir, bdir := fakeData(t)
	o := options{TrafilaturaDir: tdir, HtmldateDir: hdir, BenchData: bdir, Passes: 1}
	var out bytes.Buffer
	if err := run(context.Background(), o, fakeExtractors(), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"The dev half (pages whose file name has an even CRC-32; the extractor's developer looks only at the dev half): 1 pages of the trafilatura set, 1 of the htmldate set.",
		"The held-out half (pages whose file name has an odd CRC-32; the extractor's developer looks only at the dev half): 1 pages of the trafilatura set, 2 of the htmldate set.",
		// held-out: c.html (epsilon found, footer absent), 1.html right, n.html no date
		"| archivist | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 |\n",
		"archivist against the best of the others, held-out half:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\n%s", want, got)
		}
	}
}
