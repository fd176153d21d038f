package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// runCLI runs archivist with args and returns its exit code and output.
func runCLI(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func mustRun(t testing.TB, args ...string) string {
	t.Helper()
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("archivist %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// searchJSON is the contract of `search --json`.
type searchJSON struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		URL       string     `json:"url"`
		Title     string     `json:"title"`
		Published *time.Time `json:"published"`
		Site      string     `json:"site"`
		Authors   []string   `json:"authors"`
		Score     float64    `json:"score"`
		Snippet   string     `json:"snippet"`
	} `json:"hits"`
}

// TestEndToEnd crawls the fake news site (faults and traps included)
// through the CLI, then searches and exports it and checks the results
// field by field against the site's ground truth.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a few hundred pages")
	}
	srv := scrapertest.NewServer(t, scrapertest.WithSlowDelay(500*time.Millisecond))
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	seeds := filepath.Join(dir, "seeds.txt")
	os.WriteFile(seeds, []byte("# the fake site\n\n"+srv.URL+"/\n"), 0o644)

	crawlArgs := []string{"crawl", "--db", db, "--seeds", seeds, "--delay", "0s", "--per-host", "4",
		"--timeout", "2s", "--retries", "2", "-q"}
	out := mustRun(t, crawlArgs...)
	if !strings.Contains(out, "crawl finished:") {
		t.Errorf("no summary: %q", out)
	}

	expected := srv.Articles()
	if got := srv.DisallowedRequests(); len(got) > 0 {
		t.Errorf("fetched robots-disallowed paths: %v", got)
	}

	ctx := context.Background()
	cdb, err := corpus.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer cdb.Close()
	if err := cdb.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	byURL := map[string]*corpus.Article{}
	cdb.Articles(ctx, corpus.ArticleFilter{}, func(a *corpus.Article) error {
		key := a.CanonicalURL
		if key == "" {
			key = a.URL
		}
		if byURL[key] != nil {
			t.Errorf("article captured twice: %s (ids %d, %d)", key, byURL[key].ID, a.ID)
		}
		byURL[key] = a
		return nil
	})
	if len(byURL) != len(expected) {
		t.Errorf("articles: got %d, want %d", len(byURL), len(expected))
	}
	for _, want := range expected {
		got := byURL[want.URL]
		if got == nil {
			t.Errorf("article not captured: %s (only=%q fault=%q charset=%s)", want.URL, want.Only, want.Fault, want.Charset)
			continue
		}
		if got.Title != want.Title {
			t.Errorf("%s: title %q, want %q", want.URL, got.Title, want.Title)
		}
		if !slices.Equal(got.Authors, want.Authors) {
			t.Errorf("%s: authors %q, want %q", want.URL, got.Authors, want.Authors)
		}
		if got.Published == nil || !got.Published.Equal(want.Published) {
			t.Errorf("%s: published %v, want %v", want.URL, got.Published, want.Published)
		}
		if got.Language != want.Language {
			t.Errorf("%s: language %q, want %q", want.URL, got.Language, want.Language)
		}
		if got.Text != want.Text {
			t.Errorf("%s (%s): text differs\n got: %q\nwant: %q", want.URL, want.Charset, got.Text, want.Text)
		}
		if got.Site != strings.ToLower(strings.Split(strings.TrimPrefix(srv.URL, "http://"), ":")[0]) {
			t.Errorf("%s: site %q", want.URL, got.Site)
		}
		if got.CaptureID == 0 || len(got.ContentSHA256) != 64 || got.WordCount == 0 {
			t.Errorf("%s: capture %d, sha %q, words %d", want.URL, got.CaptureID, got.ContentSHA256, got.WordCount)
		}
	}
	st, err := cdb.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Errors == 0 {
		t.Error("the fault pages left no error captures")
	}

	// Search: a phrase from an article finds it in the top 3.
	for i, want := range expected {
		if i%7 != 0 && want.Charset == "utf-8" { // every 7th, and every legacy-charset page
			continue
		}
		var res searchJSON
		out := mustRun(t, "search", "--db", db, "--json", "--limit", "3", `"`+want.Phrase+`"`)
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("search --json: %v\n%s", err, out)
		}
		found := false
		for _, h := range res.Hits {
			found = found || h.URL == want.URL
		}
		if !found {
			t.Errorf("phrase %q (%s) not in the top 3: %+v", want.Phrase, want.URL, res.Hits)
		}
	}
	var res searchJSON
	out = mustRun(t, "search", "--db", db, "--json", "--sort", "-date", "--limit", "5", "--lang", "en", "*")
	json.Unmarshal([]byte(out), &res)
	if len(res.Hits) != 5 || res.Total == 0 {
		t.Fatalf("match-all search: %s", out)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Published.After(*res.Hits[i-1].Published) {
			t.Errorf("--sort -date out of order at %d", i)
		}
	}
	text := mustRun(t, "search", "--db", db, "--limit", "1", `"`+expected[0].Phrase+`"`)
	if !strings.Contains(text, expected[0].URL) || !strings.Contains(text, "1 hit") {
		t.Errorf("text search output:\n%s", text)
	}
	text = mustRun(t, "search", "--db", db, "--limit", "1", "--facets", "*")
	if !strings.Contains(text, "\ntype:     article (") || !strings.Contains(text, "\nsite:") {
		t.Errorf("text search --facets output:\n%s", text)
	}

	// Export: JSONL and CSV parse with standard readers and hold every article.
	jsonl := filepath.Join(dir, "out.jsonl")
	mustRun(t, "export", "--db", db, "--format", "jsonl", "--out", jsonl)
	data, _ := os.ReadFile(jsonl)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != len(expected) {
		t.Errorf("jsonl lines: %d, want %d", len(lines), len(expected))
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("jsonl: %v", err)
		}
		for _, k := range corpus.CSVColumns {
			if _, ok := m[k]; !ok {
				t.Fatalf("jsonl object lacks %q", k)
			}
		}
	}
	csvOut := mustRun(t, "export", "--db", db, "--format", "csv", "--lang", "ar")
	recs, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if len(recs) < 2 || !slices.Equal(recs[0], corpus.CSVColumns) {
		t.Fatalf("csv: %d records, header %v", len(recs), recs[0])
	}
	lang, title := slices.Index(recs[0], "language"), slices.Index(recs[0], "title")
	for _, r := range recs[1:] {
		if r[lang] != "ar" || !strings.ContainsAny(r[title], "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") {
			t.Errorf("arabic export row: lang %q title %q", r[lang], r[title])
		}
	}
	q := mustRun(t, "export", "--db", db, "--format", "jsonl", "--query", `"`+expected[3].Phrase+`"`)
	if n := strings.Count(q, "\n"); n != 1 || !strings.Contains(q, expected[3].URL) {
		t.Errorf("export --query: %d lines\n%.300s", n, q)
	}

	// Stats text and JSON.
	var sj corpus.Stats
	if err := json.Unmarshal([]byte(mustRun(t, "stats", "--db", db, "--json")), &sj); err != nil {
		t.Fatal(err)
	}
	if sj.Articles != int64(len(expected)) || sj.Frontier == nil {
		t.Fatalf("stats: %+v", sj)
	}
	// The crawl ends only when every retry has run: nothing left queued.
	if f := sj.Frontier; f.Queued != 0 || f.InFlight != 0 || f.Failed == 0 {
		t.Errorf("frontier after the crawl: %+v", *f)
	}

	// A damaged index asks for a rebuild, and --rebuild repairs it.
	ixPath := filepath.Join(dir, "archive.bleve")
	if err := os.WriteFile(filepath.Join(ixPath, "index_meta.json"), []byte("{garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "search", "--db", db, "x"); code != 1 || !strings.Contains(errOut, "--rebuild") {
		t.Errorf("search on a damaged index: exit %d, %q", code, errOut)
	}
	if out := mustRun(t, "index", "--db", db, "--rebuild"); !strings.Contains(out, fmt.Sprintf("holds %d", len(expected))) {
		t.Errorf("index --rebuild: %q", out)
	}
	if n := strings.Count(mustRun(t, "search", "--db", db, "--limit", "1", `"`+expected[5].Phrase+`"`), expected[5].URL); n != 1 {
		t.Errorf("search after rebuild did not find %s", expected[5].URL)
	}

	// Running the same crawl again fetches nothing already captured.
	before := len(srv.Requests())
	mustRun(t, crawlArgs...)
	for _, r := range srv.Requests()[before:] {
		if strings.HasPrefix(r.Path, "/20") && r.Status == 200 {
			t.Errorf("second crawl fetched an article again: %s", r.Path)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	badSeeds := filepath.Join(dir, "seeds.txt")
	os.WriteFile(badSeeds, []byte("http://ok.test/\n# comment\nnot a url\n"), 0o644)
	page := filepath.Join(dir, "page.html")
	os.WriteFile(page, []byte("<html><head><title>T</title></head><body><p>x</p></body></html>"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"no command", nil, 2, "no command"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"bad flag", []string{"crawl", "--bogus"}, 2, "-bogus"},
		{"bad flag value", []string{"crawl", "--depth", "x", "http://a.test/"}, 2, "depth"},
		{"missing seeds file", []string{"crawl", "--db", db, "--seeds", filepath.Join(dir, "nope.txt")}, 2, "no such file"},
		{"bad seed line", []string{"crawl", "--db", db, "--seeds", badSeeds}, 2, "seeds.txt:3"},
		{"bad seed arg", []string{"crawl", "--db", db, "ftp://a.test/"}, 2, "bad seed"},
		{"bad regex", []string{"crawl", "--db", db, "--include", "(", "http://a.test/"}, 2, "--include"},
		{"bad since", []string{"crawl", "--db", db, "--since", "yesterday", "http://a.test/"}, 2, "--since"},
		{"no seeds", []string{"crawl", "--db", db}, 2, "no seed"},
		{"extract missing file", []string{"extract", filepath.Join(dir, "nope.html")}, 2, "no such file"},
		{"extract no args", []string{"extract"}, 2, "no input"},
		{"search no corpus", []string{"search", "--db", filepath.Join(dir, "none.db"), "x"}, 2, "no index"},
		{"search bad facet", []string{"search", "--db", db, "--facet", "colour"}, 2, `bad --facet "colour"`},
		{"search bad histogram", []string{"search", "--db", db, "--histogram", "hour"}, 2, `bad --histogram "hour"`},
		{"search csv without histogram", []string{"search", "--db", db, "--csv"}, 2, "--csv goes with --histogram"},
		{"search bad site", []string{"search", "--db", db, "--site", "http://", "x"}, 2, "--site"},
		{"search bad date", []string{"search", "--db", db, "--from", "2024-13-01", "x"}, 2, "bad date"},
		{"search bad sort", []string{"search", "--db", db, "--sort", "size", "x"}, 2, "--sort"},
		{"export bad format", []string{"export", "--db", db, "--format", "xml"}, 2, "--format"},
		{"export no corpus", []string{"export", "--db", filepath.Join(dir, "none.db")}, 2, "no corpus"},
		{"stats no corpus", []string{"stats", "--db", filepath.Join(dir, "none.db")}, 2, "no corpus"},
		{"help", []string{"help"}, 0, ""},
		{"help command", []string{"help", "crawl"}, 0, ""},
		{"dash h", []string{"search", "-h"}, 0, ""},
		{"help unknown", []string{"help", "nope"}, 2, "unknown command"},
		{"extract ok", []string{"extract", page}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr %q lacks %q", errOut, tt.want)
			}
			if tt.code == 2 && strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("usage error is not one line: %q", errOut)
			}
		})
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	out := mustRun(t, "help")
	for _, c := range commands() {
		if !strings.Contains(out, c.name) {
			t.Errorf("help lacks %s", c.name)
		}
		h := mustRun(t, "help", c.name)
		if !strings.Contains(h, "Usage: archivist "+c.name) && c.name != "version" {
			t.Errorf("help %s:\n%s", c.name, h)
		}
	}
}

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "story.html")
	html := `<!doctype html><html lang="en"><head><title>Harbour reopens after storm | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta property="article:published_time" content="2024-05-17T09:30:00+02:00">
<meta name="author" content="Jane Doe"></head><body><nav><a href="/">Home</a> <a href="/world/">World</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour at Port Ellis reopened on Friday, three days after the storm tore through the town and left the quays under water.</p>
<p>Fishermen returned to their boats at dawn, and the harbour master said most of the damage had already been repaired by volunteers.</p>
<p>The council will meet next week to decide how to pay for a new sea wall, which engineers have recommended for a decade.</p>
</article><footer>Copyright The Gazette</footer></body></html>`
	os.WriteFile(page, []byte(html), 0o644)
	out := mustRun(t, "extract", "--json", "--url", "https://gazette.test/2024/05/17/harbour.html", page)
	var rec map[string]any
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, k := range append(slices.Clone(corpus.CSVColumns), "source") {
		if k == "version" || k == "captured_at" {
			continue // versions are a corpus's: extract reads none
		}
		if _, ok := rec[k]; !ok {
			t.Errorf("extract --json lacks %q", k)
		}
	}
	if rec["title"] != "Harbour reopens after storm" || rec["source"] != page || rec["site"] != "gazette.test" ||
		rec["published"] != "2024-05-17T09:30:00+02:00" {
		t.Errorf("record: %v", rec)
	}
	plain := mustRun(t, "extract", page)
	if !strings.HasPrefix(plain, "Harbour reopens after storm\n\nThe harbour at Port Ellis") || strings.Contains(plain, "Copyright") {
		t.Errorf("plain output:\n%s", plain)
	}
	// Standard input.
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"extract", "-"}, strings.NewReader(html), &stdout, &stderr); code != 0 {
		t.Fatalf("stdin: exit %d %s", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "Harbour reopens") {
		t.Errorf("stdin output: %s", stdout.String())
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		end  bool
		want string
		bad  bool
	}{
		{"2024", false, "2024-01-01T00:00:00Z", false},
		{"2024", true, "2024-12-31T23:59:59.999999999Z", false},
		{"2024-05", true, "2024-05-31T23:59:59.999999999Z", false},
		{"2024-05-17", false, "2024-05-17T00:00:00Z", false},
		{"2024-05-17", true, "2024-05-17T23:59:59.999999999Z", false},
		{"2024-05-17T10:00:00+02:00", true, "2024-05-17T10:00:00+02:00", false},
		{"17/05/2024", false, "", true},
		{"2024-13", false, "", true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%v", tt.in, tt.end), func(t *testing.T) {
			got, err := parseDate(tt.in, tt.end)
			if (err != nil) != tt.bad {
				t.Fatalf("err %v", err)
			}
			if !tt.bad && got.Format(time.RFC3339Nano) != tt.want {
				t.Errorf("got %s, want %s", got.Format(time.RFC3339Nano), tt.want)
			}
		})
	}
}

