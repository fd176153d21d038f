package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// mustWriteFile writes content to dir/rel, creating directories.
func mustWriteFile(tb testing.TB, dir, rel, content string) {
	tb.Helper()
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// fakeTrafilaturaData is a data.go in the shape of go-trafilatura's.
const fakeTrafilaturaData = `package main

type ComparisonEntry struct {
	File    string   ` + "`json:\"file\"`" + `
	Title   string
	Date    string
	Authors []string
	With    []string
	Without []string
}

var other = 3

var comparisonData = map[string]ComparisonEntry{
	"https://news.example/a": {
		File:    "a.html",
		Title:   "Title " + "A",
		Date:    "2020-01-02",
		Authors: []string{"Jane Doe", ` + "`John Roe`" + `},
		With:    []string{"alpha beta", "gamma"},
		Without: []string{"Impressum"},
	},
	"https://www.bench.example/b": {
		File:    "b.html",
		With:    []string{"delta"},
		Without: []string{"menu"},
	},
	"https://blog.example/c": {
		File:    "c.html",
		With:    []string{"epsilon"},
		Without: []string{"footer"},
	},
	"https://gone.example/d": {
		File: "missing.html",
		With: []string{"x"},
	},
}
`

// fakeHtmldateData are data-mediacloud.go and data-default.go in the
// shape of go-htmldate's.
const (
	fakeMediacloud = `package main

var mediacloudData = []comparisonEntry{
	{
		URL:       "https://zaxid.example/news?id=1",
		File:      "1.html",
		Date:      "2020-06-07",
		Fast:      "2020-06-07",
		Extensive: "2020-06-07",
	},
}
`
	fakeDefault = `package main

var defaultComparisonData = []comparisonEntry{
	{
		URL:  "https://news.example/e",
		File: "e.html",
		Date: "2019-03-04",
	}, {
		URL:  "https://news.example/nodate",
		File: "n.html",
		Date: "",
	},
}
`
)

// fakeData lays out fake go-trafilatura and go-htmldate module dirs and a
// benchmark dir whose only host is bench.example, and returns the three.
func fakeData(tb testing.TB) (tdir, hdir, bdir string) {
	tb.Helper()
	root := tb.TempDir()
	tdir, hdir, bdir = filepath.Join(root, "traf"), filepath.Join(root, "hd"), filepath.Join(root, "bench")
	mustWriteFile(tb, tdir, "scripts/comparison/data.go", fakeTrafilaturaData)
	mustWriteFile(tb, tdir, "test-files/comparison/a.html", `<html><head><title>Title A | News</title></head><body><p>alpha beta gamma</p><p>Impressum</p></body></html>`)
	mustWriteFile(tb, tdir, "test-files/comparison/b.html", `<p>delta</p>`)
	mustWriteFile(tb, tdir, "test-files/mock/c.html", `<p>epsilon</p>`)
	mustWriteFile(tb, hdir, "scripts/comparison/data-mediacloud.go", fakeMediacloud)
	mustWriteFile(tb, hdir, "scripts/comparison/data-default.go", fakeDefault)
	mustWriteFile(tb, hdir, "test-files/mediacloud/1.html", `<p>2020-06-07</p>`)
	mustWriteFile(tb, hdir, "test-files/comparison/e.html", `<p>2019-03-04</p>`)
	mustWriteFile(tb, hdir, "test-files/mock/n.html", `<p>no date</p>`)
	mustWriteFile(tb, bdir, "ground-truth.json", `{"1": {"url": "https://bench.example/x", "articleBody": "x"}, "2": {"url": ":bad"}}`)
	return tdir, hdir, bdir
}

func TestLoadTrafilaturaSet(t *testing.T) {
	tdir, _, _ := fakeData(t)
	pages, missing, err := loadTrafilaturaSet(tdir)
	if err != nil {
		t.Fatal(err)
	}
	if missing != 1 {
		t.Errorf("missing = %d, want 1", missing)
	}
	var urls []string
	for _, p := range pages {
		urls = append(urls, p.URL)
	}
	if want := []string{"https://blog.example/c", "https://news.example/a", "https://www.bench.example/b"}; !reflect.DeepEqual(urls, want) {
		t.Fatalf("urls = %q, want %q", urls, want)
	}
	a := pages[1]
	want := page{
		Set: setTrafilatura, URL: "https://news.example/a", File: "a.html",
		Path: filepath.Join(tdir, "test-files", "comparison", "a.html"),
		With: []string{"alpha beta", "gamma"}, Without: []string{"Impressum"},
		Title: "Title A", Date: "2020-01-02", HasDate: true, Authors: []string{"Jane Doe", "John Roe"},
	}
	a.HTML = nil
	if !reflect.DeepEqual(*a, want) {
		t.Errorf("entry a = %+v, want %+v", *a, want)
	}
	if c := pages[0]; c.Path != filepath.Join(tdir, "test-files", "mock", "c.html") || c.HasDate || string(c.HTML) != "<p>epsilon</p>" {
		t.Errorf("entry c = %+v: want it read from mock/, without a date", c)
	}
}

func TestLoadHtmldateSet(t *testing.T) {
	_, hdir, _ := fakeData(t)
	pages, missing, err := loadHtmldateSet(hdir)
	if err != nil {
		t.Fatal(err)
	}
	if missing != 0 || len(pages) != 3 {
		t.Fatalf("got %d pages, %d missing; want 3, 0", len(pages), missing)
	}
	got := [][3]string{}
	for _, p := range pages {
		if !p.HasDate || p.Set != setHtmldate {
			t.Errorf("%s: HasDate %v set %q, want true, htmldate", p.File, p.HasDate, p.Set)
		}
		got = append(got, [3]string{p.URL, p.Date, filepath.Base(filepath.Dir(p.Path))})
	}
	want := [][3]string{
		{"https://zaxid.example/news?id=1", "2020-06-07", "mediacloud"},
		{"https://news.example/e", "2019-03-04", "comparison"},
		{"https://news.example/nodate", "", "mock"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pages = %q, want %q", got, want)
	}
}

func TestBenchHosts(t *testing.T) {
	_, _, bdir := fakeData(t)
	hosts, err := benchHosts(bdir)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]bool{"bench.example": true}; !reflect.DeepEqual(hosts, want) {
		t.Errorf("hosts = %v, want %v", hosts, want)
	}
	if _, err := benchHosts(t.TempDir()); err == nil {
		t.Error("benchHosts on an empty dir: no error")
	}
}

func TestSiteHost(t *testing.T) {
	tests := map[string]string{
		"https://WWW.Example.COM/a?b": "example.com",
		"http://news.example:8080/":   "news.example",
		"not a url":                   "",
		"%zz":                         "",
	}
	for in, want := range tests {
		if got := siteHost(in); got != want {
			t.Errorf("siteHost(%q) = %q, want %q", in, got, want)
		}
	}
}
