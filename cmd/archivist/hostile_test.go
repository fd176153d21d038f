package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/archivist-project/archivist/corpus"
)

// hostileServer is a loopback HTTP/1.1 server that writes its responses by
// hand, so that it can send what net/http's server refuses to: malformed
// headers, invalid UTF-8 and control bytes, lying Content-Length, endless
// bodies. Every connection carries one response and is closed after it.
// hostileRoute writes the raw response to r.
type hostileRoute = func(w *bufio.Writer, r *http.Request, s *hostileServer)

type hostileServer struct {
	ln     net.Listener
	host   string // 127.0.0.1:PORT
	routes map[string]hostileRoute

	mu       sync.Mutex
	requests []string // request URIs, as received
	conns    map[net.Conn]bool
	wg       sync.WaitGroup
}

func newHostileServer(t testing.TB, routes map[string]hostileRoute) *hostileServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &hostileServer{ln: ln, host: ln.Addr().String(), routes: routes, conns: map[net.Conn]bool{}}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(s.close)
	return s
}

func (s *hostileServer) url(path string) string { return "http://" + s.host + path }

func (s *hostileServer) serve() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns[c] = true
		s.mu.Unlock()
		s.wg.Add(1)
		go s.handle(c)
	}
}

// handle reads one request from c, answers it and closes c. A response
// gets at most 10 seconds, so that no test can hang on a client that
// stopped reading.
func (s *hostileServer) handle(c net.Conn) {
	defer s.wg.Done()
	defer func() {
		c.Close()
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
	}()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	req, err := http.ReadRequest(bufio.NewReader(c))
	if err != nil {
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req.RequestURI)
	s.mu.Unlock()
	w := bufio.NewWriter(c)
	route, ok := s.routes[req.URL.Path]
	if !ok {
		route = rawResponse("404 Not Found", "text/plain", "", "not found")
	}
	route(w, req, s)
	w.Flush()
}

