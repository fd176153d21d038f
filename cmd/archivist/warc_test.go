package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/nlnwa/gowarc/v3"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// captureKey identifies a capture across corpora: URL and fetch time (to
// the microsecond, as WARC-Date keeps it).
type captureKey struct {
	url string
	at  time.Time
}

type captureVal struct {
	status int
	sha256 string
	// request is the request line and headers as sent: an import keeps
	// them from the request record paired with the response.
	request string
}

// htmlCaptures returns the captures of db an import brings back: HTML
// responses with a body (or revisits).
func htmlCaptures(t testing.TB, dbPath string) map[captureKey]captureVal {
	t.Helper()
	ctx := context.Background()
	db, err := corpus.OpenReadOnly(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[captureKey]captureVal{}
	err = db.ForEachCapture(ctx, corpus.CaptureFilter{}, func(c *corpus.Capture) error {
		if c.Status == 0 || c.ContentType != "text/html" || (c.SHA256 == "" && c.RevisitOf == 0) {
			return nil
		}
		out[captureKey{c.URL, c.FetchedAt.Truncate(time.Microsecond)}] = captureVal{c.Status, c.SHA256, string(c.RequestHead)}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func articleTexts(t testing.TB, dbPath string) map[string]string {
	t.Helper()
	ctx := context.Background()
	db, err := corpus.OpenReadOnly(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	db.Articles(ctx, corpus.ArticleFilter{}, func(a *corpus.Article) error {
		out[a.URL] = a.Title + "\n" + a.Text
		return nil
	})
	return out
}

// crawlSite crawls a small fake news site (no faults) into a new corpus
// and returns its path.
func crawlSite(t testing.TB, srv *scrapertest.Server) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "archive.db")
	mustRun(t, "crawl", "--db", db, "--delay", "0s", "--per-host", "4", "--timeout", "5s", "-q", "--no-index", srv.URL+"/")
	return db
}

// TestWARCRoundTrip crawls a site, exports every capture as WARC with a
// CDXJ index, reads the WARC with gowarc (strict validation: every block
// and payload digest checked), and imports it into a fresh corpus: the
// same captures, digests and article texts.
func TestWARCRoundTrip(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(40))
	src := crawlSite(t, srv)
	dir := t.TempDir()
	out, cdx := filepath.Join(dir, "crawl.warc.gz"), filepath.Join(dir, "crawl.cdxj")
	_, _, errOut := runCLIOK(t, "export", "--db", src, "--format", "warc", "--all-captures", "--out", out, "--cdx", cdx)
	if !strings.Contains(errOut, "responses") {
		t.Errorf("export said %q", errOut)
	}

	types := readStrict(t, out)
	want := htmlCaptures(t, src)
	for k, v := range want {
		if !strings.HasPrefix(v.request, "GET ") {
			t.Fatalf("%s: the crawl kept no request head: %q", k.url, v.request)
		}
	}
	if types["warcinfo"] != 1 || types["request"] == 0 || types["response"] < len(want) {
		t.Errorf("record types %v, want one warcinfo and a response per capture (%d HTML)", types, len(want))
	}
	checkCDX(t, cdx, out, types["response"]+types["revisit"])

	dst := filepath.Join(t.TempDir(), "imported.db")
	res := mustRun(t, "import", "--db", dst, "--no-index", out)
	if !strings.Contains(res, "import finished") {
		t.Errorf("import said %q", res)
	}
	got := htmlCaptures(t, dst)
	if len(got) != len(want) {
		t.Errorf("%d HTML captures imported, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s at %s: imported %+v, want %+v", k.url, k.at, got[k], v)
		}
	}
	wantText, gotText := articleTexts(t, src), articleTexts(t, dst)
	if len(wantText) < 40 || len(gotText) != len(wantText) {
		t.Errorf("%d articles imported, want %d (at least 40)", len(gotText), len(wantText))
	}
	for u, txt := range wantText {
		if gotText[u] != txt {
			t.Errorf("%s: imported article text differs:\n got %q\nwant %q", u, gotText[u], txt)
		}
	}
	// Idempotent: the same file again adds nothing, and so does a second
	// export of the same captures (their record ids are the same).
	res = mustRun(t, "import", "--db", dst, "--no-index", out)
	if !strings.Contains(res, " 0 captures added") {
		t.Errorf("second import: %q, want 0 captures added", res)
	}
	again := filepath.Join(dir, "again.warc.gz")
	runCLIOK(t, "export", "--db", src, "--format", "warc", "--all-captures", "--out", again)
	res = mustRun(t, "import", "--db", dst, "--no-index", again)
	if !strings.Contains(res, " 0 captures added") {
		t.Errorf("import of a second export: %q, want 0 captures added", res)
	}
}

// runCLIOK is mustRun that also returns stderr.
func runCLIOK(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("archivist %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errOut)
	}
	return code, out, errOut
}

// readStrict reads path with gowarc, failing on any syntax error, spec
// violation or digest mismatch, and checks each payload digest once more
// by hand. It returns the records counted by type.
func readStrict(t testing.TB, path string) map[string]int {
	t.Helper()
	r, err := gowarc.NewWarcFileReader(path, 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	types := map[string]int{}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("gowarc: record at %d: %v", rec.Offset, err)
		}
		wr := rec.WarcRecord
		types[wr.Type().String()]++
		h := wr.WarcHeader()
		if wr.Version().String() != "WARC/1.1" {
			t.Errorf("record at %d: version %s", rec.Offset, wr.Version())
		}
		if wr.Type() == gowarc.Response {
			if h.Get(gowarc.WarcConcurrentTo) == "" || h.Get(gowarc.WarcIPAddress) != "127.0.0.1" {
				t.Errorf("response at %d: Concurrent-To %q, IP %q", rec.Offset, h.Get(gowarc.WarcConcurrentTo), h.Get(gowarc.WarcIPAddress))
			}
			pb := wr.Block().(gowarc.PayloadBlock)
			p, err := pb.PayloadBytes()
			if err != nil {
				t.Fatal(err)
			}
			s := sha1.New()
			io.Copy(s, p)
			if d := "sha1:" + base32.StdEncoding.EncodeToString(s.Sum(nil)); d != h.Get(gowarc.WarcPayloadDigest) {
				t.Errorf("response at %d: payload digest %s, header says %s", rec.Offset, d, h.Get(gowarc.WarcPayloadDigest))
			}
		}
		rec.Close()
	}
	return types
}

