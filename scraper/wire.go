package scraper

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// This file records a fetch as it went over the wire, for the archive:
// the request and response heads byte for byte (HTTP/1.x), the remote
// IP address, and the body with its Content-Encoding intact (the
// transport's own decompression is off; decodeBody removes the coding for
// the extractor).

// maxHead bounds a recorded head; the transport refuses larger response
// heads anyway (maxResponseHeaderBytes).
const maxHead = maxResponseHeaderBytes + 1024

// acceptEncoding is what the crawler asks for: the transport's own
// default, which it no longer adds once its decompression is off.
const acceptEncoding = "gzip"

// wireRec collects the heads of one HTTP/1.x exchange as the connection
// writes and reads them.
type wireRec struct {
	mu       sync.Mutex
	req      []byte
	resp     []byte
	reqDone  bool
	respDone bool
	// after counts the bytes read past the response head: the body, and
	// whatever the server sent beyond it.
	after int64
}

func (w *wireRec) wrote(p []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.reqDone {
		return
	}
	w.req = appendHead(w.req, p, &w.reqDone)
}

func (w *wireRec) read(p []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for !w.respDone && len(p) > 0 {
		before := len(w.resp)
		w.resp = appendHead(w.resp, p, &w.respDone)
		if !w.respDone {
			return
		}
		used := max(len(w.resp)-before, 0)
		p = p[min(used, len(p)):]
		// An interim 1xx response (100 Continue, 103 Early Hints) is
		// not the response: keep looking after it.
		if len(w.resp) >= 12 && w.resp[9] == '1' && !bytes.HasPrefix(w.resp[9:], []byte("101")) {
			w.resp, w.respDone = w.resp[:0], false
			continue
		}
	}
	if w.respDone && len(w.resp) > 0 {
		w.after += int64(len(p))
	}
}

// bodyBytes returns how many bytes came after the response head so far,
// 0 when the head was not recorded (HTTP/2).
func (w *wireRec) bodyBytes() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.after
}

// appendHead appends p to head up to and including the blank line that
// ends a head, and sets *done when it was found.
func appendHead(head, p []byte, done *bool) []byte {
	start := max(len(head)-3, 0)
	head = append(head, p...)
	if i := bytes.Index(head[start:], []byte("\r\n\r\n")); i >= 0 {
		*done = true
		return head[:start+i+4]
	}
	if len(head) > maxHead {
		*done = true // not a head we can keep: drop it
		return nil
	}
	return head
}

// heads returns copies of the recorded heads, nil when incomplete.
func (w *wireRec) heads() (req, resp []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.reqDone && len(w.req) > 0 {
		req = bytes.Clone(w.req)
	}
	if w.respDone && len(w.resp) > 0 {
		resp = bytes.Clone(w.resp)
	}
	return req, resp
}

// wireConn is a connection whose bytes go to the wireRec of the request
// that holds it (HTTP/1.x: one request at a time).
type wireConn struct {
	net.Conn
	rec atomic.Pointer[wireRec]
}

func (c *wireConn) Write(p []byte) (int, error) {
	if r := c.rec.Load(); r != nil {
		r.wrote(p)
	}
	return c.Conn.Write(p)
}

func (c *wireConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if r := c.rec.Load(); r != nil && n > 0 {
		r.read(p[:n])
	}
	return n, err
}