func (s *hostileServer) close() {
	s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// log returns the request URIs received so far.
func (s *hostileServer) log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// rawResponse answers with status, the Content-Type ctype (none when
// empty), the extra header lines extra (each ending in \r\n) and body,
// with a true Content-Length. In the body, {{host}} is the server's host
// and {{id}} the request's id parameter.
func rawResponse(status, ctype, extra, body string) hostileRoute {
	return func(w *bufio.Writer, r *http.Request, s *hostileServer) {
		body := strings.NewReplacer("{{host}}", s.host, "{{id}}", r.URL.Query().Get("id")).Replace(body)
		fmt.Fprintf(w, "HTTP/1.1 %s\r\n", status)
		if ctype != "" {
			fmt.Fprintf(w, "Content-Type: %s\r\n", ctype)
		}
		fmt.Fprintf(w, "%sContent-Length: %d\r\nConnection: close\r\n\r\n%s", extra, len(body), body)
	}
}

// rawBytes writes head (the status line and headers, \r\n-terminated
// lines, without the blank line) and body as they are, with no
// Content-Length of its own.
func rawBytes(head, body string) hostileRoute {
	return func(w *bufio.Writer, r *http.Request, s *hostileServer) {
		w.WriteString(head + "Connection: close\r\n\r\n" + body)
	}
}

// endlessChunked sends a chunked body that does not end: it stops after
// 64 MiB or when the client goes away.
func endlessChunked(w *bufio.Writer, r *http.Request, s *hostileServer) {
	w.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
	chunk := strings.Repeat("<p>and on and on</p>\n", 3000)
	for sent := 0; sent < 64<<20; sent += len(chunk) {
		fmt.Fprintf(w, "%x\r\n%s\r\n", len(chunk), chunk)
		if w.Flush() != nil {
			return
		}
	}
}

// gzipBombBody is the bomb's body, compressed once per test binary: on
// a loaded machine compressing 32 MiB per request took longer than the
// crawl's --timeout, and the bomb was recorded as a timeout.
var gzipBombBody = sync.OnceValue(func() *bytes.Buffer {
	var body bytes.Buffer
	zw := gzip.NewWriter(&body)
	zw.Write(make([]byte, 32<<20))
	zw.Close()
	return &body
})

// gzipBomb sends 32 MiB of zeros, gzipped to about 32 KiB.
func gzipBomb(w *bufio.Writer, r *http.Request, s *hostileServer) {
	body := gzipBombBody()
	fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", body.Len())
	w.Write(body.Bytes())
}

// drip sends its headers, then a byte of body every 20 ms, without end
// (until the connection's 10 s deadline).
func drip(w *bufio.Writer, r *http.Request, s *hostileServer) {
	w.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<html>")
	for w.Flush() == nil {
		time.Sleep(20 * time.Millisecond)
		w.WriteByte(' ')
	}
}

// endlessHead writes head, then repeat without end: a header that does
// not end, or informational responses that do not end. It stops after 64
// MiB or when the client goes away.
func endlessHead(head, repeat string) hostileRoute {
	return func(w *bufio.Writer, r *http.Request, s *hostileServer) {
		w.WriteString(head)
		for sent := 0; sent < 64<<20; sent += len(repeat) {
			w.WriteString(repeat)
			if w.Flush() != nil {
				return
			}
		}
	}
}

// hostileArticle returns a page the extractor keeps as an article, with
// extra inside its body (raw, not escaped).
func hostileArticle(title, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | The Hostile Herald</title>
<meta property="og:type" content="article"><meta property="article:published_time" content="2026-11-20T08:30:00Z">
<meta name="author" content="Ada Quill"></head><body><header><a href="/">Home</a></header><article>
<h1>%s</h1><p class="byline">By Ada Quill</p><time datetime="2026-11-20T08:30:00Z">20 November 2026</time>
`, title, title)
	for i := range 8 {
		fmt.Fprintf(&b, "<p>Paragraph %d of %s. The harbour commission met on Thursday to weigh the dredging plan, "+
			"which fishermen say would ruin the spawning grounds while shippers call it overdue; the vote was "+
			"postponed until the survey results arrive from the coastal laboratory next spring.</p>\n", i+1, title)
		if i == 3 {
			b.WriteString(extra)
		}
	}
	b.WriteString("</article><footer>The Hostile Herald</footer></body></html>\n")
	return b.String()
}

// hostileCase is one URL of the hostile site: what the server sends, and
// what the crawl may make of it. kinds lists the acceptable capture error
// kinds, "" for a successful capture; article says that the page must be
// stored as an article.
type hostileCase struct {
	path    string
	respond hostileRoute
	kinds   []string
	article bool
}

func hostileCases() []hostileCase {
	page := hostileArticle("Charset header", "")
	return []hostileCase{
		{path: "/h/ctype", respond: rawResponse("200 OK", "text/html; \xf7ChArset=", "", page),
			kinds: []string{""}, article: true},
		{path: "/h/ctype-unquoted", respond: rawResponse("200 OK", "text/html; charset=\"utf-8; q=; =\xff\xfe", "",
			hostileArticle("Unquoted charset", "")), kinds: []string{""}, article: true},
		{path: "/h/header-utf8", respond: rawResponse("200 OK", "text/html",
			"X-Junk: caf\xe9 \xff\xfe end\r\nContent-Language: \xc3\x28\r\nLast-Modified: \xff\xff\r\nETag: \"\xf7\"\r\n",
			hostileArticle("Header bytes", "")), kinds: []string{""}, article: true},
		// Go's HTTP client refuses control bytes in a header value: the
		// response is unreadable, recorded as malformed.
		{path: "/h/header-ctl", respond: rawResponse("200 OK", "text/html", "X-Junk: a\x01b\x7f\r\n",
			hostileArticle("Header control bytes", "")), kinds: []string{corpus.ErrKindMalformed}},
		{path: "/h/body-bytes", respond: rawResponse("200 OK", "text/html", "",
			hostileArticle("Body bytes", "<p>Broken \xff\xfe\xc3\x28 bytes and NULs \x00\x00 here.</p>\x00\n")),
			kinds: []string{""}, article: true},
		{path: "/h/cl-long", respond: rawBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 500000\r\n",
			hostileArticle("Long promise", "")), kinds: []string{corpus.ErrKindConnection}},
		{path: "/h/cl-short", respond: rawBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 900\r\n",
			hostileArticle("Short promise", "")), kinds: []string{""}},
		{path: "/h/endless", respond: endlessChunked, kinds: []string{corpus.ErrKindTooLarge}},
		{path: "/h/gzip-bomb", respond: gzipBomb, kinds: []string{corpus.ErrKindTooLarge}},
		{path: "/h/drip", respond: drip, kinds: []string{corpus.ErrKindTimeout}},
		{path: "/h/fake-gzip", respond: rawResponse("200 OK", "text/html", "Content-Encoding: gzip\r\n",
			hostileArticle("Not gzip", "")), kinds: []string{corpus.ErrKindMalformed}},
		{path: "/h/bad-location", respond: rawResponse("302 Found", "text/html", "Location: http://[::1:bad/%zz\r\n",
			"moved"), kinds: []string{corpus.ErrKindMalformed}},
		{path: "/h/utf8-location", respond: rawResponse("301 Moved Permanently", "text/html", "Location: /news/\xff\xfe?\xc3\x28\r\n",
			"moved"), kinds: []string{corpus.ErrKindHTTP4xx}},
		// Go's client reads at most 10 MB of headers (1xx responses
		// included), then gives up on the response.
		{path: "/h/utf8-location-ok", respond: rawResponse("302 Found", "text/html", "Location: /target/\xff?q=\xc3\x28\r\n",
			"moved"), kinds: []string{""}},
		{path: "/h/huge-header", respond: endlessHead("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Big: ",
			strings.Repeat("\xf7", 64<<10)), kinds: []string{corpus.ErrKindMalformed}},
		{path: "/h/two-lengths", respond: rawBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\nContent-Length: 20\r\n",
			"<p>0123456789012</p>"), kinds: []string{corpus.ErrKindMalformed}},
		{path: "/h/bad-chunk", respond: rawBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
			"5\r\n<p>x<\r\nzz\r\n/p>\r\n0\r\n\r\n"), kinds: []string{corpus.ErrKindMalformed}},
		{path: "/h/endless-1xx", respond: endlessHead("", "HTTP/1.1 102 Processing\r\nX-More: "+strings.Repeat("x", 4000)+"\r\n\r\n"),
			kinds: []string{corpus.ErrKindMalformed}},
		{path: "/h/bad-header-line", respond: rawBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nthis line has no colon\r\n",
			"<p>x</p>"), kinds: []string{corpus.ErrKindMalformed}},
		{path: "/h/bad-status", respond: rawBytes("HTTP/1.1 2x0 Fine\r\nContent-Type: text/html\r\n", "<p>x</p>"),
			kinds: []string{corpus.ErrKindMalformed}},
	}
}

// hostileSite returns the routes of the hostile site: a front page linking
// to every case and to normal articles, a sitemap with raw '&' in its
// URLs, and a robots.txt full of garbage bytes.
func hostileSite(cases []hostileCase, normal []string) map[string]hostileRoute {
	routes := map[string]hostileRoute{}
	var front strings.Builder
	front.WriteString(`<!DOCTYPE html><html><head><title>The Hostile Herald</title></head><body><ul>`)
	for _, c := range cases {
		routes[c.path] = c.respond
		fmt.Fprintf(&front, "<li><a href=%q>%s</a></li>\n", c.path, c.path)
	}
	for i, p := range normal {
		routes[p] = rawResponse("200 OK", "text/html; charset=utf-8", "", hostileArticle(fmt.Sprintf("Normal story %d", i+1), ""))
		fmt.Fprintf(&front, "<li><a href=%q>story %d</a></li>\n", p, i+1)
	}
	front.WriteString(`<li><a href="/private/secret">secret</a></li>` +
		"<li><a href=\"/news/\xff\x00x\">raw bytes</a><a href=\"http://[::1\">bad host</a><a href=\"\xc3\x28\">x</a>" +
		"<a href=\"javascript:alert(1)\">js</a><a href=\"http://127.0.0.1:0/\">port 0</a><a href=\"//\x01/\">ctl</a></li></ul></body></html>")
	routes["/"] = rawResponse("200 OK", "text/html; charset=utf-8", "", front.String())
	routes["/robots.txt"] = rawResponse("200 OK", "text/plain", "",
		"\xef\xbb\xbf\x00\xff\xfe garbage \x01\x02\n\xc3\x28 User-agent \x00\nUser-agent: *\nDisallow: /private/\n"+
			"Crawl-delay: \xff\n\x7f\x80\x81 Disallow \n"+strings.Repeat("\xf7", 300)+"\nSitemap: http://{{host}}/sitemap.xml\n")
	routes["/sitemap.xml"] = rawResponse("200 OK", "application/xml", "",
		`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
			`<url><loc>http://{{host}}/sitemap-page?id=1&copy=2</loc></url>`+
			`<url><loc>http://{{host}}/sitemap-page?id=2&amp;lang=en&reg</loc></url></urlset>`)
	routes["/target/\xff"] = rawResponse("200 OK", "text/html; charset=utf-8", "", hostileArticle("Target story", ""))
	routes["/sitemap-page"] = rawResponse("200 OK", "text/html; charset=utf-8", "", hostileArticle("Sitemap story {{id}}", ""))
	return routes
}