func TestByteSizeFlag(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		str  string
		bad  bool
	}{
		{"10MiB", 10 << 20, "10MiB", false},
		{"10m", 10 << 20, "10MiB", false},
		{"500KB", 500000, "500000", false},
		{"1.5GiB", 3 << 29, "1536MiB", false},
		{"2048", 2048, "2KiB", false},
		{"0", 0, "", true},
		{"ten", 0, "", true},
	}
	for _, tt := range tests {
		var b byteSizeFlag
		err := b.Set(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("%s: err %v", tt.in, err)
			continue
		}
		if !tt.bad && (int64(b) != tt.want || b.String() != tt.str) {
			t.Errorf("%s: got %d %q, want %d %q", tt.in, int64(b), b.String(), tt.want, tt.str)
		}
	}
}

// TestCrawlKeepTypes checks that listing pages (section fronts and their
// numbered pages, tag and author pages with teaser paragraphs) are not
// stored as articles by default, and are stored with their page type
// under --keep-types. TestCrawlTeaserPages does the same on a site whose
// teasers are longer and whose listings vary their markup.
func TestCrawlKeepTypes(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the fake site")
	}
	srv := scrapertest.NewServer(t)
	articles := map[string]bool{}
	for _, a := range srv.Articles() {
		articles[a.URL] = true
	}
	for _, tc := range []struct {
		keep     string
		listings bool
	}{{"", false}, {"article,listing", true}} {
		db := filepath.Join(t.TempDir(), "archive.db")
		args := []string{"crawl", "--db", db, srv.URL + "/", "--delay", "0s", "--per-host", "4", "--depth", "1", "--no-index", "-q",
			"--timeout", "2s", "--retries", "0"}
		if tc.keep != "" {
			args = append(args, "--keep-types", tc.keep)
		}
		mustRun(t, args...)
		var types = map[string]int{}
		lists := map[string]int{} // listing pages stored, by kind
		for _, l := range strings.Split(strings.TrimSpace(mustRun(t, "export", "--db", db)), "\n") {
			var a corpus.Article
			if err := json.Unmarshal([]byte(l), &a); err != nil {
				t.Fatalf("export: %v", err)
			}
			types[a.PageType]++
			if articles[a.URL] != (a.PageType == corpus.PageTypeArticle) {
				t.Errorf("keep %q: %s stored as %q", tc.keep, a.URL, a.PageType)
			}
			switch path := strings.TrimPrefix(a.URL, srv.URL); {
			case strings.Contains(path, "?page="):
				lists["section page N"]++
			case strings.HasPrefix(path, "/tag/"):
				lists["tag"]++
			case strings.HasPrefix(path, "/author/"):
				lists["author"]++
			}
		}
		if types[corpus.PageTypeArticle] == 0 || (types[corpus.PageTypeListing] > 0) != tc.listings {
			t.Errorf("keep %q: stored page types %v", tc.keep, types)
		}
		// Each kind of listing must have been reached and judged, not
		// only the section fronts.
		for _, k := range []string{"section page N", "tag", "author"} {
			if tc.listings && lists[k] == 0 {
				t.Errorf("keep %q: no %s page stored (%v)", tc.keep, k, lists)
			}
		}
	}
	if code, _, errOut := runCLI(t, "crawl", "--db", filepath.Join(t.TempDir(), "x.db"), "--keep-types", "article,blog", srv.URL+"/"); code != 2 || !strings.Contains(errOut, `"blog" is not a page type`) {
		t.Errorf("bad --keep-types: exit %d, %q", code, errOut)
	}
}
