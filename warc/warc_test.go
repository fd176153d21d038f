package warc

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/archivist-project/archivist/corpus"
)

// testCapture returns a capture of an HTML page at u, fetched at t.
func testCapture(id int64, u, body string, t time.Time) *corpus.Capture {
	sum := sha256.Sum256([]byte(body))
	return &corpus.Capture{ID: id, RequestedURL: u, URL: u, Method: "GET", Status: 200, Proto: "HTTP/1.1",
		Header:    http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Content-Length": {fmt.Sprint(len(body))}},
		FetchedAt: t, Body: []byte(body), BodyForm: corpus.BodyWire, SHA256: hex.EncodeToString(sum[:]),
		ContentType: "text/html", RemoteIP: "192.0.2.7"}
}

// mustWrite writes captures to a new WARC file (gzipped when gz) and
// returns its path and CDXJ lines.
func mustWrite(t *testing.T, gz bool, caps ...*corpus.Capture) (string, []string) {
	t.Helper()
	name := "test.warc"
	if gz {
		name += ".gz"
	}
	path := filepath.Join(t.TempDir(), name)
	w, err := Create(path, Options{Software: "test", CDX: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range caps {
		if err := w.WriteCapture(c); err != nil {
			t.Fatal(err)
		}
	}
	var cdx bytes.Buffer
	w.WriteCDX(&cdx)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path, strings.Split(strings.TrimSpace(cdx.String()), "\n")
}

func fivePages(t0 time.Time) []*corpus.Capture {
	var caps []*corpus.Capture
	for i := range 5 {
		caps = append(caps, testCapture(int64(i+1), fmt.Sprintf("http://news.example/story-%d.html", i),
			fmt.Sprintf("<html><head><title>Story %d</title></head><body><p>%s</p></body></html>", i,
				strings.Repeat(fmt.Sprintf("word%d ", i), 200)), t0.Add(time.Duration(i)*time.Second)))
	}
	return caps
}

// importAll imports files into a fresh corpus and returns the stats, the
// corrupt records reported and the corpus.
func importAll(t *testing.T, files ...string) (ImportStats, []*CorruptError, *corpus.DB) {
	t.Helper()
	db := corpus.MustOpen(t)
	var bad []*CorruptError
	im := &Importer{DB: db, Workers: 2, Corrupt: func(ce *CorruptError) { bad = append(bad, ce) },
		Extract: func(c *corpus.Capture, page []byte) (*corpus.Article, string, bool) {
			return &corpus.Article{URL: c.URL, Title: c.URL, Text: string(page), FetchedAt: c.FetchedAt,
				ContentSHA256: c.SHA256, PageType: corpus.PageTypeArticle}, c.URL, true
		}}
	st, err := im.Import(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	return st, bad, db
}

// offsetOf returns the offset of the response record of u from CDXJ lines.
func offsetOf(t *testing.T, cdx []string, u string) (off, length int64) {
	t.Helper()
	for _, l := range cdx {
		if strings.Contains(l, `"url":"`+u+`"`) {
			var o, n int64
			fmt.Sscanf(l[strings.Index(l, `"length":"`)+10:], "%d", &n)
			fmt.Sscanf(l[strings.Index(l, `"offset":"`)+10:], "%d", &o)
			return o, n
		}
	}
	t.Fatalf("%s not in the CDXJ index", u)
	return 0, 0
}

// TestImportDamaged: a flipped byte inside a record, a cut file, a wrong
// Content-Length: the damaged record is reported at its offset and
// skipped, every other record is imported.
func TestImportDamaged(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		gz     bool
		damage func(data []byte, off, n int64) []byte
		want   int // captures imported
	}{
		{"flipped byte in a gzip member", true, func(d []byte, off, n int64) []byte {
			d[off+n/2] ^= 0xff
			return d
		}, 4},
		{"file cut inside a gzip member", true, func(d []byte, off, n int64) []byte { return d[:off+n/2] }, 2},
		{"file cut inside an uncompressed record", false, func(d []byte, off, n int64) []byte { return d[:off+n/2] }, 2},
		{"garbage inside an uncompressed record", false, func(d []byte, off, n int64) []byte {
			copy(d[off+n/2:], "\r\n\r\nnot a WARC at all\r\n\r\n")
			return d
		}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, cdx := mustWrite(t, tc.gz, fivePages(t0)...)
			off, n := offsetOf(t, cdx, "http://news.example/story-2.html")
			data, _ := os.ReadFile(path)
			os.WriteFile(path, tc.damage(data, off, n), 0o644)
			st, bad, _ := importAll(t, path)
			if st.Captures != tc.want {
				t.Errorf("%d captures imported, want %d (stats %+v)", st.Captures, tc.want, st)
			}
			if len(bad) != 1 || bad[0].Offset != off || st.Corrupt != 1 {
				t.Errorf("corrupt records %v (count %d), want one at offset %d", bad, st.Corrupt, off)
			}
		})
	}
}

// TestRevisits: a repeated payload is written as a revisit record that
// refers to the first; imported, it is a capture tied to the original,
// with its digest. A 304 capture is a server-not-modified revisit.
func TestRevisits(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	a := testCapture(1, "http://news.example/a.html", "<html><title>A</title><p>same</p></html>", t0)
	again := testCapture(2, a.URL, string(a.Body), t0.Add(time.Hour))
	notMod := &corpus.Capture{ID: 3, URL: a.URL, Status: 304, Proto: "HTTP/1.1", FetchedAt: t0.Add(2 * time.Hour),
		Header: http.Header{}, Body: []byte{}, RevisitOf: 1, BodyForm: corpus.BodyWire}
	path, cdx := mustWrite(t, true, a, again, notMod)
	if len(cdx) != 3 || !strings.Contains(cdx[1], `"mime":"warc/revisit"`) || !strings.Contains(cdx[2], `"mime":"warc/revisit"`) {
		t.Errorf("CDXJ %q: want a response then two revisits", cdx)
	}
	data, _ := os.ReadFile(path)
	strictRead(t, path)
	st, bad, db := importAll(t, path)
	if len(bad) > 0 || st.Captures != 3 || st.Revisits != 2 {
		t.Fatalf("stats %+v, corrupt %v: want 3 captures, 2 revisits", st, bad)
	}
	var got []*corpus.Capture
	db.ForEachCapture(context.Background(), corpus.CaptureFilter{}, func(c *corpus.Capture) error {
		got = append(got, c)
		return nil
	})
	if got[1].RevisitOf != got[0].ID || got[1].SHA256 != a.SHA256 || got[2].RevisitOf != got[0].ID || got[2].Status != 304 {
		t.Errorf("revisits %+v %+v: want both tied to capture %d", got[1], got[2], got[0].ID)
	}
	if !bytes.Contains(data, []byte{0x1f, 0x8b}) {
		t.Error("not gzipped")
	}
}

// TestReaderLenient reads a WARC/1.0 record written as wget writes it
// (bracketed URI, chunked payload) and a record with LF line ends.
func TestReaderLenient(t *testing.T) {
	payload := "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
	block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + payload
	rec := "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n" +
		"WARC-Target-URI: <http://news.example/x>\r\nContent-Type: application/http;msgtype=response\r\n" +
		"Content-Length: " + fmt.Sprint(len(block)) + "\r\n\r\n" + block + "\r\n\r\n"
	lf := "WARC/1.0\nWARC-Type: metadata\nWARC-Record-ID: <urn:uuid:2>\nContent-Length: 3\n\nabc\n\n"
	path := filepath.Join(t.TempDir(), "x.warc")
	os.WriteFile(path, []byte(rec+lf), 0o644)
	rd, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	r, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	if r.TargetURI != "http://news.example/x" || string(r.Payload) != "hello world" || r.Status != 200 || r.Date.IsZero() {
		t.Errorf("record %+v payload %q", r, r.Payload)
	}
	r, err = rd.Next()
	if err != nil || r.Type != TypeMetadata {
		t.Fatalf("second record %+v, %v", r, err)
	}
	if _, err := rd.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("after the last record: %v, want EOF", err)
	}
}