// TestHostileServer crawls, through the CLI, a site whose server sends
// malformed headers, invalid UTF-8, lying Content-Length, an endless body,
// broken gzip, a malformed redirect, a garbage robots.txt and a sitemap
// with raw '&': the crawl finishes with exit 0, every page is either
// stored or recorded as a failed capture with a fitting error kind, every
// normal article is exported, and a second run fetches no article again.
func TestHostileServer(t *testing.T) {
	cases := hostileCases()
	normal := []string{"/news/one", "/news/two", "/news/three"}
	srv := newHostileServer(t, hostileSite(cases, normal))
	db := filepath.Join(t.TempDir(), "archive.db")
	crawl := []string{"crawl", "--db", db, "--delay", "0s", "--per-host", "4", "--parallel", "4",
		"--timeout", "5s", "--retries", "1", "--max-body", "256KiB", "-q", srv.url("/")}

	start := time.Now()
	code, out, errOut := runCLI(t, crawl...)
	t.Logf("crawl took %s", time.Since(start))
	if code != 0 || !strings.Contains(out, "crawl finished: ") {
		t.Fatalf("crawl: exit %d, want 0 (failed URLs are recorded, the crawl finishes)\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	assertNoBug(t, errOut)

	stored := exportedURLs(t, db)
	for _, p := range append(slices.Clone(normal), "/sitemap-page?copy=2&id=1", "/target/%FF?q=%C3(") {
		if !stored[srv.url(p)] {
			t.Errorf("article %s not stored; stored: %v", p, stored)
		}
	}
	checkHostileCaptures(t, db, srv, cases, stored)
	checkSitemapRequests(t, srv.log())
	fetches := map[string]int{}
	for _, uri := range srv.log() {
		if strings.ContainsFunc(uri, func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
			t.Errorf("request line with bytes outside ASCII: %q", uri)
		}
		if fetches[uri]++; fetches[uri] > 2 {
			t.Errorf("%s requested %d times with --retries 1", uri, fetches[uri])
		}
	}

	// Run again, without seeds and with them: a finished crawl checks its
	// hubs (the front page, sitemaps) and what failed for a cause that
	// may pass, never the articles it has.
	before := len(srv.log())
	start = time.Now()
	code, _, errOut = runCLI(t, "crawl", "--db", db, "--delay", "0s", "--per-host", "4", "--parallel", "4",
		"--timeout", "5s", "--retries", "1", "--max-body", "256KiB", "-q")
	t.Logf("crawl again without seeds took %s, fetched %q", time.Since(start), srv.log()[before:])
	if code != 0 {
		t.Errorf("finished crawl run again without seeds: exit %d, stderr %q; want 0", code, errOut)
	}
	code, _, errOut = runCLI(t, crawl...)
	if code != 0 {
		t.Errorf("crawl again: exit %d\n%s", code, errOut)
	}
	assertNoBug(t, errOut)
	for _, uri := range srv.log()[before:] {
		if stored[srv.url(uri)] {
			t.Errorf("crawl again fetched the article %s again", uri)
		}
	}
}

func assertNoBug(t testing.TB, stderr string) {
	t.Helper()
	for _, bad := range []string{"panic", "internal error", "goroutine ", ".go:"} {
		if strings.Contains(stderr, bad) {
			t.Errorf("stderr has %q:\n%s", bad, stderr)
		}
	}
}

// exportedURLs returns the URLs of the articles `archivist export` writes,
// checking that each record is valid UTF-8 without NUL bytes.
func exportedURLs(t testing.TB, db string) map[string]bool {
	t.Helper()
	out := mustRun(t, "export", "--db", db, "--format", "jsonl")
	urls := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var a corpus.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("export line %q: %v", line, err)
		}
		if !utf8.ValidString(a.Text+a.Title) || strings.ContainsRune(a.Text+a.Title, 0) {
			t.Errorf("article %s: text or title has invalid UTF-8 or NUL: %q", a.URL, a.Text)
		}
		urls[a.URL] = true
	}
	return urls
}