// checkCDX checks that the CDXJ index has n sorted lines, each pointing
// at the gzip member of its record.
func checkCDX(t testing.TB, cdx, warcPath string, n int) {
	t.Helper()
	data, err := os.ReadFile(cdx)
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(warcPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != n {
		t.Errorf("%d CDXJ lines, want %d", len(lines), n)
	}
	prev := ""
	for _, l := range lines {
		if l < prev {
			t.Errorf("CDXJ not sorted at %q", l)
		}
		prev = l
		parts := strings.SplitN(l, " ", 3)
		var obj struct {
			URL, Offset, Length, Filename string
		}
		if len(parts) != 3 || json.Unmarshal([]byte(parts[2]), &obj) != nil {
			t.Fatalf("bad CDXJ line %q", l)
		}
		var off, length int
		if _, err := jsonInts(obj.Offset, obj.Length, &off, &length); err != nil || off+length > len(file) {
			t.Fatalf("CDXJ line %q: bad offset/length", l)
		}
		zr, err := gzip.NewReader(bytes.NewReader(file[off : off+length]))
		if err != nil {
			t.Fatalf("CDXJ line %q: not a gzip member: %v", l, err)
		}
		head, _ := bufio.NewReader(zr).Peek(400)
		if !bytes.HasPrefix(head, []byte("WARC/1.1\r\n")) || !bytes.Contains(head, []byte("WARC-Target-URI: "+obj.URL+"\r\n")) {
			t.Errorf("CDXJ line %q points at %q", l, head)
		}
	}
}

func jsonInts(a, b string, x, y *int) (int, error) {
	if err := json.Unmarshal([]byte(a), x); err != nil {
		return 0, err
	}
	return 0, json.Unmarshal([]byte(b), y)
}

// wgetWARC runs a real wget over the site, recursively, writing a WARC;
// it returns the WARC's path.
func wgetWARC(t testing.TB, url string, extra ...string) string {
	t.Helper()
	wget, err := exec.LookPath("wget")
	if err != nil {
		t.Fatal("wget is not installed: this test needs it (apt-get install -y wget; .ci/run installs it)")
	}
	dir := t.TempDir()
	args := append([]string{"--recursive", "--level=6", "--no-verbose", "--no-host-directories", "--no-proxy",
		"--directory-prefix=" + filepath.Join(dir, "files"), "--delete-after", "--warc-file=" + filepath.Join(dir, "site"),
		"--tries=1", "--timeout=5"}, extra...)
	args = append(args, url)
	cmd := exec.Command(wget, args...)
	cmd.Env = append(os.Environ(), "http_proxy=", "https_proxy=", "no_proxy=*")
	out, err := cmd.CombinedOutput()
	// wget exits 8 when some page answered an error (the site's 404s):
	// the WARC is still whole.
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 8) {
		t.Fatalf("wget: %v\n%s", err, lastLines(string(out), 20))
	}
	return filepath.Join(dir, "site.warc.gz")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

// TestImportWget imports a WARC written by a real wget --warc-file run
// over the fake news site: every article page becomes an article with
// the site's title and its distinctive phrase, and wget's request and log records are
// skipped and counted.
func TestImportWget(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(40))
	w := wgetWARC(t, srv.URL+"/")
	db := filepath.Join(t.TempDir(), "imported.db")
	out := mustRun(t, "import", "--db", db, "--no-index", w)
	if !strings.Contains(out, "skipped records:") {
		t.Errorf("import summary %q: want wget's log records counted as skipped", out)
	}
	got := map[string]*corpus.Article{}
	ctx := context.Background()
	cdb, err := corpus.OpenReadOnly(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer cdb.Close()
	// wget writes each request record before its response: the capture
	// keeps the request as sent.
	for k, v := range htmlCaptures(t, db) {
		if !strings.HasPrefix(v.request, "GET ") || !strings.Contains(v.request, "\r\nUser-Agent: Wget/") {
			t.Errorf("%s: request head %q, want wget's GET", k.url, v.request)
		}
	}
	cdb.Articles(ctx, corpus.ArticleFilter{}, func(a *corpus.Article) error {
		key := a.CanonicalURL
		if key == "" {
			key = a.URL
		}
		got[key] = a
		return nil
	})
	expected := srv.Articles()
	if len(expected) < 40 {
		t.Fatalf("the site has %d articles", len(expected))
	}
	for _, want := range expected {
		if want.Only != "" {
			continue // listed only in a sitemap or a feed, which wget does not read
		}
		a := got[want.URL]
		switch {
		case a == nil:
			t.Errorf("article page not imported as an article: %s", want.URL)
		case a.Title != want.Title || a.WordCount == 0 || !strings.Contains(a.Text, want.Phrase):
			t.Errorf("%s: title %q, want %q; %d words, phrase %q found: %v", want.URL, a.Title, want.Title,
				a.WordCount, want.Phrase, strings.Contains(a.Text, want.Phrase))
		case a.PageType != corpus.PageTypeArticle:
			t.Errorf("%s: page type %s", want.URL, a.PageType)
		}
	}
}

// TestImportCLIErrors: bad arguments are usage errors (exit 2); a corrupt
// record is reported with its offset, the rest imported, exit 1.
func TestImportCLIErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	notWARC := filepath.Join(t.TempDir(), "corpus.csv")
	os.WriteFile(notWARC, []byte("id,url\n1,http://a.test/\n"), 0o644)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("id,url\n1,http://a.test/\n"))
	zw.Close()
	gzNotWARC := filepath.Join(t.TempDir(), "corpus.csv.gz")
	os.WriteFile(gzNotWARC, gz.Bytes(), 0o644)
	empty := filepath.Join(t.TempDir(), "empty.warc")
	os.WriteFile(empty, nil, 0o644)
	gz.Reset()
	zw = gzip.NewWriter(&gz)
	zw.Close()
	zw = gzip.NewWriter(&gz) // two members, both empty
	zw.Close()
	gzEmpty := filepath.Join(t.TempDir(), "empty.warc.gz")
	os.WriteFile(gzEmpty, gz.Bytes(), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--db", db}, "name at least one WARC file"},
		{[]string{"import", "--db", db, filepath.Join(dir, "missing.warc.gz")}, "no such file or folder"},
		{[]string{"import", "--db", db, dir}, "holds no .warc or .warc.gz file"},
		{[]string{"import", "--db", db, "--keep-types", "article,nope", dir}, "not a page type"},
		{[]string{"import", "--db", db, notWARC}, "is not a WARC file"},
		{[]string{"import", "--db", db, gzNotWARC}, "is not a WARC file (it is compressed, but what it holds starts with \"id,ur\""},
		{[]string{"import", "--db", db, empty}, "is not a WARC file (it is empty)"},
		{[]string{"import", "--db", db, gzEmpty}, "is not a WARC file (it is compressed, but holds nothing)"},
		{[]string{"import", "--db", db, filepath.Dir(empty)}, "nothing to import: " + quote.Short(empty) + " is not a WARC file (it is empty)"},
		{[]string{"export", "--db", db, "--format", "warc"}, "needs --out"},
		{[]string{"export", "--db", db, "--format", "warc", "--out", dir}, "is a folder"},
		// "-" is standard output elsewhere; it must not become a file named "-".
		{[]string{"export", "--db", db, "--format", "warc", "--out", "-"}, "needs --out"},
		{[]string{"export", "--db", db, "--format", "csv", "--cdx", filepath.Join(dir, "x.cdxj")}, "--cdx goes with --format warc"},
		{[]string{"export", "--db", db, "--all-captures"}, "--all-captures goes with --format warc"},
		{[]string{"export", "--db", db, "--format", "parquet", "--warc-size", "10", "--out", filepath.Join(dir, "x.parquet")}, "--warc-size goes with --format warc"},
		{[]string{"export", "--db", db, "--format", "warc", "--fields", "url", "--out", filepath.Join(dir, "x.warc.gz")}, "--fields does not go with --format warc"},
		{[]string{"export", "--db", db, "--format", "warc", "--all-versions", "--out", filepath.Join(dir, "x.warc.gz")}, "--all-versions does not go with --format warc"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%q: exit %d, stderr %q: want 2 and one line with %q", tc.args, code, errOut, tc.want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a usage error created %s", db)
	}
	bad := filepath.Join(dir, "bad.warc")
	rec := "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:9>\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK\r\n"
	os.WriteFile(bad, []byte(rec), 0o644)
	code, out, errOut := runCLI(t, "import", "--db", db, "--no-index", bad)
	if code != 1 || !strings.Contains(errOut, "corrupt record at offset 0") || !strings.Contains(out, "1 corrupt") {
		t.Errorf("corrupt file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// In a folder, a file that is not WARC is skipped and reported, the
	// others are imported, and the exit code says something was left.
	folder := t.TempDir()
	os.WriteFile(filepath.Join(folder, "a-empty.warc"), nil, 0o644)
	os.WriteFile(filepath.Join(folder, "b.warc"), []byte(rec), 0o644)
	code, out, errOut = runCLI(t, "import", "--db", filepath.Join(dir, "f.db"), "--no-index", folder)
	if code != 1 || !strings.Contains(errOut, "skipped "+quote.Short(filepath.Join(folder, "a-empty.warc"))+" is not a WARC file (it is empty)") ||
		!strings.Contains(errOut, "skipped 1 corrupt record and 1 file that is not a WARC file (the rest was imported)") ||
		!strings.Contains(out, "1 corrupt") {
		t.Errorf("folder with an empty file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestWARCSizeUnits: --warc-size takes a unit as --max-body does
// ("20KB"; a plain number is bytes), and a series starts past it.
func TestWARCSizeUnits(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(10))
	src := crawlSite(t, srv)
	dir := t.TempDir()
	for _, size := range []string{"20KB", "20000"} {
		out := filepath.Join(dir, size+".warc")
		_, _, errOut := runCLIOK(t, "export", "--db", src, "--format", "warc", "--all-captures", "--out", out, "--warc-size", size)
		if _, err := os.Stat(filepath.Join(dir, size+"-00001.warc")); err != nil {
			t.Errorf("--warc-size %s: no second file (%v); export said %q", size, err, errOut)
		}
	}
	code, _, errOut := runCLI(t, "export", "--db", src, "--format", "warc", "--out", filepath.Join(dir, "x.warc"), "--warc-size", "0")
	if code != 2 || !strings.Contains(errOut, `"0"`) {
		t.Errorf("--warc-size 0: exit %d, %q", code, errOut)
	}
}

// TestImportExtractorPanic: a panic of the extractor on one record (a
// bug) leaves that capture without an article and logs its URL; it does
// not end the import's process.
func TestImportExtractorPanic(t *testing.T) {
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	ex := guarded(func(c *corpus.Capture, page []byte) (*corpus.Article, string, bool) {
		if bytes.Contains(page, []byte("boom")) {
			panic("slice bounds out of range [1:0]")
		}
		return &corpus.Article{URL: c.URL}, c.URL, true
	}, log)
	if a, _, _ := ex(&corpus.Capture{URL: "https://a.example/ok"}, []byte("fine")); a == nil {
		t.Fatal("no article for a page that extracts")
	}
	a, key, self := ex(&corpus.Capture{URL: "https://a.example/bad"}, []byte("boom"))
	if a != nil || key != "" || self {
		t.Errorf("got %v, %q, %v: want no article", a, key, self)
	}
	if !strings.Contains(logged.String(), "https://a.example/bad") || !strings.Contains(logged.String(), "slice bounds") {
		t.Errorf("log %q: want the URL and the panic", logged.String())
	}
}