// TestResponseHeadOfDecodedBody: a capture stored decoded (before schema
// 0009) is written with headers that describe the payload as written.
func TestResponseHeadOfDecodedBody(t *testing.T) {
	c := &corpus.Capture{Status: 200, Proto: "HTTP/1.1", BodyForm: corpus.BodyDecoded, Body: []byte("hello"),
		Header: http.Header{"Content-Encoding": {"gzip"}, "Transfer-Encoding": {"chunked"}, "Content-Length": {"33"},
			"Content-Type": {"text/html"}}}
	got := string(responseHead(c, 5))
	for _, want := range []string{"HTTP/1.1 200 OK\r\n", "X-Archive-Orig-Content-Encoding: gzip\r\n",
		"X-Archive-Orig-Transfer-Encoding: chunked\r\n", "X-Archive-Orig-Content-Length: 33\r\n", "Content-Length: 5\r\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("head %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "\r\nContent-Encoding") || strings.Contains(got, "\r\nTransfer-Encoding") {
		t.Errorf("head %q keeps a stale header", got)
	}
}

func TestSURT(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.Example.com/Path?b=2&a=1", "com,example)/path?a=1&b=2"},
		{"http://news.example.org:8080/", "org,example,news:8080)/"},
		{"http://example.com", "com,example)/"},
	} {
		if got := SURT(tc.in); got != tc.want {
			t.Errorf("SURT(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRollover: past MaxSize the writer starts a new file, each with its
// warcinfo record, and no capture is split across files.
func TestRollover(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.warc.gz")
	w, err := Create(path, Options{MaxSize: 1500, Software: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range fivePages(time.Now()) {
		if err := w.WriteCapture(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files := w.Stats().Files
	umask := newFileMode(t, dir)
	for _, f := range files {
		strictRead(t, f)
		// Like every export, the files get a new file's permissions
		// (0666 less the umask), not os.CreateTemp's 0600.
		if st, err := os.Stat(f); err != nil || st.Mode().Perm() != umask {
			t.Errorf("%s: mode %v (err %v), want %v", f, st.Mode().Perm(), err, umask)
		}
	}
	if len(files) < 2 || files[0] != path || files[1] != filepath.Join(dir, "out-00001.warc.gz") {
		t.Fatalf("files %q: want %s then out-00001.warc.gz...", files, path)
	}
	total := 0
	for _, f := range files {
		rd, err := Open(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for {
			r, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			types = append(types, r.Type)
		}
		rd.Close()
		if len(types) < 3 || types[0] != TypeWarcinfo || len(types)%2 != 1 {
			t.Errorf("%s: records %v: want warcinfo, then response and request pairs", f, types)
		}
		total += len(types) / 2
	}
	if total != 5 {
		t.Errorf("%d captures across the files, want 5", total)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// newFileMode returns the permissions a file created with 0666 gets in dir.
func newFileMode(t *testing.T, dir string) os.FileMode {
	t.Helper()
	p := filepath.Join(dir, "probe")
	if err := os.WriteFile(p, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(p)
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

// strictRead reads path with gowarc (an independent implementation),
// failing on any syntax error, spec violation or digest mismatch.
func strictRead(t *testing.T, path string) {
	t.Helper()
	r, err := gowarc.NewWarcFileReader(path, 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("gowarc: record at %d: %v", rec.Offset, err)
		}
		rec.Close()
	}
}

// TestTrailingGarbageOffset: bytes after the last record that are no
// record are reported at the offset where they start, not at the end of
// the file.
func TestTrailingGarbageOffset(t *testing.T) {
	rec := "WARC/1.0\r\nWARC-Type: metadata\r\nWARC-Record-ID: <urn:uuid:2>\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"
	path := filepath.Join(t.TempDir(), "x.warc")
	os.WriteFile(path, []byte(rec+"not a record at all\n"), 0o644)
	rd, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	_, err = rd.Next()
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Offset != int64(len(rec)) {
		t.Fatalf("after the record: %v, want a corrupt region at offset %d", err, len(rec))
	}
	if _, err := rd.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("then: %v, want EOF", err)
	}
}

// TestRolloverReplacesAnEarlierSeries: writing over an earlier export that
// had more files removes the earlier series' later files, which would
// otherwise sit among the new ones (their revisits pointing at records no
// longer there), and says which.
func TestRolloverReplacesAnEarlierSeries(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.warc.gz")
	write := func(maxSize int64, pages int) Stats {
		w, err := Create(path, Options{MaxSize: maxSize, Software: "test"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range fivePages(time.Now())[:pages] {
			if err := w.WriteCapture(c); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return w.Stats()
	}
	first := write(1500, 5)
	if len(first.Files) < 3 {
		t.Fatalf("first export: %d files, want 3 or more", len(first.Files))
	}
	other := filepath.Join(dir, "out-notes.warc.gz") // not of the series
	if err := os.WriteFile(other, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := write(1<<30, 2)
	got, _ := filepath.Glob(filepath.Join(dir, "out*.warc.gz"))
	want := []string{other, path}
	if !slices.Equal(got, want) {
		t.Errorf("files after the second export %q, want %q", got, want)
	}
	if !slices.Equal(second.Removed, first.Files[1:]) {
		t.Errorf("Removed %q, want %q", second.Removed, first.Files[1:])
	}
}

// TestImportSniffedPages: a page served with no type or a generic one is
// HTML when its content says so, as the crawl judged it when it stored
// the page; a generic payload that is not HTML is still skipped.
func TestImportSniffedPages(t *testing.T) {
	t0 := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC)
	page := "<!DOCTYPE html><html><head><title>Sniffed</title></head><body><p>" + strings.Repeat("word ", 100) + "</p></body></html>"
	typed := func(id int64, u, ct, body string) *corpus.Capture {
		body = strings.Replace(body, "Sniffed", fmt.Sprint("Sniffed ", id), 1)
		c := testCapture(id, u, body, t0.Add(time.Duration(id)*time.Second))
		c.Header.Del("Content-Type")
		c.ContentType = ""
		if ct != "" {
			c.Header.Set("Content-Type", ct)
			c.ContentType = ct
		}
		return c
	}
	path, _ := mustWrite(t, true,
		typed(1, "http://news.example/octet", "application/octet-stream", page),
		typed(2, "http://news.example/untyped", "", page),
		typed(3, "http://news.example/plain", "text/plain; charset=utf-8", page),
		typed(4, "http://news.example/blob", "application/octet-stream", "\x89PNG\r\n\x1a\n not a page"),
		typed(5, "http://news.example/image", "image/png", page),
	)
	st, bad, db := importAll(t, path)
	if len(bad) != 0 || st.Captures != 3 || st.Articles != 3 || st.Skipped["not_html"] != 2 {
		t.Fatalf("stats %+v, corrupt %v; want 3 captures and articles, 2 records not_html", st, bad)
	}
	var urls []string
	err := db.Articles(context.Background(), corpus.ArticleFilter{}, func(a *corpus.Article) error {
		urls = append(urls, a.URL)
		return nil
	})
	slices.Sort(urls)
	want := []string{"http://news.example/octet", "http://news.example/plain", "http://news.example/untyped"}
	if err != nil || !slices.Equal(urls, want) {
		t.Errorf("articles %q, %v; want %q", urls, err, want)
	}
}

// TestImportGenericRevisits: a revisit served as octet-stream is tied to
// its original only through the record it names. A revisit of a PDF that
// was not imported must not be tied to the HTML page stored at the same
// URL; a revisit of a page served as octet-stream is tied to that page.
func TestImportGenericRevisits(t *testing.T) {
	t0 := time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC)
	typed := func(id int64, u, ct, body string) *corpus.Capture {
		c := testCapture(id, u, body, t0.Add(time.Duration(id)*time.Hour))
		c.Header.Set("Content-Type", ct)
		c.ContentType = ct
		return c
	}
	page := "<!DOCTYPE html><html><head><title>Page</title></head><body><p>" + strings.Repeat("word ", 100) + "</p></body></html>"
	pdf := "%PDF-1.4 not a page " + strings.Repeat("x", 200)
	path, _ := mustWrite(t, false,
		typed(1, "http://news.example/x", "text/html", page),
		typed(2, "http://news.example/x", "application/octet-stream", pdf),
		typed(3, "http://news.example/x", "application/octet-stream", pdf), // a revisit of capture 2
		typed(4, "http://news.example/y", "application/octet-stream", page+" "),
		typed(5, "http://news.example/y", "application/octet-stream", page+" "), // a revisit of capture 4
	)
	st, bad, db := importAll(t, path)
	if len(bad) != 0 || st.Captures != 3 || st.Revisits != 1 || st.Skipped["not_html"] != 2 {
		t.Fatalf("stats %+v, corrupt %v; want 3 captures (one a revisit), 2 records not_html", st, bad)
	}
	var got []*corpus.Capture
	db.ForEachCapture(context.Background(), corpus.CaptureFilter{}, func(c *corpus.Capture) error {
		got = append(got, c)
		return nil
	})
	if len(got) != 3 || got[2].URL != "http://news.example/y" || got[2].RevisitOf != got[1].ID {
		t.Errorf("captures %+v: want the revisit of /y tied to /y's capture, none tied to /x's page", got)
	}
}

// TestReaderShowsPrefix: wanted sees the start of a payload, and a
// payload it does not want is not read.
func TestReaderShowsPrefix(t *testing.T) {
	big := strings.Repeat("b", 3*PrefixLen)
	c := testCapture(1, "http://news.example/blob", big, time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC))
	path, _ := mustWrite(t, false, c)
	var seen int
	rd, err := Open(path, func(r *Record, prefix []byte) bool {
		seen = len(prefix)
		return false
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Type == TypeResponse && rec.Payload != nil {
			t.Errorf("payload of %d bytes read, want none", len(rec.Payload))
		}
	}
	if seen != PrefixLen {
		t.Errorf("wanted saw %d bytes, want %d", seen, PrefixLen)
	}
}

// rawRecord returns a WARC/1.0 record of type typ at uri with the extra
// WARC fields and the HTTP block.
func rawRecord(typ, id, uri, date, fields, block string) string {
	return "WARC/1.0\r\nWARC-Type: " + typ + "\r\nWARC-Record-ID: <urn:uuid:" + id + ">\r\nWARC-Date: " + date + "\r\n" +
		"WARC-Target-URI: " + uri + "\r\n" + fields + "Content-Type: application/http;msgtype=response\r\n" +
		"Content-Length: " + fmt.Sprint(len(block)) + "\r\n\r\n" + block + "\r\n\r\n"
}

// TestImportChunkedAndNotModified: a page served as text/plain in the
// chunked coding is sniffed de-chunked; a 304 revisit whose head has no
// Content-Type and that names no record is tied to its page by URL and
// date, as before generic revisits were judged strictly.
func TestImportChunkedAndNotModified(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>Chunked</title></head><body><p>" + strings.Repeat("word ", 100) + "</p></body></html>"
	chunkedBody := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(page), page)
	uri := "http://news.example/x"
	warc := rawRecord("response", "1", uri, "2024-05-01T10:00:00Z", "",
		"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"+chunkedBody) +
		rawRecord("revisit", "2", uri, "2024-05-02T10:00:00Z",
			"WARC-Profile: "+ProfileNotModified+"\r\nWARC-Refers-To-Target-URI: "+uri+"\r\nWARC-Refers-To-Date: 2024-05-01T10:00:00Z\r\n",
			"HTTP/1.1 304 Not Modified\r\nDate: Thu, 02 May 2024 10:00:00 GMT\r\nETag: \"abc\"\r\n\r\n")
	path := filepath.Join(t.TempDir(), "x.warc")
	if err := os.WriteFile(path, []byte(warc), 0o644); err != nil {
		t.Fatal(err)
	}
	st, bad, _ := importAll(t, path)
	if len(bad) != 0 || st.Captures != 2 || st.Articles != 1 || st.Revisits != 1 || st.Skipped["not_html"] != 0 {
		t.Errorf("stats %+v, corrupt %v; want the chunked page and its 304 revisit", st, bad)
	}
}