// checkHostileCaptures checks that each hostile URL was settled: a capture
// with one of its acceptable error kinds, and an article where one is due.
func checkHostileCaptures(t *testing.T, path string, srv *hostileServer, cases []hostileCase, stored map[string]bool) {
	t.Helper()
	ctx := context.Background()
	db, err := corpus.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c.path, "/h/"), func(t *testing.T) {
			u := srv.url(c.path)
			e, err := db.FrontierEntry(ctx, u)
			if err != nil {
				t.Fatalf("frontier: %v", err)
			}
			if e.State != corpus.StateDone && e.State != corpus.StateFailed || e.CaptureID == 0 {
				t.Fatalf("frontier state %s, capture %d: want settled with a capture", e.State, e.CaptureID)
			}
			capt, err := db.Capture(ctx, e.CaptureID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(c.kinds, capt.ErrorKind) {
				t.Errorf("capture status %d, error kind %q (%s), want one of %q", capt.Status, capt.ErrorKind, capt.Error, c.kinds)
			}
			if c.article && !stored[u] {
				t.Errorf("not stored as an article (capture status %d, kind %q, %s)", capt.Status, capt.ErrorKind, capt.Error)
			}
			if capt.ErrorKind == corpus.ErrKindTooLarge && int64(len(capt.Body)) > 256<<10 {
				t.Errorf("kept %d bytes, more than --max-body", len(capt.Body))
			}
		})
	}
	err = db.ForEachCapture(ctx, corpus.CaptureFilter{}, func(c *corpus.Capture) error {
		if c.ErrorKind == corpus.ErrKindPanic {
			t.Errorf("capture of %s: %s", c.RequestedURL, c.Error)
		}
		if !utf8.ValidString(c.URL + strings.Join(c.Redirects, "")) {
			t.Errorf("capture %d: URL %q, redirects %q: not valid UTF-8", c.ID, c.URL, c.Redirects)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if e, err := db.FrontierEntry(ctx, srv.url("/private/secret")); err != nil || e.State != corpus.StateSkipped {
		t.Errorf("/private/secret (disallowed by robots.txt): %+v, %v; want skipped", e, err)
	}
}

// checkSitemapRequests checks that the sitemap's URLs reached the server
// as written: '&copy' is a parameter, not the HTML entity ©.
func checkSitemapRequests(t testing.TB, log []string) {
	t.Helper()
	want := map[string]url.Values{
		"1": {"id": {"1"}, "copy": {"2"}},
		"2": {"id": {"2"}, "lang": {"en"}, "reg": {""}},
	}
	for _, uri := range log {
		if strings.HasPrefix(uri, "/private/") {
			t.Errorf("fetched %s, which robots.txt disallows", uri)
		}
		u, err := url.Parse(uri)
		if err != nil || u.Path != "/sitemap-page" {
			continue
		}
		q := u.Query()
		if w, ok := want[q.Get("id")]; ok && fmt.Sprint(q) == fmt.Sprint(w) {
			delete(want, q.Get("id"))
		} else {
			t.Errorf("sitemap URL requested as %s", uri)
		}
	}
	for id, q := range want {
		t.Errorf("sitemap URL %s (id %s) never requested; requests: %q", q.Encode(), id, log)
	}
}