// wireDialers returns the transport's dial functions over dialer: connections that
// record their heads, for plain HTTP and for HTTPS that negotiates
// HTTP/1.1. HTTPS connections that negotiate HTTP/2 are handed over as
// they are (their heads are not recorded). base is the TLS configuration
// (nil: the system's roots).
func wireDialers(dialer func(ctx context.Context, network, addr string) (net.Conn, error), handshake time.Duration, base *tls.Config) (
	dial, dialTLS func(ctx context.Context, network, addr string) (net.Conn, error)) {
	dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dialer(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &wireConn{Conn: c}, nil
	}
	dialTLS = func(ctx context.Context, network, addr string) (net.Conn, error) {
		raw, err := dialer(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			host = addr
		}
		cfg := &tls.Config{}
		if base != nil {
			cfg = base.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName = host
		}
		cfg.NextProtos = []string{"h2", "http/1.1"}
		tc := tls.Client(raw, cfg)
		hctx, cancel := context.WithTimeout(ctx, handshake)
		defer cancel()
		if err := tc.HandshakeContext(hctx); err != nil {
			raw.Close()
			return nil, err
		}
		if tc.ConnectionState().NegotiatedProtocol == "h2" {
			return tc, nil // the transport needs the *tls.Conn for HTTP/2
		}
		return &wireConn{Conn: tc}, nil
	}
	return dial, dialTLS
}

// wireTrace is the recording of one request: the connection it got and
// the remote address.
type wireTrace struct {
	rec  *wireRec
	conn *wireConn
	ip   string
}

// trace returns ctx with a client trace that binds the connection the
// request gets to t and calls wrote (when not nil) once the request is
// written.
func (t *wireTrace) trace(ctx context.Context, wrote func()) context.Context {
	t.rec = &wireRec{}
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) {
			if wrote != nil {
				wrote()
			}
		},
		GotConn: func(info httptrace.GotConnInfo) {
			if a, ok := info.Conn.RemoteAddr().(*net.TCPAddr); ok {
				t.ip = a.IP.String()
			} else if info.Conn.RemoteAddr() != nil {
				if h, _, err := net.SplitHostPort(info.Conn.RemoteAddr().String()); err == nil {
					t.ip = h
				}
			}
			if wc, ok := info.Conn.(*wireConn); ok {
				t.conn = wc
				wc.rec.Store(t.rec)
			}
		},
	})
}

// done unbinds the connection, once the body has been read.
func (t *wireTrace) done() {
	if t.conn != nil {
		t.conn.rec.CompareAndSwap(t.rec, nil)
	}
}

// decodeBody removes the Content-Encoding of a body read raw, keeping at
// most limit bytes of the result. A body cut before its end (truncated)
// decodes as far as it goes.
func decodeBody(raw []byte, h http.Header, limit int64, truncated bool) ([]byte, bool, error) {
	enc := h.Get("Content-Encoding")
	if len(corpus.ContentCodings(enc)) == 0 {
		return raw, false, nil
	}
	out, cut, err := corpus.DecodeContent(raw, enc, limit)
	if err != nil && truncated && out != nil {
		return out, true, nil
	}
	return out, cut, err
}

// decodeCoded decodes a body the fetch left coded (see
// fetchResult.coded), as the fetch does any other, and reports whether it
// was cut at the body limit: the fetch is then truncated. A body that
// cannot be decoded gives what was decoded before the error.
func (r *fetchResult) decodeCoded() (cut bool) {
	if !r.coded {
		return false
	}
	r.body, cut, _ = decodeBody(r.wire, r.header, r.maxBody, true)
	r.coded = false
	if cut {
		r.truncated, r.size = true, r.maxBody+1
	}
	return cut
}

// prefix returns the start of the decoded body, at least n bytes of it
// when there are that many, for sniffing, without decoding the rest.
func (r *fetchResult) prefix(n int) []byte {
	if !r.coded {
		return r.body
	}
	rd, err := corpus.NewContentReader(bytes.NewReader(r.wire), r.header.Get("Content-Encoding"))
	if err != nil {
		return nil
	}
	defer rd.Close()
	b, _ := io.ReadAll(io.LimitReader(rd, int64(n)))
	return b
}

// reader returns the decoded body as a stream, decoding a coded body as
// it is read. Close it.
func (r *fetchResult) reader() (io.ReadCloser, error) {
	if !r.coded {
		return io.NopCloser(bytes.NewReader(r.body)), nil
	}
	return corpus.NewContentReader(bytes.NewReader(r.wire), r.header.Get("Content-Encoding"))
}
