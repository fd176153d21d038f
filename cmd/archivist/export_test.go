package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/parquet-go/parquet-go"
)

// TestExportFormatsAgree: the three formats of one export hold the same
// rows, each file gets a manifest that describes it, and verify-export
// accepts each.
func TestExportFormatsAgree(t *testing.T) {
	a := mustArchive(t, 5)
	out := map[string]string{}
	for _, f := range corpus.ExportFormats {
		out[f] = filepath.Join(a.dir, "x."+f)
		mustRun(t, "export", "--db", a.db, "--format", f, "--out", out[f], "--site", "news.example")
	}
	var urls []string
	for _, line := range strings.Split(strings.TrimSpace(readFile(t, out["jsonl"])), "\n") {
		var m struct{ URL string }
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		urls = append(urls, m.URL)
	}
	recs, err := csv.NewReader(strings.NewReader(readFile(t, out["csv"]))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var csvURLs []string
	for _, r := range recs[1:] {
		csvURLs = append(csvURLs, r[slices.Index(recs[0], "url")])
	}
	data := []byte(readFile(t, out["parquet"]))
	rows, err := parquet.Read[struct {
		URL string `parquet:"url"`
	}](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var pqURLs []string
	for _, r := range rows {
		pqURLs = append(pqURLs, r.URL)
	}
	if len(urls) != 5 || !slices.Equal(urls, csvURLs) || !slices.Equal(urls, pqURLs) {
		t.Errorf("rows differ:\njsonl   %v\ncsv     %v\nparquet %v", urls, csvURLs, pqURLs)
	}
	db, err := corpus.OpenReadOnly(t.Context(), a.db)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := db.ID(t.Context())
	db.Close()
	for f, path := range out {
		m, err := corpus.ReadManifest(corpus.ManifestPath(path))
		if err != nil {
			t.Fatal(err)
		}
		if m.File != filepath.Base(path) || m.Format != f || m.Articles != 5 || m.CorpusID != id || len(m.SHA256) != 64 ||
			m.ArchivistVersion != version || m.Filters["site"] != "news.example" || len(m.Fields) != len(corpus.ExportFields) ||
			len(m.Sites) != 1 || m.Sites[0] != (corpus.ManifestSite{Site: "news.example", Articles: 5}) || m.Undated != 5 ||
			m.ExportedAt.IsZero() {
			t.Errorf("%s manifest: %+v", f, m)
		}
		if got := mustRun(t, "verify-export", path); !strings.HasPrefix(got, path+": ok: 5 articles") {
			t.Errorf("verify-export %s: %q", f, got)
		}
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestVerifyExportMismatch(t *testing.T) {
	a := mustArchive(t, 3)
	out := filepath.Join(a.dir, "x.jsonl")
	mustRun(t, "export", "--db", a.db, "--out", out, "--query", "climate")
	m, err := corpus.ReadManifest(corpus.ManifestPath(out))
	if err != nil || m.Query != "climate" || m.Articles != 3 {
		t.Fatalf("manifest %+v, %v", m, err)
	}
	lines := strings.SplitAfter(readFile(t, out), "\n")
	for _, tc := range []struct {
		name, content, want string
		code                int
	}{
		{"changed byte", strings.Replace(readFile(t, out), "Climate", "climate", 1), "sha256 is", 1},
		{"row dropped", strings.Join(lines[1:], ""), "sha256 is", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(out, []byte(tc.content), 0o644)
			code, stdout, errOut := runCLI(t, "verify-export", out)
			if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, errOut)
			}
		})
	}
	// A manifest edited to claim another count (hash kept) is caught by
	// the row count.
	os.WriteFile(out, []byte(strings.Join(lines, "")), 0o644)
	m.Articles = 4
	if err := corpus.WriteManifest(out, m); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "verify-export", out)
	if code != 1 || !strings.Contains(errOut, "holds 3 rows, the manifest says 4") {
		t.Errorf("row count: exit %d, %q", code, errOut)
	}
	noManifest := filepath.Join(a.dir, "plain.jsonl")
	os.WriteFile(noManifest, []byte("{}\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"verify-export", noManifest}, 1, "no " + noManifest + ".manifest.json"},
		{[]string{"verify-export", filepath.Join(a.dir, "missing.jsonl")}, 2, "no file"},
		{[]string{"verify-export"}, 2, "want one FILE"},
		{[]string{"verify-export", "--manifest", corpus.ManifestPath(out), noManifest}, 1, "does not match"},
		{[]string{"verify-export", "--manifest", filepath.Join(a.dir, "none.json"), out}, 2, "no manifest"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errOut)
		}
	}
}

func TestExportFieldsAndStdout(t *testing.T) {
	a := mustArchive(t, 2)
	out := mustRun(t, "export", "--db", a.db, "--fields", "title, url", "--out", "-", "--format", "csv")
	if !strings.HasPrefix(out, "title,url\nClimate story 0,https://news.example/000\n") {
		t.Errorf("csv --fields: %q", out)
	}
	if _, err := os.Stat(filepath.Join(a.dir, "-")); err == nil {
		t.Error("--out - wrote a file named -")
	}
	code, _, errOut := runCLI(t, "export", "--db", a.db, "--fields", "title,bodytext")
	if code != 2 || !strings.Contains(errOut, `"bodytext"`) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("unknown field: exit %d, %q", code, errOut)
	}
	path := filepath.Join(a.dir, "t.parquet")
	mustRun(t, "export", "--db", a.db, "--format", "parquet", "--fields", "url,published", "--out", path)
	data := []byte(readFile(t, path))
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, c := range f.Schema().Fields() {
		cols = append(cols, c.Name())
	}
	if !slices.Equal(cols, []string{"url", "published", "published_utc_offset"}) || f.NumRows() != 2 {
		t.Errorf("parquet --fields: %v, %d rows", cols, f.NumRows())
	}
	m, _ := corpus.ReadManifest(corpus.ManifestPath(path))
	if m == nil || !slices.Equal(m.Fields, []string{"url", "published"}) {
		t.Errorf("manifest fields: %+v", m)
	}
}

