package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// batchPage returns a small article page titled title, with paras
// paragraphs.
func batchPage(title string, paras int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html lang=\"en\"><head><title>%s</title></head><body><article><h1>%s</h1>", title, title)
	for i := range paras {
		fmt.Fprintf(&b, "<p>Paragraph %d of %s: the council met on Tuesday to discuss the new harbour wall, and residents asked how it would be paid for.</p>", i, title)
	}
	b.WriteString("</article></body></html>")
	return []byte(b.String())
}

// gz compresses b.
func gz(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// writeFiles writes files (path relative to dir -> content) under dir.
func writeFiles(tb testing.TB, dir string, files map[string][]byte) {
	tb.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// batchLine is what the tests read of a line of `extract --urls --json`.
type batchLine struct {
	Path   string `json:"path"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Error  string `json:"error"`
}

// want is the expected line for one page: its path and a title or an
// error substring.
type want struct{ path, title, err string }

func TestExtractBatch(t *testing.T) {
	dir := t.TempDir()
	pages := map[string][]byte{
		"pages/a.html":           batchPage("Alpha", 3),
		"pages/b.html.gz":        gz(t, batchPage("Bravo", 3)),
		"pages/c.gz":             gz(t, batchPage("Charlie", 3)),
		"pages/d.html":           gz(t, batchPage("Delta", 3)), // gzip data under an .html name
		"pages/e.html":           batchPage("Echo", 3),
		"pages/binary.bin":       append([]byte{0, 1, 2, 3, 0, 0, 0xff}, bytes.Repeat([]byte{0}, 500)...),
		"pages/bomb.html.gz":     gz(t, bytes.Repeat([]byte("<p>x</p>"), (16<<20)/8+1)),
		"pages/sub/f.html":       batchPage("Foxtrot", 3),
		"pages/truncated.gz":     gz(t, batchPage("Golf", 3))[:40],
		"lists/pages.tsv":        []byte("# the pages\n\n../pages/a.html\thttps://news.test/a\n../pages/b.html.gz\thttps://news.test/b\r\n  # indented comment\n../pages/c.gz\thttps://news.test/c\n../pages/d.html\thttps://news.test/d\n"),
		"pages/list.json":        []byte(`{"e.html": "https://news.test/e", "a.html": "https://news.test/a", "sub/f.html": "https://news.test/f"}`),
		"pages/failing.tsv":      []byte("a.html\thttps://news.test/a\nnope.html\thttps://news.test/nope\nbinary.bin\thttps://news.test/bin\nbomb.html.gz\thttps://news.test/bomb\ntruncated.gz\thttps://news.test/g\nsub\thttps://news.test/sub\ne.html\thttps://news.test/e\n"),
		"pages/bad-line.tsv":     []byte("a.html\thttps://news.test/a\n# ok\nb.html.gz https://news.test/b\n"),
		"pages/bad-url.tsv":      []byte("a.html\tnews.test/a\n"),
		"pages/three-fields.tsv": []byte("a.html\thttps://news.test/a\textra\n"),
		"pages/long-line.tsv":    []byte("a.html " + strings.Repeat("x", 5000) + "\n"),
		"pages/bad.json":         []byte("{\n  \"a.html\": \"https://news.test/a\",\n  \"b.html.gz\" \"https://news.test/b\"\n}\n"),
		"pages/not-string.json":  []byte("{\n  \"a.html\": \"https://news.test/a\",\n  \"b.html.gz\": [\"https://news.test/b\"]\n}\n"),
		"pages/open.json":        []byte("{\n  \"a.html\": \"https://news.test/a\",\n"),
		"pages/trailing.json":    []byte("{\"a.html\": \"https://news.test/a\"}\n{}\n"),
		"pages/empty.tsv":        []byte("# nothing yet\n\n"),
	}
	writeFiles(t, dir, pages)
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		args   []string
		code   int
		want   []want // lines of --json output, in order
		stderr string // substring of stderr
	}{
		{"tsv, comments, gzip by magic bytes, paths relative to the list", []string{"--urls", p("lists/pages.tsv")}, 0,
			[]want{{"../pages/a.html", "Alpha", ""}, {"../pages/b.html.gz", "Bravo", ""}, {"../pages/c.gz", "Charlie", ""}, {"../pages/d.html", "Delta", ""}}, ""},
		{"json map keeps file order", []string{"--urls", p("pages/list.json"), "--parallel", "3"}, 0,
			[]want{{"e.html", "Echo", ""}, {"a.html", "Alpha", ""}, {"sub/f.html", "Foxtrot", ""}}, ""},
		{"failing pages get error lines and the batch goes on", []string{"--urls", p("pages/failing.tsv"), "--parallel", "2"}, 1,
			[]want{{"a.html", "Alpha", ""}, {"nope.html", "", "no such file"}, {"binary.bin", "", "not html"}, {"bomb.html.gz", "", "too large"},
				{"truncated.gz", "", "unexpected EOF"}, {"sub", "", "is a directory"}, {"e.html", "Echo", ""}}, "5 of 7 pages failed"},
		{"malformed line", []string{"--urls", p("pages/bad-line.tsv")}, 2, nil, `bad-line.tsv:3: want path<TAB>url, got 1 tab-separated fields: "b.html.gz https://news.test/b"`},
		{"relative URL", []string{"--urls", p("pages/bad-url.tsv")}, 2, nil, `bad-url.tsv:1: bad URL "news.test/a"`},
		{"three fields", []string{"--urls", p("pages/three-fields.tsv")}, 2, nil, "three-fields.tsv:1: want path<TAB>url, got 3"},
		{"long bad line is quoted in part", []string{"--urls", p("pages/long-line.tsv")}, 2, nil, `"a.html ` + strings.Repeat("x", 193) + `..."`},
		{"bad json", []string{"--urls", p("pages/bad.json")}, 2, nil, `bad.json:3: bad JSON: invalid character '"' after object key`},
		{"json value not a string", []string{"--urls", p("pages/not-string.json")}, 2, nil, `not-string.json:3: the value of "b.html.gz" is not a URL string`},
		{"json cut short", []string{"--urls", p("pages/open.json")}, 2, nil, "open.json:2: bad JSON: unexpected end of file"},
		{"json data after the object", []string{"--urls", p("pages/trailing.json")}, 2, nil, "trailing.json:2: bad JSON"},
		{"empty list", []string{"--urls", p("pages/empty.tsv")}, 2, nil, "lists no pages"},
		{"missing list", []string{"--urls", p("nope.tsv")}, 2, nil, "--urls " + p("nope.tsv") + ": no such file"},
		{"list is a directory", []string{"--urls", p("pages")}, 2, nil, "is a directory"},
		{"list and files", []string{"--urls", p("lists/pages.tsv"), p("pages/a.html")}, 2, nil, "unexpected argument"},
		{"list and --url", []string{"--urls", p("lists/pages.tsv"), "--url", "https://news.test/"}, 2, nil, "--url applies to one input"},
		{"parallel zero", []string{"--urls", p("lists/pages.tsv"), "--parallel", "0"}, 2, nil, "--parallel 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"extract", "--json"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.stderr)
			}
			if tt.code == 2 {
				if out != "" || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || len(errOut) > 400 {
					t.Errorf("usage error: want one short line on stderr and no output, got stdout %q stderr %q", out, errOut)
				}
				return
			}
			checkBatchLines(t, out, tt.want)
		})
	}
}

// checkBatchLines checks the JSON lines of out against want, in order.
func checkBatchLines(t testing.TB, out string, want []want) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, l := range lines {
		var got batchLine
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, l)
		}
		w := want[i]
		if got.Path != w.path || got.URL == "" || got.Title != w.title || !strings.Contains(got.Error, w.err) || (w.err == "") != (got.Error == "") {
			t.Errorf("line %d: path %q url %q title %q error %q; want path %q title %q error ~%q", i+1, got.Path, got.URL, got.Title, got.Error, w.path, w.title, w.err)
		}
		if w.err == "" && !filepath.IsAbs(got.Source) {
			t.Errorf("line %d: source %q is not the path of the file read", i+1, got.Source)
		}
	}
}

// TestExtractBatchOrder runs many pages of uneven sizes through 4 workers
// and checks that the output follows the list.
func TestExtractBatchOrder(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{}
	var list strings.Builder
	var wants []want
	for i := range 120 {
		name := fmt.Sprintf("p%03d.html", i)
		title := fmt.Sprintf("Story number %d", i)
		paras := 2
		if i%7 == 0 {
			paras = 150 // a slow page among fast ones
		}
		body := batchPage(title, paras)
		if i%3 == 0 {
			name += ".gz"
			body = gz(t, body)
		}
		files[name] = body
		fmt.Fprintf(&list, "%s\thttps://news.test/%d\n", name, i)
		wants = append(wants, want{path: name, title: title})
	}
	files["list.tsv"] = []byte(list.String())
	writeFiles(t, dir, files)
	out := mustRun(t, "extract", "--json", "--parallel", "4", "--urls", filepath.Join(dir, "list.tsv"))
	checkBatchLines(t, out, wants)
}

// TestExtractBatchText checks the human output: one block per page, in
// order, errors on stderr.
func TestExtractBatchText(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"a.html":    batchPage("Alpha", 1),
		"b.html.gz": gz(t, batchPage("Bravo", 1)),
		"list.tsv":  []byte("nope.html\thttps://news.test/x\na.html\thttps://news.test/a\nb.html.gz\thttps://news.test/b\n"),
	})
	code, out, errOut := runCLI(t, "extract", "--urls", filepath.Join(dir, "list.tsv"))
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, errOut)
	}
	wantOut := "==> a.html <==\nAlpha\n\nParagraph 0 of Alpha: the council met on Tuesday to discuss the new harbour wall, and residents asked how it would be paid for.\n" +
		"\n==> b.html.gz <==\nBravo\n\nParagraph 0 of Bravo: the council met on Tuesday to discuss the new harbour wall, and residents asked how it would be paid for.\n"
	if out != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, wantOut)
	}
	for _, s := range []string{"archivist: extract nope.html: no such file\n", "archivist: extract: 1 of 3 pages failed\n"} {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr %q lacks %q", errOut, s)
		}
	}
}

// TestScanListLongJSON checks that line numbers stay right deep into a
// long JSON list, past the window of line offsets the scanner keeps.
func TestScanListLongJSON(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "  \"p%d.html\": \"https://news.test/%d\",\n", i, i)
	}
	b.WriteString("  \"last.html\": 7\n}\n")
	path := filepath.Join(t.TempDir(), "long.json")
	writeFiles(t, filepath.Dir(path), map[string][]byte{"long.json": []byte(b.String())})
	code, _, errOut := runCLI(t, "extract", "--urls", path)
	if code != 2 || !strings.Contains(errOut, "long.json:20002: ") {
		t.Errorf("exit %d, stderr %q; want exit 2 naming line 20002", code, errOut)
	}
}

// TestExtractBatchCancelled checks that an interrupted batch reports the
// interruption, not success.
func TestExtractBatchCancelled(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"a.html":   batchPage("Alpha", 1),
		"list.tsv": []byte("a.html\thttps://news.test/a\n"),
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	err := runExtract(ctx, e, extractOptions{URLs: filepath.Join(dir, "list.tsv"), Parallel: 2}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestExtractReadsGzipFile checks that one saved .html.gz page is read
// directly, as in a --urls list.
func TestExtractReadsGzipFile(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(`<html lang="en"><body><article><h1>Gz</h1><p>` + strings.Repeat("A saved page, compressed on disk, is read as it is. ", 20) + `</p></article></body></html>`))
	zw.Close()
	path := filepath.Join(t.TempDir(), "page.html.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "extract", "--url", "https://example.org/a", path)
	if !strings.Contains(out, "compressed on disk") {
		t.Errorf("extract of a .html.gz: %q", out)
	}
}

// TestExtractBatchPanic checks that a bug on one page of a batch fails that
// page with one line, and the other pages are still written.
func TestExtractBatchPanic(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"a.html":   batchPage("Alpha", 1),
		"b.html":   batchPage("Bravo", 1),
		"list.tsv": []byte("a.html\thttps://news.test/a\nb.html\thttps://news.test/b\n"),
	})
	extractHook = func(en listEntry) {
		if en.Path == "a.html" {
			panic("boom")
		}
	}
	defer func() { extractHook = nil }()
	code, out, errOut := runCLI(t, "extract", "--parallel", "2", "--urls", filepath.Join(dir, "list.tsv"))
	if code != 1 || !strings.Contains(out, "==> b.html <==") || strings.Contains(out, "Alpha") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "extract a.html: internal error") || strings.Contains(errOut, "goroutine ") {
		t.Errorf("stderr %q", errOut)
	}
}
