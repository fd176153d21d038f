package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/extract"
)

// editedSite serves one news article whose headline and paragraphs the
// test can change between crawls, and counts the requests it gets.
type editedSite struct {
	*httptest.Server
	mu       sync.Mutex
	title    string
	paras    []string
	requests int
}

func newEditedSite(t testing.TB) *editedSite {
	s := &editedSite{title: "Minister resigns over budget row", paras: []string{
		"The finance minister resigned on Monday after a week of disagreement over the budget, officials said.",
		"She told reporters that she could not support the spending plan in its current form.",
		"The prime minister thanked her for her service and said a successor would be named soon.",
		"Opposition leaders called for a vote on the budget before the end of the month.",
	}}
	for i := range 6 {
		s.paras = append(s.paras, fmt.Sprintf("Background paragraph %d explains how the budget committee works, who sits on it and why its votes matter to the coalition.", i))
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *editedSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	if r.URL.Path != "/news/minister-resigns" {
		http.NotFound(w, r)
		return
	}
	var body strings.Builder
	for _, p := range s.paras {
		body.WriteString("<p>" + p + "</p>\n")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>%s | Daily Example</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2026-12-01T08:00:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":%q,"datePublished":"2026-12-01T08:00:00Z","author":{"@type":"Person","name":"Ann Reporter"}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1><p class="byline">By Ann Reporter</p>
%s</article><footer>Copyright Daily Example</footer></body></html>`, s.title, s.title, s.title, body.String())
}

// edit replaces the headline and one sentence, and appends a correction.
func (s *editedSite) edit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.title = "Finance minister resigns over budget row"
	s.paras[1] = "She told reporters that she could not support the spending plan as long as it cut hospital funds."
	s.paras = append(s.paras, "Correction: an earlier version of this story gave the wrong day for the resignation.")
}

func (s *editedSite) url() string { return s.URL + "/news/minister-resigns" }

// TestArticleHistory crawls an article, crawls it again unchanged (no new
// version), then after an edit (a second version): history shows the
// changed sentence, export --all-versions writes both versions, stats
// counts the article as changed and verify passes.
func TestArticleHistory(t *testing.T) {
	site := newEditedSite(t)
	db := filepath.Join(t.TempDir(), "archive.db")
	crawl := func() {
		t.Helper()
		mustRun(t, "crawl", "--db", db, "--depth", "0", "--delay", "0s", "--recrawl", "-q", site.url())
	}
	crawl()
	crawl() // unchanged
	out := mustRun(t, "history", "--db", db, site.url())
	if !strings.Contains(out, ": 1 version\n") {
		t.Fatalf("history after an unchanged recrawl:\n%s", out)
	}
	site.edit()
	crawl()

	out = mustRun(t, "history", "--db", db, site.url())
	for _, want := range []string{
		": 2 versions\n",
		"\nversion 1 -> 2 (capture ",
		"title: [-Minister-]{+Finance minister+} resigns over budget row\n",
		"paragraph 2: She told reporters that she could not support the spending plan [-in its current form.-]{+as long as it cut hospital funds.+}\n",
		"{+Correction: an earlier version of this story gave the wrong day for the resignation.+}",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\033[") {
		t.Errorf("colour without a terminal:\n%s", out)
	}
	if out := mustRun(t, "history", "--db", db, "--color", "always", site.url()); !strings.Contains(out, ansiInsert+"as long as it cut hospital funds."+ansiReset) {
		t.Errorf("--color always:\n%s", out)
	}

	var rep historyReport
	if err := json.Unmarshal([]byte(mustRun(t, "history", "--db", db, "--json", site.url())), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Versions) != 2 || len(rep.Changes) != 1 || rep.Versions[0].Title != "Minister resigns over budget row" ||
		rep.Versions[1].ExtractorVersion != extract.Version || rep.Changes[0].Reextracted || len(rep.Changes[0].Text) != 2 ||
		rep.Versions[0].CaptureID == rep.Versions[1].CaptureID {
		t.Errorf("history --json: %+v", rep)
	}

	lines := strings.Split(strings.TrimSpace(mustRun(t, "export", "--db", db, "--all-versions")), "\n")
	var v1, v2 map[string]any
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &v1) != nil || json.Unmarshal([]byte(lines[1]), &v2) != nil {
		t.Fatalf("export --all-versions: %q", lines)
	}
	if v1["version"] != 1.0 || v2["version"] != 2.0 || !strings.Contains(v1["text"].(string), "in its current form") ||
		!strings.Contains(v2["text"].(string), "hospital funds") || v1["captured_at"] == v2["captured_at"] ||
		v1["capture_id"] == v2["capture_id"] || v2["extractor_version"] != float64(extract.Version) {
		t.Errorf("export --all-versions:\n%v\n%v", v1, v2)
	}
	if latest := strings.TrimSpace(mustRun(t, "export", "--db", db)); latest != lines[1] {
		t.Errorf("export (latest) differs from the last version of --all-versions:\n%s\n%s", latest, lines[1])
	}
	records, err := csv.NewReader(strings.NewReader(mustRun(t, "export", "--db", db, "--all-versions", "--format", "csv"))).ReadAll()
	if err != nil || len(records) != 3 || records[0][len(records[0])-2] != "version" || records[1][len(records[1])-2] != "1" ||
		records[2][len(records[2])-2] != "2" {
		t.Errorf("export --all-versions --format csv: %v, %v", records, err)
	}

	var st corpus.Stats
	if err := json.Unmarshal([]byte(mustRun(t, "stats", "--db", db, "--json")), &st); err != nil ||
		st.ArticlesChanged != 1 || len(st.BySite) != 1 || st.BySite[0].Changed != 1 {
		t.Errorf("stats --json: %+v, %v", st, err)
	}
	if out := mustRun(t, "verify", "--db", db); !strings.Contains(out, "2 article versions match theirs") {
		t.Errorf("verify: %s", out)
	}

	code, out, errOut := runCLI(t, "history", "--db", db, site.URL+"/news/never-published")
	if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "history: no article at ") {
		t.Errorf("history of an unknown URL: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestReextract stores an article as an older extractor left it (another
// text, an older extractor version), stops the site, and re-extracts:
// the article is derived again from its capture without the network, the
// older text stays as a version, and the index follows.
func TestReextract(t *testing.T) {
	site := newEditedSite(t)
	db := filepath.Join(t.TempDir(), "archive.db")
	mustRun(t, "crawl", "--db", db, "--depth", "0", "--delay", "0s", "-q", site.url())

	ctx := context.Background()
	cdb, err := corpus.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var a *corpus.Article
	cdb.Articles(ctx, corpus.ArticleFilter{}, func(x *corpus.Article) error { a = x; return nil })
	good := a.Text
	// What an older extractor made of the page: the footer in the text.
	a.Text += "\n\nCopyright Daily Example OLD-EXTRACTOR-MARKER"
	a.ExtractorVersion, a.ExtractedAt = 0, nil
	err = cdb.Update(ctx, func(tx *corpus.Tx) error { return tx.UpdateArticle(ctx, a) })
	cdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, "index", "--db", db)
	hits := func() uint64 {
		t.Helper()
		var res searchJSON
		if err := json.Unmarshal([]byte(mustRun(t, "search", "--db", db, "--json", "OLD-EXTRACTOR-MARKER")), &res); err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if n := hits(); n != 1 {
		t.Fatalf("the index finds the old text %d times before reextract", n)
	}
	site.Close()
	requests := site.requests

	out := mustRun(t, "reextract", "--db", db)
	if !strings.Contains(out, "re-extracted 1 of 1 articles with extractor version") || !strings.Contains(out, "1 changed") {
		t.Errorf("reextract: %q", out)
	}
	if site.requests != requests {
		t.Errorf("reextract made %d requests", site.requests-requests)
	}
	hist := mustRun(t, "history", "--db", db, site.url())
	if !strings.Contains(hist, ": 3 versions\n") || !strings.Contains(hist, "extracted again by extractor version") ||
		!strings.Contains(hist, "[-Copyright Daily Example OLD-EXTRACTOR-MARKER-]") {
		t.Errorf("history after reextract:\n%s", hist)
	}
	var exp map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "export", "--db", db)), &exp); err != nil || exp["text"] != good ||
		exp["extractor_version"] != float64(extract.Version) || exp["extracted_at"] == nil {
		t.Errorf("export after reextract: %v, %v", exp, err)
	}
	if n := hits(); n != 0 {
		t.Errorf("the index still finds the old text after reextract (%d hits)", n)
	}
	mustRun(t, "verify", "--db", db)

	// Nothing is older than the current extractor now; --all takes
	// everything, and an unchanged text adds no version.
	if out := mustRun(t, "reextract", "--db", db); !strings.Contains(out, "re-extracted 0 of 0 articles") {
		t.Errorf("reextract again: %q", out)
	}
	if out := mustRun(t, "reextract", "--db", db, "--all"); !strings.Contains(out, "0 changed (each a new version), 1 unchanged") {
		t.Errorf("reextract --all: %q", out)
	}
	for _, args := range [][]string{
		{"--all", "--since-version", "1"},
		{"--since-version", fmt.Sprint(extract.Version + 1)},
		{"--since-version", "-1"},
		{"--since-version", "0"},
		{"--all", "--since-version", "0"},
	} {
		code, _, errOut := runCLI(t, append([]string{"reextract", "--db", db}, args...)...)
		if code != 2 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("reextract %v: exit %d, %q", args, code, errOut)
		}
	}
}

// TestCountBarFits: the live bar of reextract stays within 80 columns,
// and a job of nothing draws nothing.
func TestCountBarFits(t *testing.T) {
	var errb strings.Builder
	e := &env{stderr: &errb, stderrIsTerminal: true}
	b := newCountBar(e, 1234567, false)
	for _, done := range []int{0, 1, 617283, 1234567} {
		if line := b.line(done); len(line) > 80 || !strings.HasPrefix(line, "[") {
			t.Errorf("line(%d) = %q (%d columns)", done, line, len(line))
		}
	}
	b.update(1234567)
	b.finish()
	if !strings.HasPrefix(errb.String(), "\r\033[K[====================] 100% 1234567/1234567") || !strings.HasSuffix(errb.String(), "\n") {
		t.Errorf("drawn: %q", errb.String())
	}
	errb.Reset()
	empty := newCountBar(e, 0, false)
	empty.update(0)
	empty.finish()
	if errb.Len() != 0 {
		t.Errorf("a job of nothing drew %q", errb.String())
	}
}