// TestExportFailureLeavesNoManifest: an export that fails writes neither
// the file nor a manifest, and one left from an earlier export stays with
// its own file.
func TestExportFailureLeavesNoManifest(t *testing.T) {
	a := mustArchive(t, 2)
	out := filepath.Join(a.dir, "x.jsonl")
	mustRun(t, "export", "--db", a.db, "--out", out)
	before := readFile(t, corpus.ManifestPath(out))
	mustSQL(t, a.db, "UPDATE articles SET title = 'changed' WHERE id = 2")
	if code, _, _ := runCLI(t, "export", "--db", a.db, "--out", out); code != 1 {
		t.Fatalf("export of a damaged row: exit %d", code)
	}
	if readFile(t, corpus.ManifestPath(out)) != before {
		t.Error("the manifest changed after a failed export")
	}
	mustRun(t, "verify-export", out)
	fresh := filepath.Join(a.dir, "fresh.jsonl")
	runCLI(t, "export", "--db", a.db, "--out", fresh)
	if _, err := os.Stat(corpus.ManifestPath(fresh)); err == nil {
		t.Error("a failed export wrote a manifest")
	}
}

func TestExportProgressOnTerminalOnly(t *testing.T) {
	a := mustArchive(t, 3)
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, stderrIsTerminal: true}
	e.global.DB = a.db
	if err := e.setup(); err != nil {
		t.Fatal(err)
	}
	bar := newExportProgress(t.Context(), e, nil, corpus.ArticleFilter{IDs: []int64{1, 2, 3}}, &countingWriter{w: &stdout}, false)
	bar.tick(1)
	if stderr.Len() != 0 {
		t.Errorf("drawn at once: %q", stderr.String())
	}
	bar.drawn = time.Time{}
	bar.tick(1)
	bar.finish()
	if got := stderr.String(); !strings.Contains(got, "[======") || !strings.Contains(got, "1/3 articles") ||
		!strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("bar: %q", got)
	}
	stderr.Reset()
	e.stderrIsTerminal = false
	if err := runExport(t.Context(), e, exportOptions{Format: "jsonl"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stderr.String(), "\r") || strings.Count(stdout.String(), "\n") != 3 {
		t.Errorf("no terminal: stderr %q, %d lines", stderr.String(), strings.Count(stdout.String(), "\n"))
	}
}

// TestExportManifestFilters checks that the manifest's filters are the
// flags that select articles: not -q, not where the corpus is (a --store
// URL may hold a password), not where the CDX goes.
func TestExportManifestFilters(t *testing.T) {
	a := mustArchive(t, 2)
	out := filepath.Join(a.dir, "x.jsonl")
	mustRun(t, "export", "--db", a.db, "-q", "--site", "news.example", "--out", out)
	m, err := corpus.ReadManifest(corpus.ManifestPath(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Filters) != 1 || m.Filters["site"] != "news.example" {
		t.Errorf("export -q --site news.example: manifest filters %v, want only site", m.Filters)
	}
	db, err := corpus.OpenReadOnly(t.Context(), a.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := &exportRun{opts: exportOptions{Out: out, given: map[string]string{
		"store": "postgres://me:secret@db.example/archive", "q": "true", "cdx": "x.cdxj", "warc-size": "1000", "lang": "en",
	}}, format: exportFormats[0], sum: &exportSummary{}}
	m, err = r.manifest(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Filters) != 1 || m.Filters["lang"] != "en" {
		t.Errorf("manifest filters %v, want only lang", m.Filters)
	}
}

// TestVerifyExportDamagedManifest gives verify-export manifests that are
// not the file's: each gets one line on stderr naming what is wrong.
func TestVerifyExportDamagedManifest(t *testing.T) {
	a := mustArchive(t, 2)
	out := filepath.Join(a.dir, "x.jsonl")
	other := filepath.Join(a.dir, "y.csv")
	mustRun(t, "export", "--db", a.db, "-q", "--out", out)
	mustRun(t, "export", "--db", a.db, "-q", "--format", "csv", "--out", other)
	whole := readFile(t, corpus.ManifestPath(out))
	truncated := filepath.Join(a.dir, "truncated.json")
	os.WriteFile(truncated, []byte(whole[:len(whole)/2]), 0o644)
	for _, tc := range []struct {
		name, manifest, want string
		code                 int
	}{
		{"missing", filepath.Join(a.dir, "none.json"), "no manifest", 2},
		{"folder", a.dir, "is a folder; name a manifest file", 2},
		{"truncated", truncated, "not a manifest", 1},
		{"another file's", corpus.ManifestPath(other), "the manifest is that of y.csv", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, errOut := runCLI(t, "verify-export", "--manifest", tc.manifest, out)
			if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout, errOut, tc.code, tc.want)
			}
		})
	}
}
