package scraper

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// wireTestParagraphs is an article's body: a dozen paragraphs of differing
// prose (twenty copies of one sentence read as a template page to the
// page-type model, not as an article).
func wireTestParagraphs() string {
	words := strings.Fields("the council met on tuesday to discuss harbour plans at length while residents " +
		"argued over costs and the mayor promised a vote before winter after months of delay and several " +
		"public hearings that drew crowds")
	var b strings.Builder
	for i := range 12 {
		b.WriteString("<p>")
		for j := range 22 {
			b.WriteString(words[(i*7+j*3)%len(words)] + " ")
		}
		b.WriteString("end.</p>")
	}
	return b.String()
}

// TestCaptureAsReceived: a gzipped page is stored gzipped, with its heads
// byte for byte (header order and case included), the remote IP and the
// digest of the stored bytes; the article is extracted from the decoded
// page.
func TestCaptureAsReceived(t *testing.T) {
	page := "<html><head><title>Wire test</title></head><body><article><h1>Wire test</h1>" +
		wireTestParagraphs() +
		"</article></body></html>"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	head := "HTTP/1.1 200 OK\r\nZ-Last: 1\r\nContent-Type: text/html; charset=utf-8\r\nA-First: 2\r\n" +
		"Content-Encoding: gzip\r\nContent-Length: " + strconv.Itoa(gz.Len()) + "\r\n\r\n"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var gotAE string
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					if req.URL.Path != "/story" {
						c.Write([]byte("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))
						continue
					}
					gotAE = req.Header.Get("Accept-Encoding")
					c.Write([]byte(head))
					c.Write(gz.Bytes())
				}
			}(c)
		}
	}()
	db := corpus.MustOpen(t)
	u := "http://" + ln.Addr().String() + "/story"
	mustCrawl(t, db, []string{u}, fast(WithIgnoreRobots(true), WithDepth(0))...)
	e, err := db.FrontierEntry(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Capture(context.Background(), e.CaptureID)
	if err != nil {
		t.Fatal(err)
	}
	if gotAE != "gzip" {
		t.Errorf("Accept-Encoding sent %q, want gzip", gotAE)
	}
	if !bytes.Equal(c.Body, gz.Bytes()) || c.BodyForm != corpus.BodyWire {
		t.Errorf("body form %q, %d bytes: want the %d gzipped bytes as received", c.BodyForm, len(c.Body), gz.Len())
	}
	if string(c.ResponseHead) != head {
		t.Errorf("response head %q, want %q", c.ResponseHead, head)
	}
	if !bytes.HasPrefix(c.RequestHead, []byte("GET /story HTTP/1.1\r\n")) || !bytes.HasSuffix(c.RequestHead, []byte("\r\n\r\n")) {
		t.Errorf("request head %q", c.RequestHead)
	}
	if c.RemoteIP != "127.0.0.1" {
		t.Errorf("remote IP %q, want 127.0.0.1", c.RemoteIP)
	}
	if sum := sha256.Sum256(gz.Bytes()); c.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("sha256 %s, want %x (of the stored bytes)", c.SHA256, sum)
	}
	dec, _, err := c.Decoded(0)
	if err != nil || string(dec) != page {
		t.Errorf("decoded body: %v, %d bytes, want the page", err, len(dec))
	}
	var arts []*corpus.Article
	err = db.Articles(context.Background(), corpus.ArticleFilter{}, func(a *corpus.Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil || len(arts) != 1 || arts[0].Title != "Wire test" || arts[0].ContentSHA256 != c.SHA256 {
		t.Errorf("articles %+v, %v: want the wire test article tied to the capture digest", arts, err)
	}
}

// TestWireTLS: over HTTPS the transport records the heads when HTTP/1.1
// is negotiated and hands HTTP/2 connections over as they are; both
// fetch, with the remote IP.
func TestWireTLS(t *testing.T) {
	for _, h2 := range []bool{false, true} {
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<p>hello</p>"))
		}))
		srv.EnableHTTP2 = h2
		srv.StartTLS()
		defer srv.Close()
		pool := x509.NewCertPool()
		pool.AddCert(srv.Certificate())
		d := &net.Dialer{Timeout: 5 * time.Second}
		dial, dialTLS := wireDialers(d.DialContext, 5*time.Second, &tls.Config{RootCAs: pool})
		tr := &http.Transport{DialContext: dial, DialTLSContext: dialTLS, ForceAttemptHTTP2: true, DisableCompression: true}
		defer tr.CloseIdleConnections()
		var wt wireTrace
		req, _ := http.NewRequestWithContext(wt.trace(context.Background(), nil), http.MethodGet, srv.URL+"/x", nil)
		res, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatalf("h2=%v: %v", h2, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		wt.done()
		reqHead, respHead := wt.rec.heads()
		if string(body) != "<p>hello</p>" || wt.ip != "127.0.0.1" || (res.ProtoMajor == 2) != h2 {
			t.Errorf("h2=%v: body %q, ip %q, proto %s", h2, body, wt.ip, res.Proto)
		}
		if h2 != (respHead == nil) || h2 != (reqHead == nil) {
			t.Errorf("h2=%v: heads %q / %q: want them recorded over HTTP/1.1 only", h2, reqHead, respHead)
		}
		if !h2 && !bytes.HasPrefix(respHead, []byte("HTTP/1.1 200 OK\r\n")) {
			t.Errorf("response head %q", respHead)
		}
	}
}
